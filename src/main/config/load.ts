// Finds and reads the machine policy and the user config file, and resolves them in one pass. Pure apart from
// the injected file access, so every OS's path rules are unit-tested on any machine. The policy's rules
// (precedence, what only it may set, who may write it) live in policy.ts.
import path from 'node:path';
import { ConfigError, type ConfigProblem } from './errors';
import { layersWithPolicy, parsePolicy, policyWritableProblem, tenantHostProblem, type FileOwnership, type Policy } from './policy';
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
  /** The machine policy file (default: defaultPolicyPath). Never taken from the environment: the user sets that. */
  policyPath?: string;
  /** Owner and mode of a path, to refuse a policy the kiosk user could change. Absent: not checked (Windows). */
  stat?: (filePath: string) => Promise<FileOwnership>;
  /** The OS user id Qiosk runs as (process.getuid), undefined on Windows. */
  uid?: number | undefined;
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

/** Machine-wide policy location (written by IT, read-only for users). */
export function defaultPolicyPath(platform: NodeJS.Platform, env: Env): string {
  if (platform === 'win32') {
    const w = path.win32;
    const fromEnv = env.ProgramData ?? env.PROGRAMDATA;
    const programData = usable(fromEnv, w) ? fromEnv : 'C:\\ProgramData';
    return w.join(programData, 'Qiosk', 'policy.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/Qiosk/policy.json';
  return '/etc/qiosk/policy.json';
}

const isMissing = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ENOENT';

async function readPolicy(deps: LoadConfigDeps, policyPath: string, problems: ConfigProblem[]): Promise<Policy | undefined> {
  let text: string;
  try {
    text = await deps.readFile(policyPath);
  } catch (e) {
    if (isMissing(e)) return undefined;
    problems.push(...readError(policyPath, e, true).problems);
    return undefined;
  }
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
  if (deps.stat) {
    const dir = path.dirname(policyPath);
    const writable = policyWritableProblem(await deps.stat(policyPath), await deps.stat(dir), deps.uid, policyPath, dir);
    if (writable) {
      problems.push(writable);
      return undefined;
    }
  }
  return parsed;
}

export async function loadConfig(deps: LoadConfigDeps): Promise<LoadedConfig> {
  const fromArgv = configPathFromArgv(deps.argv); // a bad command line reads nothing
  const problems: ConfigProblem[] = [];
  const policyPath = deps.policyPath ?? defaultPolicyPath(deps.platform, deps.env);
  const policy = await readPolicy(deps, policyPath, problems);
  const policyFound = policy !== undefined || problems.length > 0;

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
  const config = resolveConfig(layers, (c) => tenantHostProblem(c.tenant.host, policy));
  return { config, configPath, ...(policy ? { policyPath } : {}), shadowed, extraContentHosts: policy?.extraContentHosts ?? [] };
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
