// The renderer origin over real sockets: what it serves, what it refuses, and that nothing leaks.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Log } from '../../../src/main/core/ports';
import { RendererServerError, startRendererServer, type RendererServer, type RendererServerOptions } from '../../../src/main/origin/renderer-server';
import { RENDERER_CONFIG_PATH, type RendererConfig } from '../../../src/shared/ipc-contract';
import { makeCanary } from '../../support/canary';

const CSP = "default-src 'self'; script-src 'self' https://cdn.qlikcloud.com; frame-ancestors 'none'";
const OUTSIDE = `OUTSIDE-MARKER-${Date.now()}`;
const DOTFILE = `DOTFILE-MARKER-${Date.now()}`;
const rendererConfig: RendererConfig = {
  tenantHost: 'https://acme.eu.qlikcloud.com',
  clientId: 'client-123',
  embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 's-1' }],
  demo: false,
};

/** Records raw, unredacted lines, so the canary check would see a leak the redactor might otherwise hide. */
function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string, f?: Record<string, unknown>) => lines.push(`${level} ${m} ${f ? JSON.stringify(f) : ''}`);
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error'), sensitive: () => {} };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

interface RawResponse { status: number; head: string; body: string }

/** Sends the request target byte for byte (fetch and http.request would normalise `..`). */
function raw(port: number, target: string, host: string | null = `127.0.0.1:${port}`, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body: rest.join('\r\n\r\n') });
    });
    // Node itself answers 400 to HTTP/1.1 without Host; HTTP/1.0 lets a Host-less request reach our check.
    const version = host === null ? 'HTTP/1.0' : 'HTTP/1.1';
    sock.write(`${method} ${target} ${version}\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);
  });
}

/** A normal request as the kiosk window makes it: Host is the registered origin, localhost:<port>. */
function get(port: number, pathname: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers: { Host: `localhost:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('renderer server', () => {
  let dir: string;
  let root: string;
  let port: number;
  let server: RendererServer;
  const log = recordingLog();
  const start = (over: Partial<RendererServerOptions> = {}) => startRendererServer({ root, port, csp: CSP, rendererConfig, log, ...over });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qiosk-origin-'));
    root = path.join(dir, 'renderer');
    await mkdir(path.join(root, 'nested', 'deep'), { recursive: true });
    await mkdir(path.join(dir, 'outside'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>qiosk-index</title>');
    await writeFile(path.join(root, 'main.js'), 'console.log("qiosk-main")');
    await writeFile(path.join(root, 'styles.css'), 'body{color:black}');
    await writeFile(path.join(root, 'nested', 'deep', 'data.json'), '{"nested":true}');
    await writeFile(path.join(root, '.env'), DOTFILE);
    await writeFile(path.join(dir, 'outside', 'secret.txt'), OUTSIDE);
    await writeFile(path.join(dir, 'passwd'), OUTSIDE);
    await symlink(path.join(dir, 'outside', 'secret.txt'), path.join(root, 'link.txt'));
    await symlink(path.join(dir, 'outside'), path.join(root, 'linkdir'));
    port = await freePort();
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the registered origin and logs it once on start', () => {
    expect(server.origin).toBe(`http://localhost:${port}`);
    expect(log.lines.filter((l) => l.startsWith('info') && l.includes(`http://localhost:${port}`))).toHaveLength(1);
  });

  it('serves / as index.html with the exact CSP, every security header and no-store', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('qiosk-index');
    const h = res.headers;
    expect(h.get('content-type')).toBe('text/html; charset=utf-8');
    expect(h.get('content-security-policy')).toBe(CSP);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(h.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    expect(h.get('cache-control')).toBe('no-store');
  });

  it('answers Host localhost:<port>, the name the kiosk window uses', async () => {
    const res = await get(port, '/index.html');
    expect(res.status).toBe(200);
    expect(res.body).toContain('qiosk-index');
  });

  it.each([
    ['/main.js', 'text/javascript; charset=utf-8', 'qiosk-main'],
    ['/styles.css', 'text/css; charset=utf-8', 'color:black'],
    ['/nested/deep/data.json', 'application/json; charset=utf-8', '"nested":true'],
  ])('serves %s as %s, revalidated on every load', async (p, type, content) => {
    const res = await get(port, p);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.body).toContain(content);
  });

  it('HEAD gives the headers and length without a body', async () => {
    const res = await get(port, '/main.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("qiosk-main")'.length));
    expect(res.body).toBe('');
  });

  it('serves the renderer config as JSON, never cached', async () => {
    const res = await fetch(`http://127.0.0.1:${port}${RENDERER_CONFIG_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(rendererConfig);
  });

  it.each([
    '/../etc/passwd',
    '/../passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e/passwd',
    '/..%2f..%2fetc/passwd',
    '/..%2fpasswd',
    '/%2e%2e%5c',
    '/%2e%2e%5cpasswd',
    '/.env',
    '/%2eenv',
    '/%00',
    '/index.html%00',
    '/%E0%A4%A',
    '/link.txt',
    '/linkdir/secret.txt',
    '/nested/../../passwd',
    'http://127.0.0.1/../passwd',
  ])('refuses %s without leaking a byte', async (target) => {
    const res = await raw(port, target);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(OUTSIDE);
    expect(res.body).not.toContain(DOTFILE);
    expect(res.head).toMatch(/cache-control: no-store/i);
    expect(res.head).toMatch(/x-content-type-options: nosniff/i);
  });

  it('does not serve directories or missing files', async () => {
    expect((await get(port, '/nested')).status).toBe(404);
    expect((await get(port, '/nested/')).status).toBe(404);
    expect((await get(port, '/nope.js')).status).toBe(404);
  });

  // PORT and NEXT are replaced at run time: the table is built before beforeAll picks the port.
  it.each(['evil.example', 'evil.example:PORT', 'localhost:NEXT', '127.0.0.2:PORT', null])('refuses Host %s (DNS rebinding)', async (template) => {
    const host = template?.replace('PORT', String(port)).replace('NEXT', String(port + 1)) ?? null;
    const res = await raw(port, '/', host);
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('qiosk-index');
    expect(res.head).toMatch(/content-type: text\/plain/i);
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('Host'))).toBe(true);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s with 405 and Allow', async (method) => {
    const res = await raw(port, '/', `localhost:${port}`, method);
    expect(res.status).toBe(405);
    expect(res.head).toMatch(/\r\nallow: GET, HEAD/i);
  });

  it('never logs a query string, even on refused requests', async () => {
    const canary = makeCanary('TOKEN');
    await raw(port, `/?token=${canary}`);
    await raw(port, `/missing.js?token=${canary}`);
    await raw(port, `/../passwd?token=${canary}`);
    await raw(port, `/?token=${canary}`, 'evil.example');
    await raw(port, `/?token=${canary}`, `localhost:${port}`, 'POST');
    expect(log.lines.some((l) => l.includes('/missing.js'))).toBe(true); // the requests were logged...
    expect(log.lines.join('\n')).not.toContain(canary); // ...without their query
  });
});

describe('renderer server lifecycle', () => {
  let root: string;
  const log = recordingLog();
  const opts = (port: number): RendererServerOptions => ({ root, port, csp: CSP, rendererConfig, log });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'qiosk-origin-life-'));
    await writeFile(path.join(root, 'index.html'), 'lifecycle');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('a taken port is a port_in_use error that names the port and the setting to change', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const err = await startRendererServer(opts(port)).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(RendererServerError);
      expect((err as RendererServerError).code).toBe('port_in_use');
      expect((err as Error).message).toContain(String(port));
      expect((err as Error).message).toContain('renderer.port');
      expect((err as Error).message).toContain('Allowed Origins');
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('close() frees the port and drops keep-alive connections', async () => {
    const port = await freePort();
    const first = await startRendererServer(opts(port));
    const agent = new http.Agent({ keepAlive: true });
    // One finished request leaves an idle keep-alive socket open; server.close() alone would wait for it.
    const { closed } = await new Promise<{ closed: Promise<void> }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent, headers: { Host: `localhost:${port}` } }, (res) => {
          const closed = new Promise<void>((r) => res.socket.once('close', () => r()));
          res.resume();
          res.on('end', () => resolve({ closed })); // wrapped: resolving with the promise itself would wait for it
        })
        .on('error', reject);
    });
    let socketOpen = true;
    void closed.then(() => (socketOpen = false));
    await new Promise((r) => setImmediate(r));
    expect(socketOpen).toBe(true); // idle keep-alive socket, still open before close()
    await first.close();
    await closed;
    agent.destroy();
    const second = await startRendererServer(opts(port));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    await second.close();
    await second.close(); // idempotent
  });

  it('close() also drops a connection in the middle of a request', async () => {
    const port = await freePort();
    const server = await startRendererServer(opts(port));
    const sock = net.connect(port, '127.0.0.1');
    const closed = new Promise<void>((r) => sock.once('close', () => r()));
    sock.on('error', () => {}); // a reset is an acceptable way to end it
    await new Promise<void>((r) => sock.once('connect', () => r()));
    // Half a request: the connection is busy, so server.close() alone would wait out the 60 s headers timeout
    // (longer than this test's limit); close() must drop it instead.
    sock.write(`GET /index.html HTTP/1.1\r\nHost: local`);
    await new Promise((r) => setTimeout(r, 100)); // let the server read the partial headers
    await server.close();
    await closed;
    expect(sock.destroyed).toBe(true);
  });

  it('refuses a missing root and an out-of-range port with errors naming the fix', async () => {
    const missing = await startRendererServer({ ...opts(await freePort()), root: path.join(root, 'nope') }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'root_missing', message: expect.stringContaining(path.join(root, 'nope')) });
    const badPort = await startRendererServer(opts(70000)).catch((e: unknown) => e);
    expect(badPort).toMatchObject({ code: 'invalid_port', message: expect.stringContaining('renderer.port') });
  });
});
