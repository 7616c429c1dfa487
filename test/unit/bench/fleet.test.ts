// The fleet bench (bench/fleet.bench.mts) scaled down: 50 kiosks per fleet against a limit scaled by the same
// factor (5 per minute over 5 minutes: a window's worth is half the fleet, as 500 is half of 1,000), with the real
// token lifetime, outage and broker timings. The shipped broker must keep under the limit after the outage and bring
// every kiosk back in time; without jitter the same day must break the limit, so the test tells them apart.
import { describe, expect, it } from 'vitest';
import { BOOT_IN_OUTAGE, DAY, runScenario } from '../../../bench/fleet/scenarios.mts';
import type { FleetScenario } from '../../../bench/fleet/run.mts';
import type { FleetStats } from '../../../bench/fleet/stats.mts';

const scaled = (s: FleetScenario, over: Partial<FleetScenario> = {}): FleetScenario => ({ ...s, kiosks: 50, limit: { perMinute: 5, windowMinutes: 5 }, ...over });
const secret = 'fleet-test-secret-0123456789abcdef';
const find = (fleets: FleetStats[], fleet: string, variant: string) => fleets.find((f) => f.fleet === fleet && f.variant === variant)!;

describe('the fleet bench, scaled down', () => {
  it('a day with an outage at the worst moment for a fleet that booted together: with jitter under the limit and back in time; without, over the limit', async () => {
    // Pages every 2 min instead of 30 s keeps it quick; a refresh then starts up to 2 min into its window.
    const s = scaled(DAY, { spanSec: DAY.outage.startSec + 30 * 60, pageEverySec: 120 });
    const { fleets } = await runScenario(s, { secret });
    for (const fleet of ['shared', 'per-user']) {
      const f = find(fleets, fleet, 'jitter');
      expect(f.ok, fleet).toBeGreaterThanOrEqual(2 * s.kiosks); // every kiosk minted at boot and refreshed at least once
      expect(f.verdict, fleet).toEqual({ limitKept: true, backInTime: true });
    }
    // Without jitter the fleet refreshes in step: the outage finds half of it or more without a token, and all of
    // them retry within the first minute after it.
    const control = find(fleets, 'shared', 'no jitter');
    expect(control.recovery.withoutTokenAtOutageEnd).toBeGreaterThanOrEqual(s.kiosks / 2);
    expect(control.verdict.limitKept).toBe(false);
  }, 120_000);

  it('the fleet boots during the outage: each kiosk beyond the first window\'s budget refused about once and back when the window frees (Retry-After, spread)', async () => {
    const s = scaled(BOOT_IN_OUTAGE, { spanSec: 20 * 60 });
    const { fleets } = await runScenario(s, { secret });
    const shared = find(fleets, 'shared', 'jitter');
    expect(shared.recovery.withoutTokenAtOutageEnd).toBe(s.kiosks);
    expect(shared.recovery.minimumSec).toBe(300); // 25 at once, the other 25 when the window has passed
    const beyondBudget = s.kiosks - shared.afterOutage.windowLimit;
    expect(find(fleets, 'per-user', 'jitter').verdict.backInTime).toBe(true);
    // The second window's kiosks come back as it frees; one refused a second time waits one retry interval more.
    expect(shared.recovery.allBackSec).toBeLessThan(shared.recovery.minimumSec + 3 * 60);
    expect(shared.afterOutage.limited).toBeGreaterThanOrEqual(beyondBudget);
    expect(shared.afterOutage.limited).toBeLessThanOrEqual(Math.ceil(beyondBudget * 1.2));
    expect(find(fleets, 'per-user', 'jitter').afterOutage.limited).toBe(0);
  }, 120_000);
});
