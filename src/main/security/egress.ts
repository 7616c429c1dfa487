// Where the kiosk's network traffic may go: the tenant, Qlik's CDN and map service, and the hosts IT lists in
// the machine policy (extraContentHosts), each on its one port, nothing else. The CSP keeps page requests to
// those hosts, but WebRTC is outside the CSP and a page script can always find a frame the main-world patch
// has not reached (a srcdoc frame's own script runs before anything of ours): a TURN relay over TCP, or a host
// name, can carry a token. So the network is the boundary: every connection of the session — loopback
// included (Chromium skips proxies for loopback unless told `<-loopback>`) — goes through the egress gate main
// holds for its whole life (adapters/egress-gate.ts), which lets the allowlist through and refuses the rest.
// With WebRTC's non-proxied UDP off, a page has no other way out. This file holds the gate's rules, pure.
import { QLIK_CDN_ORIGIN, QLIK_MAPS_ORIGIN } from './csp';

/** Where an allowed connection goes on: straight to the host, or through the system's (corporate) proxy. */
export type UpstreamRoute = { kind: 'direct' } | { kind: 'proxy'; host: string; port: number };

export interface EgressRule {
  host: string;
  port: number;
  route: UpstreamRoute;
}

export interface EgressTarget {
  host: string;
  port: number;
}

/** A host as URLs and CONNECT lines write it, compared: lower case, IPv6 without brackets. */
export const normaliseHost = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/** The allowed origins as host and port: the tenant's own port, 443 for Qlik's CDN and maps and policy hosts. */
export function egressTargets(tenantHost: string, extraContentHosts: readonly string[] = []): EgressTarget[] {
  const origins = [tenantHost, QLIK_CDN_ORIGIN, QLIK_MAPS_ORIGIN, ...extraContentHosts.map((h) => `https://${h}`)];
  const seen = new Map<string, EgressTarget>();
  for (const o of origins) {
    const u = new URL(o);
    const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
    const t = { host: normaliseHost(u.hostname), port };
    seen.set(`${t.host}:${t.port}`, t);
  }
  return [...seen.values()];
}

/** The first usable entry of a PAC result ("PROXY corp:8080; DIRECT"): DIRECT or an HTTP proxy; else undefined. */
export function parseRoute(pacResult: string): UpstreamRoute | undefined {
  for (const entry of pacResult.split(';').map((e) => e.trim()).filter(Boolean)) {
    if (/^DIRECT$/i.test(entry)) return { kind: 'direct' };
    const m = /^PROXY\s+(\[[0-9a-f:.]+\]|[\w.-]+):(\d{1,5})$/i.exec(entry);
    if (m && Number(m[2]) > 0 && Number(m[2]) < 65536) return { kind: 'proxy', host: normaliseHost(m[1]!), port: Number(m[2]) };
  }
  return undefined;
}

/** The rule letting `host:port` through, or undefined: refused. Exact host and port, no wildcard, no suffix. */
export function egressRule(rules: readonly EgressRule[], host: string, port: number): EgressRule | undefined {
  const h = normaliseHost(host);
  return rules.find((r) => r.host === h && r.port === port);
}

/**
 * A host name as the log may show it: refused names are chosen by whoever tries them, and a page holding a token
 * can spell it into labels. So only the last two labels are kept (IP addresses whole), which also makes the log
 * key: one line per domain, however many names a flood invents.
 */
export function describeHost(host: string): string {
  const h = normaliseHost(host);
  if (h.includes(':') || /^\d+(\.\d+){3}$/.test(h)) return h;
  const labels = h.split('.').filter(Boolean);
  const tail = labels.slice(-2).map((l) => (l.length > 24 ? `${l.slice(0, 8)}…` : l)).join('.');
  return labels.length > 2 ? `…${tail}` : tail;
}

/**
 * Chromium's host resolver rules (the `host-resolver-rules` switch): no name is looked up by Chromium at all.
 * Every connection goes to the gate by IP, and the gate resolves the allowed names itself; but WebRTC resolves a
 * TURN or STUN server's name before it asks the proxy, and a name can carry a token to whoever answers DNS.
 */
export const NO_LOCAL_DNS = 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost';

/** Chromium's proxy settings that send every connection of a session, loopback included, to the gate. */
export function gateProxySettings(gatePort: number): { mode: 'fixed_servers'; proxyRules: string; proxyBypassRules: string } {
  return { mode: 'fixed_servers', proxyRules: `http://127.0.0.1:${gatePort}`, proxyBypassRules: '<-loopback>' };
}
