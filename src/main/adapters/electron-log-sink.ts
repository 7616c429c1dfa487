// electron-log as the file sink: lines arrive already redacted (src/main/log/logger.ts). The file rotates at
// 5 MB so a kiosk that runs for months cannot fill its disk.
import log from 'electron-log/main';
import type { LogSink } from '../log/logger';

export function createElectronLogSink(): LogSink {
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.format = '{iso} [{level}] {text}';
  log.transports.console.format = '[{level}] {text}';
  return (level, line) => log[level](line);
}

export function logFilePath(): string {
  return log.transports.file.getFile().path;
}
