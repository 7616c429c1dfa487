// `npm test`: every tier. Lint, type-check and build first (the harness tests the built renderer and
// preload), then one vitest run of all projects inside a private D-Bus session with a throwaway,
// unlocked gnome-keyring (scripts/with-keyring.sh), so keychain tests hit a real keychain but never a
// developer's. Ends with one summary line and a plain statement of any skipped tier.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(root, '.vitest-report.json');
const run = (cmd, args) => {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
};
const npx = (...args) => ['npx', ['--no-install', ...args]];

for (const [cmd, args] of [npx('eslint', '.'), npx('tsc', '-b'), ['node', ['scripts/build.mjs']]]) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed: fix it before the tests run.`);
    process.exit(status);
  }
}

rmSync(report, { force: true });
const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const status = run('bash', ['scripts/with-keyring.sh', 'npx', '--no-install', ...vitestArgs]);

let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error('\nvitest wrote no report: the run did not complete.');
  process.exit(status || 1);
}
const tests = results.testResults.flatMap((f) => f.assertionResults.map((a) => ({ ...a, file: f.name })));
const count = (s) => tests.filter((t) => t.status === s).length;
const skippedE2e = tests.filter((t) => t.file.includes(`${path.sep}test${path.sep}e2e${path.sep}`) && t.status !== 'passed' && t.status !== 'failed');
if (skippedE2e.length > 0) {
  console.log(`\nElectron e2e tier: ${skippedE2e.length} test(s) SKIPPED, not passed: no Electron binary on this machine ` +
    '(set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist, or install one, to run them).');
}
console.log(`\n${count('passed')} passed, ${count('failed')} failed, ${count('skipped') + count('pending') + count('todo')} skipped`);
process.exit(status !== 0 ? status : count('failed') > 0 ? 1 : 0);
