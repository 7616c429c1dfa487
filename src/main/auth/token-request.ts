// The impersonation request exactly as Qlik documents it, and the parsing of Qlik's answer.
// Pure: no I/O, so the exact wire format is pinned by unit tests.
import { MIN_SENSITIVE_LENGTH } from '../log/redact';
import { showPublicKeyCommand, storeSecretCommand } from '../secrets/secret-store';
import { ASSERTION_LIFETIME_S } from './client-auth';
import { firstQlikError, retryAfterMs, TokenError } from './token-errors';

export interface UserLookup {
  field: 'subject' | 'userId';
  value: string;
}

export const IMPERSONATION_GRANT = 'urn:qlik:oauth:user-impersonation';
/** Qlik: "tokens are valid for 6 hours by default"; used when a response states no expiry. */
export const DEFAULT_LIFETIME_MS = 6 * 60 * 60 * 1000;

export interface ImpersonationRequest {
  client_id: string;
  /** client_secret, or client_assertion_type + client_assertion (client-auth.ts). */
  [clientAuthField: string]: unknown;
  scope: string;
  grant_type: typeof IMPERSONATION_GRANT;
  user_lookup: UserLookup;
}

export function impersonationBody(clientId: string, clientAuth: Record<string, string>, scope: string, lookup: UserLookup): ImpersonationRequest {
  return {
    client_id: clientId,
    ...clientAuth,
    scope,
    grant_type: IMPERSONATION_GRANT,
    user_lookup: { field: lookup.field, value: lookup.value },
  };
}

export interface ParsedToken {
  accessToken: string;
  expiresAt: number;
}

interface Context {
  tenant: string;
  clientId: string;
  /** How the client authenticated: a refusal names the matching fix. */
  clientAuth?: 'client_secret' | 'private_key_jwt';
  user: string;
  /** When the request was sent: expiry counts from here, so network time never extends a token's life. */
  sentAt: number;
  now: number;
}

/** Turns a 200 body into a token, or throws `malformed_response` saying what was wrong. */
export function parseTokenResponse(text: string, ctx: Context): ParsedToken {
  const malformed = (what: string) =>
    new TokenError(
      'malformed_response',
      `The token endpoint at ${ctx.tenant}/oauth/token answered 200 but ${what}. Check that the tenant host in the ` +
        `config is the Qlik Cloud tenant itself and not a proxy or captive portal.`,
      { status: 200 },
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null) throw malformed('the body is not a JSON object');
  const b = body as Record<string, unknown>;
  const token = b['access_token'];
  if (typeof token !== 'string' || token.length === 0) throw malformed('it has no access_token');
  // Too short to be real, and too short to mask safely in logs: refused, never handed to a page.
  if (token.length < MIN_SENSITIVE_LENGTH) throw malformed(`its access_token is shorter than ${MIN_SENSITIVE_LENGTH} characters`);
  const type = b['token_type'];
  if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer')) {
    throw malformed(`its token_type is not bearer`);
  }
  return { accessToken: token, expiresAt: expiryFrom(b, ctx, malformed) };
}

function expiryFrom(b: Record<string, unknown>, ctx: Context, malformed: (what: string) => TokenError): number {
  const rawIn = b['expires_in'];
  if (rawIn !== undefined && rawIn !== null) {
    const secs = typeof rawIn === 'string' ? Number(rawIn) : rawIn;
    if (typeof secs !== 'number' || !Number.isFinite(secs) || secs <= 0) throw malformed('its expires_in is not a positive number');
    return ctx.sentAt + secs * 1000;
  }
  const rawAt = b['expires_at'];
  if (typeof rawAt === 'string') {
    const at = Date.parse(rawAt);
    if (!Number.isFinite(at)) throw malformed('its expires_at is not a date');
    if (at <= ctx.now) throw malformed('its expires_at is already in the past (check this machine\'s clock)');
    return at;
  }
  return ctx.sentAt + DEFAULT_LIFETIME_MS;
}

/** Maps a non-200 answer to the typed error an admin can act on. */
export function errorFromResponse(status: number, text: string, retryAfter: string | null, ctx: Context): TokenError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const q = firstQlikError(body);
  const said = [q.code, q.title, q.detail].filter(Boolean).join(': ');
  const qlik = said ? ` Qlik said: "${said}".` : '';
  const extra = { status, ...(q.code ? { qlikCode: q.code } : {}) };
  const where = `${ctx.tenant} (client '${ctx.clientId}')`;
  const mentionsUser = /user/i.test(`${q.title ?? ''} ${q.detail ?? ''} ${q.code ?? ''}`);

  if (status === 429) {
    const ms = retryAfterMs(retryAfter, q.detail, ctx.now);
    return new TokenError('rate_limited', `Qlik rate-limited token requests from ${where}; retrying in ${Math.ceil(ms / 1000)} s. ` +
      `If this repeats, too many kiosks share one OAuth client.${qlik}`, { ...extra, retryAfterMs: ms });
  }
  if (status === 401 && mentionsUser) {
    return new TokenError('unknown_user', `Qlik has no active user for ${ctx.user} on ${where}. Impersonation needs the user ` +
      `to exist in the tenant: create or reactivate the user, or fix the identity settings in the config.${qlik}`, extra);
  }
  if (status === 401 && ctx.clientAuth === 'private_key_jwt') {
    return new TokenError('bad_credentials', `Qlik rejected the private_key_jwt assertion of ${where}. Check that the public key ` +
      `printed by ${showPublicKeyCommand(ctx.clientId)} is registered on that OAuth client in the Qlik console, and that ` +
      `this machine's clock is right (assertions live ${ASSERTION_LIFETIME_S} s).${qlik}`, extra);
  }
  if (status === 401) {
    return new TokenError('bad_credentials', `Qlik rejected the OAuth client credentials for ${where}. Check the client id ` +
      `in the config and store the current secret with ${storeSecretCommand(ctx.clientId)}.${qlik}`, extra);
  }
  if (status === 403 && (q.code === 'OAUTH-29' || /origin/i.test(`${q.title ?? ''} ${q.detail ?? ''}`))) {
    return new TokenError('origin_rejected', `Qlik refused the request's origin for ${where}. Add the origin to the OAuth ` +
      `client's Allowed Origins in the Qlik console.${qlik}`, extra);
  }
  if (status === 403) {
    return new TokenError('disabled_user', `Qlik refused to impersonate ${ctx.user} on ${where}: the user is disabled or has ` +
      `reached the maximum number of tokens. Re-enable the user in the Qlik console.${qlik}`, extra);
  }
  if (status === 400) {
    return new TokenError('invalid_grant_or_scope', `Qlik rejected the impersonation request for ${where}: the client must ` +
      `allow the user-impersonation grant (tick "Machine-to-machine impersonation", consent Trusted) and every scope in ` +
      `the config's tenant.scope.${qlik}`, extra);
  }
  if (status >= 500) {
    return new TokenError('server_error', `The Qlik tenant ${ctx.tenant} answered HTTP ${status}; retrying with backoff.${qlik}`, extra);
  }
  return new TokenError('unexpected_status', `The token endpoint at ${where} answered HTTP ${status}, which Qiosk does not ` +
    `expect. Check that the tenant host in the config is right.${qlik}`, extra);
}
