// Logging for events a hostile page can repeat at will (refused IPC calls, connections, navigations): the
// first occurrence of a key in an interval is logged at once; repeats are only counted, and the count is
// logged as one line when the interval ends. A flood therefore costs at most two lines per key per interval,
// and the number of keys is capped, so no page can roll the log over and erase the history IT needs.
import type { Clock, Log, LogFields } from '../core/ports';

export interface LogOnceOptions {
  intervalMs: number;
  /** Distinct keys tracked at once; beyond it every key shares one slot ("grouped"). */
  maxKeys?: number;
  level?: 'debug' | 'info' | 'warn';
}

/** Logs `message` for `key` at most once per interval; what it held back is counted in one line at the end. */
export type LogOnce = (key: string, message: string, fields?: LogFields) => void;

interface Entry {
  at: number;
  suppressed: number;
  /** The line the count is reported with. */
  message: string;
  fields: LogFields;
  flushing: boolean;
}

const OTHER = '\u0000other';

export function logOncePerInterval(log: Log, clock: Clock, o: LogOnceOptions): LogOnce {
  const maxKeys = o.maxKeys ?? 100;
  const level = o.level ?? 'warn';
  const intervalS = Math.round(o.intervalMs / 1000);
  const seen = new Map<string, Entry>();
  const flush = (entry: Entry) => {
    entry.flushing = false;
    if (entry.suppressed === 0) return;
    log[level](entry.message, { ...entry.fields, repeated: entry.suppressed, inLastS: intervalS });
    entry.suppressed = 0;
  };
  return (rawKey, message, fields = {}) => {
    const now = clock.now();
    // Forget keys whose interval has passed with nothing held back, so a slow trickle of new keys never fills
    // the table.
    if (seen.size >= maxKeys && !seen.has(rawKey)) {
      for (const [k, v] of seen) if (now - v.at >= o.intervalMs && v.suppressed === 0 && !v.flushing) seen.delete(k);
    }
    const key = seen.has(rawKey) || seen.size < maxKeys ? rawKey : OTHER;
    const shown = key === rawKey ? fields : { ...fields, note: 'more distinct kinds than the log tracks; grouped' };
    const entry = seen.get(key);
    if (entry && now - entry.at < o.intervalMs) {
      entry.suppressed++;
      if (!entry.flushing) {
        entry.flushing = true;
        clock.setTimeout(() => flush(entry), entry.at + o.intervalMs - now);
      }
      return;
    }
    if (entry) flush(entry); // a count still pending (a timer not yet run) goes out before the new line
    seen.set(key, { at: now, suppressed: 0, message, fields: shown, flushing: false });
    log[level](message, shown);
  };
}
