// The admin escape's touch gesture: five taps in one corner of the screen within three seconds. Pure (taps
// come in with their time and position), so the renderer feeds it pointer events and main never trusts the
// page for more than "the gesture happened": main still asks for the PIN, and does nothing without one.

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface GestureOptions {
  corner: Corner;
  taps: number;
  withinMs: number;
  /** The corner's square, in CSS pixels. */
  sizePx: number;
}

export const DEFAULT_GESTURE: GestureOptions = { corner: 'top-right', taps: 5, withinMs: 3_000, sizePx: 96 };

export interface Tap {
  at: number;
  x: number;
  y: number;
}

export function inCorner(tap: Pick<Tap, 'x' | 'y'>, viewport: { width: number; height: number }, o: GestureOptions): boolean {
  const left = tap.x < o.sizePx;
  const right = tap.x >= viewport.width - o.sizePx;
  const top = tap.y < o.sizePx;
  const bottom = tap.y >= viewport.height - o.sizePx;
  return { 'top-left': top && left, 'top-right': top && right, 'bottom-left': bottom && left, 'bottom-right': bottom && right }[o.corner];
}

/** Feeds taps; returns true on the tap that completes the gesture (then starts counting afresh). */
export function createEscapeGesture(o: GestureOptions = DEFAULT_GESTURE) {
  let times: number[] = [];
  return (tap: Tap, viewport: { width: number; height: number }): boolean => {
    if (!inCorner(tap, viewport, o)) {
      times = []; // a tap elsewhere breaks the series: content taps never add up to an escape
      return false;
    }
    times = [...times.filter((t) => tap.at - t < o.withinMs), tap.at];
    if (times.length < o.taps) return false;
    times = [];
    return true;
  };
}
