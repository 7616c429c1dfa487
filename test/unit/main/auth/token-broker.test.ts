import { describe, expect, it, vi } from 'vitest';
import { createTokenBroker, type BrokerIdentity, type TokenBrokerOptions } from '../../../../src/main/auth/token-broker';
import { TokenError } from '../../../../src/main/auth/token-errors';
import type { Http, HttpInit, SecretStore } from '../../../../src/main/core/ports';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { EXPIRED_FORMS_KEPT_MS, MASK, Redactor } from '../../../../src/main/log/redact';
import { FakeClock } from '../../../support/fake-clock';
import { makeCanary } from '../../../support/canary';

const alice: BrokerIdentity = { lookup: { field: 'userId', value: 'u-1' }, cacheKey: 'userId:u-1' };
const bob: BrokerIdentity = { lookup: { field: 'subject', value: 'CORP\\bob' }, cacheKey: 'subject:CORP\\bob' };
const HOUR = 3_600_000;

type Reply = { status?: number; body?: unknown; text?: string; headers?: Record<string, string> };

function setup(replies: (init: HttpInit, n: number) => Reply | Promise<Reply> = () => ({}), opts: Partial<TokenBrokerOptions> = {}) {
  const secret = makeCanary();
  const clock = new FakeClock();
  const calls: { url: string; init: HttpInit }[] = [];
  let n = 0;
  const http: Http = async (url, init) => {
    calls.push({ url, init });
    const r = await replies(init, n++);
    const text = r.text ?? JSON.stringify(r.body ?? { access_token: `token-${n}-0000`, token_type: 'bearer', expires_in: 21600 });
    return new Response(text, { status: r.status ?? 200, headers: r.headers ?? {} });
  };
  const secrets: SecretStore = { get: vi.fn(async () => secret), set: vi.fn(), delete: vi.fn() };
  const log = createMemoryLog('test', new Redactor(clock));
  const broker = createTokenBroker({ tenant: 'https://acme.eu.qlikcloud.com', clientId: 'kiosk-imp', ...opts }, { http, clock, secrets, log });
  return { broker, clock, calls, secret, log, secrets };
}

async function failure(p: Promise<unknown>): Promise<TokenError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TokenError);
  return err as TokenError;
}

describe('the impersonation request', () => {
  it('sends exactly the fields Qlik documents, as JSON, with no Origin header', async () => {
    const { broker, calls, secret } = setup();
    await broker.getToken(alice);
    expect(calls).toHaveLength(1);
    const [{ url, init }] = calls as [{ url: string; init: HttpInit }];
    expect(url).toBe('https://acme.eu.qlikcloud.com/oauth/token');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
    expect(Object.keys(init.headers).map((h) => h.toLowerCase())).not.toContain('origin');
    expect(JSON.parse(init.body ?? '')).toEqual({
      client_id: 'kiosk-imp',
      client_secret: secret,
      scope: 'user_default',
      grant_type: 'urn:qlik:oauth:user-impersonation',
      user_lookup: { field: 'userId', value: 'u-1' },
    });
  });

  it('uses the configured scope and a subject lookup', async () => {
    const { broker, calls } = setup(undefined, { scope: 'user_default admin_classic' });
    await broker.getToken(bob);
    const body = JSON.parse(calls[0]?.init.body ?? '');
    expect(body.scope).toBe('user_default admin_classic');
    expect(body.user_lookup).toEqual({ field: 'subject', value: 'CORP\\bob' });
  });
});

describe('expiry', () => {
  it.each([
    ['expires_in', { access_token: 'token-aaaa', token_type: 'bearer', expires_in: 3600 }, HOUR],
    ['expires_in as a string', { access_token: 'token-aaaa', token_type: 'Bearer', expires_in: '3600' }, HOUR],
    ['expires_at when expires_in is absent', { access_token: 'token-aaaa', token_type: 'BEARER', expires_at: 'AT+2h' }, 2 * HOUR],
    ['6 h when neither is given', { access_token: 'token-aaaa', token_type: 'bearer' }, 6 * HOUR],
    ['expires_in over expires_at', { access_token: 'token-aaaa', expires_in: 60, expires_at: 'AT+2h' }, 60_000],
  ])('takes %s', async (_name, body, lifetime) => {
    const { broker, clock } = setup(() => ({
      body: { ...body, ...('expires_at' in body ? { expires_at: new Date(clock.now() + 2 * HOUR).toISOString() } : {}) },
    }));
    const t = await broker.getToken(alice);
    expect(t.expiresAt - clock.now()).toBe(lifetime);
  });

  it.each([
    ['a non-bearer token_type', { access_token: 'token-aaaa', token_type: 'mac', expires_in: 60 }],
    ['a zero expires_in', { access_token: 'token-aaaa', expires_in: 0 }],
    ['an unparseable expires_at', { access_token: 'token-aaaa', expires_at: 'soon' }],
    ['an empty access_token', { access_token: '', expires_in: 60 }],
  ])('rejects %s as malformed', async (_name, body) => {
    const { broker } = setup(() => ({ body }));
    expect((await failure(broker.getToken(alice))).code).toBe('malformed_response');
  });
});

describe('the cache', () => {
  it('serves one token per user from memory until it nears expiry', async () => {
    const { broker, calls, clock } = setup();
    const a1 = await broker.getToken(alice);
    clock.advance(5 * HOUR);
    expect(await broker.getToken(alice)).toEqual(a1);
    const b1 = await broker.getToken(bob);
    expect(b1.accessToken).not.toBe(a1.accessToken);
    expect(calls).toHaveLength(2);
  });

  it('refreshes in the background inside the refresh-ahead window and keeps serving the valid token', async () => {
    const { broker, calls, clock } = setup();
    const first = await broker.getToken(alice);
    clock.advance(6 * HOUR - 4 * 60_000); // 4 min left: inside the 5 min window
    const during = await broker.getToken(alice);
    expect(during).toEqual(first);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    await vi.waitFor(async () => expect((await broker.getToken(alice)).accessToken).not.toBe(first.accessToken));
  });

  it('never hands out an expired or nearly expired token, whatever the timing', async () => {
    let slow = false;
    const { broker, clock } = setup(() => (slow ? new Promise((r) => setTimeout(() => r({}), 5)) : {}));
    for (let i = 0; i < 24 * 12; i++) {
      slow = i % 7 === 0;
      const t = await broker.getToken(alice);
      expect(t.expiresAt - clock.now()).toBeGreaterThan(60_000);
      clock.advance(5 * 60_000 + (i % 5) * 13_000);
    }
  });

  it('waits for a fresh token when the cached one is within the minimum remaining time', async () => {
    const { broker, clock, calls } = setup();
    const first = await broker.getToken(alice);
    clock.advance(6 * HOUR - 30_000);
    const next = await broker.getToken(alice);
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(next.expiresAt - clock.now()).toBe(6 * HOUR);
    expect(calls).toHaveLength(2);
  });

  it('scales its windows to short-lived tokens instead of refreshing on every call', async () => {
    const { broker, clock, calls } = setup(() => ({ body: { access_token: 'short-lived-token', expires_in: 120 } }));
    await broker.getToken(alice);
    clock.advance(30_000);
    await broker.getToken(alice);
    expect(calls).toHaveLength(1);
  });

  it('shares one upstream request among 1,000 concurrent cold callers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { broker, calls } = setup(async () => {
      await gate;
      return {};
    });
    const all = Array.from({ length: 1000 }, () => broker.getToken(alice));
    release();
    const tokens = await Promise.all(all);
    expect(calls).toHaveLength(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
  });

  it('mints a new token when a caller reports the cached one refused, at most once per interval', async () => {
    const { broker, clock, calls } = setup();
    const first = await broker.getToken(alice);
    const second = await broker.getToken(alice, { rejected: first.accessToken });
    expect(second.accessToken).not.toBe(first.accessToken);
    const third = await broker.getToken(alice, { rejected: second.accessToken });
    expect(third).toEqual(second); // within 30 s: no storm
    clock.advance(31_000);
    const fourth = await broker.getToken(alice, { rejected: second.accessToken });
    expect(fourth.accessToken).not.toBe(second.accessToken);
    expect(await broker.getToken(alice, { rejected: 'some-old-token' })).toEqual(fourth);
    expect(calls).toHaveLength(3);
  });

  it('clear() forgets tokens so the next call mints again', async () => {
    const { broker, calls } = setup();
    await broker.getToken(alice);
    broker.clear();
    await broker.getToken(alice);
    expect(calls).toHaveLength(2);
  });
});

describe('failures', () => {
  const qlik = (code: string, title: string, detail = '') => ({ errors: [{ code, title, detail, status: '0' }], traceId: 't' });
  it.each([
    [401, qlik('OAUTH-FAKE-INVALID-CLIENT', 'Unauthorized', 'invalid client credentials'), 'bad_credentials', false],
    [401, qlik('OAUTH-FAKE-USER-NOT-FOUND', 'Unauthorized', 'user not found'), 'unknown_user', false],
    [403, qlik('OAUTH-3', 'Forbidden', 'user is disabled'), 'disabled_user', false],
    [403, qlik('OAUTH-29', 'Invalid Origin Header'), 'origin_rejected', false],
    [400, qlik('OAUTH-FAKE-GRANT', 'unauthorized_client'), 'invalid_grant_or_scope', false],
    [400, qlik('invalid_scope', 'invalid_scope'), 'invalid_grant_or_scope', false],
    [500, 'Internal Server Error', 'server_error', true],
    [503, qlik('HTTP-503', 'Service Unavailable'), 'server_error', true],
    [418, {}, 'unexpected_status', false],
  ])('HTTP %i → %s', async (status, body, code, transient) => {
    const { broker, secret } = setup(() => (typeof body === 'string' ? { status, text: body } : { status, body }));
    const err = await failure(broker.getToken(alice));
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.transient).toBe(transient);
    expect(err.message).not.toContain(secret);
    expect(err.message).toMatch(/acme\.eu\.qlikcloud\.com/);
  });

  it('tells an admin what to fix', async () => {
    const { broker } = setup(() => ({ status: 401, body: qlik('X', 'Unauthorized', 'invalid client credentials') }));
    expect((await failure(broker.getToken(alice))).message).toContain('npm run admin -- secret set --client-id kiosk-imp');
  });

  it('honours Retry-After on 429 and sends nothing until it has passed', async () => {
    const { broker, clock, calls } = setup((_i, n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '13' }, body: qlik('HTTP-429', 'API rate limit reached.', 'You need to wait 13 seconds until limit is lifted.') } : {},
      { jitter: 0 },
    );
    const err = await failure(broker.getToken(alice));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(13_000);
    expect(broker.retryAt(alice)).toBe(clock.now() + 13_000);
    clock.advance(12_000);
    expect((await failure(broker.getToken(alice))).code).toBe('rate_limited');
    expect(calls).toHaveLength(1);
    clock.advance(1_000);
    await broker.getToken(alice);
    expect(calls).toHaveLength(2);
  });

  it('reads the wait from the detail when Retry-After is missing', async () => {
    const { broker } = setup(() => ({ status: 429, body: qlik('HTTP-429', 'API rate limit reached.', 'You need to wait 7 seconds until limit is lifted.') }));
    expect((await failure(broker.getToken(alice))).retryAfterMs).toBe(7_000);
  });

  it('backs off exponentially on transient failures and heals when the tenant recovers', async () => {
    let down = true;
    const { broker, clock, calls } = setup(() => (down ? { status: 500, text: 'down' } : {}), { jitter: 0 });
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      await failure(broker.getToken(alice));
      const wait = (broker.retryAt(alice) ?? 0) - clock.now();
      gaps.push(wait);
      await failure(broker.getToken(alice)); // inside the window: no request
      clock.advance(wait);
    }
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(calls).toHaveLength(8);
    down = false;
    expect((await broker.getToken(alice)).accessToken).toMatch(/^token-/);
    expect(broker.retryAt(alice)).toBeUndefined();
  });

  it('retries failures only an admin can fix once a minute, so a fix heals the kiosk', async () => {
    let fixed = false;
    const { broker, clock } = setup(() => (fixed ? {} : { status: 401, body: qlik('U', 'Unauthorized', 'user not found') }));
    await failure(broker.getToken(alice));
    fixed = true;
    await failure(broker.getToken(alice));
    clock.advance(60_000);
    await expect(broker.getToken(alice)).resolves.toHaveProperty('accessToken');
  });

  it('times out a hanging request', async () => {
    const { broker, clock, calls } = setup((init) => new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted')))), { timeoutMs: 5000 });
    const p = broker.getToken(alice);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    clock.advance(4999);
    expect(calls).toHaveLength(1);
    clock.advance(1);
    const err = await failure(p);
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('5000 ms');
  });

  it('maps a network failure, without leaking the secret it may quote', async () => {
    const { broker, log, secret } = setup((init) => {
      throw new TypeError(`fetch failed`, { cause: new Error(`ECONNREFUSED while sending ${JSON.parse(init.body ?? '').client_secret}`) });
    });
    const err = await failure(broker.getToken(alice));
    expect(err.code).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message + log.lines.join('\n')).not.toContain(secret);
  });

  it('never puts the secret or a token in errors or logs, even when the tenant echoes them', async () => {
    const { broker, secret, log, clock } = setup((init, n) =>
      n === 0
        ? { status: 400, body: qlik('X', 'bad request', `you sent ${init.body}`) }
        : { body: { access_token: 'CANARY-TOKEN-abcdef', expires_in: 21600 } },
    );
    const err = await failure(broker.getToken(alice));
    expect(err.message).not.toContain(secret);
    clock.advance(60_000);
    await broker.getToken(alice);
    const everything = `${err.message}\n${JSON.stringify(err)}\n${String(err.stack)}\n${log.lines.join('\n')}`;
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('CANARY-TOKEN-abcdef');
    expect(log.lines.some((l) => l.includes('minted token'))).toBe(true);
  });

  it('masks the client id and secret as an HTTP Basic pair too, base64 included', async () => {
    const { broker, secret, log } = setup();
    await broker.getToken(alice);
    const form = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);
    log.warn(`proxy said: Authorization: Basic ${Buffer.from(`kiosk-imp:${secret}`).toString('base64')}`);
    log.warn(`proxy said: Authorization: Basic ${Buffer.from(`${form('kiosk-imp')}:${form(secret)}`).toString('base64url')}`);
    expect(log.lines.slice(-2)).toEqual([`warn [test] proxy said: Authorization: Basic ${MASK}`, `warn [test] proxy said: Authorization: Basic ${MASK}`]);
  });

  it('drops a token\'s forms an hour after it expires; the secret stays masked', async () => {
    const { broker, secret, log, clock } = setup(() => ({ body: { access_token: 'CANARY-TOKEN-expiring', expires_in: 21600 } }));
    await broker.getToken(alice);
    const say = () => log.info(`seen: ${'CANARY-TOKEN-expiring'} ${secret}`);
    clock.advance(6 * HOUR + EXPIRED_FORMS_KEPT_MS - 1);
    say();
    clock.advance(1);
    say();
    expect(log.lines.slice(-2)).toEqual([`info [test] seen: ${MASK} ${MASK}`, `info [test] seen: CANARY-TOKEN-expiring ${MASK}`]);
  });

  it('reports a keychain problem as secret_unavailable with the store\'s advice', async () => {
    const { broker, secrets } = setup();
    vi.mocked(secrets.get).mockRejectedValueOnce(new Error('No secret for client kiosk-imp; store it with secret set'));
    const err = await failure(broker.getToken(alice));
    expect(err.code).toBe('secret_unavailable');
    expect(err.message).toContain('store it with secret set');
  });
});

describe('describe: what the admin view may know of a token', () => {
  it('its state and expiry per user, never the token', async () => {
    const { broker, clock } = setup((_init, n) => (n === 1 ? { status: 401, body: { errors: [{ code: 'invalid_client' }] } } : {}));
    expect(broker.describe(alice)).toEqual({ state: 'none' });
    const a = await broker.getToken(alice);
    const valid = broker.describe(alice);
    expect(valid).toEqual({ state: 'valid', expiresAt: a.expiresAt });
    expect(JSON.stringify(valid)).not.toContain(a.accessToken);
    clock.jump(7 * HOUR);
    expect(broker.describe(alice)).toEqual({ state: 'expired', expiresAt: a.expiresAt });
    await failure(broker.getToken(bob));
    expect(broker.describe(bob)).toEqual({ state: 'failing' });
  });
});

describe('jitter: brokers that fail or mint together do not come back in step', () => {
  const qlikError = (code: string, detail: string) => ({ errors: [{ code, title: code, detail, status: '0' }] });
  const limited = (sec: number): Reply => ({ status: 429, headers: { 'retry-after': String(sec) }, body: qlikError('HTTP-429', `You need to wait ${sec} seconds until limit is lifted.`) });
  const down: Reply = { status: 503, text: 'down' };
  const refused: Reply = { status: 401, body: qlikError('U', 'user not found') };
  /** A seeded random source (mulberry32): the same draws every run. */
  const seeded = (seed: number) => () => {
    let t = (seed = (seed + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };

  // The wait after the last of `replies` (each earlier one failed and was waited out), jitter 0.5 and `random` fixed.
  it.each<[string, Reply[], number, number, Partial<TokenBrokerOptions>?]>([
    ['a transient failure: its back-off shortened by up to the jitter', [down], 0.8, 1_000 * (1 - 0.5 * 0.8)],
    ['… and never longer than configured', [down], 0, 1_000],
    ['a failure an admin must fix: the same', [refused], 0.8, 60_000 * (1 - 0.5 * 0.8)],
    ['a rate limit: never sooner than Retry-After, then up to jitter × that wait later', [limited(13)], 0.8, Math.round(13_000 * (1 + 0.5 * 0.8))],
    ['a long rate limit: up to jitter × retryMaxMs later, no more', [limited(300)], 0.8, 300_000 + 0.5 * 0.8 * 60_000],
    ['a rate limit after a failure streak: never sooner than the streak\'s back-off', [down, down, down, limited(1)], 0, 8_000],
    ['jitter 0: the configured waits exactly', [limited(13)], 0.8, 13_000, { jitter: 0 }],
  ])('%s', async (_name, replies, random, wait, opts = {}) => {
    const { broker, clock } = setup((_init, n) => replies[n] ?? {}, { random: () => random, ...opts });
    for (let i = 0; i < replies.length; i++) {
      await failure(broker.getToken(alice));
      if (i < replies.length - 1) clock.advance((broker.retryAt(alice) ?? 0) - clock.now());
    }
    expect((broker.retryAt(alice) ?? 0) - clock.now()).toBe(wait);
  });

  // When the background refresh of a 6 h token starts: minutes before expiry, for the token's draw.
  it.each<[string, number, number, Partial<TokenBrokerOptions>?]>([
    ['the lowest draw: refreshAheadMs, as without jitter', 0, 5],
    ['the highest draw: up to jitter × a quarter of the lifetime earlier', 0.9999, 5 + 0.5 * 90],
    ['jitter 0: refreshAheadMs whatever the draw', 0.9999, 5, { jitter: 0 }],
  ])('refresh ahead, %s', async (_name, random, minutesAhead, opts = {}) => {
    const { broker, clock, calls } = setup(undefined, { random: () => random, ...opts });
    await broker.getToken(alice);
    clock.advance(6 * HOUR - (minutesAhead + 0.2) * 60_000);
    await broker.getToken(alice);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(1); // just outside its window
    clock.advance(0.4 * 60_000);
    await broker.getToken(alice);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
  });

  it('a short-lived token still refreshes at half its lifetime at the latest, whatever the draw', async () => {
    const { broker, clock, calls } = setup(() => ({ body: { access_token: 'short-lived-token', expires_in: 120 } }), { random: () => 0.9999 });
    await broker.getToken(alice);
    clock.advance(59_000);
    await broker.getToken(alice);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(1);
  });

  it('100 brokers that failed in the same second retry spread over the back-off, not in that one second', async () => {
    const retryAt = async (opts: Partial<TokenBrokerOptions>) => {
      const waits: number[] = [];
      for (let i = 0; i < 100; i++) {
        const { broker, clock } = setup(() => down, { random: seeded(i + 1), retryBaseMs: 60_000, ...opts }); // at the cap at once
        await failure(broker.getToken(alice));
        waits.push((broker.retryAt(alice) ?? 0) - clock.now());
      }
      return waits;
    };
    expect(new Set(await retryAt({ jitter: 0 }))).toEqual(new Set([60_000]));
    const spread = await retryAt({});
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...spread)).toBeLessThanOrEqual(60_000);
    expect(new Set(spread.map((w) => Math.floor(w / 3_000))).size).toBeGreaterThanOrEqual(9); // most of the ten 3 s slots
  });
});
