// The page's half of embed health: it watches each tile and reports to main; it heals nothing on its own
// initiative. Main's answer to each report says which tiles to remount and which to mark unavailable.
// Pure: the tiles, timers and the report channel are injected, so the rules run under a fake clock.
//
// qlik-embed has no "rendered" event (only `error` and `fatalerror`), and a runtime script that fails to load
// leaves every embed silent. So a tile counts as rendered when its probe answers: the runtime took the element
// (its ref API resolves), the engine session answers (Qlik's own sample: getDoc → getAppProperties, 5 s
// each), and the element shows something. A tile not rendered within `loadTimeoutMs` is reported as a timeout;
// a rendered tile whose probe fails later (keepalive, every `keepaliveMs`) as a lost session.
import type { HealthDirectives, HealthReport, RendererHealthTiming, TilePhase, TileReport } from '../shared/ipc-contract';

export interface ProbeResult {
  /** The runtime mounted the embed (its ref API answered). */
  mounted: boolean;
  /** The engine session answered and the element shows something. */
  ok: boolean;
}

export interface TileHandle {
  /** (Re)creates the tile's `<qlik-embed>` element. */
  mount(): void;
  probe(): Promise<ProbeResult>;
  /** Shows the phase to people in front of the screen (staff words; nothing while loading or rendered). */
  show(phase: TilePhase): void;
}

export interface HealthWatchDeps {
  timing: RendererHealthTiming;
  tiles: TileHandle[];
  setTimeout(fn: () => void, ms: number): void;
  report(r: HealthReport): Promise<HealthDirectives>;
}

/** While a tile is not rendered it is probed this often (cheap: it only asks the runtime and the engine). */
export const TROUBLE_PROBE_MS = 1_000;

export function createHealthWatch(d: HealthWatchDeps) {
  const state = d.tiles.map((): TileReport & { gen: number } => ({ phase: 'loading', mounted: false, gen: 0 }));
  let sending = false;
  let again = false;

  function set(i: number, phase: TilePhase, extra: { mounted?: boolean; status?: number } = {}): void {
    const t = state[i]!;
    const changed = t.phase !== phase;
    t.phase = phase;
    if (extra.mounted !== undefined) t.mounted = extra.mounted;
    if (extra.status !== undefined) t.status = extra.status;
    else if (changed) delete t.status; // a status belongs to the error that brought it, not to later phases
    if (changed) {
      d.tiles[i]!.show(phase);
      void send();
    }
  }

  function mount(i: number): void {
    const t = state[i]!;
    t.gen++;
    t.mounted = false;
    delete t.status;
    d.tiles[i]!.mount();
    set(i, 'loading');
    d.tiles[i]!.show('loading');
    schedule(i, t.gen, TROUBLE_PROBE_MS);
    // The watchdog runs on its own timer: a probe of a runtime that never loaded takes seconds to give up.
    const gen = t.gen;
    d.setTimeout(() => {
      if (gen === t.gen && t.phase === 'loading') set(i, 'timeout');
    }, d.timing.loadTimeoutMs);
  }

  function schedule(i: number, gen: number, ms: number): void {
    d.setTimeout(() => void probe(i, gen), ms);
  }

  async function probe(i: number, gen: number): Promise<void> {
    const t = state[i]!;
    if (gen !== t.gen || t.phase === 'unavailable' || t.phase === 'fatal') return;
    const r = await d.tiles[i]!.probe();
    if (gen !== t.gen || (t.phase as TilePhase) === 'unavailable' || (t.phase as TilePhase) === 'fatal') return;
    if (r.ok) set(i, 'rendered', { mounted: true });
    else if (t.phase === 'rendered') set(i, 'session-lost', { mounted: r.mounted });
    else t.mounted = r.mounted;
    schedule(i, gen, t.phase === 'rendered' ? d.timing.keepaliveMs : TROUBLE_PROBE_MS);
  }

  /** One report in flight at a time; a change meanwhile sends the newest state right after. */
  async function send(): Promise<void> {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      do {
        again = false;
        const directives = await d.report({ tiles: state.map(({ phase, mounted, status }) => (status === undefined ? { phase, mounted } : { phase, mounted, status })) });
        apply(directives);
      } while (again);
    } finally {
      sending = false;
    }
  }

  function apply(x: HealthDirectives): void {
    for (const i of x.unavailable) if (state[i]) set(i, 'unavailable');
    for (const i of x.remount) if (state[i]) mount(i);
  }

  function heartbeat(): void {
    void send();
    d.setTimeout(heartbeat, d.timing.heartbeatMs);
  }

  return {
    start(): void {
      d.tiles.forEach((_, i) => mount(i));
      heartbeat();
    },
    /** qlik-embed's `error` (fatal: false) or `fatalerror` event on tile `i`. */
    embedError(i: number, fatal: boolean, status?: number): void {
      if (!state[i] || state[i].phase === 'unavailable') return;
      set(i, fatal ? 'fatal' : 'error', status === undefined ? {} : { status });
    },
    get tiles(): readonly TileReport[] {
      return state;
    },
  };
}
