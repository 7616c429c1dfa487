// Minimal stand-ins for the Electron APIs Qiosk's adapters touch. Extend here, never inline per test.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export const net = { fetch: vi.fn() };
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: vi.fn((name: string) => `/tmp/qiosk-test/${name}`),
  getName: vi.fn(() => 'Qiosk'),
  getVersion: vi.fn(() => '0.1.0'),
  whenReady: vi.fn(() => Promise.resolve()),
  enableSandbox: vi.fn(),
  commandLine: { appendSwitch: vi.fn(), hasSwitch: vi.fn(() => false), getSwitchValue: vi.fn(() => '') },
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
  relaunch: vi.fn(),
  getAppMetrics: vi.fn((): { pid: number; memory: { workingSetSize: number } }[] => []),
});
export const ipcMain = { handle: vi.fn(), handleOnce: vi.fn(), on: vi.fn(), once: vi.fn(), removeHandler: vi.fn() };
export const ipcRenderer = { invoke: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn(), executeInMainWorld: vi.fn() };
export const Menu = { setApplicationMenu: vi.fn() };
/** Blockers as Electron keeps them: ids handed out by start, live until stop. */
const liveBlockers = new Set<number>();
let nextBlockerId = 1;
export const powerSaveBlocker = {
  start: vi.fn((_type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
    const id = nextBlockerId++;
    liveBlockers.add(id);
    return id;
  }),
  stop: vi.fn((id: number) => void liveBlockers.delete(id)),
  isStarted: vi.fn((id: number) => liveBlockers.has(id)),
};
/** Displays as Electron's `screen` reports them: tests replace `displays` and emit display-added/removed. */
export interface MockDisplay { id: number; label: string; bounds: { x: number; y: number; width: number; height: number } }
export const screen = Object.assign(new EventEmitter(), {
  displays: [{ id: 1, label: 'Built-in display', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }] as MockDisplay[],
  getAllDisplays: vi.fn((): MockDisplay[] => screen.displays),
  getPrimaryDisplay: vi.fn((): MockDisplay & { workArea: MockDisplay['bounds'] } => {
    const d = screen.displays[0] ?? { id: 0, label: '', bounds: { x: 0, y: 0, width: 0, height: 0 } };
    return { ...d, workArea: d.bounds };
  }),
  getDisplayMatching: vi.fn((r: MockDisplay['bounds']) => {
    const d = screen.displays.find((x) => r.x >= x.bounds.x && r.x < x.bounds.x + x.bounds.width) ?? screen.getPrimaryDisplay();
    return { ...d, workArea: d.bounds };
  }),
});
export const session = {
  defaultSession: Object.assign(new EventEmitter(), {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
    protocol: { handle: vi.fn(), unhandle: vi.fn(), isProtocolHandled: vi.fn(() => false) },
    resolveProxy: vi.fn(async () => 'DIRECT'),
    setProxy: vi.fn(async () => {}),
    webRequest: { onBeforeRequest: vi.fn() },
  }),
  /** Another session (e.g. the one that keeps the system's proxy settings): only route lookups. */
  fromPartition: vi.fn((_partition: string) => ({ resolveProxy: vi.fn(async (_url: string) => 'DIRECT') })),
};

let nextWebContentsId = 1;
export class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  setWebRTCIPHandlingPolicy = vi.fn();
  getOSProcessId = vi.fn(() => 4242);
  getURL = vi.fn(() => '');
}

let onWindowCreated: ((w: BrowserWindow) => void) | undefined;
export const setOnWindowCreated = (fn: typeof onWindowCreated) => void (onWindowCreated = fn);

/** Records every window created, with its options and loads, so entry-wiring tests can inspect them. */
export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static fromWebContents = vi.fn();
  static getAllWindows = vi.fn(() => BrowserWindow.instances.filter((w) => !w.destroyed));
  readonly webContents = new WebContents();
  destroyed = false;
  loadURL = vi.fn(() => Promise.resolve());
  loadFile = vi.fn(() => Promise.resolve());
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  isVisible = vi.fn(() => true);
  setBounds = vi.fn();
  setPosition = vi.fn();
  setKiosk = vi.fn();
  setAlwaysOnTop = vi.fn();
  getBounds = vi.fn(() => ({ x: Number(this.options['x'] ?? 0), y: Number(this.options['y'] ?? 0), width: Number(this.options['width'] ?? 800), height: Number(this.options['height'] ?? 600) }));
  isDestroyed = () => this.destroyed;
  // As in Electron: destroying the last window emits window-all-closed (Qiosk's entry quits on it).
  destroy = vi.fn(() => {
    this.destroyed = true;
    if (BrowserWindow.instances.every((w) => w.destroyed)) app.emit('window-all-closed');
  });
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.instances.push(this);
    onWindowCreated?.(this);
  }
}
export default { net, app, ipcMain, ipcRenderer, contextBridge, Menu, session, BrowserWindow, powerSaveBlocker, screen };
