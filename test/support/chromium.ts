// The one place that knows where a Chromium lives and how to start it on these machines: for the harness,
// the browser tests and the preview. Never a browser downloaded by a test tool (those downloads fail here).
import { existsSync } from 'node:fs';

/** Tried in order after $QIOSK_CHROMIUM: Debian's real binary (not its /usr/bin wrapper script), then Chrome. */
const CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/usr/bin/chromium-browser'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
};

export const CHROMIUM_HINT = 'install Debian\'s chromium (apt-get install chromium) or Google Chrome, or set QIOSK_CHROMIUM to a Chromium executable';

/** The Chromium to use, or undefined when this machine has none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (env['QIOSK_CHROMIUM']) return existsSync(env['QIOSK_CHROMIUM']) ? env['QIOSK_CHROMIUM'] : undefined;
  return (CANDIDATES[platform] ?? []).find((p) => existsSync(p));
}

/** Why there is no Chromium, naming QIOSK_CHROMIUM when it is what is wrong. */
export function noChromiumReason(env: NodeJS.ProcessEnv = process.env): string {
  const set = env['QIOSK_CHROMIUM'];
  return set ? `QIOSK_CHROMIUM is "${set}", which does not exist; point it at a Chromium executable, or unset it` : `no Chromium found: ${CHROMIUM_HINT}`;
}

/** Like chromiumPath, but throws with what to do when there is none. */
export function findChromium(): string {
  const p = chromiumPath();
  if (!p) throw new Error(noChromiumReason());
  return p;
}

/** As root Chromium needs --no-sandbox; the rest keep it off a network this machine does not have. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
