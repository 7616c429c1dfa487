// `npm run bench`: runs the full token-broker benchmark (bench/token-broker-scenarios.ts), prints the table
// and writes bench/results/token-broker.json. Exits non-zero when Qiosk misses its targets.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FULL_DAY, qioskTargetsMet, runTokenBench } from './token-broker-scenarios.mts';

const results = await runTokenBench({ ...FULL_DAY, secret: randomBytes(24).toString('base64url') });
console.table(results);
const file = path.join(import.meta.dirname, 'results', 'token-broker.json');
writeFileSync(file, `${JSON.stringify({ scenario: FULL_DAY, node: process.version, ranAt: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
const ok = qioskTargetsMet(results[0]!, FULL_DAY);
console.log(ok ? 'Qiosk broker: targets met (<= 5 mints per user per day, 0 expired tokens, 1 upstream call for 1,000 cold calls)'
  : 'Qiosk broker: TARGETS MISSED');
process.exit(ok ? 0 : 1);
