// `npm run demo`: Qiosk against a built-in fake Qlik tenant, for anyone without a tenant. It starts the fake
// tenant on loopback, stores the demo client secret in the OS keychain (the same path a real secret takes;
// a throwaway keychain where the machine has none), writes a demo config, and shows the kiosk: in the real
// Electron app where Electron can be had, otherwise in the Chromium preview. Keys play faults against the
// tenant. On exit (Ctrl-C, SIGTERM, q) it removes its temp folder, its keychain item and any throwaway keychain.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../src/main/core/ports';
import { createLogFactory } from '../src/main/log/logger';
import { rendererOrigin } from '../src/main/origin/renderer-origin';
import { createKeytarStore } from '../src/main/secrets/keytar-store';
import { electronUnavailable, obtainElectron } from '../test/e2e/electron-binary';
import { startFakeTenant } from '../test/fake-tenant';
import { demoConfig, demoTenantOptions, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USER_ID } from '../test/fake-tenant/demo';
import { FAULT_HELP, FAULT_KEYS, parseFault, playFault } from '../test/fake-tenant/demo-faults';
import { parseDemoArgs, USAGE, type DemoArgs } from './demo-args';
import { PREVIEW_LABEL, startPreview } from '../test/harness/preview';
import { chromiumPath, noChromiumReason } from '../test/support/chromium';
import { startThrowawayKeyring } from '../test/support/throwaway-keyring';

const REPO = path.resolve(__dirname, '..');

const say = (line: string) => console.log(`demo: ${line}`);
const cleanups: (() => unknown)[] = [];
let exiting = false;
async function exit(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        console.error(`demo: clean-up step failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    say(code === 0 ? 'stopped; temp folder, keychain item and fake tenant removed.' : 'stopped.');
    process.exit(code);
  }
  return new Promise<never>(() => {});
}
process.on('SIGINT', () => void exit(0));
process.on('SIGTERM', () => void exit(0));
// npm passes SIGTERM only to the shell it started, which dies without passing it on: when our parent goes,
// stop and clean up as if signalled, rather than live on as an orphan holding the port and the keychain item.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void exit(0), 500).unref();

let args: DemoArgs;
try {
  args = parseDemoArgs(process.argv.slice(2), process.env);
} catch (e) {
  console.error(`demo: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

main(args).catch(async (e: unknown) => {
  console.error(`demo: could not start: ${e instanceof Error ? e.message : String(e)}`);
  await exit(1);
});

async function keychain() {
  let throwaway = false;
  const useThrowaway = (why: string) => {
    const k = startThrowawayKeyring();
    cleanups.push(() => k.stop());
    process.env['DBUS_SESSION_BUS_ADDRESS'] = k.busAddress;
    throwaway = true;
    say(`${why}: using a throwaway keychain for this demo only, removed on exit. (Qiosk itself never does this: without a keychain it refuses to mint.)`);
  };
  if (process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS']) useThrowaway('no desktop keychain here (no D-Bus session)');
  const store = createKeytarStore();
  try {
    await store.set(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
  } catch (e) {
    if (throwaway || process.platform !== 'linux') throw e;
    useThrowaway(`the desktop keychain refused the demo secret (${e instanceof Error ? e.message : String(e)})`);
    await store.set(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
  }
  cleanups.push(() => store.delete(DEMO_CLIENT_ID));
  say(`the demo client secret is in the ${throwaway ? 'throwaway' : 'OS'} keychain (account ${DEMO_CLIENT_ID}), as a real one would be.`);
  return store;
}

async function main(o: DemoArgs) {
  say('Qiosk against a built-in fake Qlik tenant on this machine: no Qlik account needed, nothing leaves loopback.');
  const port = o.port;
  const origin = rendererOrigin(port);
  const store = await keychain();
  const runtimeMode = o.runtime;
  const tenant = await startFakeTenant(demoTenantOptions(origin, runtimeMode));
  cleanups.push(() => tenant.close());
  say(`fake Qlik tenant at ${tenant.baseUrl}; OAuth client ${DEMO_CLIENT_ID} allows only the origin ${origin}; showing user ${DEMO_USER_ID}; stand-in runtime: ${runtimeMode}.`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-demo-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const configPath = path.join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(demoConfig({ tenantUrl: tenant.baseUrl, port, kiosk: o.kiosk }), null, 2));

  for (const f of o.faults) cleanups.push(playFault(tenant, f, DEMO_USER_ID, systemClock, say));
  listenForKeys((k) => {
    if (k === 'q' || k === '\u0003') return void exit(0);
    const kind = FAULT_KEYS[k];
    if (kind) cleanups.push(playFault(tenant, parseFault(kind), DEMO_USER_ID, systemClock, say));
    else say(`keys:\n${FAULT_HELP}`);
  });

  if (!o.preview) {
    const electron = obtainElectron(say);
    if ('exe' in electron) {
      say(`starting the Electron app (${electron.exe}); keys play faults here:\n${FAULT_HELP}`);
      const app = spawn(electron.exe, [REPO, '--config', configPath], { stdio: ['ignore', 'inherit', 'inherit'] });
      cleanups.push(() => app.exitCode === null && app.kill('SIGTERM'));
      app.on('exit', (code) => void exit(code ?? 0));
      return;
    }
    console.log(`\n${electronUnavailable(electron.why, 'Carrying on in the Chromium preview: the same main-process services, renderer and preload logic, in Chromium instead of Electron.')}\n`);
  }

  const chromium = chromiumPath();
  if (!chromium) throw new Error(`the preview needs Chromium: ${noChromiumReason()}`);
  const headless = o.headless || !(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'] || process.platform !== 'linux');
  const screenshotDir = path.resolve(o.screenshotDir ?? path.join(REPO, 'out', 'preview'));
  mkdirSync(screenshotDir, { recursive: true });
  const mainLog = path.join(screenshotDir, 'main.log');
  writeFileSync(mainLog, '');
  const preview = await startPreview({
    tenant, configPath, dir, secrets: store, headless, kiosk: o.kiosk, screenshotDir,
    logFor: createLogFactory((level, line) => appendFileSync(mainLog, `${new Date().toISOString()} ${level} ${line}\n`)),
    say: (line) => console.log(`preview: ${line}`),
  });
  cleanups.push(() => preview.stop());
  console.log(`preview: ${PREVIEW_LABEL} — ${headless ? 'headless (no display here)' : 'in a Chromium window'}; ${chromium}. Main's log: ${mainLog}`);
  console.log(`preview: keys play faults against the tenant:\n${FAULT_HELP}`);
}

/** Single keys on a terminal; one key per line when stdin is a pipe (tests, scripts). */
function listenForKeys(onKey: (key: string) => void) {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    stdin.setRawMode(true);
    cleanups.push(() => stdin.setRawMode(false));
    stdin.setEncoding('utf8');
    stdin.on('data', (d: string) => [...d].forEach(onKey));
  } else {
    createInterface({ input: stdin }).on('line', (l) => {
      const k = l.trim()[0];
      if (k) onKey(k);
    });
  }
  cleanups.push(() => stdin.pause());
}
