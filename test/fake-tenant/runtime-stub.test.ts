// The stub runtime driven by the REAL qlik-embed loader in Chromium: a page on an allowed loopback origin gets
// its token from a global function (minted in Node), three embeds share one bridge call, the exchange and the
// websocket reach the tenant; an expired token is replaced once via 401; a rejecting bridge poisons the page;
// and a file:// page (Origin null) is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertAbsent, makeCanary } from '../support/canary';
import { LOADER_PATH, launchChromium, pageHtml, startRendererServer, type RendererServer } from './browser-fixture';
import { mint } from './helpers';
import { GRANT_IMPERSONATION, GRANT_TOKEN_EXCHANGE, fakeClient, startFakeTenant, type FakeTenant, type LogEntry } from './index';

const SECRET = makeCanary('BROWSER');
const MARKERS = '[data-fake-qlik-embed]';
let tenant: FakeTenant;
let renderer: RendererServer;
let browser: Browser;
let disposeBrowser: () => Promise<void>;
const tmp = mkdtempSync(join(tmpdir(), 'fake-tenant-page-'));

beforeAll(async () => {
  renderer = await startRendererServer(() => tenant.baseUrl, SECRET);
  tenant = await startFakeTenant({ clients: [fakeClient({ clientSecret: SECRET, allowedOrigins: [renderer.origin] })] });
  ({ browser, dispose: disposeBrowser } = await launchChromium());
}, 60_000);
afterAll(async () => {
  await disposeBrowser();
  await renderer.close();
  await tenant.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => tenant.reset());

async function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000); // fail inside vitest's 20 s with playwright's message
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

const markerAttrs = (page: Page) =>
  page.$$eval(MARKERS, (els) => els.map((e) => Object.fromEntries(['data-ui', 'data-app-id', 'data-sheet-id', 'data-user-id', 'data-ws-state', 'data-status'].map((a) => [a, e.getAttribute(a)]))));
const only = (entries: LogEntry[], pred: (e: LogEntry) => boolean) => {
  const hits = entries.filter(pred);
  expect(hits).toHaveLength(1);
  return hits[0]!;
};

describe('stub runtime with the real qlik-embed loader', () => {
  it('renders three embeds for u-1 from one bridge call, one mint without Origin, Bearer REST, one exchange and one websocket', async () => {
    await withPage(async (page) => {
      await page.goto(`${renderer.origin}/`);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-ws-state') === 'connected').length === 3, MARKERS, { timeout: 15_000 });
      expect(await markerAttrs(page)).toEqual(
        Array(3).fill({ 'data-ui': 'analytics/sheet', 'data-app-id': 'app-1', 'data-sheet-id': 'sheet-1', 'data-user-id': 'u-1', 'data-ws-state': 'connected', 'data-status': 'ready' }),
      );
      expect(await page.evaluate(() => (window as unknown as { __bridgeCalls: number }).__bridgeCalls)).toBe(1);
      expect(renderer.mints()).toBe(1);

      const log = tenant.log();
      const minted = only(log, (e) => e.grantType === GRANT_IMPERSONATION);
      expect(minted).toMatchObject({ origin: null, secretPresent: true, status: 200, userLookup: { field: 'userId', value: 'u-1' } });
      const token = minted.issuedTokenId;
      expect(only(log, (e) => e.path === '/qlik-embed/main.js')).toMatchObject({ origin: null, status: 200 });
      expect(only(log, (e) => e.method === 'OPTIONS' && e.path === '/api/v1/users/me')).toMatchObject({ origin: renderer.origin, status: 204 });
      expect(only(log, (e) => e.method === 'GET' && e.path === '/api/v1/users/me')).toMatchObject({ origin: renderer.origin, bearerTokenId: token, status: 200 });
      const exchange = only(log, (e) => e.method === 'POST' && e.grantType === GRANT_TOKEN_EXCHANGE);
      expect(exchange).toMatchObject({ origin: renderer.origin, subjectTokenId: token, clientId: 'kiosk-imp', purpose: 'websocket', redirectUri: `${renderer.origin}/`, secretPresent: false, status: 200 });
      expect(only(log, (e) => e.websocket)).toMatchObject({ path: '/app/app-1', origin: renderer.origin, bearerTokenId: exchange.issuedTokenId, status: 101 });
      // Only main (no Origin) ever sent the secret; the page holds neither it nor a stored token.
      expect(log.filter((e) => e.secretPresent).every((e) => e.origin === null)).toBe(true);
      const storage = await page.evaluate(() => JSON.stringify([localStorage, sessionStorage]));
      assertAbsent(SECRET, { dom: await page.content(), storage });
      expect(storage).toBe('[{},{}]');
    });
  });

  it('on a 401 after expiry asks the bridge once more, retries, and reconnects with the new token', async () => {
    await withPage(async (page) => {
      await page.goto(`${renderer.origin}/`);
      await page.waitForSelector(`${MARKERS}[data-ws-state="connected"]`);
      tenant.clock.advance(tenant.options.accessTokenTtlSec);
      await page.evaluate(() => (window as unknown as { __fakeQlikRuntime: { refresh(): void } }).__fakeQlikRuntime.refresh());
      await page.waitForFunction(() => (window as unknown as { __bridgeCalls: number }).__bridgeCalls === 2);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((e) => e.getAttribute('data-ws-state') === 'connected' && e.getAttribute('data-status') === 'ready'), MARKERS);
      const me = tenant.log().filter((e) => e.method === 'GET' && e.path === '/api/v1/users/me');
      const [first, second] = tenant.tokens().filter((t) => t.kind === 'access');
      expect(me.map((e) => [e.bearerTokenId, e.status])).toEqual([
        [first?.id, 200],
        [first?.id, 401],
        [second?.id, 200],
      ]);
      const exchanges = tenant.log().filter((e) => e.grantType === GRANT_TOKEN_EXCHANGE && e.method === 'POST');
      expect(exchanges.at(-1)).toMatchObject({ subjectTokenId: second?.id, status: 200 });
    });
  });

  it('after one bridge rejection, fails every embed and never calls the bridge again (the poisoned chain of §2)', async () => {
    await withPage(async (page) => {
      await page.addInitScript(() => ((window as unknown as { __failFirstToken: boolean }).__failFirstToken = true));
      await page.goto(`${renderer.origin}/`);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-status') === 'error').length === 3, MARKERS);
      // A fourth embed with another client id (another cache key) fails too, without a bridge call.
      await page.evaluate(() => {
        const e = document.createElement('qlik-embed');
        for (const [k, v] of [['ui', 'analytics/sheet'], ['app-id', 'app-1'], ['sheet-id', 'sheet-1'], ['client-id', 'other-client']]) e.setAttribute(k!, v!);
        document.body.append(e);
      });
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-status') === 'error').length === 4, MARKERS);
      const events = await page.evaluate(() => (window as unknown as { __embedEvents: { type: string; detail?: { message: string } }[] }).__embedEvents.filter((e) => e.detail));
      expect(events).toHaveLength(4);
      expect(events.every((e) => e.type === 'fatalerror' && /Could not fetch access token using custom function/.test(e.detail?.message ?? ''))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __bridgeCalls: number }).__bridgeCalls)).toBe(1);
      expect(tenant.log().filter((e) => e.path.startsWith('/api/') || e.path === '/oauth/token')).toEqual([]);
    });
  });

  it('answers Qlik\'s health probe (getRefApi → getDoc → getAppProperties) while connected; after the engine closes the session it only fails and never reconnects, silently', async () => {
    await withPage(async (page) => {
      const errors: string[] = [];
      await page.exposeFunction('__noteError', (e: string) => void errors.push(e));
      await page.goto(`${renderer.origin}/`);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-ws-state') === 'connected').length === 3, MARKERS, { timeout: 15_000 });
      await page.evaluate(() => document.querySelectorAll('qlik-embed').forEach((q) => ['error', 'fatalerror'].forEach((t) => q.addEventListener(t, () => (window as unknown as { __noteError(e: string): void }).__noteError(t)))));
      const probe = () => page.evaluate(() => Promise.all([...document.querySelectorAll('qlik-embed')].map(async (q) => {
        const api = await (q as unknown as { getRefApi(): Promise<{ getDoc(): Promise<{ getAppProperties(): Promise<{ qProp: { qTitle: string } }> }> }> }).getRefApi();
        return (await api.getDoc()).getAppProperties().then((p) => p.qProp.qTitle, (e: Error) => `failed: ${e.message}`);
      })));
      const titles = await probe();
      expect(titles).toHaveLength(3);
      expect(titles.filter((t) => t.startsWith('failed'))).toEqual([]);
      expect(tenant.closeSockets()).toBe(1);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((e) => e.getAttribute('data-ws-state') === 'closed'), MARKERS);
      expect(await probe()).toEqual(['failed: Socket closed', 'failed: Socket closed', 'failed: Socket closed']);
      await page.waitForTimeout(1_500); // a reconnect, if the stand-in had one, would have opened a socket by now
      expect(tenant.sockets()).toEqual([]);
      expect(errors).toEqual([]); // no event either: only a probe can tell
    });
  });

  it('follows attribute changes ($set) and closes the shared websocket when the last embed is removed ($destroy)', async () => {
    await withPage(async (page) => {
      await page.goto(`${renderer.origin}/`);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-ws-state') === 'connected').length === 3, MARKERS);
      expect(tenant.sockets()).toHaveLength(1);
      await page.evaluate(() => document.querySelector('qlik-embed')?.setAttribute('sheet-id', 'sheet-2'));
      await page.waitForSelector(`${MARKERS}[data-sheet-id="sheet-2"]`);
      // The picture asks the engine what the new sheet is: its title and its objects.
      const sheet2 = page.locator(`${MARKERS}[data-sheet-id="sheet-2"][data-layout="loaded"]`);
      await expect.poll(() => sheet2.locator('[data-role="sheet-title"]').textContent().catch(() => '')).toContain('Regional detail');
      expect(await sheet2.locator('[data-qlik-object]').evaluateAll((els) => els.map((e) => e.getAttribute('data-qlik-object')))).toEqual(['obj-3', 'obj-2']);
      await page.evaluate(() => document.querySelectorAll('qlik-embed').forEach((e) => e.remove()));
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, MARKERS);
      await expect.poll(() => tenant.sockets()).toEqual([]);
    });
  });

  it('refuses a page served from file:// (Origin null): the preflight gets 403 and the embeds report an error', async () => {
    const access = await mint(tenant, SECRET);
    const file = join(tmp, 'index.html');
    writeFileSync(file, pageHtml(tenant.baseUrl, pathToFileURL(LOADER_PATH).href, 'return window.nodeToken();'));
    await withPage(async (page) => {
      await page.exposeFunction('nodeToken', () => access);
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-status') === 'error').length === 3, MARKERS);
      const events = await page.evaluate(() => (window as unknown as { __embedEvents: { type: string; detail?: unknown }[] }).__embedEvents.filter((e) => e.detail));
      expect(events.map((e) => e.type)).toContain('error');
    });
    const log = tenant.log();
    expect(only(log, (e) => e.method === 'OPTIONS' && e.path === '/api/v1/users/me')).toMatchObject({ origin: 'null', status: 403 });
    expect(log.filter((e) => e.method === 'GET' && e.path.startsWith('/api/'))).toEqual([]);
    expect(log.filter((e) => e.grantType === GRANT_TOKEN_EXCHANGE || e.websocket)).toEqual([]);
  });
});
