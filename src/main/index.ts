// Electron entry: binds the real OS and Electron adapters to the core. Kept thin on purpose; everything with
// logic lives in modules that run under vitest and in the Chromium harness.
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
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
import { startHealth, type Health } from './health/start-health';
import { electronDisplays, onElectronDisplaysChanged, openElectronScreen } from './adapters/electron-screens';
import { createElectronUserPrefs, prefsPositions } from './config';
import { createDisplayKeeper } from './wall/power';
import { startupProblemQuery } from './app/startup-problem';
import { untilStarted } from './app/until-started';
import { systemClock } from './core/ports';
import { createLogFactory, type LogOptions } from './log/logger';
import { Redactor } from './log/redact';
import { pageConsoleLog } from './log/page-console';
import { wireAdmin, type AdminWiring } from './admin/admin-wiring';
import { electronAdminWindow } from './adapters/electron-admin';
import { runAdminInElectron } from './adapters/electron-admin-cli';
import { adminInvocation, installedCommand, useInstalledCommand } from './admin/cli-command';
import { rendererOrigin } from './origin/renderer-origin';
import { createKeytarStore } from './secrets/keytar-store';
import { applySessionPolicies, applyWebContentsPolicies, disableApplicationMenu, type PolicyState } from './security/apply-policies';
import { kioskWindowOptions } from './security/window-options';
import { launchRefusal } from './security/launch-switches';
import { fileLedger } from './adapters/file-ledger';
import { DEFAULT_SUPERVISOR_OPTIONS, takeRelaunch } from './supervisor/window-supervisor';
import { createKioskWindow } from './window/kiosk-window';

const STARTUP_RETRY_MS = 15_000;
// A crash at boot must not become a tight relaunch loop that pins the CPU.
const RELAUNCH_PAUSE_MS = 5_000;
const PRELOAD = path.join(__dirname, '../preload/index.js');
const ADMIN_PRELOAD = path.join(__dirname, '../preload/admin.js');
// One redactor for the process: the log and the admin view's status line mask with it.
const redactor = new Redactor();
// The log's level and format follow the config's `log` section once it is read (startOnce); until then: info, text.
const logSettings: LogOptions = { level: 'info', format: 'text' };
const logSink = createElectronLogSink(() => app.getPath('logs'));
const logFor = createLogFactory(logSink, redactor, logSettings);
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

// `qiosk <command> …` is the admin CLI, not the kiosk (admin/cli-command.ts); messages name the command as installed.
const adminArgs = adminInvocation(process.argv, app.isPackaged);
if (app.isPackaged) useInstalledCommand(installedCommand(process.platform, process.execPath, process.env));
if (!adminArgs) {
  process.on('uncaughtException', (err) => relaunch('uncaught exception', err));
  process.on('unhandledRejection', (err) => relaunch('unhandled rejection', err));
}

app.enableSandbox();
// Chromium looks up no name itself: everything goes to the egress gate, which resolves what it lets through. (Not
// for a CLI run: doctor checks the tenant's DNS through Chromium, and there is no gate.)
if (!adminArgs) app.commandLine.appendSwitch('host-resolver-rules', NO_LOCAL_DNS);
if (refusedLaunch) {
  app.exit(1);
} else if (adminArgs) {
  runAdminInElectron(app, adminArgs);
} else if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('second-instance', () => focusKiosk());
  // A wall whose displays are all unplugged (or TVs off) has no window until one returns: Qiosk stays running.
  app.on('window-all-closed', () => log.info('no window is open; waiting for a display'));
  app.whenReady().then(main, (err: unknown) => relaunch('app failed to start', err));
}

const started: { core?: Core; health?: Health } = {};
// Every screen's console warnings and errors, in main's log (log/page-console.ts).
const pageConsole = pageConsoleLog(logFor('page'), systemClock);
const APP_STARTED = Date.now();

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
    http: electronHttp, clock: systemClock, secrets: createKeytarStore(), keys: createKeytarStore(undefined, { credential: 'key' }), logFor,
  });
  const { config } = services;
  Object.assign(logSettings, { level: config.log.level, format: config.log.format });
  logSink.configure(config.log);
  Object.assign(policy, {
    rendererOrigin: rendererOrigin(config.renderer.port),
    tenantOrigin: new URL(config.tenant.host).origin,
    kiosk: config.kiosk.enabled,
  });
  // Routes are asked of a session that keeps the system's proxy settings: the default one now names the gate.
  if (!gate) throw new Error('the egress gate is not open');
  gate.setRules(await egressRules(session.fromPartition('qiosk-system-proxy'), config.tenant.host, services.extraContentHosts, logFor('egress')));
  const prefs = await createElectronUserPrefs(logFor('prefs'));
  const keeper = createDisplayKeeper(powerSaveBlocker);
  await started.core?.stop(); // a start-up retried after a failure must not keep the last attempt's windows
  const core = await startCore({
    services,
    rendererRoot: path.join(__dirname, '../renderer'),
    ipcMain,
    serveOrigin: async (origin, handler) => serveRendererOrigin(session.defaultSession, origin, handler),
    // Each screen's window appears with the first page it shows (content, black, or the status screen).
    openWindow: (spec, events) => openElectronScreen(spec, events, {
      preloadPath: PRELOAD, packaged: app.isPackaged, log: logFor('window'), pageConsole,
      created: () => {
        problemWindow?.destroy();
        problemWindow = undefined;
      },
    }),
    displays: electronDisplays,
    onDisplaysChanged: onElectronDisplaysChanged,
    power: (plan) => keeper.apply(plan),
    positions: prefsPositions(prefs),
    senders: { admin: { rendererOrigin: rendererOrigin(config.renderer.port), isOurWebContents: (id) => adminWindow.isAdmin(id) } },
    ledger,
    relaunch: () => {
      app.relaunch();
      app.exit(0);
    },
    clock: systemClock,
    logFor,
  });
  started.core = core;
  admin = wireAdmin({
    core, services, version: app.getVersion(), logFile: path.join(app.getPath('logs'), 'main.log'),
    configSources: [services.configPath, ...(services.policyPath ? [services.policyPath] : [])],
    redact: (t) => redactor.redact(t), clock: systemClock, log: logFor('admin'),
    ports: {
      open: (from) => adminWindow.open(from),
      setKiosk: (on) => {
        policy.kiosk = on && config.kiosk.enabled; // the shortcut blocking follows
        core.setKiosk(on);
      },
      quit: () => app.quit(),
    },
  });
  // The health file (and endpoint, with health.port) for fleet monitoring: health/health-status.ts.
  await started.health?.stop();
  started.health = await startHealth({
    core, services, path: path.join(app.getPath('userData'), 'health.json'), fs, clock: systemClock, log: logFor('health'),
    meta: { version: app.getVersion(), pid: process.pid, startedAt: APP_STARTED, logFile: path.join(app.getPath('logs'), 'main.log'), redact: (t) => redactor.redact(t) },
  });
}

// The admin escape (admin/admin-wiring.ts): the chord is checked in every window's before-input-event.
let admin: AdminWiring | undefined;
const adminWindow = electronAdminWindow({
  preloadPath: ADMIN_PRELOAD, packaged: app.isPackaged, log: logFor('admin'),
  origin: () => policy.rendererOrigin, closed: () => admin?.closed(),
});
policy.adminChord = (input, id) => {
  if (!admin?.isChord(input)) return false;
  adminWindow.open(id);
  return true;
};

const ledger = fileLedger(path.join(app.getPath('userData'), 'relaunches.json'));

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
  const win = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.isVisible());
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
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
