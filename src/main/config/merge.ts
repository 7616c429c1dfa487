// Layers merge in order (later wins). Objects merge key by key; arrays and scalars replace whole, because a
// policy that sets `content.embeds` means exactly that list. Provenance remembers which layer set each path,
// so a validation problem names the file to edit.
import { isPlainObject } from '../../shared/plain-object';
import { defineOwn } from './secrets';

export interface MergeResult {
  data: unknown;
  /** Dotted-by-JSON path key -> source of the layer that last set it. */
  provenance: Map<string, string>;
}


export const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String));

export function mergeLayers(layers: readonly { source: string; data: unknown }[]): MergeResult {
  const provenance = new Map<string, string>();
  let data: unknown = undefined;
  for (const layer of layers) {
    data = mergeValue(data, layer.data, [], layer.source, provenance);
  }
  return { data, provenance };
}

function mergeValue(
  base: unknown,
  over: unknown,
  path: PropertyKey[],
  source: string,
  provenance: Map<string, string>,
): unknown {
  if (over === undefined) return base;
  provenance.set(pathKey(path), source);
  if (!isPlainObject(over)) return over;
  const out: Record<string, unknown> = {};
  if (isPlainObject(base)) for (const [k, v] of Object.entries(base)) defineOwn(out, k, v);
  for (const [k, v] of Object.entries(over)) {
    defineOwn(out, k, mergeValue(Object.hasOwn(out, k) ? out[k] : undefined, v, [...path, k], source, provenance));
  }
  return out;
}

/** The source of the deepest recorded prefix of `path`, i.e. the layer that last wrote that part. */
export function sourceFor(path: readonly PropertyKey[], provenance: Map<string, string>, fallback: string): string {
  for (let n = path.length; n >= 0; n--) {
    const hit = provenance.get(pathKey(path.slice(0, n)));
    if (hit !== undefined) return hit;
  }
  return fallback;
}
