import { ConfigError, formatProblem, resolveConfig } from '../../../../src/main/config';
import type { MachinePolicyAccess, PolicyRead } from '../../../../src/main/config/policy-file';

export const SOURCE = '/home/kiosk/.config/qiosk/config.json';

/** A minimal valid raw config; tests override one part at a time. */
export function validRaw(): Record<string, unknown> {
  return {
    tenant: { host: 'https://acme.eu.qlikcloud.com', clientId: 'abc123' },
    identity: { mode: 'os-user', template: '{username}@corp.example' },
    content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' }] },
  };
}

export function resolveOne(data: unknown, source = SOURCE) {
  return resolveConfig([{ name: 'user', source, data }]);
}

/** Runs fn, expects a ConfigError, returns it with its formatted problem lines. */
export function expectConfigError(fn: () => unknown): { error: ConfigError; lines: string[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return { error: e, lines: e.problems.map(formatProblem) };
    throw e;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

/** A machine policy only an administrator could have written, read from `files` (the trust rules themselves:
 * policy-file.test.ts). Objects are written as JSON. */
export function trustedPolicy(files: Record<string, unknown>, at = '/etc/qiosk/policy.json'): MachinePolicyAccess {
  return {
    defaultPath: async () => at,
    read: async (p): Promise<PolicyRead> => (Object.hasOwn(files, p) ? { text: typeof files[p] === 'string' ? files[p] : JSON.stringify(files[p]) } : { missing: true }),
  };
}
