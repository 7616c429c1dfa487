// Reads the admin PIN for `pin set` from stdin, never from the command line (arguments show in process
// lists and shell history): piped, its first line; in a terminal, typed twice at a prompt that does not echo.
import { readHiddenLine as readLine, type CliStdin, type CliWritable } from '../core/hidden-line';

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
const readHiddenLine = (stdin: CliStdin, stderr: CliWritable, prompt: string) => readLine(stdin, stderr, prompt, {
  noRawMode: () => new PinInputError('this terminal cannot hide what is typed; pipe the PIN on stdin instead'),
  cancelled: () => new PinInputError('cancelled', true),
});

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
