// `config validate <file>`: checks a config (and the machine policy over it) the way the kiosk reads it at
// start-up, without Electron, and prints what the kiosk would report: every problem with its fix, or a short
// summary of what it would show. Pure: file access, the platform and the output are passed in (entry:
// the admin CLI, admin/run-admin-cli.ts). Reads config and policy only; never the keychain, never the network.
// `config show`: the effective config with the source of every value (config-show.ts).
// `pin set`: makes the admin PIN's hash for the machine policy's admin.pinHash, from a PIN read on stdin
// (never an argument: arguments show in process lists and shell history).
import { describeSelector } from '../wall/displays';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors';
import { defaultPolicyPath, loadConfig, type LoadConfigDeps } from '../config/load';
import type { QioskConfig } from '../config/schema';
import type { CliStdin } from '../secrets/run-secret-cli';
import { adminCommand } from './cli-command';
import { formatShown, showConfig, type ShownValue } from './config-show';
import { hashPin, pinProblem } from './pin';
import { PinInputError, readPin } from './read-pin';

export const configUsage = (cli = `${adminCommand()} config`, policyPath = 'POLICY_PATH') => `Usage: ${cli} validate [config.json] [--policy <policy.json>] [--packaged]
       ${cli} show [config.json] [--policy <policy.json>] [--packaged]

validate checks a Qiosk configuration the way the kiosk reads it at start-up, with the machine policy over it,
and prints what the kiosk would report. show prints the effective configuration, each value with where it came
from: default (Qiosk's), recommended (the policy's), user (the config file) or enforced (the policy's). Without a
file, both read this user's config as the kiosk would. Nothing is started, stored or sent. The policy is refused,
as by the kiosk, unless only an administrator could have written it (owned by root, or on Windows by Administrators).

  --policy <file>   the machine policy to apply (default: this machine's, ${policyPath})
  --packaged        check as an installed Qiosk: it starts only with a machine policy that lists
                    allowedTenantHosts, and never with a tenant on this computer (without this flag:
                    as development and the demo run, with neither rule)

Exit codes: 0 valid, 1 problems found (each listed with its fix), 2 usage error.
`;

export const pinUsage = (cli = `${adminCommand()} pin`) => `Usage: ${cli} set < pin.txt   (or in a terminal: type the PIN at the prompt)

Reads the admin PIN (6 to 12 digits) from stdin, never from the command line, and prints its hash: the line to
put in the machine policy's "enforced": { "admin": { "pinHash": "…" } }. The PIN itself is kept nowhere.

Exit codes: 0 hash made, 1 the PIN is not usable, 2 usage error, 130 cancelled.
`;

export interface ConfigCliIo {
  argv: readonly string[];
  /** Where pin set reads the PIN (validate and show read none). */
  stdin?: CliStdin;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  deps: Omit<LoadConfigDeps, 'argv' | 'policyPath'>;
}

export const CONFIG_EXIT = { ok: 0, invalid: 1, usage: 2, cancelled: 130 } as const;

/** What `show` found, for --json (admin/run-admin-cli.ts). */
export type ConfigCliData = { values: ShownValue[]; configPath: string; policyPath?: string };

/** The title the kiosk's start-up problem screen shows (src/renderer/status-view.ts; a unit test keeps them equal). */
export const STARTUP_SCREEN_TITLE = { machine_policy: 'This screen is not set up yet', configuration: 'This screen is not set up correctly' } as const;

function summary(c: QioskConfig, configPath: string, policyPath: string | undefined, shadowed: readonly string[], packaged: boolean): string {
  const id = c.identity;
  const who = id.mode === 'os-user' ? `the Qlik user whose ${id.lookupField} is "${id.template}", filled in with the signed-in OS user`
    : id.mode === 'map' ? `the Qlik user mapped to the signed-in OS user (${Object.keys(id.users).length} mapped${id.default ? ', others to a default' : ''})`
    : `the one Qlik user whose ${id.lookupField} is "${id.value}"`;
  const lines = [
    `${configPath}: valid. The kiosk would start with:`,
    `  tenant      ${c.tenant.host} (OAuth client ${c.tenant.clientId})`,
    `  identity    tokens for ${who}`,
    ...c.screens.map((s, i) => `  ${i === 0 ? 'screens   ' : '          '}  ${s.id} on ${describeSelector(s.display)}: ${s.playlist !== undefined ? `playlist ${s.playlist}` : `schedule ${s.schedule}`}${s.kiosk ? '' : ' (windowed)'}`),
    ...Object.entries(c.playlists).map(([name, p], i) => `  ${i === 0 ? 'playlists ' : '          '}  ${name}: ${p.slides.length === 1 ? `one slide of ${p.slides[0]!.embeds.length} embed(s)` : `${p.slides.length} slides of ${p.slides.map((sl) => sl.embeds.length).join(', ')} embed(s), rotating`}`),
    `  admin       ${c.admin.pinHash ? `escape on (five taps top-right, or ${c.admin.chord}), PIN set by the policy` : 'escape off: no admin.pinHash in the machine policy'}`,
    `  kiosk mode  ${c.kiosk.enabled ? 'full screen, locked' : 'off (a normal window)'}; renderer origin http://localhost:${c.renderer.port}`,
    `  policy      ${policyPath ? `${policyPath} is in force${shadowed.length ? `; it overrides ${shadowed.length} value(s) of this file` : ''}` : 'none on this machine'}`,
    `  checked as  ${packaged ? 'an installed Qiosk (--packaged)' : 'development and the demo run (an installed Qiosk also needs a policy with allowedTenantHosts: add --packaged)'}`,
    `The client credential is not checked here: it lives in the OS keychain (${adminCommand()} ${c.tenant.clientAuth === 'private_key_jwt' ? 'key show-public' : 'secret check'} --client-id ${c.tenant.clientId}; ${adminCommand()} doctor checks all of it).`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runConfigCli(io: ConfigCliIo, data?: (d: ConfigCliData) => void): Promise<number> {
  const help = configUsage(undefined, defaultPolicyPath(io.deps.platform));
  const usage = (message: string) => {
    io.stderr.write(`${message}\n\n${help}`);
    return CONFIG_EXIT.usage;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...io.argv], options: { policy: { type: 'string' }, packaged: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    return usage((e as Error).message);
  }
  if (parsed.values.help) {
    io.stdout.write(help);
    return CONFIG_EXIT.ok;
  }
  const [command, file, ...extra] = parsed.positionals;
  if (command !== 'validate' && command !== 'show') return usage(command === undefined ? 'Say what to do: validate or show.' : `Unknown command "${command}": the commands are validate and show.`);
  if (file !== undefined && file.trim() === '') return usage(`${command} takes a config file's path, or nothing for this user's config`);
  if (extra.length > 0) return usage(`${command} reads one file; also given: ${extra.join(' ')}`);
  try {
    const packaged = parsed.values.packaged === true;
    const loaded = await loadConfig({ ...io.deps, argv: file === undefined ? [] : ['--config', file], packaged, ...(parsed.values.policy === undefined ? {} : { policyPath: parsed.values.policy }) });
    if (command === 'show') {
      const values = showConfig(loaded.config, loaded.layers);
      data?.({ values, configPath: loaded.configPath, ...(loaded.policyPath ? { policyPath: loaded.policyPath } : {}) });
      io.stdout.write(`Effective configuration (${loaded.configPath}${loaded.policyPath ? `, policy ${loaded.policyPath}` : ', no machine policy'}):\n${formatShown(values)}`);
      return CONFIG_EXIT.ok;
    }
    io.stdout.write(summary(loaded.config, loaded.configPath, loaded.policyPath, loaded.shadowed, packaged));
    return CONFIG_EXIT.ok;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const code = e.problems.some((p) => p.machinePolicy) ? 'machine_policy' : 'configuration'; // as startupProblemCode
    io.stderr.write(`${e.message}\nThe kiosk would show "${STARTUP_SCREEN_TITLE[code]}" and write these lines to its log.\n`);
    return CONFIG_EXIT.invalid;
  }
}

/** `pin set`: the PIN's hash on stdout (alone, so it can be piped); where it goes, on stderr. Never echoes the PIN. */
export async function runPinCli(io: ConfigCliIo): Promise<number> {
  const help = pinUsage();
  if (io.argv.length === 1 && ['-h', '--help'].includes(io.argv[0]!)) {
    io.stdout.write(help);
    return CONFIG_EXIT.ok;
  }
  if (io.argv[0] !== 'set') {
    io.stderr.write(`${io.argv[0] === undefined ? 'Say what to do: set.' : 'Unknown command (not shown, in case it is the PIN): the only command is set.'}\n\n${help}`);
    return CONFIG_EXIT.usage;
  }
  return hashPinCommand({ ...io, argv: io.argv.slice(1) }, help);
}

/** The PIN's hash on stdout (alone, so it can be piped); where it goes, on stderr. Never echoes the PIN. */
async function hashPinCommand(io: ConfigCliIo, help: string): Promise<number> {
  if (io.argv.length > 0) {
    io.stderr.write(`pin set takes nothing more on the command line (values not shown): the PIN is never an argument, because arguments show in process lists and shell history. Pipe it on stdin (${adminCommand()} pin set < pin.txt), or type it at the prompt.\n\n${help}`);
    return CONFIG_EXIT.usage;
  }
  let pin: string;
  try {
    pin = io.stdin ? await readPin(io.stdin, io.stderr, pinProblem) : '';
  } catch (e) {
    if (!(e instanceof PinInputError)) throw e;
    io.stderr.write(`pin set: ${e.message}; no hash was made.\n`);
    return e.cancelled ? CONFIG_EXIT.cancelled : CONFIG_EXIT.invalid;
  }
  if (pin === '') {
    io.stderr.write(`pin set: no PIN on stdin. Pipe it (${adminCommand()} pin set < pin.txt), or run pin set in a terminal and type it at the prompt.\n`);
    return CONFIG_EXIT.usage;
  }
  const problem = pinProblem(pin);
  if (problem) {
    io.stderr.write(`pin set: ${problem}; no hash was made.\n`);
    return CONFIG_EXIT.invalid;
  }
  io.stdout.write(`${await hashPin(pin)}\n`);
  io.stderr.write(`Put that line in the machine policy (${defaultPolicyPath(io.deps.platform)}), under "enforced": { "admin": { "pinHash": "<the line>" } }. The PIN itself is kept nowhere: note it where IT keeps such things.\n`);
  return CONFIG_EXIT.ok;
}
