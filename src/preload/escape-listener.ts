// The admin escape's touch gesture, heard by the content preload: five taps in the top-right corner
// (src/shared/escape-gesture.ts) tell main, which opens the PIN prompt (or nothing, without a configured PIN).
// Only trusted pointer events count: a page script can dispatch any event it likes, but never a trusted one,
// so the page cannot open the prompt by itself. Listening on the window, capturing, from the preload (which
// runs before any page script) hears each tap before the page can stop it; passive, so scrolling never waits.
// Taps on a cross-origin frame (classic/app embeds) go to that frame's document, so they never reach this.
import { createEscapeGesture, DEFAULT_GESTURE, type GestureOptions } from '../shared/escape-gesture';

/** The slice of a PointerEvent read here (the preload is typed without the DOM library). */
export interface PointerLike {
  readonly isTrusted: boolean;
  readonly clientX: number;
  readonly clientY: number;
}

export interface WindowLike {
  readonly innerWidth: number;
  readonly innerHeight: number;
  addEventListener(type: 'pointerdown', listener: (e: PointerLike) => void, options: { capture: true; passive: true }): void;
}

export interface EscapeListenerDeps {
  /** Monotonic milliseconds (performance.now), so a wall-clock jump cannot make or break a series. */
  now(): number;
  /** Tells main; never throws into the page's event dispatch. */
  escape(): void;
}

export function installEscapeListener(win: WindowLike, deps: EscapeListenerDeps, o: GestureOptions = DEFAULT_GESTURE): void {
  const gesture = createEscapeGesture(o);
  win.addEventListener('pointerdown', (e) => {
    if (e.isTrusted !== true) return; // synthetic (page script): never counts, and does not break a real series
    const done = gesture({ at: deps.now(), x: e.clientX, y: e.clientY }, { width: win.innerWidth, height: win.innerHeight });
    if (done) deps.escape();
  }, { capture: true, passive: true });
}
