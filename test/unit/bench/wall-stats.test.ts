import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../bench/wall/heap-owners.mts';
import { fit, ratioInterval } from '../../../bench/wall/stats.mts';

describe('the wall bench\'s memory slope', () => {
  it('finds a steady growth and its percentage of the start level, with an interval that holds it', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i / 10); // days
    const ys = xs.map((x, i) => 1000 + 10 * x + (i % 2 ? 0.5 : -0.5)); // +10 per day, a little noise
    const f = fit(xs, ys);
    expect(f.slopePerDay).toBeCloseTo(10, 0);
    expect(f.pctPerDay).toBeCloseTo(1, 1);
    expect(f.ci95PerDay).toBeLessThan(1);
  });

  it('levels each group on its own, so slides that draw different amounts do not read as growth', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i / 10);
    const groups = xs.map((_, i) => String(i % 4));
    const ys = groups.map((g) => 1000 + 200 * Number(g)); // flat, but each slide at its own level
    expect(Math.abs(fit(xs, ys, groups).slopePerDay)).toBeLessThan(1e-9);
  });
});

describe('the interval on a ratio of medians', () => {
  it('holds the point estimate and narrows with more rounds', () => {
    const noise = (i: number) => ((i * 7919) % 101) - 50; // fixed, spread ±50 ms
    const rounds = (n: number) => ({
      kiosk: Array.from({ length: n }, (_, i) => 1100 + noise(i)),
      bare: Array.from({ length: n }, (_, i) => 1000 + noise(i + 3)),
    });
    const few = rounds(11);
    const many = rounds(61);
    const [lo, hi] = ratioInterval(many.kiosk, many.bare);
    expect(lo).toBeLessThanOrEqual(1.1);
    expect(hi).toBeGreaterThanOrEqual(1.1);
    const [flo, fhi] = ratioInterval(few.kiosk, few.bare);
    expect(hi - lo).toBeLessThan(fhi - flo);
    expect(ratioInterval(many.kiosk, many.bare)).toEqual([lo, hi]); // a fixed seed: the report can be made again
  });
});

describe('who owns an allocation in the bench process', () => {
  const repo = '/repo';
  it.each([
    ['file:///repo/src/main/app/start-core.ts', 'main'],
    ['/repo/src/shared/rotation.ts', 'main'],
    ['file:///repo/test/harness/context-bridge.ts', 'harness'],
    ['file:///repo/test/fake-tenant/server.ts', 'fakeTenant'],
    ['file:///repo/node_modules/playwright-core/lib/coreBundle.js', 'playwright'],
    ['file:///repo/bench/wall/memory.mts', 'bench'],
    ['file:///repo/node_modules/ws/lib/receiver.js', 'other'],
    ['node:internal/timers', undefined], // Node's own: the caller's owner counts
    ['', undefined], // native, (program), (garbage collector)
  ])('%s → %s', (url, owner) => {
    expect(ownerOf(url, repo)).toBe(owner);
  });
  it('defaults to this repository', () => {
    expect(ownerOf(`file://${path.resolve(__dirname, '../../../src/main/index.ts')}`)).toBe('main');
  });
});
