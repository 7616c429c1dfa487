// How the token broker proves it is the OAuth client: the client secret, or a private_key_jwt assertion signed
// with a private key (kiosk-operations.md §1). Both read their credential from the OS keychain on every mint, so
// a credential stored or rotated with the admin CLI is used without a restart, and never keep it longer.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Clock, SecretStore } from '../core/ports';
import { secretProblem } from '../secrets/secret-store';
import { jwkSensitiveValues, parseStoredKey, KEY_ALG } from '../secrets/client-key';
import { TokenError } from './token-errors';

export type ClientAuthMethod = 'client_secret' | 'private_key_jwt';
export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = ['client_secret', 'private_key_jwt'];

export const ASSERTION_TYPE_JWT = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** An assertion's lifetime: long enough for a slow request, short enough that a copy is soon worthless. */
export const ASSERTION_LIFETIME_S = 60;

export interface ClientCredentials {
  /** Body fields that authenticate the client, besides client_id. */
  fields: Record<string, string>;
  /** Values the log must mask from now on (the secret; the key's private parts and the assertion). */
  sensitive: string[];
}

/** The client-authentication port of the token broker. Throws TokenError('secret_unavailable') with the fix. */
export interface ClientAuth {
  readonly method: ClientAuthMethod;
  credentials(): Promise<ClientCredentials>;
}

const keychainWhy = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function clientSecretAuth(clientId: string, secrets: SecretStore): ClientAuth {
  return {
    method: 'client_secret',
    async credentials() {
      let secret: string;
      try {
        secret = await secrets.get(clientId);
      } catch (err) {
        throw new TokenError('secret_unavailable', `Cannot read the OAuth client secret from the OS keychain: ${keychainWhy(err)}`);
      }
      const unusable = secretProblem(secret);
      if (unusable) throw new TokenError('secret_unavailable', `The OAuth client secret in the OS keychain cannot be used: ${unusable} Store it again with the secret CLI.`);
      // An HTTP Basic header carries the pair (RFC 6749 2.3.1 form-encodes each half first): masked whole too.
      return { fields: { client_secret: secret }, sensitive: [secret, `${clientId}:${secret}`, `${formEncode(clientId)}:${formEncode(secret)}`] };
    },
  };
}

export interface PrivateKeyJwtOptions {
  clientId: string;
  /** The tenant's token endpoint, exactly as the assertion's `aud` must name it (no trailing slash). */
  tokenUrl: string;
  /** The keychain holding the private JWK (service KEY_SERVICE, account = client id). */
  keys: SecretStore;
  clock: Pick<Clock, 'now'>;
  jti?: () => string;
}

/** A fresh assertion per request: iss = sub = client id, aud = the token URL (not the issuer, which stock OpenID
 * libraries put there and Qlik refuses), iat now, exp a minute on, a unique jti, signed RS256 with the key's kid. */
export function privateKeyJwtAuth(o: PrivateKeyJwtOptions): ClientAuth {
  const jti = o.jti ?? randomUUID;
  return {
    method: 'private_key_jwt',
    async credentials() {
      let stored: string;
      try {
        stored = await o.keys.get(o.clientId);
      } catch (err) {
        throw new TokenError('secret_unavailable', `Cannot read the OAuth client's private key from the OS keychain: ${keychainWhy(err)}`);
      }
      const sensitive = [stored];
      let key;
      try {
        key = parseStoredKey(stored);
      } catch (err) {
        throw new TokenError('secret_unavailable', `The OAuth client's private key in the OS keychain cannot be used: ${keychainWhy(err)} Generate or import it again with the key CLI.`);
      }
      sensitive.push(...jwkSensitiveValues(key.jwk));
      const now = Math.floor(o.clock.now() / 1000);
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: KEY_ALG, kid: key.kid, typ: 'JWT' })
        .setIssuer(o.clientId)
        .setSubject(o.clientId)
        .setAudience(o.tokenUrl)
        .setIssuedAt(now)
        .setExpirationTime(now + ASSERTION_LIFETIME_S)
        .setJti(jti())
        .sign(key.privateKey);
      sensitive.push(assertion);
      return { fields: { client_assertion_type: ASSERTION_TYPE_JWT, client_assertion: assertion }, sensitive };
    },
  };
}

const formEncode = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);
