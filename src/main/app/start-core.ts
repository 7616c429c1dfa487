// Everything main does for a kiosk window short of Electron itself: answer the renderer origin in-process,
// answer the token bridge through the checked IPC registry, and keep the window on content or the status
// screen. The Electron entry (index.ts) and the Chromium harness both call this, each with its own thin
// transport: protocol interception in Electron, request routing in the harness.
import { embedLabel } from '../../shared/embeds';
import { Channels, STATUS_PAGE_PATH, type RendererConfig, type StatusInfo } from '../../shared/ipc-contract';
import { showsLastGoodPicture } from '../../shared/status-codes';
import { isLoopbackHostname, resolveEmbeds } from '../config';
import type { Clock, Log } from '../core/ports';
import { createIpcRegistry, type IpcMainLike } from '../ipc/register';
import { createTokenHandler } from '../ipc/token-handler';
import { createRendererHandler, rendererOrigin, type RendererHandler } from '../origin/renderer-origin';
import { createAppCheck, createTenantProbe } from '../recovery/tenant-probe';
import { createTokenRecovery, type TokenRecovery } from '../recovery/token-recovery';
import { buildCsp } from '../security/csp';
import { describeUrl } from '../security/navigation-policy';
import { createEmbedTriage, DEFAULT_TRIAGE, type EmbedTriage } from '../supervisor/embed-triage';
import type { WindowSupervisor } from '../supervisor/window-supervisor';
import { createPictureKeeper } from '../window/last-good-picture';
import { canonicalUrl, createPageGuard } from '../window/page-guard';
import type { Services } from './services';

export interface CoreDeps {
  services: Services;
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  ipcMain: IpcMainLike;
  /** Answers every request for `origin` with `handler`, in-process, before any window loads it. */
  serveOrigin(origin: string, handler: RendererHandler): Promise<void>;
  isOurWebContents(id: number): boolean;
  /** Points the kiosk window at a URL of the renderer origin (BrowserWindow.loadURL in the app). */
  navigate(url: string): void;
  /** The kiosk window's supervisor: the triage of its health reports acts through it. */
  supervisor: WindowSupervisor;
  /** A picture of the kiosk window as it is now (webContents.capturePage in the app), PNG. */
  capture(): Promise<Uint8Array | undefined>;
  clock: Clock;
  logFor(scope: string): Log;
}

export interface Core {
  origin: string;
  /** The status page's URL for `info`, on this origin, with the demo banner when the tenant is the demo's. */
  statusUrl(info: StatusInfo): string;
  recovery: TokenRecovery;
  triage: EmbedTriage;
  /** When the window's content was last seen good (its picture, kept in memory for outages). */
  lastGoodAt(): number | undefined;
  /** The window's main frame committed a navigation to `url` (a new page): window adapters call this. A page main
   * did not load into the window (the page navigated itself) is a fault the window's supervisor heals. */
  pageStarted(webContentsId: number, url: string): void;
  /** Past the relaunch cap: the window shows the plain "capped" status screen; main's slow probe is at `retryAt`. */
  showCapped(retryAt: number): void;
  stop(): Promise<void>;
}

/** The status page's URL carries the code and the next attempt only: error text (which can quote an upstream
 * answer) goes to the log, never into a URL or onto a screen. */
export function statusQuery(info: StatusInfo, demo = false): string {
  const q = new URLSearchParams({ code: info.code });
  if (info.retryAt !== undefined) q.set('retryAt', String(info.retryAt));
  if (info.since !== undefined) q.set('since', String(info.since));
  if (info.escalated) q.set('escalated', '1');
  if (demo) q.set('demo', '1');
  return q.toString();
}

export function statusUrl(origin: string, info: StatusInfo, demo = false): string {
  return `${origin}${STATUS_PAGE_PATH}?${statusQuery(info, demo)}`;
}

export async function startCore(d: CoreDeps): Promise<Core> {
  const { config, broker, identity } = d.services;
  const origin = rendererOrigin(config.renderer.port);
  const contentUrl = `${origin}/`;
  // The status now showing, if any: a new cause or retry time updates the open status page (it polls), so
  // the page is loaded once per outage, not once per retry.
  let showing: StatusInfo | undefined;
  const rendererConfig: RendererConfig = {
    tenantHost: config.tenant.host,
    clientId: config.tenant.clientId,
    embeds: resolveEmbeds(config.content),
    // A real Qlik Cloud tenant is never on loopback: only the fake tenant of `npm run demo` and tests is.
    demo: isLoopbackHostname(new URL(config.tenant.host).hostname),
    health: {
      loadTimeoutMs: config.supervisor.loadTimeoutSeconds * 1000,
      keepaliveMs: config.supervisor.keepaliveSeconds * 1000,
      heartbeatMs: config.supervisor.heartbeatSeconds * 1000,
    },
    ...(config.content.idleResetSeconds === undefined ? {} : { idleResetMs: Math.round(config.content.idleResetSeconds * 1000) }),
  };
  // `showing` (below): while a status is showing, the window holds no content to picture.
  const pictures = createPictureKeeper({ clock: d.clock, capture: d.capture, log: d.logFor('picture'), stillGood: () => showing === undefined });
  // Only main chooses what the window shows: a page it did not load there is a fault (page-guard.ts).
  const guard = createPageGuard();
  const load = (url: string) => {
    guard.loading(url);
    d.navigate(url);
  };
  const log = d.logFor('window');
  const handler = await createRendererHandler({
    root: d.rendererRoot,
    origin,
    csp: buildCsp({ rendererOrigin: origin, tenantHost: config.tenant.host, extraContentHosts: d.services.extraContentHosts }),
    rendererConfig,
    statusQuery: () => (showing ? statusQuery(showing, rendererConfig.demo) : undefined),
    // The last good picture, only while a status shows whose cause passes by itself (status-codes.ts).
    lastGood: () => (showing && showsLastGoodPicture(showing) ? pictures.latest() : undefined),
    log: d.logFor('renderer-origin'),
  });
  await d.serveOrigin(origin, handler);
  const tenantDeps = { host: config.tenant.host, http: d.services.http, clock: d.clock, broker, identity, timeoutMs: config.broker.timeoutMs };
  const probe = createTenantProbe(tenantDeps);
  const recovery = createTokenRecovery({
    broker,
    identity,
    probe,
    clock: d.clock,
    log: d.logFor('recovery'),
    view: {
      showContent: () => {
        showing = undefined;
        load(contentUrl);
      },
      showStatus: (info) => {
        const first = showing === undefined;
        showing = info;
        if (first) load(statusUrl(origin, info, rendererConfig.demo));
      },
    },
  });
  const triage = createEmbedTriage(
    { ...DEFAULT_TRIAGE, heartbeatMs: rendererConfig.health.heartbeatMs, tiles: config.content.embeds.map((e) => ({ ...(e.appId === undefined ? {} : { appId: e.appId }), label: embedLabel(e) })) },
    { clock: d.clock, log: d.logFor('triage'), probe, checkApp: createAppCheck(tenantDeps), supervisor: d.supervisor, recovery, onAllRendered: () => pictures.contentGood() },
  );
  const tokenHandler = createTokenHandler({ broker, identity, recovery });
  const ipc = createIpcRegistry(d.ipcMain, { content: { rendererOrigin: origin, isOurWebContents: d.isOurWebContents } }, d.logFor('ipc'), { clock: d.clock });
  ipc.handle(Channels.getAccessToken, tokenHandler);
  // Only the content page's reports count (the status page shares the origin and the preload).
  ipc.handle(Channels.reportHealth, async (caller, report) => (caller.url === contentUrl ? triage.report(report) : { remount: [], unavailable: [] }));
  void recovery.start();
  return {
    origin,
    statusUrl: (info) => statusUrl(origin, info, rendererConfig.demo),
    recovery,
    triage,
    lastGoodAt: () => pictures.latest()?.at,
    pageStarted(webContentsId, url) {
      tokenHandler.pageStarted(webContentsId);
      if (!guard.committed(webContentsId, url)) {
        // The origin only: the path and query are the page's own words. (Bounded: the supervisor's ladder
        // climbs to the capped status screen if the page keeps doing it.)
        log.warn('the window left the page main loaded into it', { target: describeUrl(url) });
        triage.contentLeft();
        d.supervisor.fault('navigated-away');
        return;
      }
      if (canonicalUrl(url) === canonicalUrl(contentUrl)) triage.contentLoading();
      else triage.contentLeft();
    },
    showCapped(retryAt) {
      const since = showing?.code === 'capped' && showing.since !== undefined ? showing.since : d.clock.now();
      showing = { code: 'capped', message: 'the window kept failing; relaunches are capped', since, retryAt };
      load(statusUrl(origin, showing, rendererConfig.demo));
    },
    async stop() {
      recovery.stop();
      triage.stop();
    },
  };
}
