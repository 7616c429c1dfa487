// The wall's Electron side, kept thin: a BrowserWindow per screen on its display (start-core.ts decides which
// and when), the displays as Electron's `screen` reports them, and their changes. A TV that powers off looks like
// an unplugged display: its window is closed and opened again when it returns, full screen on its bounds.
import { ELECTRON_CONSOLE_LEVELS, type ConsoleLevel } from '../log/page-console';
import { BrowserWindow, screen, session } from 'electron';
import type { ScreenEvents, ScreenSpec, ScreenWindow } from '../app/screen-core';
import type { Log } from '../core/ports';
import { kioskWindowOptions } from '../security/window-options';
import type { DisplayInfo, Rect } from '../wall/displays';
import { createKioskWindow, superviseWindow } from '../window/kiosk-window';

export function electronDisplays(): DisplayInfo[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({ id: d.id, label: d.label, bounds: d.bounds, primary: d.id === primary }));
}

const DISPLAY_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

export function onElectronDisplaysChanged(fn: () => void): () => void {
  for (const e of DISPLAY_EVENTS) screen.on(e as 'display-added', fn);
  return () => {
    for (const e of DISPLAY_EVENTS) screen.removeListener(e as 'display-added', fn);
  };
}

export interface ElectronScreenDeps {
  preloadPath: string;
  packaged: boolean;
  log: Log;
  /** Every window Qiosk creates is registered (the policy handlers' "ours"). */
  created(win: BrowserWindow): void;
  /** The page's console warnings and errors, for main's log (log/page-console.ts). */
  pageConsole(screen: string, level: ConsoleLevel, message: string): void;
}

/** Puts a window on its display again: bounds first, then full screen (a display that came back, or moved). */
function fit(win: BrowserWindow, bounds: Rect, kiosk: boolean): void {
  if (kiosk) {
    win.setKiosk(false);
    win.setBounds(bounds);
    win.setKiosk(true);
  } else win.setPosition(bounds.x, bounds.y);
}

export function openElectronScreen(spec: ScreenSpec, events: ScreenEvents, d: ElectronScreenDeps): ScreenWindow {
  let win: BrowserWindow;
  let unwatch = () => {};
  let cursorCss: string | undefined;
  const make = () => {
    win = createKioskWindow(kioskWindowOptions({ preloadPath: d.preloadPath, kiosk: spec.kiosk, packaged: d.packaged, display: spec.bounds }));
    d.created(win);
    unwatch = superviseWindow(win, events.supervisor, events.pageStarted, d.log);
    // Electron 35+ puts the details on the event; older ones passed them as (event, level, message).
    win.webContents.on('console-message', (e: unknown, details: unknown) => {
      const m = (typeof details === 'object' && details !== null ? details : e) as { level?: unknown; message?: unknown };
      const level = typeof m.level === 'number' ? ELECTRON_CONSOLE_LEVELS[m.level] : m.level;
      if (typeof level === 'string' && typeof m.message === 'string') d.pageConsole(spec.id, level as ConsoleLevel, m.message);
    });
  };
  make();
  const load = (url: string) => void win.loadURL(url).catch((err: unknown) => d.log.warn('navigation failed', { screen: spec.id, err: String(err) }));
  return {
    navigate: load,
    capture: async () => (win.isDestroyed() ? undefined : (await win.webContents.capturePage()).toPNG()),
    refit: (bounds) => {
      spec = { ...spec, bounds };
      if (!win.isDestroyed()) fit(win, bounds, spec.kiosk);
    },
    recreate: ({ clearCache }, url) => {
      void (async () => {
        unwatch();
        const old = win;
        if (clearCache) {
          // After memory exhaustion, caches may hold what grew: start clean.
          await session.defaultSession.clearCache().catch(() => {});
          await session.defaultSession.clearCodeCaches({}).catch(() => {});
        }
        make(); // a renderer is never reused: a new window, then the old one goes
        if (!old.isDestroyed()) old.destroy();
        if (url !== undefined) load(url);
      })();
    },
    close: () => {
      unwatch();
      if (!win.isDestroyed()) win.destroy();
    },
    setKiosk: (on) => {
      if (win.isDestroyed()) return;
      win.setKiosk(on);
      if (!on) win.setPosition(spec.bounds.x, spec.bounds.y);
      // The page hides the cursor on a kiosk screen (its config): shown while IT works at the machine.
      if (on && cursorCss) void win.webContents.removeInsertedCSS(cursorCss).catch(() => {});
      if (!on) void win.webContents.insertCSS('* { cursor: auto !important; }').then((key) => (cursorCss = key), () => {});
      if (on) cursorCss = undefined;
    },
    webContentsId: () => (win.isDestroyed() ? undefined : win.webContents.id),
  };
}
