// The one place that knows where Qiosk's development runs find Electron: ELECTRON_OVERRIDE_DIST_PATH (Electron's
// own variable) or the dist the `electron` npm package downloads. Used by the e2e tier, `npm run demo` and
// `npm start`. Never require('electron') from Node: that would try to download it with a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { firstErrorLine } from '../../scripts/setup-steps.mjs';

const REPO = path.resolve(__dirname, '../..');
const PACKAGE = path.join(REPO, 'node_modules/electron');
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** The Electron executable, if this machine has one. */
export function electronExecutable(): string | undefined {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const exe = path.join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(exe) ? exe : undefined;
  }
  const pathTxt = path.join(PACKAGE, 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const exe = path.join(PACKAGE, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : undefined;
}

export const SKIP_REASON = 'no Electron binary on this machine (npm ships only a wrapper; set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist to run)';

export type ElectronOutcome = { exe: string } | { why: string };

/** The executable, downloading it once (electron's own install script) when none is there yet. */
export function obtainElectron(say: (line: string) => void): ElectronOutcome {
  const found = electronExecutable();
  if (found) return { exe: found };
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return { why: `ELECTRON_OVERRIDE_DIST_PATH is "${override}", which holds no Electron executable` };
  if (process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) return { why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded' };
  const version = (JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  say(`Electron: downloading Electron ${version} (once, about 100 MB)…`);
  const r = spawnSync(process.execPath, [path.join(PACKAGE, 'install.js')], { cwd: REPO, encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS });
  const exe = electronExecutable();
  if (exe) return { exe };
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return { why: r.error ? `the download did not finish (${r.error.message})` : `the download failed: ${firstErrorLine(output)}` };
}

/** One paragraph for a person: why there is no Electron, and how to give Qiosk one. */
export function electronUnavailable(why: string, next: string): string {
  return [
    `Electron could not be obtained: ${why}.`,
    'Qiosk runs in Electron, which npm downloads from Electron\'s release host on first use; this machine could not.',
    'If you have an Electron 45 build (e.g. unpacked from its release zip), point Qiosk at the folder that holds',
    'the electron executable: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist, then run the command again.',
    next,
  ].join('\n');
}
