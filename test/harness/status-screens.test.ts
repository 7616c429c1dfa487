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
