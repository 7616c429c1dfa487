// Finds and reads the user config file. Pure apart from the injected readFile, so every OS's path rules are
// unit-tested on any machine. The machine-wide policy layer (defaultPolicyPath) is located here but not
// loaded yet; when it is, it goes after the user layer in resolveConfig so policy wins.
import path from 'node:path';
import { ConfigError } from './errors';
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
}

export interface LoadedConfig {
  config: QioskConfig;
  /** The user config file that was read. */
  configPath: string;
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

/** Machine-wide policy location (written by IT, read-only for users). Not loaded yet. */
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

export async function loadConfig(deps: LoadConfigDeps): Promise<LoadedConfig> {
  const fromArgv = configPathFromArgv(deps.argv);
  const configPath = fromArgv ?? defaultUserConfigPath(deps.platform, deps.env, deps.homedir);
  let text: string;
  try {
    text = await deps.readFile(configPath);
  } catch (e) {
    throw readError(configPath, e, fromArgv !== undefined);
  }
  const layers: ConfigLayer[] = [{ name: 'user', source: configPath, data: parseConfigText(text, configPath) }];
  return { config: resolveConfig(layers), configPath };
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
