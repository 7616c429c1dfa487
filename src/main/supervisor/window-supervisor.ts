// One supervisor per kiosk window decides every heal of it. Pure: it takes the Clock, the relaunch ledger and
// the actions as ports, so every rule runs on a fake clock in unit tests. The renderer never heals itself: it
// reports, and this decides.
//
// The ladder, climbed when faults come close together (within `escalateWithinMs` of the previous heal):
//   1 reload the page  →  2 recreate the window (a dead renderer is never reused; the HTTP and code caches are
//   cleared when the crash followed memory exhaustion)  →  3 relaunch the app, at most `relaunchCap.count` times
//   per `relaunchCap.windowMs`, counted in a ledger that survives the relaunch. Past the cap the window stays on
//   the status screen and tries the content again every `cappedProbeMs`: never a crash loop, never a quit.
//   Embeds that keep failing in fresh pages (the tenant being fine), and a page that keeps leaving the URL main
//   loaded, go to that slow probe instead of a relaunch: a new process cures neither. Only main's own slow probe
//   ends the capped state: a page's word that it renders (any script can send one) does not.
// Also: a memory governor recycles the window when its renderer passes the ceiling, once it is not loading;
// and a daily recycle at a quiet local time keeps every session shorter than Qlik's maximum session length.
import type { Clock, Log } from '../core/ports';

/** `heartbeat-lost`: the page stopped reporting (hung); `embeds-failed`: the tenant is fine, but the page's embeds
 * cannot recover inside it (runtime never loaded, qlik-embed's fatal error); `navigated-away`: the window committed
 * a page main did not load into it (the page navigated itself: only main chooses what a Qiosk window shows). */
export type Fault = 'crashed' | 'oom' | 'unresponsive' | 'heartbeat-lost' | 'load-failed' | 'embeds-failed' | 'navigated-away';
/** A renderer in one of these states is dead: it is never reused. */
const DEAD: ReadonlySet<Fault> = new Set(['crashed', 'oom', 'unresponsive', 'heartbeat-lost']);
/** Faults of the content itself, which a relaunched process would meet again: the slow probe instead. */
const NOT_CURED_BY_RELAUNCH: ReadonlySet<Fault> = new Set(['embeds-failed', 'navigated-away']);
export type Rung = 'reload' | 'recreate' | 'relaunch' | 'capped';
export type Cause = Fault | 'memory' | 'daily-recycle' | 'session-age';

export interface SupervisorActions {
  /** Called before every action that replaces the page: what the old page reports from now on is not heard. */
  leavePage(): void;
  /** Loads the page main last loaded into the window again (main's URL, not whatever the page made current). */
  reload(): void;
  recreate(o: { clearCache: boolean }): void;
  relaunch(): void;
  /** Past the relaunch cap: the plain status screen, Qiosk keeps probing; the next probe is at `retryAt`. */
  showCapped(retryAt: number): void;
  /** The capped window's slow probe: try the content again (through the tenant check), not the status page. */
  retryContent(): void;
}

/** Relaunch times (epoch ms), kept where a relaunched process can read them (a small file in userData). */
export interface RelaunchLedger {
  read(): number[];
  write(times: number[]): void;
}

export interface SupervisorOptions {
  escalateWithinMs: number;
  relaunchCap: { count: number; windowMs: number };
  cappedProbeMs: number;
  memoryCeilingBytes: number;
  /** Local time of the daily recycle, minutes after midnight. */
  dailyRecycleMinute: number;
  /** Recycle before a session reaches this age (Qlik Cloud's maximum session length, less a margin). */
  maxSessionMs: number;
  /** Local time zone offset in minutes for `now` (Date#getTimezoneOffset; injected for tests). */
  timezoneOffsetMinutes(now: number): number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: Omit<SupervisorOptions, 'memoryCeilingBytes' | 'dailyRecycleMinute' | 'maxSessionMs'> = {
  escalateWithinMs: 2 * 60_000,
  relaunchCap: { count: 5, windowMs: 10 * 60_000 },
  cappedProbeMs: 5 * 60_000,
  timezoneOffsetMinutes: (now) => new Date(now).getTimezoneOffset(),
};

/** The options for a window's supervisor from the config's `supervisor` section. */
export function supervisorOptions(c: { memoryCeilingMb: number; dailyRecycleAt: string; maxSessionHours: number }): SupervisorOptions {
  return {
    ...DEFAULT_SUPERVISOR_OPTIONS,
    memoryCeilingBytes: c.memoryCeilingMb * 1048576,
    dailyRecycleMinute: Number(c.dailyRecycleAt.slice(0, 2)) * 60 + Number(c.dailyRecycleAt.slice(3, 5)),
    maxSessionMs: c.maxSessionHours * 3_600_000,
  };
}

/** The window's current state, observable (the health status reads it). */
export interface WindowHealth {
  state: 'content' | 'healing' | 'capped';
  /** The rung the last heal took, and why. */
  lastHeal?: { cause: Cause; rung: Rung; at: number };
  /** Consecutive heals close together (resets after a quiet `escalateWithinMs`). */
  streak: number;
  sessionStartedAt: number;
  nextRecycleAt: number;
}

export interface WindowSupervisor {
  fault(f: Fault): void;
  /** The window shows working content again (every embed rendered). While capped, heard only once main's own slow
   * probe has put the content back (the page's reports are untrusted). */
  healthy(): void;
  /** Checks the planned recycle against the wall clock (timers do not notice a clock jump or a sleep);
   * true when it recycled the window just now. */
  tick(): boolean;
  loading(isLoading: boolean): void;
  /** The renderer's memory, as the OS reports it. */
  memory(bytes: number): void;
  readonly health: WindowHealth;
  onChange(fn: (h: WindowHealth) => void): () => void;
  stop(): void;
}

const RUNGS: Rung[] = ['reload', 'recreate', 'relaunch'];

/** Whether a relaunch is within the cap; if so it is counted (in the ledger, which outlives the process). */
export function takeRelaunch(ledger: RelaunchLedger, cap: { count: number; windowMs: number }, now: number): boolean {
  const recent = ledger.read().filter((t) => t > now - cap.windowMs && t <= now);
  if (recent.length >= cap.count) return false;
  ledger.write([...recent, now]);
  return true;
}

/** The next epoch ms at local `minute` after midnight, strictly after `now`. */
export function nextLocalTime(now: number, minute: number, tzOffset: (t: number) => number): number {
  const localNow = now - tzOffset(now) * 60_000;
  const dayStart = Math.floor(localNow / 86_400_000) * 86_400_000;
  let at = dayStart + minute * 60_000;
  if (at <= localNow) at += 86_400_000;
  return at + tzOffset(now) * 60_000;
}

export function createWindowSupervisor(o: SupervisorOptions, deps: { clock: Clock; ledger: RelaunchLedger; actions: SupervisorActions; log: Log }): WindowSupervisor {
  const { clock, ledger, actions, log } = deps;
  const listeners = new Set<(h: WindowHealth) => void>();
  let isLoading = false;
  let pendingMemoryRecycle = false;
  let cancelProbe: (() => void) | undefined;
  let cancelRecycle: (() => void) | undefined;
  let stopped = false;
  let retrying = false; // capped, and main's slow probe has put the content back in the window
  let lastFaultAt: number | undefined; // planned recycles do not count towards the ladder
  const health: WindowHealth = { state: 'content', streak: 0, sessionStartedAt: clock.now(), nextRecycleAt: 0 };
  const changed = () => listeners.forEach((fn) => fn({ ...health }));

  let nextCause: Cause = 'daily-recycle';
  function scheduleRecycle(): void {
    cancelRecycle?.();
    const now = clock.now();
    const daily = nextLocalTime(now, o.dailyRecycleMinute, o.timezoneOffsetMinutes);
    const byAge = health.sessionStartedAt + o.maxSessionMs;
    health.nextRecycleAt = Math.max(now, Math.min(daily, byAge));
    nextCause = daily <= byAge ? 'daily-recycle' : 'session-age';
    cancelRecycle = clock.setTimeout(() => recycle(nextCause), health.nextRecycleAt - now);
  }

  /** A fresh window, planned (memory, daily, age): not a fault, so the ladder does not climb. */
  function recycle(cause: Cause): void {
    if (stopped) return;
    pendingMemoryRecycle = false; // the fresh window starts below any ceiling
    record(cause, 'recreate');
    actions.leavePage();
    actions.recreate({ clearCache: cause === 'memory' });
    health.sessionStartedAt = clock.now();
    scheduleRecycle();
    changed();
  }

  function record(cause: Cause, rung: Rung): void {
    health.lastHeal = { cause, rung, at: clock.now() };
    log.warn('healing the kiosk window', { cause, rung, streak: health.streak });
  }

  const relaunchAllowed = (now: number) => takeRelaunch(ledger, o.relaunchCap, now);

  function capped(cause: Cause): void {
    health.state = 'capped';
    retrying = false;
    record(cause, 'capped');
    actions.leavePage();
    actions.showCapped(clock.now() + o.cappedProbeMs);
    cancelProbe?.();
    // Slowly, for as long as it takes: a reload is the cheapest probe of whether the cause is gone.
    cancelProbe = clock.setTimeout(() => {
      cancelProbe = undefined;
      if (stopped) return;
      log.info('probing after relaunches were capped');
      retrying = true;
      actions.retryContent();
    }, o.cappedProbeMs);
    changed();
  }

  const supervisor: WindowSupervisor = {
    fault(f) {
      if (stopped) return;
      const now = clock.now();
      const close = lastFaultAt !== undefined && now - lastFaultAt <= o.escalateWithinMs;
      lastFaultAt = now;
      health.streak = close ? health.streak + 1 : 0;
      if (health.state === 'capped') return capped(f);
      const rung = RUNGS[Math.min(health.streak, RUNGS.length - 1)]!;
      // A crashed, out-of-memory or hung renderer is dead: never reuse it, start at a new window.
      const effective: Rung = rung === 'reload' && DEAD.has(f) ? 'recreate' : rung;
      health.state = 'healing';
      if (effective === 'relaunch') {
        // A new process does not cure content that fails in a new page: slow probes instead of relaunches.
        if (NOT_CURED_BY_RELAUNCH.has(f) || !relaunchAllowed(now)) return capped(f);
        record(f, 'relaunch');
        changed();
        actions.leavePage();
        return actions.relaunch();
      }
      record(f, effective);
      if (effective !== 'reload') pendingMemoryRecycle = false; // a new window is a fresh renderer
      actions.leavePage();
      if (effective === 'reload') actions.reload();
      else actions.recreate({ clearCache: f === 'oom' });
      changed();
    },
    healthy() {
      if (stopped || health.state === 'content') return;
      if (health.state === 'capped' && !retrying) return; // not logged: a page could repeat it at will
      retrying = false;
      health.state = 'content';
      cancelProbe?.();
      cancelProbe = undefined;
      log.info('kiosk window healthy again', { after: health.lastHeal?.cause });
      changed();
    },
    tick() {
      if (stopped || clock.now() < health.nextRecycleAt) return false;
      log.info('a planned recycle is due by the wall clock (clock jump or sleep)');
      recycle(nextCause);
      return true;
    },
    loading(l) {
      isLoading = l;
      if (!l && pendingMemoryRecycle) {
        pendingMemoryRecycle = false;
        recycle('memory');
      }
    },
    memory(bytes) {
      if (stopped || bytes <= o.memoryCeilingBytes || pendingMemoryRecycle) return;
      log.warn('renderer memory over the ceiling', { mb: Math.round(bytes / 1048576), ceilingMb: Math.round(o.memoryCeilingBytes / 1048576) });
      if (isLoading) pendingMemoryRecycle = true; // at a moment that interrupts nothing
      else recycle('memory');
    },
    get health() {
      return { ...health };
    },
    onChange(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    stop() {
      stopped = true;
      cancelProbe?.();
      cancelRecycle?.();
    },
  };
  scheduleRecycle();
  return supervisor;
}
