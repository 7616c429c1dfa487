// The egress gate: an HTTP proxy on an ephemeral loopback port that main opens before any window and holds
// until it exits, so no other account can be listening where the kiosk's traffic goes. Every connection of the
// session comes here (security/egress.ts explains why); allowed host:port pairs go on (direct or through the
// system's proxy), everything else gets 403 before a byte of its payload is read. Refusals are logged once
// per domain per interval: a page can try as many names as it likes without rolling the log over.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock, Log } from '../core/ports';
import { logOncePerInterval } from '../log/log-once';
import { describeHost, egressRule, type EgressRule, type UpstreamRoute } from '../security/egress';

export interface EgressGate {
  /** The loopback port the session's proxy settings name. */
  port: number;
  /** Replaces the allowlist (empty until the config is known: everything is refused). */
  setRules(rules: readonly EgressRule[]): void;
  close(): Promise<void>;
}

const REFUSAL_LOG_INTERVAL_MS = 10 * 60_000;
const CONNECT_TIMEOUT_MS = 15_000;
const REFUSED = 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
const BAD_GATEWAY = 'HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
// Headers meant for the proxy itself, never passed on; a websocket upgrade keeps its Connection header.
const PROXY_ONLY = ['proxy-connection', 'proxy-authorization'];
const HOP_BY_HOP = [...PROXY_ONLY, 'connection', 'keep-alive'];

export async function startEgressGate(deps: { log: Log; clock: Clock }): Promise<EgressGate> {
  let rules: readonly EgressRule[] = [];
  const refusedOnce = logOncePerInterval(deps.log, deps.clock, { intervalMs: REFUSAL_LOG_INTERVAL_MS, maxKeys: 200 });
  const sockets = new Set<Duplex>();
  const track = (s: Duplex) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };

  const allow = (kind: string, host: string, port: number): EgressRule | undefined => {
    const rule = Number.isInteger(port) && port > 0 && port < 65536 ? egressRule(rules, host, port) : undefined;
    if (!rule) {
      const shown = describeHost(host);
      refusedOnce(`${shown}:${port}`, 'connection refused by the egress gate: not the tenant or an allowed content host', { kind, host: shown, port });
    }
    return rule;
  };

  const server = http.createServer((req, res) => {
    // Plain http through a proxy: an absolute URL. Only the loopback demo tenant uses it.
    const target = absoluteHttpUrl(req.url);
    const rule = target && allow('http', target.hostname, Number(target.port) || 80);
    if (!target || !rule) {
      res.writeHead(target ? 403 : 400, { 'Content-Length': '0', Connection: 'close' }).end();
      return;
    }
    const headers = withoutHopByHop(req.headers);
    const viaProxy = rule.route.kind === 'proxy' ? rule.route : undefined;
    const upstream = http.request({
      host: viaProxy?.host ?? rule.host, port: viaProxy?.port ?? rule.port, method: req.method,
      path: viaProxy ? target.href : `${target.pathname}${target.search}`, headers, timeout: CONNECT_TIMEOUT_MS,
    });
    upstream.on('response', (up) => {
      res.writeHead(up.statusCode ?? 502, withoutHopByHop(up.headers));
      up.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy());
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502, { 'Content-Length': '0' }).end()));
    req.pipe(upstream);
  });

  // CONNECT host:port — https, wss, and WebRTC's TURN over TCP. Refused before anything is tunnelled.
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const target = hostPort(req.url ?? '');
    const rule = target && allow('connect', target.host, target.port);
    if (!rule) return void client.end(REFUSED);
    tunnel(rule.host, rule.port, rule.route, (upstream) => {
      if (!upstream) return void client.end(BAD_GATEWAY);
      track(upstream);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });

  // A websocket over plain http without CONNECT: only ever to the loopback demo tenant.
  server.on('upgrade', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const target = absoluteHttpUrl(req.url);
    const rule = target && allow('upgrade', target.hostname, Number(target.port) || 80);
    if (!target || !rule) return void client.end(REFUSED);
    tunnel(rule.host, rule.port, rule.route, (upstream) => {
      if (!upstream) return void client.end(BAD_GATEWAY);
      track(upstream);
      const lines = [`${req.method} ${target.pathname}${target.search} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (!PROXY_ONLY.includes(req.rawHeaders[i]!.toLowerCase())) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  server.on('connection', (s: net.Socket) => track(s));
  server.on('clientError', (_err, s) => s.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  deps.log.info('egress gate listening', { port });
  return {
    port,
    setRules(next) {
      rules = [...next];
      deps.log.info('egress allowlist set', { allowed: rules.map((r) => `${r.host}:${r.port}${r.route.kind === 'proxy' ? ` via ${r.route.host}:${r.route.port}` : ''}`) });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** An open socket to host:port, directly or through an HTTP proxy's CONNECT; undefined when it fails. */
function tunnel(host: string, port: number, route: UpstreamRoute, done: (s: net.Socket | undefined) => void): void {
  const first = route.kind === 'proxy' ? route : { host, port };
  const s = net.connect({ host: first.host, port: first.port });
  let settled = false;
  const finish = (ok: boolean) => {
    if (settled) return;
    settled = true;
    s.setTimeout(0);
    if (!ok) s.destroy();
    done(ok ? s : undefined);
  };
  s.setTimeout(CONNECT_TIMEOUT_MS, () => finish(false));
  s.once('error', () => finish(false));
  s.once('connect', () => {
    if (route.kind === 'direct') return finish(true);
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    s.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return void (buf.length > 16_384 && finish(false));
      s.off('data', onData);
      const ok = /^HTTP\/1\.[01] 2\d\d/.test(buf.subarray(0, end).toString('latin1'));
      if (ok && buf.length > end + 4) s.unshift(buf.subarray(end + 4));
      finish(ok);
    };
    s.on('data', onData);
  });
}

function hostPort(authority: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s]+):(\d{1,5})$/.exec(authority);
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

function absoluteHttpUrl(raw: string | undefined): URL | undefined {
  try {
    const u = new URL(raw ?? '');
    return u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.includes(k) && v !== undefined) out[k] = v;
  return out;
}
