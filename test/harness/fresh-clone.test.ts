// The README's commands as a newcomer types them, in a fresh copy of the repository (every file git would
// clone, nothing built: no out/), each one's first step, with no stack trace anywhere. node_modules is linked
// from this checkout rather than installed again: `npm ci` on a fresh machine is what .ci/run itself proves;
// here each command's own set-up sees it up to date and goes on to build what it needs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { freePort, REPO } from './qiosk-harness';

const STACK = /^\s+at .+:\d+:\d+\)?$|Cannot find module|ERR_MODULE_NOT_FOUND|: not found$/m;
let clone: string;

beforeAll(() => {
  clone = mkdtempSync(path.join(os.tmpdir(), 'qiosk-fresh-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(path.join(REPO, f))) continue; // deleted in the working tree, not yet committed
    mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
    cpSync(path.join(REPO, f), path.join(clone, f));
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(clone, 'node_modules'));
  writeFileSync(path.join(clone, 'good.json'), JSON.stringify({
    tenant: { host: 'https://acme.eu.qlikcloud.com', clientId: '0123456789abcdef0123456789abcdef' },
    identity: { mode: 'os-user', template: '{username}@corp.example' },
    content: { embeds: [{ ui: 'analytics/sheet', appId: 'a1b2c3d4-0000-4000-8000-000000000001', sheetId: 'abc' }] },
  }));
  writeFileSync(path.join(clone, 'bad.json'), '{ "tenant": { "host": "http://acme" }, }');
}, 60_000);
afterAll(() => rmSync(clone, { recursive: true, force: true }));

/** A person's shell on a server: no D-Bus session, no display, no Electron. */
function personEnv(extraEnv: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(clone, 'no-electron'), ...extraEnv };
  for (const k of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY']) delete env[k];
  return env;
}

/** Runs `npm run …` in the clone as a person would. */
function npmRun(args: string[], extraEnv: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const r = spawnSync('npm', ['run', ...args], { cwd: clone, env: personEnv(extraEnv), encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describeWithKeyring('the README\'s commands from a fresh clone', () => {
  it.each([
    ['npm run admin -- secret --help', ['admin', '--', 'secret', '--help'], 0, /Usage: npm run admin -- secret <command> --client-id <id>/],
    ['npm run fake-tenant -- --help', ['fake-tenant', '--', '--help'], 0, /Usage: npm run fake-tenant -- \[options\]/],
    ['npm run admin -- config validate good.json', ['admin', '--', 'config', 'validate', 'good.json'], 0, /good\.json: valid\. The kiosk would start with:/],
    ['npm run admin -- config validate bad.json', ['admin', '--', 'config', 'validate', 'bad.json'], 1, /bad\.json: invalid JSON at line 1, column \d+: remove this trailing comma/],
    ['npm start -- --config good.json (no Electron here)', ['start', '--', '--config', 'good.json'], 1, /Electron could not be obtained[\s\S]*good\.json: valid/],
    ['npm run demo --fault outage:5 (no "--", as a newcomer types it)', ['demo', '--fault', 'outage:5'], 2, /npm kept --fault for itself.*Run: npm run demo -- --fault outage:5/],
    ['QIOSK_DEMO_PORT=abc npm run demo', ['demo'], 2, /QIOSK_DEMO_PORT must be a port number from 1024 to 65535 \(got "abc"\)/],
  ])('%s', (_name, args, status, says) => {
    const r = npmRun(args, _name.startsWith('QIOSK_DEMO_PORT') ? { QIOSK_DEMO_PORT: 'abc' } : {});
    expect(r.output).toMatch(says);
    expect(r.output).not.toMatch(STACK);
    expect(r.status, r.output).toBe(status);
  }, 180_000);

  it('npm run demo -- --fault outage:5: builds, shows the outage, heals, and quits cleanly on q', async () => {
    const env = personEnv({ QIOSK_DEMO_PORT: String(await freePort()) });
    const child = spawn('npm', ['run', 'demo', '--', '--fault', 'outage:5', '--screenshot-dir', path.join(clone, 'shots')], { cwd: clone, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const seen = async (re: RegExp, ms: number) => {
      for (const end = Date.now() + ms; !re.test(output); await new Promise((r) => setTimeout(r, 200))) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`never saw ${re}:\n${output}`);
      }
    };
    try {
      await seen(/demo: fault: tenant outage for 5 s/, 120_000);
      await seen(/preview: status screen: "Reconnecting to the dashboards"/, 30_000);
      await seen(/demo: fault over: the tenant answers again/, 30_000);
      await seen(/preview: embed 3\/3 .*: rendered for u-1/, 60_000);
      child.stdin.write('q\n');
      expect(await exited).toBe(0);
      expect(output).toMatch(/demo: stopped; temp folder, keychain item and fake tenant removed\./);
      expect(output).not.toMatch(STACK);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  }, 240_000);
});
