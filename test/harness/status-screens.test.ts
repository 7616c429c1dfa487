// The status screens as a passer-by and IT see them, in Chromium at 1920×1080, 1280×800 and a portrait
// 1080×1920: one row per distinct wording (every cause main can show, and each escalated one), staff words only
// (no URL, port, id or code on screen), a title and body big enough to read across a room (≥ 60 px and ≥ 30 px
// at 1080p, in proportion below), a clock, "since", the DEMO banner in demo mode (with the preview's chip), no
// band (banner, clock, "data as of", chip) covering any text or cut off, and no IT detail on the screen: no code,
// no words for IT, no path, OS user name or identity-map key even when the URL carries them (a page could have
// made it), and no key that opens any (Ctrl+Alt+I once did; IT now reads the cause's code and what to check in
// the PIN-protected admin view's "Status detail"). Screenshots land in out/status-screens/ for a look.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { PNG } from 'pngjs';
import { STATUS_CODES, statusView } from '../../src/renderer/status-view';
import { LAST_GOOD_PATH, STATUS_INFO_PATH } from '../../src/shared/ipc-contract';
import { boxes, statusScreenProblems } from '../support/layout';
import { meanLuminance } from '../support/picture';
import { FOR_IT_ONLY } from '../support/staff-words';
import { REPO } from './chromium-kiosk';
import { PREVIEW_LABEL_SCRIPT } from './preview';

const PAGE = pathToFileURL(path.join(REPO, 'out/renderer/status.html')).href;
const SHOTS = path.join(REPO, 'out/status-screens');
// What main's errors say (and an older main put into the start-up screen's URL): a config path under an OS
// user's home, that user's name, an identity-map key. None of it may reach the screen, text or DOM.
const CANARY_USER = 'jdoe-canary-4e1b';
const CANARY_PATH = `/home/${CANARY_USER}/.config/qiosk/config.json`;
const CANARY_DETAIL = ['Qiosk configuration is invalid (3 problems):',
  `  - ${CANARY_PATH}: tenant.host: must be an https:// URL, e.g. https://acme.eu.qlikcloud.com`,
  `  - /etc/qiosk/policy.json: identity.users["${CANARY_USER}"]: is empty`,
  `OS user "${CANARY_USER}" is not listed in identity.users; add "${CANARY_USER}": "<Qlik userId>"`].join('\n');
const NEVER_SHOWN = [CANARY_USER, CANARY_PATH, '/etc/qiosk', 'identity.users', 'HACKED'];
const SINCE = new Date(2026, 11, 1, 10, 42).getTime();

/** One query per distinct screen: every code main shows, plain and escalated, deduplicated by what it says. */
function distinctScreens(): [string, Record<string, string>][] {
  const seen = new Set<string>();
  const rows: [string, Record<string, string>][] = [];
  for (const code of [...STATUS_CODES, 'something-new']) {
    for (const escalated of [false, true]) {
      const v = statusView(`?code=${code}${escalated ? '&escalated=1' : ''}`);
      const key = `${v.title}|${v.body}|${v.action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = `${code}${escalated ? '-escalated' : ''}`;
      const params: Record<string, string> = { code, since: String(SINCE), retryAt: String(Date.now() + 65_000) };
      if (escalated) params['escalated'] = '1';
      // Free text in the URL, as a page could write it (`it=1` included): ignored.
      Object.assign(params, { detail: CANARY_DETAIL, message: `HACKED ${CANARY_PATH}`, user: CANARY_USER, it: '1' });
      // Every other row in demo mode, so the DEMO banner and the preview's chip are measured too.
      if (rows.length % 2 === 0) params['demo'] = '1';
      rows.push([name, params]);
    }
  }
  return rows;
}
const CASES = distinctScreens();

/** What a passer-by sees: each visible element and its own text, less the clock's and the countdown's (they
 * tick). */
const visibleScreen = (page: Page) => page.evaluate(() => [...document.body.querySelectorAll('*')]
  .filter((e) => e.checkVisibility())
  .map((e) => {
    const own = e.closest('#clock, #when') ? '' : [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
    return `${e.tagName}#${e.id}.${e.className}: ${own}`;
  }));
const VIEWPORTS = [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }, { width: 1080, height: 1920 }];
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
}, 30_000);
afterAll(() => browser?.close());

describe('status screens', () => {
  for (const viewport of VIEWPORTS) {
    it.each(CASES)(`%s at ${viewport.width}×${viewport.height}`, async (name, params) => {
      const page = await browser.newPage({ viewport });
      if (params['demo']) await page.addInitScript(PREVIEW_LABEL_SCRIPT);
      await page.goto(`${PAGE}?${new URLSearchParams(params)}`);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.width}x${viewport.height}.png`) });
      expect(await statusScreenProblems(page, viewport)).toEqual([]);
      const shown = await page.evaluate(() => document.body.innerText); // hidden elements give no text
      expect(shown).not.toMatch(FOR_IT_ONLY);
      const px = (sel: string) => page.$eval(sel, (e) => parseFloat(getComputedStyle(e).fontSize));
      const short = Math.min(viewport.width, viewport.height); // a portrait screen reads like a landscape one
      expect(await px('h1')).toBeGreaterThanOrEqual((60 / 1080) * short);
      expect(await px('.status-body')).toBeGreaterThanOrEqual((30 / 1080) * short);
      expect(await px('.status-action')).toBeGreaterThanOrEqual((28 / 1080) * short);
      expect(shown).toMatch(/\b\d\d:\d\d\b/); // the clock
      if (params['since']) expect(shown).toContain('Since 10:42.');
      expect(shown.match(/Trying again|keeps trying/g) ?? []).toHaveLength(1); // one countdown
      expect(await page.isVisible('#demo')).toBe(params['demo'] === '1');
      if (params['demo']) expect(shown).toContain('DEMO');
      // The plain words, and nothing for IT: not the words on what to check, not where the log is (`it=1` in the
      // URL opens nothing). IT reads those, and the cause's code, in the admin view's "Status detail".
      const v = statusView(`?${new URLSearchParams(params)}`);
      for (const words of [v.title, v.body, v.action]) expect(shown).toContain(words);
      const before = await visibleScreen(page);
      // No key opens an IT view any more: Ctrl+Alt+I (which once did) changes nothing a passer-by sees.
      await page.keyboard.press('Control+Alt+KeyI');
      expect(await visibleScreen(page)).toEqual(before);
      // Key pressed: still no IT words (its notes end with where the log is), path, user name or map key, in the
      // text or anywhere in the DOM.
      const everything = `${await page.evaluate(() => document.body.innerText)}\n${await page.content()}`;
      for (const secret of [...NEVER_SHOWN, ...v.it.notes]) expect(everything, secret).not.toContain(secret);
      expect(await page.locator('#it-view, #it-facts, #it-notes').count()).toBe(0);
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
      await page.addInitScript(PREVIEW_LABEL_SCRIPT);
      // The in-process origin, as main answers it during an outage with a picture kept.
      await page.route(`${ORIGIN}/**`, (route) => {
        const { pathname } = new URL(route.request().url());
        if (pathname === STATUS_INFO_PATH) return route.fulfill({ json: { query: `code=network&since=${SINCE}&demo=1`, pictureAt: SINCE } });
        if (pathname === LAST_GOOD_PATH) return route.fulfill({ body: dashboardPng(viewport.width, viewport.height), contentType: 'image/png' });
        return route.fulfill({ path: path.join(REPO, 'out/renderer', pathname) });
      });
      await page.goto(`${ORIGIN}/status.html?code=network&since=${SINCE}&demo=1`);
      await page.waitForFunction(() => (document.getElementById('last-good') as HTMLImageElement).naturalWidth > 0);
      await page.screenshot({ path: path.join(SHOTS, `last-good-${viewport.width}x${viewport.height}.png`) });
      expect(await statusScreenProblems(page, viewport)).toEqual([]);
      expect(await page.textContent('#as-of')).toBe('Data as of 10:42 — reconnecting');
      expect(await page.$eval('#as-of', (e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual((48 / 1080) * Math.min(viewport.width, viewport.height));
      expect(await page.$eval('#last-good', (e) => Number(getComputedStyle(e).opacity))).toBeLessThan(0.5); // dimmed
      // Seen, not just loaded: a strip of the picture between the clock band and the card shows it, dimmed.
      const [picture] = await boxes(page, { picture: '#last-good' });
      const [card] = await boxes(page, { card: '.status-card' });
      const strip = { x: Math.round(picture!.x + picture!.width * 0.3), y: Math.round(picture!.y + 4), width: Math.round(picture!.width * 0.4), height: Math.max(8, Math.round((card!.y - picture!.y) * 0.5)) };
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
