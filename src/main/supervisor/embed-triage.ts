// What main makes of a content window's health reports (one triage per window, beside its supervisor). Pure:
// Clock, the tenant probe, the app check and the actions are ports, so every rule runs on a fake clock.
//
// The page reports every embed's phase on each change and as a heartbeat; it never heals itself, and it treats
// qlik-embed's events only as a reason to probe (their payloads are undocumented). When an embed is in trouble
// the triage asks the tenant probe (one diagnosis at a time, at most one per `diagnoseGapMs`) and decides:
// - tenant or network down (or a token it cannot get) → recovery shows the status screen and probes until the
//   tenant answers, then brings the content back;
// - the runtime never loaded (nothing mounted), or no tile can work even after remounts (qlik-embed's token
//   chain is poisoned until the page reloads) → the supervisor's ladder (reload → recreate → …, capped);
// - otherwise per tile: its content is gone only when a check says 403/404 — the page's own check of that
//   object, or this app check against the tenant — and then the tile says so and is retried every
//   `contentRetryMs` while the others keep working; else it is remounted (Qlik's sample: remove and recreate
//   the `<qlik-embed>`), again only after a back-off if it keeps failing. A tile whose runtime is resuming its
//   session is never remounted (the page reports `resuming` while the engine call waits).
// Missing heartbeats mean a hung page: a supervisor fault (a new window).
//
// Reports are untrusted (any script in the page's main frame can send one): they are heard only while the
// content page is expected, an order is repeated until the page's own reports show it carried out, a page
// fault is raised at most once per page, and diagnoses that change nothing back off (5 s doubling to 1 min).
import type { HealthDirectives, HealthReport, TileReport } from '../../shared/ipc-contract';
import type { TokenError } from '../auth/token-errors';
import type { Clock, Log } from '../core/ports';
import type { AppCheck, TenantProbe } from '../recovery/tenant-probe';
import type { WindowSupervisor } from './window-supervisor';

export interface TriageOptions {
  heartbeatMs: number;
  /** Missed heartbeats before the page counts as hung. */
  missedHeartbeats: number;
  diagnoseGapMs: number;
  /** A tile failing again is remounted after this, doubling per remount up to `remountMaxMs`. */
  remountAgainMs: number;
  remountMaxMs: number;
  contentRetryMs: number;
  /** The configured tiles, by index: the app each shows (main's config, not the page's word) and a label for IT. */
  tiles: { appId?: string; label: string }[];
}

export const DEFAULT_TRIAGE = { missedHeartbeats: 3, diagnoseGapMs: 5_000, remountAgainMs: 30_000, remountMaxMs: 5 * 60_000, contentRetryMs: 5 * 60_000 };
const MAX_DIAGNOSE_GAP_MS = 60_000;
/** Remounts in one page after which a tile that still fails counts as unable to work there. */
const REMOUNTS_BEFORE_PAGE_FAULT = 2;

export interface TriageDeps {
  clock: Clock;
  log: Log;
  probe: TenantProbe;
  checkApp: AppCheck;
  supervisor: Pick<WindowSupervisor, 'fault' | 'healthy' | 'tick'>;
  recovery: { tenantDown(error: TokenError): void; contentWorks(): void };
  /** Every embed rendered (the last good picture may be taken now). */
  onAllRendered?(): void;
}

export interface EmbedTriage {
  /** The page's report; the answer carries what the page should do to its tiles. */
  report(r: HealthReport): HealthDirectives;
  /** The window is (re)loading the content page: expect its reports. */
  contentLoading(): void;
  /** The window shows something else (status screen): no reports expected. */
  contentLeft(): void;
  readonly tiles: readonly TileReport[];
  stop(): void;
}

const TROUBLE: ReadonlySet<TileReport['phase']> = new Set(['error', 'timeout', 'session-lost']);
const GONE = (t: TileReport) => t.status === 403 || t.status === 404;
type Order = 'remount' | 'unavailable';
/** Whether the page's report shows an order carried out. */
const done = (order: Order, t: TileReport | undefined) => t !== undefined && (order === 'unavailable' ? t.phase === 'unavailable' : !TROUBLE.has(t.phase) && t.phase !== 'unavailable');

export function createEmbedTriage(o: TriageOptions, d: TriageDeps): EmbedTriage {
  const { clock, log } = d;
  let tiles: TileReport[] = [];
  const orders = new Map<number, Order>(); // repeated in every answer until the page shows them carried out
  const remounts = new Map<number, { count: number; nextAt: number }>(); // per tile, this page
  const retries = new Map<number, () => void>();
  const rules = new Map<number, string>(); // the probe rule last logged per tile
  let expecting = false; // reports are heard only while the content page is the window's page
  let diagnosingGen = -1; // the page a diagnosis in flight is about (a new page may start its own)
  let deciding = false;
  let lastDiagnosisAt = -Infinity;
  let diagnoseGap = o.diagnoseGapMs;
  let lastVerdictOk = false; // a tenant found fine moments ago need not be asked again for the next tile
  let pageFaulted = false;
  let lastReportAt = -Infinity;
  let cancelWatch: (() => void) | undefined;
  let stopped = false;
  let generation = 0; // bumps per page load: a diagnosis about an old page acts on nothing
  const limitMs = o.heartbeatMs * o.missedHeartbeats;
  const label = (i: number) => o.tiles[i]?.label ?? `tile ${i}`;

  function watchHeartbeat(ms = limitMs): void {
    cancelWatch?.();
    cancelWatch = clock.setTimeout(() => {
      cancelWatch = undefined;
      if (stopped || !expecting) return;
      // A timer that fired early by the wall clock (main was blocked, or the machine slept) is given its rest.
      const quiet = clock.now() - lastReportAt;
      if (quiet < limitMs) return watchHeartbeat(limitMs - quiet);
      log.warn('the content page stopped reporting', { missed: o.missedHeartbeats, heartbeatMs: o.heartbeatMs });
      expecting = false;
      d.supervisor.fault('heartbeat-lost');
    }, ms);
  }

  function resetPage(): void {
    generation++;
    tiles = [];
    orders.clear();
    remounts.clear();
    rules.clear();
    retries.forEach((cancel) => cancel());
    retries.clear();
    pageFaulted = false;
    lastVerdictOk = false;
    lastDiagnosisAt = -Infinity;
    diagnoseGap = o.diagnoseGapMs;
    lastReportAt = clock.now();
  }

  async function diagnose(): Promise<void> {
    const gen = generation;
    diagnosingGen = gen;
    lastDiagnosisAt = clock.now();
    try {
      const verdict = await d.probe();
      if (stopped || gen !== generation) return;
      lastVerdictOk = verdict.ok;
      if (!verdict.ok) {
        log.warn('embeds in trouble and the tenant cannot serve them', { code: verdict.error.code, detail: verdict.error.message });
        d.recovery.tenantDown(verdict.error);
        return;
      }
      diagnoseGap = Math.min(MAX_DIAGNOSE_GAP_MS, diagnoseGap * 2); // reset when every tile renders
      await decide();
    } finally {
      if (diagnosingGen === gen) diagnosingGen = -1;
    }
  }

  /** The tenant is fine: what is wrong is in the page or in the content itself. One decision at a time. */
  async function decide(): Promise<void> {
    if (deciding) return;
    deciding = true;
    const gen = generation;
    try {
      const trouble = troubled();
      const mountedNone = !tiles.some((x) => x.mounted);
      // A runtime that never loaded mounts nothing; a poisoned token chain fails every tile however often it is
      // remounted. Only a new page cures either.
      const runtimeMissing = mountedNone && trouble.some(([t]) => t.phase === 'timeout');
      const live = tiles.filter((t) => t.phase !== 'unavailable');
      const noneCanWork = live.length > 0 && trouble.length === live.length && trouble.every(([, i]) => (remounts.get(i)?.count ?? 0) >= REMOUNTS_BEFORE_PAGE_FAULT);
      if (runtimeMissing || noneCanWork) {
        if (pageFaulted) return;
        pageFaulted = true;
        log.warn('embeds cannot recover inside this page', { why: runtimeMissing ? 'nothing mounted' : 'every tile fails after remounts', tiles: trouble.map(([t, i]) => `${i}:${t.phase}`) });
        d.supervisor.fault('embeds-failed');
        return;
      }
      const apps = new Map<string, ReturnType<AppCheck>>();
      for (const [t, i] of trouble) {
        const now = clock.now();
        if ((remounts.get(i)?.nextAt ?? -Infinity) > now) continue; // failing again: wait for its back-off
        let gone = GONE(t) ? `the page's ${t.rule === 'object' ? 'object' : 'engine'} check met HTTP ${t.status}` : undefined;
        const appId = o.tiles[i]?.appId;
        if (!gone && appId !== undefined) {
          if (!apps.has(appId)) apps.set(appId, d.checkApp(appId));
          const app = await apps.get(appId)!;
          if (stopped || gen !== generation) return;
          if (orders.has(i)) continue;
          if (app.verdict === 'gone') gone = `the tenant answered HTTP ${app.status} for app ${appId}`;
        }
        if (gone) unavailable(i, t, gone);
        else remount(i, t.phase);
      }
    } finally {
      deciding = false;
    }
  }

  function unavailable(i: number, t: TileReport, why: string): void {
    log.warn('content unavailable; the tile says so and is retried slowly', { tile: label(i), phase: t.phase, why, retryInMs: o.contentRetryMs });
    orders.set(i, 'unavailable');
    retries.get(i)?.();
    retries.set(i, clock.setTimeout(() => {
      retries.delete(i);
      remount(i, 'retrying unavailable content');
    }, o.contentRetryMs));
  }

  /** Tiles in trouble, except those with an order the page has not carried out yet. */
  function troubled() {
    return tiles.map((t, i) => [t, i] as const).filter(([t, i]) => TROUBLE.has(t.phase) && !orders.has(i));
  }

  function remount(i: number, why: string): void {
    const count = (remounts.get(i)?.count ?? 0) + 1;
    remounts.set(i, { count, nextAt: clock.now() + Math.min(o.remountMaxMs, o.remountAgainMs * 2 ** (count - 1)) });
    orders.set(i, 'remount');
    log.info('healing a tile', { tile: label(i), cause: why, rung: 'remount', remountsThisPage: count });
  }

  function noteRules(): void {
    tiles.forEach((t, i) => {
      if (t.rule === undefined || rules.get(i) === t.rule) return;
      rules.set(i, t.rule);
      log.info('tile health is checked by', { tile: label(i), rule: t.rule });
    });
  }

  const nothing = (): HealthDirectives => ({ remount: [], unavailable: [] });
  return {
    report(r) {
      if (stopped || !expecting) return nothing();
      lastReportAt = clock.now();
      watchHeartbeat();
      if (d.supervisor.tick()) return nothing(); // a planned recycle replaced this page just now
      tiles = r.tiles.slice(0, o.tiles.length);
      noteRules();
      for (const [i, order] of orders) {
        // Done, or overtaken: a tile that renders again needs no order decided from an older report.
        if (done(order, tiles[i]) || tiles[i]?.phase === 'rendered') {
          orders.delete(i);
          if (tiles[i]?.phase === 'rendered') {
            retries.get(i)?.();
            retries.delete(i);
          }
        }
      }
      tiles.forEach((t, i) => void (t.phase === 'rendered' && remounts.delete(i))); // working again: no back-off
      // The page works: every tile rendered, or says its content is gone. Only rendered content proves the
      // tenant good (the back-offs start over) and makes a picture worth keeping.
      if (tiles.length > 0 && tiles.every((t) => t.phase === 'rendered' || t.phase === 'unavailable')) {
        d.supervisor.healthy();
        if (tiles.some((t) => t.phase === 'rendered')) {
          diagnoseGap = o.diagnoseGapMs;
          d.recovery.contentWorks();
        }
        if (tiles.every((t) => t.phase === 'rendered')) d.onAllRendered?.();
      }
      const now = clock.now();
      if (diagnosingGen !== generation && troubled().length > 0) {
        if (now - lastDiagnosisAt >= diagnoseGap) void diagnose();
        else if (lastVerdictOk) void decide();
      }
      const out = nothing();
      for (const [i, order] of orders) out[order].push(i);
      return out;
    },
    contentLoading() {
      resetPage();
      expecting = true;
      watchHeartbeat();
    },
    contentLeft() {
      resetPage();
      expecting = false;
      cancelWatch?.();
      cancelWatch = undefined;
    },
    get tiles() {
      return tiles;
    },
    stop() {
      stopped = true;
      cancelWatch?.();
      retries.forEach((cancel) => cancel());
    },
  };
}
