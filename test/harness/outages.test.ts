// The token path failing in the ways a kiosk meets over weeks. In each case the window must show the status
// screen rather than dead embeds, and come back to the content by itself once the tenant answers again.
import { expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { ESCALATE_AFTER_MS } from '../../src/main/recovery/token-recovery';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { LAST_GOOD_PATH, STATUS_INFO_PATH } from '../../src/shared/ipc-contract';
import { contentWorks, embedsShowing, localTimeIn, startHarness, until, type Harness, statusShown } from './qiosk-harness';

const SIX_HOURS_AND_A_BIT = 6 * 3600_000 + 60_000;
const tokenSends = (h: Harness) => h.mainRequests.filter((r) => r.url.endsWith('/oauth/token')).map((r) => r.at);

describeWithKeyring('kiosk window in Chromium: token-path outages', () => {
  const closing = closeAfterEach();

  it('a tenant host that never resolves: "No action needed" only until the bound, then the screen asks for IT', async () => {
    const h = closing(await startHarness({
      secret: makeCanary(),
      userConfig: (c) => ({ ...c, tenant: { ...(c['tenant'] as object), host: 'https://qiosk-mistyped-tenant.invalid' } }),
    }));
    await statusShown(h, 15_000, /status\.html/);
    const said = () => h.page.evaluate(() => document.body.innerText).catch(() => '');
    await until(async () => (await said()).includes('No action needed.'), 10_000, 'the reconnecting screen');
    expect(await said()).not.toMatch(/tell IT/);
    h.advanceMainClock(ESCALATE_AFTER_MS); // main's wall clock; probes keep their real (≤ 20 s) rhythm
    await until(async () => /Please tell IT: this screen cannot reach Qlik/.test(await said()), 40_000, 'the screen to ask for IT');
    const text = await said();
    expect(text).not.toMatch(/No action needed|by themselves|notified/);
    expect(text).toMatch(/Trying again/); // it keeps trying, and says when
  }, 90_000);

  it('a hanging tenant at start-up: the broker times out (3 s), the status screen shows, and the content follows', async () => {
    const h = closing(await startHarness({ secret: makeCanary(), beforeStart: (t) => void t.addFault({ path: '/oauth/token', hang: true, times: 1 }) }));
    const t0 = Date.now();
    await statusShown(h, 10_000, /status\.html/);
    const toStatus = Date.now() - t0;
    expect(toStatus).toBeLessThan(8_000); // bounded by broker.timeoutMs, not by the hang
    expect(new URL(h.page.url()).searchParams.get('code')).toBe('timeout');
    await embedsShowing(h.page);
    expect(h.navigations.at(-1)).toBe(h.contentUrl);
  });

  it('429 with Retry-After: no token request before the tenant said, then the content by itself', async () => {
    const h = closing(await startHarness({
      secret: makeCanary(),
      beforeStart: (t) => void t.addFault({ path: '/oauth/token', status: 429, headers: { 'retry-after': '3' }, body: { errors: [{ code: 'RATE', title: 'slow down' }] }, times: 1 }),
    }));
    await statusShown(h, 10_000, /status\.html/);
    expect(new URL(h.page.url()).searchParams.get('code')).toBe('rate_limited');
    await embedsShowing(h.page);
    const sent = tokenSends(h);
    expect(h.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation').map((e) => e.status)).toEqual([429, 200]);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(2_900);
  });

  it('mid-session: the token expired and the tenant is down when the page reloads — status screen, never dead embeds, then content', async () => {
    // The daily recycle is set well past the jump: this test is about the token path, not the recycle.
    const h = closing(await startHarness({ secret: makeCanary(), supervisor: { dailyRecycleAt: localTimeIn(12) } }));
    await embedsShowing(h.page);
    h.advanceMainClock(SIX_HOURS_AND_A_BIT); // the cached token is now past its expiry
    h.tenant.addFault({ path: '/oauth/token', status: 503, body: 'maintenance', times: 2 });
    const before = h.navigations.length;
    await h.reload(); // what the supervisor's reload does after a fatalerror or a failed load
    await statusShown(h, 10_000, /status\.html/);
    expect(new URL(h.page.url()).searchParams.get('code')).toBe('server_error');
    await embedsShowing(h.page);
    expect(h.navigations.slice(before).filter((u) => u.includes('status.html')).length).toBeGreaterThanOrEqual(1);
    expect(h.navigations.at(-1)).toBe(h.contentUrl);
    const mints = h.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation');
    // The fault matches any /oauth/token request (the page's token exchanges too), so main meets 1 or 2 of the 503s.
    const statuses = mints.map((e) => e.status);
    expect(statuses[0]).toBe(200);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(1, -1).length).toBeGreaterThanOrEqual(1);
    expect(new Set(statuses.slice(1, -1))).toEqual(new Set([503]));
    // The fresh token is the one the embeds now use.
    const last = mints.at(-1)!.issuedTokenId;
    expect(h.tenant.log().filter((e) => e.path === '/api/v1/users/me').at(-1)).toMatchObject({ bearerTokenId: last, status: 200 });
  });

  // src/shared/status-codes.ts: a dashboard of old numbers stands in only while the cause passes by itself.
  it('a cause IT must fix (the secret gone, a fresh token needed): the plain status screen, never the last good picture', async () => {
    const h = closing(await startHarness({ secret: makeCanary() }));
    await contentWorks(h);
    await until(() => h.screen('main')!.lastGoodAt() !== undefined, 5_000, 'the last good picture');
    await createKeytarStore().delete('kiosk-imp'); // the harness's OAuth client: its secret is gone from the keychain
    h.tenant.revoke({ userId: 'u-1' }); // and Qlik revoked the kiosk's sign-in, ending its sessions: only a new mint would help
    h.tenant.closeSockets({ userId: 'u-1' });
    await statusShown(h, 30_000, /status\.html\?code=secret_unavailable/);
    const info = (await h.page.evaluate(async (p) => (await fetch(p, { cache: 'no-store' })).json(), STATUS_INFO_PATH)) as { query: string; pictureAt?: number };
    expect(info.query).toMatch(/^code=secret_unavailable/);
    expect(info.pictureAt).toBeUndefined();
    expect(await h.page.evaluate(async (p) => (await fetch(p, { cache: 'no-store' })).status, LAST_GOOD_PATH)).toBe(404);
    await new Promise((r) => setTimeout(r, 1_500)); // the status page polls main every second
    expect(await h.page.locator('#last-good').isVisible()).toBe(false);
    expect(await h.page.locator('#as-of').isVisible()).toBe(false);
    expect(await h.page.evaluate(() => document.body.innerText)).toMatch(/Please tell IT: the screen’s Qlik key is missing on this computer\./);
    expect(h.screen('main')!.lastGoodAt()).toBeDefined(); // kept in memory, only not shown
  }, 60_000);
});
