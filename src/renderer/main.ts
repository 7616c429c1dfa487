// The kiosk page: fetches its non-secret settings from main, reads its screen, playlist and start slide from
// its URL, and shows the playlist's slides one after another (slide-stage.ts), one <qlik-embed> per item.
// Tokens come only from the preload bridge, named by `get-access-token`; this code never sees one. Rotating
// never reloads the page: qlik-embed asks the bridge once per page, so a whole run needs one token.
// The page heals nothing by itself: each slide's health watch reports its tiles to main (also as the
// heartbeat) and does what main answers. Main reloads or replaces the page.
import { HEALTH_GLOBAL, RENDERER_CONFIG_PATH, type HealthDirectives, type HealthReport, type RendererConfig, type RendererScreen } from '../shared/ipc-contract';
import { createRotation } from '../shared/rotation';
import { initialSelectionsFor } from './embed-attributes';
import { boundedBy, createIdleReset, resetToStart, watchInput, type SetTimer } from './idle-reset';
import { pickPage } from './page-params';
import { parseRendererConfig } from './renderer-config';
import { createSlideStage } from './slide-stage';
import { buildSlide, el } from './slide-view';
import { DEMO_BANNER } from './status-view';

/** Each engine step of an idle reset gets this long (as Qlik's sample bounds its probe steps). */
const IDLE_RESET_STEP_MS = 5_000;

const timer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};
const now = () => performance.now();

/** The screen's look: its zoom (CSS zoom: the layout reflows at the new size) and whether the cursor shows. */
function applyLook(look: RendererScreen): void {
  const html = document.documentElement;
  html.style.setProperty('zoom', String(look.zoom));
  html.classList.toggle('hide-cursor', look.hideCursor);
}

function render(config: RendererConfig): void {
  const page = pickPage(config, location.search);
  applyLook(page.look);
  const root = document.getElementById('qiosk')!;
  root.replaceChildren();
  if (config.demo) root.append(el('div', 'demo-banner', DEMO_BANNER));
  // Each app's start state, once for the whole playlist, before any embed mounts (analytics/*, classic/chart;
  // classic/app has attributes).
  for (const s of initialSelectionsFor(page.slides.flatMap((slide) => slide.embeds), config)) {
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
  const box = el('main', 'stage');
  root.append(box);
  const toMain = (globalThis as unknown as Record<string, ((r: HealthReport) => Promise<HealthDirectives>) | undefined>)[HEALTH_GLOBAL];
  const stage = createSlideStage({
    build: (i, report) => buildSlide(page.slides[i]!, { config, setTimeout: timer, now, report }),
    place: (e) => box.append(e),
    report: (r) => (toMain ? toMain(r) : Promise.resolve({ remount: [], unavailable: [] })),
    ready: (i) => rotation.rendered(i),
    shown: (i) => (document.documentElement.dataset['slide'] = String(i)),
  });
  // One slide: no timers at all (the rotation does not run a playlist of one).
  const rotation = createRotation(
    { dwellMs: page.slides.map((s) => s.dwellMs), ...config.rotation },
    { clock: { setTimeout: timer }, actions: { prepare: (i) => stage.prepare(i), show: (i) => stage.show(i), discard: (i) => stage.discard(i) } },
    page.slide,
  );
  stage.start(page.slide);
  rotation.start();
  // Not healing: after idleResetMs without input the apps of the slide on screen go back to their start state
  // (idle-reset.ts).
  if (config.idleResetMs !== undefined) {
    const idle = createIdleReset({ idleMs: config.idleResetMs, setTimeout: timer, reset: () => resetToStart({ tiles: stage.visibleTiles(), within: boundedBy(timer, IDLE_RESET_STEP_MS) }) });
    watchInput(window, idle.input);
  }
}

function showProblem(message: string): void {
  const root = document.getElementById('qiosk')!;
  root.replaceChildren(el('div', 'problem', message));
}

async function start(): Promise<void> {
  try {
    // No cache option: main sends the settings with no-store, and a request that names a cache mode would not take
    // the response index.html preloads.
    const res = await fetch(RENDERER_CONFIG_PATH, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`Qiosk settings unavailable (HTTP ${res.status})`);
    render(parseRendererConfig(await res.json()));
  } catch (err) {
    // Main hears nothing from this page and replaces it (missing heartbeats); people read a plain line.
    console.warn(`Qiosk: ${err instanceof Error ? err.message : String(err)}`);
    showProblem('Starting the dashboards…');
  }
}

void start();
