// Qiosk's main process with Chromium in place of Electron's BrowserWindow: the real services (config,
// identity, keychain, broker), the real core (renderer server + CSP, checked IPC registry, token handler,
// recovery) and the real built renderer and preload. Electron is replaced only by (a) a transport shim for
// ipcRenderer/contextBridge, (b) page.goto for BrowserWindow.loadURL and (c) Playwright request routing for
// Electron's protocol interception: the renderer origin is answered in-process by main's handler, and no
// request for it reaches a socket, as in the app. The harness tests and the preview (`npm run demo` without
// Electron) both start the kiosk through this one wiring.
import { pageConsoleLog } from '../../src/main/log/page-console';
import { startHealth, type Health } from '../../src/main/health/start-health';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { createServices, type Services } from '../../src/main/app/services';
import { startCore, type Core } from '../../src/main/app/start-core';
import type { ScreenCore, ScreenEvents, ScreenSpec, ScreenWindow } from '../../src/main/app/screen-core';
import type { RelaunchLedger, WindowSupervisor } from '../../src/main/supervisor/window-supervisor';
import type { EmbedTriage } from '../../src/main/supervisor/embed-triage';
import type { DisplayInfo } from '../../src/main/wall/displays';
import type { PowerPlan } from '../../src/main/wall/power';
import { rendererOrigin } from '../../src/main/origin/renderer-origin';
import { wireAdmin, type AdminWiring } from '../../src/main/admin/admin-wiring';
import { Redactor } from '../../src/main/log/redact';
import { ADMIN_PAGE_PATH } from '../../src/shared/ipc-contract';
import { systemClock, type Clock, type Http, type Log, type SecretStore } from '../../src/main/core/ports';
import type { InvokeEventLike, IpcMainLike } from '../../src/main/ipc/register';
import { isRendererUrl } from '../../src/main/origin/request-guards';
import { startEgressGate, type EgressGate } from '../../src/main/adapters/egress-gate';
import { nodeMachinePolicy } from '../../src/main/adapters/machine-policy';
import { WEBRTC_IP_POLICY } from '../../src/main/security/apply-policies';
import { egressTargets, gateProxySettings, NO_LOCAL_DNS } from '../../src/main/security/egress';
import { isAllowedNavigation, isAllowedPermission, LOOPBACK_TENANT_PERMISSIONS } from '../../src/main/security/navigation-policy';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { buildHarnessPreload } from './build-preload';
import { isolatePreload, type PreloadIsolation } from './context-bridge';

export const REPO = path.resolve(__dirname, '../..');

export interface ChromiumKioskOptions {
  configPath: string;
  /** The machine policy file (default: none, in the scratch folder — never this machine's real one). */
  policyPath?: string;
  /** Scratch folder for Chromium's profile (XDG dirs); the caller removes it. */
  dir: string;
  secrets: SecretStore;
  /** The keychain of the OAuth client's private key (tenant.clientAuth "private_key_jwt"). */
  keys?: SecretStore;
  logFor(scope: string): Log;
  clock?: Clock;
  http?: Http;
  /** Headless unless false; a headed window needs a display. */
  headless?: boolean;
  /** Runs Chromium with this file as its /etc/resolv.conf (a private mount namespace; needs root), so a test
   * can log every DNS name it looks up. The same namespace gives Chromium the WebRTC IP policy main sets on every
   * webContents (setWebRTCIPHandlingPolicy), as a managed policy: Chromium has no switch for it. */
  resolvConf?: string;
  /** More Chromium flags (e.g. a headed window's size). */
  args?: string[];
  /** The kind of window: a browser tab (default; tests), or for a headed preview an app window without browser
   * UI, or full screen without any (`--kiosk`), as the Electron app's window is. */
  window?: WindowKind;
  /** The page size; null lets a headed window decide. */
  viewport?: { width: number; height: number } | null;
  /** More page scripts, run after the preload shim (e.g. the preview's on-screen label). */
  initScripts?: string[];
  /** Called for each page before it loads anything (to watch console and requests). */
  onPage?(page: Page): void;
  /** Called once main's services exist (config read, identity resolved), before anything is shown. */
  onServices?(services: Services): void;
  /** Called with every URL main points the kiosk window at. */
  onNavigate?(url: string): void;
  /** Called after the kiosk page exists and before main starts (e.g. to inject start-up faults). */
  beforeStart?(): void;
  /** Which of the token's two guards are on (both by default): the egress gate, and the main-world patch that
   * takes WebRTC from page scripts. Only the exfiltration test turns one off, to show the other is needed. */
  layers?: { gate?: boolean; patch?: boolean };
  /** The process's redactor (the admin view masks its status line with it). */
  redactor?: Redactor;
  /** The fake display source: the displays at start (default: one primary, 1280×720). */
  displays?: DisplayInfo[];
  /** Where the wall keeps each screen's slide (default: in memory for this run). */
  positions?: { get(screen: string, playlist: string): number | undefined; set(screen: string, playlist: string, slide: number): void };
}

export const HARNESS_DISPLAY: DisplayInfo = { id: 1, label: 'Harness display', bounds: { x: 0, y: 0, width: 1280, height: 720 }, primary: true };

export type WindowKind = 'tab' | 'app' | 'kiosk';

export interface ChromiumKiosk {
  browser: Browser;
  context: BrowserContext;
  /** The health status, its file (dir/health.json) and, with health.port, its endpoint. */
  health: Health;
  /** The first screen's window's page (a new one after the supervisor recreated the window). */
  readonly page: Page;
  /** The first screen's supervisor and embed triage (of its window now). */
  readonly supervisor: WindowSupervisor;
  readonly triage: EmbedTriage;
  /** A screen's window's page, while its display is there. */
  pageOf(screenId: string): Page | undefined;
  admin: AdminWiring;
  /** The admin window's page, while one is open. */
  adminPage(): Page | undefined;
  /** Whether a screen's window is in kiosk mode now (BrowserWindow.setKiosk in the app). */
  kioskOf(screenId: string): boolean | undefined;
  screen(screenId: string): ScreenCore | undefined;
  /** The fake display source: the displays as they are now (a display-added/removed/metrics event follows). */
  setDisplays(displays: DisplayInfo[]): void;
  /** What the wall asked of the displays' power last. */
  readonly power: PowerPlan | undefined;
  services: Services;
  core: Core;
  /** Registers another page as a window Qiosk created (only the kiosk page is, by default). */
  adopt(page: Page): void;
  /** What the supervisor's reload does: main loads its own URL into the first screen's window again (resolves once
   * loaded). */
  reload(): Promise<void>;
  /** The IPC channels main registered. */
  channels: string[];
  /** Runs code in a frame's preload world, where the IPC transport is (as a compromised renderer could). */
  evaluateInPreloadWorld(frame: Frame, expression: string): Promise<unknown>;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromiumKiosk(o: ChromiumKioskOptions): Promise<ChromiumKiosk> {
  const clock = o.clock ?? systemClock;
  const services = await createServices({
    argv: ['electron', '.', '--config', o.configPath], platform: process.platform, env: process.env, homedir: o.dir,
    readFile: (p) => readFile(p, 'utf8'), userInfo: () => os.userInfo(),
    policyPath: o.policyPath ?? path.join(o.dir, 'no-policy.json'), policy: nodeMachinePolicy(),
    http: o.http ?? ((url, init) => fetch(url, init)),
    clock, secrets: o.secrets, ...(o.keys ? { keys: o.keys } : {}), logFor: o.logFor,
  });
  // The session's egress gate (security/egress.ts), as main opens and sets it in Electron; the tenant goes direct
  // here.
  const layers = { gate: true, patch: true, ...o.layers };
  if (o.resolvConf) chromiumPolicies(o.dir, { WebRtcIPHandling: WEBRTC_IP_POLICY });
  const gate: EgressGate | undefined = layers.gate ? await startEgressGate({ log: o.logFor('egress'), clock }) : undefined;
  gate?.setRules(egressTargets(services.config.tenant.host, services.extraContentHosts).map((t) => ({ ...t, route: { kind: 'direct' } })));
  const proxy = gate && gateProxySettings(gate.port);
  // Chromium's own temp files go in the scratch folder too, so nothing is left behind in the system temp.
  const tmp = path.join(o.dir, 'chromium-tmp');
  mkdirSync(tmp, { recursive: true });
  const launch = {
    executablePath: o.resolvConf ? dnsJail(o.dir) : findChromium(),
    headless: o.headless ?? true,
    env: { ...process.env, ...(o.resolvConf ? { QIOSK_RESOLV_CONF: o.resolvConf, QIOSK_REAL_CHROMIUM: findChromium(), QIOSK_ETC_CHROMIUM: path.join(o.dir, 'etc-chromium') } : {}), TMPDIR: tmp, XDG_CONFIG_HOME: path.join(o.dir, 'xdg-config'), XDG_CACHE_HOME: path.join(o.dir, 'xdg-cache') },
  };
  const args = [
    ...CHROMIUM_ARGS,
    ...(proxy ? [`--proxy-server=${proxy.proxyRules}`, `--proxy-bypass-list=${proxy.proxyBypassRules}`, `--host-resolver-rules=${NO_LOCAL_DNS}`] : []), ...(o.args ?? []),
  ];
  const kind = o.window ?? 'tab';
  const APP_PAGE = 'data:text/html,<title>Qiosk</title>';
  // App and kiosk windows exist only in Chromium's default profile (a new incognito-like context opens tabs).
  const context = await (kind === 'tab'
    ? chromium.launch({ ...launch, args }).then((b) => b.newContext(o.viewport === undefined ? {} : { viewport: o.viewport }))
    : chromium.launchPersistentContext(path.join(o.dir, 'chromium-profile'), {
      ...launch, args: [...args, kind === 'app' ? `--app=${APP_PAGE}` : '--kiosk'], ...(o.viewport === undefined ? {} : { viewport: o.viewport }),
    })).catch(async (e: unknown) => {
    await gate?.close();
    throw e;
  });
  const browser = context.browser()!;
  try {
    for (const content of o.initScripts ?? []) await context.addInitScript({ content });
    // Electron's preload isolation and IPC transport, emulated per page (context-bridge.ts): main gets the
    // same facts Electron's event would carry, from the browser side.
    const preload = await buildHarnessPreload();
    const pageIds = new Map<Page, number>();
    const isolation = new Map<Page, PreloadIsolation>();
    let nextId = 1;
    const idOf = (p: Page) => pageIds.get(p) ?? (pageIds.set(p, nextId++), pageIds.get(p)!);
    const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const channels: string[] = [];
    const ipcMain: IpcMainLike = { handle: (c, l) => void (channels.push(c), listeners.set(c, l)), removeHandler: (c) => void listeners.delete(c) };

    const started: { core?: Core } = {};
    const origin = rendererOrigin(services.config.renderer.port);
    const firstScreen = services.config.screens[0]!.id;
    // The windows main opened, one per screen with a display; each tells its screen what Electron's window would.
    interface HarnessWindow { spec: ScreenSpec; kiosk: boolean; page: Page | undefined; ready: Promise<Page>; lastUrl?: string; closed: boolean; recreate(): Promise<void> }
    const windows = new Map<string, HarnessWindow>();
    const screenPages = new Set<Page>();
    let appPageTaken = false;
    const opener = () => [...windows.values()].map((w) => w.page).find((p) => p && !p.isClosed());
    const pageConsole = pageConsoleLog(o.logFor('page'), clock);
    const newPage = async (o2: { replacing?: Page; events?: ScreenEvents; preload?: string; screen?: string } = {}) => {
      const first = !appPageTaken;
      appPageTaken = true;
      const p = await openWindow(context, kind, o2.replacing ?? (first ? undefined : opener()), APP_PAGE, first);
      isolation.set(p, await isolatePreload(p, o2.preload ?? preload, idOf(p), (channel) => listeners.get(channel), { patch: layers.patch }));
      // Electron's did-navigate: every committed main-frame page, whoever started it. Only a screen's window
      // reports to its screen (Electron's entry binds did-navigate for those alone).
      const events = o2.events;
      if (events) {
        screenPages.add(p);
        p.on('framenavigated', (f) => void (f === p.mainFrame() && events.pageStarted(idOf(p), f.url())));
        p.on('crash', () => events.supervisor.fault('crashed'));
        // Electron's console-message, as the app binds it for a screen's window.
        p.on('console', (m) => pageConsole(o2.screen ?? 'screen', m.type() === 'warning' ? 'warning' : m.type() === 'error' ? 'error' : 'info', m.text()));
      }
      o.onPage?.(p);
      return p;
    };
    const mainLoads = new Set<string>(); // URLs main itself loads into a screen's window (browser-initiated)
    const go = (w: HarnessWindow, url: string): Promise<void> => {
      w.lastUrl = url;
      mainLoads.add(url);
      o.onNavigate?.(url);
      // A later navigation may interrupt this one, as in a real window.
      return w.ready.then((p) => p.goto(url)).then(() => {}, () => {});
    };
    // A heal may still be under way when a test closes the kiosk: that failure goes to main's log, not unhandled.
    const recreateFailed = (err: unknown) => o.logFor('harness').warn('a new window could not be opened', { err: String(err) });
    const fitTo = async (p: Page, spec: ScreenSpec) => {
      if (kind === 'tab' && o.viewport !== null) await p.setViewportSize({ width: spec.bounds.width, height: spec.bounds.height });
    };
    // A screen's window, as the Electron entry opens one (adapters/electron-screens.ts): a page here. A crashed
    // renderer gets a new page (a new window there), never the dead one.
    const openScreen = (spec: ScreenSpec, events: ScreenEvents): ScreenWindow => {
      const w: HarnessWindow = {
        spec, kiosk: spec.kiosk, page: undefined, closed: false,
        ready: newPage({ events, screen: spec.id }).then(async (p) => {
          w.page = p;
          await fitTo(p, w.spec);
          return p;
        }),
        async recreate() {
          const old = await w.ready;
          w.ready = newPage({ replacing: old, events, screen: w.spec.id }).then(async (p) => {
            w.page = p;
            await fitTo(p, w.spec);
            return p;
          });
          await w.ready;
          screenPages.delete(old);
          await old.close({ runBeforeUnload: false }).catch(() => {});
        },
      };
      windows.set(spec.id, w);
      return {
        navigate: (url) => void go(w, url),
        capture: async () => (w.page && !w.page.isClosed() ? new Uint8Array(await w.page.screenshot({ type: 'png', timeout: 5_000 })) : undefined),
        refit: (bounds) => {
          w.spec = { ...w.spec, bounds };
          void w.ready.then((p) => fitTo(p, w.spec)).catch(() => {});
        },
        recreate: (_o, url) => void w.recreate().then(() => (url === undefined ? undefined : go(w, url))).catch(recreateFailed),
        close: () => {
          w.closed = true;
          if (windows.get(spec.id) === w) windows.delete(spec.id);
          void w.ready.then((p) => {
            screenPages.delete(p);
            return p.close({ runBeforeUnload: false });
          }).catch(() => {});
        },
        webContentsId: () => (w.page && !w.closed ? idOf(w.page) : undefined),
        setKiosk: (on) => void (w.kiosk = on),
      };
    };
    let displays = o.displays ?? [HARNESS_DISPLAY];
    const displayListeners = new Set<() => void>();
    let power: PowerPlan | undefined;
    o.beforeStart?.();

    o.onServices?.(services);
    const adopted = new Set<number>();
    // The admin window (adapters/electron-admin.ts in the app): its own page with the admin preload.
    const adminPreload = await buildHarnessPreload('src/preload/admin.ts');
    let adminPage: Page | undefined;
    const isAdmin = (id: number) => adminPage !== undefined && !adminPage.isClosed() && idOf(adminPage) === id;
    const core = (started.core = await startCore({
      services, rendererRoot: path.join(REPO, 'out/renderer'), ipcMain,
      senders: {
        content: { rendererOrigin: origin, isOurWebContents: (id) => started.core?.screenOf(id) !== undefined || adopted.has(id) },
        admin: { rendererOrigin: origin, isOurWebContents: isAdmin },
      },
      serveOrigin: async (origin, handler) => {
        // The session's permission handler, emulated: what main's policy grants the origin, Chromium gets.
        const tenantOrigin = new URL(services.config.tenant.host).origin;
        // Playwright names Chromium's loopback and local network permissions together 'local-network-access'.
        if (LOOPBACK_TENANT_PERMISSIONS.some((p) => isAllowedPermission(p, origin, { rendererOrigin: origin, tenantOrigin }))) {
          await context.grantPermissions(['local-network-access'], { origin });
        }
        await context.route((url) => isRendererUrl(url.href, origin), async (route) => {
          const res = await handler({ method: route.request().method(), url: route.request().url() });
          await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
        });
        // The webContents navigation policy (will-navigate, will-frame-navigate), emulated for the screens'
        // windows: what the page starts itself is checked; what main loads (loadURL) is not, as in Electron. Routes
        // run newest first, so this guard sees each navigation before the origin is served. One difference: a
        // refused main-frame navigation leaves Chromium's error page, where Electron keeps the current page.
        await context.route(() => true, async (route) => {
          const req = route.request();
          const frame = req.isNavigationRequest() ? req.frame() : undefined;
          if (frame && screenPages.has(frame.page()) && !mainLoads.delete(req.url()) &&
              !isAllowedNavigation(req.url(), { rendererOrigin: origin, tenantOrigin, mainFrame: frame.parentFrame() === null })) {
            return route.abort('blockedbyclient');
          }
          return route.fallback();
        });
      },
      openWindow: openScreen,
      displays: () => displays,
      onDisplaysChanged: (fn) => {
        displayListeners.add(fn);
        return () => void displayListeners.delete(fn);
      },
      power: (plan) => void (power = plan),
      positions: o.positions ?? memoryPositions(),
      ledger: memoryLedger(),
      // No process to relaunch here: the nearest is a new window for every screen.
      relaunch: () => {
        for (const w of windows.values()) void w.recreate().then(() => (w.lastUrl === undefined ? undefined : go(w, w.lastUrl))).catch(recreateFailed);
      },
      clock, logFor: o.logFor,
    }));
    const admin = wireAdmin({
      core, services, version: 'harness', logFile: 'main.log', configSources: [o.configPath], redact: (t) => (o.redactor ?? new Redactor()).redact(t),
      clock, log: o.logFor('admin'),
      ports: {
        open: () => {
          if (adminPage && !adminPage.isClosed()) return void adminPage.bringToFront();
          void newPage({ preload: adminPreload }).then((p) => {
            adminPage = p;
            p.on('close', () => admin.closed());
            return p.goto(`${origin}${ADMIN_PAGE_PATH}`);
          }).catch(recreateFailed);
        },
        setKiosk: (on) => core.setKiosk(on),
        quit: () => o.logFor('harness').info('the admin view asked to quit (the harness does not)'),
      },
    });
    // The health file in the kiosk's folder, looked at every 2 s as in the app.
    const health = await startHealth({
      core, services, path: path.join(o.dir, 'health.json'), fs: { writeFile, rename }, clock, log: o.logFor('health'),
      meta: { version: 'harness', pid: process.pid, startedAt: clock.now(), logFile: 'main.log', redact: (t) => (o.redactor ?? new Redactor()).redact(t) },
    });
    const first = () => core.screens.get(firstScreen) ?? [...core.screens.values()][0];
    const firstWindow = () => windows.get(firstScreen) ?? [...windows.values()][0];
    // The first screen's page exists before this returns (tests and the preview start from it).
    await firstWindow()?.ready;
    return {
      browser, context, services, core, health, newPage: () => newPage(), channels,
      get page() {
        return firstWindow()!.page!;
      },
      get supervisor() {
        return first()!.supervisor;
      },
      get triage() {
        return first()!.triage;
      },
      pageOf: (id) => windows.get(id)?.page,
      admin,
      adminPage: () => (adminPage && !adminPage.isClosed() ? adminPage : undefined),
      kioskOf: (id) => windows.get(id)?.kiosk,
      screen: (id) => core.screens.get(id),
      setDisplays(next) {
        displays = next;
        for (const fn of displayListeners) fn();
      },
      get power() {
        return power;
      },
      evaluateInPreloadWorld: (frame, expression) => isolation.get(frame.page())!.evaluateInPreloadWorld(frame, expression),
      adopt: (p) => void adopted.add(idOf(p)),
      reload: async () => {
        const w = firstWindow();
        if (w?.lastUrl) await go(w, w.lastUrl);
      },
      async close() {
        await health.stop();
        await core.stop();
        await context.close();
        await browser.close();
        await gate?.close();
      },
    };
  } catch (e) {
    await context.close();
    await browser.close();
    await gate?.close();
    throw e;
  }
}

/** A new kiosk window. An app window opens a new one as a popup, which Chromium also shows without browser UI
 * (Playwright's newPage would open a tabbed browser window); the first is the one `--app` opened. */
async function openWindow(context: BrowserContext, kind: WindowKind, current: Page | undefined, appPage: string, first: boolean): Promise<Page> {
  if (kind !== 'app') return context.newPage();
  const app = context.pages().find((p) => p.url() === appPage);
  if (first && app) {
    // Playwright's own first tab of a persistent profile is not a kiosk window: close it.
    for (const p of context.pages()) if (p !== app) await p.close();
    return app;
  }
  const opener = current && !current.isClosed() ? current : context.pages().find((p) => !p.isClosed());
  if (!opener) return context.newPage();
  const size = opener.viewportSize() ?? { width: 1600, height: 900 };
  const [popup] = await Promise.all([
    context.waitForEvent('page', { timeout: 10_000 }),
    opener.evaluate(`void window.open('about:blank', '_blank', 'popup,noopener,width=${size.width},height=${size.height}')`),
  ]).catch(async () => [await context.newPage()]); // a dead renderer opens nothing: a tabbed window then
  return popup;
}

/** A launcher that starts Chromium in a private mount namespace with $QIOSK_RESOLV_CONF as /etc/resolv.conf and
 * $QIOSK_ETC_CHROMIUM as /etc/chromium (Debian's Chromium reads managed policies under it). */
function dnsJail(dir: string): string {
  const file = path.join(dir, 'chromium-dns-jail.sh');
  writeFileSync(file, `#!/bin/sh
exec unshare -m sh -c 'mount --bind "$0" /etc/resolv.conf && { [ ! -d /etc/chromium ] || mount --bind "$1" /etc/chromium; } && shift && exec "$@"' "$QIOSK_RESOLV_CONF" "$QIOSK_ETC_CHROMIUM" "$QIOSK_REAL_CHROMIUM" "$@"
`, { mode: 0o755 });
  return file;
}

/** A private /etc/chromium for the jail: this machine's files plus `policies` as a managed policy. */
function chromiumPolicies(dir: string, policies: Record<string, unknown>): void {
  const etc = path.join(dir, 'etc-chromium');
  mkdirSync(path.join(etc, 'policies', 'managed'), { recursive: true });
  if (existsSync('/etc/chromium')) cpSync('/etc/chromium', etc, { recursive: true });
  writeFileSync(path.join(etc, 'policies', 'managed', 'qiosk-harness.json'), JSON.stringify(policies));
}

function memoryPositions() {
  const slides = new Map<string, number>();
  return { get: (screen: string, playlist: string) => slides.get(`${screen}/${playlist}`), set: (screen: string, playlist: string, slide: number) => void slides.set(`${screen}/${playlist}`, slide) };
}

function memoryLedger(): RelaunchLedger {
  let times: number[] = [];
  return { read: () => times, write: (t) => void (times = t) };
}
