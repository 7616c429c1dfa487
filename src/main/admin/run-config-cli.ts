// `config validate <file>`: checks a config (and the machine policy over it) the way the kiosk reads it at
// start-up, without Electron, and prints what the kiosk would report: every problem with its fix, or a short
// summary of what it would show. Pure: file access, the platform and the output are passed in (entry:
// src/main/config-cli.ts). Reads config and policy only; never the keychain, never the network.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors';
import { defaultPolicyPath, loadConfig, type LoadConfigDeps } from '../config/load';
import type { QioskConfig } from '../config/schema';

/** How an admin runs it from a checkout (the installed command comes with the admin CLI). */
export const CONFIG_CLI = 'npm run config --';

export const CONFIG_USAGE = `Usage: ${CONFIG_CLI} validate <config.json> [--policy <policy.json>] [--packaged]

Checks a Qiosk configuration the way the kiosk reads it at start-up, with the machine policy over it, and
prints what the kiosk would report. Nothing is started, stored or sent. The policy is refused, as by the
kiosk, unless only an administrator could have written it (owned by root, or on Windows by Administrators).

  --policy <file>   the machine policy to apply (default: this machine's, POLICY_PATH)
  --packaged        check as an installed Qiosk: it starts only with a machine policy that lists
                    allowedTenantHosts, and never with a tenant on this computer (without this flag:
                    as development and the demo run, with neither rule)
Exit codes: 0 valid, 1 problems found (each listed with its fix), 2 usage error.
`;

export interface ConfigCliIo {
  argv: readonly string[];
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  deps: Omit<LoadConfigDeps, 'argv' | 'policyPath'>;
}

export const CONFIG_EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

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
    `  content     ${c.content.embeds.length} embed(s): ${c.content.embeds.map((e) => e.ui).join(', ')}`,
    `  kiosk mode  ${c.kiosk.enabled ? 'full screen, locked' : 'off (a normal window)'}; renderer origin http://localhost:${c.renderer.port}`,
    `  policy      ${policyPath ? `${policyPath} is in force${shadowed.length ? `; it overrides ${shadowed.length} value(s) of this file` : ''}` : 'none on this machine'}`,
    `  checked as  ${packaged ? 'an installed Qiosk (--packaged)' : 'development and the demo run (an installed Qiosk also needs a policy with allowedTenantHosts: add --packaged)'}`,
    `The client secret is not checked here: it lives in the OS keychain (npm run secret -- check --client-id ${c.tenant.clientId}).`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runConfigCli(io: ConfigCliIo): Promise<number> {
  const help = CONFIG_USAGE.replace('POLICY_PATH', defaultPolicyPath(io.deps.platform));
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
  if (command !== 'validate') return usage(command === undefined ? 'Say what to do: validate <config.json>.' : `Unknown command "${command}": the one command is validate.`);
  if (file === undefined || file.trim() === '') return usage('validate needs the config file to check, e.g. validate /etc/qiosk/config.json');
  if (extra.length > 0) return usage(`validate checks one file; also given: ${extra.join(' ')}`);
  try {
    const packaged = parsed.values.packaged === true;
    const loaded = await loadConfig({ ...io.deps, argv: ['--config', file], packaged, ...(parsed.values.policy === undefined ? {} : { policyPath: parsed.values.policy }) });
    io.stdout.write(summary(loaded.config, loaded.configPath, loaded.policyPath, loaded.shadowed, packaged));
    return CONFIG_EXIT.ok;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const code = e.problems.some((p) => p.machinePolicy) ? 'machine_policy' : 'configuration'; // as startupProblemCode
    io.stderr.write(`${e.message}\nThe kiosk would show "${STARTUP_SCREEN_TITLE[code]}" and write these lines to its log.\n`);
    return CONFIG_EXIT.invalid;
  }
}
