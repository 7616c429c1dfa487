// The fleet bench's simulated time: one clock for thousands of brokers, recovery controllers and page timers.
// Timers sit in a binary heap (test/support/fake-clock.ts scans a list, too slow for ~10^4 timers) and fire in
// order, each at its own time; time moves only through `runUntil`.
import type { Clock } from '../../src/main/core/ports';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class SimClock implements Clock {
  private heap: Timer[] = [];
  private seq = 0;
  constructor(private current: number) {}

  now = (): number => this.current;

  setTimeout = (fn: () => void, ms: number): (() => void) => {
    const t: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.push(t);
    return () => {
      t.cancelled = true;
    };
  };

  /** Fires every timer due up to `target` in order (a timer set by one that fires is run too if due), then
   * stands at `target`. */
  runUntil(target: number): void {
    for (let top = this.heap[0]; top && top.at <= target; top = this.heap[0]) {
      this.pop();
      if (top.cancelled) continue;
      this.current = Math.max(this.current, top.at);
      top.fn();
    }
    this.current = Math.max(this.current, target);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** A seeded random source (mulberry32), so each kiosk draws the same numbers run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
