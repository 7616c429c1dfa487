// Electron entry: binds the real OS and Electron adapters to the core. Kept thin on purpose; everything with
// logic lives in modules that run under vitest and in the Chromium harness.
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronHttp } from './adapters/electron-http';
import { egressRules, routeThroughGate } from './adapters/electron-egress';
import { NO_LOCAL_DNS } from './security/egress';
import { startEgressGate, type EgressGate } from './adapters/egress-gate';
import { serveRendererOrigin } from './adapters/electron-origin';
import { createElectronLogSink } from './adapters/electron-log-sink';
import { nodeMachinePolicy } from './adapters/machine-policy';
import { createServices } from './app/services';
import { startCore, type Core } from './app/start-core';
import { startupProblemQuery } from './app/startup-problem';
import { untilStarted } from './app/until-started';
import { systemClock } from './core/ports';
import { createLogFactory } from './log/logger';
import { rendererOrigin } from './origin/renderer-origin';
import { createKeytarStore } from './secrets/keytar-store';
import { applySessionPolicies, applyWebContentsPolicies, disableApplicationMenu, type PolicyState } from './security/apply-policies';
import { kioskWindowOptions } from './security/window-options';
import { launchRefusal } from './security/launch-switches';
import { fileLedger } from './adapters/file-ledger';
import { createWindowSupervisor, DEFAULT_SUPERVISOR_OPTIONS, supervisorOptions, takeRelaunch, type WindowSupervisor } from './supervisor/window-supervisor';
import { createKioskWindow, superviseWindow } from './window/kiosk-window';

const STARTUP_RETRY_MS = 15_000;
// A crash at boot must not become a tight relaunch loop that pins the CPU.
const RELAUNCH_PAUSE_MS = 5_000;
const PRELOAD = path.join(__dirname, '../preload/index.js');
const logFor = createLogFactory(createElectronLogSink(() => app.getPath('logs')));
const log = logFor('app');

// An installed Qiosk refuses launch switches (and environment) that would bypass its policies, before it reads
// its config or keychain or opens a window: one line for IT, in the log and on stderr, and exit 1.
const refusedLaunch = app.isPackaged ? launchRefusal(process.argv, process.env, process.platform) : undefined;
if (refusedLaunch) {
  for (const say of [() => process.stderr.write(`${refusedLaunch}\n`), () => log.error(refusedLaunch)]) {
    try {
      say();
    } catch {
      // the exit below happens whatever stderr (none on a Windows GUI launch) or the log do
    }
  }
}

process.on('uncaughtException', (err) => relaunch('uncaught exception', err));
process.on('unhandledRejection', (err) => relaunch('unhandled rejection', err));

app.enableSandbox();
// Chromium looks up no name itself: everything goes to the egress gate, which resolves what it lets through.
app.commandLine.appendSwitch('host-resolver-rules', NO_LOCAL_DNS);
if (refusedLaunch) {
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('second-instance', () => focusKiosk());
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(main, (err: unknown) => relaunch('app failed to start', err));
}

let kiosk: BrowserWindow | undefined;
const ours = new Set<number>();

// Read by the policy handlers at event time: they are installed before any window exists (the startup-problem
// window included) and learn the renderer and tenant origins once the config is valid. Until then no web
// navigation is allowed at all.
const policy: PolicyState = { kiosk: true, packaged: app.isPackaged, log: logFor('security') };

// The egress gate (security/egress.ts): opened before any window or request and held until the app exits.
let gate: EgressGate | undefined;

async function main(): Promise<void> {
  disableApplicationMenu(Menu);
  applySessionPolicies(session.defaultSession, policy);
  applyWebContentsPolicies(app, policy);
  gate = await startEgressGate({ log: logFor('egress'), clock: systemClock });
  await routeThroughGate(session.defaultSession, gate);
  // Config and OS user are retried: fixing either heals the kiosk.
  await untilStarted(startOnce, {
    retryMs: STARTUP_RETRY_MS, clock: systemClock, log, onProblem: showStartupProblem,
  });
}

async function startOnce(): Promise<void> {
  const services = await createServices({
    argv: process.argv, platform: process.platform, env: process.env, homedir: os.homedir(),
    readFile: (p) => fs.readFile(p, 'utf8'), userInfo: () => os.userInfo(),
    policy: nodeMachinePolicy(), packaged: app.isPackaged,
    http: electronHttp, clock: systemClock, secrets: createKeytarStore(), logFor,
  });
  const { config } = services;
  Object.assign(policy, {
    rendererOrigin: rendererOrigin(config.renderer.port),
    tenantOrigin: new URL(config.tenant.host).origin,
    kiosk: config.kiosk.enabled,
  });
  // Routes are asked of a session that keeps the system's proxy settings: the default one now names the gate.
  if (!gate) throw new Error('the egress gate is not open');
  gate.setRules(await egressRules(session.fromPartition('qiosk-system-proxy'), config.tenant.host, services.extraContentHosts, logFor('egress')));
  const navigate = (url: string) => {
    lastUrl = url;
    void kioskFor(config.kiosk.enabled).loadURL(url).catch((err: unknown) => log.warn('navigation failed', { url, err }));
  };
  const supervisor = createWindowSupervisor(supervisorOptions(config.supervisor), {
    clock: systemClock, ledger, log: logFor('supervisor'),
    actions: {
      leavePage: () => started.core?.triage.contentLeft(),
      // Main's own URL again, never merely the current entry (which the page may have changed).
      reload: () => void (lastUrl ? kiosk?.loadURL(lastUrl).catch((err: unknown) => log.warn('navigation failed', { err })) : kiosk?.webContents.reload()),
      recreate: ({ clearCache }) => void recreateKiosk(clearCache),
      relaunch: () => {
        app.relaunch();
        app.exit(0);
      },
      showCapped: (retryAt) => started.core?.showCapped(retryAt),
      retryContent: () => void started.core?.recovery.start(),
    },
  });
  watched = supervisor;
  // A start-up that fails here is retried with a new supervisor: this one must not keep its timers.
  started.core = await startCore({
    services,
    rendererRoot: path.join(__dirname, '../renderer'),
    ipcMain,
    serveOrigin: async (origin, handler) => serveRendererOrigin(session.defaultSession, origin, handler),
    isOurWebContents: (id) => ours.has(id),
    // The window appears with the first page recovery shows (content or the status screen).
    navigate,
    supervisor,
    capture: async () => (kiosk && !kiosk.isDestroyed() ? (await kiosk.webContents.capturePage()).toPNG() : undefined),
    clock: systemClock,
    logFor,
  }).catch((err: unknown) => {
    supervisor.stop();
    watched = undefined;
    throw err;
  });
}

function kioskFor(kioskMode: boolean): BrowserWindow {
  if (kiosk && !kiosk.isDestroyed()) return kiosk;
  kiosk = createKioskWindow(kioskWindowOptions({ preloadPath: PRELOAD, kiosk: kioskMode, packaged: app.isPackaged }));
  ours.add(kiosk.webContents.id);
  if (watched) unwatch = superviseWindow(kiosk, watched, (id, url) => started.core?.pageStarted(id, url), logFor('window'));
  kioskModeNow = kioskMode;
  problemWindow?.destroy();
  problemWindow = undefined;
  return kiosk;
}

let watched: WindowSupervisor | undefined;
const started: { core?: Core } = {}; // the supervisor and the window may act before startCore returns
let unwatch: (() => void) | undefined;
let lastUrl: string | undefined;
let kioskModeNow = true;
const ledger = fileLedger(path.join(app.getPath('userData'), 'relaunches.json'));

/** A new window for a dead or recycled one (a renderer is never reused), back on the page it showed. */
async function recreateKiosk(clearCache: boolean): Promise<void> {
  if (!lastUrl) return; // no page was ever shown: nothing to bring back
  unwatch?.();
  const old = kiosk;
  kiosk = undefined;
  if (clearCache) {
    // After memory exhaustion, caches may hold what grew: start clean.
    await session.defaultSession.clearCache().catch(() => {});
    await session.defaultSession.clearCodeCaches({}).catch(() => {});
  }
  // The new window first: closing the last window would quit the app (window-all-closed).
  const next = kioskFor(kioskModeNow);
  if (old && !old.isDestroyed()) {
    ours.delete(old.webContents.id);
    old.destroy();
  }
  void next.loadURL(lastUrl).catch((err: unknown) => log.warn('navigation failed', { err }));
}

let problemWindow: BrowserWindow | undefined;
let startupSince: number | undefined;
function showStartupProblem(_message: string, retryAt: number, err: unknown): void {
  // Full screen in kiosk mode, like the content it stands in for. The message (files, user names) is in the log
  // already (until-started.ts); the screen gets the kind of problem only.
  problemWindow ??= createKioskWindow(kioskWindowOptions({ preloadPath: PRELOAD, kiosk: policy.kiosk, packaged: app.isPackaged }));
  startupSince ??= Date.now();
  void problemWindow.loadFile(path.join(__dirname, '../renderer/status.html'), { query: startupProblemQuery(err, startupSince, retryAt) });
}

function focusKiosk(): void {
  if (!kiosk || kiosk.isDestroyed()) return;
  if (kiosk.isMinimized()) kiosk.restore();
  kiosk.focus();
}

let relaunching = false;
function relaunch(why: string, err: unknown): void {
  if (relaunching) return;
  // The same cap as the supervisor's, in the same ledger: a crash at boot cannot become a relaunch loop.
  if (!takeRelaunch(ledger, DEFAULT_SUPERVISOR_OPTIONS.relaunchCap, Date.now())) {
    log.error(`${why}; relaunch cap reached, staying up`, { err: err instanceof Error ? err.message : String(err) });
    return;
  }
  log.error(`${why}; relaunching in ${RELAUNCH_PAUSE_MS / 1000} s`, { err: err instanceof Error ? err.message : String(err) });
  relaunching = true;
  setTimeout(() => {
    app.relaunch();
    app.exit(1);
  }, RELAUNCH_PAUSE_MS);
}
