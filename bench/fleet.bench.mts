// `npm run bench` (fleet part): 1,000 kiosks' token brokers against one fake tenant through a simulated day with a
// 10-minute outage of the token endpoint (issue 17, item 8; bench/fleet/). Writes bench/results/fleet.json and
// fleet.md; exits non-zero when the target is missed (with jitter, never above the tenant's limit after the
// outage, and every kiosk back within the time the limit allows). Runs for a few minutes on one core.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fleetReport } from './fleet/report.mts';
import { BOOT_IN_OUTAGE, DAY, runScenario, targetMet, type ScenarioResult } from './fleet/scenarios.mts';

const started = performance.now();
const secret = randomBytes(24).toString('base64url');
const results: ScenarioResult[] = [];
for (const s of [DAY, BOOT_IN_OUTAGE]) {
  console.log(`fleet bench: ${s.name} (${s.kiosks} kiosks per fleet, ${s.spanSec / 3600} h simulated)`);
  const r = await runScenario(s, {
    secret,
    onMinute: (m) => {
      if (m > 0 && m % 120 === 0) console.log(`  ${m / 60} h simulated, ${Math.round((performance.now() - started) / 1000)} s`);
    },
  });
  results.push(r);
  console.table(r.fleets.map((f) => ({
    fleet: f.fleet, broker: f.variant, withoutTokenAtEnd: f.recovery.withoutTokenAtOutageEnd,
    maxPer5MinAfter: f.afterOutage.maxPerWindowOneUser, limitPer5Min: f.afterOutage.windowLimit, maxPerMinAfter: f.afterOutage.maxPerMinute,
    err429After: f.afterOutage.limited, allBackSec: f.recovery.allBackSec, minimumSec: f.recovery.minimumSec,
  })));
}

const ctx = { ranAt: new Date().toISOString(), node: process.version, cores: availableParallelism(), wallSec: Math.round((performance.now() - started) / 1000) };
const dir = path.join(import.meta.dirname, 'results');
// One line per array of numbers: a day has 1,440 minutes per series.
const json = JSON.stringify({ ...ctx, target: targetMet(results[0]!), results }, null, 2).replace(/\[\s+([-\d.,\s]+?)\s+\]/g, (_m, nums: string) => `[${nums.split(/,\s*/).join(', ')}]`);
writeFileSync(path.join(dir, 'fleet.json'), `${json}\n`);
writeFileSync(path.join(dir, 'fleet.md'), fleetReport(results, ctx));
console.log('wrote bench/results/fleet.json and fleet.md');
const ok = targetMet(results[0]!);
console.log(ok ? 'fleet: target met (with jitter: under the tenant\'s limit after the outage, every kiosk back in time)' : 'fleet: TARGET MISSED');
process.exit(ok ? 0 : 1);
