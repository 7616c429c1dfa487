import { describe, expect, it } from 'vitest';
import { createRateLimiter, IPC_RATE_LIMITS, type RateLimit } from '../../../../src/main/ipc/rate-limit';
import { Channels, type Channel } from '../../../../src/shared/ipc-contract';
import { FakeClock } from '../../../support/fake-clock';

const T = Channels.getAccessToken;
const R = Channels.reportHealth;
const LIMITS: { [C in Channel]: RateLimit } = { ...IPC_RATE_LIMITS, [T]: { burst: 3, perSecond: 1 }, [R]: { burst: 10, perSecond: 5 } };
/** How many of `n` calls at once the bucket lets through. */
const takeMany = (l: ReturnType<typeof createRateLimiter>, id: number, c: Channel, n: number) => Array.from({ length: n }, () => l.take(id, c)).filter(Boolean).length;

describe('the IPC rate limit: a token bucket per window and channel', () => {
  it.each<[string, (clock: FakeClock, l: ReturnType<typeof createRateLimiter>) => number, number]>([
    ['a burst of the bucket\'s size goes through at once', (_c, l) => takeMany(l, 1, T, 3), 3],
    ['beyond it, nothing', (_c, l) => takeMany(l, 1, T, 50), 3],
    ['refilled at its rate: one more after a second', (c, l) => (takeMany(l, 1, T, 3), c.advance(1000), takeMany(l, 1, T, 5)), 1],
    ['half a second refills half a call: nothing yet', (c, l) => (takeMany(l, 1, T, 3), c.advance(500), takeMany(l, 1, T, 5)), 0],
    ['a long quiet spell refills no more than a full bucket', (c, l) => (takeMany(l, 1, T, 3), c.advance(3_600_000), takeMany(l, 1, T, 50)), 3],
    ['a wall clock set back refills nothing', (c, l) => (takeMany(l, 1, T, 3), c.jump(-60_000), takeMany(l, 1, T, 5)), 0],
    ['another window has its own bucket', (_c, l) => (takeMany(l, 1, T, 3), takeMany(l, 2, T, 5)), 3],
    ['another channel of the same window has its own bucket', (_c, l) => (takeMany(l, 1, T, 3), takeMany(l, 1, R, 50)), 10],
    ['a steady caller at the rate is never refused', (c, l) => Array.from({ length: 100 }, () => (c.advance(200), l.take(1, R))).filter(Boolean).length, 100],
  ])('%s', (_name, run, allowed) => {
    const clock = new FakeClock();
    expect(run(clock, createRateLimiter(clock, LIMITS))).toBe(allowed);
  });

  it('the shipped limits never refuse what the renderer sends: 12 tiles starting twice, a report a second plus every change', () => {
    const clock = new FakeClock();
    const l = createRateLimiter(clock);
    // A runtime that asked once per embed, at page start and again after a refused token: 24 calls at once.
    expect(takeMany(l, 1, T, 24)).toBe(24);
    // For 10 minutes: the fastest heartbeat a config allows (1 s), and every 30 s all 12 tiles change phase
    // twice (remounted: loading, then rendered), each change its own report.
    let sent = 0;
    let refused = 0;
    for (let s = 1; s <= 600; s++) {
      clock.advance(1000);
      const n = 1 + (s % 30 === 0 ? 24 : 0);
      sent += n;
      refused += n - takeMany(l, 1, R, n);
    }
    expect([sent, refused]).toEqual([1_080, 0]);
  });
});
