// When an embed dies (qlik-embed's `fatalerror`, or the config cannot be fetched) the only cure is a page
// reload. Reloads back off exponentially with jitter, so a fleet of kiosks does not hammer the tenant in step,
// and the attempt count survives the reload (sessionStorage) so the back-off really grows.
export const FIRST_RELOAD_MS = 10_000;
export const MAX_RELOAD_MS = 10 * 60_000;
/** A page that stays healthy this long resets the back-off. */
export const HEALTHY_RESET_MS = 5 * 60_000;
export const ATTEMPT_KEY = 'qiosk.reloadAttempt';

/** Delay before reload number `attempt` (0-based), jittered to 75–125 %. `random` is in [0, 1). */
export function reloadDelay(attempt: number, random: number): number {
  const base = Math.min(MAX_RELOAD_MS, FIRST_RELOAD_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(base * (0.75 + random * 0.5));
}

export interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ReloadScheduler {
  /** Schedules at most one reload; later calls while one is pending do nothing. Returns the delay used. */
  schedule(why: string): number | undefined;
  /** The page has been healthy: forget earlier failures. */
  healthy(): void;
}

export function createReloadScheduler(deps: {
  storage: Storage;
  random(): number;
  setTimeout(fn: () => void, ms: number): void;
  reload(): void;
  onScheduled?(why: string, ms: number): void;
}): ReloadScheduler {
  let pending = false;
  const attempt = () => {
    const n = Number.parseInt(deps.storage.getItem(ATTEMPT_KEY) ?? '0', 10);
    return Number.isFinite(n) && n >= 0 ? n : 0;
  };
  return {
    schedule(why) {
      if (pending) return undefined;
      pending = true;
      const n = attempt();
      const ms = reloadDelay(n, deps.random());
      deps.storage.setItem(ATTEMPT_KEY, String(n + 1));
      deps.onScheduled?.(why, ms);
      deps.setTimeout(() => deps.reload(), ms);
      return ms;
    },
    healthy() {
      if (!pending) deps.storage.removeItem(ATTEMPT_KEY);
    },
  };
}
