// The renderer origin cannot be taken over: another local account listening on [::1] and 127.0.0.1 at the
// renderer port — before Qiosk starts, and again after the content is showing — never receives a request or a
// websocket (the page's own script tries ws:// to the renderer port with a token: the CSP names the origin's
// scheme, and the egress gate refuses loopback), never gets its page into the window, and no token is minted
// for or used from it.
import { afterEach, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { embedsShowing, freePort, startHarness, type Harness } from './qiosk-harness';
import { startSquatter, type Squatter } from './squatter';

const IMPERSONATION = 'urn:qlik:oauth:user-impersonation';

describeWithKeyring('renderer origin vs a squatter on the renderer port', () => {
  let h: Harness | undefined;
  const squatters: Squatter[] = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    for (const s of squatters.splice(0)) await s.stop();
  });

  it('before and after start-up, the squatter gets no request, no page in the window and no token', async () => {
    const port = await freePort();
    const before = await startSquatter(port); // holds [::1]:port and 127.0.0.1:port before Qiosk exists
    squatters.push(before);
    h = await startHarness({ secret: makeCanary(), port });
    await embedsShowing(h.page);
    expect(await h.page.locator('#squatter').count()).toBe(0);

    // Again once the content is showing: a new squatter, then the reload a heal would do.
    await before.stop();
    const after = await startSquatter(port);
    squatters.push(after);
    await h.reload(); // main loads its page again (a page-initiated reload would be refused)
    await embedsShowing(h.page);
    expect(await h.page.locator('#squatter').count()).toBe(0);
    expect(h.page.url()).toBe(h.contentUrl);

    expect([...before.hits, ...after.hits]).toEqual([]);
    const log = h.tenant.log();
    // One mint, by main (no Origin); every browser request to the tenant came from Qiosk's own page.
    expect(log.filter((e) => e.grantType === IMPERSONATION).map((e) => [e.status, e.origin])).toEqual([[200, null]]);
    expect(log.filter((e) => e.origin !== null && e.origin !== h!.origin)).toEqual([]);
    // A script in the page (it holds a token) opens websockets to the renderer port, by every loopback name.
    const outcomes = await h.page.evaluate(async (p) => {
      const token = await (window as unknown as { qioskGetAccessToken(): Promise<string> }).qioskGetAccessToken();
      return Promise.all(['localhost', '127.0.0.1', '[::1]'].map((host) => new Promise<string>((resolve) => {
        try {
          const ws = new WebSocket(`ws://${host}:${p}/ws?t=${encodeURIComponent(token)}`);
          ws.onopen = () => resolve(`${host}: open`);
          ws.onerror = () => resolve(`${host}: error`);
          setTimeout(() => resolve(`${host}: no answer`), 3000);
        } catch (e) {
          resolve(`${host}: threw ${(e as Error).name}`);
        }
      })));
    }, port);
    expect(outcomes.filter((o) => o.endsWith('open'))).toEqual([]);
    expect(after.hits).toEqual([]);
    console.info(`squatter ran as ${before.user}; requests it received: ${before.hits.length + after.hits.length}`);
  });
});
