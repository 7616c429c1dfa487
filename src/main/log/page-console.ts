// A page's console warnings and errors in main's log, so IT sees what a renderer complained about (a failed embed,
// a refused connection) next to main's own lines. A page can print at will, so each message is logged at most once a
// minute (log-once.ts), cut to a line, and masked like every other line by the log itself.
import type { Clock, Log } from '../core/ports';
import { logOncePerInterval } from './log-once';

const MAX_CHARS = 500;

export type ConsoleLevel = 'warning' | 'error' | 'info' | 'verbose';

export function pageConsoleLog(log: Log, clock: Clock): (screen: string, level: ConsoleLevel, message: string) => void {
  const once = logOncePerInterval(log, clock, { intervalMs: 60_000, maxKeys: 50, level: 'warn' });
  return (screen, level, message) => {
    if (level !== 'warning' && level !== 'error') return;
    const line = message.replace(/\s+/g, ' ').slice(0, MAX_CHARS);
    once(`${screen} ${line.slice(0, 120)}`, `page ${level}`, { screen, message: line });
  };
}

/** Electron's console-message levels, 0 to 3. */
export const ELECTRON_CONSOLE_LEVELS: readonly ConsoleLevel[] = ['verbose', 'info', 'warning', 'error'];
