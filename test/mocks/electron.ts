// Minimal stand-ins for the Electron APIs Qiosk's adapters touch. Extend here, never inline per test.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export const net = { fetch: vi.fn() };
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: vi.fn((name: string) => `/tmp/qiosk-test/${name}`),
  getName: vi.fn(() => 'Qiosk'),
  whenReady: vi.fn(() => Promise.resolve()),
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
  relaunch: vi.fn(),
});
export const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
export const ipcRenderer = { invoke: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const Menu = { setApplicationMenu: vi.fn() };
export const session = { defaultSession: {} as Record<string, unknown> };
export class BrowserWindow extends EventEmitter {
  static fromWebContents = vi.fn();
  static getAllWindows = vi.fn(() => [] as BrowserWindow[]);
}
export default { net, app, ipcMain, ipcRenderer, contextBridge, Menu, session, BrowserWindow };
