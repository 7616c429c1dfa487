// Where frames may navigate, and which permissions the page may have. Pure: main's adapter asks these
// questions on every navigation event, so the rules are tested here as tables, without Electron.
import { isLoopbackHostname } from '../config/tenant-host';

export interface NavigationContext {
  /** The renderer's origin, e.g. http://localhost:47321 (allowed in subframes). */
  rendererOrigin: string;
  /** The tenant's origin, allowed in subframes only (qlik-embed's classic/app and classic/chart iframes). */
  tenantOrigin?: string;
  /** A main-frame navigation the page started: never allowed (see isAllowedNavigation). */
  mainFrame: boolean;
}

/**
 * A subframe may sit at exactly 'about:blank': libraries create scratch iframes that way, and such a frame
 * inherits its creator's origin and CSP, so it grants nothing new. The main frame never may (it would blank the
 * kiosk), and no other about: URL is allowed (about:srcdoc and friends are not needed).
 */
export const SUBFRAME_ABOUT_BLANK = 'about:blank';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The canonical origin of a plain http(s) URL without credentials, else undefined. The scheme check matters:
 * the URL parser gives `blob:http://localhost:47321/x` the origin of its inner URL.
 */
export function webOrigin(url: string): string | undefined {
  const u = parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return undefined;
  if (u.username !== '' || u.password !== '') return undefined; // nobody legitimately navigates with userinfo
  return u.origin;
}

/**
 * Whether a navigation a page started may go ahead. Only main chooses what a Qiosk window shows (its loadURL is
 * not a page's navigation and is not asked here): a main frame never navigates itself, not even within the
 * renderer origin (the content page to a status page of its own making, or a status page back to the content).
 * Nothing Qiosk ships does; the supervisor also treats any page main did not load as a fault (start-core.ts).
 */
export function isAllowedNavigation(url: string, o: NavigationContext): boolean {
  if (o.mainFrame) return false;
  if (url === SUBFRAME_ABOUT_BLANK) return true;
  const target = webOrigin(url);
  if (target === undefined) return false;
  // The configured origins are canonicalised the same way, so 'http://LOCALHOST:47321/' still matches.
  const renderer = webOrigin(o.rendererOrigin);
  if (renderer !== undefined && target === renderer) return true;
  if (o.tenantOrigin === undefined) return false;
  const tenant = webOrigin(o.tenantOrigin);
  return tenant !== undefined && target === tenant;
}

/** For logs: the origin of a web URL, or just the scheme of anything else. Never the path or query. */
export function describeUrl(url: string): string {
  const u = parse(url);
  if (!u) return '(unparsable)';
  return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : u.protocol;
}

/**
 * Permissions the page may be granted. Empty: a kiosk showing analytics needs no camera, microphone,
 * notifications, geolocation, clipboard read, devices or fullscreen requests. A later change may add entries.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = Object.freeze([]);

/**
 * Chromium's Local Network Access: the renderer origin is answered in-process, so its page has no loopback
 * address behind it and counts as public; reaching a tenant on loopback (only the fake tenant of the demo
 * and tests is ever there) then needs these. Granted to the renderer origin only, and only for such a tenant.
 */
export const LOOPBACK_TENANT_PERMISSIONS: readonly string[] = Object.freeze(['loopback-network', 'local-network-access']);

const originOf = (url: string | undefined) => (url === undefined ? undefined : parse(url)?.origin);

export function isAllowedPermission(permission: string, requestingOrigin?: string, ctx: { rendererOrigin?: string | undefined; tenantOrigin?: string | undefined } = {}): boolean {
  if (ALLOWED_PERMISSIONS.includes(permission)) return true;
  if (!LOOPBACK_TENANT_PERMISSIONS.includes(permission) || ctx.rendererOrigin === undefined || ctx.tenantOrigin === undefined) return false;
  const tenant = parse(ctx.tenantOrigin);
  return originOf(requestingOrigin) === ctx.rendererOrigin && tenant !== undefined && isLoopbackHostname(tenant.hostname);
}

/**
 * Websockets the session lets through: the tenant's engine socket only (wss for an https tenant, ws for the
 * loopback demo tenant). Never one to the renderer origin: it is answered in-process, so nothing of ours
 * listens on its port, and Electron's protocol handler does not cover ws:// — any account could take it.
 */
export function isAllowedWebSocket(url: string, tenantOrigin: string | undefined): boolean {
  const u = parse(url);
  const tenant = tenantOrigin === undefined ? undefined : parse(tenantOrigin);
  if (!u || !tenant || (u.protocol !== 'ws:' && u.protocol !== 'wss:') || u.username !== '' || u.password !== '') return false;
  const scheme = tenant.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.protocol === scheme && u.host === tenant.host;
}
