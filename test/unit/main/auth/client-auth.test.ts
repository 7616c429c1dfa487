import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ASSERTION_TYPE_JWT, clientSecretAuth, privateKeyJwtAuth } from '../../../../src/main/auth/client-auth';
import { TokenError } from '../../../../src/main/auth/token-errors';
import type { SecretStore } from '../../../../src/main/core/ports';
import { generateClientKey, jwkSensitiveValues, parseStoredKey, publicJwk } from '../../../../src/main/secrets/client-key';
import { SecretStoreError } from '../../../../src/main/secrets/secret-store';
import { FakeClock } from '../../../support/fake-clock';

const KEY = generateClientKey();
const TOKEN_URL = 'https://acme.eu.qlikcloud.com/oauth/token';
const store = (get: () => Promise<string>): SecretStore => ({ get: vi.fn(get), set: vi.fn(), delete: vi.fn() });
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('private_key_jwt client authentication', () => {
  it('signs a fresh assertion per request: iss = sub = client id, aud = the token URL, 60 s, unique jti, the key\'s kid', async () => {
    const clock = new FakeClock();
    const auth = privateKeyJwtAuth({ clientId: 'kiosk-imp', tokenUrl: TOKEN_URL, keys: store(async () => KEY), clock });
    const a = await auth.credentials();
    const b = await auth.credentials();
    expect(a.fields.client_assertion_type).toBe(ASSERTION_TYPE_JWT);
    expect(Object.keys(a.fields).sort()).toEqual(['client_assertion', 'client_assertion_type']);
    const [h, p, s] = a.fields.client_assertion!.split('.') as [string, string, string];
    const now = Math.floor(clock.now() / 1000);
    expect(decode(h)).toEqual({ alg: 'RS256', kid: parseStoredKey(KEY).kid, typ: 'JWT' });
    expect(decode(p)).toEqual({ iss: 'kiosk-imp', sub: 'kiosk-imp', aud: TOKEN_URL, iat: now, exp: now + 60, jti: expect.any(String) });
    expect(decode(b.fields.client_assertion!.split('.')[1]!).jti).not.toBe(decode(p).jti);
    expect(verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: publicJwk(KEY), format: 'jwk' }), Buffer.from(s, 'base64url'))).toBe(true);
    // Masked from then on: the stored key, each private part, the assertion itself.
    expect(a.sensitive).toEqual([KEY, ...jwkSensitiveValues(parseStoredKey(KEY).jwk), a.fields.client_assertion]);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['no key stored', async () => { throw new SecretStoreError('secret_missing', { operation: 'get', account: 'kiosk-imp', credential: 'key' }); }, /private key .*No private key for Qlik OAuth client id "kiosk-imp".*key generate --client-id kiosk-imp/],
    ['a damaged key', async () => 'CANARY-damaged', /private key in the OS keychain cannot be used: The stored key is not a private JWK\. Generate or import it again/],
  ])('%s: a secret_unavailable error that says how to fix it', async (_name, get, message) => {
    const auth = privateKeyJwtAuth({ clientId: 'kiosk-imp', tokenUrl: TOKEN_URL, keys: store(get), clock: new FakeClock() });
    const err = await auth.credentials().then(() => undefined, (e: unknown) => e as TokenError);
    expect(err).toBeInstanceOf(TokenError);
    expect([err!.code, err!.transient]).toEqual(['secret_unavailable', false]);
    expect(err!.message).toMatch(message);
    expect(err!.message).not.toContain('CANARY');
  });
});

describe('client_secret client authentication', () => {
  it('sends the secret and masks it with its Basic-pair forms', async () => {
    const c = await clientSecretAuth('kiosk-imp', store(async () => 'CANARY-0123456789abcdef')).credentials();
    expect(c.fields).toEqual({ client_secret: 'CANARY-0123456789abcdef' });
    expect(c.sensitive).toEqual(['CANARY-0123456789abcdef', 'kiosk-imp:CANARY-0123456789abcdef', 'kiosk-imp:CANARY-0123456789abcdef']);
  });
});
