// The kiosk page: fetches its non-secret settings from main, then renders one <qlik-embed> per configured
// item. Tokens come only from the preload bridge, named by `get-access-token`; this code never sees one.
// The page heals nothing by itself: embed-health.ts reports every tile's state to main (also as the heartbeat)
// and does what main answers (remount a tile, or say it is unavailable). Main reloads or replaces the page.
import { HEALTH_GLOBAL, RENDERER_CONFIG_PATH, type HealthDirectives, type HealthReport, type RendererConfig, type TilePhase } from '../shared/ipc-contract';
import { embedAttributes, embedLabel, initialSelectionsFor } from './embed-attributes';
import { createHealthWatch, statusOf, type TileHandle } from './embed-health';
import { boundedBy, createIdleReset, resetToStart, watchInput, type SetTimer } from './idle-reset';
import { parseRendererConfig } from './renderer-config';
import { inspectEmbed, type QlikEmbedElement } from './tile-probe';
import { DEMO_BANNER } from './status-view';

/** What people in front of the screen read on a tile; nothing while it loads or shows content. */
const TILE_WORDS: Partial<Record<TilePhase, string>> = {
  error: 'Reconnecting…',
  resuming: 'Reconnecting…',
  timeout: 'Reconnecting…',
  'session-lost': 'Reconnecting…',
  unavailable: 'This content is not available right now. It is retried automatically.',
};

/** Each engine step of an idle reset gets this long (as Qlik's sample bounds its probe steps). */
const IDLE_RESET_STEP_MS = 5_000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Only the error's own words, short, for the console: qlik-embed details are undocumented objects that may
 * carry request data. Their status is logged, never acted on (embed-health.ts probes instead). */
function describe(detail: unknown): string {
  const d = detail as { message?: unknown; error?: { message?: unknown } } | null;
  const m = typeof d?.message === 'string' ? d.message : typeof d?.error?.message === 'string' ? d.error.message : 'unknown error';
  const status = statusOf(detail) ?? statusOf(d?.error);
  return `${m.slice(0, 200)}${status === undefined ? '' : ` (status ${status})`}`;
}

function render(config: RendererConfig): void {
  const root = document.getElementById('qiosk')!;
  root.replaceChildren();
  if (config.demo) root.append(el('div', 'demo-banner', DEMO_BANNER));
  const grid = el('main', `grid count-${config.embeds.length}`);
  const live: (() => QlikEmbedElement | undefined)[] = []; // each tile's current element, for the idle reset
  const tiles: TileHandle[] = config.embeds.map((embed, i) => {
    const tile = el('section', 'tile');
    const note = el('p', 'tile-problem');
    let qe: QlikEmbedElement | undefined;
    let box: HTMLDivElement | undefined; // what the CSS sizes: the loader makes <qlik-embed> display: contents
    tile.append(note);
    grid.append(tile);
    live[i] = () => qe;
    return {
      mount() {
        box?.remove(); // remove and recreate: the runtime's $destroy releases the old session
        const next = document.createElement('qlik-embed') as QlikEmbedElement;
        for (const [name, value] of embedAttributes(embed, config)) next.setAttribute(name, value);
        const onError = (fatal: boolean) => (ev: Event) => {
          if (qe !== next) return;
          console.warn(`Qiosk: ${embedLabel(embed)}: ${fatal ? 'fatal error' : 'error'}: ${describe((ev as CustomEvent).detail)}`);
          watch.embedError(i);
        };
        next.addEventListener('error', onError(false));
        next.addEventListener('fatalerror', onError(true));
        qe = next;
        box = el('div', 'embed-box');
        box.append(next);
        tile.prepend(box);
      },
      ...(embed.appId === undefined ? {} : { appId: embed.appId }),
      inspect: () => (qe ? inspectEmbed(qe, embed.ui) : Promise.resolve({ mounted: false, shows: false })),
      show(phase) {
        tile.dataset['state'] = phase;
        note.textContent = TILE_WORDS[phase] ?? '';
        if (phase === 'unavailable') {
          // Gone content gets no live element: no engine session or retries against the tenant while it waits.
          qe?.remove();
          qe = undefined;
        }
      },
    };
  });
  // Each app's start state, before any embed mounts (analytics/*, classic/chart; classic/app has attributes).
  for (const s of initialSelectionsFor(config)) {
    const e = document.createElement('qlik-initial-selections');
    for (const [name, value] of s.attributes) e.setAttribute(name, value);
    for (const f of s.fields) {
      const field = document.createElement('field');
      field.setAttribute('name', f.name);
      field.setAttribute('values', f.values);
      e.append(field);
    }
    root.append(e);
  }
  root.append(grid);
  const report = (globalThis as unknown as Record<string, ((r: HealthReport) => Promise<HealthDirectives>) | undefined>)[HEALTH_GLOBAL];
  const watch = createHealthWatch({
    timing: config.health,
    tiles,
    setTimeout: (fn, ms) => void setTimeout(fn, ms),
    now: () => performance.now(),
    report: (r) => (report ? report(r) : Promise.resolve({ remount: [], unavailable: [] })),
  });
  watch.start();
  // Not healing: after idleResetMs without input the apps go back to their start state (idle-reset.ts). Its
  // remounts go through the health watch, so the new element is watched like any other.
  if (config.idleResetMs !== undefined) {
    const timer: SetTimer = (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    };
    const resetTiles = config.embeds.map((embed, i) => ({ embed, element: () => live[i]?.(), remount: () => watch.remount(i) }));
    const idle = createIdleReset({ idleMs: config.idleResetMs, setTimeout: timer, reset: () => resetToStart({ tiles: resetTiles, within: boundedBy(timer, IDLE_RESET_STEP_MS) }) });
    watchInput(window, idle.input);
  }
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
    // Main hears nothing from this page and replaces it (missing heartbeats); people read a plain line.
    console.warn(`Qiosk: ${err instanceof Error ? err.message : String(err)}`);
    showProblem('Starting the dashboards…');
  }
}

void start();
