// `status`: what the running kiosk says about itself, read from its health file (health/health-file.ts): each
// screen's state, the token, the latest problems, the log's path. Exit 0 when every screen shows content (or is off
// by its schedule), 1 when one does not, when the file is older than a few minutes (the kiosk is not running, or
// hung), or when there is none. Pure: the file is read through the passed reader.
import path from 'node:path';
import type { HealthStatus } from '../health/health-status';

export interface StatusCliIo {
  argv: readonly string[];
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The health file: Electron's userData folder in the app; the same folder computed here from a checkout. */
  healthFile: string;
  readFile(path: string): Promise<string>;
  now(): number;
}

/** The file is rewritten at least every minute: three missed rewrites mean the kiosk is not running as it should. */
export const STALE_AFTER_MS = 3 * 60_000;

/** Electron's userData folder for the app named Qiosk (package.json productName), where the kiosk writes it. */
export function defaultHealthFile(platform: NodeJS.Platform, env: Record<string, string | undefined>, homedir: string): string {
  if (platform === 'win32') return path.win32.join(env['APPDATA'] || path.win32.join(homedir, 'AppData', 'Roaming'), 'Qiosk', 'health.json');
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', 'Qiosk', 'health.json');
  const xdg = env['XDG_CONFIG_HOME'];
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.config'), 'Qiosk', 'health.json');
}

/** Electron's logs folder for the app named Qiosk (app.getPath('logs')). */
export function defaultLogDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, homedir: string): string {
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Logs', 'Qiosk');
  const data = path[platform === 'win32' ? 'win32' : 'posix'].dirname(defaultHealthFile(platform, env, homedir));
  return path[platform === 'win32' ? 'win32' : 'posix'].join(data, 'logs');
}

export async function runStatusCli(io: StatusCliIo, data?: (h: HealthStatus & { stale: boolean }) => void): Promise<number> {
  if (io.argv.length > 0) {
    io.stderr.write(`status takes no arguments; it reads ${io.healthFile}.\n`);
    return 2;
  }
  let h: HealthStatus;
  try {
    h = JSON.parse(await io.readFile(io.healthFile)) as HealthStatus;
  } catch (e) {
    const missing = (e as { code?: string }).code === 'ENOENT';
    io.stdout.write(`${missing ? `No health file at ${io.healthFile}: Qiosk has not run as this user yet, or runs as another user.` : `The health file ${io.healthFile} cannot be read (${e instanceof Error ? e.message : String(e)}).`}\n`);
    return 1;
  }
  const age = io.now() - Date.parse(h.updatedAt);
  const stale = !(age < STALE_AFTER_MS);
  data?.({ ...h, stale });
  const lines = [
    `Qiosk ${h.version}, pid ${h.pid}, up ${Math.round(h.uptimeSeconds / 60)} min; status of ${h.updatedAt}${stale ? ` — ${Math.round(age / 60_000)} min old: Qiosk is not running, or is hung` : ''}`,
    ...h.screens.map((s) => `  screen ${s.id}: ${s.state}${s.code ? ` (${s.code})` : ''}${s.slide === undefined ? '' : `, slide ${s.slide + 1}`}${s.lastRenderAt ? `, last rendered ${s.lastRenderAt}` : ''}${s.tilesUnavailable ? `, ${s.tilesUnavailable} tile(s) unavailable` : ''}${Object.keys(s.heals).length ? `, heals ${Object.entries(s.heals).map(([r, n]) => `${r} ×${n}`).join(', ')}` : ''}`),
    `  token: ${h.token.state}${h.token.expiresAt ? ` until ${h.token.expiresAt}` : ''}; ${h.token.mintsLast24h} minted in 24 h${h.token.lastFailure ? `; last failure ${h.token.lastFailure.code} at ${h.token.lastFailure.at}` : ''}`,
    ...(h.problems.length ? ['  latest problems:', ...h.problems.slice(-5).map((p) => `    ${p.at}${p.screen ? ` [${p.screen}]` : ''} ${p.what}`)] : []),
    `  log: ${h.logFile}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  const bad = stale || h.screens.some((s) => s.state !== 'content' && s.state !== 'off');
  return bad ? 1 : 0;
}
