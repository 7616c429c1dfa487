// A screen's playlist rotation without blank frames: the next slide is mounted hidden ahead of time and
// shown only once it reports rendered, or once a bound has passed (a slide that never renders must not stop
// the wall). Pure and clock-driven: commands go out through `prepare`/`show`/`discard`, the page's reports
// come in through `rendered`; the owner of the screen pauses it while a status screen shows. A playlist of
// one slide does not rotate. Shared: main and the content page run the same rules.

/** The timer it runs on (main's Clock fits; the page binds its own setTimeout). */
export interface RotationClock {
  /** Schedules `fn`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export interface RotationOptions {
  /** Each slide's dwell, in order. */
  dwellMs: readonly number[];
  /** How long before a slide's dwell ends the next one is mounted hidden. */
  prepareLeadMs: number;
  /** How long past the dwell a hidden slide may take to render before it is shown anyway. */
  readyBoundMs: number;
}

export interface RotationActions {
  /** Mount slide `i` hidden (its embeds render off screen). */
  prepare(i: number): void;
  /** Make slide `i` the visible one (one swap: no frame without a slide). */
  show(i: number): void;
  /** Unmount a prepared slide that will not be shown (pause). */
  discard(i: number): void;
  /** The visible slide changed: the owner keeps it in the per-user state store, so a restart resumes there. */
  moved?(i: number): void;
}

export function createRotation(o: RotationOptions, deps: { clock: RotationClock; actions: RotationActions }, start = 0) {
  const n = o.dwellMs.length;
  let current = ((start % n) + n) % n;
  let pending: { slide: number; rendered: boolean } | undefined;
  let dwellOver = false;
  let running = false;
  const timers: (() => void)[] = [];
  const later = (fn: () => void, ms: number) => timers.push(deps.clock.setTimeout(fn, Math.max(0, ms)));
  const cancel = () => timers.splice(0).forEach((c) => c());

  const swap = () => {
    if (!pending) return;
    cancel();
    current = pending.slide;
    pending = undefined;
    dwellOver = false;
    deps.actions.show(current);
    deps.actions.moved?.(current);
    schedule();
  };

  function schedule(): void {
    if (n < 2) return;
    const dwell = o.dwellMs[current]!;
    later(() => {
      pending = { slide: (current + 1) % n, rendered: false };
      deps.actions.prepare(pending.slide);
    }, dwell - o.prepareLeadMs);
    later(() => {
      dwellOver = true;
      if (pending?.rendered) swap();
      else later(swap, o.readyBoundMs); // shown anyway: a slide that never renders must not stop the wall
    }, dwell);
  }

  return {
    get current() {
      return current;
    },
    get running() {
      return running;
    },
    /** Starts (or resumes) with the current slide visible for its full dwell. */
    start(): void {
      if (running) return;
      running = true;
      schedule();
    },
    /** A slide reported every embed rendered. */
    rendered(slide: number): void {
      if (!running || pending?.slide !== slide) return;
      pending.rendered = true;
      if (dwellOver) swap();
    },
    /** A status screen covers the screen: rotation stops where it is; a half-prepared slide is dropped. */
    pause(): void {
      if (!running) return;
      running = false;
      cancel();
      if (pending) deps.actions.discard(pending.slide);
      pending = undefined;
      dwellOver = false;
    },
  };
}
