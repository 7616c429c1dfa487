// The renderer trusts main's config endpoint, but still checks its shape: a malformed answer is shown as a
// clear problem and retried, never half-rendered.
import { INTERACTION_MODES, isEmbedUi, isInteractionMode, type InitialState } from '../shared/embeds';
import { MAX_SLIDES, type RendererConfig, type RendererEmbed, type RendererScreen, type RendererSlide } from '../shared/ipc-contract';
import { isPlainObject } from '../shared/plain-object';

export class RendererConfigError extends Error {
  override readonly name = 'RendererConfigError';
}

const OPTIONAL_TEXT = ['appId', 'sheetId', 'objectId', 'fieldId', 'assistantId', 'theme', 'language'] as const;

function fail(what: string): never {
  throw new RendererConfigError(`renderer config: ${what}`);
}
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function parseInitialState(v: unknown, at: string): InitialState {
  if (!isPlainObject(v) || !Object.keys(v).every((k) => ['clearAll', 'bookmark', 'fields'].includes(k))) return fail(`${at} must be { clearAll, bookmark, fields }`);
  const out: InitialState = {};
  if (v['clearAll'] !== undefined) out.clearAll = typeof v['clearAll'] === 'boolean' ? v['clearAll'] : fail(`${at}.clearAll must be true or false`);
  if (v['bookmark'] !== undefined) out.bookmark = isText(v['bookmark']) ? v['bookmark'] : fail(`${at}.bookmark must be text`);
  if (v['fields'] !== undefined) {
    const fields = v['fields'];
    if (!Array.isArray(fields)) return fail(`${at}.fields must be a list`);
    out.fields = fields.map((f: unknown, j) => {
      const ok = isPlainObject(f) && Object.keys(f).every((k) => k === 'name' || k === 'values') && isText(f['name']) &&
        Array.isArray(f['values']) && f['values'].length > 0 && f['values'].every(isText);
      return ok ? { name: f['name'] as string, values: [...(f['values'] as string[])] } : fail(`${at}.fields[${j}] must be { name, values: [text, …] }`);
    });
  }
  return out;
}

/** A slide holds one full-screen embed up to a 4×3 grid. */
export const MAX_SLIDE_EMBEDS = 12;
export const MIN_DWELL_MS = 1000;
export const ZOOM_RANGE = [0.5, 3] as const;

const isMs = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min;

function parseEmbed(e: unknown, at: string): RendererEmbed {
  if (!isPlainObject(e) || typeof e['ui'] !== 'string' || e['ui'] === '') return fail(`${at}.ui is missing`);
  const ui = e['ui'];
  if (!isEmbedUi(ui)) return fail(`${at}.ui is not a UI Qiosk knows`);
  const out: RendererEmbed = { ui };
  for (const k of OPTIONAL_TEXT) {
    const v = e[k];
    if (v === undefined) continue;
    if (typeof v !== 'string') fail(`${at}.${k} must be text`);
    out[k] = v;
  }
  const { interactions, keyboardNavigation, initialState } = e;
  if (interactions !== undefined) {
    out.interactions = isInteractionMode(interactions) ? interactions : fail(`${at}.interactions must be one of ${INTERACTION_MODES.join(', ')}`);
  }
  if (keyboardNavigation !== undefined) out.keyboardNavigation = typeof keyboardNavigation === 'boolean' ? keyboardNavigation : fail(`${at}.keyboardNavigation must be true or false`);
  if (initialState !== undefined) out.initialState = parseInitialState(initialState, `${at}.initialState`);
  return out;
}

function parseSlide(v: unknown, at: string): RendererSlide {
  if (!isPlainObject(v)) return fail(`${at} must be { embeds, dwellMs }`);
  const { embeds, dwellMs } = v;
  if (!Array.isArray(embeds) || embeds.length === 0 || embeds.length > MAX_SLIDE_EMBEDS) return fail(`${at}.embeds must be a list of 1 to ${MAX_SLIDE_EMBEDS} embeds`);
  if (!isMs(dwellMs, MIN_DWELL_MS)) return fail(`${at}.dwellMs must be a number of ms, at least ${MIN_DWELL_MS}`);
  return { embeds: embeds.map((e: unknown, k) => parseEmbed(e, `${at}.embeds[${k}]`)), dwellMs };
}

/** A non-empty map; entries keep their order (the first is the page's default). */
function parseMap<T>(v: unknown, at: string, what: string, parse: (value: unknown, at: string) => T): Record<string, T> {
  if (!isPlainObject(v) || Object.keys(v).length === 0) return fail(`${at} must map each name to ${what}, with at least one`);
  return Object.fromEntries(Object.entries(v).map(([name, value]) => [name, parse(value, `${at}.${name}`)]));
}

function parsePlaylist(v: unknown, at: string): RendererSlide[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_SLIDES) return fail(`${at} must be a list of 1 to ${MAX_SLIDES} slides`);
  return v.map((slide: unknown, j) => parseSlide(slide, `${at}[${j}]`));
}

function parseScreen(v: unknown, at: string): RendererScreen {
  if (!isPlainObject(v)) return fail(`${at} must be { zoom, hideCursor }`);
  const { zoom, hideCursor } = v;
  const [lo, hi] = ZOOM_RANGE;
  if (typeof zoom !== 'number' || !(zoom >= lo && zoom <= hi)) fail(`${at}.zoom must be a number from ${lo} to ${hi}`);
  if (typeof hideCursor !== 'boolean') fail(`${at}.hideCursor must be true or false`);
  return { zoom, hideCursor };
}

export function parseRendererConfig(raw: unknown): RendererConfig {
  if (!isPlainObject(raw)) throw new RendererConfigError('renderer config is not a JSON object');
  const { tenantHost, clientId, playlists, screens, rotation, demo, health, idleResetMs } = raw;
  if (typeof tenantHost !== 'string' || !/^https?:\/\//.test(tenantHost)) fail('tenantHost must be an http(s) URL');
  if (typeof clientId !== 'string' || clientId === '') fail('clientId is missing');
  if (!isPlainObject(health)) return fail('health timing is missing');
  const timing = (k: 'loadTimeoutMs' | 'keepaliveMs' | 'heartbeatMs') => {
    const v = health[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 100) fail(`health.${k} must be a number of ms`);
    return v;
  };
  if (!isPlainObject(rotation)) return fail('rotation timing is missing');
  const rotationMs = (k: 'prepareLeadMs' | 'readyBoundMs') => (isMs(rotation[k], 0) ? rotation[k] : fail(`rotation.${k} must be a number of ms`));
  if (idleResetMs !== undefined && (typeof idleResetMs !== 'number' || !Number.isFinite(idleResetMs) || idleResetMs < 1000)) fail('idleResetMs must be a number of ms');
  return {
    tenantHost,
    clientId,
    demo: demo === true,
    health: { loadTimeoutMs: timing('loadTimeoutMs'), keepaliveMs: timing('keepaliveMs'), heartbeatMs: timing('heartbeatMs') },
    playlists: parseMap(playlists, 'playlists', 'a list of slides', parsePlaylist),
    screens: parseMap(screens, 'screens', '{ zoom, hideCursor }', parseScreen),
    rotation: { prepareLeadMs: rotationMs('prepareLeadMs'), readyBoundMs: rotationMs('readyBoundMs') },
    ...(idleResetMs === undefined ? {} : { idleResetMs }),
  };
}
