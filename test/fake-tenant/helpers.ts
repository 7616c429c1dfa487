// Shared plumbing for the fake tenant's own tests: token requests as main would send them, and log lookups.
import { GRANT_IMPERSONATION, GRANT_TOKEN_EXCHANGE, TOKEN_TYPE_ACCESS, type FakeTenant, type LogEntry } from './index';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: tests that care look at text
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** POSTs a JSON (default) or form body to /oauth/token, optionally with an Origin header. */
export function postToken(
  tenant: FakeTenant,
  body: Record<string, unknown> | URLSearchParams,
  opts: { origin?: string } = {},
): Promise<Reply> {
  const form = body instanceof URLSearchParams;
  const headers: Record<string, string> = { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' };
  if (opts.origin !== undefined) headers.Origin = opts.origin;
  return call(`${tenant.baseUrl}/oauth/token`, { method: 'POST', headers, body: form ? body.toString() : JSON.stringify(body) });
}

/** The impersonation body @qlik/api sends (reference §1.1). */
export function impersonationBody(secret: string, lookup: { field: string; value: string } = { field: 'userId', value: 'u-1' }) {
  return { client_id: 'kiosk-imp', client_secret: secret, scope: 'user_default', grant_type: GRANT_IMPERSONATION, user_lookup: lookup };
}

/** Mints an access token for a user the way main does; fails the test on anything but 200. */
export async function mint(tenant: FakeTenant, secret: string, userId = 'u-1'): Promise<string> {
  const r = await postToken(tenant, impersonationBody(secret, { field: 'userId', value: userId }));
  if (r.status !== 200) throw new Error(`mint for ${userId} failed: ${String(r.status)} ${r.text}`);
  return r.json.access_token as string;
}

/** The browser's websocket token exchange body (reference §1.4). */
export function exchangeBody(subjectToken: string, extra: Record<string, unknown> = {}) {
  return {
    subject_token: subjectToken,
    subject_token_type: TOKEN_TYPE_ACCESS,
    grant_type: GRANT_TOKEN_EXCHANGE,
    purpose: 'websocket',
    redirect_uri: 'http://localhost:47321/index.html',
    client_id: 'kiosk-imp',
    ...extra,
  };
}

export function bearer(token: string, extra: Record<string, string> = {}): RequestInit {
  return { headers: { Authorization: `Bearer ${token}`, ...extra } };
}

export const lastEntry = (tenant: FakeTenant, path: string): LogEntry | undefined =>
  tenant.log().filter((e) => e.path === path).at(-1);

/** The first error of a Qlik error body. */
export function firstError(r: Reply): { code?: string; title?: string; detail?: string; status?: string } {
  return ((r.json.errors as unknown[] | undefined)?.[0] ?? {}) as { code?: string };
}
