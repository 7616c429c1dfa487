// The one masking implementation: secrets and tokens are masked in text before it reaches any log sink, an
// error message or a screen. Two layers: exact values registered at run time (the client secret once read,
// every minted token), masked in every form a line can carry them in (raw, JSON-escaped once or twice,
// \u-escaped, URL- and form-encoded), and patterns that catch credentials we never saw (a Bearer header, a
// token field echoed in an upstream error body).

export const MASK = '[redacted]';
/** Shorter values cannot be registered: masking them would garble ordinary text and so reveal them. */
export const MIN_SENSITIVE_LENGTH = 8;

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${MASK}`],
  [/("?(?:client_secret|client_assertion|access_token|refresh_token|subject_token|accessToken|secret)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, `$1${MASK}`],
];

const jsonInner = (s: string) => JSON.stringify(s).slice(1, -1);
const asciiJson = (s: string) => jsonInner(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Every way `value` can appear inside a line of text, longest first so no form is left half-masked. */
export function encodedForms(value: string): string[] {
  const forms = new Set([
    value,
    jsonInner(value),
    jsonInner(jsonInner(value)),
    asciiJson(value),
    asciiJson(value).toUpperCase().replace(/\\U/g, '\\u'),
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    new URLSearchParams({ v: value }).toString().slice(2),
    encodeURI(value),
    jsonInner(encodeURIComponent(value)),
  ]);
  return [...forms].filter((f) => f !== '').sort((a, b) => b.length - a.length);
}

const maskForms = (text: string, forms: readonly string[]) => {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
  return out;
};

/** `text` with every form of `value` replaced by the mask. */
export const maskValue = (text: string, value: string): string => maskForms(text, encodedForms(value));

export class Redactor {
  /** Each registered value's encoded forms, worked out once: every log line is masked against all of them. */
  private readonly forms = new Map<string, readonly string[]>();

  /** Throws for a value too short to mask safely: callers refuse such secrets before they get here. */
  add(value: string): void {
    if (value.length < MIN_SENSITIVE_LENGTH) throw new RangeError(`a sensitive value needs at least ${MIN_SENSITIVE_LENGTH} characters to be masked safely`);
    if (!this.forms.has(value)) this.forms.set(value, encodedForms(value));
  }

  redact(text: string): string {
    let out = text;
    for (const forms of this.forms.values()) out = maskForms(out, forms);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}
