// The Chromium preview of `npm run demo` where Electron cannot be had: the kiosk of chromium-kiosk.ts (Qiosk's
// real main services, renderer and preload logic; only Electron's transport emulated) against the demo's fake
// tenant, narrated as it happens — the tokens the tenant minted (expiry, never the value), each embed as it
// renders or fails, every status screen — with a screenshot of every window refreshed every few seconds.
// Development tooling: nothing here ships in the packaged app.
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Log, SecretStore } from '../../src/main/core/ports';
import { statusView } from '../../src/renderer/status-view';
import type { FakeTenant } from '../fake-tenant';
import { launchChromiumKiosk, type ChromiumKiosk } from './chromium-kiosk';

export interface PreviewOptions {
  tenant: FakeTenant;
  configPath: string;
  /** Scratch folder (Chromium's profile); the caller removes it. */
  dir: string;
  secrets: SecretStore;
  logFor(scope: string): Log;
  headless: boolean;
  /** Headed only: full screen without any browser UI (else an app window, also without browser UI). */
  kiosk?: boolean;
  /** Where the window screenshots go (kept after exit, so they can be opened). */
  screenshotDir: string;
  say(line: string): void;
  screenshotEveryMs?: number;
}

export interface Preview {
  kiosk: ChromiumKiosk;
  stop(): Promise<void>;
}

const POLL_MS = 500;
export const PREVIEW_LABEL = 'PREVIEW · Qiosk in Chromium, not the Electron app';

// On every page of the window, top frame only: a chip that cannot be mistaken for the app, inside the DEMO
// banner (the preview always shows the demo tenant), so it takes its own room and covers nothing. The banner's
// text is rewritten by the page (status screens re-render it): the chip is put back whenever it goes.
export const PREVIEW_LABEL_SCRIPT = `(() => {
  if (window.top !== window) return;
  const label = () => {
    for (const banner of document.querySelectorAll('.demo-banner')) {
      banner.style.display = banner.hidden ? 'none' : 'flex'; // an inline display would override [hidden]
      if (banner.querySelector('[data-qiosk-preview-label]')) continue;
      Object.assign(banner.style, { flexWrap: 'wrap', justifyContent: 'center', alignItems: 'center', gap: '.3em 1em' });
      const chip = document.createElement('span');
      chip.textContent = ${JSON.stringify(PREVIEW_LABEL)};
      chip.setAttribute('data-qiosk-preview-label', '');
      Object.assign(chip.style, { background: '#5b2a9e', color: '#fff', font: '700 max(1.6vmin, 12px) system-ui, sans-serif', padding: '.2em .7em', borderRadius: '4px', whiteSpace: 'nowrap' });
      banner.append(chip);
    }
  };
  new MutationObserver(label).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
})();`;

interface EmbedState {
  ui: string;
  what: string;
  status: string;
  ws: string;
  user: string;
  error: string;
}

// A string, not a function: tsx's keepNames wraps inner functions in a helper the page does not have.
const EMBED_STATES = `[...document.querySelectorAll('[data-fake-qlik-embed]')].map((e) => {
  const a = (n) => e.getAttribute(n) || '';
  return { ui: a('data-ui'), what: [a('data-app-id'), a('data-sheet-id') || a('data-object-id')].filter(Boolean).join(' '),
    status: a('data-status'), ws: a('data-ws-state'), user: a('data-user-id'), error: a('data-error') };
})`;
const embedStates = (page: Page) => page.evaluate(EMBED_STATES) as Promise<EmbedState[]>;

function describeEmbed(e: EmbedState): string {
  if (e.status === 'error') return `failed: ${e.error || 'no detail'}`;
  if (e.status === 'ready' && (e.ws === 'connected' || e.ws === 'none')) return `rendered for ${e.user}`;
  if (e.ws === 'closed') return 'engine connection closed';
  return 'loading';
}

const clockTime = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

export async function startPreview(o: PreviewOptions): Promise<Preview> {
  const { tenant, say } = o;
  const kiosk = await launchChromiumKiosk({
    configPath: o.configPath, dir: o.dir, secrets: o.secrets, logFor: o.logFor, headless: o.headless,
    // Headless: a 1600×900 page. Headed: a kiosk-like window that size (no tabs, address bar or buttons), or
    // full screen with --kiosk.
    viewport: o.headless ? { width: 1600, height: 900 } : null,
    window: o.headless ? 'tab' : o.kiosk ? 'kiosk' : 'app',
    args: o.headless ? [] : ['--window-size=1600,900'],
    initScripts: [PREVIEW_LABEL_SCRIPT],
    onServices: ({ identity }) => say(`identity: tokens are minted for the Qlik user whose ${identity.lookup.field} is ${identity.lookup.value}`),
    onNavigate: (url) => {
      const u = new URL(url);
      if (u.pathname.endsWith('status.html')) {
        const view = statusView(u.search);
        say(`status screen: "${view.title}"${view.retryAt ? `, next attempt at ${clockTime(view.retryAt)}` : ''}`);
      } else say('content page: loading the embeds');
    },
  });

  // Tokens, from the tenant's own log: what was really minted, and what was refused.
  let seenLog = 0;
  const narrateTokens = () => {
    const log = tenant.log();
    for (const e of log.slice(seenLog)) {
      // Main's own tenant check (no Origin: not the page) asks for the runtime script before any token.
      if (e.path === '/qlik-embed/main.js' && e.origin === null && e.status !== 200) say(`tenant check: qlik-embed's runtime script answered HTTP ${e.status ?? 'nothing'}`);
      if (e.grantType !== 'urn:qlik:oauth:user-impersonation') continue;
      const token = e.issuedTokenId ? tenant.tokens().find((t) => t.id === e.issuedTokenId) : undefined;
      if (token) {
        const expires = Date.parse(token.expiresAt);
        say(`token minted for ${token.userId}, expires ${clockTime(expires)} (in ${Math.round((expires - tenant.clock.now()) / 60_000)} min)`);
      } else say(`token request refused by the tenant: HTTP ${e.status ?? 'no answer'}`);
    }
    seenLog = log.length;
  };

  let last: string[] = [];
  const narrateEmbeds = async () => {
    const states = await embedStates(kiosk.page).catch(() => undefined); // mid-navigation
    if (!states) return;
    const now = states.map(describeEmbed);
    now.forEach((d, i) => {
      if (d !== last[i] && d !== 'loading') say(`embed ${i + 1}/${states.length} (${states[i]!.ui} ${states[i]!.what}): ${d}`);
    });
    last = now;
  };

  mkdirSync(o.screenshotDir, { recursive: true });
  // The kiosk's page is asked for each time: the supervisor may have replaced the window.
  const shots = () => [kiosk.page].map((p, i) => ({ page: p, file: path.join(o.screenshotDir, `window-${i + 1}.png`) }));
  say(`screenshots: ${shots().map((s) => s.file).join(', ')} (refreshed every ${Math.round((o.screenshotEveryMs ?? 3000) / 1000)} s)`);
  const screenshot = async () => {
    for (const s of shots()) {
      const tmp = `${s.file}.tmp.png`;
      // Written whole, then renamed: a viewer never opens half a PNG.
      if (await s.page.screenshot({ path: tmp }).then(() => true, () => false)) renameSync(tmp, s.file);
    }
  };

  let stopped = false;
  const loop = (fn: () => unknown, ms: number) => {
    const tick = async () => {
      if (stopped) return;
      await fn();
      if (!stopped) timers.add(setTimeout(() => void tick(), ms));
    };
    void tick();
  };
  const timers = new Set<NodeJS.Timeout>();
  loop(narrateTokens, POLL_MS);
  loop(narrateEmbeds, POLL_MS);
  loop(screenshot, o.screenshotEveryMs ?? 3000);

  return {
    kiosk,
    async stop() {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
      await kiosk.close();
    },
  };
}
