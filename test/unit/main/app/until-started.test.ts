import { describe, expect, it } from 'vitest';
import { untilStarted } from '../../../../src/main/app/until-started';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';

const flush = () => new Promise((r) => setImmediate(r));

describe('untilStarted', () => {
  it('shows each failure, waits the retry period, and returns once the cause is gone', async () => {
    const clock = new FakeClock();
    const problems: string[] = [];
    const attempts: number[] = [];
    const retries: number[] = [];
    let broken = 2;
    const started = untilStarted(async () => {
      attempts.push(clock.now());
      if (broken-- > 0) throw new Error(`renderer.port 47321 is taken (${broken})`);
      return 'core';
    }, { retryMs: 15_000, clock, log: createMemoryLog(), onProblem: (m, retryAt) => {
      problems.push(m);
      retries.push(retryAt);
    } });

    await flush();
    expect(problems).toEqual(['renderer.port 47321 is taken (1)']);
    expect(retries).toEqual([attempts[0]! + 15_000]); // the screen's "next attempt" is the real one
    clock.advance(14_999);
    await flush();
    expect(attempts).toHaveLength(1); // not before the period
    clock.advance(1);
    await flush();
    expect(attempts).toHaveLength(2);
    clock.advance(15_000);
    await expect(started).resolves.toBe('core');
    expect(attempts.map((t) => t - attempts[0]!)).toEqual([0, 15_000, 30_000]);
    expect(problems).toHaveLength(2);
  });

  it('reports non-Error rejections as text', async () => {
    const clock = new FakeClock();
    const problems: string[] = [];
    let first = true;
    const started = untilStarted(async () => {
      if (first) { first = false; throw 'plain'; }
      return 1;
    }, { retryMs: 10, clock, log: createMemoryLog(), onProblem: (m) => problems.push(m) });
    await flush();
    clock.advance(10);
    await expect(started).resolves.toBe(1);
    expect(problems).toEqual(['plain']);
  });
});
