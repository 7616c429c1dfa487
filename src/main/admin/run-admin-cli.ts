// The admin CLI: one command for everything IT does on a kiosk machine, the same in an installed Qiosk (its own
// executable, cli-command.ts) and from a source checkout (`npm run admin -- …`). Dispatches to each command's own
// runner; --json turns any command's result into one JSON object on stdout for scripts. Pure: streams, stores and
// file access are passed in (entries: src/main/admin-cli.ts and the Electron entry).
import type { SecretStore } from '../core/ports';
import type { CliStdin, CliWritable } from '../core/hidden-line';
import type { LoadConfigDeps } from '../config/load';
import { runSecretCli } from '../secrets/run-secret-cli';
import { adminCommand } from './cli-command';
import { runConfigCli, runPinCli } from './run-config-cli';
import { formatDoctor, runDoctor, type DoctorDeps } from './doctor';
import { runKeyCli } from './run-key-cli';
import { defaultHealthFile, runStatusCli } from './run-status-cli';

export interface AdminCliIo {
  argv: readonly string[];
  stdin: CliStdin;
  stdout: CliWritable;
  stderr: CliWritable;
  secrets: SecretStore;
  keys: SecretStore;
  deps: Omit<LoadConfigDeps, 'argv' | 'policyPath'>;
  /** Where the kiosk writes its health file (default: where it would from this checkout's app name). */
  healthFile?: string;
  now?(): number;
  /** What doctor checks through (absent: doctor is not offered by this entry). */
  doctor?: Omit<DoctorDeps, 'config' | 'configPath' | 'secrets' | 'keys' | 'packaged'>;
  /** An installed Qiosk: doctor checks as it starts (a machine policy is required). */
  packaged?: boolean;
}

/** Every command keeps these meanings (some use only part of them). */
export const ADMIN_EXIT = { ok: 0, failed: 1, usage: 2, keychain: 3, cancelled: 130 } as const;

export const adminUsage = (cli = adminCommand()) => `Usage: ${cli} <command> … [--json]

  secret set|check|delete --client-id <id>   the OAuth client secret in the OS keychain (set reads stdin)
  key generate|import|show-public --client-id <id>
                                             the private key for private_key_jwt in the OS keychain
  config validate|show [config.json]         check the config and policy as the kiosk reads them; show
                                             each effective value with its source
  pin set                                    the admin PIN's hash for the machine policy (reads stdin)
  doctor [config.json] [--packaged]          check this machine end to end: keychain, credential, config and
                                             policy, identity, tenant, a real mint, Allowed Origins, user,
                                             clock, displays, log folder; each failure with its fix
  status                                     the running kiosk's screens, token and problems (its health
                                             file); exit 1 when a screen is not on content or it is stale
  help                                       this text; <command> --help for each command's own

Secrets, keys and PINs are read from stdin only, never from arguments (those show in process lists).
--json prints one JSON object instead: { "command", "exitCode", "ok", "output", "error", "data"? }.
Exit codes: 0 ok, 1 failed or missing (the output says what to fix), 2 usage error, 3 keychain locked or
unavailable, 130 cancelled.
`;

const SUBCOMMANDS: Record<string, readonly string[]> = {
  secret: ['set', 'check', 'delete'], key: ['generate', 'import', 'show-public'], config: ['validate', 'show'], pin: ['set'], doctor: [], status: [], help: [],
};

/** The command as --json names it: only words the CLI knows (an unknown one may be a secret pasted in the wrong
 * place, so it is never echoed). */
function commandName(command: string | undefined, rest: readonly string[]): string | null {
  const subs = command === undefined ? undefined : SUBCOMMANDS[command];
  if (!subs) return null;
  const sub = rest.find((a) => !a.startsWith('-'));
  return sub !== undefined && subs.includes(sub) ? `${command} ${sub}` : command!;
}

/** Collects what a command writes, for --json. */
function collector(): CliWritable & { text(): string } {
  const parts: string[] = [];
  return { write: (chunk: string) => parts.push(chunk), text: () => parts.join('') };
}

export async function runAdminCli(io: AdminCliIo): Promise<number> {
  const json = io.argv.includes('--json');
  const [command, ...rest] = io.argv.filter((a) => a !== '--json');
  const out = json ? collector() : io.stdout;
  const err = json ? collector() : io.stderr;
  let data: unknown;
  let code: number;
  switch (command) {
    case 'secret':
      code = await runSecretCli({ argv: rest, stdin: io.stdin, stdout: out, stderr: err, store: io.secrets });
      break;
    case 'key':
      code = await runKeyCli({ argv: rest, stdin: io.stdin, stdout: out, stderr: err, keys: io.keys, platform: io.deps.platform }, (publicKey) => (data = { publicKey }));
      break;
    case 'config':
      code = await runConfigCli({ argv: rest, stdout: out, stderr: err, deps: io.deps }, (d) => (data = d));
      break;
    case 'pin':
      code = await runPinCli({ argv: rest, stdin: io.stdin, stdout: out, stderr: err, deps: io.deps });
      break;
    case 'doctor': {
      const file = rest.find((a) => !a.startsWith('-'));
      const unknown = rest.find((a) => a.startsWith('-') && a !== '--packaged');
      if (!io.doctor || unknown || rest.filter((a) => !a.startsWith('-')).length > 1) {
        err.write(`${!io.doctor ? 'doctor is not available here' : 'doctor takes a config file and --packaged at most (values not shown)'}.\n\n${adminUsage()}`);
        code = ADMIN_EXIT.usage;
        break;
      }
      const results = await runDoctor({ ...io.doctor, config: io.deps, ...(file ? { configPath: file } : {}), secrets: io.secrets, keys: io.keys, packaged: io.packaged === true || rest.includes('--packaged') });
      data = { checks: results };
      out.write(formatDoctor(results));
      code = results.some((r) => r.ok === false) ? ADMIN_EXIT.failed : ADMIN_EXIT.ok;
      break;
    }
    case 'status':
      code = await runStatusCli({
        argv: rest, stdout: out, stderr: err, now: io.now ?? Date.now, readFile: (p) => Promise.resolve(io.deps.readFile(p)),
        healthFile: io.healthFile ?? defaultHealthFile(io.deps.platform, io.deps.env, io.deps.homedir),
      }, (h) => (data = h));
      break;
    case 'help':
    case '--help':
    case '-h':
      out.write(adminUsage());
      code = ADMIN_EXIT.ok;
      break;
    default:
      // The first argument is not echoed: a secret pasted in the wrong place must not reach a terminal log.
      err.write(`error: ${command === undefined ? 'no command given' : 'unknown command (not shown, in case it is a secret)'}.\n\n${adminUsage()}`);
      code = ADMIN_EXIT.usage;
  }
  if (json) {
    const text = (w: CliWritable) => (w as ReturnType<typeof collector>).text();
    io.stdout.write(`${JSON.stringify({ command: commandName(command, rest), exitCode: code, ok: code === 0, output: text(out), error: text(err), ...(data === undefined ? {} : { data }) })}\n`);
  }
  return code;
}
