import type { Clock } from '../../src/main/core/ports';

/** A manual clock: time moves only through `advance`, which also fires due timers in order. */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;
  constructor(private current = Date.UTC(2026, 10, 22, 6, 0, 0)) {}

  now = (): number => this.current;

  setTimeout = (fn: () => void, ms: number): (() => void) => {
    const id = this.nextId++;
    this.timers.push({ at: this.current + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  };

  /** The wall clock jumps (set by hand, NTP, a sleep): timers, which run on a monotonic clock, do not fire. */
  jump(ms: number): void {
    this.current += ms;
    for (const t of this.timers) t.at += ms;
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = due.at;
      due.fn();
    }
    this.current = target;
  }
}
