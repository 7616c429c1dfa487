// The renderer origin cannot be taken over: another local account listening on [::1] and 127.0.0.1 at the
// renderer port — before Qiosk starts, and again after the content is showing — never receives a request,
// never gets its page into the window, and no token is minted for or used from it.
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
    await h.page.reload();
    await embedsShowing(h.page);
    expect(await h.page.locator('#squatter').count()).toBe(0);
    expect(h.page.url()).toBe(`${h.origin}/`);

    expect([...before.hits, ...after.hits]).toEqual([]);
    const log = h.tenant.log();
    // One mint, by main (no Origin); every browser request to the tenant came from Qiosk's own page.
    expect(log.filter((e) => e.grantType === IMPERSONATION).map((e) => [e.status, e.origin])).toEqual([[200, null]]);
    expect(log.filter((e) => e.origin !== null && e.origin !== h!.origin)).toEqual([]);
    console.info(`squatter ran as ${before.user}; requests it received: ${before.hits.length + after.hits.length}`);
  });
});
