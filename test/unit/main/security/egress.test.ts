import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from 'electron';
import { egressRules, routeThroughGate } from '../../../../src/main/adapters/electron-egress';
import { startEgressGate, type EgressGate } from '../../../../src/main/adapters/egress-gate';
import { systemClock } from '../../../../src/main/core/ports';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { describeHost, egressRule, egressTargets, gateProxySettings, parseRoute, type EgressRule } from '../../../../src/main/security/egress';

const TENANT = 'https://acme.eu.qlikcloud.com';

describe('egress rules', () => {
  const rules: EgressRule[] = egressTargets(TENANT, ['fonts.example.com']).map((t) => ({ ...t, route: { kind: 'direct' } }));

  it.each([
    ['the tenant on its port', 'acme.eu.qlikcloud.com', 443, true],
    ['the tenant in capitals', 'ACME.eu.qlikcloud.com', 443, true],
    ['Qlik\'s CDN', 'cdn.qlikcloud.com', 443, true],
    ['a policy content host', 'fonts.example.com', 443, true],
    ['the tenant on another port (a TURN relay)', 'acme.eu.qlikcloud.com', 3478, false],
    ['a sibling tenant', 'other.eu.qlikcloud.com', 443, false],
    ['the tenant name as a prefix of another domain', 'acme.eu.qlikcloud.com.evil.example', 443, false],
    ['a sub-domain of an allowed host', 'sub.maps.qlikcloud.com', 443, false],
    ['loopback', '127.0.0.1', 443, false],
    ['IPv6 loopback', '[::1]', 443, false],
  ])('%s → %s', (_name, host, port, allowed) => {
    expect(egressRule(rules, host, port) !== undefined).toBe(allowed);
  });

  it('a loopback tenant (the demo) is allowed on its own port only', () => {
    const demo = egressTargets('http://127.0.0.1:4100').map((t) => ({ ...t, route: { kind: 'direct' as const } }));
    expect(egressRule(demo, '127.0.0.1', 4100)).toBeDefined();
    expect(egressRule(demo, '127.0.0.1', 4101)).toBeUndefined();
    expect(egressRule(demo, 'localhost', 4100)).toBeUndefined();
  });

  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['PROXY corp.example:3128; DIRECT', { kind: 'proxy', host: 'corp.example', port: 3128 }],
    ['SOCKS5 s.example:1080; DIRECT', { kind: 'direct' }],
    ['SOCKS5 s.example:1080', undefined],
    ['PROXY corp.example:99999', undefined],
  ])('the system route %j is %j', (pac, route) => {
    expect(parseRoute(pac)).toEqual(route);
  });

  it('the log shows only the last two labels of a refused name, so a name cannot carry a token into it', () => {
    expect(describeHost('6a5f3c2e9b1d0a4f6a5f3c2e9b1d0a4f.turn.exfil.test')).toBe('…exfil.test');
    expect(describeHost('evil.example')).toBe('evil.example');
    expect(describeHost('127.0.0.1')).toBe('127.0.0.1');
    expect(describeHost('a.6a5f3c2e9b1d0a4f6a5f3c2e9b1d0a4f')).toBe('a.6a5f3c2e…');
  });

  it('sends every scheme, loopback included, to the gate', () => {
    expect(gateProxySettings(5123)).toEqual({ mode: 'fixed_servers', proxyRules: 'http://127.0.0.1:5123', proxyBypassRules: '<-loopback>' });
  });

  it('the Electron adapters set the gate on the session and ask the system session for each host\'s route', async () => {
    await routeThroughGate(session.defaultSession, { port: 5123 });
    expect(session.defaultSession.setProxy).toHaveBeenLastCalledWith(gateProxySettings(5123));
    const system = { resolveProxy: vi.fn(async (url: string) => (url.includes('acme') ? 'PROXY corp.example:3128' : 'DIRECT')) };
    const got = await egressRules(system, TENANT, [], createMemoryLog());
    expect(got.find((r) => r.host === 'acme.eu.qlikcloud.com')?.route).toEqual({ kind: 'proxy', host: 'corp.example', port: 3128 });
    expect(got.find((r) => r.host === 'cdn.qlikcloud.com')?.route).toEqual({ kind: 'direct' });
    expect(system.resolveProxy).toHaveBeenCalledWith('https://acme.eu.qlikcloud.com:443/');
  });
});

describe('the egress gate (real sockets on loopback)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  /** A TCP echo target that records what reaches it. */
  async function target(): Promise<{ port: number; received: string[] }> {
    const received: string[] = [];
    const s = net.createServer((c) => c.on('data', (d) => {
      received.push(d.toString('latin1'));
      c.write(d);
    }));
    s.listen(0, '127.0.0.1');
    await once(s, 'listening');
    closers.push(() => new Promise((r) => s.close(() => r())));
    return { port: (s.address() as AddressInfo).port, received };
  }

  async function gate(rules: EgressRule[]): Promise<{ gate: EgressGate; log: ReturnType<typeof createMemoryLog> }> {
    const log = createMemoryLog();
    const g = await startEgressGate({ log, clock: systemClock });
    g.setRules(rules);
    closers.push(() => g.close());
    return { gate: g, log };
  }

  /** Sends CONNECT host:port, then `payload` once the gate answers; returns the status line and what came back. */
  async function connect(gatePort: number, authority: string, payload: string): Promise<{ status: string; echoed: string }> {
    const s = net.connect(gatePort, '127.0.0.1');
    s.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    let text = '';
    let sent = false;
    return new Promise((resolve) => {
      s.on('data', (d) => {
        text += d.toString('latin1');
        if (!sent && text.includes('\r\n\r\n')) {
          sent = true;
          if (text.startsWith('HTTP/1.1 200')) s.write(payload);
          else s.end();
        }
        if (text.includes(payload)) s.end();
      });
      s.on('close', () => resolve({ status: text.split('\r\n')[0]!, echoed: text.slice(text.indexOf('\r\n\r\n') + 4) }));
      s.on('error', () => {});
    });
  }

  it('tunnels an allowed host:port and refuses every other one before reading a byte of payload', async () => {
    const t = await target();
    const { gate: g, log } = await gate([{ host: '127.0.0.1', port: t.port, route: { kind: 'direct' } }]);
    expect(await connect(g.port, `127.0.0.1:${t.port}`, 'hello')).toEqual({ status: 'HTTP/1.1 200 Connection Established', echoed: 'hello' });
    const other = await target();
    const refused = await connect(g.port, `127.0.0.1:${other.port}`, 'TOKEN-CANARY');
    expect(refused.status).toBe('HTTP/1.1 403 Forbidden');
    expect(other.received).toEqual([]);
    expect(log.lines.join('\n')).not.toContain('TOKEN-CANARY');
  });

  it('refuses plain http and websocket upgrades to hosts off the list; forwards the allowed one', async () => {
    const seen: string[] = [];
    const origin = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
    origin.listen(0, '127.0.0.1');
    await once(origin, 'listening');
    closers.push(() => new Promise((r) => origin.close(() => r())));
    const port = (origin.address() as AddressInfo).port;
    const { gate: g } = await gate([{ host: '127.0.0.1', port, route: { kind: 'direct' } }]);
    const viaGate = (url: string) => new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: g.port, path: url }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', () => resolve(0));
    });
    expect(await viaGate(`http://127.0.0.1:${port}/allowed?x=1`)).toBe(200);
    expect(await viaGate('http://evil.example/?t=token')).toBe(403);
    expect(await viaGate('/not-a-proxy-request')).toBe(400);
    expect(seen).toEqual(['GET /allowed?x=1']);
  });

  it('goes through the system\'s proxy when the route names one', async () => {
    const t = await target();
    const asked: string[] = [];
    const corp = http.createServer();
    corp.on('connect', (req, client: net.Socket) => {
      asked.push(req.url ?? '');
      const up = net.connect(t.port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 OK\r\n\r\n');
        up.pipe(client);
        client.pipe(up);
      });
    });
    corp.listen(0, '127.0.0.1');
    await once(corp, 'listening');
    closers.push(() => new Promise((r) => { corp.closeAllConnections(); corp.close(() => r()); }));
    const corpPort = (corp.address() as AddressInfo).port;
    const { gate: g } = await gate([{ host: 'tenant.example', port: 443, route: { kind: 'proxy', host: '127.0.0.1', port: corpPort } }]);
    expect(await connect(g.port, 'tenant.example:443', 'via corp')).toEqual({ status: 'HTTP/1.1 200 Connection Established', echoed: 'via corp' });
    expect(asked).toEqual(['tenant.example:443']);
  });

  it('a flood of refused names costs one log line per domain', async () => {
    const { gate: g, log } = await gate([]);
    for (let i = 0; i < 50; i++) await connect(g.port, `${i.toString(16).padStart(40, 'a')}.turn.exfil.test:3478`, 'x');
    const refusals = log.lines.filter((l) => l.includes('refused by the egress gate'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('…exfil.test');
  });
});
