// Why Qiosk serves its renderer from http://localhost:<port>: the same embeds on a file:// page send
// `Origin: null`, which no Allowed Origins entry matches, so the tenant refuses them even with a valid token.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { embedAttributes } from '../../src/renderer/embed-attributes';
import { BRIDGE_GLOBAL } from '../../src/shared/ipc-contract';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { makeCanary } from '../support/canary';
import { embedsShowing, REPO, startHarness, type Harness } from './qiosk-harness';

describeWithKeyring('the renderer page from file:// instead of the renderer origin', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness({ secret: makeCanary() });
    dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-file-origin-'));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused by the tenant origin check, while the same embeds work from the renderer origin', async () => {
    await embedsShowing(h.page);
    const token = await h.page.evaluate((name) => (window as unknown as Record<string, () => Promise<string>>)[name]!(), BRIDGE_GLOBAL);

    // The same loader and the same <qlik-embed> attributes, handed the same valid token, from a file:// page.
    copyFileSync(path.join(REPO, 'out/renderer/vendor/qlik-embed-web-components.js'), path.join(dir, 'loader.js'));
    const cfg = { tenantHost: h.tenant.baseUrl, clientId: 'kiosk-imp' };
    const tag = embedAttributes({ ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' }, cfg)
      .map(([n, v]) => `${n}="${v}"`).join(' ');
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><script>window.${BRIDGE_GLOBAL} = () => Promise.resolve(${JSON.stringify(token)});</script>
      <script src="loader.js"></script><qlik-embed ${tag}></qlik-embed>`);
    const before = h.tenant.log().length;
    const other = await h.context.browser()!.newContext(); // no preload: this page gets the token handed in
    const page = await other.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.waitForSelector('[data-fake-qlik-embed][data-status="error"]', { timeout: 15_000 });

    const fromFile = h.tenant.log().slice(before).filter((e) => e.origin === 'null');
    expect(fromFile.length).toBeGreaterThan(0);
    expect(fromFile.every((e) => e.status === 403)).toBe(true);
    expect(h.tenant.log().slice(before).some((e) => e.path === '/api/v1/users/me' && e.status === 200)).toBe(false);
    expect(await page.locator('[data-fake-qlik-embed][data-user-id="u-1"]').count()).toBe(0);
    await other.close();
  });
});
