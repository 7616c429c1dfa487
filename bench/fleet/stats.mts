// What the fleet bench reports, from the tenants' own request logs and the per-second token census (run.mts):
// requests, 200s and 429s per minute; the busiest user's requests in any window of the tenant's limit after the
// outage, against that limit; and how long after the outage until every kiosk held a token again, against the
// least the limit allows.
import type { FleetRun, FleetScenario } from './run.mts';

/** A kiosk learns that the tenant is back only at its next attempt: the broker's longest wait between two
 * (retryMaxMs, 60 s) is allowed on top of the limit's minimum. */
export const DETECT_ALLOWANCE_SEC = 60;

export interface FleetStats {
  variant: string;
  fleet: string;
  /** The whole run. */
  requests: number;
  ok: number;
  limited: number;
  /** Per simulated minute, the fleet's token requests at the tenant, and those answered 200, 429 and 503. */
  perMinute: { requests: number[]; ok: number[]; limited: number[]; unavailable: number[] };
  afterOutage: {
    requests: number;
    limited: number;
    /** The fleet's most requests in one minute (all users together). */
    maxPerMinute: number;
    /** The busiest single user's most requests in one minute, and in any window of the limit (`windowMinutes`). */
    maxPerMinuteOneUser: number;
    maxPerWindowOneUser: number;
    /** What the tenant admits per user in such a window. */
    windowLimit: number;
  };
  recovery: {
    /** Kiosks without a token their broker would hand out, when the outage ended. */
    withoutTokenAtOutageEnd: number;
    /** Seconds from the outage's end until every kiosk held one again (for the rest of the run). */
    allBackSec: number;
    /** The least the limit allows for those kiosks' mints: under the tenant's window (a burst of a window's worth,
     * then a window's worth per window) and at a steady per-minute rate. */
    minimumSec: number;
    steadyMinimumSec: number;
    /** Summed over the fleet's kiosks, from the outage's start to the end of the run. */
    kioskMinutesWithoutToken: number;
  };
  /** Before the outage, the 10 minutes an outage would have hurt this fleet most: from its token history, how many
   * kiosks would have been without a token at its end (their token ran out inside it, its successor not yet
   * minted), for every start on a whole minute from an hour after boot until the real outage. */
  worstOutage?: { startSec: number; withoutTokenAtEnd: number };
  verdict: { limitKept: boolean; backInTime: boolean };
}

const sum = (a: ArrayLike<number>) => {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]!;
  return total;
};

/** The most entries of a sorted list inside any window [x, x + width). */
function maxInWindow(sorted: number[], width: number): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= width) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export function fleetStats(run: FleetRun, s: FleetScenario): FleetStats {
  const minutes = Math.ceil((s.spanSec + 1) / 60);
  const perMinute = { requests: Array<number>(minutes).fill(0), ok: Array<number>(minutes).fill(0), limited: Array<number>(minutes).fill(0), unavailable: Array<number>(minutes).fill(0) };
  for (const a of run.arrivals) {
    const m = Math.floor(a.sec / 60);
    perMinute.requests[m]!++;
    if (a.status === 200) perMinute.ok[m]!++;
    if (a.status === 429) perMinute.limited[m]!++;
    if (a.status === 503) perMinute.unavailable[m]!++;
  }
  const end = s.outage.startSec + s.outage.durationSec;
  const after = run.arrivals.filter((a) => a.sec >= end);
  const byUser = new Map<string, number[]>();
  for (const a of after) {
    let list = byUser.get(a.user);
    if (!list) byUser.set(a.user, (list = []));
    list.push(a.sec);
  }
  let maxPerMinuteOneUser = 0;
  let maxPerWindowOneUser = 0;
  for (const secs of byUser.values()) {
    secs.sort((x, y) => x - y);
    const perMin = new Map<number, number>();
    for (const t of secs) perMin.set(Math.floor(t / 60), (perMin.get(Math.floor(t / 60)) ?? 0) + 1);
    maxPerMinuteOneUser = Math.max(maxPerMinuteOneUser, ...perMin.values());
    maxPerWindowOneUser = Math.max(maxPerWindowOneUser, maxInWindow(secs, s.limit.windowMinutes * 60));
  }
  const firstMinuteAfter = Math.floor(end / 60);
  const windowLimit = s.limit.perMinute * s.limit.windowMinutes;

  // Every kiosk back: from the outage's end, the first second after which no kiosk lacks a token to the end.
  let lastWithout = -1;
  for (let sec = s.outage.startSec; sec <= s.spanSec; sec++) if (run.withoutToken[sec]! > 0) lastWithout = sec;
  const allBackSec = Math.max(0, lastWithout + 1 - end);
  const k = run.withoutToken[end - 1] ?? 0; // the last second of the outage
  // Kiosks that share a user queue for one budget; kiosks with their own user need one mint each from their own.
  const perBudget = run.fleet === 'shared' ? k : Math.min(k, 1);
  const minimumSec = perBudget <= windowLimit ? 0 : Math.ceil(perBudget / windowLimit - 1) * s.limit.windowMinutes * 60;
  const steadyMinimumSec = Math.round((perBudget / s.limit.perMinute) * 60);
  const kioskSecondsWithout = sum(run.withoutToken.subarray(s.outage.startSec));

  return {
    ...(s.outage.startSec > 3600 + s.outage.durationSec ? { worstOutage: worstOutage(run, s) } : {}),
    variant: run.variant,
    fleet: run.fleet,
    requests: run.arrivals.length,
    ok: sum(perMinute.ok),
    limited: sum(perMinute.limited),
    perMinute,
    afterOutage: {
      requests: after.length,
      limited: after.filter((a) => a.status === 429).length,
      maxPerMinute: Math.max(0, ...perMinute.requests.slice(firstMinuteAfter)),
      maxPerMinuteOneUser,
      maxPerWindowOneUser,
      windowLimit,
    },
    recovery: { withoutTokenAtOutageEnd: k, allBackSec, minimumSec, steadyMinimumSec, kioskMinutesWithoutToken: Math.round(kioskSecondsWithout / 60) },
    verdict: { limitKept: maxPerWindowOneUser <= windowLimit, backInTime: allBackSec <= minimumSec + DETECT_ALLOWANCE_SEC },
  };
}

function worstOutage(run: FleetRun, s: FleetScenario): { startSec: number; withoutTokenAtEnd: number } {
  const usable = new Float64Array(s.kiosks); // as of the moment considered; 0 before the first token
  const mints = [...run.mints].sort((a, b) => a.sec - b.sec);
  let next = 0;
  let worst = { startSec: 0, withoutTokenAtEnd: -1 };
  for (let start = 3600; start + s.outage.durationSec <= s.outage.startSec; start += 60) {
    for (; next < mints.length && mints[next]!.sec <= start; next++) usable[mints[next]!.kiosk] = mints[next]!.usableUntilSec;
    let without = 0;
    for (let i = 0; i < s.kiosks; i++) if (usable[i]! <= start + s.outage.durationSec) without++;
    if (without > worst.withoutTokenAtEnd) worst = { startSec: start, withoutTokenAtEnd: without };
  }
  return worst;
}
