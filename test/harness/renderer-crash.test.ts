// A renderer crash, healed by the window supervisor with no human: the dead page is never reused; a new one
// (a new window in Electron) comes back on the content within 30 s, with the token main already holds.
import { afterEach, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { contentWorks, embedsShowing, startHarness, type Harness } from './qiosk-harness';

describeWithKeyring('kiosk window in Chromium: renderer crash', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a crashed renderer: a new page on the content within 30 s, the dead one closed, no new mint', async () => {
    h = await startHarness({ secret: makeCanary() });
    await embedsShowing(h.page);
    const first = h.page;
    const cdp = await h.context.newCDPSession(first);
    const crashedAt = Date.now();
    await cdp.send('Page.crash').catch(() => {}); // the renderer process dies, as Electron's render-process-gone
    for (let i = 0; i < 300 && h.page === first; i++) await new Promise((r) => setTimeout(r, 100));
    expect(h.page).not.toBe(first);
    await contentWorks(h);
    const back = Date.now() - crashedAt;
    console.info(`[crash] content back ${back} ms after the renderer crashed`);
    expect(back).toBeLessThan(30_000);
    expect(first.isClosed()).toBe(true);
    expect(h.supervisor.health).toMatchObject({ state: 'content', lastHeal: { cause: 'crashed', rung: 'recreate' } });
    expect(h.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation')).toHaveLength(1);
  });
});
