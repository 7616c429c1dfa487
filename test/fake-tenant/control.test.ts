// Faults, the /__fake control routes, reset, and the rule that the log never holds a secret or token value.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { assertAbsent, makeCanary } from '../support/canary';
import { bearer, call, exchangeBody, impersonationBody, mint, postToken } from './helpers';
import { fakeClient, startFakeTenant, type FakeTenant } from './index';

const SECRET = makeCanary('CONTROL');
const APP = 'http://localhost:47321';
let tenant: FakeTenant;

beforeAll(async () => {
  tenant = await startFakeTenant({ clients: [fakeClient({ clientSecret: SECRET, allowedOrigins: [APP] })] });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

const control = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  call(`${tenant.baseUrl}/__fake/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('faults', () => {
  it('answers with the injected status and JSON body `times` times, then the tenant answers again', async () => {
    tenant.addFault({ path: '/oauth/token', status: 500, body: { errors: [{ code: 'FAKE-500', title: 'boom' }] }, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await postToken(tenant, impersonationBody(SECRET));
      expect(r.status).toBe(500);
      expect(r.json).toEqual({ errors: [{ code: 'FAKE-500', title: 'boom' }] });
    }
    expect((await postToken(tenant, impersonationBody(SECRET))).status).toBe(200);
    const entries = tenant.log();
    expect(entries.map((e) => [e.status, e.fault, e.errorCode])).toEqual([
      [500, 'status', 'FAKE-500'],
      [500, 'status', 'FAKE-500'],
      [200, null, null],
    ]);
    // A faulted token request is still summarised, so a test sees what was asked.
    expect(entries[0]).toMatchObject({ grantType: 'urn:qlik:oauth:user-impersonation', secretPresent: true, origin: null });
  });

  it('sends a non-JSON body with custom headers (an HTML 429 from a proxy)', async () => {
    await control('faults', { method: 'post', path: '/oauth/token', status: 429, body: '<html>slow down</html>', headers: { 'Retry-After': '7' } });
    const r = await postToken(tenant, impersonationBody(SECRET));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toBe('<html>slow down</html>');
  });

  it('hangs until the client gives up, and shows the hung request in the log', async () => {
    tenant.addFault({ path: '/oauth/token', hang: true });
    await expect(fetch(`${tenant.baseUrl}/oauth/token`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(tenant.log()).toEqual([expect.objectContaining({ path: '/oauth/token', fault: 'hang', status: null })]);
  });

  it('delays the answer by delayMs', async () => {
    tenant.addFault({ path: '/api/v1/*', status: 503, delayMs: 300 });
    const started = performance.now();
    const r = await call(`${tenant.baseUrl}/api/v1/users/me`);
    expect(r.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290); // it cannot answer before its timer
  });

  it('leaves browser preflights alone unless the fault names OPTIONS, and matches path prefixes', async () => {
    tenant.addFault({ path: '/api/*', status: 500 });
    const pre = await call(`${tenant.baseUrl}/api/v1/users/me`, { method: 'OPTIONS', headers: { Origin: APP, 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    // The fault carries CORS headers for an allowed origin, so a page can read the status.
    const r = await call(`${tenant.baseUrl}/api/v1/users/me`, { headers: { Origin: APP } });
    expect(r.status).toBe(500);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('refuses a malformed fault with 400 naming the field, and can be listed and cleared', async () => {
    const bad = await control('faults', { path: 'oauth/token', status: 500 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/path/);
    expect((await control('faults', { path: '/x' })).json.error).toMatch(/needs a "status" unless it has "hang": true/);
    await control('faults', { path: '/x', status: 500, times: 3 });
    expect((await control('faults')).json).toEqual([expect.objectContaining({ path: '/x', remaining: 3 })]);
    await control('faults', undefined, 'DELETE');
    expect((await control('faults')).json).toEqual([]);
  });

  it('can fault the websocket upgrade', async () => {
    tenant.addFault({ path: '/app/*', status: 503 });
    const ws = new WebSocket(`${tenant.baseUrl.replace(/^http/, 'ws')}/app/app-1?accessToken=x`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode));
      ws.on('error', () => resolve(undefined));
    });
    ws.terminate();
    expect(status).toBe(503);
  });
});

describe('control routes', () => {
  it('moves the clock over HTTP, which expires tokens', async () => {
    const token = await mint(tenant, SECRET);
    const before = (await control('clock')).json.now as number;
    const r = await control('clock', { advanceSec: 21600 });
    expect(r.json.now).toBe(before + 21600 * 1000);
    expect(tenant.clock.now()).toBe(before + 21600 * 1000);
    expect((await call(`${tenant.baseUrl}/api/v1/users/me`, bearer(token))).status).toBe(401);
    expect((await control('clock', { advanceSec: -1 })).status).toBe(400);
  });

  it('revokes by user and by token id, lists tokens by id and looks a token value up', async () => {
    const a = await mint(tenant, SECRET, 'u-1');
    const b = await mint(tenant, SECRET, 'u-2');
    expect((await control('tokens/lookup', { accessToken: a })).json).toEqual({ id: tenant.tokenIdOf(a) });
    expect((await control('revoke', { userId: 'u-1' })).json).toEqual({ revoked: 1 });
    expect((await control('revoke', { tokenId: tenant.tokenIdOf(b) })).json).toEqual({ revoked: 1 });
    expect((await control('revoke', {})).status).toBe(400);
    const tokens = (await control('tokens')).json as unknown as { id: string; revoked: boolean }[];
    expect(tokens.map((t) => [t.id, t.revoked])).toEqual([
      ['tok-1', true],
      ['tok-2', true],
    ]);
  });

  it('adds, disables and deletes users at run time', async () => {
    expect((await control('users', { id: 'u-9', subject: 'CORP\\zed', name: 'Zed' })).status).toBe(200);
    expect((await postToken(tenant, impersonationBody(SECRET, { field: 'subject', value: 'CORP\\zed' }))).status).toBe(200);
    await control('users', { id: 'u-1', status: 'disabled' });
    expect((await postToken(tenant, impersonationBody(SECRET))).status).toBe(403);
    await control('users', { id: 'u-2', status: 'deleted' });
    expect((await postToken(tenant, impersonationBody(SECRET, { field: 'userId', value: 'u-2' }))).status).toBe(401);
    const noSubject = await control('users', { id: 'u-10' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.json.error).toMatch(/give it a "subject"/);
  });

  it('reset puts users, tokens, log, faults and clock back', async () => {
    const start = tenant.clock.now();
    await mint(tenant, SECRET);
    tenant.upsertUser({ id: 'u-1', status: 'disabled' });
    tenant.addFault({ path: '/x', status: 500 });
    tenant.clock.advance(100);
    await control('reset', {});
    expect(tenant.log()).toEqual([]);
    expect(tenant.tokens()).toEqual([]);
    expect((await control('faults')).json).toEqual([]);
    expect((await postToken(tenant, impersonationBody(SECRET))).status).toBe(200);
    expect(tenant.clock.now()).toBeGreaterThanOrEqual(start);
    expect(tenant.clock.now()).toBeLessThan(start + 100_000);
  });

  it('names unknown control routes', async () => {
    const r = await control('nope');
    expect(r.status).toBe(404);
    expect(r.json.error).toMatch(/GET \/__fake\/nope is not a control route/);
  });
});

describe('secrets and tokens never reach the log', () => {
  it('keeps the canary secret, a wrong canary secret and every token value out of the log, tokens and errors', async () => {
    const wrong = makeCanary('WRONG');
    const access = await mint(tenant, SECRET);
    const form = new URLSearchParams({ ...impersonationBody(SECRET), user_lookup: '{"field":"userId","value":"u-1"}' });
    const formToken = (await postToken(tenant, form)).json.access_token as string;
    const rejected = await postToken(tenant, impersonationBody(wrong));
    const ws = (await postToken(tenant, exchangeBody(access), { origin: APP })).json.access_token as string;
    await call(`${tenant.baseUrl}/api/v1/users/me`, bearer(access, { Origin: APP }));
    const sock = new WebSocket(`${tenant.baseUrl.replace(/^http/, 'ws')}/app/app-1?accessToken=${ws}`, { headers: { Origin: APP } });
    await new Promise((r) => sock.on('message', r));
    sock.close();

    const texts = {
      log: JSON.stringify(tenant.log()),
      tokens: JSON.stringify(tenant.tokens()),
      httpLog: (await control('log')).text,
      httpTokens: (await control('tokens')).text,
      rejected: rejected.text,
    };
    for (const needle of [SECRET, wrong, access, formToken, ws]) assertAbsent(needle, texts);
    expect(tenant.log().filter((e) => e.path === '/oauth/token').map((e) => e.secretPresent)).toEqual([true, true, true, false]);
  });
});
