// Where the kiosk's network traffic may go: the tenant, Qlik's CDN and map service, and the hosts IT lists in
// the machine policy (extraContentHosts), nothing else. The CSP keeps page requests to those hosts, but
// Chromium still looks up (DNS) the names of frames the CSP then blocks, and WebRTC is outside the CSP: a host
// name, or a TURN relay over TCP, can carry a token. So the session's proxy configuration (a PAC script) routes
// every other host to a black hole — a loopback port below 1024, which no unprivileged local account can
// listen on — and the browser never resolves or connects to them itself.
// The allowed hosts keep the route the system gives them (DIRECT or the corporate proxy). Loopback stays direct
// (Chromium never proxies it); the CSP and Local Network Access cover it.
import { QLIK_CDN_ORIGIN, QLIK_MAPS_ORIGIN } from './csp';

/** Where everything else is sent: the discard port, privileged, so nothing can be listening there to read it. */
export const BLACK_HOLE = 'PROXY 127.0.0.1:9';

export function egressHosts(tenantHost: string, extraContentHosts: readonly string[] = []): string[] {
  const qlik = [tenantHost, QLIK_CDN_ORIGIN, QLIK_MAPS_ORIGIN].map((u) => new URL(u).hostname);
  return [...new Set([...qlik, ...extraContentHosts].map((h) => h.toLowerCase()))];
}

/** A PAC script: the allowed hosts take `route` (what the system resolved for the tenant), all else the black hole. */
export function egressPacScript(allowedHosts: readonly string[], route: string): string {
  if (!/^(DIRECT|(PROXY|HTTPS|SOCKS5?) [\w.:[\]-]+)(; *(DIRECT|(PROXY|HTTPS|SOCKS5?) [\w.:[\]-]+))*$/.test(route)) {
    throw new Error(`egress: the system proxy route "${route}" is not a PAC result`);
  }
  return [
    'function FindProxyForURL(url, host) {',
    '  host = host.toLowerCase();',
    `  var allowed = ${JSON.stringify(allowedHosts)};`,
    `  for (var i = 0; i < allowed.length; i++) if (host === allowed[i]) return ${JSON.stringify(route)};`,
    `  return ${JSON.stringify(BLACK_HOLE)};`,
    '}',
  ].join('\n');
}

export const pacDataUrl = (script: string) => `data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(script).toString('base64')}`;
