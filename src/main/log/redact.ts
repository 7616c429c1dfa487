// Masks secrets and tokens in text before it reaches any log sink. Two layers: exact values registered
// at run time (the client secret once read, every minted token) and patterns that catch credentials we
// never saw (a token echoed in an upstream error body, a Bearer header).

const MASK = '[redacted]';
const MIN_SENSITIVE_LENGTH = 6; // shorter values would mask ordinary words

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${MASK}`],
  [/("?(?:client_secret|client_assertion|access_token|refresh_token|subject_token|accessToken|secret)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, `$1${MASK}`],
];

export class Redactor {
  private readonly values = new Set<string>();

  add(value: string): void {
    if (value.length >= MIN_SENSITIVE_LENGTH) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.values) {
      if (out.includes(value)) out = out.split(value).join(MASK);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}
