// What main makes of a content window's health reports (one triage per window, beside its supervisor). Pure:
// Clock, the tenant probe and the actions are ports, so every rule runs on a fake clock in unit tests.
//
// The page reports every embed's phase on each change and as a heartbeat; it never heals itself. When an
// embed is in trouble the triage asks the tenant probe (one diagnosis at a time, at most one per
// `diagnoseGapMs`) and decides:
// - tenant or network down (or a token it cannot get) → recovery shows the status screen and probes until the
//   tenant answers, then brings the content back;
// - auth lost → the probe already replaced the refused token; the tiles are remounted and the runtime asks
//   the bridge again, which hands out the fresh token;
// - the runtime never loaded, or an embed died (`fatalerror`: qlik-embed's token chain is poisoned until the
//   page reloads) → the supervisor's ladder (reload → recreate → relaunch, capped);
// - one embed in trouble while the tenant is fine → remount it (Qlik's sample: remove and recreate the
//   `<qlik-embed>`); if it fails again soon after, or the tenant said 403/404, the content is gone: that tile
//   says so and is retried every `contentRetryMs`, the others keep working.
// Missing heartbeats mean a hung page: a supervisor fault (a new window).
//
// Reports are untrusted (any script in the page's main frame can send one): they are heard only while the
// content page is expected, an order is repeated until the page's own reports show it carried out, a page
// fault is raised at most once per page, and diagnoses that change nothing back off (5 s doubling to 1 min).
import type { HealthDirectives, HealthReport, TileReport } from '../../shared/ipc-contract';
import type { TokenError } from '../auth/token-errors';
import type { Clock, Log } from '../core/ports';
import type { TenantProbe } from '../recovery/tenant-probe';
import type { WindowSupervisor } from './window-supervisor';

export interface TriageOptions {
  heartbeatMs: number;
  /** Missed heartbeats before the page counts as hung. */
  missedHeartbeats: number;
  diagnoseGapMs: number;
  /** A tile that fails again within this long of its remount is treated as content gone. */
  remountWindowMs: number;
  contentRetryMs: number;
}

export const DEFAULT_TRIAGE = { missedHeartbeats: 3, diagnoseGapMs: 5_000, remountWindowMs: 2 * 60_000, contentRetryMs: 5 * 60_000 };
const MAX_DIAGNOSE_GAP_MS = 60_000;

export interface TriageDeps {
  clock: Clock;
  log: Log;
  probe: TenantProbe;
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

const TROUBLE: ReadonlySet<TileReport['phase']> = new Set(['error', 'fatal', 'timeout', 'session-lost']);
const GONE = (t: TileReport) => t.status === 403 || t.status === 404;
type Order = 'remount' | 'unavailable';
/** Whether the page's report shows an order carried out. */
const done = (order: Order, t: TileReport | undefined) => t !== undefined && (order === 'unavailable' ? t.phase === 'unavailable' : !TROUBLE.has(t.phase) && t.phase !== 'unavailable');

export function createEmbedTriage(o: TriageOptions, d: TriageDeps): EmbedTriage {
  const { clock, log } = d;
  let tiles: TileReport[] = [];
  const orders = new Map<number, Order>(); // repeated in every answer until the page shows them carried out
  const remountedAt = new Map<number, number>();
  const retries = new Map<number, () => void>();
  let expecting = false; // reports are heard only while the content page is the window's page
  let diagnosingGen = -1; // the page a diagnosis in flight is about (a new page may start its own)
  let lastDiagnosisAt = -Infinity;
  let diagnoseGap = o.diagnoseGapMs;
  let lastVerdictOk = false; // a tenant found fine moments ago need not be asked again for the next tile
  let pageFaulted = false;
  let lastReportAt = -Infinity;
  let cancelWatch: (() => void) | undefined;
  let stopped = false;
  let generation = 0; // bumps per page load: a diagnosis about an old page acts on nothing
  const limitMs = o.heartbeatMs * o.missedHeartbeats;

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
    remountedAt.clear();
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
      decide();
    } finally {
      if (diagnosingGen === gen) diagnosingGen = -1;
    }
  }

  /** The tenant is fine: what is wrong is in the page or in the content itself. */
  function decide(): void {
    const now = clock.now();
    const trouble = troubled();
    // qlik-embed's token chain is poisoned page-wide by a fatal auth error, and a runtime that never loaded
    // mounts nothing: only a new page cures either.
    const pageWide = trouble.some(([t]) => (t.phase === 'fatal' && !GONE(t)) || (t.phase === 'timeout' && !t.mounted && !tiles.some((x) => x.mounted)));
    if (pageWide) {
      if (pageFaulted) return;
      pageFaulted = true;
      log.warn('embeds cannot recover inside this page', { tiles: trouble.map(([t, i]) => `${i}:${t.phase}`) });
      d.supervisor.fault('embeds-failed');
      return;
    }
    for (const [t, i] of trouble) {
      const again = remountedAt.has(i) && now - remountedAt.get(i)! <= o.remountWindowMs;
      if (GONE(t) || again) {
        log.warn('content unavailable; the tile says so and is retried slowly', { tile: i, phase: t.phase, status: t.status, retryInMs: o.contentRetryMs });
        orders.set(i, 'unavailable');
        retries.get(i)?.();
        retries.set(i, clock.setTimeout(() => {
          retries.delete(i);
          remount(i, 'retrying unavailable content');
        }, o.contentRetryMs));
      } else {
        remount(i, t.phase);
      }
    }
  }

  /** Tiles in trouble, except those with an order the page has not carried out yet. */
  function troubled() {
    return tiles.map((t, i) => [t, i] as const).filter(([t, i]) => TROUBLE.has(t.phase) && !orders.has(i));
  }

  function remount(i: number, why: string): void {
    remountedAt.set(i, clock.now());
    orders.set(i, 'remount');
    log.info('healing a tile', { tile: i, cause: why, rung: 'remount' });
  }

  const nothing = (): HealthDirectives => ({ remount: [], unavailable: [] });
  return {
    report(r) {
      if (stopped || !expecting) return nothing();
      lastReportAt = clock.now();
      watchHeartbeat();
      if (d.supervisor.tick()) return nothing(); // a planned recycle replaced this page just now
      tiles = r.tiles;
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
        else if (lastVerdictOk) decide();
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
