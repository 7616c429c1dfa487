// The Electron entry (src/main/index.ts) runs as it is imported, so each test loads it afresh against a clean
// copy of the shared electron mock. Callers vi.mock what the entry must not touch (the log sink, the keychain):
// vi.mock is per test file.
import { vi } from 'vitest';
import { until } from './until';

export type ElectronMock = typeof import('../mocks/electron');

export interface EntryLoad {
  /** The switches after the program (and after `electron .` in a development run). */
  args: string[];
  /** app.isPackaged while the entry loads; a packaged build's argv has no app path. */
  packaged?: boolean;
  /** Runs on the fresh mock before the entry is imported (e.g. a tenant that answers). */
  before?(e: ElectronMock): void;
  /** What to wait for after the import (default: the first window, or an exit). */
  until?(e: ElectronMock): boolean;
}

export async function loadEntry(o: EntryLoad): Promise<ElectronMock> {
  vi.resetModules();
  const e = (await import('electron')) as unknown as ElectronMock;
  e.BrowserWindow.instances = [];
  e.app.removeAllListeners();
  vi.clearAllMocks();
  e.app.isPackaged = o.packaged ?? false;
  o.before?.(e);
  const argv = process.argv;
  process.argv = o.packaged ? ['/opt/Qiosk/qiosk', ...o.args] : ['electron', '.', ...o.args];
  try {
    await import('../../src/main/index');
    // whenReady().then(main) and the first start-up attempt, however busy the machine
    const settled = o.until ?? ((m: ElectronMock) => m.BrowserWindow.instances.length > 0 || m.app.exit.mock.calls.length > 0);
    await until(() => settled(e), 5_000, 'the entry to start (a window, or an exit)');
  } finally {
    process.argv = argv;
    e.app.isPackaged = false;
  }
  return e;
}
