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
  status                                     the running kiosk's screens, token and problems (its health
                                             file); exit 1 when a screen is not on content or it is stale
  help                                       this text; <command> --help for each command's own

Secrets, keys and PINs are read from stdin only, never from arguments (those show in process lists).
--json prints one JSON object instead: { "command", "exitCode", "ok", "output", "error", "data"? }.
Exit codes: 0 ok, 1 failed or missing (the output says what to fix), 2 usage error, 3 keychain locked or
unavailable, 130 cancelled.
`;

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
    io.stdout.write(`${JSON.stringify({ command: [command, rest.find((a) => !a.startsWith('-'))].filter(Boolean).join(' '), exitCode: code, ok: code === 0, output: text(out), error: text(err), ...(data === undefined ? {} : { data }) })}\n`);
  }
  return code;
}
