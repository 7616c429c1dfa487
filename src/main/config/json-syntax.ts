// JSON.parse's messages differ across V8 versions, often lack a position, and quote the surrounding text
// (which could be a secret someone pasted). When parsing fails, this scanner finds the first error itself
// and describes it without echoing the input.

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

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

export function locateJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const fail = (reason: string): never => {
    throw new Stop(i, reason);
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail('a string is not closed; add the missing "');
      else if (ch === '"') return void i++;
      else if (ch < ' ') fail('a line break or control character is inside a string; write it as \\n or \\t');
      else if (ch === '\\') {
        const esc = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(esc) && esc !== '') i += 2;
        else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape in a string; a backslash must be written \\\\ (e.g. "CORP\\\\{username}")');
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') return container('}', true);
    if (ch === '[') return container(']', false);
    if (ch === '"') return string();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))?.[0];
    if (lit) return void (i += lit.length);
    fail(`expected a value but found ${describe(ch)}${ch && /[A-Za-z]/.test(ch) ? '; put text in double quotes' : ''}`);
  };
  const container = (close: string, isObject: boolean): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      ws();
      if (isObject) {
        if (text[i] !== '"') fail(`expected a key in double quotes but found ${describe(text[i])}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after the key but found ${describe(text[i])}`);
        i++;
      }
      value();
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
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the end of the JSON document; remove it or check the braces');
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) return undefined; // e.g. absurd nesting: report without a position
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = e.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, reason: e.reason };
  }
}
