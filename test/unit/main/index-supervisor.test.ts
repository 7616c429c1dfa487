// The Electron entry's healing under the shared mock: a crashed kiosk renderer gets a new window (never the
// dead one back), on the page it showed, and the app does not quit on the way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { validRaw } from './config/helpers';

type Mock = typeof import('../../mocks/electron');
const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-entry-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

it('a crashed kiosk renderer: a new window on the same page, the old one destroyed, no quit', async () => {
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(validRaw()));
  vi.resetModules();
  const e = (await import('electron')) as unknown as Mock;
  vi.clearAllMocks();
  e.BrowserWindow.instances = [];
  e.app.removeAllListeners();
  vi.mocked(e.app.getPath).mockReturnValue(dir);
  const argv = process.argv;
  process.argv = ['electron', '.', '--config', config];
  try {
    await import('../../../src/main/index');
    // No secret in this test's keychain: recovery shows the status screen, which opens the kiosk window.
    await until(() => e.BrowserWindow.instances.some((w) => w.loadURL.mock.calls.length > 0));
    const first = e.BrowserWindow.instances.find((w) => w.loadURL.mock.calls.length > 0)!;
    const shown = (first.loadURL.mock.calls.at(-1) as unknown as [string])[0];
    first.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await until(() => e.BrowserWindow.instances.length >= 2 && first.destroyed);
    const second = e.BrowserWindow.instances.at(-1)!;
    expect(second).not.toBe(first);
    await until(() => second.loadURL.mock.calls.length > 0);
    expect((second.loadURL.mock.calls[0] as unknown as [string])[0]).toBe(shown);
    expect(e.app.quit).not.toHaveBeenCalled();
    expect(e.app.exit).not.toHaveBeenCalled();
  } finally {
    process.argv = argv;
  }
});
