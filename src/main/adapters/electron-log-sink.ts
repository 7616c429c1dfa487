// The log file: electron-log's Node logger as the sink. Lines arrive already masked (src/main/log/logger.ts).
// - `electron-log/node`, not `electron-log/main`: the main flavour registers its own `__ELECTRON_LOG__` IPC
//   handlers at import, outside Qiosk's checked IPC registry; Qiosk needs no logging from renderers.
// - Every log file (main.log and the rotated main.1.log … main.N.log) and their folder are readable by their owner
//   only (0600 / 0700) on POSIX, including files an earlier version left world-readable: all are tightened at the
//   first write, and each rotated file again at each rotation (a rename keeps whatever mode the file had).
// - The file rotates at `log.maxSizeMb` (5 MB) and keeps `log.maxFiles` (3) rotated files, so a kiosk that runs for
//   months cannot fill its disk; with `log.format` "json" each line is one JSON object (logger.ts makes it).
import log from 'electron-log/node';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LogOptions, LogSink } from '../log/logger';

export const LOG_FILE_MODE = 0o600;

/** The n-th rotated file: main.log → main.1.log (the newest) … main.N.log (the oldest kept). */
export const rotatedPath = (file: string, n = 1) => {
  const p = path.parse(file);
  return path.join(p.dir, `${p.name}.${n}${p.ext}`);
};
/** What electron-log and earlier Qiosk versions named their one rotated file: tightened, never written. */
const legacyRotated = (file: string) => {
  const p = path.parse(file);
  return path.join(p.dir, `${p.name}.old${p.ext}`);
};
/** Owner-only, if the file exists (a no-op on Windows, where files inherit the folder's ACL). Never throws:
 * electron-log would drop the line, and mid-rotation its count of the file's size. */
const tighten = (file: string) => {
  try {
    if (existsSync(file)) chmodSync(file, LOG_FILE_MODE);
  } catch {
    // left as it is
  }
};

type Archive = typeof log.transports.file.archiveLogFn;

/** Rotation keeping `maxFiles()` files: each rotated file moves one number up, the oldest beyond the count goes,
 * main.log becomes main.1.log; every one owner-only afterwards (a rename keeps whatever mode the file had). */
export const rotateKeeping = (maxFiles: () => number): Archive => (file) => {
  const keep = Math.max(1, maxFiles());
  try {
    rmSync(rotatedPath(file.path, keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotatedPath(file.path, n))) renameSync(rotatedPath(file.path, n), rotatedPath(file.path, n + 1));
    renameSync(file.path, rotatedPath(file.path, 1));
  } catch {
    // electron-log crops the file in place when it is still too big: nothing is lost but old lines
  }
  for (let n = 1; n <= keep; n++) tighten(rotatedPath(file.path, n));
};

/** The sink, and how the config's `log` section changes it once the config is read (level and format are the
 * log factory's: logger.ts). */
export interface ElectronLogSink extends LogSink {
  configure(o: Pick<LogOptions, 'format'> & { maxSizeMb: number; maxFiles: number }): void;
}

/** `logDir` is asked at the first write (Electron's app.getPath('logs') in the app). */
export function createElectronLogSink(logDir: () => string): ElectronLogSink {
  let maxFiles = 3;
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.format = '{iso} [{level}] {text}';
  log.transports.console.format = '[{level}] {text}';
  log.transports.file.writeOptions = { flag: 'a', mode: LOG_FILE_MODE, encoding: 'utf8' };
  log.transports.file.archiveLogFn = rotateKeeping(() => maxFiles);
  // electron-log asks for the path on every line: the folder and mode are settled once.
  let file: string | undefined;
  log.transports.file.resolvePathFn = () => {
    if (file) return file;
    const dir = logDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    file = path.join(dir, 'main.log');
    for (const f of [file, legacyRotated(file), ...Array.from({ length: 20 }, (_, i) => rotatedPath(file!, i + 1))]) tighten(f);
    return file;
  };
  const sink: LogSink = (level, line) => log[level](line);
  return Object.assign(sink, {
    configure(o: Pick<LogOptions, 'format'> & { maxSizeMb: number; maxFiles: number }) {
      log.transports.file.maxSize = o.maxSizeMb * 1024 * 1024;
      maxFiles = o.maxFiles;
      // JSON lines carry their own time and level (logger.ts).
      log.transports.file.format = o.format === 'json' ? '{text}' : '{iso} [{level}] {text}';
    },
  });
}
