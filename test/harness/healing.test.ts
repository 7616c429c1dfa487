// The healing battery, in Chromium against the fake tenant, once per runtime mode of the stand-in (worst case,
// known-real, self-resuming: test/fake-tenant/options.ts): each fault ends on working content (every embed
// drawn, its engine session connected, for the right user, and reported rendered to main) within 30 s after
// the cause is gone, with no human. While it lasts the window shows the status screen (with the last good
// picture) rather than blank tiles. Timings are scaled down (HARNESS_HEALTH); the tenant's token endpoint
// allows 20 requests a minute here, and no scenario may meet a 429.
import { expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import path from 'node:path';
import { RUNTIME_MODES, type RuntimeMode } from '../fake-tenant/options';
import { contentWorks, HARNESS_HEALTH, localTimeIn, REPO, runtimeStats, startHarness, until, type Harness, type HarnessOptions } from './qiosk-harness';

const HEAL_MS = 30_000;
const IMPERSONATION = 'urn:qlik:oauth:user-impersonation';
const onStatus = (h: Harness) => h.page.url().includes('/status.html');

for (const mode of RUNTIME_MODES) describeWithKeyring(`kiosk window in Chromium, runtime ${mode}: every fault heals unattended`, () => battery(mode));

function battery(mode: RuntimeMode): void {
  const closing = closeAfterEach();
  const resumes = mode === 'self-resuming';

  async function working(o: Partial<HarnessOptions> = {}): Promise<Harness> {
    const x = closing(await startHarness({ secret: makeCanary(), ...o, tenant: { rateLimit: { tokenEndpointPerMinute: 20 }, runtimeMode: mode, ...o.tenant } }));
    await contentWorks(x);
    await until(() => x.screen('main')!.lastGoodAt() !== undefined, 5_000, 'the last good picture');
    return x;
  }
  const mints = (x: Harness) => x.tenant.log().filter((e) => e.grantType === IMPERSONATION);
  function report(name: string, ms: number, x: Harness) {
    const tokenRequests = x.tenant.log().filter((e) => e.path === '/oauth/token');
    console.info(`[heal] ${name}: working content ${ms} ms after the cause was gone; ${mints(x).length} mints, ${tokenRequests.length} token requests in all`);
    expect(ms).toBeLessThan(HEAL_MS);
    expect(tokenRequests.filter((e) => e.status === 429)).toEqual([]);
  }
  /** The page noticed the fault (a tile not rendered, or main took the window), then working content again:
   * the ms from `since` (when the cause was gone). Without the first wait, content not yet broken would pass. */
  async function noticedThenWorks(x: Harness, since: number, resumed: number): Promise<number> {
    // A runtime that resumes may heal before any tile leaves "rendered": its resume is the sign it noticed.
    await until(async () => onStatus(x) || x.triage.tiles.some((t) => t.phase !== 'rendered') || (resumes && (await runtimeStats(x)).resumes > resumed), 15_000, 'the page to notice the fault');
    await contentWorks(x);
    return Date.now() - since;
  }
  /** The status page as a passer-by sees it: the last good picture dimmed under "Data as of HH:MM". */
  async function showsLastGoodPicture(x: Harness) {
    await until(() => x.page.locator('#as-of').isVisible(), 5_000, 'the "Data as of" banner');
    expect(await x.page.locator('#as-of').textContent()).toMatch(/^Data as of \d\d:\d\d — reconnecting$/);
    expect(await x.page.locator('#last-good').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }

  it('tenant unreachable while the page loads, with a cached token: status screen (last good picture) within the watchdog, then content', async () => {
    const x = await working();
    await x.tenant.goOffline();
    const t0 = Date.now();
    x.supervisor.fault('load-failed'); // the ladder's first rung reloads the page, now with no tenant
    // Blank tiles no longer than the load watchdog, plus main's diagnosis (a probe of the tenant) and a report.
    await until(() => onStatus(x), HARNESS_HEALTH.loadTimeoutSeconds * 1000 + 4_000, 'the status screen');
    console.info(`[heal] tenant unreachable: status screen ${Date.now() - t0} ms after the reload`);
    await showsLastGoodPicture(x);
    await x.tenant.comeOnline();
    report('tenant unreachable during a load', await contentWorks(x), x);
    expect(mints(x)).toHaveLength(1); // the cached token served throughout
  });

  it('tenant gone mid-session (no reload): the keepalive notices, status screen, then content', async () => {
    const x = await working();
    await x.tenant.goOffline(); // engine sockets cut, nothing answers
    await until(() => onStatus(x), 15_000, 'the status screen');
    await showsLastGoodPicture(x);
    await x.tenant.comeOnline();
    report('tenant gone mid-session', await contentWorks(x), x);
  });

  it(`the engine closes every session: the tiles are ${resumes ? 'resumed' : 'remounted'}, no status screen, no new token`, async () => {
    const x = await working();
    const navigations = x.navigations.length;
    const before = await runtimeStats(x);
    expect(x.tenant.closeSockets()).toBeGreaterThan(0);
    report('engine closed every session', await noticedThenWorks(x, Date.now(), before.resumes), x);
    expect(x.navigations.slice(navigations)).toEqual([]);
    expect(mints(x)).toHaveLength(1);
    const after = await runtimeStats(x);
    if (resumes) expect(after.mounts).toBe(before.mounts);
    else expect(after.mounts).toBeGreaterThan(before.mounts);
  });

  it('the token revoked mid-session (and its sessions ended): at most 2 new mints, then content on a valid token', async () => {
    const x = await working();
    const { resumes: resumed } = await runtimeStats(x);
    x.tenant.revoke({ userId: 'u-1' });
    x.tenant.closeSockets({ userId: 'u-1' });
    report('token revoked', await noticedThenWorks(x, Date.now(), resumed), x);
    expect(mints(x).length - 1).toBeGreaterThanOrEqual(1);
    expect(mints(x).length - 1).toBeLessThanOrEqual(2);
    const live = x.tenant.sockets();
    expect(live).toHaveLength(1); // the three embeds share one session per app
    const tokens = x.tenant.tokens();
    for (const s of live) expect(tokens.find((t) => t.id === s.parentTokenId)).toMatchObject({ revoked: false });
  });

  it('the runtime script answers 500, then HTML: status screen while it lasts, then content', async () => {
    const x = await working();
    const f500 = x.tenant.addFault({ path: '/qlik-embed/main.js', status: 500, body: 'oops', times: 1000 });
    x.supervisor.fault('load-failed');
    await until(() => onStatus(x), HARNESS_HEALTH.loadTimeoutSeconds * 1000 + 4_000, 'the status screen');
    const html = x.tenant.addFault({ path: '/qlik-embed/main.js', status: 200, body: '<!doctype html><title>Sign in</title>', headers: { 'content-type': 'text/html' }, times: 1000 });
    x.tenant.removeFault(f500.id);
    const mark = x.tenant.log().length;
    const mainGotHtml = () => x.tenant.log().slice(mark).filter((e) => e.path === '/qlik-embed/main.js' && e.origin === null && e.status === 200).length;
    await until(() => mainGotHtml() >= 2, 20_000, 'two of main\'s tenant checks to meet the HTML page');
    expect(onStatus(x)).toBe(true); // HTML is not a runtime: still the status screen
    x.tenant.removeFault(html.id);
    report('runtime script 500 then HTML', await contentWorks(x), x);
  });

  it('content gone (an app deleted): that tile says so in staff words, the others keep working, no status screen', async () => {
    const x = closing(await startHarness({
      secret: makeCanary(),
      tenant: { runtimeMode: mode },
      embeds: [
        { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' },
        { ui: 'analytics/chart', appId: 'app-deleted', objectId: 'obj-1' },
        { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-2' },
      ],
    }));
    await until(() => x.triage.tiles[1]?.phase === 'unavailable', HEAL_MS, 'the deleted app\'s tile to be marked unavailable');
    expect(await x.page.locator('section.tile').nth(1).locator('.tile-problem').textContent()).toBe('This content is not available right now. It is retried automatically.');
    await until(() => x.triage.tiles.filter((t) => t.phase === 'rendered').length === 2, HEAL_MS, 'the two other tiles');
    expect(await x.page.locator('[data-fake-qlik-embed][data-app-id="app-1"][data-ws-state="connected"]').count()).toBe(2);
    expect(x.navigations.filter((u) => u.includes('status.html'))).toEqual([]);
    await x.page.screenshot({ path: path.join(REPO, `out/healing-content-gone-${mode}.png`) });
  });

  it('a hung renderer: missing heartbeats, a new window on the content', async () => {
    const x = await working();
    const first = x.page;
    const t0 = Date.now();
    void first.evaluate('setTimeout(() => { for (;;) {} }, 0)').catch(() => {});
    await until(() => x.page !== first, HEAL_MS, 'a new window');
    await contentWorks(x, HEAL_MS);
    const ms = Date.now() - t0;
    expect(x.supervisor.health.lastHeal).toMatchObject({ cause: 'heartbeat-lost', rung: 'recreate' });
    report('renderer hang', ms, x);
  });

  it('a wall-clock jump of +7 h (token expired at the tenant, sessions closed, a recycle due): content on a fresh token', async () => {
    const x = await working({ tenant: { rateLimit: { tokenEndpointPerMinute: 20 }, closeOnParentExpiry: { code: 4001, reason: 'token expired' } }, supervisor: { dailyRecycleAt: localTimeIn(3.5) } });
    const { resumes: resumed } = await runtimeStats(x);
    x.advanceMainClock(7 * 3600_000);
    x.tenant.clock.advance(7 * 3600);
    report('clock jump +7 h', await noticedThenWorks(x, Date.now(), resumed), x);
    expect(x.supervisor.health.lastHeal).toMatchObject({ cause: 'daily-recycle' });
    expect(mints(x).length - 1).toBeLessThanOrEqual(2);
    const tokens = x.tenant.tokens();
    for (const s of x.tenant.sockets()) expect(Date.parse(tokens.find((t) => t.id === s.parentTokenId)!.expiresAt)).toBeGreaterThan(x.tenant.clock.now());
  });
}
