// `config show`: the effective config, one value per line, each with where it came from: Qiosk's default, the
// machine policy's recommended values, the user's file, or the policy's enforced values. Pure.
import { formatPath } from '../config/errors';
import { mergeLayers, sourceFor } from '../config/merge';
import type { ConfigLayer } from '../config/resolve';
import type { QioskConfig } from '../config/schema';
import { isPlainObject } from '../../shared/plain-object';

export type ValueSource = 'default' | 'recommended' | 'user' | 'enforced';

export interface ShownValue {
  path: string;
  value: unknown;
  source: ValueSource;
  /** The file it came from (absent for Qiosk's defaults). */
  file?: string;
}

/** Values shown only as "(set)": a PIN hash is slow to test, yet a 6-digit PIN falls to it offline. */
const HIDDEN = new Set(['admin.pinHash']);

function leaves(value: unknown, path: (string | number)[], out: { path: (string | number)[]; value: unknown }[]): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  } else if (Array.isArray(value) && value.length > 0 && value.some((v) => isPlainObject(v) || Array.isArray(v))) {
    value.forEach((v, i) => leaves(v, [...path, i], out));
  } else {
    out.push({ path, value });
  }
}

const KIND: Record<string, ValueSource> = { recommended: 'recommended', user: 'user', policy: 'enforced' };

export function showConfig(config: QioskConfig, layers: readonly ConfigLayer[]): ShownValue[] {
  const { provenance } = mergeLayers(layers);
  const bySource = new Map(layers.map((l) => [l.source, l]));
  const all: { path: (string | number)[]; value: unknown }[] = [];
  leaves(config, [], all);
  return all.map(({ path, value }) => {
    const source = sourceFor(path, provenance, '');
    const layer = bySource.get(source);
    const dotted = formatPath(path);
    const shown = HIDDEN.has(dotted) && value !== undefined ? '(set)' : value;
    if (!layer || !has(layer.data, path)) return { path: dotted, value: shown, source: 'default' };
    return { path: dotted, value: shown, source: KIND[layer.name] ?? 'user', file: layer.source.replace(/ \((?:recommended|enforced)\)$/, '') };
  });
}

/** Whether the layer itself holds `path` (a parent object set by a layer does not make its defaults that layer's). */
function has(data: unknown, path: readonly (string | number)[]): boolean {
  let at = data;
  for (const key of path) {
    if (isPlainObject(at) && Object.hasOwn(at, String(key))) at = at[String(key)];
    else if (Array.isArray(at) && typeof key === 'number' && key < at.length) at = at[key];
    else return false;
  }
  return true;
}

export function formatShown(values: readonly ShownValue[]): string {
  const width = Math.min(48, Math.max(...values.map((v) => v.path.length)));
  return `${values.map((v) => `${v.path.padEnd(width)}  ${JSON.stringify(v.value)}  (${v.source}${v.file ? `: ${v.file}` : ''})`).join('\n')}\n`;
}
