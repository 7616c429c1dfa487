// The Chromium harness for tests: the kiosk of chromium-kiosk.ts (Qiosk's real main-process services, core,
// renderer and preload in Chromium, only Electron's transport emulated) against a fresh fake tenant with
// Allowed Origins enforced, a real keychain, and recordings of what the page and main sent.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { systemClock, type Clock } from '../../src/main/core/ports';
import { createLogFactory } from '../../src/main/log/logger';
import { rendererOrigin } from '../../src/main/origin/renderer-origin';
import { publicJwk } from '../../src/main/secrets/client-key';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { startFakeTenant, type FakeTenant, type FakeTenantOverrides } from '../fake-tenant';
import { impersonationClient } from '../fake-tenant/demo';
import { until } from '../support/until';
import { contentPath } from '../../src/shared/ipc-contract';
import type { DisplayInfo } from '../../src/main/wall/displays';
import { launchChromiumKiosk, type ChromiumKiosk } from './chromium-kiosk';

export { REPO } from './chromium-kiosk';
export { until } from '../support/until';
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

/** Working content: `count` embeds drawn for `userId` with their engine sessions connected, and main's triage
 * has heard the page report every tile rendered. Resolves with the ms it took. */
export function contentWorks(h: Pick<Harness, 'page' | 'triage' | 'supervisor'>, timeoutMs = 30_000, count = 3, userId = 'u-1'): Promise<number> {
  return until(async () => {
    const drawn = await h.page.evaluate(([u]) => document.querySelectorAll(`[data-fake-qlik-embed][data-user-id="${u}"][data-ws-state="connected"]`).length, [userId] as const);
    const tiles = h.triage.tiles;
    return drawn === count && tiles.length === count && tiles.every((t) => t.phase === 'rendered') && h.supervisor.health.state === 'content';
  }, timeoutMs, `${count} connected embeds for ${userId}, reported rendered to main`);
}

/** The stand-in runtime's counters in the kiosk page: embeds mounted and sessions resumed since the page loaded. */
export function runtimeStats(h: Pick<Harness, 'page'>): Promise<{ mounts: number; resumes: number; bridgeCalls: number }> {
  return h.page.evaluate(() => (window as unknown as { __fakeQlikRuntime: { stats: { mounts: number; resumes: number; bridgeCalls: number } } }).__fakeQlikRuntime.stats);
}

/** Marks the kiosk page's main world; `sameDocument` is false once the page was reloaded or replaced. */
export async function markDocument(h: Pick<Harness, 'page'>): Promise<{ sameDocument(): Promise<boolean> }> {
  const page = h.page;
  await page.evaluate(() => void ((window as unknown as { __qioskTestMark: boolean }).__qioskTestMark = true));
  return { sameDocument: () => (h.page === page ? page.evaluate(() => (window as unknown as { __qioskTestMark?: boolean }).__qioskTestMark === true) : Promise.resolve(false)) };
}

/** The local time `hours` from now as "HH:MM", for the config's `supervisor.dailyRecycleAt`. */
export function localTimeIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3600_000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Main's health timings, scaled down so every heal happens within seconds (the defaults are minutes). */
export const HARNESS_HEALTH = { loadTimeoutSeconds: 8, keepaliveSeconds: 2, heartbeatSeconds: 2 };

export interface HarnessOptions {
  secret: string;
  /** A private JWK (client-key.ts) to authenticate with instead of the secret: stored in the keychain, its public
   * half registered on the tenant's client (which then has no secret), the config's tenant.clientAuth set. */
  privateKey?: string;
  embeds?: Record<string, string>[];
  tenant?: FakeTenantOverrides;
  /** Rewrites the user config file's content (default: the config below, as is). */
  userConfig?: (config: Record<string, unknown>) => unknown;
  /** Writes a machine policy (policy.json, admin-owned) built from the default config. */
  policy?: (config: Record<string, unknown>) => unknown;
  /** Chromium's /etc/resolv.conf, to log its DNS look-ups (needs root; see chromium-kiosk.ts). */
  resolvConf?: string;
  /** More of the config's `supervisor` section (health timings are HARNESS_HEALTH unless given). */
  supervisor?: Record<string, unknown>;
  /** Qiosk's shipped health timings instead of HARNESS_HEALTH (slow, as a new user would have them). */
  shippedTimings?: boolean;
  /** The renderer port (default: a free one). */
  port?: number;
  /** Runs before main starts (e.g. to inject start-up faults). */
  beforeStart?: (tenant: FakeTenant) => void;
  /** The token's guards (see ChromiumKioskOptions.layers): both on unless a test says otherwise. */
  layers?: { gate?: boolean; patch?: boolean };
  /** The fake display source's displays at start (see ChromiumKioskOptions.displays). */
  displays?: DisplayInfo[];
}

/** The kiosk's page, context, channels and preload-world access, plus what the tests record. */
export interface Harness extends Pick<ChromiumKiosk, 'page' | 'context' | 'core' | 'health' | 'supervisor' | 'triage' | 'pageOf' | 'kioskOf' | 'admin' | 'adminPage' | 'screen' | 'setDisplays' | 'power' | 'adopt' | 'reload' | 'channels' | 'evaluateInPreloadWorld' | 'newPage'> {
  /** The first screen's content page as main loads it (screen "main", playlist "main", slide 0 for content.embeds). */
  contentUrl: string;
  tenant: FakeTenant;
  origin: string;
  logFile: string;
  consoleLines: string[];
  requests: { url: string; headers: Record<string, string>; body: string | null }[];
  navigations: string[];
  /** Main's own outgoing requests with wall-clock times (the tenant's log runs on its fake clock). */
  mainRequests: { url: string; at: number }[];
  /** Moves main's wall clock forward (e.g. past the token's expiry) without waiting; timers stay real. */
  advanceMainClock(ms: number): void;
  close(): Promise<void>;
}

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const dir = mkdtempSync(path.join(process.env.QIOSK_KEYRING_ROOT ?? os.tmpdir(), 'qiosk-harness-'));
  const port = o.port ?? (await freePort());
  const origin = rendererOrigin(port);
  // The tenant's OAuth client lists exactly Qiosk's renderer origin, as IT would register it.
  const client = impersonationClient(CLIENT_ID, o.secret, origin);
  const tenant = await startFakeTenant({ ...o.tenant, clients: [o.privateKey ? { ...client, clientSecret: undefined, jwks: [publicJwk(o.privateKey)] } : client] });
  const store = createKeytarStore();
  await store.set(CLIENT_ID, o.secret);
  const keys = createKeytarStore(undefined, { credential: 'key' });
  if (o.privateKey) await keys.set(CLIENT_ID, o.privateKey);

  const configPath = path.join(dir, 'config.json');
  const config: Record<string, unknown> = {
    tenant: { host: tenant.baseUrl, clientId: CLIENT_ID, ...(o.privateKey ? { clientAuth: 'private_key_jwt' } : {}) },
    identity: { mode: 'map', users: { [os.userInfo().username]: 'u-1' } },
    content: { embeds: o.embeds ?? [
      { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' },
      { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' },
      { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-2' },
    ] },
    kiosk: { enabled: true },
    renderer: { port },
    broker: { timeoutMs: 3000 },
    supervisor: { ...(o.shippedTimings ? {} : HARNESS_HEALTH), ...o.supervisor },
  };
  writeFileSync(configPath, JSON.stringify(o.userConfig ? o.userConfig(config) : config));
  const policyPath = path.join(dir, 'policy.json');
  if (o.policy) writeFileSync(policyPath, JSON.stringify(o.policy(config)), { mode: 0o644 });
  const logFile = path.join(dir, 'main.log');
  // Lines that come after close (a log-once summary whose timer was still pending) have no folder to go to.
  let logOpen = true;
  const logFor = createLogFactory((level, line) => void (logOpen && appendFileSync(logFile, `${level} ${line}\n`)));
  const consoleLines: string[] = [];
  const requests: Harness['requests'] = [];
  const navigations: string[] = [];
  const mainRequests: Harness['mainRequests'] = [];
  let clockOffset = 0;
  const clock: Clock = { now: () => systemClock.now() + clockOffset, setTimeout: systemClock.setTimeout };

  const kiosk = await launchChromiumKiosk({
    configPath, dir, secrets: store, keys, logFor, clock, policyPath, ...(o.resolvConf ? { resolvConf: o.resolvConf } : {}), ...(o.layers ? { layers: o.layers } : {}), ...(o.displays ? { displays: o.displays } : {}),
    http: (url, init) => {
      mainRequests.push({ url: String(url), at: Date.now() });
      return fetch(url, init);
    },
    onPage: (p) => {
      p.on('console', (m) => consoleLines.push(m.text()));
      p.on('request', (r) => requests.push({ url: r.url(), headers: r.headers(), body: r.postData() }));
    },
    onNavigate: (url) => navigations.push(url),
    beforeStart: () => o.beforeStart?.(tenant),
  });

  return {
    tenant, core: kiosk.core, context: kiosk.context, health: kiosk.health,
    get page() {
      return kiosk.page;
    },
    get supervisor() {
      return kiosk.supervisor;
    },
    get triage() {
      return kiosk.triage;
    },
    get power() {
      return kiosk.power;
    },
    pageOf: kiosk.pageOf,
    kioskOf: kiosk.kioskOf,
    admin: kiosk.admin,
    adminPage: kiosk.adminPage,
    screen: kiosk.screen,
    setDisplays: kiosk.setDisplays,
    contentUrl: `${origin}${contentPath('main', 'main', 0)}`,
    origin, logFile, consoleLines, requests, navigations, mainRequests,
    advanceMainClock: (ms) => void (clockOffset += ms),
    adopt: kiosk.adopt,
    reload: kiosk.reload,
    channels: kiosk.channels,
    evaluateInPreloadWorld: kiosk.evaluateInPreloadWorld,
    newPage: kiosk.newPage,
    async close() {
      await kiosk.close();
      await store.delete(CLIENT_ID).catch(() => false);
      await keys.delete(CLIENT_ID).catch(() => false);
      await tenant.close();
      logOpen = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An expression for evaluateInPreloadWorld: calls the IPC transport, resolving to 'answered' or the error. */
export const transportCall = (channel: string, ...args: unknown[]) =>
  `globalThis.__qioskIsolated.invoke(${JSON.stringify(channel)}, ...${JSON.stringify(args)}).then(() => 'answered', (e) => e.message)`;

/** Waits until the first screen shows the status page. A screen loads its content at once and recovery's first
 * check may replace it with the status page while it still loads: a navigation wait would fail on that abort. */
export async function statusShown(h: Pick<Harness, 'page'>, timeoutMs = 10_000, url: RegExp = /status\.html/): Promise<void> {
  await until(() => url.test(h.page.url()), timeoutMs, `the status screen (${url.source})`);
  await h.page.waitForLoadState('load').catch(() => {});
}
