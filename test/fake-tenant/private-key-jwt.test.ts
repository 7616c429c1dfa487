// private_key_jwt at the fake tenant (reference §6.4 item 1): an assertion signed with the registered key is
// accepted once; every way Qlik would refuse one is refused, each with its own reason.
import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateClientKey, parseStoredKey, publicJwk } from '../../src/main/secrets/client-key';
import { firstError, lastEntry, postToken } from './helpers';
import { fakeClient, startFakeTenant, type FakeTenant } from './index';
import { ASSERTION_TYPE_JWT, GRANT_IMPERSONATION } from './options';

const KEY = generateClientKey();
const OTHER_KEY = generateClientKey();
let tenant: FakeTenant;

beforeAll(async () => {
  tenant = await startFakeTenant({ clients: [fakeClient({ clientSecret: undefined, jwks: [publicJwk(KEY)] })] });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

/** An assertion as Qiosk builds it, with `change` applied: claims to override (undefined removes), a key, a header. */
async function assertion(change: { claims?: Partial<Record<keyof JWTPayload, unknown>>; key?: string; header?: Record<string, unknown> } = {}): Promise<string> {
  const now = Math.floor(tenant.clock.now() / 1000);
  const claims: Record<string, unknown> = { iss: 'kiosk-imp', sub: 'kiosk-imp', aud: `${tenant.baseUrl}/oauth/token`, iat: now, exp: now + 60, jti: randomUUID(), ...change.claims };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  const signer = parseStoredKey(change.key ?? KEY);
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'RS256', kid: parseStoredKey(KEY).kid, ...change.header } as { alg: string }).sign(signer.privateKey);
}

const body = (clientAssertion: string) => ({
  grant_type: GRANT_IMPERSONATION, client_id: 'kiosk-imp', scope: 'user_default',
  client_assertion_type: ASSERTION_TYPE_JWT, client_assertion: clientAssertion, user_lookup: { field: 'userId', value: 'u-1' },
});

describe('private_key_jwt', () => {
  it('mints with an assertion signed by the registered key, and refuses the same assertion again (replay)', async () => {
    const a = await assertion();
    const first = await postToken(tenant, body(a));
    expect(first.status).toBe(200);
    expect(typeof first.json.access_token).toBe('string');
    expect(lastEntry(tenant, '/oauth/token')).toMatchObject({ assertionPresent: true, secretPresent: false });
    const again = await postToken(tenant, body(a));
    expect([again.status, firstError(again).detail]).toEqual([401, 'client_assertion jti was already used (replay)']);
  });

  it.each<[string, () => Promise<string>, string]>([
    ['aud = the issuer, as stock openid-client builds it', () => assertion({ claims: { aud: tenant.baseUrl } }), 'client_assertion aud must be exactly'],
    ['aud with a trailing slash', () => assertion({ claims: { aud: `${tenant.baseUrl}/oauth/token/` } }), 'client_assertion aud must be exactly'],
    ['signed with another key under the registered kid', () => assertion({ key: OTHER_KEY }), 'signature does not verify'],
    ['a kid nobody registered', () => assertion({ key: OTHER_KEY, header: { kid: parseStoredKey(OTHER_KEY).kid } }), "no registered key has the assertion's kid"],
    ['expired on the tenant\'s clock', async () => { const a = await assertion(); tenant.clock.advance(61); return a; }, 'client_assertion has expired'],
    ['living longer than 300 s', () => assertion({ claims: { exp: Math.floor(tenant.clock.now() / 1000) + 301 } }), 'live at most 300 s'],
    ['iss is not the client', () => assertion({ claims: { iss: 'someone-else' } }), 'iss and sub must both be the client_id'],
    ['no jti', () => assertion({ claims: { jti: undefined } }), 'client_assertion has no jti'],
    ['alg none', async () => { const [, p] = (await assertion()).split('.'); return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`; }, 'alg "none" is not one of'],
    ['not a JWT', async () => 'a.b.c', 'client_assertion is not a signed JWT'],
  ])('refuses %s with 401 and says why', async (_name, make, reason) => {
    const r = await postToken(tenant, body(await make()));
    expect(r.status).toBe(401);
    expect(firstError(r)).toMatchObject({ code: 'OAUTH-FAKE-INVALID-CLIENT', detail: expect.stringContaining(reason) });
  });
});
