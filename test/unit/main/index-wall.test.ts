// The Electron entry as a wall's binder, under the shared mock: a window per configured screen on its display's
// bounds, a display that goes away closes only its window (and the app does not quit with no window at all),
// one that comes back gets its window again, full screen on its bounds; the displays are kept awake.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { loadEntry } from '../../support/load-entry';
import { until } from '../../support/until';
import { validRaw } from './config/helpers';
import { keytarStoreWithSecret } from './secrets/fake-keytar';

vi.mock('../../../src/main/secrets/keytar-store', (importOriginal) => keytarStoreWithSecret(importOriginal));

const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-entry-wall-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LEFT = { id: 11, label: 'Left TV', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const RIGHT = { id: 12, label: 'Right TV', bounds: { x: 1920, y: 0, width: 1280, height: 720 } };
const SHEET = { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' };

it('a window per screen on its display; unplugging one closes only its window, no quit even with none left; replugging brings it back full screen', async () => {
  const { content: _one, ...raw } = validRaw();
  const config = path.join(dir, 'wall.json');
  writeFileSync(config, JSON.stringify({
    ...raw,
    screens: [{ id: 'left', display: { label: 'Left TV' }, playlist: 'a' }, { id: 'right', display: { id: 12 }, playlist: 'b' }],
    playlists: { a: { slides: [{ embeds: [SHEET] }] }, b: { slides: [{ embeds: [SHEET] }] } },
  }));
  const e = await loadEntry({
    args: ['--config', config],
    before: (m) => {
      vi.mocked(m.app.getPath).mockReturnValue(dir);
      m.screen.displays = [LEFT, RIGHT];
      m.net.fetch.mockReset();
    },
    until: (m) => m.BrowserWindow.instances.filter((w) => w.loadURL.mock.calls.length > 0).length >= 2,
  });
  const [left, right] = e.BrowserWindow.instances.filter((w) => w.loadURL.mock.calls.length > 0);
  expect(left!.options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080, kiosk: true, fullscreen: true });
  expect(right!.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 720, kiosk: true });
  expect((left!.loadURL.mock.calls[0] as unknown as [string])[0]).toMatch(/status\.html\?.*screen=left|screen=left&playlist=a/);
  expect(e.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');

  e.screen.displays = [LEFT];
  e.screen.emit('display-removed');
  expect(right!.destroyed).toBe(true);
  expect(left!.destroyed).toBe(false);

  e.screen.displays = [];
  e.screen.emit('display-removed');
  expect(left!.destroyed).toBe(true);
  expect(e.app.quit).not.toHaveBeenCalled();
  expect(e.app.exit).not.toHaveBeenCalled();
  const blocker = vi.mocked(e.powerSaveBlocker.start).mock.results[0]!.value as number;
  expect(e.powerSaveBlocker.stop).toHaveBeenCalledWith(blocker); // no screen to keep awake

  e.screen.displays = [LEFT, { ...RIGHT, bounds: { ...RIGHT.bounds, x: 0, y: 1080 } }];
  e.screen.emit('display-added');
  await until(() => e.BrowserWindow.instances.filter((w) => !w.destroyed && w.loadURL.mock.calls.length > 0).length === 2, 2_000, 'both windows back');
  const back = e.BrowserWindow.instances.filter((w) => !w.destroyed);
  expect(back.map((w) => w.options)).toEqual([
    expect.objectContaining({ x: 0, y: 0, width: 1920, height: 1080 }),
    expect.objectContaining({ x: 0, y: 1080, width: 1280, height: 720 }),
  ]);

  // The display changes resolution: its window is put back full screen on the new bounds, not reloaded.
  const loads = back[1]!.loadURL.mock.calls.length;
  e.screen.displays = [LEFT, { ...RIGHT, bounds: { x: 0, y: 1080, width: 3840, height: 2160 } }];
  e.screen.emit('display-metrics-changed');
  expect(back[1]!.setBounds).toHaveBeenLastCalledWith({ x: 0, y: 1080, width: 3840, height: 2160 });
  expect(back[1]!.setKiosk).toHaveBeenLastCalledWith(true);
  expect(back[1]!.loadURL.mock.calls.length).toBe(loads);
});
