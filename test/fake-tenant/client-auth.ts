// Client authentication for the impersonation and client_credentials grants. Each method is an
// authenticator; private_key_jwt plugs in by replacing `clientAssertion.verify` (reference §6.4 item 1
// lists the checks: kid, alg, iss = sub = client_id, aud = baseUrl + "/oauth/token", exp, exp - iat <= 300,
// unseen jti). Until then an assertion of the right type is refused with a detail saying so.
import { createHash, timingSafeEqual } from 'node:crypto';
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
  verify(client, p) {
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
    return invalidClient('private_key_jwt verification is not implemented by the fake tenant yet');
  },
};

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
