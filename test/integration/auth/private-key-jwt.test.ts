// private_key_jwt end to end: a key generated into the real keychain mints against the fake tenant, which holds
// only its public half; a key the tenant does not know is refused with the fix in words; the secret is never read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { privateKeyJwtAuth } from '../../../src/main/auth/client-auth';
import { createTokenBroker, type BrokerIdentity } from '../../../src/main/auth/token-broker';
import { TokenError } from '../../../src/main/auth/token-errors';
import { systemClock, type SecretStore } from '../../../src/main/core/ports';
import { createMemoryLog } from '../../../src/main/log/logger';
import { generateClientKey, publicJwk } from '../../../src/main/secrets/client-key';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { fakeClient, startFakeTenant, type FakeTenant } from '../../fake-tenant';
import { describeWithKeyring } from '../secrets/keyring-env';

const CLIENT_ID = 'kiosk-imp';
const alice: BrokerIdentity = { lookup: { field: 'userId', value: 'u-1' }, cacheKey: 'userId:u-1' };
const noSecret: SecretStore = { get: () => Promise.reject(new Error('the secret must not be read')), set: () => Promise.resolve(), delete: () => Promise.resolve(false) };

describeWithKeyring('private_key_jwt against the fake tenant, key in the real keychain', () => {
  const keys = createKeytarStore(undefined, { credential: 'key' });
  const key = generateClientKey();
  let tenant: FakeTenant;
  const broker = () => createTokenBroker({ tenant: tenant.baseUrl, clientId: CLIENT_ID }, {
    http: (u, i) => fetch(u, i), clock: systemClock, secrets: noSecret, log: createMemoryLog('auth'),
    clientAuth: privateKeyJwtAuth({ clientId: CLIENT_ID, tokenUrl: `${tenant.baseUrl}/oauth/token`, keys, clock: systemClock }),
  });

  beforeAll(async () => {
    await keys.set(CLIENT_ID, key);
    tenant = await startFakeTenant({ clients: [fakeClient({ clientSecret: undefined, jwks: [publicJwk(key)] })] });
  });
  afterAll(async () => {
    await tenant?.close();
    await keys.delete(CLIENT_ID).catch(() => false);
  });

  it('mints with the generated key, and the tenant validates the token', async () => {
    const t = await broker().getToken(alice);
    expect(tenant.tokenIdOf(t.accessToken)).toBeTruthy();
    expect(tenant.log().filter((e) => e.path === '/oauth/token').map((e) => [e.status, e.assertionPresent, e.secretPresent])).toEqual([[200, true, false]]);
  });

  it('a key the tenant does not know is refused as bad credentials, naming the public key to register', async () => {
    await keys.set(CLIENT_ID, generateClientKey());
    const err = await broker().getToken(alice).then(() => undefined, (e: unknown) => e as TokenError);
    await keys.set(CLIENT_ID, key);
    expect(err?.code).toBe('bad_credentials');
    expect(err?.message).toContain(`key show-public --client-id ${CLIENT_ID}`);
  });
});
