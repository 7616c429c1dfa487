// Logging for events a hostile page can repeat at will (refused IPC calls, refused connections): the first
// occurrence of a key in an interval is logged at once, the rest only counted and reported with the key's next
// line after the interval. A flood therefore costs at most one line per key per interval, and the number of keys
// is capped, so no page can roll the log over and erase the history IT needs.
import type { Clock, Log, LogFields } from '../core/ports';

export interface LogOnceOptions {
  intervalMs: number;
  /** Distinct keys tracked at once; beyond it every key shares one slot ("other"). */
  maxKeys?: number;
  level?: 'debug' | 'info' | 'warn';
}

/** Logs `message` for `key` at most once per interval, with the count of what was suppressed since. */
export type LogOnce = (key: string, message: string, fields?: LogFields) => void;

export function logOncePerInterval(log: Log, clock: Clock, o: LogOnceOptions): LogOnce {
  const maxKeys = o.maxKeys ?? 100;
  const level = o.level ?? 'warn';
  const seen = new Map<string, { at: number; suppressed: number }>();
  return (rawKey, message, fields) => {
    const now = clock.now();
    // Forget keys whose interval has long passed, so a slow trickle of new keys never fills the table.
    if (seen.size >= maxKeys) {
      for (const [k, v] of seen) if (now - v.at >= o.intervalMs && v.suppressed === 0) seen.delete(k);
    }
    const key = seen.has(rawKey) || seen.size < maxKeys ? rawKey : '\u0000other';
    const entry = seen.get(key);
    if (entry && now - entry.at < o.intervalMs) {
      entry.suppressed++;
      return;
    }
    const suppressed = entry?.suppressed ?? 0;
    seen.set(key, { at: now, suppressed: 0 });
    const extra = key === rawKey ? {} : { note: 'more distinct kinds than the log tracks; grouped' };
    log[level](message, { ...fields, ...extra, ...(suppressed > 0 ? { alsoSince: suppressed, intervalS: Math.round(o.intervalMs / 1000) } : {}) });
  };
}
