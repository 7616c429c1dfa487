// The Chromium preview as a person sees it: headed, a window with no browser UI (an app window; full screen
// with --kiosk), also after the supervisor replaced the window; headless, at 1920×1080, 1280×800 and a portrait
// 1080×1920, the PREVIEW chip inside the DEMO banner covering no tile, and the status screen over the last good
// picture readable with nothing over its text. Screenshots land in out/preview-layout/ for a look.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { createLogFactory } from '../../src/main/log/logger';
import { rendererOrigin } from '../../src/main/origin/renderer-origin';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { startFakeTenant, type FakeTenant } from '../fake-tenant';
import { demoConfig, demoTenantOptions, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../fake-tenant/demo';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { boxes, overlaps, statusScreenProblems } from '../support/layout';
import { until } from '../support/until';
import { startXvfb, type Display } from '../support/xvfb';
import { startPreview, type Preview } from './preview';
import { freePort, REPO } from './qiosk-harness';

const SHOTS = path.join(REPO, 'out/preview-layout');
const VIEWPORTS = [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }, { width: 1080, height: 1920 }];
let cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function preview(o: { headless: boolean; kiosk?: boolean }): Promise<{ p: Preview; tenant: FakeTenant }> {
  const port = await freePort();
  const tenant = await startFakeTenant(demoTenantOptions(rendererOrigin(port)));
  cleanup.push(() => tenant.close());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qiosk-preview-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = createKeytarStore();
  await store.set(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
  cleanup.push(() => store.delete(DEMO_CLIENT_ID));
  const configPath = path.join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(demoConfig({ tenantUrl: tenant.baseUrl, port, kiosk: o.kiosk ?? false })));
  const p = await startPreview({
    tenant, configPath, dir, secrets: store, headless: o.headless, kiosk: o.kiosk ?? false, screenshotDir: path.join(dir, 'shots'),
    logFor: createLogFactory(() => {}), say: () => {}, screenshotEveryMs: 60_000,
  });
  cleanup.push(() => p.stop());
  return { p, tenant };
}

const rendered = (page: () => Page) => until(async () => (await page().locator('[data-fake-qlik-embed][data-status="ready"]').count().catch(() => 0)) === 3, 30_000, '3 embeds rendered');
const windowFacts = (page: Page) => page.evaluate(() => ({
  displayMode: ['fullscreen', 'standalone', 'minimal-ui', 'browser'].find((m) => matchMedia(`(display-mode: ${m})`).matches),
  uiHeight: outerHeight - innerHeight,
}));

async function withDisplay(): Promise<Display> {
  const display = await startXvfb();
  const before = process.env['DISPLAY'];
  process.env['DISPLAY'] = display.name; // Chromium inherits it at launch
  cleanup.push(async () => {
    if (before === undefined) delete process.env['DISPLAY'];
    else process.env['DISPLAY'] = before;
    await display.stop();
  });
  return display;
}

describeWithKeyring('the Chromium preview looks like the kiosk', () => {
  it('headed: an app window without tabs, address bar or buttons, also after the supervisor replaced the window', async () => {
    await withDisplay();
    const { p } = await preview({ headless: false });
    await rendered(() => p.kiosk.page);
    // Chromium reports an app window as display-mode standalone; a tabbed browser window as "browser", with its
    // toolbars taking ~90 px of the window's height.
    expect(await windowFacts(p.kiosk.page)).toMatchObject({ displayMode: 'standalone' });
    const first = p.kiosk.page;
    p.kiosk.supervisor.fault('unresponsive'); // a dead renderer is never reused: a new window
    await until(async () => p.kiosk.page !== first, 10_000, 'a new window');
    await rendered(() => p.kiosk.page);
    expect(await windowFacts(p.kiosk.page)).toMatchObject({ displayMode: 'standalone' });
    expect((await windowFacts(p.kiosk.page)).uiHeight).toBeLessThan(40);
  }, 90_000);

  it('headed with --kiosk: full screen, no browser UI at all', async () => {
    await withDisplay();
    const { p } = await preview({ headless: false, kiosk: true });
    await rendered(() => p.kiosk.page);
    expect(await windowFacts(p.kiosk.page)).toEqual({ displayMode: 'fullscreen', uiHeight: 0 });
    const cdp = await p.kiosk.context.newCDPSession(p.kiosk.page);
    const { bounds } = await cdp.send('Browser.getWindowForTarget');
    expect(bounds.windowState).toBe('fullscreen');
  }, 90_000);

  it('headless at three sizes: the chip inside the DEMO banner covers no tile; the outage screen over the last good picture is readable', async () => {
    const { p, tenant } = await preview({ headless: true });
    mkdirSync(SHOTS, { recursive: true });
    const page = () => p.kiosk.page;
    await rendered(page);
    for (const viewport of VIEWPORTS) {
      await page().setViewportSize(viewport);
      await rendered(page);
      await page().screenshot({ path: path.join(SHOTS, `content-${viewport.width}x${viewport.height}.png`) });
      const chip = await boxes(page(), { 'preview chip': '[data-qiosk-preview-label]' });
      const [banner] = await boxes(page(), { 'DEMO banner': '.demo-banner' });
      expect(chip).toHaveLength(1);
      expect(chip[0]!.y + chip[0]!.height).toBeLessThanOrEqual(banner!.y + banner!.height); // inside the banner
      expect(overlaps(chip, await boxes(page(), { tile: '.tile' }))).toEqual([]);
    }
    // An outage: main keeps the last good picture and shows the status screen over it.
    tenant.addFault({ path: '/*', status: 503, times: 1_000_000 });
    tenant.closeSockets({ code: 4000, reason: 'outage' });
    await until(async () => page().url().includes('status.html') && (await page().isVisible('#last-good').catch(() => false)), 60_000, 'the status screen with the last good picture');
    for (const viewport of VIEWPORTS) {
      await page().setViewportSize(viewport);
      await page().screenshot({ path: path.join(SHOTS, `outage-${viewport.width}x${viewport.height}.png`) });
      expect(await statusScreenProblems(page(), viewport)).toEqual([]);
      expect(await page().textContent('#as-of')).toMatch(/^Data as of \d\d:\d\d — reconnecting$/);
    }
  }, 180_000);
});
