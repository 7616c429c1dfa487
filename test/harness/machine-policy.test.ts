// With a machine policy that sets the tenant, the client and the identity, the kiosk user's own config file
// cannot redirect the client secret or choose whom Qiosk impersonates: the other tenant never hears from
// main, every token is minted for the policy's user, and the log names each shadowed setting with both files.
// An installed (packaged) Qiosk without a policy, or with one whose tenant is this computer (the fake tenant's
// loopback address), stays on the start-up problem screen, retrying, with the fix for IT in its log; the tenant
// never hears from it and the keychain is never read. Screenshots land in out/machine-policy/.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { nodeMachinePolicy } from '../../src/main/adapters/machine-policy';
import { createServices } from '../../src/main/app/services';
import { startupProblemQuery } from '../../src/main/app/startup-problem';
import { untilStarted } from '../../src/main/app/until-started';
import { systemClock, type Clock } from '../../src/main/core/ports';
import { createLogFactory } from '../../src/main/log/logger';
import { rendererOrigin } from '../../src/main/origin/renderer-origin';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { FOR_IT_ONLY } from '../support/staff-words';
import { until } from '../support/until';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { startFakeTenant } from '../fake-tenant';
import { impersonationClient } from '../fake-tenant/demo';
import { embedsShowing, REPO, startHarness } from './qiosk-harness';

describeWithKeyring('machine policy vs the kiosk user\'s config file', () => {
  const closing = closeAfterEach();

  it('the secret goes only to the policy\'s tenant and tokens are minted only for the policy\'s user', async () => {
    const elsewhere = closing(await startFakeTenant({ clientSecret: 'anything' }));
    const there = elsewhere.baseUrl;
    const h = closing(await startHarness({
      secret: makeCanary(),
      policy: (c) => ({ enforced: { tenant: c['tenant'], identity: { mode: 'device', lookupField: 'userId', value: 'u-1' }, content: c['content'] } }),
      userConfig: (c) => ({
        ...c,
        tenant: { host: there, clientId: 'kiosk-imp' },
        identity: { mode: 'device', lookupField: 'userId', value: 'u-2' },
        content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-2', sheetId: 'sheet-9' }] },
      }),
    }));
    await embedsShowing(h.page, 3, 'u-1');
    expect(elsewhere.log()).toEqual([]); // not one request: not the secret, not a page request
    expect(h.mainRequests.every((r) => r.url.startsWith(h!.tenant.baseUrl))).toBe(true);
    expect(new Set(h.tenant.tokens().map((t) => t.userId))).toEqual(new Set(['u-1']));
    const log = readFileSync(h.logFile, 'utf8');
    const dir = path.dirname(h.logFile);
    for (const key of ['tenant', 'identity', 'content']) {
      expect(log).toContain(`${key} in ${path.join(dir, 'config.json')} is ignored: with a machine policy it comes only from ${path.join(dir, 'policy.json')}`);
    }
    expect(log).not.toContain(there); // the user's host is named by path, never echoed
  });
});

const RETRY_MS = 3_000; // the app's is 15 s
const SHOTS = path.join(REPO, 'out/machine-policy'); // the installed Qiosk's screens, for a look

/** An installed Qiosk's start-up against the fake tenant, wired as the Electron entry wires it (index.ts: startOnce
 * → createServices, untilStarted, showStartupProblem), with Chromium showing the start-up problem page from the
 * built renderer's files as the app's problem window does (loadFile). `policy` is written root-owned, 0644. */
async function startInstalled(o: { policy?: (tenantUrl: string) => unknown }) {
  const dir = mkdtempSync(path.join(process.env.QIOSK_KEYRING_ROOT ?? os.tmpdir(), 'qiosk-installed-'));
  const origin = rendererOrigin(47398);
  const secret = makeCanary();
  const tenant = await startFakeTenant({ clients: [impersonationClient('kiosk-imp', secret, origin)] });
  const keychain = createKeytarStore();
  await keychain.set('kiosk-imp', secret);
  const secretReads: string[] = [];
  const mainRequests: string[] = [];
  const site = { tenant: { host: tenant.baseUrl, clientId: 'kiosk-imp' }, content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' }] } };
  // The kiosk user's own file names the tenant and whom to show: without a policy it must not count.
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...site, identity: { mode: 'device', lookupField: 'userId', value: 'u-1' }, renderer: { port: 47398 } }));
  const policyPath = path.join(dir, 'policy.json');
  if (o.policy) writeFileSync(policyPath, JSON.stringify(o.policy(tenant.baseUrl)), { mode: 0o644 });
  const logFile = path.join(dir, 'main.log');
  let stopped = false;
  const logFor = createLogFactory((level, line) => void (stopped || appendFileSync(logFile, `${level} ${line}\n`)));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const clock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => (stopped ? () => {} : systemClock.setTimeout(fn, ms)) };
  let attempts = 0;
  let shown = 0;
  let current: Promise<unknown> = Promise.resolve();
  const since = Date.now();
  void untilStarted(() => {
    attempts++;
    const attempt = createServices({
      argv: ['electron', '.', '--config', path.join(dir, 'config.json')], platform: process.platform, env: process.env, homedir: dir,
      readFile: (p) => readFile(p, 'utf8'), userInfo: () => os.userInfo(), policyPath, policy: nodeMachinePolicy(), packaged: true,
      http: (url, init) => (mainRequests.push(String(url)), fetch(url, init)), clock,
      secrets: { ...keychain, get: (id) => (secretReads.push(id), keychain.get(id)) }, logFor,
    });
    current = attempt.catch(() => {});
    return attempt;
  }, {
    retryMs: RETRY_MS, clock, log: logFor('app'),
    // As the app's problem window: each attempt loads the page again, with the next attempt's time.
    onProblem: (_message, retryAt, err) => void (stopped || page.goto(`${pathToFileURL(path.join(REPO, 'out/renderer/status.html')).href}?${new URLSearchParams(startupProblemQuery(err, since, retryAt))}`).then(() => void shown++, () => {})),
  });
  return {
    page, tenant, logFile, policyPath, secretReads, mainRequests, attempts: () => attempts, shown: () => shown,
    async close() {
      stopped = true; // the retry loop waits forever from here: no timer is left behind
      await current;
      await browser.close();
      await keychain.delete('kiosk-imp').catch(() => false);
      await tenant.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeWithKeyring('an installed (packaged) Qiosk and its machine policy', () => {
  const closing = closeAfterEach();
  const policyWith = (tenantUrl: string) => ({
    enforced: {
      tenant: { host: tenantUrl, clientId: 'kiosk-imp' }, identity: { mode: 'device', lookupField: 'userId', value: 'u-1' },
      content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' }] },
    },
    allowedTenantHosts: [new URL(tenantUrl).hostname],
  });

  it.each<[string, ((tenantUrl: string) => unknown) | undefined, (policyPath: string) => string]>([
    ['without a policy (the user\'s own file naming a tenant does not count)', undefined,
      (p) => `${p}: there is no machine policy here, and an installed Qiosk starts only with one. IT must install it owned by root and writable by root only, as is every folder above it: sudo mkdir -p -m 755 ${path.dirname(p)} && sudo install -o root -m 644 policy.json ${p}`],
    ['with a policy whose tenant is this computer (the fake tenant, on loopback)', policyWith,
      (p) => `${p}: tenant.host: 127.0.0.1 is this computer; an installed Qiosk never sends its client secret to a loopback address`],
  ])('%s: stays on the status screen that names the fix, retrying, and mints nothing', async (_name, policy, fixInLog) => {
    const k = closing(await startInstalled(policy ? { policy } : {}));
    // Read between two attempts: each one loads the page again.
    await until(() => k.shown() >= 2, 20_000, 'the status screen, shown again after a second attempt');
    const shown = await k.page.evaluate(() => document.body.innerText);
    expect(shown).toContain('This screen is not set up yet');
    expect(shown).toContain('Please tell IT: this computer needs a valid Qiosk machine policy.');
    expect(shown).not.toMatch(FOR_IT_ONLY); // a passer-by reads no path, host or code
    mkdirSync(SHOTS, { recursive: true });
    await k.page.screenshot({ path: path.join(SHOTS, `${policy ? 'loopback' : 'no-policy'}.png`) });
    // No key opens IT detail on the screen (IT reads it in the admin view's "Status detail"): Ctrl+Alt+I, which
    // once did, leaves the same plain words, and neither the code nor the words for IT are anywhere in the page.
    await k.page.keyboard.press('Control+Alt+KeyI');
    const after = await k.page.evaluate(() => document.body.innerText);
    expect(after).toContain('This screen is not set up yet');
    expect(after).toContain('Please tell IT: this computer needs a valid Qiosk machine policy.');
    expect(after).not.toMatch(FOR_IT_ONLY);
    const dom = await k.page.content();
    expect(dom).not.toContain('machine_policy');
    expect(dom).not.toMatch(/An installed Qiosk starts only with a machine policy that only administrators can change/);
    expect(await k.page.locator('#it-view, #it-facts, #it-notes').count()).toBe(0);
    await until(() => k.attempts() >= 3, 20_000, 'a third start-up attempt');
    const log = readFileSync(k.logFile, 'utf8');
    expect(log).toContain(fixInLog(k.policyPath));
    expect(log.match(/cannot start; retrying/g)?.length).toBeGreaterThanOrEqual(2);
    // Nothing minted, nothing sent: the broker was never made, the secret never read, the tenant never asked.
    expect([k.secretReads, k.mainRequests, k.tenant.log(), k.tenant.tokens()]).toEqual([[], [], [], []]);
  });
});
