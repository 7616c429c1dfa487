// What a tile's <qlik-embed> offers a health probe (embed-health.ts decides what the answers mean). The ref API
// differs per UI kind in the real runtime (@qlik/embed-runtime's types): getDoc only on analytics/chart, field
// and selections; getObject on analytics/chart; a bare object for a sheet and classic/*; and whether classic/*
// and ai/* hand one over at all is unknown. So nothing here assumes a method exists, and every step is bounded:
// getRefApi() never rejects and may never resolve.
import { mayLackRefApi } from '../shared/embeds';
import type { TileInspection } from './embed-health';

/** Qlik's sample races each step of its health probe against 5 s. */
const STEP_MS = 5_000;
/** A UI that may hand over no ref API gets this long before visible content alone counts as mounted. */
const NO_REF_API_MS = 1_000;

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no answer')), ms))]);

type Fn = (...args: unknown[]) => Promise<unknown>;
const method = (o: unknown, name: string): Fn | undefined => {
  const f = (o as Record<string, unknown> | null | undefined)?.[name];
  return typeof f === 'function' ? (f as Fn).bind(o) : undefined;
};

export type QlikEmbedElement = HTMLElement & { getRefApi?: () => Promise<unknown> };

/** The element holds something that takes up space (the element itself is `display: contents`). */
function shows(qe: HTMLElement): boolean {
  const inside = [...qe.querySelectorAll('*'), ...(qe.shadowRoot?.querySelectorAll('*') ?? [])];
  return inside.some((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
}

export async function inspectEmbed(qe: QlikEmbedElement, ui: string): Promise<TileInspection> {
  let api: unknown;
  const optional = mayLackRefApi(ui);
  try {
    api = await within(qe.getRefApi?.() ?? Promise.reject(new Error('no ref API')), optional ? NO_REF_API_MS : STEP_MS);
  } catch {
    const visible = shows(qe);
    return { mounted: optional && visible, shows: visible };
  }
  const getDoc = method(api, 'getDoc');
  const getObject = method(api, 'getObject');
  return {
    mounted: true,
    shows: shows(qe),
    ...(getDoc && {
      doc: async () => {
        const doc = await within(getDoc(), STEP_MS);
        const props = method(doc, 'getAppProperties');
        if (!props) throw new Error('the doc has no getAppProperties');
        return props();
      },
    }),
    ...(getObject && {
      object: async () => {
        const obj = await within(getObject(), STEP_MS);
        const layout = method(obj, 'getLayout');
        if (!layout) throw new Error('the object has no getLayout');
        return layout();
      },
    }),
  };
}
