// Finds and reads the machine policy and the user config file, and resolves them in one pass. Pure apart from
// the injected file access, so every OS's path rules are unit-tested on any machine. The policy's rules
// (precedence, what only it may set, what an installed Qiosk needs of it) live in policy.ts; who may write it, in
// policy-file.ts.
import path from 'node:path';
import { ConfigError, type ConfigProblem } from './errors';
import { EXAMPLE_POLICY, layersWithPolicy, packagedPolicyProblem, packagedTenantProblem, parsePolicy, tenantHostProblem, type Policy } from './policy';
import { defaultPolicyPath, type MachinePolicyAccess } from './policy-file';
import type { ConfigLayer } from './resolve';
import { EXAMPLE_CONFIG, parseConfigText, resolveConfig } from './resolve';
import type { QioskConfig } from './schema';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigDeps {
  /** process.argv: Electron/Chromium switches are ignored; only --config is read. */
  argv: readonly string[];
  platform: NodeJS.Platform;
  env: Env;
  homedir: string;
  /** Reads a UTF-8 file; rejects with an error whose `code` is 'ENOENT' when it does not exist. */
  readFile: (filePath: string) => Promise<string> | string;
  /** The machine policy file (default: policy.defaultPath()). Never taken from the environment: the user sets that. */
  policyPath?: string;
  /** Finds the machine policy and reads it only if just an administrator could have written it (policy-file.ts).
   * Absent: no machine policy (tests of the user file alone; a packaged build then refuses to start). */
  policy?: MachinePolicyAccess;
  /** An installed Qiosk (Electron's app.isPackaged): it starts only with a machine policy that lists the allowed
   * tenant hosts, and never with a loopback tenant. Unpackaged (development, the demo): neither is required. */
  packaged?: boolean;
}

export interface LoadedConfig {
  config: QioskConfig;
  /** The user config file that was read (or looked for, when a policy made it optional). */
  configPath: string;
  /** The policy file in force, if any. */
  policyPath?: string;
  /** User values the policy shadows, one line each, for the log (paths and sources, never values). */
  shadowed: string[];
  /** The policy's extra content hosts (for the CSP and egress); empty without a policy: never from the user. */
  extraContentHosts: string[];
  /** The layers merged, lowest first (`config show` names where each value came from). */
  layers: readonly ConfigLayer[];
}

const ARGV_SOURCE = 'command line';

/** The --config value, or undefined when absent. `--config` without a value is an error, not a fallback. */
export function configPathFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  const take = (value: string | undefined): void => {
    if (value === undefined || value.trim() === '' || value.startsWith('--')) {
      throw new ConfigError([
        { source: ARGV_SOURCE, path: '', message: '--config needs a file path, e.g. --config /etc/qiosk/kiosk.json' },
      ]);
    }
    if (found !== undefined) {
      throw new ConfigError([{ source: ARGV_SOURCE, path: '', message: '--config was given more than once; pass one file' }]);
    }
    found = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break; // conventional end of options
    if (arg === '--config') take(argv[++i]);
    else if (arg.startsWith('--config=')) take(arg.slice('--config='.length));
  }
  return found;
}

const usable = (dir: string | undefined, p: typeof path.posix): dir is string =>
  dir !== undefined && dir !== '' && p.isAbsolute(dir);

/** Per-user config location, following each OS's convention. */
export function defaultUserConfigPath(platform: NodeJS.Platform, env: Env, homedir: string): string {
  if (platform === 'win32') {
    const w = path.win32;
    const appData = usable(env.APPDATA, w) ? env.APPDATA : w.join(homedir, 'AppData', 'Roaming');
    return w.join(appData, 'Qiosk', 'config.json');
  }
  const p = path.posix;
  if (platform === 'darwin') return p.join(homedir, 'Library', 'Application Support', 'Qiosk', 'config.json');
  // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = usable(env.XDG_CONFIG_HOME, p) ? env.XDG_CONFIG_HOME : p.join(homedir, '.config');
  return p.join(base, 'qiosk', 'config.json');
}

export { defaultPolicyPath };

const isMissing = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ENOENT';

async function readPolicy(access: MachinePolicyAccess | undefined, policyPath: string, problems: ConfigProblem[]): Promise<Policy | undefined> {
  if (!access) return undefined;
  const read = await access.read(policyPath);
  if ('missing' in read) return undefined;
  if ('problems' in read) {
    problems.push(...read.problems);
    return undefined;
  }
  const { text } = read;
  let parsed: Policy | ConfigProblem[];
  try {
    parsed = parsePolicy(parseConfigText(text, policyPath), policyPath);
  } catch (e) {
    problems.push(...(e as ConfigError).problems);
    return undefined;
  }
  if (Array.isArray(parsed)) {
    problems.push(...parsed);
    return undefined;
  }
  return parsed;
}

/** Where the policy is: the override, else this machine's (Windows asks the OS; that can fail, as a problem). */
async function findPolicyPath(deps: LoadConfigDeps, problems: ConfigProblem[]): Promise<string> {
  if (deps.policyPath !== undefined) return deps.policyPath;
  const fallback = defaultPolicyPath(deps.platform);
  if (!deps.policy) return fallback;
  try {
    return await deps.policy.defaultPath();
  } catch (e) {
    problems.push({ source: fallback, path: '', machinePolicy: true, message: `the machine policy's folder could not be found (${e instanceof Error ? e.message : String(e)})` });
    return fallback;
  }
}

/** An installed Qiosk without a policy: what IT must do (the log, and `config validate --packaged`). */
function noPolicyError(policyPath: string, platform: NodeJS.Platform): ConfigError {
  const q = (p: string) => (/\s/.test(p) ? `"${p}"` : p);
  const how = platform === 'win32'
    ? `in the Qiosk folder the installer created (${path.win32.dirname(policyPath)}: Administrators and SYSTEM may change it, Users only read it)`
    : `owned by root and writable by root only, as is every folder above it: sudo mkdir -p -m 755 ${q(path.posix.dirname(policyPath))} && sudo install -o root -m 644 policy.json ${q(policyPath)}`;
  return new ConfigError(
    [{
      source: policyPath, path: '', machinePolicy: true,
      message: `there is no machine policy here, and an installed Qiosk starts only with one. IT must install it ${how}; it sets the tenant, identity and content ("enforced") and "allowedTenantHosts". Qiosk then starts by itself`,
    }],
    `A minimal machine policy:\n${EXAMPLE_POLICY}`,
  );
}

export async function loadConfig(deps: LoadConfigDeps): Promise<LoadedConfig> {
  const fromArgv = configPathFromArgv(deps.argv); // a bad command line reads nothing
  const problems: ConfigProblem[] = [];
  const policyPath = await findPolicyPath(deps, problems);
  const policy = problems.length > 0 ? undefined : await readPolicy(deps.policy, policyPath, problems);
  const policyFound = policy !== undefined || problems.length > 0;
  if (deps.packaged && !policyFound) throw noPolicyError(policyPath, deps.platform); // the user file cannot stand in
  if (deps.packaged && policy) {
    const incomplete = packagedPolicyProblem(policy);
    if (incomplete) problems.push(incomplete);
  }

  const configPath = fromArgv ?? defaultUserConfigPath(deps.platform, deps.env, deps.homedir);
  let user: ConfigLayer | undefined;
  let userError: ConfigError | undefined;
  try {
    user = { name: 'user', source: configPath, data: parseConfigText(await deps.readFile(configPath), configPath) };
  } catch (e) {
    // With a policy, the user file is optional: the policy can say everything.
    if (e instanceof ConfigError) userError = e;
    else if (!(policyFound && isMissing(e))) userError = readError(configPath, e, fromArgv !== undefined);
  }
  if (userError && problems.length === 0) throw userError; // keeps its example config
  if (userError) problems.push(...userError.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const { layers, shadowed } = layersWithPolicy(user, policy);
  const config = resolveConfig(layers, (c) =>
    (deps.packaged ? packagedTenantProblem(c.tenant.host, policy?.source ?? policyPath) : undefined) ?? tenantHostProblem(c.tenant.host, policy));
  return { config, configPath, ...(policy ? { policyPath } : {}), shadowed, extraContentHosts: policy?.extraContentHosts ?? [], layers };
}

function readError(configPath: string, e: unknown, explicit: boolean): ConfigError {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    const how = explicit
      ? 'check the --config path'
      : 'create it (or start Qiosk with --config <path>)';
    return new ConfigError(
      [{ source: configPath, path: '', message: `no configuration file here; ${how}` }],
      `A minimal configuration:\n${EXAMPLE_CONFIG}`,
    );
  }
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied; let the kiosk user read it'
    : code === 'EISDIR' ? 'is a folder, not a file; point to the config.json inside it'
    : `could not be read (${typeof code === 'string' ? code : 'unknown error'})`;
  return new ConfigError([{ source: configPath, path: '', message: why }]);
}
