// The status screens as a passer-by and IT see them, in Chromium at 1920×1080 and 1280×800: staff words only
// (no URL, port, id or code on screen), a title and body big enough to read across a room (≥ 60 px and ≥ 30 px
// at 1080p, in proportion below), a clock, "since", the DEMO banner in demo mode, and every config problem
// reachable in the IT view (hidden by default). Screenshots land in out/status-screens/ for a look.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { PNG } from 'pngjs';
import { LAST_GOOD_PATH, STATUS_INFO_PATH } from '../../src/shared/ipc-contract';
import { meanLuminance } from '../support/picture';
import { FOR_IT_ONLY } from '../support/staff-words';
import { REPO } from './chromium-kiosk';

const PAGE = pathToFileURL(path.join(REPO, 'out/renderer/status.html')).href;
const SHOTS = path.join(REPO, 'out/status-screens');
const PROBLEMS = [
  '/etc/qiosk/config.json: tenant.host: must be an https:// URL, e.g. https://acme.eu.qlikcloud.com',
  '/etc/qiosk/config.json: identity.template: must contain {username}',
  '/etc/qiosk/config.json: content.embeds[0].sheetId: required for analytics/sheet',
];
const SINCE = new Date(2026, 11, 1, 10, 42).getTime();
const CASES: [string, Record<string, string>][] = [
  ['server_error', { retryAt: String(Date.now() + 65_000), since: String(SINCE), demo: '1' }],
  ['rate_limited', { retryAt: String(Date.now() + 30_000) }],
  ['bad_credentials', { retryAt: String(Date.now() + 60_000), since: String(SINCE) }],
  ['disabled_user', {}],
  ['configuration', { detail: PROBLEMS.join('\n'), since: String(SINCE), demo: '1' }],
];
const VIEWPORTS = [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
}, 30_000);
afterAll(() => browser?.close());

describe('status screens', () => {
  for (const viewport of VIEWPORTS) {
    it.each(CASES)(`%s at ${viewport.width}×${viewport.height}`, async (code, params) => {
      const page = await browser.newPage({ viewport });
      await page.goto(`${PAGE}?${new URLSearchParams({ code, ...params })}`);
      await page.screenshot({ path: path.join(SHOTS, `${code}-${viewport.width}x${viewport.height}.png`) });
      const shown = await page.evaluate(() => document.body.innerText); // hidden elements give no text
      expect(shown).not.toMatch(FOR_IT_ONLY);
      const px = (sel: string) => page.$eval(sel, (e) => parseFloat(getComputedStyle(e).fontSize));
      expect(await px('h1')).toBeGreaterThanOrEqual((60 / 1080) * viewport.height);
      expect(await px('.status-body')).toBeGreaterThanOrEqual((30 / 1080) * viewport.height);
      expect(await px('.status-action')).toBeGreaterThanOrEqual((28 / 1080) * viewport.height);
      expect(shown).toMatch(/\b\d\d:\d\d\b/); // the clock
      if (params['since']) expect(shown).toContain('Since 10:42.');
      expect(shown.match(/Trying again|keeps trying/g) ?? []).toHaveLength(1); // one countdown
      expect(await page.isVisible('#demo')).toBe(params['demo'] === '1');
      if (params['demo']) expect(shown).toContain('DEMO');
      expect(await page.isVisible('#it-view')).toBe(false);
      await page.keyboard.press('Control+Alt+KeyI');
      expect(await page.isVisible('#it-view')).toBe(true);
      const it = await page.$eval('#it-view', (e) => (e as HTMLElement).innerText);
      expect(it).toContain(code);
      for (const p of params['detail'] ? PROBLEMS : []) expect(it).toContain(p);
      await page.close();
    });
  }
});

/** A stand-in for a captured dashboard: coloured bars on white. */
function dashboardPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const i = (width * y + x) << 2;
    const bar = Math.floor(x / (width / 8));
    const top = height * (0.2 + 0.08 * bar);
    const colours: readonly (readonly number[])[] = [[0, 120, 215], [0, 170, 110], [230, 120, 0]];
    const rgb = y > top && x % (width / 8) > width / 40 ? colours[bar % 3]! : [255, 255, 255];
    png.data.set([...rgb, 255], i);
  }
  return PNG.sync.write(png);
}

describe('status screen over the last good picture', () => {
  const ORIGIN = 'http://localhost:47399';
  for (const viewport of VIEWPORTS) {
    it(`an outage at ${viewport.width}×${viewport.height}: the picture dimmed, "Data as of 10:42 — reconnecting" across the room, the status on top`, async () => {
      const page = await browser.newPage({ viewport });
      // The in-process origin, as main answers it during an outage with a picture kept.
      await page.route(`${ORIGIN}/**`, (route) => {
        const { pathname } = new URL(route.request().url());
        if (pathname === STATUS_INFO_PATH) return route.fulfill({ json: { query: `code=network&since=${SINCE}`, pictureAt: SINCE } });
        if (pathname === LAST_GOOD_PATH) return route.fulfill({ body: dashboardPng(viewport.width, viewport.height), contentType: 'image/png' });
        return route.fulfill({ path: path.join(REPO, 'out/renderer', pathname) });
      });
      await page.goto(`${ORIGIN}/status.html?code=network&since=${SINCE}`);
      await page.waitForFunction(() => (document.getElementById('last-good') as HTMLImageElement).naturalWidth > 0);
      await page.screenshot({ path: path.join(SHOTS, `last-good-${viewport.width}x${viewport.height}.png`) });
      expect(await page.textContent('#as-of')).toBe('Data as of 10:42 — reconnecting');
      expect(await page.$eval('#as-of', (e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual((48 / 1080) * viewport.height);
      expect(await page.$eval('#last-good', (e) => Number(getComputedStyle(e).opacity))).toBeLessThan(0.5); // dimmed
      // Seen, not just loaded: a strip of screen between the clock and the card shows the dimmed picture.
      const strip = { x: 0, y: Math.round(viewport.height * 0.12), width: viewport.width, height: Math.round(viewport.height * 0.08) };
      const lum = meanLuminance(await page.screenshot({ clip: strip }));
      expect(lum).toBeGreaterThan(40);
      expect(lum).toBeLessThan(140);
      const shown = await page.evaluate(() => document.body.innerText);
      expect(shown).not.toMatch(FOR_IT_ONLY);
      expect(shown).toContain('Reconnecting to the dashboards');
      await page.close();
    });
  }

  it('no picture ever taken (outage at start-up): the plain status screen', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[0] });
    await page.goto(`${PAGE}?code=network`);
    expect(await page.isVisible('#as-of')).toBe(false);
    expect(await page.isVisible('#last-good')).toBe(false);
    const strip = { x: 0, y: 130, width: 1920, height: 86 };
    expect(meanLuminance(await page.screenshot({ clip: strip }))).toBeLessThan(60); // the plain dark screen
    await page.close();
  });
});
