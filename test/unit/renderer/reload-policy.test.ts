import { describe, expect, it } from 'vitest';
import { ATTEMPT_KEY, createReloadScheduler, FIRST_RELOAD_MS, MAX_RELOAD_MS, reloadDelay } from '../../../src/renderer/reload-policy';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('reloadDelay', () => {
  it.each([
    [0, 0.5, FIRST_RELOAD_MS],
    [1, 0.5, 2 * FIRST_RELOAD_MS],
    [3, 0.5, 8 * FIRST_RELOAD_MS],
    [50, 0.5, MAX_RELOAD_MS],
    [0, 0, 0.75 * FIRST_RELOAD_MS],
    [0, 0.999999, 1.25 * FIRST_RELOAD_MS],
  ])('attempt %i with random %f → %i ms', (attempt, random, ms) => {
    expect(reloadDelay(attempt, random)).toBeCloseTo(ms, -1);
  });

  it('never exceeds the cap plus jitter, so a failing kiosk still retries every few minutes', () => {
    for (let a = 0; a < 100; a++) expect(reloadDelay(a, 0.999)).toBeLessThanOrEqual(MAX_RELOAD_MS * 1.25);
  });
});

describe('createReloadScheduler', () => {
  const make = (storage = memoryStorage()) => {
    const timers: [() => void, number][] = [];
    let reloads = 0;
    const s = createReloadScheduler({ storage, random: () => 0.5, setTimeout: (fn, ms) => void timers.push([fn, ms]), reload: () => void reloads++ });
    return { s, storage, timers, reloads: () => reloads };
  };

  it('schedules one reload however many embeds die, and the reload happens', () => {
    const { s, timers, reloads } = make();
    expect(s.schedule('a')).toBe(FIRST_RELOAD_MS);
    expect(s.schedule('b')).toBeUndefined();
    expect(timers).toHaveLength(1);
    timers[0]![0]();
    expect(reloads()).toBe(1);
  });

  it('grows the back-off across reloads through storage, and a healthy page resets it', () => {
    const storage = memoryStorage();
    expect(make(storage).s.schedule('x')).toBe(FIRST_RELOAD_MS);
    expect(make(storage).s.schedule('x')).toBe(2 * FIRST_RELOAD_MS); // the next page load
    expect(make(storage).s.schedule('x')).toBe(4 * FIRST_RELOAD_MS);
    make(storage).s.healthy();
    expect(storage.m.has(ATTEMPT_KEY)).toBe(false);
    expect(make(storage).s.schedule('x')).toBe(FIRST_RELOAD_MS);
  });

  it('survives a garbage counter in storage', () => {
    const storage = memoryStorage();
    storage.setItem(ATTEMPT_KEY, 'NaN-ish');
    expect(make(storage).s.schedule('x')).toBe(FIRST_RELOAD_MS);
  });
});
