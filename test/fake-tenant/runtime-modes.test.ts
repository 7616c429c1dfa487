// The stand-in runtime's modes (options.ts RUNTIME_MODES), driven by the REAL qlik-embed loader in Chromium:
// known-real hands over ref APIs as @qlik/embed-runtime's types have them and reports errors as the real
// runtime is known to (statuses as strings or absent); self-resuming resumes a dropped session on the next
// engine call with @qlik/api's websocket events. (The worst case is runtime-stub.test.ts.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { launchChromium, startRendererServer, type RendererServer } from './browser-fixture';
import { fakeClient, startFakeTenant, type FakeTenant } from './index';
import type { RuntimeMode } from './options';

const SECRET = makeCanary('MODES');
const EMBEDS = [
  '<qlik-embed ui="analytics/chart" app-id="app-1" object-id="obj-1"></qlik-embed>',
  '<qlik-embed ui="analytics/sheet" app-id="app-1" sheet-id="sheet-1"></qlik-embed>',
  '<qlik-embed ui="analytics/selections" app-id="app-1"></qlik-embed>',
  '<qlik-embed ui="classic/chart" app-id="app-1" object-id="obj-1"></qlik-embed>',
  '<qlik-embed ui="ai/assistant" assistant-id="as-1"></qlik-embed>',
  '<qlik-embed ui="analytics/chart" app-id="app-gone" object-id="obj-1"></qlik-embed>',
  '<qlik-embed ui="analytics/chart" app-id="app-1" object-id="obj-secret"></qlik-embed>',
].join('\n');

let browser: Browser;
let disposeBrowser: () => Promise<void>;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => ({ browser, dispose: disposeBrowser } = await launchChromium()), 60_000);
afterAll(async () => {
  for (const close of closers) await close();
  await disposeBrowser();
});

async function pageFor(mode: RuntimeMode): Promise<{ page: Page; tenant: FakeTenant }> {
  const ref: { tenant?: FakeTenant } = {};
  const renderer: RendererServer = await startRendererServer(() => ref.tenant!.baseUrl, SECRET, EMBEDS);
  const tenant = (ref.tenant = await startFakeTenant({
    runtimeMode: mode,
    clients: [fakeClient({ clientSecret: SECRET, allowedOrigins: [renderer.origin] })],
    apps: [{ id: 'app-1', name: 'Sales', sheets: ['sheet-1'], objects: ['obj-1', 'obj-secret'], forbiddenObjects: ['obj-secret'] }],
  }));
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  closers.push(() => context.close(), () => renderer.close(), () => tenant.close());
  const page = await context.newPage();
  await page.goto(`${renderer.origin}/`);
  await page.waitForFunction(() => document.querySelectorAll('[data-fake-qlik-embed][data-ws-state="connected"]').length >= 4, undefined, { timeout: 15_000 });
  return { page, tenant };
}

/** What each element's ref API offers (method names), or "none" when it hands over none within 1 s. */
const refApis = (page: Page) => page.evaluate(() => Promise.all([...document.querySelectorAll('qlik-embed')].map(async (q) => {
  const api = await Promise.race([(q as unknown as { getRefApi(): Promise<object> }).getRefApi(), new Promise((r) => setTimeout(() => r('none'), 1_000))]);
  return api === 'none' ? 'none' : Object.keys(api as object).sort().join(',');
})));

describe('the stand-in runtime\'s modes', () => {
  it('known-real: ref APIs as the real types have them, a deleted app is a fatalerror without a status, a forbidden object an error with status "403"', async () => {
    const { page } = await pageFor('known-real');
    expect(await refApis(page)).toEqual(['getChartRefApi,getDoc,getObject', '', 'getDoc', '', 'none', 'getChartRefApi,getDoc,getObject', 'getChartRefApi,getDoc,getObject']);
    await page.waitForFunction(() => (window as unknown as { __embedEvents: unknown[] }).__embedEvents.length >= 2);
    const events = await page.evaluate(() => (window as unknown as { __embedEvents: { type: string; detail: { status?: unknown } }[] }).__embedEvents.map((e) => ({ type: e.type, status: e.detail.status ?? null })));
    expect(events).toEqual(expect.arrayContaining([{ type: 'fatalerror', status: null }, { type: 'error', status: '403' }]));
    // The object check of the forbidden chart fails the same way.
    const own = await page.evaluate(async () => {
      const q = document.querySelectorAll('qlik-embed')[6] as unknown as { getRefApi(): Promise<{ getObject(): Promise<unknown> }> };
      return (await q.getRefApi()).getObject().then(() => 'ok', (e: { status?: unknown }) => e.status);
    });
    expect(own).toBe('403');
  });

  it('self-resuming: a dropped session is suspended, then resumed by the next engine call, with @qlik/api\'s websocket events', async () => {
    const { page, tenant } = await pageFor('self-resuming');
    await page.evaluate(async () => {
      const qix = await (window as unknown as { QlikMain: { import(n: string): Promise<{ openAppSession(p: object): { onWebSocketEvent(f: (e: { eventType: string }) => void): void } }> } }).QlikMain.import('qix@v1');
      const w = window as unknown as { __wsEvents: string[] };
      w.__wsEvents = [];
      qix.openAppSession({ appId: 'app-1', hostConfig: { host: document.querySelector('meta[name="qlik-embed-host"]')!.getAttribute('content') } })
        .onWebSocketEvent((e) => w.__wsEvents.push(e.eventType));
    });
    const sockets = tenant.log().filter((e) => e.websocket && e.status === 101).length;
    expect(tenant.sockets()).toHaveLength(1); // the app session above shares the embeds' websocket
    expect(tenant.closeSockets()).toBe(1);
    await page.waitForFunction(() => (window as unknown as { __wsEvents: string[] }).__wsEvents.includes('suspended'));
    const title = await page.evaluate(async () => {
      const q = document.querySelector('qlik-embed') as unknown as { getRefApi(): Promise<{ getDoc(): Promise<{ getAppProperties(): Promise<{ qProp: { qTitle: string } }> }> }> };
      return (await (await q.getRefApi()).getDoc()).getAppProperties().then((p) => p.qProp.qTitle);
    });
    expect(title).toBe('Sales');
    // ('opened' first: the listener joined while the session was still opening.)
    expect(await page.evaluate(() => (window as unknown as { __wsEvents: string[] }).__wsEvents.filter((e) => e !== 'opened'))).toEqual(['suspended', 'resuming', 'resumed']);
    expect(tenant.log().filter((e) => e.websocket && e.status === 101).length).toBe(sockets + 1);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-fake-qlik-embed][data-app-id="app-1"]')].every((e) => ['connected', 'error'].includes(e.getAttribute('data-ws-state') ?? '')));
  });
});
