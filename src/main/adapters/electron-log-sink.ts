// The log file: electron-log's Node logger as the sink. Lines arrive already masked (src/main/log/logger.ts).
// - `electron-log/node`, not `electron-log/main`: the main flavour registers its own `__ELECTRON_LOG__` IPC
//   handlers at import, outside Qiosk's checked IPC registry; Qiosk needs no logging from renderers.
// - Every log file (main.log and the rotated main.old.log) and their folder are readable by their owner only
//   (0600 / 0700) on POSIX, including files an earlier version left world-readable: both files are tightened at
//   the first write, and the rotated file again at each rotation (a rename keeps whatever mode the file had).
// - The file rotates at 5 MB so a kiosk that runs for months cannot fill its disk.
import log from 'electron-log/node';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogSink } from '../log/logger';

export const LOG_FILE_MODE = 0o600;

/** Where a log file goes when it rotates: main.log → main.old.log, as electron-log names it. */
export const rotatedPath = (file: string) => {
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
/** electron-log's own rotation (rename to main.old.log, replacing the previous one; on a failed rename it crops
 * the file in place), taken once at import so a second sink does not wrap the wrapper. */
const electronLogArchive: Archive = log.transports.file.archiveLogFn;

/** `archive`, then the rotated file made owner-only: a rename keeps whatever mode the file had. */
export const archiveOwnerOnly = (archive: Archive): Archive => (file) => {
  archive(file);
  tighten(rotatedPath(file.path));
};

/** `logDir` is asked at the first write (Electron's app.getPath('logs') in the app). */
export function createElectronLogSink(logDir: () => string): LogSink {
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.format = '{iso} [{level}] {text}';
  log.transports.console.format = '[{level}] {text}';
  log.transports.file.writeOptions = { flag: 'a', mode: LOG_FILE_MODE, encoding: 'utf8' };
  log.transports.file.archiveLogFn = archiveOwnerOnly(electronLogArchive);
  // electron-log asks for the path on every line: the folder and mode are settled once.
  let file: string | undefined;
  log.transports.file.resolvePathFn = () => {
    if (file) return file;
    const dir = logDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    file = path.join(dir, 'main.log');
    tighten(file);
    tighten(rotatedPath(file));
    return file;
  };
  return (level, line) => log[level](line);
}
