import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../../../src/main/secrets/keytar-store';
import { EXIT, usage, runSecretCli, type CliStdin } from '../../../../src/main/secrets/run-secret-cli';
import { KEYCHAIN_SERVICE } from '../../../../src/main/secrets/secret-store';
import { LIBSECRET, createFakeKeytar, stored, type FakeKeytar } from './fake-keytar';

const ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const CANARY = `CANARY-${randomUUID()}`;

function piped(text: string): CliStdin {
  return Readable.from(text === '' ? [] : [Buffer.from(text)]);
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], opts: { stdin?: CliStdin; keytar?: FakeKeytar; events?: string[] } = {}): Promise<Run & { keytar: FakeKeytar }> {
  const keytar = opts.keytar ?? createFakeKeytar();
  let out = '';
  let err = '';
  const code = await runSecretCli({
    argv,
    stdin: opts.stdin ?? piped(''),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (opts.events?.push(`stderr ${s}`), (err += s)) },
    store: createKeytarStore(keytar, { platform: 'linux' }),
  });
  // The invariant of the whole command: the secret never appears in its output.
  expect(out + err).not.toContain(CANARY);
  return { code, out, err, keytar };
}

describe('secret CLI argument handling', () => {
  it.each([
    ['--secret <value>', ['set', '--client-id', ID, '--secret', CANARY], /Refusing "--secret".*process lists/],
    ['--client-secret=<value>', ['set', '--client-id', ID, `--client-secret=${CANARY}`], /Refusing "--client-secret".*process lists/],
    ['--client_secret before the command', [`--client_secret=${CANARY}`, 'set'], /Refusing "--client_secret"/],
    ['--password=', ['check', '--client-id', ID, `--password=${CANARY}`], /Refusing "--password"/],
    ['a stray positional (maybe the secret)', ['set', '--client-id', ID, CANARY], /Unexpected argument at position 4 \(value not shown/],
    ['the secret as the command', [CANARY], /Unknown command \(value not shown.*set, check, delete/],
    ['an option with a secret-looking name', [`--${CANARY}`], /Unknown command/],
    ['an unknown option', ['set', '--client-id', ID, `--force=${CANARY}`], /Unknown option "--force"\. The only option is --client-id/],
    ['no command', [], /No command given/],
    ['no client id', ['set'], /set needs --client-id <id>/],
    ['--client-id without a value', ['check', '--client-id'], /--client-id needs a value/],
    ['--client-id followed by an option', ['check', '--client-id', '--secret'], /--client-id needs a value/],
    ['--client-id with spaces', ['check', '--client-id=a b'], /printable characters without spaces/],
    ['--client-id twice', ['delete', '--client-id', 'a', '--client-id=b'], /given twice/],
  ])('refuses %s with an explanation and exit 2, touching nothing', async (_name, argv, message) => {
    const r = await run(argv, { stdin: piped(`${CANARY}\n`) });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/--help/);
    expect(r.out).toBe('');
    expect(r.keytar.calls).toEqual([]);
  });

  it('prints usage for --help and exits 0', async () => {
    const r = await run(['set', '--help']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toBe(usage());
    expect(usage()).toMatch(/never accepted as an argument/);
  });
});

describe('secret CLI set', () => {
  it('stores the piped secret without its trailing newline and confirms without printing it', async () => {
    const r = await run(['set', '--client-id', ID], { stdin: piped(`${CANARY}\n`) });
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(new RegExp(`Stored the client secret for client id ${ID}`));
    expect(stored(r.keytar, KEYCHAIN_SERVICE, ID)).toBe(CANARY);
  });

  it('accepts --client-id=<id> and a secret split over several chunks', async () => {
    const half = CANARY.length >> 1;
    const stdin = Readable.from([Buffer.from(CANARY.slice(0, half)), Buffer.from(`${CANARY.slice(half)}\r\n`)]);
    const r = await run(['set', `--client-id=${ID}`], { stdin });
    expect(r.code).toBe(EXIT.ok);
    expect(stored(r.keytar, KEYCHAIN_SERVICE, ID)).toBe(CANARY);
  });

  it.each([
    ['empty stdin', ''],
    ['a bare newline', '\n'],
  ])('refuses %s (no TTY) and stores nothing', async (_name, input) => {
    const r = await run(['set', '--client-id', ID], { stdin: piped(input) });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/no secret on stdin\. Pipe it on stdin/);
    expect(r.keytar.items.size).toBe(0);
  });

  it('refuses a multi-line stdin (a settings file) without echoing it', async () => {
    const r = await run(['set', '--client-id', ID], { stdin: piped(`CLIENT_ID=${ID}\nCLIENT_SECRET=${CANARY}\n`) });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/spans several lines/);
    expect(r.keytar.items.size).toBe(0);
  });

  // Stored as given or not at all: nothing that would make the keychain hold something else than the secret.
  it.each<[string, Buffer, RegExp]>([
    ['too short to be real', Buffer.from('abc123\n'), /too short to be a real one \(under 16 characters\)/],
    ['a NUL byte', Buffer.from(`${CANARY}\u0000x`), /control characters/],
    ['an escape sequence', Buffer.from(`${CANARY}\u001b[2J`), /control characters/],
    ['a tab', Buffer.from(`${CANARY}\tmore`), /control characters/],
    ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CANARY)]), /byte-order mark/],
    ['invalid UTF-8', Buffer.concat([Buffer.from(CANARY), Buffer.from([0xc3, 0x28])]), /not valid UTF-8/],
  ])('refuses a secret with %s, storing nothing and echoing nothing', async (_what, bytes, message) => {
    const r = await run(['set', '--client-id', ID], { stdin: Readable.from([bytes]) });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(message);
    expect(r.keytar.items.size).toBe(0);
    expect(r.out + r.err).not.toContain(CANARY);
  });

  it('stores a secret with quotes, backslashes, % and + and multi-byte characters exactly', async () => {
    const secret = `${CANARY}"\\%+é🔑`;
    const r = await run(['set', '--client-id', ID], { stdin: piped(`${secret}\n`) });
    expect(r.code).toBe(EXIT.ok);
    expect(stored(r.keytar, KEYCHAIN_SERVICE, ID)).toBe(secret);
  });

  it('refuses an oversized stdin', async () => {
    const r = await run(['set', '--client-id', ID], { stdin: piped('x'.repeat(70 * 1024)) });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/more than 64 KiB/);
    expect(r.keytar.items.size).toBe(0);
  });

  it('reports a locked keychain with exit 3 and the unlock advice', async () => {
    const keytar = createFakeKeytar({ failWrites: LIBSECRET.lockedCollection });
    const r = await run(['set', '--client-id', ID], { stdin: piped(`${CANARY}\n`), keytar });
    expect(r.code).toBe(EXIT.keychain);
    expect(r.err).toMatch(/^error \[keychain_locked\]: .*Unlock the login keyring/);
  });

  it('reports an unavailable keychain with exit 3 and what a Linux host needs', async () => {
    const keytar = createFakeKeytar({ failAll: LIBSECRET.noProvider });
    const r = await run(['set', '--client-id', ID], { stdin: piped(`${CANARY}\n`), keytar });
    expect(r.code).toBe(EXIT.keychain);
    expect(r.err).toMatch(/\[keychain_unavailable\].*Secret Service provider/);
  });
});

/** A stand-in terminal: a stream with isTTY and a raw-mode switch whose calls we record. */
function fakeTty() {
  const stream = new PassThrough() as PassThrough & CliStdin;
  const rawModes: boolean[] = [];
  const events: string[] = [];
  stream.isTTY = true;
  stream.setRawMode = (mode: boolean) => (events.push(`raw ${mode}`), rawModes.push(mode));
  return { stream, rawModes, events };
}

describe('secret CLI set from a terminal', () => {
  it('reads without echo in raw mode, honours backspace, and restores the terminal', async () => {
    const { stream, rawModes, events } = fakeTty();
    const pending = run(['set', '--client-id', ID], { stdin: stream, events });
    // typed in pieces, with a typo fixed by backspace, then Enter
    stream.write(CANARY.slice(0, 10));
    stream.write('#\u007f');
    stream.write(`${CANARY.slice(10)}\r`);
    const r = await pending;
    expect(r.code).toBe(EXIT.ok);
    expect(stored(r.keytar, KEYCHAIN_SERVICE, ID)).toBe(CANARY);
    expect(rawModes).toEqual([true, false]);
    // echo goes off before the prompt invites typing, and comes back before the result is printed
    expect(events[0]).toBe('raw true');
    expect(events[1]).toMatch(/^stderr Client secret for client id .* \(input hidden/);
    expect(events[2]).toBe('raw false');
  });

  it('Ctrl-C cancels with exit 130, stores nothing, and restores the terminal', async () => {
    const { stream, rawModes } = fakeTty();
    const pending = run(['set', '--client-id', ID], { stdin: stream });
    stream.write(`${CANARY}\u0003`);
    const r = await pending;
    expect(r.code).toBe(EXIT.cancelled);
    expect(r.err).toMatch(/Cancelled; nothing was stored/);
    expect(r.keytar.items.size).toBe(0);
    expect(rawModes).toEqual([true, false]);
  });

  it('Enter on an empty prompt stores nothing', async () => {
    const { stream } = fakeTty();
    const pending = run(['set', '--client-id', ID], { stdin: stream });
    stream.write('\r');
    const r = await pending;
    expect(r.code).toBe(EXIT.usage);
    expect(r.keytar.items.size).toBe(0);
  });
});

describe('secret CLI check and delete', () => {
  it('check: 0 and "present" when stored, without printing the secret', async () => {
    const keytar = createFakeKeytar();
    await createKeytarStore(keytar).set(ID, CANARY);
    const r = await run(['check', '--client-id', ID], { keytar });
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/^present: /);
  });

  it('check: 1 and "missing" with the command that stores it', async () => {
    const r = await run(['check', '--client-id', ID]);
    expect(r.code).toBe(EXIT.missing);
    expect(r.out).toMatch(new RegExp(`^missing: .*set --client-id ${ID}`));
  });

  it('check: 3 when the keychain is locked, not a misleading "missing"', async () => {
    const r = await run(['check', '--client-id', ID], { keytar: createFakeKeytar({ failWrites: LIBSECRET.lockedCollection }) });
    expect(r.code).toBe(EXIT.keychain);
    expect(r.err).toMatch(/\[keychain_locked\]/);
    expect(r.out).toBe('');
  });

  it('delete: 0 when it removed the secret, then 1 (nothing to delete)', async () => {
    const keytar = createFakeKeytar();
    await createKeytarStore(keytar).set(ID, CANARY);
    const first = await run(['delete', '--client-id', ID], { keytar });
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toMatch(/Deleted the client secret/);
    expect(keytar.items.size).toBe(0);
    const second = await run(['delete', '--client-id', ID], { keytar });
    expect(second.code).toBe(EXIT.missing);
    expect(second.out).toMatch(/Nothing to delete/);
  });
});
