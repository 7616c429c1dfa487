// The kiosk window's options as data. Every security-relevant webPreferences key is set explicitly, even where
// Electron's default already agrees: a test (and Electronegativity) can then compare one literal, and an Electron
// upgrade that changes a default cannot silently weaken the window.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The part of webPreferences that never varies (no preload path, no devTools switch). */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  // Middle-click opens links in new windows, bypassing the click handlers the page relies on.
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  spellcheck: false,
  // The page's heartbeat and embed probes must keep time when the window is covered or minimized: main reads
  // missing heartbeats as a hung page.
  backgroundThrottling: false,
  // Lets the user stop a page that loops on alert(); a kiosk has no one to click through them anyway.
  safeDialogs: true,
  enableWebSQL: false,
} as const satisfies WebPreferences);

export const KIOSK_BACKGROUND_COLOR = '#1f1f1f';
export const WINDOWED_SIZE = Object.freeze({ width: 1280, height: 800 });

export interface KioskWindowInput {
  preloadPath: string;
  kiosk: boolean;
  packaged: boolean;
  /** The display the window belongs on (its full bounds; a windowed screen opens in its top-left corner). */
  display?: { x: number; y: number; width: number; height: number };
}

export function kioskWindowOptions(o: KioskWindowInput): BrowserWindowConstructorOptions {
  const webPreferences: WebPreferences = {
    ...SECURE_WEB_PREFERENCES,
    // DevTools only in unpackaged (developer) runs; a packaged build never has them, kiosk or not.
    devTools: !o.packaged,
    preload: o.preloadPath,
  };
  const common = {
    show: false, // shown on 'ready-to-show', so the screen never flashes an empty window
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    autoHideMenuBar: true,
    webPreferences,
  };
  const at = o.display ? { x: o.display.x, y: o.display.y } : {};
  // Full screen on its display: the window is placed there first (a kiosk window fills the display it is on).
  if (o.kiosk) return { ...common, ...at, ...(o.display ? { width: o.display.width, height: o.display.height } : {}), kiosk: true, fullscreen: true, frame: false };
  return { ...common, ...at, ...WINDOWED_SIZE, kiosk: false, fullscreen: false, frame: true };
}
