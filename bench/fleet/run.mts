// Runs fleets of simulated kiosks (kiosk.mts) against fake tenants on one simulated clock: per broker variant
// (with and without jitter) one tenant, serving two fleets side by side, one whose kiosks all share one device
// identity (one Qlik user, one rate-limit budget) and one with a user per kiosk. Time moves in 1 s steps; in each
// step the due timers fire (page loads, probes, boots), the tenants' clocks move to the same moment, and the
// step ends when every token request has been answered over loopback HTTP. No real time is waited for.
import type { TokenBrokerOptions } from '../../src/main/auth/token-broker';
import type { Http } from '../../src/main/core/ports';
import { startFakeTenant, type FakeTenant, type LogEntry } from '../../test/fake-tenant';
import { createKiosk } from './kiosk.mts';
import { seededRandom, SimClock } from './sim-clock.mts';

export interface FleetScenario {
  name: string;
  /** Kiosks per fleet. */
  kiosks: number;
  /** Every kiosk of a fleet boots at a random moment in [bootAtSec, bootAtSec + bootSpreadSec). */
  bootAtSec: number;
  bootSpreadSec: number;
  pageEverySec: number;
  tokenTtlSec: number;
  spanSec: number;
  /** The token endpoint answers 503 for this long. */
  outage: { startSec: number; durationSec: number };
  /** The tenant's limit per user: so many per minute, evaluated over a rolling window of so many minutes. */
  limit: { perMinute: number; windowMinutes: number };
  seed: number;
}

export const FLEETS = ['shared', 'per-user'] as const;
export type FleetName = (typeof FLEETS)[number];
export interface Variant {
  name: string;
  broker: Partial<TokenBrokerOptions>;
}
export const VARIANTS: Variant[] = [
  { name: 'jitter', broker: {} }, // the broker's defaults
  { name: 'no jitter', broker: { jitter: 0 } },
];

export const SHARED_USER = 'kiosk-device';
const CLIENT_ID = 'kiosk-imp';
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const perUser = (i: number) => `kiosk-${String(i + 1).padStart(4, '0')}`;

/** One token request as the tenant logged it, in simulated seconds from the start. */
export interface Arrival {
  sec: number;
  user: string;
  status: number;
}

export interface FleetRun {
  variant: string;
  fleet: FleetName;
  arrivals: Arrival[];
  /** Per simulated second: how many of the fleet's kiosks held no token their broker would hand out. */
  withoutToken: Uint16Array;
  /** Per simulated second: how many of them showed the status screen. */
  onStatus: Uint16Array;
  /** Every token a kiosk received: when (s), which kiosk, and until when it may hand it out (s). */
  mints: { sec: number; kiosk: number; usableUntilSec: number }[];
}

export interface RunOptions {
  secret: string;
  variants?: Variant[];
  /** Called once per simulated minute (progress). */
  onMinute?: (minute: number) => void;
}

export async function runFleets(s: FleetScenario, o: RunOptions): Promise<FleetRun[]> {
  const variants = o.variants ?? VARIANTS;
  const users = [SHARED_USER, ...Array.from({ length: s.kiosks }, (_, i) => perUser(i))].map((id) => ({ id, subject: `KIOSKS\\${id}`, status: 'active' as const }));
  const tenants: FakeTenant[] = [];
  try {
    for (const _ of variants) {
      tenants.push(await startFakeTenant({
        clientSecret: o.secret, users, accessTokenTtlSec: s.tokenTtlSec, startTimeMs: T0,
        rateLimit: { tokenEndpointPerMinute: s.limit.perMinute, windowMinutes: s.limit.windowMinutes },
      }));
    }
    const clock = new SimClock(T0);
    let inflight = 0;
    const http: Http = async (url, init) => {
      inflight++;
      try {
        const res = await fetch(url, init);
        const text = await res.text(); // read whole here, so "answered" means the broker has it all
        return new Response(text, { status: res.status, headers: res.headers });
      } finally {
        inflight--;
      }
    };

    // The same boot moments for every variant, so they differ only in the broker.
    const bootRandom = seededRandom(s.seed);
    const bootAt = FLEETS.map(() => Array.from({ length: s.kiosks }, () => (s.bootAtSec + bootRandom() * s.bootSpreadSec) * 1000));
    const fleets = variants.flatMap((v, vi) =>
      FLEETS.map((fleet, fi) => {
        const usableUntil = new Float64Array(s.kiosks); // per kiosk, epoch ms; 0 before its first token
        const status = new Uint8Array(s.kiosks); // 1 while it shows the status screen
        const mints: FleetRun['mints'] = [];
        for (let i = 0; i < s.kiosks; i++) {
          const boot = createKiosk({
            tenant: tenants[vi]!.baseUrl, clientId: CLIENT_ID, secret: o.secret, userId: fleet === 'shared' ? SHARED_USER : perUser(i),
            broker: v.broker, pageEveryMs: s.pageEverySec * 1000, clock, http,
            random: seededRandom(s.seed * 7919 + (vi * FLEETS.length + fi) * 1_000_003 + i),
            onUsableUntil: (ms) => {
              usableUntil[i] = ms;
              mints.push({ sec: (clock.now() - T0) / 1000, kiosk: i, usableUntilSec: (ms - T0) / 1000 });
            },
            onShowing: (showing) => (status[i] = showing === 'status' ? 1 : 0),
          });
          clock.setTimeout(boot, bootAt[fi]![i]!);
        }
        return { variant: v.name, fleet, usableUntil, status, mints, withoutToken: new Uint16Array(s.spanSec + 1), onStatus: new Uint16Array(s.spanSec + 1) };
      }),
    );

    const faults: { tenant: FakeTenant; id: string }[] = [];
    clock.setTimeout(() => {
      for (const tenant of tenants) {
        const f = tenant.addFault({
          method: 'POST', path: '/oauth/token', status: 503, times: Number.MAX_SAFE_INTEGER,
          body: { errors: [{ code: 'HTTP-503', title: 'Service Unavailable', detail: 'The service is unavailable.', status: '503' }] },
        });
        faults.push({ tenant, id: f.id });
      }
    }, s.outage.startSec * 1000);
    clock.setTimeout(() => {
      for (const f of faults) f.tenant.removeFault(f.id);
    }, (s.outage.startSec + s.outage.durationSec) * 1000);

    const tick = () => new Promise((r) => setImmediate(r));
    for (let sec = 0; sec <= s.spanSec; sec++) {
      const t = T0 + sec * 1000;
      clock.runUntil(t);
      for (const tenant of tenants) tenant.clock.advance((t - tenant.clock.now()) / 1000);
      // Settled: nothing in flight across two turns of the event loop (a continuation may send the next request).
      for (let quiet = 0; quiet < 2; ) {
        await tick();
        quiet = inflight === 0 ? quiet + 1 : 0;
      }
      for (const f of fleets) {
        let without = 0;
        let status = 0;
        for (let i = 0; i < s.kiosks; i++) {
          if (f.usableUntil[i]! <= t) without++;
          status += f.status[i]!;
        }
        f.withoutToken[sec] = without;
        f.onStatus[sec] = status;
      }
      if (sec % 60 === 0) o.onMinute?.(sec / 60);
    }

    return fleets.map((f, i) => {
      const log = tenants[Math.floor(i / FLEETS.length)]!.log();
      const mine = (e: LogEntry) => e.path === '/oauth/token' && e.method === 'POST' && (f.fleet === 'shared') === (e.userLookup?.value === SHARED_USER);
      const arrivals = log.filter(mine).map((e) => ({ sec: (e.t - T0) / 1000, user: e.userLookup?.value ?? '?', status: e.status ?? 0 }));
      return { variant: f.variant, fleet: f.fleet, arrivals, withoutToken: f.withoutToken, onStatus: f.onStatus, mints: f.mints };
    });
  } finally {
    await Promise.all(tenants.map((t) => t.close()));
  }
}
