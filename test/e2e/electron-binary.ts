import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/** The Electron executable, if this machine has one. Never require('electron'): that would try to download it. */
export function electronExecutable(): string | undefined {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = path.join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(exe) ? exe : undefined;
  }
  const pathTxt = path.join(REPO, 'node_modules/electron/path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const exe = path.join(REPO, 'node_modules/electron/dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : undefined;
}

export const SKIP_REASON = 'no Electron binary on this machine (npm ships only a wrapper; set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist to run)';
