// The log file: electron-log's Node logger as the sink. Lines arrive already masked (src/main/log/logger.ts).
// - `electron-log/node`, not `electron-log/main`: the main flavour registers its own `__ELECTRON_LOG__` IPC
//   handlers at import, outside Qiosk's checked IPC registry; Qiosk needs no logging from renderers.
// - The file and its folder are readable by their owner only (0600 / 0700), including a file an earlier
//   version created world-readable.
// - The file rotates at 5 MB so a kiosk that runs for months cannot fill its disk.
import log from 'electron-log/node';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogSink } from '../log/logger';

export const LOG_FILE_MODE = 0o600;

/** `logDir` is asked at the first write (Electron's app.getPath('logs') in the app). */
export function createElectronLogSink(logDir: () => string): LogSink {
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.format = '{iso} [{level}] {text}';
  log.transports.console.format = '[{level}] {text}';
  log.transports.file.writeOptions = { flag: 'a', mode: LOG_FILE_MODE, encoding: 'utf8' };
  // electron-log asks for the path on every line: the folder and mode are settled once.
  let file: string | undefined;
  log.transports.file.resolvePathFn = () => {
    if (file) return file;
    const dir = logDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    file = path.join(dir, 'main.log');
    if (existsSync(file)) chmodSync(file, LOG_FILE_MODE);
    return file;
  };
  return (level, line) => log[level](line);
}
