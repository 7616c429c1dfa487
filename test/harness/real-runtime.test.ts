// Issue 13's acceptance in Chromium, against the stand-in's runtime modes that mimic how the real qlik-embed
// behaves (test/fake-tenant/options.ts RUNTIME_MODES): a runtime that resumes its sessions is not fought; content
// that is gone (status as a string, or none at all) costs only its own tile; and with the shipped timings (not
// scaled) an engine drop and a 20 s tenant outage are back on content within 30 s of their end.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { closeAfterEach } from '../support/close-after-each';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { contentWorks, markDocument, REPO, runtimeStats, startHarness, until, type Harness } from './qiosk-harness';

const HEAL_MS = 30_000;
const GONE_WORDS = 'This content is not available right now. It is retried automatically.';
const onStatus = (h: Harness) => h.page.url().includes('/status.html');
/** A failed wait says what the page reported and what main logged. */
const explain = (x: Harness) => (e: Error): never => {
  throw new Error(`${e.message}; tiles: ${JSON.stringify(x.triage.tiles)}; main's log: ${readFileSync(x.logFile, 'utf8').slice(-2000)}`);
};

describeWithKeyring('a runtime that behaves like the real qlik-embed', () => {
  const closing = closeAfterEach();

  it.each([
    ['at once', 0],
    ['slower than a probe step (8 s: its engine calls wait meanwhile)', 8_000],
  ])('self-resuming: an engine drop costs 0 remounts and 0 page reloads when the runtime resumes %s', async (_n, resumeDelayMs) => {
    const x = closing(await startHarness({ secret: makeCanary(), tenant: { runtimeMode: 'self-resuming', resumeDelayMs } }));
    await contentWorks(x);
    const mark = await markDocument(x);
    const before = await runtimeStats(x);
    const navigations = x.navigations.length;
    expect(x.tenant.closeSockets()).toBe(1);
    const t0 = Date.now();
    await until(async () => (await runtimeStats(x)).resumes > before.resumes, 15_000, 'the runtime to resume its session').catch(explain(x));
    await contentWorks(x, HEAL_MS);
    console.info(`[resume] engine drop, resume delay ${resumeDelayMs} ms: content again after ${Date.now() - t0} ms`);
    const after = await runtimeStats(x);
    expect(after.mounts).toBe(before.mounts); // no <qlik-embed> was recreated
    expect(await mark.sameDocument()).toBe(true); // no page reload
    expect(x.navigations.slice(navigations)).toEqual([]);
    expect(x.supervisor.health.lastHeal).toBeUndefined();
    expect(x.tenant.sockets()).toHaveLength(1); // the one session, resumed
  });

  it('known-real: one deleted app (a fatalerror without a status) and one forbidden object (status "403") cost only their own tiles, for 3 minutes', async () => {
    const x = closing(await startHarness({
      secret: makeCanary(),
      tenant: {
        runtimeMode: 'known-real',
        apps: [{ id: 'app-1', name: 'Sales', sheets: ['sheet-1'], objects: ['obj-1', 'obj-secret'], forbiddenObjects: ['obj-secret'] }],
      },
      embeds: [
        { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' },
        { ui: 'analytics/chart', appId: 'app-deleted', objectId: 'obj-1' },
        { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-secret' },
        { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' },
      ],
    }));
    const settled = () => {
      const [a, b, c, d] = x.triage.tiles;
      return a?.phase === 'rendered' && b?.phase === 'unavailable' && c?.phase === 'unavailable' && d?.phase === 'rendered';
    };
    await until(settled, HEAL_MS, 'two tiles rendered and the two gone ones marked unavailable').catch(explain(x));
    const mark = await markDocument(x);
    const navigations = x.navigations.length;
    const end = Date.now() + 3 * 60_000;
    let samples = 0;
    while (Date.now() < end) {
      expect(x.supervisor.health.state).toBe('content'); // the supervisor never left the content
      expect(x.triage.tiles.map((t) => t.phase), 'tile phases').toEqual(['rendered', 'unavailable', 'unavailable', 'rendered']);
      samples++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(samples).toBeGreaterThan(150);
    expect(await mark.sameDocument()).toBe(true); // 0 page reloads
    expect(x.navigations.slice(navigations)).toEqual([]);
    expect(x.supervisor.health.lastHeal).toBeUndefined();
    const words = await x.page.locator('section.tile .tile-problem').allTextContents();
    expect(words).toEqual(['', GONE_WORDS, GONE_WORDS, '']);
    expect(await x.page.locator('[data-fake-qlik-embed][data-app-id="app-1"][data-ws-state="connected"]').count()).toBe(2);
    await x.page.screenshot({ path: path.join(REPO, 'out/real-runtime-gone-content.png') });
  }, 5 * 60_000);

  async function shipped(): Promise<Harness> {
    const x = closing(await startHarness({ secret: makeCanary(), shippedTimings: true, tenant: { rateLimit: { tokenEndpointPerMinute: 20 } } }));
    await contentWorks(x, 60_000);
    return x;
  }

  it('shipped timings: an engine drop is back on content within 30 s', async () => {
    const x = await shipped();
    const before = await runtimeStats(x);
    expect(x.tenant.closeSockets()).toBe(1);
    const t0 = Date.now(); // the cause ends at once: the engine accepts new sessions
    await until(() => x.triage.tiles.some((t) => t.phase !== 'rendered'), HEAL_MS, 'the keepalive to notice');
    await contentWorks(x, HEAL_MS);
    const ms = Date.now() - t0;
    console.info(`[shipped] engine drop: content again ${ms} ms after the cause`);
    expect(ms).toBeLessThan(HEAL_MS);
    expect((await runtimeStats(x)).mounts).toBeGreaterThan(before.mounts);
  }, 90_000);

  it('shipped timings: a 20 s tenant outage is back on content within 30 s of its end', async () => {
    const x = await shipped();
    const t0 = Date.now();
    await x.tenant.goOffline();
    await until(() => onStatus(x) || x.triage.tiles.some((t) => t.phase !== 'rendered'), 20_000, 'the page to notice the outage');
    await new Promise((r) => setTimeout(r, Math.max(0, t0 + 20_000 - Date.now()))); // the outage lasts 20 s
    await x.tenant.comeOnline();
    const t1 = Date.now();
    await contentWorks(x, HEAL_MS);
    const ms = Date.now() - t1;
    console.info(`[shipped] 20 s tenant outage: content again ${ms} ms after the tenant came back`);
    expect(ms).toBeLessThan(HEAL_MS);
  }, 120_000);
});
