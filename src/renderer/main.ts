// The kiosk page: fetches its non-secret settings from main's renderer server, then renders one <qlik-embed>
// per configured item. Tokens come only from the preload bridge, named by `get-access-token`; this code never
// sees one. A dead embed (`fatalerror`) or a missing config ends in a backed-off reload, never a stuck page.
import { RENDERER_CONFIG_PATH, type RendererConfig } from '../shared/ipc-contract';
import { embedAttributes, embedLabel } from './embed-attributes';
import { parseRendererConfig } from './renderer-config';
import { createReloadScheduler, HEALTHY_RESET_MS } from './reload-policy';
import { DEMO_BANNER } from './status-view';

const scheduler = createReloadScheduler({
  storage: sessionStorage,
  random: Math.random,
  setTimeout: (fn, ms) => void setTimeout(fn, ms),
  reload: () => location.reload(),
  onScheduled: (why, ms) => console.warn(`Qiosk: ${why}; reloading in ${Math.round(ms / 1000)} s`),
});

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Only the error's own words, short: qlik-embed details are objects that may carry request data. */
function describe(detail: unknown): string {
  const d = detail as { message?: unknown; error?: { message?: unknown } } | null;
  const m = typeof d?.message === 'string' ? d.message : typeof d?.error?.message === 'string' ? d.error.message : 'unknown error';
  return m.slice(0, 200);
}

function render(config: RendererConfig): void {
  const root = document.getElementById('qiosk')!;
  root.replaceChildren();
  if (config.demo) {
    root.append(el('div', 'demo-banner', DEMO_BANNER));
  }
  const grid = el('main', `grid count-${config.embeds.length}`);
  for (const embed of config.embeds) {
    const tile = el('section', 'tile');
    tile.dataset['state'] = 'loading';
    const qe = document.createElement('qlik-embed');
    for (const [name, value] of embedAttributes(embed, config)) qe.setAttribute(name, value);
    qe.addEventListener('error', (ev) => {
      tile.dataset['state'] = 'error';
      console.warn(`Qiosk: ${embedLabel(embed)}: ${describe((ev as Event as CustomEvent).detail)}`);
    });
    qe.addEventListener('fatalerror', (ev) => {
      tile.dataset['state'] = 'failed';
      const note = el('p', 'tile-problem', `${embedLabel(embed)} stopped working: ${describe((ev as Event as CustomEvent).detail)}. Reloading shortly.`);
      tile.append(note);
      scheduler.schedule(`${embedLabel(embed)} failed`);
    });
    tile.append(qe);
    grid.append(tile);
  }
  root.append(grid);
  setTimeout(() => scheduler.healthy(), HEALTHY_RESET_MS);
}

function showProblem(message: string): void {
  const root = document.getElementById('qiosk')!;
  root.replaceChildren(el('div', 'problem', message));
}

async function start(): Promise<void> {
  try {
    const res = await fetch(RENDERER_CONFIG_PATH, { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) throw new Error(`Qiosk settings unavailable (HTTP ${res.status})`);
    render(parseRendererConfig(await res.json()));
  } catch (err) {
    showProblem(`${err instanceof Error ? err.message : String(err)}. Retrying by itself.`);
    scheduler.schedule('settings could not be loaded');
  }
}

void start();
