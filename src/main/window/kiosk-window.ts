// The kiosk BrowserWindow and its self-healing: a crashed or hung renderer is reloaded, with a pause so a
// page that crashes at once cannot spin the CPU. Options come from security/window-options.ts (data).
import { BrowserWindow } from 'electron';
import type { Log } from '../core/ports';

const RELOAD_PAUSE_MS = 5_000;
const UNRESPONSIVE_GRACE_MS = 30_000;

export function createKioskWindow(options: Electron.BrowserWindowConstructorOptions, log: Log): BrowserWindow {
  const win = new BrowserWindow(options);
  win.once('ready-to-show', () => win.show());
  let hung: ReturnType<typeof setTimeout> | undefined;
  win.webContents.on('render-process-gone', (_e, details) => {
    log.error('renderer process gone; reloading', { reason: details.reason, exitCode: details.exitCode });
    setTimeout(() => !win.isDestroyed() && win.webContents.reload(), RELOAD_PAUSE_MS);
  });
  win.on('unresponsive', () => {
    log.warn('renderer unresponsive');
    hung ??= setTimeout(() => {
      hung = undefined;
      if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer(); // render-process-gone then reloads
    }, UNRESPONSIVE_GRACE_MS);
  });
  win.on('responsive', () => {
    clearTimeout(hung);
    hung = undefined;
  });
  return win;
}
