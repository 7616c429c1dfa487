// A hostile page cannot wear the kiosk down (issue 15), in Chromium with Qiosk's real main services, renderer and
// preload: a script in the page floods the IPC bridge, and navigates the window to a status page of its own
// making. The log stays short, the tenant mints nothing more, the supervisor does not heal what is not broken, and
// a page main did not load is replaced by main's own.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { REFUSED } from '../../src/main/ipc/register';
import { IPC_RATE_LIMITS } from '../../src/main/ipc/rate-limit';
import { Channels, HEALTH_GLOBAL } from '../../src/shared/ipc-contract';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { RUNTIME_MODES } from '../fake-tenant/options';
import { contentWorks, markDocument, startHarness, transportCall, until, type Harness } from './qiosk-harness';

const IMPERSONATION = 'urn:qlik:oauth:user-impersonation';
const mints = (h: Harness) => h.tenant.log().filter((e) => e.grantType === IMPERSONATION).length;
const logLines = (h: Harness) => readFileSync(h.logFile, 'utf8').split('\n').filter(Boolean);
/** The channel and kind of each "refused IPC call" line. */
const refusals = (lines: string[]) => lines.filter((l) => l.includes('refused IPC call')).map((l) => /"channel":"([^"]+)","kind":"([^"]+)"/.exec(l)!.slice(1).join(' '));

/** From the page's main world, through the function the preload exposes: reports of every wrong shape. */
const MAIN_WORLD_FLOOD = async ([name, n]: readonly [string, number]) => {
  const report = (window as unknown as Record<string, (r: unknown) => Promise<{ remount: number[]; unavailable: number[] }>>)[name]!;
  const shapes: unknown[] = [
    { tiles: 'all fine' }, { tiles: [{ phase: 'hacked', mounted: true }] }, null, 'x', 42, { tiles: [], extra: 1 },
    { tiles: Array.from({ length: 65 }, () => ({ phase: 'rendered', mounted: true })) }, { tiles: [{ phase: 'rendered', mounted: 'yes' }] },
  ];
  let orders = 0;
  for (let i = 0; i < n; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, n - i) }, (_, k) => report(shapes[(i + k) % shapes.length]).then((r) => void (orders += r.remount.length + r.unavailable.length))));
  }
  return orders;
};

/** From the preload's world, as a compromised renderer could: the transport itself, any channel, any arguments. */
const PRELOAD_WORLD_FLOOD = `(async () => {
  const invoke = globalThis.__qioskIsolated.invoke;
  const plan = [];
  for (let i = 0; i < 2000; i++) plan.push([${JSON.stringify(Channels.reportHealth)}, [{ tiles: 'x' + i }]]);
  for (let i = 0; i < 1000; i++) plan.push([${JSON.stringify(Channels.getAccessToken)}, [{ userId: 'u-2' }]]);
  for (let i = 0; i < 1000; i++) plan.push(['qiosk:evil-' + (i % 50), []]);
  for (let i = 0; i < 2000; i++) plan.push([${JSON.stringify(Channels.getAccessToken)}, []]); // well-formed, beyond the limit
  const out = { calls: plan.length, tokens: 0, refused: 0, noHandler: 0, other: 0 };
  for (let i = 0; i < plan.length; i += 250) {
    await Promise.all(plan.slice(i, i + 250).map(([c, a]) => invoke(c, ...a).then(
      (v) => void (v && v.ok ? out.tokens++ : out.other++),
      (e) => void (e.message === ${JSON.stringify(REFUSED)} ? out.refused++ : /No handler registered/.test(e.message) ? out.noHandler++ : out.other++))));
  }
  return out;
})()`;

describeWithKeyring('a hostile page cannot wear the kiosk down', () => {
  const closing = closeAfterEach();

  it('10,000 malformed IPC calls from the page: 3 log lines, no extra mint, no heal, the content keeps working', async () => {
    const h = closing(await startHarness({ secret: makeCanary() }));
    await contentWorks(h);
    // The page's one forced refresh (a second token call from a page means its token was refused:
    // token-handler.ts) is spent first: what follows is what a page that has had its allowance can do.
    expect(await h.evaluateInPreloadWorld(h.page.mainFrame(), transportCall(Channels.getAccessToken))).toBe('answered');
    const before = { mints: mints(h), lines: logLines(h).length, navigations: h.navigations.length, health: h.supervisor.health };
    expect(refusals(logLines(h))).toEqual([]);
    const mark = await markDocument(h);
    const t0 = Date.now();

    // 4,000 from the main world, 6,000 from the preload's world: 10,000 calls, none of them one the page needs.
    const orders = await h.page.evaluate(MAIN_WORLD_FLOOD, [HEALTH_GLOBAL, 4_000] as const);
    const direct = (await h.evaluateInPreloadWorld(h.page.mainFrame(), PRELOAD_WORLD_FLOOD)) as { calls: number; tokens: number; refused: number; noHandler: number; other: number };
    const floodS = (Date.now() - t0) / 1000;
    expect(orders).toBe(0); // a refused report gets nothing to do
    expect(direct.calls + 4_000).toBe(10_000);
    // The well-formed token calls: the window's bucket (60 at once, then one a second) and no more.
    const { burst, perSecond } = IPC_RATE_LIMITS[Channels.getAccessToken];
    expect(direct.tokens).toBeGreaterThanOrEqual(burst);
    expect(direct.tokens).toBeLessThanOrEqual(burst + Math.ceil(perSecond * floodS) + 1);
    expect(direct.noHandler).toBe(1_000); // unknown channels never reach main's registry
    expect(direct.refused).toBe(6_000 - 1_000 - direct.tokens);
    expect(direct.other).toBe(0);

    // The log: one line per channel and kind of refusal (10 minutes apart at most), whatever the number of calls.
    const added = logLines(h).slice(before.lines);
    expect(refusals(added).sort()).toEqual(['qiosk:get-access-token arguments', 'qiosk:get-access-token rate-limit', 'qiosk:report-health arguments']);
    expect(added.join('\n')).not.toMatch(/u-2|hacked|all fine/); // never an argument's value
    console.info(`[hostile] 10,000 IPC calls in ${floodS.toFixed(1)} s: ${refusals(added).length} refusal lines, ${added.length} log lines in all; ${direct.tokens} token calls answered`);
    expect(added.length).toBeLessThanOrEqual(10);

    // Nothing minted, nothing healed: the same page in the same window, still working.
    expect(mints(h)).toBe(before.mints);
    expect(h.supervisor.health.lastHeal).toEqual(before.health.lastHeal);
    expect(h.supervisor.health.state).toBe('content');
    expect(h.navigations.length).toBe(before.navigations);
    expect(await mark.sameDocument()).toBe(true);
    await contentWorks(h);
    expect(mints(h)).toBe(before.mints);
  }, 120_000);

  // A heal: so under every behaviour of the stand-in runtime (a resuming runtime must not keep the old page).
  it.each(RUNTIME_MODES)('runtime %s: a page that navigates itself to status.html?…&it=1&detail=HACKED is back on its content within seconds; the text never shows', async (runtimeMode) => {
    const h = closing(await startHarness({ secret: makeCanary(), tenant: { runtimeMode } }));
    await contentWorks(h);
    const texts: string[] = [];
    const sample = setInterval(() => void h.page.evaluate(() => document.body?.innerText ?? '').then((t) => texts.push(t), () => {}), 50);
    try {
      const t0 = Date.now();
      await h.page.evaluate(() => void (location.href = '/status.html?code=capped&since=1&it=1&detail=HACKED%20call%20555-0100')).catch(() => {});
      // Electron refuses it at will-navigate and keeps the page; the harness's refusal leaves Chromium's error
      // page, which the supervisor's rule (a page main did not load) replaces with main's URL.
      await until(() => h.supervisor.health.lastHeal?.cause === 'navigated-away', 10_000, 'the supervisor to replace the page');
      expect(h.supervisor.health.lastHeal).toMatchObject({ cause: 'navigated-away', rung: 'reload' });
      await until(() => h.page.url() === h.contentUrl && h.supervisor.health.state === 'content', 10_000, 'the content page again');
      const ms = await contentWorks(h, 20_000);
      console.info(`[hostile] self-navigation to a status page: content again ${Date.now() - t0} ms later (${ms} ms after the page was back)`);
      expect(Date.now() - t0).toBeLessThan(20_000);
    } finally {
      clearInterval(sample);
    }
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((t) => /HACKED|555-0100|Details for IT/.test(t))).toEqual([]);
    expect(h.navigations.filter((u) => u.includes('status.html'))).toEqual([]); // main never showed a status page
    expect(readFileSync(h.logFile, 'utf8')).toMatch(/navigation refused|left the page main loaded/);
    expect(readFileSync(h.logFile, 'utf8')).not.toContain('HACKED'); // origins only in the log
  }, 60_000);

  it('a page main did not load that gets past the navigation guard (here: about:blank, which the harness cannot refuse) is a fault: main\'s URL again', async () => {
    const h = closing(await startHarness({ secret: makeCanary() }));
    await contentWorks(h);
    const t0 = Date.now();
    await h.page.evaluate(() => void (location.href = 'about:blank')).catch(() => {});
    await until(() => h.supervisor.health.lastHeal?.cause === 'navigated-away', 5_000, 'the supervisor to heal the blank page');
    expect(h.supervisor.health.lastHeal).toMatchObject({ cause: 'navigated-away', rung: 'reload' });
    await until(() => h.page.url() === h.contentUrl, 10_000, 'the content page again');
    await contentWorks(h, 20_000);
    console.info(`[hostile] self-navigation to about:blank: content again ${Date.now() - t0} ms later`);
    expect(readFileSync(h.logFile, 'utf8')).toMatch(/the window left the page main loaded into it.*"target":"about:"/);
  }, 60_000);
});
