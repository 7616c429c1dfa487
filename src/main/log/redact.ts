// The one masking implementation: secrets and tokens are masked in text before it reaches any log sink, an
// error message or a screen. Two layers: exact values registered at run time (the client secret once read, the
// Basic-auth pair `clientId:secret`, every minted token), masked in every form a line can carry them in (raw,
// JSON-escaped once or twice, \u-escaped, URL- and form-encoded, base64 and base64url with and without padding,
// and the base64 of the value inside a longer base64'd text at each of the three byte alignments), and patterns
// that catch credentials we never saw (a Bearer header, a token field echoed in an upstream error body).
// A token is registered with its lifetime: its forms are dropped an hour after it expires (by the injected
// clock), so a kiosk that runs for weeks does not mask against every token it ever had. The client secret is
// registered without one and stays masked for the life of the process.
import { systemClock, type Clock } from '../core/ports';

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
    // A token inside a base64'd JSON blob is base64 of its JSON-escaped form.
    ...base64Forms(value),
    ...base64Forms(jsonInner(value)),
  ]);
  return [...forms].filter((f) => f !== '').sort((a, b) => b.length - a.length);
}

/**
 * The value in base64 and base64url: whole (with and without padding), and as it reads inside a longer
 * base64'd text (a Basic header, a base64'd JSON blob). There its encoding depends on its offset modulo 3, so
 * for each alignment the bytes are encoded after 0, 1 or 2 filler bytes and only the characters made of the
 * value's bits alone are kept: character i holds bits [6i, 6i+6), kept when they lie inside the value's bytes.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms: string[] = [];
  for (const alphabet of ['base64', 'base64url'] as const) {
    const whole = bytes.toString(alphabet).replace(/=+$/, '');
    forms.push(whole, whole.padEnd(Math.ceil(whole.length / 4) * 4, '='));
    for (const shift of [0, 1, 2]) {
      const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(alphabet);
      const inner = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
      // Shorter stretches would match ordinary base64 by chance (a registered value, 8 bytes or more, gives 10+).
      if (inner.length >= MIN_SENSITIVE_LENGTH) forms.push(inner);
    }
  }
  return forms;
}

const maskForms = (text: string, forms: readonly string[]) => {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
  return out;
};

/** `text` with every form of `value` replaced by the mask. */
export const maskValue = (text: string, value: string): string => maskForms(text, encodedForms(value));

/** How long a token's forms stay masked after it expires: a late echo (a refused request logged after the
 * fact, a clock that differs from the tenant's) is still masked; after that the token is worth nothing. */
export const EXPIRED_FORMS_KEPT_MS = 60 * 60_000;

export interface SensitiveOptions {
  /** How long the value is valid (a token's remaining lifetime). Its forms are dropped EXPIRED_FORMS_KEPT_MS
   * after that; without it (the client secret) they are kept for the life of the process. */
  expiresInMs?: number;
}

export class Redactor {
  /** Each registered value's encoded forms, worked out once, and when they may be dropped (Infinity: never). */
  private readonly entries = new Map<string, { forms: readonly string[]; until: number }>();
  /** The earliest `until` among the entries: nothing is scanned before then. */
  private nextDrop = Infinity;
  /** Every entry's forms, longest first across all entries (the pair `clientId:secret` before the secret inside
   * it): rebuilt when an entry comes or goes. */
  private merged: readonly string[] | undefined;

  constructor(private readonly clock: Pick<Clock, 'now'> = systemClock) {}

  /** Throws for a value too short to mask safely: callers refuse such secrets before they get here. */
  add(value: string, options: SensitiveOptions = {}): void {
    if (value.length < MIN_SENSITIVE_LENGTH) throw new RangeError(`a sensitive value needs at least ${MIN_SENSITIVE_LENGTH} characters to be masked safely`);
    const { expiresInMs } = options;
    const until = expiresInMs !== undefined && Number.isFinite(expiresInMs) ? this.clock.now() + Math.max(0, expiresInMs) + EXPIRED_FORMS_KEPT_MS : Infinity;
    const known = this.entries.get(value);
    // Registered again (or once without a lifetime): the longest wins, so the secret is never dropped.
    if (known) known.until = Math.max(known.until, until);
    else {
      this.entries.set(value, { forms: encodedForms(value), until });
      this.merged = undefined;
    }
    this.nextDrop = Math.min(this.nextDrop, until);
  }

  /** How many values are registered (expired ones are dropped at the next redaction). */
  get size(): number {
    return this.entries.size;
  }

  redact(text: string): string {
    this.dropExpired();
    this.merged ??= [...new Set([...this.entries.values()].flatMap((e) => e.forms))].sort((a, b) => b.length - a.length);
    let out = maskForms(text, this.merged);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  private dropExpired(): void {
    const now = this.clock.now();
    if (now < this.nextDrop) return;
    let next = Infinity;
    for (const [value, entry] of this.entries) {
      if (entry.until <= now) {
        this.entries.delete(value);
        this.merged = undefined;
      } else next = Math.min(next, entry.until);
    }
    this.nextDrop = next;
  }
}
