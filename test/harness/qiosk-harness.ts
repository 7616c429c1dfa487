// The Chromium harness: Qiosk's real main-process services (config loading, identity, keychain, broker, IPC
// registry, token handler, recovery, renderer server with its CSP) and the real built renderer and preload,
// in Debian Chromium, against the fake tenant with Allowed Origins enforced. Electron is replaced only by
// (a) a transport shim for ipcRenderer/contextBridge and (b) page.goto for BrowserWindow.loadURL.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { createServices } from '../../src/main/app/services';
import { startCore, type Core } from '../../src/main/app/start-core';
import { systemClock, type Clock } from '../../src/main/core/ports';
import type { IpcMainLike, InvokeEventLike } from '../../src/main/ipc/register';
import { createLogFactory } from '../../src/main/log/logger';
import { rendererOrigin } from '../../src/main/origin/renderer-server';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { startFakeTenant, type FakeTenant, type FakeTenantOverrides } from '../fake-tenant';
import { impersonationClient } from '../fake-tenant/demo';
import { buildHarnessPreload } from './build-preload';

export const CHROMIUM = '/usr/lib/chromium/chromium';
export const REPO = path.resolve(__dirname, '../..');
const CLIENT_ID = 'kiosk-imp';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until `count` stand-in embeds render content for `userId` (the fake runtime's DOM marker). */
export function embedsShowing(page: Page, count = 3, userId = 'u-1', timeout = 20_000) {
  return page.waitForFunction(
    ([n, u]) => document.querySelectorAll(`[data-fake-qlik-embed][data-user-id="${u}"]`).length === n,
    [count, userId] as const,
    { timeout },
  );
}

export interface HarnessOptions {
  secret: string;
  embeds?: Record<string, string>[];
  tenant?: FakeTenantOverrides;
  /** Runs before main starts (e.g. to inject start-up faults). */
  beforeStart?: (tenant: FakeTenant) => void;
}

export interface Harness {
  tenant: FakeTenant;
  core: Core;
  page: Page;
  context: BrowserContext;
  origin: string;
  logFile: string;
  consoleLines: string[];
  requests: { url: string; headers: Record<string, string>; body: string | null }[];
  navigations: string[];
  /** Main's own outgoing requests with wall-clock times (the tenant's log runs on its fake clock). */
  mainRequests: { url: string; at: number }[];
  /** Moves main's wall clock forward (e.g. past the token's expiry) without waiting; timers stay real. */
  advanceMainClock(ms: number): void;
  /** Registers another page as a window Qiosk created (only the kiosk page is, by default). */
  adopt(page: Page): void;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const dir = mkdtempSync(path.join(process.env.QIOSK_KEYRING_ROOT ?? os.tmpdir(), 'qiosk-harness-'));
  const port = await freePort();
  const origin = rendererOrigin(port);
  // The tenant's OAuth client lists exactly Qiosk's renderer origin, as IT would register it.
  const tenant = await startFakeTenant({ ...o.tenant, clients: [impersonationClient(CLIENT_ID, o.secret, origin)] });
  const store = createKeytarStore();
  await store.set(CLIENT_ID, o.secret);

  const configPath = path.join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({
    tenant: { host: tenant.baseUrl, clientId: CLIENT_ID },
    identity: { mode: 'map', users: { [os.userInfo().username]: 'u-1' } },
    content: { embeds: o.embeds ?? [
      { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' },
      { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' },
      { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-2' },
    ] },
    kiosk: { enabled: true },
    renderer: { port },
    broker: { timeoutMs: 3000 },
  }));
  const logFile = path.join(dir, 'main.log');
  const logFor = createLogFactory((level, line) => appendFileSync(logFile, `${level} ${line}\n`));

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_CACHE_HOME: path.join(dir, 'xdg-cache') },
  });
  const context = await browser.newContext();
  const consoleLines: string[] = [];
  const requests: Harness['requests'] = [];
  const navigations: string[] = [];
  const preload = await buildHarnessPreload();
  await context.addInitScript({ content: preload });

  // Electron's IPC transport, replaced: the binding hands main the same facts Electron's event would carry.
  const pageIds = new Map<Page, number>();
  const ours = new Set<number>();
  let nextId = 1;
  const idOf = (p: Page) => pageIds.get(p) ?? (pageIds.set(p, nextId++), pageIds.get(p)!);
  let listener: ((event: InvokeEventLike, ...args: unknown[]) => unknown) | undefined;
  const ipcMain: IpcMainLike = { handle: (_c, l) => void (listener = l), removeHandler: () => {} };
  await context.exposeBinding('__qioskIpcTransport', async (source: { page: Page; frame: Frame }, _channel: string, ...args: unknown[]) => {
    const frame = source.frame;
    const event: InvokeEventLike = { sender: { id: idOf(source.page) }, senderFrame: frame.isDetached() ? null : { url: frame.url(), parent: frame.parentFrame() } };
    if (!listener) throw new Error('no handler registered');
    return listener(event, ...args);
  });

  const watch = (p: Page) => {
    p.on('console', (m) => consoleLines.push(m.text()));
    p.on('request', (r) => requests.push({ url: r.url(), headers: r.headers(), body: r.postData() }));
  };
  const mainRequests: Harness['mainRequests'] = [];
  let clockOffset = 0;
  const clock: Clock = { now: () => systemClock.now() + clockOffset, setTimeout: systemClock.setTimeout };
  const page = await context.newPage();
  watch(page);
  ours.add(idOf(page));

  o.beforeStart?.(tenant);
  const services = await createServices({
    argv: ['electron', '.', '--config', configPath], platform: process.platform, env: process.env, homedir: dir,
    readFile: async (p) => (await import('node:fs/promises')).readFile(p, 'utf8'), userInfo: () => os.userInfo(),
    http: (url, init) => {
      mainRequests.push({ url: String(url), at: Date.now() });
      return fetch(url, init);
    },
    clock, secrets: store, logFor,
  });
  const core = await startCore({
    services, rendererRoot: path.join(REPO, 'out/renderer'), ipcMain, isOurWebContents: (id) => ours.has(id),
    navigate: (url) => {
      navigations.push(url);
      void page.goto(url).catch(() => {}); // a later navigation may interrupt this one, as in a real window
    },
    clock, logFor,
  });

  return {
    tenant, core, page, context, origin, logFile, consoleLines, requests, navigations, mainRequests,
    advanceMainClock: (ms) => void (clockOffset += ms),
    adopt: (p) => void ours.add(idOf(p)),
    async newPage() {
      const p = await context.newPage();
      watch(p);
      return p;
    },
    async close() {
      await core.stop();
      await browser.close();
      await store.delete(CLIENT_ID).catch(() => false);
      await tenant.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
