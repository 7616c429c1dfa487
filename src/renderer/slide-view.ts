// One slide's DOM: a grid of tiles, one <qlik-embed> each, and the health watch over them (embed-health.ts).
// The page heals nothing by itself: the watch reports every tile's state and does what the answer says
// (remount a tile, or say it is unavailable). Where the reports go is the stage's business (slide-stage.ts).
import type { HealthDirectives, HealthReport, RendererConfig, RendererSlide, TilePhase } from '../shared/ipc-contract';
import { embedAttributes, embedLabel } from './embed-attributes';
import { createHealthWatch, statusOf, type TileHandle } from './embed-health';
import type { SetTimer } from './idle-reset';
import type { BuiltSlide } from './slide-stage';
import { inspectEmbed, type QlikEmbedElement } from './tile-probe';

/** What people in front of the screen read on a tile; nothing while it loads or shows content. */
const TILE_WORDS: Partial<Record<TilePhase, string>> = {
  error: 'Reconnecting…',
  resuming: 'Reconnecting…',
  timeout: 'Reconnecting…',
  'session-lost': 'Reconnecting…',
  unavailable: 'This content is not available right now. It is retried automatically.',
};

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
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

export interface SlideViewDeps {
  config: Pick<RendererConfig, 'tenantHost' | 'clientId' | 'health'>;
  setTimeout: SetTimer;
  now(): number;
  report(r: HealthReport): Promise<HealthDirectives>;
}

export function buildSlide(slide: RendererSlide, d: SlideViewDeps): BuiltSlide<HTMLElement> {
  const grid = el('div', `grid slide count-${slide.embeds.length}`);
  const live: (() => QlikEmbedElement | undefined)[] = []; // each tile's current element, for the idle reset
  const tiles: TileHandle[] = slide.embeds.map((embed, i) => {
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
        for (const [name, value] of embedAttributes(embed, d.config)) next.setAttribute(name, value);
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
  const watch = createHealthWatch({ timing: d.config.health, tiles, setTimeout: d.setTimeout, now: d.now, report: d.report });
  // The idle reset's remounts go through the watch, so the new element is watched like any other.
  const resetTiles = slide.embeds.map((embed, i) => ({ embed, element: () => live[i]?.(), remount: () => watch.remount(i) }));
  return { element: grid, watch, resetTiles };
}
