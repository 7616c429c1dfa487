// The stand-in runtime's pictures as a passer-by meets them: the demo's embeds (test/fake-tenant/demo.ts: a
// sheet and two chart tiles) in the real kiosk (Qiosk's renderer in Chromium, startHarness) at 1920×1080,
// 1280×800 and portrait 1080×1920. At each size: no text is clipped or overflows its box, the sheet's title
// names the app and the sheet (never a raw id), a chart shows the same numbers in the sheet and in its own
// tile, and every drawing fills its tile. Screenshots land in /tmp/standin-<w>x<h>.png for a person to judge.
import { afterAll, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import { contentWorks, startHarness, type Harness } from '../harness/qiosk-harness';
import { demoConfig } from './demo';
import { defaultOptions } from './options';
import { measureEmbeds, resizeTo } from './runtime-layout-probe';

const SIZES: [number, number][] = [[1920, 1080], [1280, 800], [1080, 1920]];
const EMBEDS = demoConfig({ tenantUrl: 'http://demo.invalid', port: 0 }).content.embeds.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Record<string, string>);
const APP = defaultOptions().apps.find((a) => a.id === 'app-1')!;
const titleOf = (id: string) => APP.content?.[id]?.title;
/** What a raw engine id looks like: none may show as text. */
const RAW_ID = /\b(?:app|sheet|obj|kpi)-[\w-]+/i;

describeWithKeyring('the stand-in Qlik runtime in the kiosk, as a passer-by sees it', () => {
  let h: Harness;
  afterAll(async () => h?.close());

  it('the demo\'s embeds are drawn with what the engine said of them', async () => {
    h = await startHarness({ secret: makeCanary('LAYOUT'), embeds: EMBEDS });
    await contentWorks(h, 30_000, EMBEDS.length);
    await h.page.waitForFunction((n) => document.querySelectorAll('[data-fake-qlik-embed][data-layout="loaded"]').length === n, EMBEDS.length, { timeout: 15_000 });
  }, 60_000);

  it.each(SIZES)('at %i×%i: nothing clipped, titles from the tenant, one dataset per chart, drawings fill their tiles', async (width, height) => {
    await resizeTo(h.page, width, height);
    await h.page.screenshot({ path: `/tmp/standin-${width}x${height}.png` });
    const embeds = await measureEmbeds(h.page);
    expect(embeds.map((e) => e.ui)).toEqual(EMBEDS.map((e) => e.ui));

    // (1) No text cut off or overflowing, in HTML or SVG; none too small to read.
    expect(embeds.flatMap((e) => e.clipped)).toEqual([]);
    expect(embeds.flatMap((e) => e.tiny)).toEqual([]);

    // (2) The sheet's title: the app's name and the sheet's; no raw id anywhere; charts titled as in the app.
    const sheet = embeds.find((e) => e.ui === 'analytics/sheet')!;
    expect(sheet.sheetTitle).toContain(APP.name);
    expect(sheet.sheetTitle).toContain(titleOf('sheet-1'));
    for (const e of embeds) expect(e.text, e.ui).not.toMatch(RAW_ID);
    const charts = embeds.filter((e) => e.ui === 'analytics/chart');
    for (const c of charts) expect(c.objects.map((o) => o.title)).toEqual([titleOf(c.objectId!)]);

    // (3) The sheet lays out the app's objects for it; each chart tile shows the numbers its cell shows.
    expect(sheet.objects.map((o) => o.id).sort()).toEqual([...(APP.content?.['sheet-1']?.cells ?? [])].sort());
    for (const c of charts) {
      const [own] = c.objects;
      const cell = sheet.objects.find((o) => o.id === c.objectId);
      expect(cell, String(c.objectId)).toBeDefined();
      expect(own!.values).not.toBe('');
      expect(cell!.values, `${c.objectId}: the same numbers in the sheet and in its tile`).toBe(own!.values);
      expect(cell!.title).toBe(own!.title);
    }

    // (4) Each drawing fills its tile, and each chart fills its box within the sheet.
    for (const e of embeds) {
      expect(e.cover.w, `${e.ui} ${e.objectId ?? ''} width covered`).toBeGreaterThanOrEqual(0.8);
      expect(e.cover.h, `${e.ui} ${e.objectId ?? ''} height covered`).toBeGreaterThanOrEqual(0.8);
      for (const o of e.objects.filter((x) => x.type !== 'kpi')) {
        expect(o.cover.w, `${o.id} in ${e.ui}: width covered`).toBeGreaterThanOrEqual(0.8);
        expect(o.cover.h, `${o.id} in ${e.ui}: height covered`).toBeGreaterThanOrEqual(0.8);
      }
    }
  }, 30_000);

  it('the checks can fail: a clipped KPI, a raw id, another dataset and a small drawing are all caught', async () => {
    await h.page.evaluate(() => {
      const [sheet, tile] = [...document.querySelectorAll<HTMLElement>('[data-fake-qlik-embed]')];
      const kpi = sheet!.querySelector<HTMLElement>('[data-chart-type="kpi"] div:last-child')!;
      Object.assign(kpi.style, { width: '40px', overflow: 'hidden' }); // "▲ 13% vs prio" as the user saw it
      sheet!.querySelector('[data-role="sheet-title"] div:last-child')!.textContent = 'sheet sheet-1';
      const chart = tile!.querySelector<HTMLElement>('[data-values]')!;
      chart.dataset.values = '[1,2,3]';
      for (const svg of chart.querySelectorAll('svg')) Object.assign(svg.style, { transform: 'scale(0.5)', transformOrigin: '0 0' });
      for (const t of chart.querySelectorAll<HTMLElement>('div')) t.style.display = 'none';
    });
    const [sheet, tile] = await measureEmbeds(h.page);
    expect(sheet!.clipped.join('\n')).toMatch(/vs prior/);
    expect(sheet!.text).toMatch(RAW_ID);
    expect(tile!.objects[0]!.values).not.toBe(sheet!.objects.find((o) => o.id === tile!.objectId)!.values);
    expect(Math.min(tile!.cover.w, tile!.cover.h)).toBeLessThan(0.8);
  }, 30_000);
});
