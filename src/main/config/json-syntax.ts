// Checks a config file's JSON before anything else reads it, and says what is wrong in words IT can act on.
// Kept hand-written rather than replaced by a parser library: JSON.parse's messages differ across V8 versions,
// often lack a position and quote the surrounding text (which could be a secret someone pasted); jsonc-parser
// reports only token starts with generic codes and recurses without a bound. This scanner names the fix (a
// trailing comma, a Windows backslash), every duplicate key with both positions, and stops at a nesting depth no
// config needs, before any recursive code downstream could overflow the stack. It never echoes values.

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonSyntaxError extends JsonPosition {
  reason: string;
}

export interface DuplicateKey {
  /** Dotted path of the repeated key, e.g. tenant.clientId. */
  path: string;
  first: JsonPosition;
  again: JsonPosition;
}

export interface JsonScan {
  /** The first syntax error; scanning stops there. */
  error?: JsonSyntaxError;
  /** Every key given twice in one object (JSON.parse would silently keep the last). */
  duplicates: DuplicateKey[];
}

/** Deeper than any Qiosk config (about 8 levels); far below what would exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (/[A-Za-z0-9]/.test(ch)) return 'unquoted text';
  if (ch === "'") return "a single quote (JSON strings use double quotes)";
  return `'${ch}'`;
}

const SIMPLE_KEY = /^[A-Za-z_$][\w$-]{0,63}$/;

export function scanJson(text: string): JsonScan {
  const newlines: number[] = [];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) newlines.push(k);
  const position = (offset: number): JsonPosition => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo + 1, column: offset - (lo === 0 ? 0 : newlines[lo - 1]! + 1) + 1 };
  };
  const pending: { path: string; first: number; again: number }[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const fail = (reason: string): never => {
    throw new Stop(i, reason);
  };
  /** Reads a string and returns its raw body (escapes undecoded: enough to compare keys written the same way). */
  const string = (): string => {
    const start = ++i; // past the opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail('a string is not closed; add the missing "');
      else if (ch === '"') return text.slice(start, i++);
      else if (ch < ' ') fail('a line break or control character is inside a string; write it as \\n or \\t');
      else if (ch === '\\') {
        const esc = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(esc) && esc !== '') i += 2;
        else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape in a string; a backslash must be written \\\\ (e.g. "CORP\\\\{username}")');
      } else i++;
    }
  };
  const value = (path: string, depth: number): void => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      if (depth >= MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep; a Qiosk config needs fewer than 10, so the file is probably not a Qiosk config`);
      return container(path, depth + 1, ch === '{');
    }
    if (ch === '"') return void string();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 1000))?.[0];
    if (lit) return void (i += lit.length);
    fail(`expected a value but found ${describe(ch)}${ch && /[A-Za-z]/.test(ch) ? '; put text in double quotes' : ''}`);
  };
  const container = (path: string, depth: number, isObject: boolean): void => {
    const close = isObject ? '}' : ']';
    const seen = new Map<string, number>();
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (let index = 0; ; index++) {
      ws();
      let childPath = `${path}[${index}]`;
      if (isObject) {
        if (text[i] !== '"') fail(`expected a key in double quotes but found ${describe(text[i])}`);
        const at = i;
        const key = string();
        // A key is shown only when it looks like a setting name: anything else could be pasted text.
        childPath = SIMPLE_KEY.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[a key of ${key.length} characters]`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, at);
        else pending.push({ path: childPath, first, again: at });
        ws();
        if (text[i] !== ':') fail(`expected ':' after the key but found ${describe(text[i])}`);
        i++;
      }
      value(childPath, depth);
      ws();
      if (text[i] === ',') {
        const comma = i;
        i++;
        ws();
        if (text[i] === close) throw new Stop(comma, `remove this trailing comma before '${close}'`);
        continue;
      }
      if (text[i] === close) return void i++;
      fail(`expected ',' or '${close}' but found ${describe(text[i])}; a comma may be missing`);
    }
  };
  let error: JsonSyntaxError | undefined;
  try {
    value('', 0);
    ws();
    if (i < text.length) fail('unexpected text after the end of the JSON document; remove it or check the braces');
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    error = { ...position(e.offset), reason: e.reason };
  }
  return { ...(error ? { error } : {}), duplicates: pending.map((d) => ({ path: d.path, first: position(d.first), again: position(d.again) })) };
}

export interface EncodingProblem extends JsonPosition {
  reason: string;
}

/** Text the adapter decoded as UTF-8 from a file saved another way: UTF-16 (Notepad's "Unicode", PowerShell 5's
 * default) decodes with a NUL beside every ASCII character; Windows-1252 or Latin-1 with U+FFFD where a byte was not
 * UTF-8. Either would otherwise surface as a baffling syntax error at the first character. */
export function encodingProblem(text: string): EncodingProblem | undefined {
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  if (nul !== -1 || text.startsWith('\uFFFD\uFFFD')) {
    return { line: 1, column: 1, reason: 'is saved as UTF-16 ("Unicode"); save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8; in PowerShell: Set-Content -Encoding utf8)' };
  }
  if (bad === -1) return undefined;
  const before = text.slice(0, bad);
  const line = before.split('\n').length;
  return { line, column: bad - (before.lastIndexOf('\n') + 1) + 1, reason: 'is not UTF-8 (probably saved as Windows-1252 or Latin-1); save it as UTF-8' };
}
