// Pure: layers in, one validated config out, or a ConfigError naming every problem. Nothing is applied from
// a config that fails, so the app never runs on half of a file.
import type { ConfigProblem } from './errors';
import { ConfigError, formatPath } from './errors';
import { configErrorMap, describeIssue } from './issues';
import { encodingProblem, scanJson } from './json-syntax';
import { mergeLayers, sourceFor } from './merge';
import type { QioskConfig } from './schema';
import { qioskConfigSchema } from './schema';
import { findSecretKeys, secretProblem, withoutKeys } from './secrets';
import { policyOnlyFieldProblems } from './policy';
import { isPlainObject } from '../../shared/plain-object';

/** Layer names in increasing precedence; more (env, cli) may come. */
export type ConfigLayerName = 'defaults' | 'user' | 'policy' | (string & {});

export interface ConfigLayer {
  readonly name: ConfigLayerName;
  /** Where the data came from, used in messages (usually the file path). */
  readonly source: string;
  readonly data: unknown;
}

/** The smallest useful config, shown when none is found or a file is empty. Kept valid by a unit test. */
export const EXAMPLE_CONFIG = `{
  "tenant": { "host": "https://your-tenant.eu.qlikcloud.com", "clientId": "YOUR-OAUTH-CLIENT-ID" },
  "identity": { "mode": "os-user", "template": "{username}@corp.example" },
  "content": { "embeds": [ { "ui": "analytics/sheet", "appId": "YOUR-APP-ID", "sheetId": "YOUR-SHEET-ID" } ] }
}`;

/** `check` adds a problem about the resolved config (e.g. a policy allowlist), reported with the rest. */
export function resolveConfig(layers: readonly ConfigLayer[], check?: (config: QioskConfig) => ConfigProblem | undefined): QioskConfig {
  if (layers.length === 0) {
    throw new ConfigError([{ source: 'qiosk', path: '', message: 'no configuration was given' }]);
  }
  const problems: ConfigProblem[] = [];
  const clean: { source: string; data: unknown }[] = [];
  for (const layer of layers) {
    if (!isPlainObject(layer.data)) {
      problems.push({ source: layer.source, path: '', message: 'must contain a JSON object { … } at the top level' });
      continue;
    }
    const secrets = findSecretKeys(layer.data);
    const clientId = (layer.data.tenant as { clientId?: unknown } | undefined)?.clientId;
    for (const path of secrets) {
      problems.push(secretProblem(layer.source, path, typeof clientId === 'string' ? clientId : undefined));
    }
    const policyOnly = policyOnlyFieldProblems(layer);
    problems.push(...policyOnly.problems);
    clean.push({ source: layer.source, data: withoutKeys(layer.data, [...secrets, ...policyOnly.paths]) });
  }
  // A non-object layer would make every field look missing; report just that.
  if (clean.length !== layers.length) throw new ConfigError(problems);

  const { data, provenance } = mergeLayers(clean);
  const fallback = clean[clean.length - 1]?.source ?? 'qiosk';
  const result = qioskConfigSchema.safeParse(data, { error: configErrorMap });
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const located of describeIssue(issue, data)) {
        problems.push({
          source: sourceFor(located.path, provenance, fallback),
          path: formatPath(located.path),
          message: located.message,
        });
      }
    }
  }
  const extra = result.success ? check?.(result.data) : undefined;
  if (extra) problems.push(extra);
  if (problems.length > 0) throw new ConfigError(problems);
  if (!result.success) throw new ConfigError([{ source: fallback, path: '', message: 'is invalid' }]);
  return deepFreeze(result.data);
}

/** Parses one config file's text. Problems name line and column and never quote the file: a file saved in
 * another encoding, a syntax error, every key given twice (JSON.parse would silently keep the last), nesting no
 * config needs. */
export function parseConfigText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Windows editors add a BOM
  const encoding = encodingProblem(body);
  if (encoding) {
    const at = encoding.line === 1 && encoding.column === 1 ? '' : ` (first at line ${encoding.line}, column ${encoding.column})`;
    throw new ConfigError([{ source, path: '', message: `${encoding.reason}${at}` }]);
  }
  if (body.trim() === '') {
    throw new ConfigError([{ source, path: '', message: 'is empty' }], `A minimal configuration:\n${EXAMPLE_CONFIG}`);
  }
  const scan = scanJson(body);
  if (scan.error) {
    throw new ConfigError([{ source, path: '', message: `invalid JSON at line ${scan.error.line}, column ${scan.error.column}: ${scan.error.reason}` }]);
  }
  if (scan.duplicates.length > 0) {
    throw new ConfigError(scan.duplicates.map((d) => ({
      source, path: d.path,
      message: `is given twice, at line ${d.first.line}, column ${d.first.column} and at line ${d.again.line}, column ${d.again.column}; keep one (JSON would silently use the last)`,
    })));
  }
  return JSON.parse(body) as unknown;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
