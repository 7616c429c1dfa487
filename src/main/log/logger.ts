import type { Log, LogFields } from '../core/ports';
import { Redactor } from './redact';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The config's `log` section as the factory applies it, read at every line (the config comes after the log). */
export interface LogOptions {
  level: Level;
  /** text: `[scope] message {fields}`; json: one JSON object per line, with its own time and level. */
  format: 'text' | 'json';
}
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

/** A JSON line; every string is masked before serialisation and the whole line after it. */
function jsonLine(level: Level, scope: string, message: string, fields: LogFields | undefined, mask: (s: string) => string): string {
  const f = fields && Object.keys(fields).length > 0 ? JSON.parse(safeJson(fields, mask)) as unknown : undefined;
  return JSON.stringify({ time: new Date().toISOString(), level, scope, message: mask(message), ...(f === undefined ? {} : { fields: f }) });
}

/** One redactor per process: a secret registered through any scope is masked in every scope. */
export function createLogFactory(sink: LogSink, redactor = new Redactor(), options: LogOptions = { level: 'debug', format: 'text' }) {
  return (scope: string): Log => {
    const mask = (t: string) => redactor.redact(t);
    const emit = (level: Level) => (message: string, fields?: LogFields) => {
      if (RANK[level] < RANK[options.level]) return;
      sink(level, mask(options.format === 'json' ? jsonLine(level, scope, message, fields, mask) : serialise(scope, message, fields, mask)));
    };
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
