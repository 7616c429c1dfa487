import { describe, expect, it } from 'vitest';
import { logOncePerInterval } from '../../../../src/main/log/log-once';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';

const MIN = 60_000;

function setup(maxKeys?: number) {
  const clock = new FakeClock();
  const log = createMemoryLog('x');
  const once = logOncePerInterval(log, clock, { intervalMs: 10 * MIN, level: 'warn', ...(maxKeys === undefined ? {} : { maxKeys }) });
  return { clock, log, once };
}

describe('logOncePerInterval', () => {
  it('logs the first occurrence of a key at once, with its fields, at the level asked', () => {
    const { log, once } = setup();
    once('a', 'refused', { channel: 'c' });
    expect(log.lines).toEqual(['warn [x] refused {"channel":"c"}']);
  });

  it('counts repeats within the interval without logging them, and logs the count once when the interval ends', () => {
    const { clock, log, once } = setup();
    for (let i = 0; i < 10_000; i++) once('a', 'refused', { n: i });
    expect(log.lines).toHaveLength(1); // 10,000 occurrences, one line so far
    clock.advance(10 * MIN - 1);
    once('a', 'refused', { n: 'late' });
    expect(log.lines).toHaveLength(1); // still inside the interval: counted
    clock.advance(1);
    // The flood stopped: its count still reaches the log, with the first line's fields.
    expect(log.lines[1]).toBe('warn [x] refused {"n":0,"repeated":10000,"inLastS":600}');
    once('a', 'refused', { n: 'next' });
    expect(log.lines[2]).toBe('warn [x] refused {"n":"next"}');
    clock.advance(10 * MIN);
    expect(log.lines).toHaveLength(3); // nothing held back: no count line
  });

  it('keeps keys apart: each kind has its own interval', () => {
    const { log, once } = setup();
    for (let i = 0; i < 100; i++) for (const k of ['a', 'b', 'c']) once(k, `refused ${k}`);
    expect(log.lines).toEqual(['warn [x] refused a', 'warn [x] refused b', 'warn [x] refused c']);
  });

  it('caps the keys it tracks: beyond the cap, new keys share one slot, marked as grouped', () => {
    const { clock, log, once } = setup(3);
    for (let i = 0; i < 1_000; i++) once(`k${i}`, 'refused', { key: `k${i}` });
    expect(log.lines).toHaveLength(4); // 3 tracked keys, then one line for all the rest
    expect(log.lines[3]).toContain('"note":"more distinct kinds than the log tracks; grouped"');
    // At the interval's end the grouped slot reports what it held back (997 new keys, 1 logged); then the quiet
    // keys are forgotten and new ones logged one by one again.
    clock.advance(10 * MIN);
    expect(log.lines[4]).toBe('warn [x] refused {"key":"k3","note":"more distinct kinds than the log tracks; grouped","repeated":996,"inLastS":600}');
    for (const k of ['n1', 'n2', 'n3']) once(k, 'refused');
    expect(log.lines.slice(5)).toEqual(['warn [x] refused', 'warn [x] refused', 'warn [x] refused']);
  });

  it('forgets keys whose interval passed with nothing suppressed, so a slow trickle of new keys is still logged one by one', () => {
    const { clock, log, once } = setup(3);
    for (let i = 0; i < 10; i++) {
      once(`k${i}`, 'refused');
      clock.advance(10 * MIN);
    }
    expect(log.lines).toHaveLength(10);
    expect(log.lines.join('\n')).not.toContain('grouped');
  });
});
