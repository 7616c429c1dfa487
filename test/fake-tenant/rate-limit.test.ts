// The token endpoint's rate limit as Qlik documents Tier 2: a per-minute figure evaluated over a rolling window of
// several minutes, per impersonated user, on the fake clock.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { impersonationBody, postToken } from './helpers';
import { startFakeTenant, type FakeTenant } from './index';

const SECRET = makeCanary('RATE-LIMIT');
const alice = impersonationBody(SECRET);
const bob = impersonationBody(SECRET, { field: 'userId', value: 'u-2' });
let tenant: FakeTenant | undefined;
afterEach(() => tenant?.close());

const statuses = async (t: FakeTenant, body: Record<string, unknown>, n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await postToken(t, body)).status);
  return out;
};

describe('rate limit over a window of several minutes', () => {
  it('lets a burst of limit × minutes through at once, then waits until the oldest request ages out of the window', async () => {
    const t = (tenant = await startFakeTenant({ clientSecret: SECRET, rateLimit: { tokenEndpointPerMinute: 2, windowMinutes: 5 } }));
    expect(await statuses(t, alice, 10)).toEqual(Array(10).fill(200)); // 2 per minute × 5 minutes, all in the same second
    const limited = await postToken(t, alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('300');
    expect((await postToken(t, bob)).status).toBe(200); // another user: a budget of their own
    t.clock.advance(299);
    expect((await postToken(t, alice)).headers.get('retry-after')).toBe('1');
    t.clock.advance(1);
    expect(await statuses(t, alice, 11)).toEqual([...Array(10).fill(200), 429]); // the whole burst aged out together
  });

  it('counts only admitted requests: refused ones do not push the wait further out', async () => {
    const t = (tenant = await startFakeTenant({ clientSecret: SECRET, rateLimit: { tokenEndpointPerMinute: 1, windowMinutes: 5 } }));
    expect(await statuses(t, alice, 5)).toEqual(Array(5).fill(200));
    t.clock.advance(60);
    expect(await statuses(t, alice, 20)).toEqual(Array(20).fill(429));
    t.clock.advance(240);
    expect(await statuses(t, alice, 6)).toEqual([...Array(5).fill(200), 429]);
  });

  it('defaults to a one-minute window (stricter than Qlik: no five-minute burst)', async () => {
    const t = (tenant = await startFakeTenant({ clientSecret: SECRET, rateLimit: { tokenEndpointPerMinute: 2 } }));
    expect(t.options.rateLimit).toEqual({ tokenEndpointPerMinute: 2, windowMinutes: 1 });
    expect(await statuses(t, alice, 3)).toEqual([200, 200, 429]);
  });
});
