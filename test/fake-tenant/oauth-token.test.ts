// POST /oauth/token over real loopback HTTP: every grant, every refusal, the body shapes and the log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { exchangeBody, firstError, impersonationBody, lastEntry, mint, postToken, type Reply } from './helpers';
import { GRANT_CLIENT_CREDENTIALS, GRANT_IMPERSONATION, fakeClient, startFakeTenant, type FakeTenant } from './index';

const SECRET = makeCanary('FAKE-TENANT');
let tenant: FakeTenant;

beforeAll(async () => {
  tenant = await startFakeTenant({ clients: [fakeClient({ clientSecret: SECRET, allowedOrigins: ['http://localhost:47321'] })] });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

function expectQlikError(r: Reply, status: number, code: string, title?: string): void {
  expect(r.status).toBe(status);
  const e = firstError(r);
  expect(e.code).toBe(code);
  if (title) expect(e.title).toBe(title);
  expect(typeof e.detail).toBe('string');
  expect(e.status).toBe(String(status));
  expect(typeof r.json.traceId).toBe('string');
  expect(r.text).not.toContain(SECRET);
}

describe('impersonation', () => {
  it('issues a bearer token for the user by userId, with the success body of §6.4 and no-store', async () => {
    const before = tenant.clock.now();
    const r = await postToken(tenant, impersonationBody(SECRET));
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.json).sort()).toEqual(['access_token', 'expires_at', 'expires_in', 'scope', 'token_type']);
    expect(r.json).toMatchObject({ token_type: 'bearer', expires_in: 21600, scope: 'user_default' });
    expect(Date.parse(r.json.expires_at as string)).toBe(before + 21600 * 1000);

    const id = tenant.tokenIdOf(r.json.access_token as string);
    expect(tenant.tokens()).toEqual([expect.objectContaining({ id, kind: 'access', userId: 'u-1', clientId: 'kiosk-imp', grant: GRANT_IMPERSONATION, revoked: false })]);
    expect(lastEntry(tenant, '/oauth/token')).toMatchObject({
      method: 'POST',
      origin: null,
      status: 200,
      grantType: GRANT_IMPERSONATION,
      clientId: 'kiosk-imp',
      scope: 'user_default',
      userLookup: { field: 'userId', value: 'u-1' },
      secretPresent: true,
      bodyFields: Object.keys(impersonationBody(SECRET)),
      contentType: 'application/json',
      userId: 'u-1',
      issuedTokenId: id,
    });
  });

  it('finds the user by subject', async () => {
    const r = await postToken(tenant, impersonationBody(SECRET, { field: 'subject', value: 'CORP\\bob' }));
    expect(r.status).toBe(200);
    expect(tenant.tokens()[0]?.userId).toBe('u-2');
  });

  it('accepts form bodies with user_lookup[field]/[value] or a JSON user_lookup, and logs the field names as sent', async () => {
    const nested = new URLSearchParams({ grant_type: GRANT_IMPERSONATION, client_id: 'kiosk-imp', client_secret: SECRET, 'user_lookup[field]': 'subject', 'user_lookup[value]': 'CORP\\alice' });
    const r1 = await postToken(tenant, nested);
    expect(r1.status).toBe(200);
    expect(lastEntry(tenant, '/oauth/token')).toMatchObject({
      contentType: 'application/x-www-form-urlencoded',
      bodyFields: ['grant_type', 'client_id', 'client_secret', 'user_lookup[field]', 'user_lookup[value]'],
      userLookup: { field: 'subject', value: 'CORP\\alice' },
      userId: 'u-1',
    });
    const asJson = new URLSearchParams({ grant_type: GRANT_IMPERSONATION, client_id: 'kiosk-imp', client_secret: SECRET, user_lookup: '{"field":"userId","value":"u-2"}' });
    expect((await postToken(tenant, asJson)).status).toBe(200);
    expect(tenant.tokens().map((t) => t.userId)).toEqual(['u-1', 'u-2']);
  });

  it('refuses an unknown, deleted or invited user with 401 OAUTH-FAKE-USER-NOT-FOUND and a disabled one with 403', async () => {
    expectQlikError(await postToken(tenant, impersonationBody(SECRET, { field: 'userId', value: 'u-404' })), 401, 'OAUTH-FAKE-USER-NOT-FOUND');
    tenant.upsertUser({ id: 'u-2', status: 'deleted' });
    expectQlikError(await postToken(tenant, impersonationBody(SECRET, { field: 'userId', value: 'u-2' })), 401, 'OAUTH-FAKE-USER-NOT-FOUND');
    tenant.upsertUser({ id: 'u-5', subject: 'CORP\\eve', status: 'invited' });
    expectQlikError(await postToken(tenant, impersonationBody(SECRET, { field: 'subject', value: 'CORP\\eve' })), 401, 'OAUTH-FAKE-USER-NOT-FOUND');
    expectQlikError(await postToken(tenant, impersonationBody(SECRET, { field: 'userId', value: 'u-3' })), 403, 'OAUTH-FAKE-USER-DISABLED');
    expect(tenant.tokens()).toEqual([]);
    expect(lastEntry(tenant, '/oauth/token')?.errorCode).toBe('OAUTH-FAKE-USER-DISABLED');
  });

  it('refuses a bad user_lookup with 400', async () => {
    expectQlikError(await postToken(tenant, impersonationBody(SECRET, { field: 'email', value: 'alice@example.test' })), 400, 'OAUTH-FAKE-USER-LOOKUP');
    expectQlikError(await postToken(tenant, { ...impersonationBody(SECRET), user_lookup: 'u-1' }), 400, 'OAUTH-FAKE-USER-LOOKUP');
    expectQlikError(await postToken(tenant, impersonationBody(SECRET, { field: 'userId', value: '' })), 400, 'OAUTH-FAKE-USER-LOOKUP');
  });

  it('accepts email lookups behind allowEmailLookup', async () => {
    const t = await startFakeTenant({ clientSecret: SECRET, allowEmailLookup: true });
    try {
      expect((await postToken(t, impersonationBody(SECRET, { field: 'email', value: 'ALICE@example.test' }))).status).toBe(200);
      expect(t.tokens()[0]?.userId).toBe('u-1');
    } finally {
      await t.close();
    }
  });
});

describe('client authentication, grants and scope', () => {
  it('refuses a wrong secret, an unknown client and missing credentials with 401 OAUTH-FAKE-INVALID-CLIENT', async () => {
    expectQlikError(await postToken(tenant, impersonationBody(`${SECRET}x`)), 401, 'OAUTH-FAKE-INVALID-CLIENT', 'Unauthorized');
    expectQlikError(await postToken(tenant, { ...impersonationBody(SECRET), client_id: 'nobody' }), 401, 'OAUTH-FAKE-INVALID-CLIENT');
    const { client_secret: _omit, ...noSecret } = impersonationBody(SECRET);
    expectQlikError(await postToken(tenant, noSecret), 401, 'OAUTH-FAKE-INVALID-CLIENT');
    expect(lastEntry(tenant, '/oauth/token')?.secretPresent).toBe(false);
  });

  it('a wrong assertion type is 400; an assertion for a client with no registered key is refused (private-key-jwt.test.ts has the rest)', async () => {
    const { client_secret: _omit, ...noSecret } = impersonationBody(SECRET);
    expectQlikError(await postToken(tenant, { ...noSecret, client_assertion_type: 'x', client_assertion: 'a.b.c' }), 400, 'OAUTH-FAKE-ASSERTION-TYPE', 'unsupported_client_assertion_type');
    const jwt = { ...noSecret, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'a.b.c' };
    expectQlikError(await postToken(tenant, jwt), 401, 'OAUTH-FAKE-INVALID-CLIENT');
    expect(lastEntry(tenant, '/oauth/token')).toMatchObject({ assertionPresent: true, secretPresent: false });
    // With both, the secret is enough (either may pass).
    expect((await postToken(tenant, { ...jwt, client_secret: SECRET })).status).toBe(200);
  });

  it('client_credentials issues a token for the bot user client:<id>', async () => {
    const r = await postToken(tenant, { grant_type: GRANT_CLIENT_CREDENTIALS, client_id: 'kiosk-imp', client_secret: SECRET });
    expect(r.status).toBe(200);
    expect(r.json.scope).toBe('user_default');
    expect(tenant.tokens()[0]).toMatchObject({ userId: 'client:kiosk-imp', grant: GRANT_CLIENT_CREDENTIALS });
  });

  it('refuses unknown and not-allowed grants with 400 OAUTH-FAKE-GRANT', async () => {
    expectQlikError(await postToken(tenant, { ...impersonationBody(SECRET), grant_type: 'password' }), 400, 'OAUTH-FAKE-GRANT', 'unsupported_grant_type');
    expectQlikError(await postToken(tenant, { client_id: 'kiosk-imp', client_secret: SECRET }), 400, 'OAUTH-FAKE-INVALID-REQUEST');
    const t = await startFakeTenant({ clients: [fakeClient({ clientSecret: SECRET, allowedGrantTypes: [GRANT_IMPERSONATION] })] });
    try {
      expectQlikError(await postToken(t, { grant_type: GRANT_CLIENT_CREDENTIALS, client_id: 'kiosk-imp', client_secret: SECRET }), 400, 'OAUTH-FAKE-GRANT', 'unauthorized_client');
    } finally {
      await t.close();
    }
  });

  it('grants only the client scopes: a foreign scope is 400 invalid_scope, none asked means all of them', async () => {
    expectQlikError(await postToken(tenant, { ...impersonationBody(SECRET), scope: 'user_default admin_classic' }), 400, 'OAUTH-FAKE-SCOPE', 'invalid_scope');
    const { scope: _omit, ...noScope } = impersonationBody(SECRET);
    const r = await postToken(tenant, noScope);
    expect(r.json.scope).toBe('user_default');
  });

  it('refuses bodies that are neither JSON nor a form, and malformed JSON, with 400', async () => {
    const bad = await fetch(`${tenant.baseUrl}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'grant_type=x' });
    expect(bad.status).toBe(400);
    const broken = await fetch(`${tenant.baseUrl}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":' });
    expect(broken.status).toBe(400);
    expect(lastEntry(tenant, '/oauth/token')?.errorCode).toBe('OAUTH-FAKE-INVALID-REQUEST');
  });
});

describe('response options', () => {
  it('can say "Bearer", leave out expires_in/expires_at and issue JWT-looking tokens', async () => {
    const t = await startFakeTenant({ clientSecret: SECRET, response: { tokenType: 'Bearer', includeExpiresIn: false, includeExpiresAt: false }, tokenFormat: 'jwt' });
    try {
      const r = await postToken(t, impersonationBody(SECRET));
      expect(r.json.token_type).toBe('Bearer');
      expect(r.json).not.toHaveProperty('expires_in');
      expect(r.json).not.toHaveProperty('expires_at');
      expect((r.json.access_token as string).split('.')).toHaveLength(3);
    } finally {
      await t.close();
    }
  });
});

describe('token exchange', () => {
  it('exchanges an access token for a short-lived websocket token and logs it by id', async () => {
    const access = await mint(tenant, SECRET);
    const r = await postToken(tenant, exchangeBody(access), { origin: 'http://localhost:47321' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ expires_in: 60, issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', scope: 'user_default' });
    const parentId = tenant.tokenIdOf(access);
    const child = tenant.tokens().find((t) => t.kind === 'websocket');
    expect(child).toMatchObject({ parentTokenId: parentId, userId: 'u-1', redirectUri: 'http://localhost:47321/index.html' });
    expect(lastEntry(tenant, '/oauth/token')).toMatchObject({
      purpose: 'websocket',
      subjectTokenId: parentId,
      issuedTokenId: child?.id,
      secretPresent: false,
      clientId: 'kiosk-imp',
    });
  });

  it('refuses unknown, expired, revoked, wrong-kind and other-client subject tokens with 401 OAUTH-5', async () => {
    expectQlikError(await postToken(tenant, exchangeBody('not-a-token')), 401, 'OAUTH-5');
    const access = await mint(tenant, SECRET);
    expectQlikError(await postToken(tenant, exchangeBody(access, { client_id: 'other' })), 401, 'OAUTH-5');
    const ws = (await postToken(tenant, exchangeBody(access))).json.access_token as string;
    expectQlikError(await postToken(tenant, exchangeBody(ws)), 401, 'OAUTH-5');
    tenant.revoke({ tokenId: tenant.tokenIdOf(access) });
    expectQlikError(await postToken(tenant, exchangeBody(access)), 401, 'OAUTH-5');
    const fresh = await mint(tenant, SECRET);
    tenant.clock.advance(21600);
    expectQlikError(await postToken(tenant, exchangeBody(fresh)), 401, 'OAUTH-5');
  });

  it('refuses client_credentials tokens only while rejectExchangeForClientCredentialsTokens is on', async () => {
    const cc = { grant_type: GRANT_CLIENT_CREDENTIALS, client_id: 'kiosk-imp', client_secret: SECRET };
    const m2m = (await postToken(tenant, cc)).json.access_token as string;
    expectQlikError(await postToken(tenant, exchangeBody(m2m)), 401, 'OAUTH-5');
    const t = await startFakeTenant({ clientSecret: SECRET, rejectExchangeForClientCredentialsTokens: false });
    try {
      const tok = (await postToken(t, cc)).json.access_token as string;
      expect((await postToken(t, exchangeBody(tok))).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('wants a known purpose and subject_token_type (400), and an http(s) redirect_uri when asked to', async () => {
    const access = await mint(tenant, SECRET);
    expectQlikError(await postToken(tenant, exchangeBody(access, { purpose: 'rest' })), 400, 'OAUTH-FAKE-INVALID-REQUEST');
    expectQlikError(await postToken(tenant, exchangeBody(access, { subject_token_type: 'jwt' })), 400, 'OAUTH-FAKE-INVALID-REQUEST');
    expect((await postToken(tenant, exchangeBody(access, { purpose: 'webresource' }))).status).toBe(200);
    const t = await startFakeTenant({ clientSecret: SECRET, requireHttpRedirectUri: true });
    try {
      const a = await mint(t, SECRET);
      expectQlikError(await postToken(t, exchangeBody(a, { redirect_uri: 'file:///app/index.html' })), 400, 'OAUTH-FAKE-REDIRECT-URI');
    } finally {
      await t.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 HTTP-429 with Retry-After over the per-minute limit, per client and user, on the fake clock', async () => {
    const t = await startFakeTenant({ clientSecret: SECRET, rateLimit: { tokenEndpointPerMinute: 3 } });
    try {
      for (let i = 0; i < 3; i++) expect((await postToken(t, impersonationBody(SECRET))).status).toBe(200);
      const limited = await postToken(t, impersonationBody(SECRET));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(firstError(limited)).toMatchObject({ code: 'HTTP-429', title: 'API rate limit reached.', detail: 'You need to wait 60 seconds until limit is lifted.', status: '429' });
      // Another user of the same client has a budget of their own.
      expect((await postToken(t, impersonationBody(SECRET, { field: 'userId', value: 'u-2' }))).status).toBe(200);
      t.clock.advance(45);
      expect((await postToken(t, impersonationBody(SECRET))).headers.get('retry-after')).toBe('15');
      t.clock.advance(15);
      expect((await postToken(t, impersonationBody(SECRET))).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
