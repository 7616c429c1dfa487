// The kiosk page: fetches its non-secret settings from main, then renders one <qlik-embed> per configured
// item. Tokens come only from the preload bridge, named by `get-access-token`; this code never sees one.
// The page heals nothing by itself: embed-health.ts reports every tile's state to main (also as the heartbeat)
// and does what main answers (remount a tile, or say it is unavailable). Main reloads or replaces the page.
import { HEALTH_GLOBAL, RENDERER_CONFIG_PATH, type HealthDirectives, type HealthReport, type RendererConfig, type TilePhase } from '../shared/ipc-contract';
import { embedAttributes, embedLabel } from './embed-attributes';
import { createHealthWatch, type ProbeResult, type TileHandle } from './embed-health';
import { parseRendererConfig } from './renderer-config';
import { DEMO_BANNER } from './status-view';

const PROBE_STEP_MS = 5_000; // Qlik's sample races each step of its health probe against 5 s
/** What people in front of the screen read on a tile; nothing while it loads or shows content. */
const TILE_WORDS: Partial<Record<TilePhase, string>> = {
  error: 'Reconnecting…',
  fatal: 'Reconnecting…',
  timeout: 'Reconnecting…',
  'session-lost': 'Reconnecting…',
  unavailable: 'This content is not available right now. It is retried automatically.',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Only the error's own words, short: qlik-embed details are objects that may carry request data. */
function describe(detail: unknown): { message: string; status?: number } {
  const d = detail as { message?: unknown; status?: unknown; error?: { message?: unknown } } | null;
  const m = typeof d?.message === 'string' ? d.message : typeof d?.error?.message === 'string' ? d.error.message : 'unknown error';
  const status = typeof d?.status === 'number' && Number.isInteger(d.status) && d.status >= 100 && d.status <= 599 ? d.status : undefined;
  return status === undefined ? { message: m.slice(0, 200) } : { message: m.slice(0, 200), status };
}

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no answer')), ms))]);

interface RefApi { getDoc?: () => Promise<{ getAppProperties?: () => Promise<unknown> }> }
type QlikEmbedElement = HTMLElement & { getRefApi?: () => Promise<RefApi> };

/** Qlik's sample health probe (ref API → doc → app properties; the doc only for embeds of an app), plus: the
 * element holds something that takes up space (the element itself is `display: contents`). */
async function probeEmbed(qe: QlikEmbedElement, hasApp: boolean): Promise<ProbeResult> {
  let api: RefApi;
  try {
    api = await within(qe.getRefApi?.() ?? Promise.reject(new Error('no ref API')), PROBE_STEP_MS);
  } catch {
    return { mounted: false, ok: false };
  }
  try {
    if (hasApp && typeof api?.getDoc === 'function') {
      const doc = await within(api.getDoc(), PROBE_STEP_MS);
      if (typeof doc?.getAppProperties === 'function') await within(doc.getAppProperties(), PROBE_STEP_MS);
    }
  } catch {
    return { mounted: true, ok: false };
  }
  const inside = [...qe.querySelectorAll('*'), ...(qe.shadowRoot?.querySelectorAll('*') ?? [])];
  const shows = inside.some((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0);
  return { mounted: true, ok: shows };
}

function render(config: RendererConfig): void {
  const root = document.getElementById('qiosk')!;
  root.replaceChildren();
  if (config.demo) root.append(el('div', 'demo-banner', DEMO_BANNER));
  const grid = el('main', `grid count-${config.embeds.length}`);
  const tiles: TileHandle[] = config.embeds.map((embed, i) => {
    const tile = el('section', 'tile');
    const note = el('p', 'tile-problem');
    let qe: QlikEmbedElement | undefined;
    tile.append(note);
    grid.append(tile);
    return {
      mount() {
        qe?.remove(); // remove and recreate: the runtime's $destroy releases the old session
        const next = document.createElement('qlik-embed') as QlikEmbedElement;
        for (const [name, value] of embedAttributes(embed, config)) next.setAttribute(name, value);
        const onError = (fatal: boolean) => (ev: Event) => {
          if (qe !== next) return;
          const { message, status } = describe((ev as CustomEvent).detail);
          console.warn(`Qiosk: ${embedLabel(embed)}: ${fatal ? 'fatal error' : 'error'}: ${message}`);
          watch.embedError(i, fatal, status);
        };
        next.addEventListener('error', onError(false));
        next.addEventListener('fatalerror', onError(true));
        qe = next;
        tile.prepend(next);
      },
      probe: () => (qe ? probeEmbed(qe, embed.appId !== undefined) : Promise.resolve({ mounted: false, ok: false })),
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
  root.append(grid);
  const report = (globalThis as unknown as Record<string, ((r: HealthReport) => Promise<HealthDirectives>) | undefined>)[HEALTH_GLOBAL];
  const watch = createHealthWatch({
    timing: config.health,
    tiles,
    setTimeout: (fn, ms) => void setTimeout(fn, ms),
    report: (r) => (report ? report(r) : Promise.resolve({ remount: [], unavailable: [] })),
  });
  watch.start();
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
