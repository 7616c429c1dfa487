// The Electron entry's healing under the shared mock: a crashed kiosk renderer gets a new window (never the
// dead one back), on the page it showed, and the app does not quit on the way; a page the window commits that
// main did not load is replaced by main's own URL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { loadEntry, type ElectronMock } from '../../support/load-entry';
import { until } from '../../support/until';
import { validRaw } from './config/helpers';
import { keytarStoreWithSecret } from './secrets/fake-keytar';

type Mock = ElectronMock;
// The client secret in an in-memory keychain: with a tenant that answers (tenantAnswers below), main shows content.
vi.mock('../../../src/main/secrets/keytar-store', (importOriginal) => keytarStoreWithSecret(importOriginal));

/** The tenant of validRaw() as net.fetch meets it: the runtime script, a token, the token accepted. */
function tenantAnswers(e: Mock): void {
  e.net.fetch.mockImplementation(async (url: string) => {
    const path = new URL(url).pathname;
    if (path === '/qlik-embed/main.js') return new Response('export {}', { headers: { 'content-type': 'text/javascript' } });
    if (path === '/oauth/token') return Response.json({ access_token: 'tok-0123456789abcdef0123', token_type: 'Bearer', expires_in: 21600 });
    if (path === '/api/v1/users/me') return Response.json({ id: 'u-1' });
    return new Response('not here', { status: 404 });
  });
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-entry-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Starts the Electron entry under the shared mock with `raw` as its config; resolves with the first window
 * main loaded a page into (the status screen, unless `before` makes the tenant answer: then the content). */
async function bootEntry(name: string, raw: Record<string, unknown>, before?: (e: Mock) => void) {
  const config = path.join(dir, name);
  writeFileSync(config, JSON.stringify(raw));
  const e = await loadEntry({
    args: ['--config', config],
    before: (m) => {
      vi.mocked(m.app.getPath).mockReturnValue(dir);
      m.net.fetch.mockReset();
      before?.(m);
    },
    until: (m) => m.BrowserWindow.instances.some((w) => w.loadURL.mock.calls.length > 0),
  });
  return { e, first: e.BrowserWindow.instances.find((w) => w.loadURL.mock.calls.length > 0)! };
}

it('a crashed kiosk renderer: a new window on the same page, the old one destroyed, no quit', async () => {
  const { e, first } = await bootEntry('config.json', validRaw());
  const shown = (first.loadURL.mock.calls.at(-1) as unknown as [string])[0];
  first.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  await until(() => e.BrowserWindow.instances.length >= 2 && first.destroyed, 2_000, 'a new window for the crashed one');
  const second = e.BrowserWindow.instances.at(-1)!;
  expect(second).not.toBe(first);
  await until(() => second.loadURL.mock.calls.length > 0, 2_000, 'the new window\'s page');
  expect((second.loadURL.mock.calls[0] as unknown as [string])[0]).toBe(shown);
  expect(e.app.quit).not.toHaveBeenCalled();
  expect(e.app.exit).not.toHaveBeenCalled();
});

it('a content page that stops reporting (hung) gets a new window; its reports go through the checked registry', async () => {
  const { e, first } = await bootEntry('config-heartbeat.json', { ...validRaw(), renderer: { port: 47311 }, supervisor: { heartbeatSeconds: 1 } }, tenantAnswers);
  expect((first.loadURL.mock.calls.at(-1) as unknown as [string])[0]).toBe('http://localhost:47311/?screen=main&playlist=main&slide=0');
  // The window commits the content page (Electron's did-navigate), which then reports once and goes silent.
  first.webContents.emit('did-navigate', {}, 'http://localhost:47311/?screen=main&playlist=main&slide=0');
  const report = vi.mocked(e.ipcMain.handle).mock.calls.find(([c]) => c === 'qiosk:report-health')![1];
  const event = { sender: { id: first.webContents.id }, senderFrame: { url: 'http://localhost:47311/?screen=main&playlist=main&slide=0', parent: null } };
  await expect(report(event as never, { tiles: [{ phase: 'rendered', mounted: true }] })).resolves.toEqual({ remount: [], unavailable: [] });
  await expect(report(event as never, { tiles: 'all fine' })).rejects.toThrow('Qiosk refused this IPC call');
  // The status page shares the origin and the preload: its reports are not the content's, and are not heard.
  const fromStatus = { ...event, senderFrame: { url: 'http://localhost:47311/status.html?code=network', parent: null } };
  await expect(report(fromStatus as never, { tiles: [{ phase: 'error', mounted: true }] })).resolves.toEqual({ remount: [], unavailable: [] });
  expect(e.BrowserWindow.instances).toHaveLength(1);
  await until(() => e.BrowserWindow.instances.length >= 2 && first.destroyed, 6_000, 'a new window for the silent page'); // 3 missed heartbeats: 3 s
  expect(e.app.quit).not.toHaveBeenCalled();
}, 10_000);

it('a page the window commits that main did not load (the page navigated itself) is replaced by main\'s own URL', async () => {
  const { e, first } = await bootEntry('config-navigated.json', { ...validRaw(), renderer: { port: 47312 } }, tenantAnswers);
  const content = 'http://localhost:47312/?screen=main&playlist=main&slide=0';
  expect((first.loadURL.mock.calls.at(-1) as unknown as [string])[0]).toBe(content);
  first.webContents.emit('did-navigate', {}, content);
  const loads = first.loadURL.mock.calls.length;
  // A status page of the page's own making, with words of its choosing.
  first.webContents.emit('did-navigate', {}, 'http://localhost:47312/status.html?code=capped&it=1&detail=HACKED');
  await until(() => first.loadURL.mock.calls.length > loads, 2_000, 'main loading its own page again');
  expect((first.loadURL.mock.calls.at(-1) as unknown as [string])[0]).toBe(content);
  expect(first.webContents.reload).not.toHaveBeenCalled(); // never merely the current entry, which the page chose
  expect(e.BrowserWindow.instances).toHaveLength(1);
  expect(e.app.quit).not.toHaveBeenCalled();
});
