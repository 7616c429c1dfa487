// The content preload hears the escape gesture from trusted taps only: a page script's synthetic events never
// count, nor break a real series; main is told once per completed gesture.
import { describe, expect, it, vi } from 'vitest';
import { installEscapeListener, type PointerLike } from '../../../src/preload/escape-listener';

function setup() {
  let listener: ((e: PointerLike) => void) | undefined;
  const win = {
    innerWidth: 1920,
    innerHeight: 1080,
    addEventListener: vi.fn((_type: 'pointerdown', l: (e: PointerLike) => void) => void (listener = l)),
  };
  let now = 0;
  const escape = vi.fn();
  installEscapeListener(win, { now: () => now, escape });
  const tap = (at: number, isTrusted = true, x = 1900, y = 10) => {
    now = at;
    listener!({ isTrusted, clientX: x, clientY: y });
  };
  return { win, escape, tap };
}

describe('the escape listener', () => {
  it('listens for pointer-down on the window, capturing and passive', () => {
    const { win } = setup();
    expect(win.addEventListener).toHaveBeenCalledWith('pointerdown', expect.any(Function), { capture: true, passive: true });
  });

  it.each<[string, [number, boolean][], number]>([
    ['five trusted taps in the corner', [[0, true], [300, true], [600, true], [900, true], [1200, true]], 1],
    ['five untrusted taps (a page script)', [[0, false], [300, false], [600, false], [900, false], [1200, false]], 0],
    ['four trusted and one untrusted', [[0, true], [300, true], [600, true], [900, true], [1200, false]], 0],
    ['untrusted taps in between do not break a real series', [[0, true], [100, false], [300, true], [600, true], [700, false], [900, true], [1200, true]], 1],
    ['ten trusted taps: twice', Array.from({ length: 10 }, (_, i): [number, boolean] => [i * 200, true]), 2],
  ])('%s → main is told %i time(s)', (_name, taps, times) => {
    const { escape, tap } = setup();
    for (const [at, trusted] of taps) tap(at, trusted);
    expect(escape).toHaveBeenCalledTimes(times);
  });

  it('a trusted tap elsewhere breaks the series', () => {
    const { escape, tap } = setup();
    [0, 300, 600].forEach((at) => tap(at));
    tap(700, true, 900, 500);
    [900, 1200].forEach((at) => tap(at));
    expect(escape).not.toHaveBeenCalled();
  });
});
