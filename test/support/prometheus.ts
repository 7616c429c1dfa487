// A strict reader of Prometheus's text exposition format 0.0.4 (what a scraper accepts): every line is a comment
// (# HELP / # TYPE with a valid name and type), or a sample `name{label="value",…} number`. Throws on anything else,
// so a test that reads a metric also proves the text parses.
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|\+Inf|-Inf))$/;

export interface PromSample { name: string; labels: Record<string, string>; value: number }

export function parsePrometheus(text: string): PromSample[] {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const types = new Map<string, string>();
  const out: PromSample[] = [];
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m || !NAME.test(m[2]!)) throw new Error(`line ${i + 1}: a bad comment: ${line}`);
      if (m[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(m[3]!)) throw new Error(`line ${i + 1}: unknown type ${m[3]}`);
        if (types.has(m[2]!)) throw new Error(`line ${i + 1}: ${m[2]} typed twice`);
        types.set(m[2]!, m[3]!);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not a sample: ${line}`);
    if (!types.has(m[1]!)) throw new Error(`line ${i + 1}: ${m[1]} has no # TYPE before it`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}
