// The admin PIN: a salted slow hash, never the PIN; the lockout's timings on a fake clock; no PIN, no gate.
import { describe, expect, it } from 'vitest';
import { createPinGate, hashPin, isPinHash, pinProblem, PIN_HASH_COST, verifyPin } from '../../../../src/main/admin/pin';
import { FakeClock } from '../../../support/fake-clock';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 }; // the tests' cost; the shipped one is PIN_HASH_COST
const PIN = '493817';

describe('PIN hashing', () => {
  it('stores a salted scrypt hash: never the PIN, different each time, and verifies only the PIN', async () => {
    const a = await hashPin(PIN, CHEAP);
    const b = await hashPin(PIN, CHEAP);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain(PIN);
    expect(isPinHash(a)).toBe(true);
    expect(await verifyPin(PIN, a)).toBe(true);
    expect(await verifyPin('493818', a)).toBe(false);
    expect(await verifyPin(PIN, 'not-a-hash')).toBe(false);
  });

  it('ships a slow cost (scrypt N = 2^15)', () => {
    expect(PIN_HASH_COST.N).toBeGreaterThanOrEqual(2 ** 15);
  });

  it.each([
    ['493817', undefined],
    ['12a456', /digits only/],
    ['12345', /6 to 12 digits/],
    ['1234567890123', /6 to 12 digits/],
    ['777777', /repeated or a run/],
    ['234567', /repeated or a run/],
    ['876543', /repeated or a run/],
  ])('pinProblem(%j)', (pin, problem) => {
    if (problem === undefined) expect(pinProblem(pin)).toBeUndefined();
    else expect(pinProblem(pin)).toMatch(problem);
  });
});

describe('the PIN gate', () => {
  async function gate() {
    const clock = new FakeClock();
    return { clock, gate: createPinGate(await hashPin(PIN, CHEAP), clock) };
  }

  it('three wrong PINs are free; then the wait doubles with each wrong one: 30 s, 60 s, 120 s … up to an hour', async () => {
    const { clock, gate: g } = await gate();
    for (let i = 0; i < 3; i++) expect(await g.attempt('000001')).toEqual({ ok: false, why: 'wrong', retryAfterMs: 0 });
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const a = await g.attempt('000001');
      expect(a.ok).toBe(false);
      if (!a.ok) waits.push(a.retryAfterMs);
      clock.advance(a.ok ? 0 : a.retryAfterMs);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  it('while locked even the right PIN is refused, and tries do not extend the wait; after it, the right PIN opens and clears the count', async () => {
    const { clock, gate: g } = await gate();
    for (let i = 0; i < 4; i++) await g.attempt('000001');
    clock.advance(10_000);
    expect(await g.attempt(PIN)).toEqual({ ok: false, why: 'locked', retryAfterMs: 20_000 });
    expect(await g.attempt('000001')).toEqual({ ok: false, why: 'locked', retryAfterMs: 20_000 });
    clock.advance(20_000);
    expect(await g.attempt(PIN)).toEqual({ ok: true });
    expect(await g.attempt('000001')).toEqual({ ok: false, why: 'wrong', retryAfterMs: 0 }); // counting from zero again
  });

  it('without a configured PIN there is no gate: nothing opens, whatever is typed', async () => {
    const g = createPinGate(undefined, new FakeClock());
    expect(g.enabled).toBe(false);
    expect(await g.attempt(PIN)).toEqual({ ok: false, why: 'no-pin', retryAfterMs: 0 });
  });
});
