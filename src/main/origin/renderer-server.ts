// The renderer's origin: a static HTTP server on loopback that serves the built renderer to the kiosk window.
//
// Why http://localhost:<fixed port> and not file:// or a custom scheme:
// - qlik-embed's REST calls are CORS requests, and the tenant only answers origins listed in the OAuth client's
//   Allowed Origins, which take the form http(s)://host[:port].
// - A file:// page has an opaque origin and sends `Origin: null`, which no Allowed Origins entry can match.
// - A custom scheme (app://qiosk) sends `Origin: app://qiosk`, which cannot be registered there either.
// - http://localhost and http://127.0.0.1 are "potentially trustworthy" origins in Chromium, so the page is
//   a secure context (crypto.subtle, no mixed-content blocking of https/wss calls to the tenant) without TLS.
// - The port is fixed (config `renderer.port`) so the origin IT registers stays the same across restarts.
// - It binds 127.0.0.1 only, so nothing off this machine can connect; the Host check below stops a web page
//   elsewhere from reaching it through DNS rebinding.
import { realpath, stat, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { Log } from '../core/ports';
import { RENDERER_CONFIG_PATH, type RendererConfig } from '../../shared/ipc-contract';
import { contentTypeFor, isHtmlType } from './content-types';
import { ALLOWED_METHODS, isAllowedHost, isAllowedMethod } from './request-guards';
import { cacheControlFor, securityHeaders } from './response-headers';
import { isInside, parseRequestPath, resolveUnder, stripQuery } from './safe-path';

export interface RendererServerOptions {
  /** The built renderer (contains index.html). */
  root: string;
  /** Fixed port; the origin http://localhost:<port> is what the OAuth client lists in Allowed Origins. */
  port: number;
  /** Bind address, default '127.0.0.1'. */
  host?: string;
  /** The Content-Security-Policy header value, sent on every response. */
  csp: string;
  /** Non-secret settings served at RENDERER_CONFIG_PATH. */
  rendererConfig: RendererConfig;
  log: Log;
}

export interface RendererServer {
  /** `http://localhost:${port}` */
  origin: string;
  /** Stops listening and drops keep-alive connections; resolves once the port is free. */
  close(): Promise<void>;
}

/** The origin IT registers in the OAuth client's Allowed Origins (the page's host is localhost, bound to 127.0.0.1). */
export const rendererOrigin = (port: number) => `http://localhost:${port}`;

export type RendererServerErrorCode = 'port_in_use' | 'listen_failed' | 'invalid_port' | 'root_missing';

export class RendererServerError extends Error {
  override readonly name = 'RendererServerError';
  constructor(
    readonly code: RendererServerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_LOGGED = 200;
const clip = (s: string) => (s.length > MAX_LOGGED ? `${s.slice(0, MAX_LOGGED)}…` : s);

function listenError(err: NodeJS.ErrnoException, host: string, port: number): RendererServerError {
  if (err.code === 'EADDRINUSE') {
    return new RendererServerError(
      'port_in_use',
      `Cannot serve the kiosk page: another program uses port ${port}; set renderer.port in the Qiosk config to a ` +
        `free port and add http://localhost:<new port> to the OAuth client's Allowed Origins.`,
    );
  }
  return new RendererServerError(
    'listen_failed',
    `Cannot serve the kiosk page on ${host}:${port} (${err.code ?? err.message}); set renderer.port in the Qiosk ` +
      `config to a free port from 1024 to 65535 and add http://localhost:<new port> to the OAuth client's Allowed Origins.`,
  );
}

async function realRootOf(root: string): Promise<string> {
  const fail = () =>
    new RendererServerError('root_missing', `The renderer files are missing: ${root} is not a folder. Reinstall Qiosk or rebuild the renderer.`);
  const real = await realpath(root).catch(() => {
    throw fail();
  });
  if (!(await stat(real)).isDirectory()) throw fail();
  return real;
}

export async function startRendererServer(o: RendererServerOptions): Promise<RendererServer> {
  const { port, log } = o;
  const host = o.host ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RendererServerError('invalid_port', `renderer.port must be a whole number from 1024 to 65535 (got ${String(port)}).`);
  }
  const realRoot = await realRootOf(o.root);
  const baseHeaders = securityHeaders(o.csp);
  const configBody = Buffer.from(JSON.stringify(o.rendererConfig));

  function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: Buffer, cache: string, extra: Record<string, string> = {}) {
    res.writeHead(status, { ...baseHeaders, 'Content-Type': type, 'Content-Length': String(body.length), 'Cache-Control': cache, ...extra });
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  }

  /** Refusals are logged with the path only: a query string may carry something sensitive. */
  function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, reason: string, extra: Record<string, string> = {}, level: 'warn' | 'debug' = 'warn') {
    log[level]('request refused', { status, reason, method: clip(req.method ?? ''), path: clip(stripQuery(req.url ?? '')) });
    const text = `${status} ${http.STATUS_CODES[status] ?? 'Error'}\n`;
    send(req, res, status, 'text/plain; charset=utf-8', Buffer.from(text), 'no-store', extra);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      log.warn('request refused: unexpected Host header (possible DNS rebinding)', { host: clip(req.headers.host ?? '(none)') });
      return refuse(req, res, 421, 'host not allowed');
    }
    if (!isAllowedMethod(req.method)) return refuse(req, res, 405, 'method not allowed', { Allow: ALLOWED_METHODS.join(', ') });
    const parsed = parseRequestPath(req.url ?? '');
    if (!parsed.ok) return refuse(req, res, parsed.status, parsed.reason);
    if (parsed.pathname === RENDERER_CONFIG_PATH) {
      return send(req, res, 200, 'application/json; charset=utf-8', configBody, cacheControlFor('document'));
    }
    const candidate = resolveUnder(realRoot, parsed.segments.length === 0 ? ['index.html'] : parsed.segments);
    if (candidate === undefined) return refuse(req, res, 400, 'outside root');
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      return refuse(req, res, 404, 'not found', {}, 'debug'); // e.g. the favicon Chromium asks for: not an attack
    }
    // A symlink inside the build must not lead out of it.
    if (!isInside(realRoot, real)) return refuse(req, res, 404, 'symlink leads outside root');
    const info = await stat(real);
    if (!info.isFile()) return refuse(req, res, 404, 'not a file', {}, 'debug');
    const type = contentTypeFor(real);
    const body = await readFile(real);
    send(req, res, 200, type, body, cacheControlFor(isHtmlType(type) ? 'document' : 'asset'));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('request failed', { path: clip(stripQuery(req.url ?? '')), error: err instanceof Error ? err.message : String(err) });
      if (res.headersSent) res.destroy();
      else send(req, res, 500, 'text/plain; charset=utf-8', Buffer.from('500 Internal Server Error\n'), 'no-store');
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, host, port));
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (err) => log.error('renderer server error', { error: err.message }));

  const origin = rendererOrigin(port);
  log.info('renderer origin serving', { origin, bind: `${host}:${port}`, root: realRoot });

  let closing: Promise<void> | undefined;
  return {
    origin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => log.debug('renderer origin closed', { origin }));
      return closing;
    },
  };
}
