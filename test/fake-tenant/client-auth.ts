// Client authentication for the impersonation and client_credentials grants. Each method is an
// authenticator. private_key_jwt checks what reference §6.4 item 1 lists: a registered JWK with the assertion's
// kid, alg in {RS256, RS512, ES384} and equal to the JWK's, the signature, iss = sub = client_id, aud = baseUrl +
// "/oauth/token" exactly (a stock OpenID library's aud = issuer is refused, as Qlik does), exp > now on the
// tenant's clock, exp - iat <= 300, and an unseen jti. Verified with node:crypto, not with the library Qiosk signs
// with, so a shared bug cannot pass both sides.
import { createHash, createPublicKey, timingSafeEqual, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { str, type TokenParams } from './oauth-body';
import { ASSERTION_TYPE_JWT, type FakeClient } from './options';
import type { TenantState } from './state';

export type ClientAuthResult =
  | { ok: true; client: FakeClient; method: 'client_secret' | 'private_key_jwt' }
  | { ok: false; status: 400 | 401; code: string; title: string; detail: string };

export interface AuthContext {
  state: TenantState;
  /** The token endpoint URL an assertion's `aud` must equal (no trailing slash). */
  tokenEndpoint: string;
}

export interface ClientAuthenticator {
  /** Whether the request carries this method's credentials. */
  present(params: TokenParams): boolean;
  verify(client: FakeClient, params: TokenParams, ctx: AuthContext): ClientAuthResult;
}

const invalidClient = (detail: string): ClientAuthResult => ({
  ok: false,
  status: 401,
  code: 'OAUTH-FAKE-INVALID-CLIENT',
  title: 'Unauthorized',
  detail,
});

/** Hashing first makes the compare constant-time whatever the lengths. */
function secretsEqual(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}

export const clientSecret: ClientAuthenticator = {
  present: (p) => (str(p, 'client_secret') ?? '') !== '',
  verify(client, p) {
    const sent = str(p, 'client_secret') ?? '';
    if (client.clientSecret === undefined || !secretsEqual(sent, client.clientSecret)) return invalidClient('invalid client credentials');
    return { ok: true, client, method: 'client_secret' };
  },
};

export const clientAssertion: ClientAuthenticator = {
  present: (p) => str(p, 'client_assertion') !== undefined || str(p, 'client_assertion_type') !== undefined,
  verify(client, p, ctx) {
    if (str(p, 'client_assertion_type') !== ASSERTION_TYPE_JWT) {
      return {
        ok: false,
        status: 400,
        code: 'OAUTH-FAKE-ASSERTION-TYPE',
        title: 'unsupported_client_assertion_type',
        detail: `client_assertion_type must be ${ASSERTION_TYPE_JWT}`,
      };
    }
    if (!client.jwks || client.jwks.length === 0) return invalidClient('the client has no registered public keys (jwks)');
    return verifyAssertion(client, str(p, 'client_assertion') ?? '', ctx);
  },
};

const ALGS: Record<string, { hash: string; ec?: true }> = { RS256: { hash: 'sha256' }, RS512: { hash: 'sha512' }, ES384: { hash: 'sha384', ec: true } };
export const MAX_ASSERTION_LIFETIME_S = 300;

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function verifyAssertion(client: FakeClient, assertion: string, ctx: AuthContext): ClientAuthResult {
  const parts = assertion.split('.');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !claims) return invalidClient('client_assertion is not a signed JWT');
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  const spec = ALGS[alg];
  if (!spec) return invalidClient(`client_assertion alg ${JSON.stringify(alg)} is not one of ${Object.keys(ALGS).join(', ')}`);
  const jwks = client.jwks ?? [];
  const jwk = jwks.find((k) => k['kid'] === header['kid']) ?? (jwks.length === 1 && header['kid'] === undefined ? jwks[0] : undefined);
  if (!jwk) return invalidClient('no registered key has the assertion\'s kid');
  if (jwk['alg'] !== undefined && jwk['alg'] !== alg) return invalidClient(`the registered key is for ${String(jwk['alg'])}, not ${alg}`);
  let valid = false;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const signature = Buffer.from(parts[2]!, 'base64url');
    valid = verifySignature(spec.hash, Buffer.from(`${parts[0]}.${parts[1]}`), spec.ec ? { key, dsaEncoding: 'ieee-p1363' } : key, signature);
  } catch {
    valid = false;
  }
  if (!valid) return invalidClient('client_assertion signature does not verify against the registered key');
  if (claims['iss'] !== client.clientId || claims['sub'] !== client.clientId) return invalidClient('client_assertion iss and sub must both be the client_id');
  if (claims['aud'] !== ctx.tokenEndpoint) return invalidClient(`client_assertion aud must be exactly ${ctx.tokenEndpoint}`);
  const now = ctx.state.now() / 1000;
  const exp = claims['exp'];
  const iat = claims['iat'];
  if (typeof exp !== 'number' || exp <= now) return invalidClient('client_assertion has expired (or has no exp)');
  if (typeof iat !== 'number' || exp - iat > MAX_ASSERTION_LIFETIME_S) return invalidClient(`client_assertion must have iat and live at most ${MAX_ASSERTION_LIFETIME_S} s`);
  const jti = claims['jti'];
  if (typeof jti !== 'string' || jti === '') return invalidClient('client_assertion has no jti');
  if (!ctx.state.rememberAssertion(client.clientId, jti, exp * 1000)) return invalidClient('client_assertion jti was already used (replay)');
  return { ok: true, client, method: 'private_key_jwt' };
}

export const authenticators: readonly ClientAuthenticator[] = [clientSecret, clientAssertion];

/**
 * Finds the client and verifies whichever credentials were sent. With both a secret and an assertion,
 * either one passing is enough (Qlik's behaviour there is unconfirmed).
 */
export function authenticateClient(params: TokenParams, ctx: AuthContext): ClientAuthResult {
  const clientId = str(params, 'client_id');
  const client = ctx.state.options.clients.find((c) => c.clientId === clientId);
  if (!client) return invalidClient('invalid client credentials');
  const sent = authenticators.filter((a) => a.present(params));
  if (sent.length === 0) return invalidClient('no client credentials: send client_secret or client_assertion');
  let firstFailure: ClientAuthResult | undefined;
  for (const a of sent) {
    const r = a.verify(client, params, ctx);
    if (r.ok) return r;
    firstFailure ??= r;
  }
  return firstFailure ?? invalidClient('invalid client credentials');
}
