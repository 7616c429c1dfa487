// One line typed at a terminal with echo off: the admin CLIs' way to take a secret or a PIN that must never be an
// argument (arguments show in process lists and shell history). Used by `secret set` and `pin set`.

export interface CliStdin extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface CliWritable {
  write(text: string): unknown;
}

/** Resolves with the line (Backspace edits it, other control characters are dropped); Ctrl+C rejects with
 * `errors.cancelled()`, a terminal that cannot turn echo off with `errors.noRawMode()`. */
export function readHiddenLine(stdin: CliStdin, stderr: CliWritable, prompt: string, errors: { noRawMode(): Error; cancelled(): Error }): Promise<string> {
  if (typeof stdin.setRawMode !== 'function') return Promise.reject(errors.noRawMode());
  const setRawMode = stdin.setRawMode.bind(stdin);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: Error) => {
      stdin.removeListener('data', onData);
      setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(errors.cancelled());
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch; // drop other control characters (escape sequences, tabs)
      }
    };
    setRawMode(true); // before the prompt, or keys typed right after it would echo
    stderr.write(prompt);
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Reads a whole piped stdin (bounded) as UTF-8; `what` names the one thing to pipe in its errors. Invalid UTF-8 is
 * refused, never turned into U+FFFD and kept as something else. */
export async function readPipedStdin(stdin: CliStdin, what: string, maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) throw new TypeError(`stdin holds more than ${maxBytes / 1024} KiB. Pipe only ${what}.`);
    chunks.push(buf);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new TypeError(`stdin is not valid UTF-8 text. Pipe ${what} itself, as UTF-8 text.`);
  }
}
