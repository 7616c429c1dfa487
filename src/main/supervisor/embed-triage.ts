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

export interface TriageDeps {
  clock: Clock;
  log: Log;
  probe: TenantProbe;
  supervisor: Pick<WindowSupervisor, 'fault' | 'healthy' | 'tick'>;
  recovery: { tenantDown(error: TokenError): void };
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

export function createEmbedTriage(o: TriageOptions, d: TriageDeps): EmbedTriage {
  const { clock, log } = d;
  let tiles: TileReport[] = [];
  let pending: HealthDirectives = { remount: [], unavailable: [] };
  const remountedAt = new Map<number, number>();
  const unseen = new Set<number>(); // tiles given an order (remount, unavailable) the page has not acted on yet
  const retries = new Map<number, () => void>();
  let diagnosing = false;
  let lastDiagnosisAt = -Infinity;
  let lastVerdictOk = false; // a tenant found fine moments ago need not be asked again for the next tile
  let cancelWatch: (() => void) | undefined;
  let stopped = false;
  let generation = 0; // bumps per page load: a diagnosis about an old page acts on nothing

  function watchHeartbeat(): void {
    cancelWatch?.();
    cancelWatch = clock.setTimeout(() => {
      cancelWatch = undefined;
      if (stopped) return;
      log.warn('the content page stopped reporting', { missed: o.missedHeartbeats, heartbeatMs: o.heartbeatMs });
      d.supervisor.fault('heartbeat-lost');
    }, o.heartbeatMs * o.missedHeartbeats);
  }

  function resetPage(): void {
    generation++;
    tiles = [];
    unseen.clear();
    remountedAt.clear();
    pending = { remount: [], unavailable: [] };
    retries.forEach((cancel) => cancel());
    retries.clear();
  }

  async function diagnose(): Promise<void> {
    diagnosing = true;
    lastDiagnosisAt = clock.now();
    const gen = generation;
    try {
      const verdict = await d.probe();
      lastVerdictOk = verdict.ok;
      if (stopped || gen !== generation) return;
      if (!verdict.ok) {
        log.warn('embeds in trouble and the tenant cannot serve them', { code: verdict.error.code, detail: verdict.error.message });
        d.recovery.tenantDown(verdict.error);
        return;
      }
      decide();
    } finally {
      diagnosing = false;
    }
  }

  /** The tenant is fine: what is wrong is in the page or in the content itself. */
  function decide(): void {
    const now = clock.now();
    const trouble = troubled();
    if (trouble.some(([t]) => t.phase === 'fatal' || (t.phase === 'timeout' && !t.mounted))) {
      log.warn('embeds cannot recover inside this page', { tiles: trouble.map(([t, i]) => `${i}:${t.phase}`) });
      d.supervisor.fault('embeds-failed');
      return;
    }
    for (const [t, i] of trouble) {
      const again = remountedAt.has(i) && now - remountedAt.get(i)! <= o.remountWindowMs;
      if (t.status === 403 || t.status === 404 || again) {
        log.warn('content unavailable; the tile says so and is retried slowly', { tile: i, phase: t.phase, status: t.status, retryInMs: o.contentRetryMs });
        pending.unavailable.push(i);
        unseen.add(i);
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

  /** Tiles in trouble, except those whose order the page has not acted on yet. */
  function troubled() {
    return tiles.map((t, i) => [t, i] as const).filter(([t, i]) => TROUBLE.has(t.phase) && !unseen.has(i));
  }

  function remount(i: number, why: string): void {
    remountedAt.set(i, clock.now());
    unseen.add(i);
    if (!pending.remount.includes(i)) pending.remount.push(i);
    log.info('healing a tile', { tile: i, cause: why, rung: 'remount' });
  }

  return {
    report(r) {
      if (stopped) return { remount: [], unavailable: [] };
      watchHeartbeat();
      d.supervisor.tick();
      tiles = r.tiles;
      tiles.forEach((t, i) => !TROUBLE.has(t.phase) && unseen.delete(i));
      if (tiles.length > 0 && tiles.every((t) => t.phase === 'rendered')) {
        d.supervisor.healthy();
        d.onAllRendered?.();
      }
      const now = clock.now();
      if (!diagnosing && troubled().length > 0) {
        if (now - lastDiagnosisAt >= o.diagnoseGapMs) void diagnose();
        else if (lastVerdictOk) decide();
      }
      const out = pending;
      pending = { remount: [], unavailable: [] };
      return out;
    },
    contentLoading() {
      resetPage();
      watchHeartbeat();
    },
    contentLeft() {
      resetPage();
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
