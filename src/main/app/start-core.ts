// Everything main does for a wall of kiosk windows short of Electron itself: answer the renderer origin
// in-process, answer the token bridge and health reports through the checked IPC registry, keep each screen on
// content, black (off by its schedule) or the status screen, and follow displays and schedules (wall/screens.ts).
// The Electron entry (index.ts) and the Chromium harness both call this, each with its own thin transport and
// windows: BrowserWindows on displays there, pages here.
import { Channels, type RendererConfig, type RendererSlide, type StatusInfo } from '../../shared/ipc-contract';
import { isLoopbackHostname, resolveEmbeds } from '../config';
import type { Clock, Log } from '../core/ports';
import { createIpcRegistry, type IpcMainLike, type SenderPolicies } from '../ipc/register';
import { createTokenHandler } from '../ipc/token-handler';
import { createRendererHandler, rendererOrigin, type RendererHandler } from '../origin/renderer-origin';
import { createAppCheck, createTenantProbe, runtimeUrl } from '../recovery/tenant-probe';
import { createTokenRecovery, type TokenRecovery } from '../recovery/token-recovery';
import { buildCsp } from '../security/csp';
import { supervisorOptions, type RelaunchLedger } from '../supervisor/window-supervisor';
import type { DisplayInfo, Rect } from '../wall/displays';
import type { PowerPlan } from '../wall/power';
import { createWall, type PositionStore } from '../wall/screens';
import { createScreenCore, statusQuery, type ScreenCore, type ScreenEvents, type ScreenSpec, type ScreenWindow } from './screen-core';
import type { Services } from './services';

export { statusQuery, statusUrl } from './screen-core';

/** How the next slide is prepared (src/shared/rotation.ts): mounted hidden this long before its turn, and shown
 * at most this long after it even if not rendered. */
export const ROTATION = { prepareLeadMs: 10_000, readyBoundMs: 5_000 };
export const WALL_TICK_MS = 30_000;
const MAX_HEALS_KEPT = 20;
/** A playlist of one slide never rotates; its dwell is only a valid number. */
const ONE_SLIDE_DWELL_S = 3600;

export interface CoreDeps {
  services: Services;
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  ipcMain: IpcMainLike;
  /** Answers every request for `origin` with `handler`, in-process, before any window loads it. */
  serveOrigin(origin: string, handler: RendererHandler): Promise<void>;
  /** Opens a screen's window on its display's bounds (hidden until its first page, full screen in kiosk mode). */
  openWindow(spec: ScreenSpec, events: ScreenEvents): ScreenWindow;
  /** The displays as they are now; `onDisplaysChanged` calls back on every added, removed or changed display. */
  displays(): DisplayInfo[];
  onDisplaysChanged(fn: () => void): () => void;
  /** Keeps the displays awake while content should show (powerSaveBlocker in the app). */
  power(plan: PowerPlan): void;
  /** Where each screen's rotation was (the per-user state store in the app). */
  positions: PositionStore;
  /** Relaunch times, shared by every window's supervisor (one process to relaunch). */
  ledger: RelaunchLedger;
  relaunch(): void;
  /** Windows that are not screens but may call their own channels (the admin window). */
  senders?: Partial<SenderPolicies>;
  clock: Clock;
  logFor(scope: string): Log;
}

export interface Core {
  origin: string;
  recovery: TokenRecovery;
  /** The screens with a window now, by id. */
  readonly screens: ReadonlyMap<string, ScreenCore>;
  /** The screen whose window has this webContents, if any. */
  screenOf(webContentsId: number): ScreenCore | undefined;
  wall: ReturnType<typeof createWall>;
  /** Registers another channel's handler through the same checked registry (e.g. the admin window's). */
  handle: ReturnType<typeof createIpcRegistry>['handle'];
  /** Kiosk mode left for a while by the admin view (false), or back (true): every screen, and any that opens. */
  setKiosk(on: boolean): void;
  /** The displays as the OS reports them now. */
  displays(): DisplayInfo[];
  /** The latest heals of every screen's window, newest last. */
  heals(): { at: number; screen: string; cause: string; rung: string }[];
  stop(): Promise<void>;
}


export async function startCore(d: CoreDeps): Promise<Core> {
  const { config, broker, identity } = d.services;
  const origin = rendererOrigin(config.renderer.port);
  const log = d.logFor('wall');
  // The status the whole app shows now, if any (a tenant outage covers every screen that is not off): a new cause
  // or retry time updates the open status pages (they poll), so each loads once per outage, not once per retry.
  let showing: StatusInfo | undefined;
  const slidesOf = (slides: readonly { embeds: Parameters<typeof resolveEmbeds>[0]['embeds']; dwellSeconds?: number | undefined }[]): RendererSlide[] =>
    slides.map((s) => ({ embeds: resolveEmbeds({ embeds: s.embeds, defaults: config.content.defaults }), dwellMs: (s.dwellSeconds ?? ONE_SLIDE_DWELL_S) * 1000 }));
  const playlists = Object.fromEntries(Object.entries(config.playlists).map(([name, p]) => [name, slidesOf(p.slides)]));
  const rendererConfig: RendererConfig = {
    tenantHost: config.tenant.host,
    clientId: config.tenant.clientId,
    playlists,
    screens: Object.fromEntries(config.screens.map((s) => [s.id, { zoom: s.zoom, hideCursor: s.hideCursor }])),
    rotation: ROTATION,
    // A real Qlik Cloud tenant is never on loopback: only the fake tenant of `npm run demo` and tests is.
    demo: isLoopbackHostname(new URL(config.tenant.host).hostname),
    health: {
      loadTimeoutMs: config.supervisor.loadTimeoutSeconds * 1000,
      keepaliveMs: config.supervisor.keepaliveSeconds * 1000,
      heartbeatMs: config.supervisor.heartbeatSeconds * 1000,
    },
    ...(config.content.idleResetSeconds === undefined ? {} : { idleResetMs: Math.round(config.content.idleResetSeconds * 1000) }),
  };
  const screens = new Map<string, ScreenCore>();
  const screenParam = (url: string) => {
    try {
      return new URL(url).searchParams.get('screen') ?? undefined;
    } catch {
      return undefined;
    }
  };
  const handler = await createRendererHandler({
    root: d.rendererRoot,
    origin,
    csp: buildCsp({ rendererOrigin: origin, tenantHost: config.tenant.host, extraContentHosts: d.services.extraContentHosts }),
    rendererConfig,
    // The runtime qlik-embed's loader will fetch (the page fetches it anyway: fetching it early costs nothing extra).
    contentPreloads: [runtimeUrl(config.tenant.host)],
    // The status page asks for its own screen's status and picture (its URL names the screen).
    statusQuery: (url) => {
      const id = screenParam(url);
      const s = id === undefined ? showing : screens.get(id)?.status();
      return s ? statusQuery(s, rendererConfig.demo, id) : undefined;
    },
    lastGood: (url) => {
      const id = screenParam(url);
      return id === undefined ? undefined : screens.get(id)?.lastGood();
    },
    log: d.logFor('renderer-origin'),
  });
  await d.serveOrigin(origin, handler);
  const tenantDeps = { host: config.tenant.host, http: d.services.http, clock: d.clock, broker, identity, timeoutMs: config.broker.timeoutMs };
  const probe = createTenantProbe(tenantDeps);
  const checkApp = createAppCheck(tenantDeps);
  const recovery = createTokenRecovery({
    broker,
    identity,
    probe,
    clock: d.clock,
    log: d.logFor('recovery'),
    view: {
      showContent: () => {
        showing = undefined;
        for (const s of screens.values()) s.showContent();
      },
      showStatus: (info) => {
        const first = showing === undefined;
        showing = info;
        for (const s of screens.values()) s.appStatusChanged(first);
      },
    },
  });
  const tokenHandler = createTokenHandler({ broker, identity, recovery });
  const screenDeps = {
    origin, demo: rendererConfig.demo, heartbeatMs: rendererConfig.health.heartbeatMs, playlists,
    clock: d.clock, logFor: d.logFor, probe, checkApp, recovery,
    supervisorOptions: supervisorOptions(config.supervisor), ledger: d.ledger, relaunch: d.relaunch,
    appStatus: () => showing,
    slideShown: (screen: string, playlist: string, slide: number) => wall.slideShown(screen, playlist, slide),
    tokenPageStarted: (id: number) => tokenHandler.pageStarted(id),
    healed: (screen: string, heal: { at: number; cause: string; rung: string }) => {
      heals.push({ at: heal.at, screen, cause: heal.cause, rung: heal.rung });
      heals.splice(0, heals.length - MAX_HEALS_KEPT);
    },
  };
  const heals: { at: number; screen: string; cause: string; rung: string }[] = [];
  const kioskOf = new Map(config.screens.map((s) => [s.id, s.kiosk]));
  let kioskLeft = false;
  const wall = createWall({
    screens: config.screens.map((s) => ({ id: s.id, display: s.display, source: s.playlist !== undefined ? { playlist: s.playlist } : { schedule: config.schedules[s.schedule]! } })),
    playlists: Object.fromEntries(Object.entries(playlists).map(([name, slides]) => [name, { slides: slides.length }])),
  }, {
    clock: d.clock,
    positions: d.positions,
    host: {
      open: (id: string, bounds: Rect) => {
        log.info('screen opened', { screen: id, bounds });
        screens.get(id)?.close('reopened');
        const kiosk = kioskOf.get(id) ?? true;
        const screen = createScreenCore({ id, kiosk, bounds }, (events) => d.openWindow({ id, kiosk: kiosk && !kioskLeft, bounds }, events), screenDeps);
        screens.set(id, screen);
      },
      close: (id: string, reason: string) => {
        screens.get(id)?.close(reason);
        screens.delete(id);
      },
      refit: (id: string, bounds: Rect) => screens.get(id)?.refit(bounds),
      showPlaylist: (id: string, playlist: string, slide: number) => screens.get(id)?.show({ playlist, slide }),
      showOff: (id: string) => screens.get(id)?.show('off'),
      power: d.power,
    },
  });
  const screenOf = (webContentsId: number) => [...screens.values()].find((s) => s.webContentsId() === webContentsId);
  const senders: SenderPolicies = {
    content: { rendererOrigin: origin, isOurWebContents: (id) => screenOf(id) !== undefined },
    admin: { rendererOrigin: origin, isOurWebContents: () => false },
    ...d.senders,
  };
  const ipc = createIpcRegistry(d.ipcMain, senders, d.logFor('ipc'), { clock: d.clock });
  ipc.handle(Channels.getAccessToken, tokenHandler);
  // Only a screen's content page is heard (the status page shares the origin and the preload).
  const noOrders = { remount: [], unavailable: [] };
  ipc.handle(Channels.reportHealth, async (caller, report) => screenOf(caller.webContentsId)?.report(caller.url, report) ?? noOrders);
  wall.start(d.displays());
  const unwatchDisplays = d.onDisplaysChanged(() => wall.displaysChanged(d.displays()));
  // Schedules are asked again now and then: their timers miss a wall clock set by hand or a machine that slept.
  let stopTicks = () => {};
  const tick = () => {
    wall.tick();
    stopTicks = d.clock.setTimeout(tick, WALL_TICK_MS);
  };
  stopTicks = d.clock.setTimeout(tick, WALL_TICK_MS);
  void recovery.start();
  return {
    origin,
    recovery,
    screens,
    screenOf,
    wall,
    handle: ipc.handle,
    setKiosk(on) {
      kioskLeft = !on;
      for (const s of screens.values()) s.setKiosk(on);
    },
    displays: d.displays,
    heals: () => [...heals],
    async stop() {
      stopTicks();
      unwatchDisplays();
      wall.stop();
      recovery.stop();
      for (const s of screens.values()) s.close('stopped');
      screens.clear();
    },
  };
}
