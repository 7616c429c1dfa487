// The machine policy: an admin-owned file (policy.json, see defaultPolicyPath) with `recommended` and
// `enforced` sections. Precedence: built-in defaults < recommended < user file < enforced. While a policy
// exists, where the secret goes, whom Qiosk shows and what (tenant, client, identity, content, and a wall's
// screens, playlists and schedules) come only from it:
// the user's values for those are dropped and named in the log, never silently merged. An installed (packaged)
// Qiosk needs more of it: that it names the allowed tenant hosts, and a tenant that is not this computer. Who may
// write the file is policy-file.ts's. Pure, so each rule is a table test.
import type { ConfigProblem } from './errors';
import { formatPath } from './errors';
import type { ConfigLayer } from './resolve';
import { isPlainObject } from '../../shared/plain-object';
import { isLoopbackHostname } from './tenant-host';

/** Top-level sections only a policy may set once one exists: the secret's destination, the impersonation, and
 * what is shown (content, or a wall's screens, playlists and schedules). */
export const POLICY_ONLY_KEYS = ['tenant', 'identity', 'content', 'screens', 'playlists', 'schedules'] as const;
/** Settings only a policy may hold, with or without one: refused in the user's file, not ignored, because
 * without a policy that file is the only layer, and a PIN hash there is a PIN the kiosk's user chose. */
export const POLICY_ONLY_FIELDS = [['admin', 'pinHash']] as const;
const POLICY_KEYS = ['enforced', 'recommended', 'allowedTenantHosts', 'extraContentHosts'];

export interface Policy {
  source: string;
  enforced: Record<string, unknown>;
  recommended: Record<string, unknown>;
  /** Host names the tenant may be on; absent means any. */
  allowedTenantHosts?: string[];
  /** Further https hosts the content may load images, fonts, styles and data from (a custom theme's fonts, an
   * extension's CDN): added to the CSP and the egress allowlist. Only a policy can give them, never the user. */
  extraContentHosts: string[];
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `h` cannot be an extra content host, or undefined: a DNS name of two labels or more, nothing else. */
export function contentHostProblem(h: unknown): string | undefined {
  const fix = 'give a host name only, e.g. "fonts.example.com"';
  if (typeof h !== 'string') return `must be a host name in double quotes; ${fix}`;
  const host = h.toLowerCase();
  if (host.includes('*')) return `"${h}" has a wildcard; list each host by name (${fix})`;
  if (/[/:@?#\s]/.test(host)) return `"${h}" is not a bare host name (no https://, port or path: it is always https); ${fix}`;
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) return `"${h}" is not a valid host name; ${fix}`;
  if (/^\d+$/.test(labels[labels.length - 1]!)) return `"${h}" is an IP address; content hosts must be host names reached over https (${fix})`;
  if (isLoopbackHostname(host) || host.endsWith('.localhost')) return `"${h}" is this machine; only the demo tenant may be on loopback`;
  return undefined;
}

/** The policy file's parsed content as a Policy, or its problems (every one, paths and messages only). */
export function parsePolicy(data: unknown, source: string): Policy | ConfigProblem[] {
  if (!isPlainObject(data)) return [{ source, path: '', message: 'must contain a JSON object { "enforced": { … }, "recommended": { … } }' }];
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(data)) {
    if (!POLICY_KEYS.includes(key)) problems.push({ source, path: key, message: `is not a policy section; use ${POLICY_KEYS.map((k) => `"${k}"`).join(', ')}` });
  }
  for (const key of ['enforced', 'recommended']) {
    if (data[key] !== undefined && !isPlainObject(data[key])) problems.push({ source, path: key, message: 'must be an object of Qiosk settings' });
  }
  const hosts = data['allowedTenantHosts'];
  if (hosts !== undefined && (!Array.isArray(hosts) || hosts.length === 0 || !hosts.every((h) => typeof h === 'string' && /^[a-z0-9.-]+$/i.test(h)))) {
    problems.push({ source, path: 'allowedTenantHosts', message: 'must be a non-empty list of host names, e.g. ["acme.eu.qlikcloud.com"]' });
  }
  const extra = data['extraContentHosts'];
  if (extra !== undefined && !Array.isArray(extra)) {
    problems.push({ source, path: 'extraContentHosts', message: 'must be a list of host names, e.g. ["fonts.example.com"]' });
  } else {
    (extra ?? []).forEach((h: unknown, i: number) => {
      const problem = contentHostProblem(h);
      if (problem) problems.push({ source, path: `extraContentHosts[${i}]`, message: problem });
    });
  }
  if (problems.length > 0) return problems;
  return {
    source,
    enforced: (data['enforced'] as Record<string, unknown> | undefined) ?? {},
    recommended: (data['recommended'] as Record<string, unknown> | undefined) ?? {},
    ...(hosts === undefined ? {} : { allowedTenantHosts: (hosts as string[]).map((h) => h.toLowerCase()) }),
    extraContentHosts: [...new Set(((extra ?? []) as string[]).map((h) => h.toLowerCase()))],
  };
}

/** Leaf paths of a plain-object tree (arrays count as leaves: they replace whole). */
function leafPaths(v: unknown, path: string[] = []): string[][] {
  if (!isPlainObject(v)) return [path];
  return Object.entries(v).flatMap(([k, child]) => leafPaths(child, [...path, k]));
}

const has = (v: unknown, path: string[]): boolean => {
  let cur = v;
  for (const k of path) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, k)) return false;
    cur = cur[k];
  }
  return true;
};

/**
 * The layers in precedence order, and a note for each user value the policy shadows (path and both sources,
 * never the value). Without a policy, the user file is the only layer.
 */
export function layersWithPolicy(user: ConfigLayer | undefined, policy: Policy | undefined): { layers: ConfigLayer[]; shadowed: string[] } {
  if (!policy) return { layers: user ? [user] : [], shadowed: [] };
  const shadowed: string[] = [];
  let userData = user?.data;
  if (user && isPlainObject(user.data)) {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(user.data)) {
      if ((POLICY_ONLY_KEYS as readonly string[]).includes(k)) shadowed.push(`${k} in ${user.source} is ignored: with a machine policy it comes only from ${policy.source}`);
      else kept[k] = v;
    }
    for (const path of leafPaths(kept)) {
      if (path.length > 0 && has(policy.enforced, path)) shadowed.push(`${formatPath(path)} in ${user.source} is overridden by the enforced policy in ${policy.source}`);
    }
    userData = kept;
  }
  const layers: ConfigLayer[] = [{ name: 'recommended', source: `${policy.source} (recommended)`, data: policy.recommended }];
  if (user) layers.push({ ...user, data: userData });
  layers.push({ name: 'policy', source: `${policy.source} (enforced)`, data: policy.enforced });
  return { layers, shadowed };
}

/** The user file's policy-only fields (POLICY_ONLY_FIELDS), as problems saying where they belong, and their
 * paths (dropped before validation, so nothing else reports them). Other layers come from the policy file. */
export function policyOnlyFieldProblems(layer: ConfigLayer): { problems: ConfigProblem[]; paths: string[][] } {
  if (layer.name !== 'user') return { problems: [], paths: [] };
  const paths = POLICY_ONLY_FIELDS.map((p) => [...p]).filter((p) => has(layer.data, p));
  const problems = paths.map((p): ConfigProblem => ({
    source: layer.source, path: formatPath(p),
    message: `is taken only from the machine policy, which only administrators can change (whoever can change this file could choose the PIN). Remove it from this file and put it in the policy, under "enforced": { "${p[0]}": { "${p[1]}": "…" } }`,
  }));
  return { problems, paths };
}

/** A tenant host outside the policy's allowlist, as a problem naming the policy. */
export function tenantHostProblem(tenantHost: string, policy: Policy | undefined): ConfigProblem | undefined {
  if (!policy?.allowedTenantHosts) return undefined;
  const host = new URL(tenantHost).hostname.toLowerCase();
  if (policy.allowedTenantHosts.includes(host)) return undefined;
  return { source: policy.source, path: 'tenant.host', message: `${host} is not in allowedTenantHosts (${policy.allowedTenantHosts.join(', ')}); IT must allow it there` };
}

/** The smallest policy an installed Qiosk starts with. Kept valid by a unit test. */
export const EXAMPLE_POLICY = `{
  "enforced": {
    "tenant": { "host": "https://your-tenant.eu.qlikcloud.com", "clientId": "YOUR-OAUTH-CLIENT-ID" },
    "identity": { "mode": "os-user", "template": "{username}@corp.example" },
    "content": { "embeds": [ { "ui": "analytics/sheet", "appId": "YOUR-APP-ID", "sheetId": "YOUR-SHEET-ID" } ] }
  },
  "allowedTenantHosts": ["your-tenant.eu.qlikcloud.com"]
}`;

/** An installed Qiosk's policy must name the tenant hosts the client secret may go to. */
export function packagedPolicyProblem(policy: Policy): ConfigProblem | undefined {
  if (policy.allowedTenantHosts) return undefined;
  return {
    source: policy.source, path: 'allowedTenantHosts', machinePolicy: true,
    message: 'is missing; an installed Qiosk starts only when the policy lists the tenant hosts its client secret may go to, e.g. "allowedTenantHosts": ["acme.eu.qlikcloud.com"]',
  };
}

/** An installed Qiosk never sends its secret to this computer: any account could listen on a loopback port. */
export function packagedTenantProblem(tenantHost: string, source: string): ConfigProblem | undefined {
  const { hostname } = new URL(tenantHost);
  if (!isLoopbackHostname(hostname)) return undefined;
  return {
    source, path: 'tenant.host', machinePolicy: true,
    message: `${hostname} is this computer; an installed Qiosk never sends its client secret to a loopback address, where another account could listen. Set the tenant's real address, e.g. "https://acme.eu.qlikcloud.com" (loopback tenants are for the demo and development only)`,
  };
}
