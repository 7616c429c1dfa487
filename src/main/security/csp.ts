// The renderer's Content-Security-Policy. connect-src is the main protection of the access token against code
// inside the page: it can only talk to our own origin, the tenant and Qlik's CDN and map service, and the
// hosts IT lists in the machine policy (extraContentHosts), never anywhere else. The egress gate
// (egress.ts) holds the same line at the network, for what the CSP does not cover.

/** Where qlik-embed's runtime loads its import map and modules from (besides the tenant itself). */
export const QLIK_CDN_ORIGIN = 'https://cdn.qlikcloud.com';
/** Where Qlik's map charts load their tiles and geodata from. */
export const QLIK_MAPS_ORIGIN = 'https://maps.qlikcloud.com';

export interface CspInput {
  /** The origin the renderer is served from, named with its scheme (never 'self', see below). */
  rendererOrigin: string;
  /** The tenant address, e.g. https://acme.eu.qlikcloud.com (http only for the loopback fake tenant). */
  tenantHost: string;
  /** Host names from the machine policy (validated there): https only, for images, fonts, styles and fetches. */
  extraContentHosts?: readonly string[];
}

/** Parses an http(s) address down to its origin, or throws an error naming the field to fix. */
function httpOrigin(field: string, value: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`CSP: ${field} is not a valid URL; give the origin only, e.g. ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`CSP: ${field} must be an http(s) URL (got ${url.protocol}); e.g. ${example}`);
  }
  return url;
}

export function buildCspDirectives(o: CspInput): Record<string, readonly string[]> {
  // The renderer origin by name, scheme included. 'self' would also allow ws://localhost:<port> (CSP3 lets 'self'
  // match the ws form of an http origin), and the renderer origin is answered in-process: no socket is ours
  // there, so any account could listen on that port and take a websocket carrying a token.
  const self = httpOrigin('rendererOrigin', o.rendererOrigin, 'http://localhost:47321').origin;
  const tenantUrl = httpOrigin('tenantHost', o.tenantHost, 'https://acme.eu.qlikcloud.com');
  const tenant = tenantUrl.origin;
  // The engine websocket: wss for an https tenant, ws only for the http loopback fake tenant.
  const tenantWs = `${tenantUrl.protocol === 'https:' ? 'wss:' : 'ws:'}//${tenantUrl.host}`;
  // Never scripts or frames: a theme's fonts and images, or an extension's data, need no code from there.
  const extra = (o.extraContentHosts ?? []).map((h) => httpOrigin('extraContentHosts', `https://${h}`, 'fonts.example.com').origin);
  return {
    'default-src': ["'none'"],
    // qlik-embed's runtime cannot be vendored: main.js and its modules come from the tenant and the CDN.
    'script-src': [self, tenant, QLIK_CDN_ORIGIN],
    'connect-src': [self, tenant, tenantWs, QLIK_CDN_ORIGIN, QLIK_MAPS_ORIGIN, ...extra],
    // 'unsafe-inline' for styles only: Qlik's runtime injects <style> elements and style attributes at run
    // time, and it offers no nonce hook. Inline styles cannot run code or reach the network past img/font-src.
    'style-src': [self, "'unsafe-inline'", tenant, QLIK_CDN_ORIGIN, ...extra],
    'img-src': [self, 'data:', 'blob:', tenant, QLIK_CDN_ORIGIN, QLIK_MAPS_ORIGIN, ...extra],
    'font-src': [self, 'data:', tenant, QLIK_CDN_ORIGIN, ...extra],
    'worker-src': [self, 'blob:'],
    // classic/app and classic/chart embeds are iframes onto the tenant.
    'frame-src': [tenant],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

/** The policy as one header value. Never contains 'unsafe-eval' or a '*' wildcard. */
export function buildCsp(o: CspInput): string {
  return Object.entries(buildCspDirectives(o))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
