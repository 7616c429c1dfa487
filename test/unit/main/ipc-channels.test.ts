// Every IPC channel the main process answers, listed: the Electron entry with a valid config (so the core and
// the real log sink are wired) may register exactly the channels of the contract, all through the checked
// registry — no library (electron-log's __ELECTRON_LOG__, say) behind its back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { validRaw } from './config/helpers';
import { Channels } from '../../../src/shared/ipc-contract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-channels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('main answers exactly the contract\'s channels, each registered once through ipcMain.handle', async () => {
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(validRaw()));
  vi.resetModules();
  const e = await import('electron');
  vi.clearAllMocks();
  vi.mocked(e.app.getPath).mockReturnValue(path.join(dir, 'logs'));
  const argv = process.argv;
  process.argv = ['electron', '.', '--config', config];
  try {
    await import('../../../src/main/index');
    for (let i = 0; i < 100 && vi.mocked(e.ipcMain.handle).mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  } finally {
    process.argv = argv;
  }
  expect(vi.mocked(e.ipcMain.handle).mock.calls.map(([channel]) => channel).sort()).toEqual(Object.values(Channels).sort());
  for (const other of [e.ipcMain.on, e.ipcMain.once, e.ipcMain.handleOnce]) expect(vi.mocked(other)).not.toHaveBeenCalled();
});
