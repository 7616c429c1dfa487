// The renderer trusts main's config endpoint, but still checks its shape: a malformed answer is shown as a
// clear problem and retried, never half-rendered.
import { INTERACTION_MODES, isEmbedUi, isInteractionMode, type InitialState } from '../shared/embeds';
import type { RendererConfig, RendererEmbed } from '../shared/ipc-contract';
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

function parseEmbed(e: unknown, i: number): RendererEmbed {
  const at = `embeds[${i}]`;
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

export function parseRendererConfig(raw: unknown): RendererConfig {
  if (!isPlainObject(raw)) throw new RendererConfigError('renderer config is not a JSON object');
  const { tenantHost, clientId, embeds, demo, health, idleResetMs } = raw;
  if (typeof tenantHost !== 'string' || !/^https?:\/\//.test(tenantHost)) fail('tenantHost must be an http(s) URL');
  if (typeof clientId !== 'string' || clientId === '') fail('clientId is missing');
  if (!Array.isArray(embeds) || embeds.length === 0) fail('embeds must be a non-empty list');
  if (!isPlainObject(health)) return fail('health timing is missing');
  const timing = (k: 'loadTimeoutMs' | 'keepaliveMs' | 'heartbeatMs') => {
    const v = health[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 100) fail(`health.${k} must be a number of ms`);
    return v;
  };
  if (idleResetMs !== undefined && (typeof idleResetMs !== 'number' || !Number.isFinite(idleResetMs) || idleResetMs < 1000)) fail('idleResetMs must be a number of ms');
  return {
    tenantHost,
    clientId,
    demo: demo === true,
    health: { loadTimeoutMs: timing('loadTimeoutMs'), keepaliveMs: timing('keepaliveMs'), heartbeatMs: timing('heartbeatMs') },
    embeds: embeds.map(parseEmbed),
    ...(idleResetMs === undefined ? {} : { idleResetMs }),
  };
}
