// The renderer origin's in-process handler against real files: what it serves, what it refuses, and that
// nothing leaks. Targets are passed exactly as written (a browser would normalise some of them first).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Log } from '../../../src/main/core/ports';
import { createRendererHandler, RendererOriginError, rendererOrigin, type RendererHandler, type RendererOriginOptions } from '../../../src/main/origin/renderer-origin';
import { LAST_GOOD_PATH, RENDERER_CONFIG_PATH, STATUS_INFO_PATH, type RendererConfig } from '../../../src/shared/ipc-contract';
import { makeCanary } from '../../support/canary';

const CSP = "default-src 'self'; script-src 'self' https://cdn.qlikcloud.com; frame-ancestors 'none'";
const OUTSIDE = `OUTSIDE-MARKER-${Date.now()}`;
const DOTFILE = `DOTFILE-MARKER-${Date.now()}`;
const rendererConfig: RendererConfig = {
  tenantHost: 'https://acme.eu.qlikcloud.com',
  clientId: 'client-123',
  playlists: { main: [{ embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 's-1' }], dwellMs: 0 }] },
  screens: { main: { zoom: 1, hideCursor: true } },
  rotation: { prepareLeadMs: 10_000, readyBoundMs: 5_000 },
  demo: false,
  health: { loadTimeoutMs: 45_000, keepaliveMs: 120_000, heartbeatMs: 5_000 },
};

/** Records raw, unredacted lines, so the canary check would see a leak the redactor might otherwise hide. */
function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string, f?: Record<string, unknown>) => lines.push(`${level} ${m} ${f ? JSON.stringify(f) : ''}`);
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error'), sensitive: () => {} };
}

const PORT = 47399;
const ORIGIN = rendererOrigin(PORT);

interface Answer { status: number; headers: Record<string, string>; head: string; body: string }

/** Asks the handler for `target` on the renderer origin (or for an absolute URL), as the browser's request. */
async function ask(handler: RendererHandler, target: string, method = 'GET'): Promise<Answer> {
  const res = await handler({ method, url: /^[a-z]+:/.test(target) ? target : `${ORIGIN}${target}` });
  const headers = Object.fromEntries(res.headers);
  return { status: res.status, headers, head: Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n'), body: await res.text() };
}

describe('renderer origin handler', () => {
  let dir: string;
  let root: string;
  let handler: RendererHandler;
  const log = recordingLog();
  const opts = (over: Partial<RendererOriginOptions> = {}): RendererOriginOptions => ({ root, origin: ORIGIN, csp: CSP, rendererConfig, log, ...over });

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
    handler = await createRendererHandler(opts());
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('logs the origin it serves once', () => {
    expect(log.lines.filter((l) => l.startsWith('info') && l.includes(ORIGIN))).toHaveLength(1);
  });

  it('serves / as index.html with the exact CSP, every security header and no-store', async () => {
    const res = await ask(handler, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('qiosk-index');
    const h = res.headers;
    expect(h['content-type']).toBe('text/html; charset=utf-8');
    expect(h['content-security-policy']).toBe(CSP);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['x-dns-prefetch-control']).toBe('off');
    expect(h).not.toHaveProperty('cross-origin-opener-policy'); // no opener to cut off; it would cost a process swap
    expect(h['cross-origin-resource-policy']).toBe('same-origin');
    expect(h['permissions-policy']).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    expect(h['cache-control']).toBe('no-store');
  });

  it.each([
    ['/main.js', 'text/javascript; charset=utf-8', 'qiosk-main'],
    ['/styles.css', 'text/css; charset=utf-8', 'color:black'],
    ['/nested/deep/data.json', 'application/json; charset=utf-8', '"nested":true'],
  ])('serves %s as %s, revalidated on every load', async (p, type, content) => {
    const res = await ask(handler, p);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.body).toContain(content);
  });

  it('HEAD gives the headers and length without a body', async () => {
    const res = await ask(handler, '/main.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("qiosk-main")'.length));
    expect(res.body).toBe('');
  });

  it('serves the renderer config as JSON, never cached', async () => {
    const res = await ask(handler, RENDERER_CONFIG_PATH);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual(rendererConfig);
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
  ])('refuses %s without leaking a byte', async (target) => {
    const res = await ask(handler, target);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(OUTSIDE);
    expect(res.body).not.toContain(DOTFILE);
    expect(res.head).toMatch(/cache-control: no-store/i);
    expect(res.head).toMatch(/x-content-type-options: nosniff/i);
  });

  it('does not serve directories or missing files', async () => {
    expect((await ask(handler, '/nested')).status).toBe(404);
    expect((await ask(handler, '/nested/')).status).toBe(404);
    expect((await ask(handler, '/nope.js')).status).toBe(404);
  });

  it.each(['http://127.0.0.1:47399/', 'http://evil.example/', 'http://localhost:47400/', 'http://localhost:47399.evil.example/'])('refuses %s: not the renderer origin', async (url) => {
    const res = await ask(handler, url);
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('qiosk-index');
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s with 405 and Allow', async (method) => {
    const res = await ask(handler, '/', method);
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD');
  });

  it('never logs a query string, even on refused requests', async () => {
    const canary = makeCanary('TOKEN');
    await ask(handler, `/?token=${canary}`);
    await ask(handler, `/missing.js?token=${canary}`);
    await ask(handler, `/../passwd?token=${canary}`);
    await ask(handler, `/?token=${canary}`, 'POST');
    expect(log.lines.some((l) => l.includes('/missing.js'))).toBe(true); // the requests were logged...
    expect(log.lines.join('\n')).not.toContain(canary); // ...without their query
  });

  it('serves the live status query while a status shows, never cached, and 404 when none does', async () => {
    const main = { query: undefined as string | undefined };
    const live = await createRendererHandler(opts({ statusQuery: () => main.query }));
    expect((await ask(live, STATUS_INFO_PATH)).status).toBe(404);
    main.query = 'code=network&retryAt=1700000000000';
    const res = await ask(live, STATUS_INFO_PATH);
    expect([res.status, res.headers['cache-control'], JSON.parse(res.body)]).toEqual([200, 'no-store', { query: main.query }]);
  });

  it('serves the last good picture from memory while main offers it (during a status), never cached, and says when it was taken', async () => {
    const main = { picture: undefined as { png: Uint8Array; at: number } | undefined };
    const live = await createRendererHandler(opts({ statusQuery: () => 'code=network', lastGood: () => main.picture }));
    expect((await ask(live, LAST_GOOD_PATH)).status).toBe(404);
    expect(JSON.parse((await ask(live, STATUS_INFO_PATH)).body)).toEqual({ query: 'code=network' });
    main.picture = { png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), at: 1_700_000_000_000 };
    const res = await live({ method: 'GET', url: `${ORIGIN}${LAST_GOOD_PATH}?at=1` });
    expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([200, 'image/png', 'no-store']);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(main.picture.png);
    expect(JSON.parse((await ask(live, STATUS_INFO_PATH)).body)).toEqual({ query: 'code=network', pictureAt: 1_700_000_000_000 });
  });

  it('announces the content page\'s outside scripts as preloads on index.html alone (the other pages contact nothing)', async () => {
    await writeFile(path.join(root, 'off.html'), '<!doctype html><title>off</title>');
    const runtime = 'https://tenant.example.com/qlik-embed/main.js';
    const live = await createRendererHandler(opts({ contentPreloads: [runtime] }));
    for (const p of ['/', '/index.html', '/index.html?screen=left&playlist=main']) {
      expect((await ask(live, p)).headers['link']).toBe(`<${runtime}>; rel=preload; as=script`);
    }
    for (const p of ['/off.html', '/main.js', RENDERER_CONFIG_PATH]) expect((await ask(live, p)).headers).not.toHaveProperty('link');
    expect((await ask(handler, '/')).headers).not.toHaveProperty('link'); // none configured: no header
  });

  it('reads the build once, when made: a file changed on disk later is served as it was, one added later is read then', async () => {
    const build = path.join(dir, 'build-once');
    await mkdir(path.join(build, 'vendor'), { recursive: true });
    await writeFile(path.join(build, 'index.html'), '<!doctype html><title>first</title>');
    await writeFile(path.join(build, 'vendor', 'loader.js'), 'first-loader');
    await symlink(path.join(dir, 'outside', 'secret.txt'), path.join(build, 'out.txt'));
    const once = await createRendererHandler(opts({ root: build }));
    await writeFile(path.join(build, 'index.html'), '<!doctype html><title>second</title>');
    await writeFile(path.join(build, 'vendor', 'loader.js'), 'second-loader');
    await writeFile(path.join(build, 'late.js'), 'late-file');
    expect((await ask(once, '/')).body).toContain('first');
    expect((await ask(once, '/vendor/loader.js')).body).toBe('first-loader');
    expect((await ask(once, '/late.js')).body).toBe('late-file');
    const out = await ask(once, '/out.txt'); // kept or not, a symlink out of the root is refused
    expect(out.status).toBe(404);
    expect(out.body).not.toContain(OUTSIDE);
  });

  it('refuses a missing root with an error naming the fix', async () => {
    const missing = await createRendererHandler(opts({ root: path.join(root, 'nope') })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(RendererOriginError);
    expect(missing).toMatchObject({ code: 'root_missing', message: expect.stringContaining(path.join(root, 'nope')) });
  });
});
