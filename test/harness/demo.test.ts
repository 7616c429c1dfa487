// `npm run demo` as a person meets it on this machine: no Electron to be had, no desktop keychain. It must end
// in the Chromium preview with every embed rendered and a screenshot that shows charts, play a fault and come
// back, say plainly what it could not do (no stack trace), and leave no temp folder or keychain item behind.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { DEMO_CLIENT_ID } from '../fake-tenant/demo';
import { looksLikeAnalytics, pictureStats } from '../support/picture';
import { freePort, REPO } from './qiosk-harness';

interface Demo {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  tmp: string;
  shots: string;
  /** Resolves with the index of the first line from `from` on that matches; fails after `ms`. */
  line(re: RegExp, from?: number, ms?: number): Promise<number>;
  stop(): Promise<number | null>;
}

/** The last step of `npm run demo` (after set-up and build, done by `npm test` already); `viaShell` starts it
 * under `sh -c` as npm does, where a SIGTERM to the shell never reaches the demo. */
async function startDemo(args: string[], env: NodeJS.ProcessEnv, viaShell = false): Promise<Demo> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'demo-test-'));
  const shots = path.join(tmp, 'shots');
  mkdirSync(path.join(tmp, 't'));
  const argv = [process.execPath, '--import', 'tsx', 'scripts/demo.ts', '--headless', '--screenshot-dir', shots, ...args];
  const [cmd, ...rest] = viaShell ? ['sh', '-c', argv.map((a) => `'${a}'`).join(' ')] : argv;
  const child = spawn(cmd!, rest, {
    cwd: REPO,
    // The demo's own temp files go in `tmp/t`, so the test can see that it leaves nothing there.
    env: { ...env, TMPDIR: path.join(tmp, 't'), QIOSK_DEMO_PORT: String(await freePort()) },
  });
  
  const lines: string[] = [];
  let partial = '';
  const take = (d: Buffer) => {
    const parts = (partial + d.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  // Output can outlive the child we started (an orphaned demo keeps the pipe): done when the pipe closes.
  let closed = false;
  child.stdout.on('close', () => void (closed = true));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child, lines, tmp, shots,
    async line(re, from = 0, ms = 60_000) {
      const end = Date.now() + ms;
      for (;;) {
        const i = lines.findIndex((l, k) => k >= from && re.test(l));
        if (i >= 0) return i;
        if (closed || Date.now() > end) {
          // Main's log says what the kiosk was doing meanwhile (heals, mints, tile phases).
          const mainLog = path.join(shots, 'main.log');
          const log = existsSync(mainLog) ? readFileSync(mainLog, 'utf8').split('\n').slice(-40).join('\n') : '(no main.log)';
          throw new Error(`no line matching ${re} (exit ${child.exitCode}):\n${lines.join('\n')}\n--- main.log (last 40 lines) ---\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Every embed rendered after line `from`; `ms` allows for a tile's remount back-off (30 s, then 60 s). */
const rendered = async (d: Demo, from = 0, ms = 60_000) => {
  for (const n of [1, 2, 3]) await d.line(new RegExp(`^preview: embed ${n}/3 .*: rendered for u-1$`), from, ms);
};
/** What the demo left in its temp dir; tsx's own compile cache is not the demo's. */
const leftovers = (d: Demo) => readdirSync(path.join(d.tmp, 't')).filter((f) => !f.startsWith('tsx-'));

let demo: Demo | undefined;
afterEach(async () => {
  await demo?.stop();
  if (demo) rmSync(demo.tmp, { recursive: true, force: true });
  demo = undefined;
});

describeWithKeyring('npm run demo on a machine without Electron', () => {
  it('no desktop keychain: a throwaway one, the preview with every embed rendered, a screenshot with charts; SIGTERM to npm\'s shell still cleans up everything', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(os.tmpdir(), 'no-electron-here') };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    demo = await startDemo([], env, true);
    await demo.line(/^demo: no desktop keychain here \(no D-Bus session\): using a throwaway keychain/);
    await demo.line(/^Electron could not be obtained: ELECTRON_OVERRIDE_DIST_PATH is ".*no-electron-here", which holds no Electron executable\.$/);
    await demo.line(/^preview: PREVIEW · Qiosk in Chromium, not the Electron app — headless/);
    await demo.line(/^preview: token minted for u-1, expires \d\d:\d\d:\d\d \(in 360 min\)$/);
    await rendered(demo);
    const shot = path.join(demo.shots, 'window-1.png');
    expect(demo.lines[await demo.line(/^preview: screenshots: /)]).toContain(shot);
    // The screenshot is refreshed every 3 s: wait for one taken after the embeds rendered.
    let stats = { inked: 0, hues: 0, width: 0, height: 0 };
    for (let i = 0; i < 100 && !looksLikeAnalytics(stats); i++) {
      await new Promise((r) => setTimeout(r, 200));
      if (existsSync(shot)) stats = pictureStats(readFileSync(shot));
    }
    expect(looksLikeAnalytics(stats), JSON.stringify(stats)).toBe(true);
    await demo.stop(); // the shell dies of it; the demo, its orphan, must notice and clean up by itself
    await demo.line(/^demo: stopped; temp folder, keychain item and fake tenant removed\.$/, 0, 10_000);
    for (let i = 0; i < 50 && leftovers(demo).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers(demo)).toEqual([]);
    expect(demo.lines.filter((l) => /^\s+at /.test(l))).toEqual([]); // no stack trace anywhere
  });

  it('plays an outage at start (status screen, then content), an engine drop and a revoke by key (each healed by itself, each narrated), a rate limit that says why the screen stays; SIGTERM exits 0 and the keychain item is gone', async () => {
    demo = await startDemo(['--preview', '--fault', 'outage:4'], process.env);
    const played = await demo.line(/^demo: fault: tenant outage for 4 s — every request answered 503/);
    const status = await demo.line(/^preview: status screen: "Reconnecting to the dashboards", next attempt at /, played);
    await demo.line(/^preview: tenant check: qlik-embed's runtime script answered HTTP 503$/, played);
    const over = await demo.line(/^demo: fault over: the tenant answers again$/, status);
    await demo.line(/^preview: content page: loading the embeds$/, over);
    await rendered(demo, over);
    demo.child.stdin.write('e\n');
    const drop = await demo.line(/^demo: fault: engine drop — the tenant closed 1 engine connection\(s\)$/);
    await demo.line(/^preview: embed 1\/3 .*: engine connection closed$/, drop);
    await rendered(demo, drop); // the keepalive notices, main remounts the tiles: no human
    // Every key says what it did; a revoke is seen healing, with a new token that expires on its own time.
    const firstToken = demo.lines[await demo.line(/^preview: token minted for u-1, expires /)]!;
    demo.child.stdin.write('r\n');
    const revoke = await demo.line(/^demo: fault: revoked \d+ token\(s\) of user u-1 and closed their \d+ engine connection\(s\) — the kiosk needs a new token/);
    const newToken = demo.lines[await demo.line(/^preview: token minted for u-1, expires /, revoke)]!;
    expect(newToken.match(/expires (\S+)/)![1]).not.toBe(firstToken.match(/expires (\S+)/)![1]);
    await rendered(demo, revoke, 120_000);
    demo.child.stdin.write('l\n');
    await demo.line(/^demo: fault: rate limit — .* the screen changes only when it next asks for one/, revoke);
    expect(await demo.stop()).toBe(0);
    await expect(createKeytarStore().get(DEMO_CLIENT_ID)).rejects.toMatchObject({ code: 'secret_missing' });
    expect(leftovers(demo)).toEqual([]);
  }, 240_000);
});
