// Browser plumbing for runtime-stub.test.ts: Debian's Chromium through playwright-core, and a tiny static
// "renderer" server on its own loopback origin that serves the page, the REAL qlik-embed loader from
// node_modules, and /token, which mints from Node (no Origin, secret stays in this process) like main does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { GRANT_IMPERSONATION } from './index';

export const LOADER_PATH = resolve(__dirname, '../../node_modules/@qlik/embed-web-components/dist/index.js');
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';

export async function launchChromium(): Promise<{ browser: Browser; dispose(): Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), 'fake-tenant-chromium-'));
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
  });
  return {
    browser,
    async dispose() {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const THREE_SHEETS = Array.from({ length: 3 }, () => '<qlik-embed ui="analytics/sheet" app-id="app-1" sheet-id="sheet-1"></qlik-embed>').join('\n');

/** The page: connection settings in <meta> tags (resolved by the real loader), three sheet embeds by default. */
export function pageHtml(tenantUrl: string, loaderSrc: string, tokenFunctionBody: string, embeds = THREE_SHEETS): string {
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta name="qlik-embed-host" content="${tenantUrl}">
<meta name="qlik-embed-client-id" content="kiosk-imp">
<meta name="qlik-embed-auth-type" content="Oauth2">
<meta name="qlik-embed-get-access-token" content="qlikGetAccessToken">
<script>
  window.__bridgeCalls = 0;
  window.__embedEvents = [];
  window.qlikGetAccessToken = async function () {
    window.__bridgeCalls++;
    ${tokenFunctionBody}
  };
  for (const type of ['error', 'fatalerror']) {
    document.addEventListener(type, (e) => window.__embedEvents.push({ type, detail: e.detail }), true);
  }
</script>
<script src="${loaderSrc}"></script>
</head><body>
${embeds}
</body></html>`;
}

/** Fetches a token minted in Node. With window.__failFirstToken set, the first call rejects. */
export const FETCH_TOKEN = `
    if (window.__failFirstToken && window.__bridgeCalls === 1) throw new Error('bridge down');
    const r = await fetch('/token', { method: 'POST' });
    if (!r.ok) throw new Error('mint failed');
    return (await r.json()).access_token;`;

export interface RendererServer {
  origin: string;
  mints(): number;
  close(): Promise<void>;
}

/** Serves the page at "/", the loader at "/loader.js" and POST /token; tenantUrl is read per request. */
export async function startRendererServer(tenantUrl: () => string, secret: string, embeds?: string): Promise<RendererServer> {
  let mints = 0;
  const loader = readFileSync(LOADER_PATH, 'utf8');
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(pageHtml(tenantUrl(), '/loader.js', FETCH_TOKEN, embeds));
      } else if (req.method === 'GET' && req.url === '/loader.js') {
        res.writeHead(200, { 'Content-Type': 'application/javascript' });
        res.end(loader);
      } else if (req.method === 'POST' && req.url === '/token') {
        mints++;
        const r = await fetch(`${tenantUrl()}/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ client_id: 'kiosk-imp', client_secret: secret, scope: 'user_default', grant_type: GRANT_IMPERSONATION, user_lookup: { field: 'userId', value: 'u-1' } }),
        });
        const body = (await r.json()) as { access_token?: string };
        res.writeHead(r.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: body.access_token }));
      } else {
        res.writeHead(404);
        res.end();
      }
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    mints: () => mints,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
