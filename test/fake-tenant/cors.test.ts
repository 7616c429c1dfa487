// CORS (reference §6.3): the allowed-origins union, "null" as a plain string, no Origin passes, and the log
// records the Origin (or its absence) of every request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { bearer, call, exchangeBody, firstError, impersonationBody, lastEntry, mint, postToken } from './helpers';
import { fakeClient, startFakeTenant, type FakeTenant } from './index';

const SECRET = makeCanary('CORS');
const APP = 'http://localhost:47321';
const OTHER_CLIENT_ORIGIN = 'app://kiosk';
let tenant: FakeTenant;

beforeAll(async () => {
  tenant = await startFakeTenant({
    clients: [
      fakeClient({ clientSecret: SECRET, allowedOrigins: [APP] }),
      fakeClient({ clientId: 'other', clientSecret: SECRET, allowedOrigins: [OTHER_CLIENT_ORIGIN] }),
    ],
  });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

const preflight = (path: string, origin: string) =>
  call(`${tenant.baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,qlik-api-version' },
  });

describe('preflight', () => {
  it('answers 204 with the exact origin, credentials, methods, echoed headers and max-age for an allowed origin', async () => {
    const r = await preflight('/api/v1/users/me', APP);
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(r.headers.get('access-control-allow-headers')).toBe('authorization,qlik-api-version');
    expect(r.headers.get('access-control-max-age')).toBe('600');
    expect(r.headers.get('vary')).toBe('Origin');
  });

  it('allows the union of all clients\' origins', async () => {
    expect((await preflight('/oauth/token', OTHER_CLIENT_ORIGIN)).status).toBe(204);
  });

  it('refuses other origins and Origin "null" with 403 and no ACAO', async () => {
    for (const origin of ['http://evil.test', 'null', `${APP}/`]) {
      const r = await preflight('/api/v1/users/me', origin);
      expect(r.status, origin).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(tenant.log().map((e) => e.origin)).toEqual(['http://evil.test', 'null', `${APP}/`]);
  });

  it('allows "null" when a client lists it', async () => {
    const t = await startFakeTenant({ clients: [fakeClient({ clientSecret: SECRET, allowedOrigins: ['null'] })] });
    try {
      const r = await call(`${t.baseUrl}/oauth/token`, { method: 'OPTIONS', headers: { Origin: 'null', 'Access-Control-Request-Method': 'POST' } });
      expect(r.status).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe('null');
    } finally {
      await t.close();
    }
  });
});

describe('/oauth/token', () => {
  it('refuses a disallowed Origin with 403 OAUTH-29 before anything else', async () => {
    const access = await mint(tenant, SECRET);
    for (const origin of ['http://evil.test', 'null']) {
      const r = await postToken(tenant, exchangeBody(access), { origin });
      expect(r.status).toBe(403);
      expect(firstError(r)).toMatchObject({ code: 'OAUTH-29', title: 'Invalid Origin Header', status: '403' });
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(tenant.tokens().filter((t) => t.kind === 'websocket')).toEqual([]);
  });

  it('answers an allowed Origin with exact ACAO, credentials, Vary and the exposed headers', async () => {
    const access = await mint(tenant, SECRET);
    const r = await postToken(tenant, exchangeBody(access), { origin: APP });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(APP);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('vary')).toBe('Origin');
    expect(r.headers.get('access-control-expose-headers')).toBe('qlik-csrf-token, retry-after, deprecation, sunset, link');
  });

  it('lets a request without Origin through without ACAO, and logs origin null', async () => {
    const r = await postToken(tenant, impersonationBody(SECRET));
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(lastEntry(tenant, '/oauth/token')?.origin).toBeNull();
  });
});

describe('other routes', () => {
  it('answer a disallowed Origin without ACAO (the browser blocks it) and log it', async () => {
    const token = await mint(tenant, SECRET);
    const refused = await call(`${tenant.baseUrl}/api/v1/users/me`, bearer(token, { Origin: 'null' }));
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await call(`${tenant.baseUrl}/api/v1/users/me`, bearer(token, { Origin: APP }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(tenant.log().map((e) => [e.path, e.origin])).toEqual([
      ['/oauth/token', null],
      ['/api/v1/users/me', 'null'],
      ['/api/v1/users/me', APP],
    ]);
  });

  it('reflect any origin when enforceOrigin is off', async () => {
    const t = await startFakeTenant({ clientSecret: SECRET, enforceOrigin: false });
    try {
      const r = await call(`${t.baseUrl}/oauth/token`, { method: 'OPTIONS', headers: { Origin: 'http://anything.test', 'Access-Control-Request-Method': 'POST' } });
      expect(r.status).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe('http://anything.test');
    } finally {
      await t.close();
    }
  });
});
