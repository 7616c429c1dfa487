// CORS as reference §6.3 describes it, the same for every non-/__fake route. "null" is an ordinary
// string: a file:// page is refused unless some client lists "null" in allowedOrigins.
import type { ServerResponse } from 'node:http';
import { header, sendError, type RequestContext } from './http-util';
import type { TenantState } from './state';

export const EXPOSE_HEADERS = 'qlik-csrf-token, retry-after, deprecation, sunset, link';

/** Requests without Origin (Node's fetch in main) always pass; others must be in some client's list. */
export function originAllowed(state: TenantState, origin: string | null): boolean {
  if (origin === null || !state.options.enforceOrigin) return true;
  return state.options.clients.some((c) => c.allowedOrigins.includes(origin));
}

/** Sets ACAO (exact origin, never "*"), credentials and Vary on an allowed cross-origin response. */
export function applyCorsHeaders(res: ServerResponse, origin: string | null): void {
  res.setHeader('Vary', 'Origin');
  if (origin === null) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}

/** OPTIONS: 204 with the allow-lists for an allowed origin, 403 otherwise (no Origin: a bare 204). */
export function handlePreflight(ctx: RequestContext, allowed: boolean): void {
  const origin = ctx.entry.origin;
  if (!allowed) {
    ctx.entry.errorCode = 'CORS-FAKE-ORIGIN';
    ctx.res.writeHead(403, { Vary: 'Origin', 'Content-Length': 0 });
    ctx.res.end();
    return;
  }
  if (origin === null) {
    ctx.res.writeHead(204, { Allow: 'GET,POST,PUT,PATCH,DELETE,OPTIONS' });
    ctx.res.end();
    return;
  }
  applyCorsHeaders(ctx.res, origin);
  ctx.res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
  const requested = header(ctx.req, 'access-control-request-headers');
  if (requested) ctx.res.setHeader('Access-Control-Allow-Headers', requested);
  ctx.res.setHeader('Access-Control-Max-Age', '600');
  ctx.res.writeHead(204);
  ctx.res.end();
}

/** A disallowed Origin on /oauth/token: Qlik's field-reported OAUTH-29. */
export function refuseTokenOrigin(ctx: RequestContext): void {
  ctx.res.setHeader('Vary', 'Origin');
  sendError(ctx, 403, {
    code: 'OAUTH-29',
    title: 'Invalid Origin Header',
    detail: `Origin ${String(ctx.entry.origin)} is not in any OAuth client's allowedOrigins.`,
  });
}
