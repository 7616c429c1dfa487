// `node scripts/setup.mjs <demo|start|test>`: everything the README's commands need on a fresh machine, before
// them: the Node check, Debian packages (installed where root or password-less sudo allows), and `npm ci` with
// keytar built against the machine's Node headers. One line per step: what it did, or what it could not do
// and how to do it by hand. Plain Node with no dependencies: nothing is installed yet when it runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGES, firstErrorLine, missingPackages, nodeVerdict, summariseNpmOutput } from './setup-steps.mjs';

const root = path.resolve(import.meta.dirname, '..');
const job = process.argv[2];
// --quiet (the admin tools): say nothing when everything is already there; what was done or failed still shows.
const quiet = process.argv.includes('--quiet');
if (!Object.hasOwn(PACKAGES, job)) {
  console.error(`usage: node scripts/setup.mjs <${Object.keys(PACKAGES).join('|')}>`);
  process.exit(2);
}
const say = (line) => console.log(`setup: ${line}`);
const sayDone = (line) => !quiet && say(line);
const logDir = path.join(root, 'out', 'setup');
mkdirSync(logDir, { recursive: true });

const node = nodeVerdict(process.version);
if (!node.ok || !quiet) say(node.line);
if (!node.ok) process.exit(1);

systemPackages(PACKAGES[job]);
npmPackages();

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  return { status: r.error ? 127 : (r.status ?? 1), output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function systemPackages(wanted) {
  if (process.platform !== 'linux' || run('dpkg-query', ['--version']).status !== 0) {
    sayDone(`system packages: not a Debian/Ubuntu machine, so not checked; install the equivalents of ${wanted.join(' ')} (see README).`);
    return;
  }
  const listed = run('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...wanted]).output;
  const missing = missingPackages(wanted, listed);
  if (missing.length === 0) return sayDone(`system packages: all ${wanted.length} present.`);
  const prefix = process.getuid?.() === 0 ? [] : run('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : undefined;
  if (!prefix) {
    say(`system packages: could not install ${missing.join(' ')} (not root, no password-less sudo). Run: sudo apt-get install -y ${missing.join(' ')}`);
    return;
  }
  const logFile = path.join(logDir, 'apt.log');
  const apt = (args) => {
    const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
    return run(cmd, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  const started = Date.now();
  const update = apt(['update']);
  const install = apt(['install', '-y', '--no-install-recommends', ...missing]);
  writeFileSync(logFile, update.output + install.output);
  if (install.status !== 0) {
    say(`system packages: apt-get could not install ${missing.join(' ')}: ${firstErrorLine(install.output)} (full log: ${logFile}).`);
    process.exit(1);
  }
  say(`system packages: installed ${missing.join(' ')} in ${Math.round((Date.now() - started) / 1000)} s (apt-get log: ${logFile}).`);
}

function npmPackages() {
  const lock = readFileSync(path.join(root, 'package-lock.json'));
  const stampFile = path.join(root, 'node_modules', '.qiosk-setup-stamp');
  // A changed lock file or another Node (keytar is native) means a fresh install.
  const stamp = createHash('sha256').update(lock).update(process.version).update(process.platform).digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return sayDone('npm packages: up to date.');
  // keytar has no prebuilt binary that downloads here; node-gyp must build it against the local headers
  // instead of fetching them from nodejs.org.
  const headers = ['/usr/include/node', path.join(path.dirname(process.execPath), '..', 'include', 'node')].find((d) => existsSync(path.join(d, 'node_api.h')));
  const env = { ...process.env, ...(headers ? { npm_config_nodedir: path.resolve(headers, '../..') } : {}) };
  const started = Date.now();
  const r = run('npm', ['ci', '--no-audit', '--no-fund'], { env, shell: process.platform === 'win32' });
  writeFileSync(path.join(logDir, 'npm-ci.log'), r.output);
  const { engineLine, kept } = summariseNpmOutput(r.output);
  if (r.status !== 0) {
    for (const line of kept.slice(-20)) console.error(line);
    say(`npm packages: npm ci failed (full log: ${path.join(logDir, 'npm-ci.log')}).`);
    process.exit(r.status);
  }
  writeFileSync(stampFile, stamp);
  const where = headers ? `keytar built against ${headers}` : 'no local Node headers found: keytar used a prebuilt binary or node-gyp downloaded headers';
  say(`npm packages: installed in ${Math.round((Date.now() - started) / 1000)} s (${where}).${engineLine ? ` Note: ${engineLine}; only the Electron download and packaging use them.` : ''}`);
}
