// Playwright `_electron` against the built app (out/) and the fake tenant: the same scenarios as the
// Chromium harness plus what only Electron has (webPreferences, kiosk flags, navigation lockdown). Runs
// wherever an Electron binary exists; elsewhere the whole file is skipped, and `npm test` says so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { BRIDGE_GLOBAL, HEALTH_GLOBAL } from '../../src/shared/ipc-contract';
import { rendererOrigin } from '../../src/main/origin/renderer-origin';
import { startFakeTenant, type FakeTenant } from '../fake-tenant';
import { impersonationClient } from '../fake-tenant/demo';
import { embedsShowing, freePort, REPO } from '../harness/qiosk-harness';
import { makeCanary } from '../support/canary';
import { startSquatter } from '../harness/squatter';
import { electronExecutable, SKIP_REASON } from './electron-binary';

const exe = electronExecutable();
const suite = exe ? describe : describe.skip;

async function launch(secret: string, faults?: (t: FakeTenant) => void, port?: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-e2e-'));
  port ??= await freePort();
  const origin = rendererOrigin(port);
  const tenant = await startFakeTenant({ clients: [impersonationClient('kiosk-imp', secret, origin)] });
  faults?.(tenant);
  await createKeytarStore().set('kiosk-imp', secret);
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    tenant: { host: tenant.baseUrl, clientId: 'kiosk-imp' },
    identity: { mode: 'device', lookupField: 'userId', value: 'u-1' },
    content: { embeds: [1, 2, 3].map(() => ({ ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' })) },
    kiosk: { enabled: true },
    renderer: { port },
    supervisor: { keepaliveSeconds: 2, heartbeatSeconds: 2, loadTimeoutSeconds: 8 },
  }));
  const app = await electron.launch({ executablePath: exe!, args: [REPO, '--config', config], env: { ...process.env, XDG_CONFIG_HOME: dir } as Record<string, string> });
  const page = await app.firstWindow();
  return { app, page, tenant, origin, dir, close: async () => { await app.close(); await tenant.close(); rmSync(dir, { recursive: true, force: true }); } };
}

suite(exe ? 'Electron e2e' : `Electron e2e (skipped: ${SKIP_REASON})`, () => {
  const secret = makeCanary();
  let run: Awaited<ReturnType<typeof launch>>;
  let app: ElectronApplication;
  let page: Page;
  beforeAll(async () => {
    run = await launch(secret);
    ({ app, page } = run);
    await embedsShowing(page, 3, 'u-1', 30_000);
  }, 60_000);
  afterAll(async () => run?.close());

  it('serves the renderer from its origin and mints once in main, with no Origin, for three embeds', async () => {
    expect(new URL(page.url()).origin).toBe(run.origin);
    const mints = run.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation');
    expect(mints).toHaveLength(1);
    expect(mints[0]).toMatchObject({ origin: null, userLookup: { field: 'userId', value: 'u-1' } });
    const me = run.tenant.log().find((e) => e.path === '/api/v1/users/me' && e.origin !== null); // main's own check has none
    expect(me).toMatchObject({ origin: run.origin, bearerTokenId: mints[0]!.issuedTokenId });
  });

  it('runs the window sandboxed and isolated, in kiosk mode', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      // Documented on WebContents but missing from electron.d.ts.
      const p = (w.webContents as unknown as { getLastWebPreferences(): Electron.WebPreferences }).getLastWebPreferences();
      return { kiosk: w.isKiosk(), sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames, webviewTag: p.webviewTag, webSecurity: p.webSecurity };
    });
    expect(prefs).toEqual({ kiosk: true, sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true });
    expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process, 'ipcRenderer' in window])).toEqual(['undefined', 'undefined', false]);
    for (const name of [BRIDGE_GLOBAL, HEALTH_GLOBAL]) {
      expect(await page.evaluate((n) => [typeof (window as unknown as Record<string, unknown>)[n], Object.keys((window as unknown as Record<string, object>)[n]!)], name)).toEqual(['function', []]);
    }
  });

  it.each(['https://evil.example/', 'https://127.0.0.1.evil.example/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi'])('refuses navigation to %s', async (target) => {
    const before = page.url();
    await page.evaluate((t) => { location.href = t; }, target).catch(() => {});
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });

  it('opens no windows and grants no permissions', async () => {
    expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
  });

  it('keeps the canary out of the page and the log file', async () => {
    expect(await page.content()).not.toContain(secret);
    const logPath = await app.evaluate(({ app: a }) => `${a.getPath('logs')}/main.log`);
    expect(readFileSync(logPath, 'utf8')).not.toContain(secret);
  });
});

suite(exe ? 'Electron e2e: start-up outage' : `Electron e2e: start-up outage (skipped: ${SKIP_REASON})`, () => {
  it('shows the status screen during 500s and returns to the content by itself', async () => {
    const run = await launch(makeCanary(), (t) => void t.addFault({ path: '/oauth/token', status: 500, times: 3 }));
    try {
      await run.page.waitForURL(/status\.html/, { timeout: 15_000 });
      await embedsShowing(run.page, 3, 'u-1', 30_000);
    } finally {
      await run.close();
    }
  }, 60_000);
});

// Two of test/harness/healing.test.ts's scenarios in Electron itself: its did-navigate, render-process-gone,
// capturePage and the real IPC transport for the health report.
suite(exe ? 'Electron e2e: healing' : `Electron e2e: healing (skipped: ${SKIP_REASON})`, () => {
  const connected = (page: Page) => page.waitForFunction(() => document.querySelectorAll('[data-fake-qlik-embed][data-user-id="u-1"][data-ws-state="connected"]').length === 3, null, { timeout: 30_000 });

  it('the engine closes every session: the page reports it, main remounts the tiles, no new token', async () => {
    const run = await launch(makeCanary());
    try {
      await connected(run.page);
      expect(run.tenant.closeSockets()).toBeGreaterThan(0);
      await run.page.waitForFunction(() => document.querySelector('[data-ws-state="closed"]') !== null, null, { timeout: 10_000 });
      await connected(run.page);
      expect(run.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation')).toHaveLength(1);
    } finally {
      await run.close();
    }
  }, 60_000);

  it('a crashed renderer: a new window on the content, the dead one gone', async () => {
    const run = await launch(makeCanary());
    try {
      await connected(run.page);
      const next = run.app.waitForEvent('window', { timeout: 30_000 });
      await run.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
      const page = await next;
      await connected(page);
      expect(await run.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await run.close();
    }
  }, 60_000);
});

// The same scenario as test/harness/origin-squatter.test.ts, against Electron's protocol interception itself.
suite(exe ? 'Electron e2e: renderer-port squatter' : `Electron e2e: renderer-port squatter (skipped: ${SKIP_REASON})`, () => {
  it('a squatter on [::1] and 127.0.0.1 at the renderer port, before start-up and after, gets no request and no token', async () => {
    const port = await freePort();
    const before = await startSquatter(port);
    const run = await launch(makeCanary(), undefined, port);
    try {
      await embedsShowing(run.page, 3, 'u-1', 30_000);
      await before.stop();
      const after = await startSquatter(port);
      try {
        await run.page.reload();
        await embedsShowing(run.page, 3, 'u-1', 30_000);
        expect(await run.page.locator('#squatter').count()).toBe(0);
        expect([...before.hits, ...after.hits]).toEqual([]);
        expect(run.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation').map((e) => e.origin)).toEqual([null]);
        expect(run.tenant.log().filter((e) => e.origin !== null && e.origin !== run.origin)).toEqual([]);
      } finally {
        await after.stop();
      }
    } finally {
      await before.stop();
      await run.close();
    }
  }, 90_000);
});
