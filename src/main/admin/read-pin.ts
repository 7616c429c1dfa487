// Reads the admin PIN for `config hash-pin` from stdin, never from the command line (arguments show in process
// lists and shell history): piped, its first line; in a terminal, typed twice at a prompt that does not echo.
import type { CliStdin, CliWritable } from '../secrets/run-secret-cli';

export class PinInputError extends Error {
  override readonly name = 'PinInputError';
  constructor(message: string, readonly cancelled = false) {
    super(message);
  }
}

const MAX_BYTES = 1024;

async function readPiped(stdin: CliStdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.length > MAX_BYTES) throw new PinInputError('stdin holds more than a PIN; pipe only the PIN, on one line');
  }
  const lines = text.split(/\r?\n/);
  if (lines.slice(1).some((l) => l !== '')) throw new PinInputError('stdin holds more than one line; pipe only the PIN, on one line');
  return lines[0] ?? '';
}

/** One line typed in raw mode, echoed as nothing. */
function readHiddenLine(stdin: CliStdin, stderr: CliWritable, prompt: string): Promise<string> {
  if (typeof stdin.setRawMode !== 'function') return Promise.reject(new PinInputError('this terminal cannot hide what is typed; pipe the PIN on stdin instead'));
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
        if (ch === '\u0003') return finish(new PinInputError('cancelled', true));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    setRawMode(true); // before the prompt, or keys typed right after it would echo
    stderr.write(prompt);
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The PIN, or a PinInputError; `problem` (pin.ts's pinProblem) is checked before a typed PIN is asked again. */
export async function readPin(stdin: CliStdin, stderr: CliWritable, problem: (pin: string) => string | undefined): Promise<string> {
  if (!stdin.isTTY) return readPiped(stdin);
  const pin = await readHiddenLine(stdin, stderr, 'Admin PIN, 6 to 12 digits (not shown): ');
  const why = pin === '' ? undefined : problem(pin);
  if (why) throw new PinInputError(why);
  const again = await readHiddenLine(stdin, stderr, 'The same PIN again: ');
  if (again !== pin) throw new PinInputError('the two PINs differ');
  return pin;
}
