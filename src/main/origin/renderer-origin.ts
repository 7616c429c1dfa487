// The renderer's origin, http://localhost:<renderer.port>, served from INSIDE the main process: a request
// handler that Electron's protocol interception (adapters/electron-origin.ts) answers for exactly that origin.
// No socket listens on the port.
//
// Why an http://localhost origin at all, and not file:// or a custom scheme:
// - qlik-embed's REST calls are CORS requests, and the tenant only answers origins listed in the OAuth client's
//   Allowed Origins, which take the form http(s)://host[:port]. A file:// page sends `Origin: null`; a custom
//   scheme (app://qiosk) sends an origin that cannot be registered there.
// - http://localhost is a "potentially trustworthy" origin in Chromium (by its name, not by a socket), so the
//   page is a secure context without TLS.
// - The port is fixed (config `renderer.port`) so the origin IT registers stays the same across restarts.
//
// Why served in-process rather than by a listening server: another local account can listen on the same port
// on an address Qiosk does not hold (Chromium tries [::1] before 127.0.0.1 for localhost), before or after
// Qiosk starts, serve its own page at Qiosk's origin and pass any origin check. With the origin answered
// inside the process, nothing another process binds is ever asked for a Qiosk page.
import { readdir, realpath, stat, readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import type { Log } from '../core/ports';
import { LAST_GOOD_PATH, RENDERER_CONFIG_PATH, STATUS_INFO_PATH, type RendererConfig } from '../../shared/ipc-contract';
import type { Picture } from '../window/last-good-picture';
import { contentTypeFor, isHtmlType } from './content-types';
import { ALLOWED_METHODS, isAllowedMethod, isRendererUrl, requestTarget } from './request-guards';
import { cacheControlFor, securityHeaders } from './response-headers';
import { isInside, parseRequestPath, resolveUnder, stripQuery } from './safe-path';

/** The origin IT registers in the OAuth client's Allowed Origins. */
export const rendererOrigin = (port: number) => `http://localhost:${port}`;

export interface RendererRequest {
  method: string;
  /** The absolute URL as the browser asked for it. */
  url: string;
}
export type RendererHandler = (req: RendererRequest) => Promise<Response>;

export interface RendererOriginOptions {
  /** The built renderer (contains index.html). */
  root: string;
  /** `rendererOrigin(port)`: requests for any other origin are refused. */
  origin: string;
  /** The Content-Security-Policy header value, sent on every response. */
  csp: string;
  /** Non-secret settings served at RENDERER_CONFIG_PATH. */
  rendererConfig: RendererConfig;
  /** The status page's live query (code, retryAt, since, demo) served at STATUS_INFO_PATH; never error text.
   * Given the request's URL: its `screen` parameter names the asking page's screen. */
  statusQuery?: (url: string) => string | undefined;
  /** The last good picture of the request's screen, while one may be shown (served at LAST_GOOD_PATH, from
   * memory, never cached). */
  lastGood?: (url: string) => Picture | undefined;
  /** Scripts the content page (index.html) is sure to load from elsewhere, announced in a `Link: rel=preload`
   * header of its response so Chromium fetches them while the page's own scripts load, not after them. The other
   * pages get none: the black page of an `off` period contacts nothing. */
  contentPreloads?: readonly string[];
  log: Log;
}

export class RendererOriginError extends Error {
  override readonly name = 'RendererOriginError';
  readonly code = 'root_missing';
}

const MAX_LOGGED = 200;
/** Bounds on what is kept in memory from the build (~200 kB today): a file over the size is read per request. */
const MAX_KEPT_FILES = 256;
const MAX_KEPT_FILE_BYTES = 4 * 1024 * 1024;

type Servable = { ok: true; real: string; body: Buffer } | { ok: false; status: number; reason: string; level: 'warn' | 'debug' };

/** A file of the build, if it may be served: it exists, is a regular file, and its real path (symlinks followed)
 * is inside the root. */
async function servable(realRoot: string, candidate: string): Promise<Servable> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'not found', level: 'debug' }; // e.g. the favicon Chromium asks for: not an attack
  }
  // A symlink inside the build must not lead out of it.
  if (!isInside(realRoot, real)) return { ok: false, status: 404, reason: 'symlink leads outside root', level: 'warn' };
  if (!(await stat(real)).isFile()) return { ok: false, status: 404, reason: 'not a file', level: 'debug' };
  return { ok: true, real, body: await readFile(real) };
}
const clip = (s: string) => (s.length > MAX_LOGGED ? `${s.slice(0, MAX_LOGGED)}…` : s);

async function realRootOf(root: string): Promise<string> {
  const fail = () => new RendererOriginError(`The renderer files are missing: ${root} is not a folder. Reinstall Qiosk or rebuild the renderer.`);
  const real = await realpath(root).catch(() => {
    throw fail();
  });
  if (!(await stat(real)).isDirectory()) throw fail();
  return real;
}

export async function createRendererHandler(o: RendererOriginOptions): Promise<RendererHandler> {
  const { log, origin } = o;
  const realRoot = await realRootOf(o.root);
  const baseHeaders = securityHeaders(o.csp);
  const configBody = Buffer.from(JSON.stringify(o.rendererConfig));
  const contentIndex = path.join(realRoot, 'index.html');
  // Classic scripts with no crossorigin attribute, as qlik-embed's loader adds the runtime, so the request matches.
  const contentLinks = (o.contentPreloads ?? []).map((url) => `<${new URL(url).href}>; rel=preload; as=script`).join(', ');

  // The build's files, read once, here: a window's first page then waits on no file-system round trip per file.
  // The build never changes while Qiosk runs (it is inside the installed app; after a rebuild, restart). Only
  // servable files are kept, never a miss, so requests for made-up paths keep nothing; dot-files are never served,
  // so not read. A file this cannot read (or too large to keep) is read per request.
  const kept = new Map<string, Servable>();
  const names = await readdir(realRoot, { recursive: true }).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !n.split(path.sep).some((seg) => seg.startsWith('.'))).slice(0, MAX_KEPT_FILES).map(async (name) => {
    const candidate = path.join(realRoot, name);
    const st = await stat(candidate).catch(() => undefined);
    const file = st?.isFile() && st.size <= MAX_KEPT_FILE_BYTES ? await servable(realRoot, candidate).catch(() => undefined) : undefined;
    if (file?.ok) kept.set(candidate, file);
  }));

  const send = (method: string, status: number, type: string, body: Buffer, cache: string, extra: Record<string, string> = {}) =>
    new Response(method === 'HEAD' ? null : new Uint8Array(body), {
      status,
      headers: { ...baseHeaders, 'Content-Type': type, 'Content-Length': String(body.length), 'Cache-Control': cache, ...extra },
    });

  /** Refusals are logged with the path only: a query string may carry something sensitive. */
  function refuse(req: RendererRequest, path: string, status: number, reason: string, extra: Record<string, string> = {}, level: 'warn' | 'debug' = 'warn') {
    log[level]('request refused', { status, reason, method: clip(req.method), path: clip(stripQuery(path)) });
    return send(req.method, status, 'text/plain; charset=utf-8', Buffer.from(`${status} ${STATUS_CODES[status] ?? 'Error'}\n`), 'no-store', extra);
  }

  async function handle(req: RendererRequest): Promise<Response> {
    // Adapters route only this origin here; anything else is a wiring mistake, refused rather than served.
    if (!isRendererUrl(req.url, origin)) return refuse(req, '', 421, 'not the renderer origin');
    const target = requestTarget(req.url);
    if (!isAllowedMethod(req.method)) return refuse(req, target, 405, 'method not allowed', { Allow: ALLOWED_METHODS.join(', ') });
    const parsed = parseRequestPath(target);
    if (!parsed.ok) return refuse(req, target, parsed.status, parsed.reason);
    if (parsed.pathname === RENDERER_CONFIG_PATH) return send(req.method, 200, 'application/json; charset=utf-8', configBody, cacheControlFor('document'));
    if (parsed.pathname === STATUS_INFO_PATH) {
      const query = o.statusQuery?.(req.url);
      if (query === undefined) return refuse(req, target, 404, 'no status is showing', {}, 'debug');
      const pictureAt = o.lastGood?.(req.url)?.at;
      return send(req.method, 200, 'application/json; charset=utf-8', Buffer.from(JSON.stringify({ query, ...(pictureAt === undefined ? {} : { pictureAt }) })), cacheControlFor('document'));
    }
    if (parsed.pathname === LAST_GOOD_PATH) {
      const picture = o.lastGood?.(req.url);
      if (!picture) return refuse(req, target, 404, 'no picture to show', {}, 'debug');
      return send(req.method, 200, 'image/png', Buffer.from(picture.png), 'no-store');
    }
    const candidate = resolveUnder(realRoot, parsed.segments.length === 0 ? ['index.html'] : parsed.segments);
    if (candidate === undefined) return refuse(req, target, 400, 'outside root');
    const file = kept.get(candidate) ?? (await servable(realRoot, candidate));
    if (!file.ok) return refuse(req, target, file.status, file.reason, {}, file.level);
    const type = contentTypeFor(file.real);
    const links: Record<string, string> = file.real === contentIndex && contentLinks ? { Link: contentLinks } : {};
    return send(req.method, 200, type, file.body, cacheControlFor(isHtmlType(type) ? 'document' : 'asset'), links);
  }

  log.info('renderer origin served in-process', { origin, root: realRoot, filesInMemory: kept.size });
  return async (req) => {
    try {
      return await handle(req);
    } catch (err) {
      log.error('request failed', { path: clip(stripQuery(req.url)), error: err instanceof Error ? err.message : String(err) });
      return send(req.method, 500, 'text/plain; charset=utf-8', Buffer.from('500 Internal Server Error\n'), 'no-store');
    }
  };
}
