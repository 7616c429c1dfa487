import type { Log, LogFields } from '../core/ports';
import { Redactor } from './redact';

export type Level = 'debug' | 'info' | 'warn' | 'error';
/** Where finished, already-redacted lines go (electron-log in the app, an array in tests). */
export type LogSink = (level: Level, line: string) => void;

function serialise(scope: string, message: string, fields: LogFields | undefined, mask: (s: string) => string): string {
  const tail = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields, mask)}` : '';
  return `[${scope}] ${message}${tail}`;
}

/** Field strings are masked before serialisation too, so escaping can never hide a value from the mask. */
function safeJson(fields: LogFields, mask: (s: string) => string): string {
  try {
    return JSON.stringify(fields, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: mask(v.message) } : typeof v === 'string' ? mask(v) : v);
  } catch {
    return '{"fields":"unserialisable"}';
  }
}

/** One redactor per process: a secret registered through any scope is masked in every scope. */
export function createLogFactory(sink: LogSink, redactor = new Redactor()) {
  return (scope: string): Log => {
    const emit = (level: Level) => (message: string, fields?: LogFields) =>
      sink(level, redactor.redact(serialise(scope, message, fields, (t) => redactor.redact(t))));
    return {
      debug: emit('debug'),
      info: emit('info'),
      warn: emit('warn'),
      error: emit('error'),
      sensitive: (value, options) => redactor.add(value, options),
    };
  };
}

/** A log that keeps redacted lines in memory: for tests, tools and the benchmark. */
export function createMemoryLog(scope = 'test', redactor = new Redactor()): Log & { lines: string[] } {
  const lines: string[] = [];
  const log = createLogFactory((level, line) => lines.push(`${level} ${line}`), redactor)(scope);
  return Object.assign(log, { lines });
}
