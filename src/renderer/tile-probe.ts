// What a tile's <qlik-embed> offers a health probe (embed-health.ts decides what the answers mean). The ref API
// differs per UI kind in the real runtime (@qlik/embed-runtime's types): getDoc only on analytics/chart, field
// and selections; getObject on analytics/chart; a bare object for a sheet and classic/*; and whether classic/*
// and ai/* hand one over at all is unknown. So nothing here assumes a method exists, and every step is bounded:
// getRefApi() never rejects and may never resolve.
import { mayLackRefApi } from '../shared/embeds';
import type { TileInspection } from './embed-health';
import { methodOf, refApiOf, type RefCall } from './ref-api';

/** Qlik's sample races each step of its health probe against 5 s. */
const STEP_MS = 5_000;
/** A UI that may hand over no ref API gets this long before visible content alone counts as mounted. */
const NO_REF_API_MS = 1_000;

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no answer')), ms))]);

/** `first()`, bounded, then its `next` method: a probe step that reaches the engine. */
const thenCall = (first: RefCall, next: string) => async () => {
  const call = methodOf(await within(first(), STEP_MS), next);
  if (!call) throw new Error(`no ${next} on the ref API's answer`);
  return call();
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
    api = await within(refApiOf(qe), optional ? NO_REF_API_MS : STEP_MS);
  } catch {
    const visible = shows(qe);
    return { mounted: optional && visible, shows: visible };
  }
  const getDoc = methodOf(api, 'getDoc');
  const getObject = methodOf(api, 'getObject');
  return {
    mounted: true,
    shows: shows(qe),
    ...(getDoc && { doc: thenCall(getDoc, 'getAppProperties') }),
    ...(getObject && { object: thenCall(getObject, 'getLayout') }),
  };
}
