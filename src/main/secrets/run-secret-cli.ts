// The admin command that puts the Qlik OAuth client secret into the OS keychain. Pure: all I/O and the
// store are passed in, so tests drive it without a terminal or a keychain (entry: the admin CLI, admin/run-admin-cli.ts).
// The secret is read from stdin only: command-line arguments are visible to every user via `ps`.
import type { SecretStore } from '../core/ports';
import { adminCommand } from '../admin/cli-command';
import { KEYCHAIN_SERVICE, SecretStoreError, normaliseSecret } from './secret-store';

import { readHiddenLine, readPipedStdin, type CliStdin, type CliWritable } from '../core/hidden-line';

export type { CliStdin, CliWritable } from '../core/hidden-line';

export interface SecretCliIo {
  /** Arguments after the script name (process.argv.slice(2)). */
  argv: readonly string[];
  stdin: CliStdin;
  stdout: CliWritable;
  stderr: CliWritable;
  store: SecretStore;
}

export const EXIT = { ok: 0, missing: 1, usage: 2, keychain: 3, cancelled: 130 } as const;

const COMMANDS = ['set', 'check', 'delete'] as const;
type Command = (typeof COMMANDS)[number];

export const usage = (cli = `${adminCommand()} secret`) => `Usage: ${cli} <command> --client-id <id>

Stores the Qlik OAuth client secret in the OS keychain (service "${KEYCHAIN_SERVICE}", account = client id).

Commands:
  set     --client-id <id>   Read the secret from stdin and store it. In a terminal, type or paste it at
                             the hidden prompt; otherwise pipe it in:
                               ${cli} set --client-id <id> < secret.txt
  check   --client-id <id>   Report whether a secret is stored (never prints it). Exit 0 present, 1 missing.
  delete  --client-id <id>   Remove the stored secret. Exit 0 deleted, 1 nothing was stored.

The secret is never accepted as an argument: arguments are visible to other users in process lists.
Exit codes: 0 ok, 1 missing, 2 usage error, 3 keychain error (locked/unavailable), 130 cancelled.
`;

type Parsed = { kind: 'help' } | { kind: 'run'; command: Command; clientId: string } | { kind: 'error'; message: string };

const SECRET_OPTION = /^--?(?:client[-_]?)?(?:secret|password|passwd|pass|token|key)(?:=|$)/i;
const stdinHint = () => `Pipe it on stdin instead (${adminCommand()} secret set --client-id <id> < secret.txt), or run set in a terminal and paste it at the hidden prompt.`;

/** Option names are echoed only when they look like option names; values never are (they may be secrets). */
function optionName(arg: string): string {
  const name = arg.split('=')[0] ?? '';
  return /^--?[A-Za-z][A-Za-z0-9_-]{0,30}$/.test(name) ? `"${name}"` : 'an unrecognised option';
}

export function parseSecretCliArgs(argv: readonly string[]): Parsed {
  if (argv.some((a) => a === '-h' || a === '--help') || argv[0] === 'help') return { kind: 'help' };
  const error = (message: string): Parsed => ({ kind: 'error', message });
  const [first, ...rest] = argv;
  if (first === undefined) return error('No command given. Use one of: set, check, delete.');
  if (SECRET_OPTION.test(first)) {
    return error(`Refusing ${optionName(first)}: the secret is never accepted as an argument, because arguments show in process lists and shell history. ${stdinHint()}`);
  }
  if (!(COMMANDS as readonly string[]).includes(first)) {
    return error('Unknown command (value not shown, in case it is a secret). The first argument must be one of: set, check, delete.');
  }
  let clientId: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const position = i + 2;
    if (SECRET_OPTION.test(arg)) {
      return error(`Refusing ${optionName(arg)}: the secret is never accepted as an argument, because arguments show in process lists and shell history. ${stdinHint()}`);
    }
    if (arg === '--client-id' || arg.startsWith('--client-id=')) {
      if (clientId !== undefined) return error('--client-id was given twice. Pass it once.');
      const inline = arg.startsWith('--client-id=');
      const value = inline ? arg.slice('--client-id='.length) : rest[i + 1];
      if (!inline) i++;
      if (value === undefined || value === '' || value.startsWith('-')) {
        return error('--client-id needs a value: --client-id <OAuth client id from the Qlik Cloud management console>.');
      }
      if (!/^[\x21-\x7e]{1,256}$/.test(value)) {
        return error('The --client-id value must be 1-256 printable characters without spaces (the OAuth client id from Qlik Cloud).');
      }
      clientId = value;
      continue;
    }
    if (arg.startsWith('-')) return error(`Unknown option ${optionName(arg)}. The only option is --client-id <id>.`);
    return error(`Unexpected argument at position ${position} (value not shown, in case it is a secret). The secret is never an argument. ${stdinHint()}`);
  }
  if (clientId === undefined) return error(`${first} needs --client-id <id> (the Qlik OAuth client id the secret belongs to).`);
  return { kind: 'run', command: first as Command, clientId };
}

class Cancelled extends Error {}

/** Reads one line from a terminal in raw mode so the secret is never echoed. */
function readHidden(stdin: CliStdin, stderr: CliWritable, clientId: string): Promise<string> {
  return readHiddenLine(stdin, stderr, `Client secret for client id ${clientId} (input hidden; paste it, then press Enter): `, {
    noRawMode: () => new TypeError(`stdin is a terminal that cannot hide input. ${stdinHint()}`),
    cancelled: () => new Cancelled('Cancelled; nothing was stored.'),
  });
}

export async function runSecretCli(io: SecretCliIo): Promise<number> {
  const { stdout, stderr, store } = io;
  const parsed = parseSecretCliArgs(io.argv);
  if (parsed.kind === 'help') {
    stdout.write(usage());
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    stderr.write(`error: ${parsed.message}\nRun with --help for usage.\n`);
    return EXIT.usage;
  }
  const { command, clientId } = parsed;
  let secret = '';
  const say = (stream: CliWritable, text: string) => stream.write(`${secret ? text.split(secret).join('[redacted]') : text}\n`);
  try {
    switch (command) {
      case 'set': {
        const raw = io.stdin.isTTY ? await readHidden(io.stdin, stderr, clientId) : await readPipedStdin(io.stdin, 'the client secret');
        if (raw.trim() === '') {
          say(stderr, `error: no secret on stdin. ${stdinHint()}`);
          return EXIT.usage;
        }
        secret = normaliseSecret(raw);
        await store.set(clientId, secret);
        // Read it back so "stored" means the keychain really returns it.
        if ((await store.get(clientId)) !== secret) {
          say(stderr, `error: the keychain accepted the secret for client id ${clientId} but returned something else when read back. Run set again.`);
          return EXIT.keychain;
        }
        say(stdout, `Stored the client secret for client id ${clientId} in the OS keychain (service "${KEYCHAIN_SERVICE}").`);
        return EXIT.ok;
      }
      case 'check': {
        try {
          await store.get(clientId);
        } catch (e) {
          if (e instanceof SecretStoreError && e.code === 'secret_missing') {
            say(stdout, `missing: ${e.message}`);
            return EXIT.missing;
          }
          throw e;
        }
        say(stdout, `present: a client secret is stored for client id ${clientId} (service "${KEYCHAIN_SERVICE}").`);
        return EXIT.ok;
      }
      case 'delete': {
        if (await store.delete(clientId)) {
          say(stdout, `Deleted the client secret for client id ${clientId} from the OS keychain.`);
          return EXIT.ok;
        }
        say(stdout, `Nothing to delete: no client secret is stored for client id ${clientId}.`);
        return EXIT.missing;
      }
    }
  } catch (e) {
    if (e instanceof Cancelled) {
      say(stderr, e.message);
      return EXIT.cancelled;
    }
    if (e instanceof TypeError) {
      say(stderr, `error: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof SecretStoreError) {
      say(stderr, `error [${e.code}]: ${e.message}`);
      return e.code === 'secret_missing' ? EXIT.missing : EXIT.keychain;
    }
    say(stderr, `error: unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.keychain;
  }
}
