// One screen of the wall as main keeps it: its window (behind the ScreenWindow port the binder implements), its
// supervisor and embed triage, the page guard, the last good picture, and what it should show — its playlist
// at a slide, or off by its schedule — under the status the whole app may be showing (a tenant outage covers
// every screen). start-core.ts owns the collection; the Electron entry and the harness only open windows.
import { embedLabel } from '../../shared/embeds';
import { contentPath, OFF_PAGE_PATH, STATUS_PAGE_PATH, type HealthDirectives, type HealthReport, type RendererEmbed, type StatusInfo } from '../../shared/ipc-contract';
import { showsLastGoodPicture } from '../../shared/status-codes';
import type { Clock, Log } from '../core/ports';
import type { AppCheck, TenantProbe } from '../recovery/tenant-probe';
import type { TokenRecovery } from '../recovery/token-recovery';
import { describeUrl } from '../security/navigation-policy';
import { createEmbedTriage, DEFAULT_TRIAGE, type EmbedTriage } from '../supervisor/embed-triage';
import { createWindowSupervisor, type RelaunchLedger, type SupervisorOptions, type WindowSupervisor } from '../supervisor/window-supervisor';
import type { Rect } from '../wall/displays';
import { createPictureKeeper, type Picture } from '../window/last-good-picture';
import { canonicalUrl, createPageGuard } from '../window/page-guard';

/** A screen's window as the binder made it (a BrowserWindow on a display in the app, a page in the harness). */
export interface ScreenWindow {
  /** Loads a URL of the renderer origin into the window (loadURL). */
  navigate(url: string): void;
  /** A picture of the window as it is now, PNG. */
  capture(): Promise<Uint8Array | undefined>;
  refit(bounds: Rect): void;
  /** A new window for a dead or recycled one, back on `url`. */
  recreate(o: { clearCache: boolean }, url: string | undefined): void;
  close(): void;
  /** Kiosk mode on or off (the admin view leaves it for a while): full screen and locked, or a normal window with
   * the cursor shown. Only a screen configured as a kiosk is ever put back in kiosk mode. */
  setKiosk(on: boolean): void;
  /** The window's current webContents (a recreated window has a new one). */
  webContentsId(): number | undefined;
}

/** What the window tells its screen: the binder forwards crashes, hangs, loads and memory to `supervisor`, and
 * every committed main-frame page to `pageStarted`. */
export interface ScreenEvents {
  supervisor: WindowSupervisor;
  pageStarted(webContentsId: number, url: string): void;
}

export interface ScreenSpec {
  id: string;
  kiosk: boolean;
  bounds: Rect;
}

export type ScreenContent = { playlist: string; slide: number } | 'off';

export interface ScreenCoreDeps {
  origin: string;
  demo: boolean;
  heartbeatMs: number;
  /** Each playlist's slides (for the triage's tile table and the slide count). */
  playlists: Readonly<Record<string, readonly { embeds: readonly RendererEmbed[] }[]>>;
  clock: Clock;
  logFor(scope: string): Log;
  probe: TenantProbe;
  checkApp: AppCheck;
  recovery: TokenRecovery;
  supervisorOptions: SupervisorOptions;
  ledger: RelaunchLedger;
  relaunch(): void;
  /** The status the whole app shows now (recovery's), if any. */
  appStatus(): StatusInfo | undefined;
  /** The page moved to another slide (the wall keeps it in the per-user state store). */
  slideShown(screen: string, playlist: string, slide: number): void;
  tokenPageStarted(webContentsId: number): void;
  /** The supervisor healed the window (for the admin view's recent heals). */
  healed(screen: string, heal: NonNullable<WindowSupervisor['health']['lastHeal']>): void;
}

export function statusQuery(info: StatusInfo, demo = false, screen?: string): string {
  const q = new URLSearchParams({ code: info.code });
  if (info.retryAt !== undefined) q.set('retryAt', String(info.retryAt));
  if (info.since !== undefined) q.set('since', String(info.since));
  if (info.escalated) q.set('escalated', '1');
  if (demo) q.set('demo', '1');
  if (screen !== undefined) q.set('screen', screen);
  return q.toString();
}

/** The status page's URL for `info` on the renderer origin: codes and times only, never error text. */
export function statusUrl(origin: string, info: StatusInfo, demo = false, screen?: string): string {
  return `${origin}${STATUS_PAGE_PATH}?${statusQuery(info, demo, screen)}`;
}

export type ScreenCore = ReturnType<typeof createScreenCore>;

export function createScreenCore(spec: ScreenSpec, open: (events: ScreenEvents) => ScreenWindow, d: ScreenCoreDeps) {
  const { id } = spec;
  const log = d.logFor(`screen:${id}`);
  let content: ScreenContent | undefined;
  let capped: StatusInfo | undefined; // this window's own status (past its relaunch cap)
  let contentUrl: string | undefined; // the content page main loaded last
  let closed = false;
  const status = () => capped ?? (content === 'off' ? undefined : d.appStatus());
  const pictures = createPictureKeeper({ clock: d.clock, capture: () => win.capture(), log: d.logFor('picture'), stillGood: () => status() === undefined });
  const guard = createPageGuard();
  let loaded: string | undefined; // the URL main last loaded into the window
  const load = (url: string) => {
    loaded = url;
    guard.loading(url);
    win.navigate(url);
  };
  const supervisor = createWindowSupervisor(d.supervisorOptions, {
    clock: d.clock, ledger: d.ledger, log: d.logFor(`supervisor:${id}`),
    actions: {
      leavePage: () => triage.contentLeft(),
      // Main's own URL again, never merely the current entry (which the page may have changed), at the slide
      // the page last showed.
      reload: () => screen.refresh(),
      recreate: (o) => {
        const url = target();
        if (url === undefined) return;
        loaded = url;
        guard.loading(url);
        win.recreate(o, url);
      },
      relaunch: d.relaunch,
      showCapped: (retryAt) => {
        const since = capped?.since ?? d.clock.now();
        capped = { code: 'capped', message: 'the window kept failing; relaunches are capped', since, retryAt };
        screen.refresh();
      },
      retryContent: () => {
        capped = undefined;
        void d.recovery.start();
      },
    },
  });
  let lastHeal = supervisor.health.lastHeal;
  const unwatchHeals = supervisor.onChange((h) => {
    if (h.lastHeal && h.lastHeal !== lastHeal) d.healed(id, h.lastHeal);
    lastHeal = h.lastHeal;
  });
  const tilesOf = (playlist: string, slide: number) => (d.playlists[playlist]?.[slide]?.embeds ?? []).map((e) => ({ ...(e.appId === undefined ? {} : { appId: e.appId }), label: embedLabel(e) }));
  let triageFor = '';
  let triage: EmbedTriage = newTriage([]);
  function newTriage(tiles: { appId?: string; label: string }[]): EmbedTriage {
    return createEmbedTriage(
      { ...DEFAULT_TRIAGE, heartbeatMs: d.heartbeatMs, tiles },
      { clock: d.clock, log: d.logFor(`triage:${id}`), probe: d.probe, checkApp: d.checkApp, supervisor, recovery: d.recovery, onAllRendered: () => pictures.contentGood() },
    );
  }
  /** The triage knows the slide's tiles: a new slide on screen gets a fresh one (the old one's orders and timers
   * were for tiles that are gone). */
  function triageOn(playlist: string, slide: number, loading: boolean): EmbedTriage {
    const key = `${playlist}#${slide}`;
    if (key !== triageFor) {
      triage.stop();
      triage = newTriage(tilesOf(playlist, slide));
      triageFor = key;
      if (loading) triage.contentLoading();
    }
    return triage;
  }
  /** The URL the screen should show now: its status, black, or its content page at its slide. */
  function target(): string | undefined {
    if (closed || content === undefined) return undefined;
    const s = status();
    if (s) return statusUrlFor(s);
    if (content === 'off') return `${d.origin}${OFF_PAGE_PATH}`;
    contentUrl = `${d.origin}${contentPath(id, content.playlist, content.slide)}`;
    triageOn(content.playlist, content.slide, false);
    return contentUrl;
  }
  const statusUrlFor = (info: StatusInfo) => statusUrl(d.origin, info, d.demo, id);
  const win = open({ supervisor, pageStarted: (wc, url) => screen.pageStarted(wc, url) });

  const screen = {
    id,
    supervisor,
    get triage(): EmbedTriage {
      return triage;
    },
    get content(): ScreenContent | undefined {
      return content;
    },
    /** The status this screen shows now, if any (for the status page's poll and the admin view). */
    status,
    lastGood: (): Picture | undefined => {
      const s = status();
      return s && showsLastGoodPicture(s) ? pictures.latest() : undefined;
    },
    lastGoodAt: () => pictures.latest()?.at,
    webContentsId: () => win.webContentsId(),
    /** What the screen should show; loads it unless a status covers the screen. */
    show(next: ScreenContent): void {
      content = next;
      screen.refresh();
    },
    /** Loads what the screen should show now: its status, black, or its content page. */
    refresh(): void {
      const url = target();
      if (url !== undefined) load(url);
    },
    /** Recovery says the content works: loads it unless the window is on it already (a screen loads its content
     * as soon as it opens, in parallel with recovery's first check: no reload when that check passes). */
    showContent(): void {
      // The window still holds the content page main loaded: it rotates by itself (its URL names the slide it
      // started at), so loading it again would only reload it at the slide it shows now.
      if (typeof content === 'object' && status() === undefined && loaded !== undefined && loaded === contentUrl) return;
      const url = target();
      if (url !== undefined && url !== loaded) load(url);
    },
    /** The app's status changed (a first status loads; a changed one is polled by the open status page). */
    appStatusChanged(first: boolean): void {
      if (closed || capped || content === 'off' || content === undefined) return;
      if (first) screen.refresh();
    },
    pageStarted(webContentsId: number, url: string): void {
      d.tokenPageStarted(webContentsId);
      if (!guard.committed(webContentsId, url)) {
        // The origin only: the path and query are the page's own words. (Bounded: the supervisor's ladder
        // climbs to the capped status screen if the page keeps doing it.)
        log.warn('the window left the page main loaded into it', { target: describeUrl(url) });
        triage.contentLeft();
        supervisor.fault('navigated-away');
        return;
      }
      if (contentUrl !== undefined && canonicalUrl(url) === canonicalUrl(contentUrl) && typeof content === 'object') {
        triageOn(content.playlist, content.slide, true).contentLoading();
      } else triage.contentLeft();
    },
    /** A health report from this screen's window: heard only from the content page main loaded. */
    report(url: string, r: HealthReport): HealthDirectives {
      if (contentUrl === undefined || typeof content !== 'object' || canonicalUrl(url) !== canonicalUrl(contentUrl)) return { remount: [], unavailable: [] };
      const slide = r.slide ?? 0;
      if (slide >= (d.playlists[content.playlist]?.length ?? 0)) return { remount: [], unavailable: [] };
      if (slide !== content.slide) {
        // The page rotated: keep the position (the URL main loaded stays its start slide).
        content = { playlist: content.playlist, slide };
        d.slideShown(id, content.playlist, slide);
      }
      return triageOn(content.playlist, slide, true).report(r);
    },
    refit: (bounds: Rect) => win.refit(bounds),
    /** Kiosk mode left for a while (the admin view), or back. */
    setKiosk: (on: boolean) => win.setKiosk(spec.kiosk && on),
    close(reason: string): void {
      if (closed) return;
      closed = true;
      log.info('screen closed', { reason });
      unwatchHeals();
      supervisor.stop();
      triage.stop();
      win.close();
    },
  };
  return screen;
}
