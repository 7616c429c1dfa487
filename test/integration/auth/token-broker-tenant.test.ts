// The broker over real HTTP against the fake tenant, reading its secret (a canary) from the real keychain.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTokenBroker, type BrokerIdentity, type TokenBrokerOptions } from '../../../src/main/auth/token-broker';
import { TokenError, type TokenErrorCode } from '../../../src/main/auth/token-errors';
import { systemClock } from '../../../src/main/core/ports';
import { createMemoryLog } from '../../../src/main/log/logger';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { startFakeTenant, type FakeTenant, type FaultSpec } from '../../fake-tenant';
import { makeCanary } from '../../support/canary';
import { describeWithKeyring } from '../secrets/keyring-env';

const CLIENT_ID = `kiosk-imp`;
const alice: BrokerIdentity = { lookup: { field: 'userId', value: 'u-1' }, cacheKey: 'userId:u-1' };
const as = (userId: string): BrokerIdentity => ({ lookup: { field: 'userId', value: userId }, cacheKey: `userId:${userId}` });

describeWithKeyring('token broker against the fake tenant, secret from the real keychain', () => {
  const secret = makeCanary();
  const store = createKeytarStore();
  const log = createMemoryLog('auth');
  const errors: string[] = [];
  let tenant: FakeTenant;

  const broker = (extra: Partial<TokenBrokerOptions> = {}) =>
    createTokenBroker({ tenant: tenant.baseUrl, clientId: CLIENT_ID, ...extra }, { http: (u, i) => fetch(u, i), clock: systemClock, secrets: store, log });

  async function failWith(code: TokenErrorCode, identity = alice, extra: Partial<TokenBrokerOptions> = {}) {
    const err = await broker(extra).getToken(identity).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TokenError);
    const e = err as TokenError;
    errors.push(`${e.message}\n${String(e.stack)}\n${JSON.stringify(e)}`);
    expect(e.code).toBe(code);
    return e;
  }

  beforeAll(async () => {
    await store.set(CLIENT_ID, secret);
    tenant = await startFakeTenant({ clientSecret: secret });
  });
  afterAll(async () => {
    await tenant?.close();
    await store.delete(CLIENT_ID);
    const everything = [...log.lines, ...errors, JSON.stringify(tenant.log()), JSON.stringify(tenant.tokens())].join('\n');
    expect(everything).not.toContain(secret);
  });
  beforeEach(() => tenant.reset());

  it('sends Qlik\'s documented body field by field, with no Origin, and gets a working token', async () => {
    const token = await broker().getToken(alice);
    const [entry] = tenant.log().filter((e) => e.path === '/oauth/token');
    expect(entry).toMatchObject({
      method: 'POST', origin: null, contentType: 'application/json', status: 200,
      bodyFields: ['client_id', 'client_secret', 'scope', 'grant_type', 'user_lookup'],
      clientId: CLIENT_ID, scope: 'user_default', grantType: 'urn:qlik:oauth:user-impersonation',
      userLookup: { field: 'userId', value: 'u-1' }, secretPresent: true,
    });
    const me = await fetch(`${tenant.baseUrl}/api/v1/users/me`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    expect(((await me.json()) as { id: string }).id).toBe('u-1');
    expect(log.lines.join('\n')).not.toContain(token.accessToken);
  });

  it('401 for a wrong secret → bad_credentials', async () => {
    await store.set(CLIENT_ID, makeCanary('WRONG'));
    try {
      await failWith('bad_credentials');
    } finally {
      await store.set(CLIENT_ID, secret);
    }
  });

  it('401 for an unknown user → unknown_user', () => failWith('unknown_user', as('u-404')));
  it('403 for a disabled user → disabled_user', () => failWith('disabled_user', as('u-3')));

  it('429 with Retry-After → rate_limited with the wait', async () => {
    const b = broker();
    tenant.addFault({ path: '/oauth/token', status: 429, headers: { 'retry-after': '13' }, body: { errors: [{ code: 'HTTP-429', title: 'API rate limit reached.', detail: 'You need to wait 13 seconds until limit is lifted.', status: '429' }] }, times: 1 });
    const err = await b.getToken(alice).then(() => undefined, (e: unknown) => e as TokenError);
    expect(err?.code).toBe('rate_limited');
    expect(err?.retryAfterMs).toBe(13_000);
  });

  it('the tenant\'s own rate limit → rate_limited', async () => {
    await tenant.close();
    tenant = await startFakeTenant({ clientSecret: secret, rateLimit: { tokenEndpointPerMinute: 1 } });
    await broker().getToken(alice);
    const e = await failWith('rate_limited');
    expect(e.retryAfterMs).toBeGreaterThan(0);
  });

  const faults: [string, FaultSpec, TokenErrorCode, Partial<TokenBrokerOptions>?][] = [
    ['500', { path: '/oauth/token', status: 500, body: 'Internal Server Error', times: 1 }, 'server_error'],
    ['a hang past the timeout', { path: '/oauth/token', hang: true, times: 1 }, 'timeout', { timeoutMs: 300 }],
    ['a non-JSON 200 body', { path: '/oauth/token', status: 200, body: '<html>captive portal</html>', times: 1 }, 'malformed_response'],
    ['a 200 without access_token', { path: '/oauth/token', status: 200, body: { token_type: 'bearer', expires_in: 21600 }, times: 1 }, 'malformed_response'],
  ];
  it.each(faults)('%s → the matching typed error', async (_name, fault, code, extra) => {
    tenant.addFault(fault);
    await failWith(code, alice, extra ?? {});
  });

  it('network failure (tenant gone) → network', async () => {
    const b = createTokenBroker({ tenant: 'http://127.0.0.1:9', clientId: CLIENT_ID }, { http: (u, i) => fetch(u, i), clock: systemClock, secrets: store, log });
    const err = await b.getToken(alice).then(() => undefined, (e: unknown) => e as TokenError);
    errors.push(String(err?.message));
    expect(err?.code).toBe('network');
  });
});
