// A renderer crash, healed by the window supervisor with no human: the dead page is never reused; a new one
// (a new window in Electron) comes back on the content within 30 s, with the token main already holds.
import { expect, it } from 'vitest';
import { closeAfterEach } from '../support/close-after-each';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { contentWorks, embedsShowing, startHarness, until } from './qiosk-harness';

describeWithKeyring('kiosk window in Chromium: renderer crash', () => {
  const closing = closeAfterEach();

  it('a crashed renderer: a new page on the content within 30 s, the dead one closed, no new mint', async () => {
    const h = closing(await startHarness({ secret: makeCanary() }));
    await embedsShowing(h.page);
    const first = h.page;
    const cdp = await h.context.newCDPSession(first);
    const crashedAt = Date.now();
    await cdp.send('Page.crash').catch(() => {}); // the renderer process dies, as Electron's render-process-gone
    await until(() => h.page !== first, 30_000, 'a new page for the crashed one');
    await contentWorks(h);
    const back = Date.now() - crashedAt;
    console.info(`[crash] content back ${back} ms after the renderer crashed`);
    expect(back).toBeLessThan(30_000);
    expect(first.isClosed()).toBe(true);
    expect(h.supervisor.health).toMatchObject({ state: 'content', lastHeal: { cause: 'crashed', rung: 'recreate' } });
    expect(h.tenant.log().filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation')).toHaveLength(1);
  });
});
