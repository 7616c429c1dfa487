// The renderer trusts main's config endpoint, but still checks its shape: a malformed answer is shown as a
// clear problem and retried, never half-rendered.
import type { RendererConfig, RendererEmbed } from '../shared/ipc-contract';
import { isPlainObject } from '../shared/plain-object';

export class RendererConfigError extends Error {
  override readonly name = 'RendererConfigError';
}

const OPTIONAL_TEXT = ['appId', 'sheetId', 'objectId', 'fieldId', 'theme', 'language'] as const;

export function parseRendererConfig(raw: unknown): RendererConfig {
  if (!isPlainObject(raw)) throw new RendererConfigError('renderer config is not a JSON object');
  const { tenantHost, clientId, embeds, demo, health } = raw;
  if (typeof tenantHost !== 'string' || !/^https?:\/\//.test(tenantHost)) throw new RendererConfigError('renderer config: tenantHost must be an http(s) URL');
  if (typeof clientId !== 'string' || clientId === '') throw new RendererConfigError('renderer config: clientId is missing');
  if (!Array.isArray(embeds) || embeds.length === 0) throw new RendererConfigError('renderer config: embeds must be a non-empty list');
  if (!isPlainObject(health)) throw new RendererConfigError('renderer config: health timing is missing');
  const timing = (k: 'loadTimeoutMs' | 'keepaliveMs' | 'heartbeatMs') => {
    const v = health[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 100) throw new RendererConfigError(`renderer config: health.${k} must be a number of ms`);
    return v;
  };
  return {
    tenantHost,
    clientId,
    demo: demo === true,
    health: { loadTimeoutMs: timing('loadTimeoutMs'), keepaliveMs: timing('keepaliveMs'), heartbeatMs: timing('heartbeatMs') },
    embeds: embeds.map((e, i): RendererEmbed => {
      if (!isPlainObject(e) || typeof e['ui'] !== 'string' || e['ui'] === '') throw new RendererConfigError(`renderer config: embeds[${i}].ui is missing`);
      const out: RendererEmbed = { ui: e['ui'] };
      for (const k of OPTIONAL_TEXT) {
        const v = e[k];
        if (v === undefined) continue;
        if (typeof v !== 'string') throw new RendererConfigError(`renderer config: embeds[${i}].${k} must be text`);
        out[k] = v;
      }
      return out;
    }),
  };
}
