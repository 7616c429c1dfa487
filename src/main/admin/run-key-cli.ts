// `key generate|import|show-public`: the OAuth client's private key for private_key_jwt, kept only in the OS
// keychain (client-key.ts). generate makes it there and prints only the public half, for IT to register on the
// OAuth client in the Qlik console; import reads an existing private key from stdin (never an argument).
// Pure: the store, stdin and output are passed in (entry: the admin CLI).
import { parseArgs } from 'node:util';
import type { SecretStore } from '../core/ports';
import { generateClientKey, importClientKey, KEY_SERVICE, publicJwk } from '../secrets/client-key';
import { SecretStoreError } from '../secrets/secret-store';
import { readPipedStdin, type CliStdin, type CliWritable } from '../core/hidden-line';
import { adminCommand } from './cli-command';

export interface KeyCliIo {
  argv: readonly string[];
  stdin: CliStdin;
  stdout: CliWritable;
  stderr: CliWritable;
  keys: SecretStore;
  platform?: NodeJS.Platform;
}

export const KEY_EXIT = { ok: 0, missing: 1, usage: 2, keychain: 3 } as const;

export const keyUsage = (cli = `${adminCommand()} key`) => `Usage: ${cli} <command> --client-id <id>

The OAuth client's private key for private_key_jwt (tenant.clientAuth "private_key_jwt"), kept only in the OS
keychain (service "${KEY_SERVICE}", account = client id). It is never printed.

Commands:
  generate     --client-id <id> [--bits 2048|3072|4096] [--replace]
               Make a new RSA key pair in the keychain and print its public key (a JWK) to register on the
               OAuth client in the Qlik console. An existing key is kept unless --replace is given.
  import       --client-id <id> [--replace]   Read a private key (PEM or JWK) from stdin and keep it:
                 ${cli} import --client-id <id> < private-key.pem
  show-public  --client-id <id>   Print the stored key's public half (a JWK). Exit 1 when none is stored.

Exit codes: 0 ok, 1 no key stored, 2 usage error, 3 keychain error (locked/unavailable).
`;

/** Option names are echoed only when they look like option names; values never are (they may be a key). */
const optionName = (arg: string) => {
  const name = arg.split('=')[0] ?? '';
  return /^--?[A-Za-z][A-Za-z0-9_-]{0,30}$/.test(name) ? `"${name}"` : 'an unrecognised option';
};

async function stored(keys: SecretStore, clientId: string): Promise<string | undefined> {
  try {
    return await keys.get(clientId);
  } catch (e) {
    if (e instanceof SecretStoreError && e.code === 'secret_missing') return undefined;
    throw e;
  }
}

export async function runKeyCli(io: KeyCliIo, data?: (publicKey: object) => void): Promise<number> {
  const platform = io.platform ?? process.platform;
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const fail = (text: string, code: number = KEY_EXIT.usage) => (io.stderr.write(`error: ${text}\n`), code);
  if (io.argv.includes('--help') || io.argv.includes('-h')) return (io.stdout.write(keyUsage()), KEY_EXIT.ok);
  const unknown = io.argv.find((a) => a.startsWith('-') && !/^--(?:client-id|bits|replace)(?:=|$)/.test(a));
  if (unknown) return fail(`Unknown option ${optionName(unknown)}. The key is never an argument: pipe it on stdin.\n\n${keyUsage()}`);
  let parsed;
  try {
    parsed = parseArgs({ args: [...io.argv], options: { 'client-id': { type: 'string' }, bits: { type: 'string' }, replace: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch {
    return fail(`The options could not be read (values not shown).\n\n${keyUsage()}`);
  }
  const [command, ...extra] = parsed.positionals;
  if (command !== 'generate' && command !== 'import' && command !== 'show-public') {
    return fail(`${command === undefined ? 'No command given' : 'Unknown command (not shown, in case it is a key)'}. Use one of: generate, import, show-public.\n\n${keyUsage()}`);
  }
  if (extra.length > 0) return fail(`Unexpected argument (not shown). The key is never an argument: pipe it on stdin.`);
  const clientId = parsed.values['client-id'];
  if (clientId === undefined || !/^[\x21-\x7e]{1,256}$/.test(clientId)) return fail(`${command} needs --client-id <id>: the OAuth client id from the Qlik console.`);
  const bits = Number(parsed.values.bits ?? 2048);
  if (![2048, 3072, 4096].includes(bits) || (command !== 'generate' && parsed.values.bits !== undefined)) return fail('--bits is 2048, 3072 or 4096, and only for generate.');
  try {
    const existing = await stored(io.keys, clientId);
    if (command === 'show-public') {
      if (existing === undefined) return (say(`missing: no private key is stored for client id ${clientId}. Make one with ${adminCommand()} key generate --client-id ${clientId}.`), KEY_EXIT.missing);
      const pub = publicJwk(existing);
      data?.(pub);
      say(JSON.stringify(pub));
      return KEY_EXIT.ok;
    }
    if (existing !== undefined && !parsed.values.replace) {
      return fail(`A private key is already stored for client id ${clientId}; its public half is registered in the Qlik console. To replace it (and register the new public key), add --replace.`);
    }
    let key: string;
    try {
      key = command === 'generate' ? generateClientKey(bits, platform) : importClientKey(await readPipedStdin(io.stdin, 'the private key file'), platform);
    } catch (e) {
      if (e instanceof TypeError) return fail(e.message);
      throw e;
    }
    await io.keys.set(clientId, key);
    if ((await io.keys.get(clientId)) !== key) return fail(`the keychain accepted the key for client id ${clientId} but returned something else when read back. Run ${command} again.`, KEY_EXIT.keychain);
    const pub = publicJwk(key);
    data?.(pub);
    say(JSON.stringify(pub));
    io.stderr.write(`${command === 'generate' ? 'Made' : 'Stored'} the private key for client id ${clientId} in the OS keychain. Register the public key above (a JWK, kid ${pub.kid}) on that OAuth client in the Qlik console, and set tenant.clientAuth to "private_key_jwt".\n`);
    return KEY_EXIT.ok;
  } catch (e) {
    if (e instanceof SecretStoreError) return fail(`[${e.code}] ${e.message}`, e.code === 'secret_missing' ? KEY_EXIT.missing : KEY_EXIT.keychain);
    if (e instanceof TypeError) return fail(`the stored key cannot be used: ${e.message} Replace it with ${adminCommand()} key generate --client-id ${clientId} --replace.`, KEY_EXIT.keychain);
    throw e;
  }
}
