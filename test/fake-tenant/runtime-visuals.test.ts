// The stand-in runtime must look like analytics: each kind of embed, rendered by the real qlik-embed loader in
// Chromium against the fake tenant, is screenshotted and must show enough ink and colour, while a blank tile
// and the old dashed text "debug box" must fail the same check (so the check itself can fail).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { looksLikeAnalytics, pictureStats } from '../support/picture';
import { launchChromium, startRendererServer, type RendererServer } from './browser-fixture';
import { fakeClient, startFakeTenant, type FakeTenant } from './index';

const EMBEDS: [string, string][] = [
  ['sheet', 'ui="analytics/sheet" app-id="app-1" sheet-id="sheet-1"'],
  ['bar chart', 'ui="analytics/chart" app-id="app-1" object-id="obj-3"'],
  ['line chart', 'ui="analytics/chart" app-id="app-1" object-id="obj-1"'],
  ['pie chart', 'ui="analytics/chart" app-id="app-1" object-id="obj-2"'],
  ['field', 'ui="analytics/field" app-id="app-1" field-id="Region"'],
  ['selections', 'ui="analytics/selections" app-id="app-1"'],
];
// The loader makes <qlik-embed> `display: contents`, so a tile around it gives the size, as Qiosk's grid does.
const PAGE = `<style>body{margin:0;background:#f4f5f7} .tile{width:640px;height:360px;margin:8px}</style>
${EMBEDS.map(([name, attrs]) => `<div class="tile" data-name="${name}"><qlik-embed ${attrs}></qlik-embed></div>`).join('\n')}`;

let tenant: FakeTenant;
let renderer: RendererServer;
let browser: Browser;
let dispose: () => Promise<void>;
let page: Page;

beforeAll(async () => {
  const secret = makeCanary('VISUALS');
  renderer = await startRendererServer(() => tenant.baseUrl, secret, PAGE);
  tenant = await startFakeTenant({
    clients: [fakeClient({ clientSecret: secret, allowedOrigins: [renderer.origin] })],
    // Every embed fetches its object from the engine: the bar chart's must exist in the app.
    apps: [{ id: 'app-1', name: 'Sales', sheets: ['sheet-1'], objects: ['obj-1', 'obj-2', 'obj-3'] }],
  });
  ({ browser, dispose } = await launchChromium());
  page = await browser.newPage({ viewport: { width: 700, height: 2400 } });
  await page.goto(`${renderer.origin}/`);
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-fake-qlik-embed]')].filter((e) => e.getAttribute('data-ws-state') === 'connected').length === n, EMBEDS.length, { timeout: 15_000 });
  // The sheet and the charts are drawn once the engine has said what they are (titles, chart types, cells).
  await page.waitForFunction(() => document.querySelectorAll('[data-fake-qlik-embed][data-layout="loaded"]').length === 4, undefined, { timeout: 15_000 });
}, 60_000);
afterAll(async () => {
  await dispose?.();
  await renderer?.close();
  await tenant?.close();
});

const shot = async (selector: string) => pictureStats(await page.locator(selector).screenshot());

describe('stand-in runtime visuals (screenshots in Chromium)', () => {
  it.each(EMBEDS.filter(([n]) => ['sheet', 'bar chart', 'line chart', 'pie chart'].includes(n)).map(([n]) => n))('a %s reads as analytics: ink and several colours', async (name) => {
    const s = await shot(`.tile[data-name="${name}"]`);
    expect(looksLikeAnalytics(s), JSON.stringify(s)).toBe(true);
  });

  it('field and selections show their values as coloured chips, and every tile names the app and the user', async () => {
    for (const name of ['field', 'selections']) expect((await shot(`.tile[data-name="${name}"]`)).hues, name).toBeGreaterThanOrEqual(1);
    const texts = await page.$$eval('[data-fake-qlik-embed]', (els) => els.map((e) => e.textContent ?? ''));
    for (const t of texts) expect(t).toMatch(/Sales[\s\S]*Viewing as Alice/);
  });

  it('the check fails on a blank tile and on a dashed text-only debug box', async () => {
    await page.evaluate(() => {
      const blank = Object.assign(document.createElement('div'), { id: 'blank' });
      Object.assign(blank.style, { width: '640px', height: '360px', background: '#fff' });
      const debug = Object.assign(document.createElement('div'), { id: 'debug', textContent: 'Fake Qlik analytics/sheet | app app-1 "Sales" | sheet sheet-1 | user u-1 | ready | ws connected' });
      Object.assign(debug.style, { width: '640px', height: '360px', background: '#fff', border: '1px dashed #888', padding: '8px', font: '14px sans-serif', boxSizing: 'border-box' });
      document.body.prepend(blank, debug);
    });
    expect(looksLikeAnalytics(await shot('#blank'))).toBe(false);
    expect(looksLikeAnalytics(await shot('#debug'))).toBe(false);
  });
});
