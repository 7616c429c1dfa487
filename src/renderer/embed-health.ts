// The page's half of embed health: it watches each tile and reports to main; it heals nothing on its own
// initiative. Main's answer to each report says which tiles to remount and which to mark unavailable.
// Pure: the tiles, timers and the report channel are injected, so the rules run under a fake clock.
//
// qlik-embed has no "rendered" event, its `error`/`fatalerror` payloads are undocumented, and a runtime script
// that fails to load leaves every embed silent. So events are only a reason to probe now, never a verdict, and
// a tile counts as rendered when its probe answers:
// - the runtime took the element (its ref API resolved; for UIs that may hand over none, it shows something);
// - its app's engine session answers: ONE engine call per app session per round (getDoc → getAppProperties
//   through any tile of that app whose ref API has getDoc; Qlik's own sample probe), shared by every tile of
//   the app (they share the session);
// - after an event, the tile's own object where its ref API offers one (chart: getObject → getLayout), whose
//   403/404 says the content itself is gone;
// - it shows something. Where no check reaches the engine, visible content is the last resort.
// The rule used per tile is reported (main logs it). An engine call that has not answered is not a failure
// yet: a runtime that resumes a dropped session (@qlik/api) holds calls until it has reconnected, so the tile
// is `resuming` (never remounted) for up to `resumeGraceMs`.
import type { HealthDirectives, HealthReport, ProbeRule, RendererHealthTiming, TilePhase, TileReport } from '../shared/ipc-contract';

/** What a tile offers a probe, without engine traffic. */
export interface TileInspection {
  /** The runtime took the element (its ref API answered, or, where the UI may hand over none, it shows something). */
  mounted: boolean;
  /** The element holds something that takes up space. */
  shows: boolean;
  /** The app's engine session: getDoc → getAppProperties, if this tile's ref API has getDoc. */
  doc?: () => Promise<unknown>;
  /** This tile's own object: getObject → getLayout, if its ref API has getObject. */
  object?: () => Promise<unknown>;
}

export interface TileHandle {
  /** The app the tile shows; tiles of one app share its engine session. */
  appId?: string;
  /** (Re)creates the tile's `<qlik-embed>` element. */
  mount(): void;
  inspect(): Promise<TileInspection>;
  /** Shows the phase to people in front of the screen (staff words; nothing while loading or rendered). */
  show(phase: TilePhase): void;
}

export interface HealthWatchDeps {
  timing: RendererHealthTiming;
  tiles: TileHandle[];
  /** Returns a function that cancels the timer. */
  setTimeout(fn: () => void, ms: number): () => void;
  now(): number;
  report(r: HealthReport): Promise<HealthDirectives>;
}

/** While a tile is not rendered (or an event asked for a check) the page probes this often. */
export const TROUBLE_PROBE_MS = 1_000;
/** Qlik's sample races each probe step against 5 s. */
export const PROBE_STEP_MS = 5_000;
/** How long an unanswered engine call counts as a runtime resuming its session, not a failure. */
export const RESUME_GRACE_MS = 20_000;

/** An HTTP status from an error of the runtime, a number or a numeric string (Qlik's REST errors carry strings). */
export function statusOf(err: unknown): number | undefined {
  const raw = (err as { status?: unknown } | null)?.status;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

type Outcome = { ok: true } | { ok: false; status?: number };
type CallOutcome = Outcome | { pending: true };
interface Call {
  startedAt: number;
  outcome?: Outcome;
  done: Promise<Outcome>;
}

interface TileState extends TileReport {
  gen: number;
  /** Events so far, and how many a probe has answered: while more arrived, check the tile's own object too
   * (counted, so an event during a probe is not lost when that probe ends). */
  asks: number;
  answered: number;
}

export function createHealthWatch(d: HealthWatchDeps) {
  const state = d.tiles.map((): TileState => ({ phase: 'loading', mounted: false, gen: 0, asks: 0, answered: 0 }));
  const asked = (t: TileState) => t.asks > t.answered;
  const calls = new Map<string, Call>(); // the engine call in flight or last answered, per app session
  let sending = false;
  let again = false;
  let probing = false;
  let turn = 0; // probe rounds: which tile of an app answers for it this time
  let roundAt = Infinity; // when the next probe round is due
  let roundId = 0; // the timer that will run it
  let lastKeepalive = -Infinity;
  let stopped = false;
  const timers = new Set<() => void>();
  /** Every timer goes through here, so stop() cancels them all (a slide taken off the page must not probe). */
  function later(fn: () => void, ms: number): void {
    const cancel = d.setTimeout(() => {
      timers.delete(cancel);
      if (!stopped) fn();
    }, ms);
    timers.add(cancel);
  }

  function set(i: number, phase: TilePhase, extra: { mounted?: boolean; status?: number; rule?: ProbeRule } = {}): void {
    const t = state[i]!;
    if (stopped) return;
    const changed = t.phase !== phase || t.status !== extra.status || (extra.rule !== undefined && t.rule !== extra.rule);
    if (t.phase !== phase) d.tiles[i]!.show(phase);
    t.phase = phase;
    if (extra.mounted !== undefined) t.mounted = extra.mounted;
    if (extra.rule !== undefined) t.rule = extra.rule;
    if (extra.status !== undefined) t.status = extra.status;
    else delete t.status; // a status belongs to the check that found it
    if (changed) void send();
  }

  function mount(i: number): void {
    const t = state[i]!;
    if (stopped) return;
    t.gen++;
    t.mounted = false;
    t.answered = t.asks;
    d.tiles[i]!.mount();
    set(i, 'loading');
    d.tiles[i]!.show('loading');
    const appId = d.tiles[i]!.appId;
    if (appId !== undefined) calls.delete(appId); // a new element may bring a new session: ask it afresh
    schedule(TROUBLE_PROBE_MS);
    // The watchdog runs on its own timer: a probe of a runtime that never loaded takes seconds to give up.
    const gen = t.gen;
    later(() => {
      if (gen === t.gen && t.phase === 'loading') set(i, 'timeout');
    }, d.timing.loadTimeoutMs);
  }

  /** One probe round is pending at a time; an earlier need moves it forward. (Timers are told apart by id, not
   * by time: a browser timer may fire a fraction of a millisecond before performance.now() reaches its due time.) */
  function schedule(ms: number): void {
    const at = d.now() + ms;
    if (at >= roundAt) return;
    roundAt = at;
    const id = ++roundId;
    later(() => {
      if (id !== roundId) return; // superseded by an earlier round
      roundAt = Infinity;
      void round();
    }, ms);
  }

  /** Bounded: the call's outcome, or `pending` if it has not answered within a probe step. A call still in
   * flight is waited on, never repeated, until RESUME_GRACE_MS make it a failure. */
  function engineCall(key: string, fn: () => Promise<unknown>): Promise<CallOutcome> {
    const now = d.now();
    let call = calls.get(key);
    if (call && !call.outcome && now - call.startedAt >= RESUME_GRACE_MS) {
      calls.delete(key); // no answer for too long: a failure, and the next round asks afresh
      return Promise.resolve({ ok: false });
    }
    if (!call || call.outcome) {
      const fresh: Call = {
        startedAt: now,
        done: fn().then(
          (): Outcome => ({ ok: true }),
          (err: unknown): Outcome => {
            const status = statusOf(err);
            return status === undefined ? { ok: false } : { ok: false, status };
          },
        ).then((o) => (fresh.outcome = o)),
      };
      call = fresh;
      calls.set(key, fresh);
    }
    const c = call;
    const graceLeft = RESUME_GRACE_MS - (now - c.startedAt);
    const wait = new Promise<CallOutcome>((resolve) => later(() => {
      if (c.outcome || graceLeft > PROBE_STEP_MS) return resolve({ pending: true });
      if (calls.get(key) === c) calls.delete(key);
      resolve({ ok: false });
    }, Math.min(PROBE_STEP_MS, graceLeft)));
    return Promise.race([c.done, wait]);
  }

  async function round(): Promise<void> {
    if (stopped) return;
    if (probing) return schedule(TROUBLE_PROBE_MS);
    probing = true;
    try {
      const keepalive = d.now() - lastKeepalive >= d.timing.keepaliveMs;
      if (keepalive) lastKeepalive = d.now();
      // Between keepalives only tiles in doubt are probed, with every tile of their app (one may hold the doc).
      const inDoubt = (i: number) => keepalive || state[i]!.phase !== 'rendered' || asked(state[i]!);
      const apps = new Set(state.map((_, i) => i).filter(inDoubt).map((i) => d.tiles[i]!.appId));
      const live = state.map((_, i) => i).filter((i) => state[i]!.phase !== 'unavailable' && (inDoubt(i) || apps.has(d.tiles[i]!.appId)));
      const gens = live.map((i) => state[i]!.gen);
      const looks = await Promise.all(live.map((i) => d.tiles[i]!.inspect()));
      // One engine call per app session, through one tile of that app whose ref API has getDoc.
      // The tile whose doc answers for its app takes turns, round by round: a runtime that keeps a session per
      // embed can hold one dead session beside live ones, and a fixed first tile would never meet it.
      turn++;
      const withDoc = new Map<string, number[]>();
      live.forEach((i, k) => {
        const app = d.tiles[i]!.appId;
        if (app !== undefined && looks[k]!.doc) withDoc.set(app, [...(withDoc.get(app) ?? []), k]);
      });
      const byApp = new Map<string, Promise<CallOutcome>>();
      const docOf = new Map<string, number>(); // which tile's doc answers for the app
      for (const [app, ks] of withDoc) {
        const k = ks[turn % ks.length]!;
        byApp.set(app, engineCall(app, looks[k]!.doc!));
        docOf.set(app, live[k]!);
      }
      await Promise.all(live.map(async (i, k) => {
        const t = state[i]!;
        const look = looks[k]!;
        const app = d.tiles[i]!.appId;
        const engine = app === undefined ? undefined : byApp.get(app);
        // In doubt since an event, until a check clears it (an error tile stays in doubt: it is not proven
        // good by its app working while its own object fails).
        const asks = t.asks;
        const doubt = asks > t.answered || t.phase === 'error';
        // A tile in doubt answers for itself: its own object, else its own doc. A runtime may keep a session per
        // embed (a remount made while the token was refused holds a dead one), and a sibling's working session
        // then proves nothing about this tile.
        const ownCheck = doubt ? look.object ?? (app !== undefined && docOf.get(app) !== i ? look.doc : undefined) : undefined;
        const own = ownCheck ? engineCall(`#${i}`, ownCheck) : undefined;
        const [e, o] = await Promise.all([engine, own]);
        if (gens[k] !== t.gen || t.phase === 'unavailable') return; // remounted or retired meanwhile
        t.answered = Math.max(t.answered, asks);
        verdict(i, look, doubt, e, o);
      }));
    } finally {
      probing = false;
      const calm = state.every((t) => (t.phase === 'rendered' && !asked(t)) || t.phase === 'unavailable');
      schedule(calm ? Math.max(0, lastKeepalive + d.timing.keepaliveMs - d.now()) : TROUBLE_PROBE_MS);
    }
  }

  function verdict(i: number, look: TileInspection, asked: boolean, engine: CallOutcome | undefined, own: CallOutcome | undefined): void {
    const t = state[i]!;
    const rule: ProbeRule = own && look.object ? 'object' : own || engine ? 'doc' : 'visible';
    const extra = { mounted: look.mounted, rule };
    const failure = [own, engine].find((o): o is { ok: false; status?: number } => o !== undefined && 'ok' in o && !o.ok);
    // After an event, content that no check can reach is not proven by being visible (an error can be drawn).
    const unproven = asked && !own && !engine;
    const wasShowing = t.phase === 'rendered' || t.phase === 'resuming' || t.phase === 'session-lost';
    if (failure || unproven) {
      const status = failure?.status;
      // Loading tiles wait for the watchdog unless the check followed an event or named a status.
      const phase: TilePhase = wasShowing && !asked ? 'session-lost' : asked || status !== undefined || t.phase === 'error' ? 'error' : t.phase;
      return set(i, phase, status === undefined ? extra : { ...extra, status });
    }
    if ([own, engine].some((o) => o !== undefined && 'pending' in o)) {
      if (wasShowing) set(i, 'resuming', extra);
      return;
    }
    if (look.mounted && look.shows) return set(i, 'rendered', extra);
    if (wasShowing) set(i, 'session-lost', extra);
    else t.mounted = look.mounted;
  }

  /** One report in flight at a time; a change meanwhile sends the newest state right after. */
  async function send(): Promise<void> {
    if (stopped) return;
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      do {
        again = false;
        const tiles = state.map(({ phase, mounted, status, rule }): TileReport => ({ phase, mounted, ...(status === undefined ? {} : { status }), ...(rule === undefined ? {} : { rule }) }));
        apply(await d.report({ tiles }));
      } while (again && !stopped);
    } finally {
      sending = false;
    }
  }

  function apply(x: HealthDirectives): void {
    if (stopped) return; // an answer to a report sent before the watch stopped
    for (const i of x.unavailable) if (state[i] && state[i].phase !== 'unavailable') set(i, 'unavailable');
    for (const i of x.remount) if (state[i]) mount(i);
  }

  function heartbeat(): void {
    void send();
    later(heartbeat, d.timing.heartbeatMs);
  }

  return {
    start(): void {
      lastKeepalive = d.now();
      d.tiles.forEach((_, i) => mount(i));
      heartbeat();
    },
    /** Recreates tile `i` for a reason that is not healing (an idle reset back to the start state); its health
     * starts over as for any mount. A tile whose content is gone stays as main decided. */
    remount(i: number): void {
      if (state[i] && state[i].phase !== 'unavailable') mount(i);
    },
    /** qlik-embed's `error` or `fatalerror` on tile `i`: a reason to check it now, nothing more. */
    embedError(i: number): void {
      const t = state[i];
      if (!t || t.phase === 'unavailable') return;
      t.asks++;
      schedule(0);
    },
    /** Sends the current state now (the slide has just come on screen: main hears of it at once). */
    reportNow(): void {
      void send();
    },
    /** The tiles leave the page: no more probes, reports or timers, and late answers change nothing. */
    stop(): void {
      stopped = true;
      for (const cancel of timers) cancel();
      timers.clear();
    },
    get tiles(): readonly TileReport[] {
      return state;
    },
  };
}
