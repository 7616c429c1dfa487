// Config files are readable by admins, backups and support bundles, so secrets are refused outright and
// pointed at the keychain. This runs on each raw layer before validation, and never reads the values.
import type { ConfigProblem } from './errors';
import { formatPath } from './errors';
import { storeSecretCommand } from '../secrets/secret-store';

export const SECRET_KEY_PATTERN =
  /secret|password|passwd|private[-_]?key|client[-_]?assertion|api[-_]?key|access[-_]?token|refresh[-_]?token|credential/i;

/** Map-mode keys are OS user names, not field names: a user called "secretary" is not a secret. */
function isUserNameMap(path: readonly PropertyKey[]): boolean {
  return path.length === 2 && path[0] === 'identity' && path[1] === 'users';
}

/** Paths of every key, at any depth (arrays included), whose name looks like a secret. */
export function findSecretKeys(data: unknown): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      const names = isUserNameMap(path);
      for (const key of Object.keys(value)) {
        const here = [...path, key];
        if (!names && SECRET_KEY_PATTERN.test(key)) found.push(here);
        else walk((value as Record<string, unknown>)[key], here);
      }
    }
  };
  walk(data, []);
  return found;
}

export function secretProblem(source: string, path: readonly PropertyKey[], clientId?: string): ConfigProblem {
  const id = clientId && /^\S+$/.test(clientId) ? clientId : '<id>';
  return {
    source,
    path: formatPath(path),
    message:
      'looks like a secret, and secrets do not belong in configuration files. Remove this key and store the ' +
      `secret in the OS keychain instead with the secret CLI, which reads it from standard input: ${storeSecretCommand(id)}`,
  };
}

/** Returns a copy without the secret keys, so validation does not report them a second time as unknown keys. */
export function withoutKeys(data: unknown, paths: readonly PropertyKey[][]): unknown {
  if (paths.length === 0) return data;
  const drop = new Set(paths.map((p) => JSON.stringify(p)));
  const copy = (value: unknown, path: PropertyKey[]): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => copy(item, [...path, i]));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const here = [...path, key];
      if (!drop.has(JSON.stringify(here))) defineOwn(out, key, copy(v, here));
    }
    return out;
  };
  return copy(data, []);
}

/** Plain assignment of '__proto__' would swap the prototype; an own property keeps it visible as an unknown key. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
