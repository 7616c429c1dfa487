import { describe, expect, it } from 'vitest';
import { createEscapeGesture, DEFAULT_GESTURE, inCorner } from '../../../src/shared/escape-gesture';

const VIEW = { width: 1920, height: 1080 };
const corner = (at: number) => ({ at, x: 1900, y: 10 });

describe('the escape gesture: five taps in the top-right corner within 3 s', () => {
  it.each<[string, { at: number; x: number; y: number }[], boolean]>([
    ['five quick taps in the corner', [0, 400, 800, 1200, 1600].map(corner), true],
    ['four taps', [0, 400, 800, 1200].map(corner), false],
    ['five taps spread over more than 3 s', [0, 800, 1600, 2400, 3200].map(corner), false],
    ['a tap elsewhere in the series breaks it', [corner(0), corner(300), { at: 600, x: 900, y: 500 }, corner(900), corner(1200), corner(1500)], false],
    ['a slow start does not count against a quick finish', [corner(0), ...[4000, 4300, 4600, 4900, 5200].map(corner)], true],
  ])('%s → %s', (_name, taps, opens) => {
    const g = createEscapeGesture();
    expect(taps.map((t) => g(t, VIEW)).some(Boolean)).toBe(opens);
  });

  it('counts afresh after it fires: a sixth tap does not fire again', () => {
    const g = createEscapeGesture();
    const fired = [0, 100, 200, 300, 400, 500].map((t) => g(corner(t), VIEW));
    expect(fired).toEqual([false, false, false, false, true, false]);
  });

  it.each([
    [{ x: 1900, y: 10 }, true], [{ x: 1823, y: 95 }, false], [{ x: 1824, y: 95 }, true], [{ x: 1900, y: 96 }, false], [{ x: 10, y: 10 }, false],
  ])('the corner is a 96-px square: %j → %s', (tap, inside) => {
    expect(inCorner(tap, VIEW, DEFAULT_GESTURE)).toBe(inside);
  });
});
