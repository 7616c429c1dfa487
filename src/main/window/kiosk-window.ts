// The kiosk BrowserWindow, and what it tells its supervisor: crashes, hangs, failed loads, loading and memory;
// and every page it commits (`onPage`: main resets per-page state). Whether the content is healthy comes from
// the page's own health reports (supervisor/embed-triage.ts), not from a load event.
// The window heals nothing by itself; the supervisor (src/main/supervisor) decides every heal. Options come
// from security/window-options.ts (data).
import { app, BrowserWindow } from 'electron';
import type { Log } from '../core/ports';
import type { WindowSupervisor } from '../supervisor/window-supervisor';

/** A hung renderer gets this long to answer again before it counts as a fault. */
export const UNRESPONSIVE_GRACE_MS = 30_000;
export const MEMORY_SAMPLE_MS = 60_000;

export function createKioskWindow(options: Electron.BrowserWindowConstructorOptions): BrowserWindow {
  const win = new BrowserWindow(options);
  win.once('ready-to-show', () => win.show());
  return win;
}

/** Forwards the window's faults and state to its supervisor, and each committed page to `onPage`. */
export function superviseWindow(win: BrowserWindow, supervisor: WindowSupervisor, onPage: (webContentsId: number, url: string) => void, log: Log): () => void {
  const wc = win.webContents;
  let hung: ReturnType<typeof setTimeout> | undefined;
  wc.on('render-process-gone', (_e, details) => {
    log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    supervisor.fault(details.reason === 'oom' ? 'oom' : 'crashed');
  });
  win.on('unresponsive', () => {
    log.warn('renderer unresponsive');
    hung ??= setTimeout(() => {
      hung = undefined;
      supervisor.fault('unresponsive');
    }, UNRESPONSIVE_GRACE_MS);
  });
  win.on('responsive', () => {
    clearTimeout(hung);
    hung = undefined;
  });
  wc.on('did-fail-load', (_e, code, _desc, _url, isMainFrame) => {
    if (isMainFrame && code !== -3) { // -3: aborted by a newer navigation, not a failure
      log.warn('page failed to load', { code });
      supervisor.fault('load-failed');
    }
  });
  wc.on('did-start-loading', () => supervisor.loading(true));
  wc.on('did-stop-loading', () => supervisor.loading(false));
  wc.on('did-navigate', (_e, url) => onPage(wc.id, url));
  const sample = setInterval(() => {
    if (win.isDestroyed()) return;
    const pid = wc.getOSProcessId();
    const m = app.getAppMetrics().find((p) => p.pid === pid);
    if (m) supervisor.memory(m.memory.workingSetSize * 1024); // KB
  }, MEMORY_SAMPLE_MS);
  return () => {
    clearInterval(sample);
    clearTimeout(hung);
  };
}
