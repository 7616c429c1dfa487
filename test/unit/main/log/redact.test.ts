import { describe, expect, it } from 'vitest';
import { createLogFactory } from '../../../../src/main/log/logger';
import { encodedForms, EXPIRED_FORMS_KEPT_MS, MASK, maskValue, MIN_SENSITIVE_LENGTH, Redactor } from '../../../../src/main/log/redact';
import { base64Reveals } from '../../../support/canary';
import { FakeClock } from '../../../support/fake-clock';

// A secret with every character that changes under an encoding: quote, backslash, percent, plus, space, é, 🔑.
const SECRET = 'sEcr"et\\50% +é🔑-tail';
const json = (s: string) => JSON.stringify(s).slice(1, -1);

describe('maskValue: every form a line can carry the value in', () => {
  it.each([
    ['raw', SECRET],
    ['JSON-escaped', json(SECRET)],
    ['JSON-escaped twice (a JSON body logged as a JSON field)', json(json(SECRET))],
    ['\\u-escaped JSON (ASCII-only encoders)', json(SECRET).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['URL-encoded, lower-case hex', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded (+ for space)', new URLSearchParams({ v: SECRET }).toString().slice(2)],
  ])('%s', (_name, form) => {
    const line = `upstream said: {"detail":"bad client_id or ${form}!"}`;
    const masked = maskValue(line, SECRET);
    expect(masked).toContain(MASK);
    expect(masked).not.toContain(form);
    for (const f of encodedForms(SECRET)) expect(masked).not.toContain(f);
  });

  it('leaves text without the value alone', () => {
    expect(maskValue('nothing to see here', SECRET)).toBe('nothing to see here');
  });
});

describe('maskValue: base64 and base64url', () => {
  const b64 = (s: string, alphabet: 'base64' | 'base64url') => Buffer.from(s).toString(alphabet);
  // 24, 25 and 26 bytes of UTF-8: no padding, two '=' and one '='.
  const VALUES = [SECRET, `${SECRET}x`, `${SECRET}xy`];

  it.each(VALUES.flatMap((v) => (['base64', 'base64url'] as const).flatMap((a) => [
    [`${a}, ${Buffer.byteLength(v) % 3} spare bytes, padded`, v, b64(v, a).replace(/=+$/, '').padEnd(Math.ceil(b64(v, a).replace(/=+$/, '').length / 4) * 4, '=')],
    [`${a}, ${Buffer.byteLength(v) % 3} spare bytes, unpadded`, v, b64(v, a).replace(/=+$/, '')],
  ])))('the whole value: %s', (_name, value, form) => {
    const masked = maskValue(`cookie=${form}; path=/`, value);
    expect(masked).toBe(`cookie=${MASK}; path=/`);
  });

  // The value at each offset modulo 3 inside a longer base64'd text encodes three different ways.
  it.each((['base64', 'base64url'] as const).flatMap((a) => [0, 1, 2, 3, 4, 5].flatMap((before) => [0, 1, 2].map((after) => [a, before, after] as const))))(
    '%s, inside a longer text after %i bytes and before %i', (alphabet, before, after) => {
      const line = `blob=${b64(`${'{'.repeat(before)}${SECRET}${'}'.repeat(after)}`, alphabet)} end`;
      expect(base64Reveals(line, SECRET)).toBe(true); // the check below can see the secret when it is there
      const masked = maskValue(line, SECRET);
      expect(masked).toContain(MASK);
      expect(base64Reveals(masked, SECRET)).toBe(false); // no 4 bytes of it can be read back
    });

  it('a token inside a base64url JSON blob (a JWT payload), JSON-escaped there', () => {
    const token = 'tok"en\\with-quotes-0123456789';
    const line = `jwt=eyJhbGciOiJIUzI1NiJ9.${b64(JSON.stringify({ sub: 'kiosk', token, n: 1 }), 'base64url')}.c2ln`;
    expect(base64Reveals(line, JSON.stringify(token).slice(1, -1))).toBe(true);
    expect(base64Reveals(maskValue(line, token), JSON.stringify(token).slice(1, -1))).toBe(false);
  });

  it('an HTTP Basic header: the registered client-id:secret pair masked whole, the secret unreadable even unregistered', () => {
    const header = `Authorization: Basic ${b64(`kiosk-imp:${SECRET}`, 'base64')}`;
    const both = new Redactor();
    both.add(SECRET);
    both.add(`kiosk-imp:${SECRET}`);
    expect(both.redact(header)).toBe(`Authorization: Basic ${MASK}`);
    const secretOnly = new Redactor();
    secretOnly.add(SECRET);
    expect(base64Reveals(secretOnly.redact(header), SECRET)).toBe(false);
  });

  it(`keeps no form shorter than ${MIN_SENSITIVE_LENGTH} characters, and leaves other base64 alone`, () => {
    expect(encodedForms('12345678').every((f) => f.length >= MIN_SENSITIVE_LENGTH)).toBe(true);
    const other = `data=${Buffer.from('an ordinary payload of some length, nothing secret in it').toString('base64')}`;
    expect(maskValue(other, SECRET)).toBe(other);
  });
});

describe('Redactor: forms of expired tokens are dropped, the secret never', () => {
  const HOUR = 3_600_000;

  it(`masks a token until ${EXPIRED_FORMS_KEPT_MS / HOUR} h after it expires, then drops its forms; the secret stays masked`, () => {
    const clock = new FakeClock();
    const r = new Redactor(clock);
    const token = 'eyJ.token-0123456789abcdef';
    r.add(SECRET);
    r.add(token, { expiresInMs: 6 * HOUR });
    const line = `${token} ${Buffer.from(token).toString('base64')} ${SECRET}`;
    clock.advance(6 * HOUR + EXPIRED_FORMS_KEPT_MS - 1);
    expect(r.redact(line)).toBe(`${MASK} ${MASK} ${MASK}`);
    clock.advance(1);
    expect(r.redact(line)).toBe(`${token} ${Buffer.from(token).toString('base64')} ${MASK}`);
    expect(r.size).toBe(1);
    clock.advance(365 * 24 * HOUR);
    expect(r.redact(`secret: ${Buffer.from(SECRET).toString('base64url')}`)).toBe(`secret: ${MASK}`);
  });

  it('does not grow over weeks of tokens minted every 5 hours', () => {
    const clock = new FakeClock();
    const r = new Redactor(clock);
    r.add(SECRET);
    for (let i = 0; i < 4 * 7 * 24 / 5; i++) {
      r.add(`token-${i}-0123456789abcdef`, { expiresInMs: 6 * HOUR });
      r.redact('a log line');
      clock.advance(5 * HOUR);
    }
    expect(r.size).toBeLessThanOrEqual(3); // the secret and the tokens of the last 7 hours
  });

  it('a value registered again keeps the later expiry; registered without one, it is kept for good', () => {
    const clock = new FakeClock();
    const r = new Redactor(clock);
    r.add('token-again-0123456789', { expiresInMs: HOUR });
    clock.advance(HOUR);
    r.add('token-again-0123456789', { expiresInMs: HOUR });
    clock.advance(HOUR + EXPIRED_FORMS_KEPT_MS - 1);
    expect(r.redact('token-again-0123456789')).toBe(MASK);
    r.add('token-again-0123456789');
    clock.advance(100 * HOUR);
    expect(r.redact('token-again-0123456789')).toBe(MASK);
  });
});

describe('Redactor', () => {
  it(`refuses values under ${MIN_SENSITIVE_LENGTH} characters instead of garbling text with them`, () => {
    expect(() => new Redactor().add('a')).toThrow(RangeError);
    expect(() => new Redactor().add('1234567')).toThrow(RangeError);
    expect(() => new Redactor().add('12345678')).not.toThrow();
  });

  it('masks Bearer headers and token fields it was never told about', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${MASK}`);
    expect(r.redact('{"access_token":"xyz123"}')).toBe(`{"access_token":"${MASK}"}`);
  });
});

describe('the logger', () => {
  it('masks a registered value in the message and in fields, before and after serialisation', () => {
    const lines: string[] = [];
    const log = createLogFactory((_l, line) => lines.push(line))('auth');
    log.sensitive(SECRET);
    log.warn(`failed for ${SECRET}`, { body: `{"client_secret_echo":"${json(SECRET)}"}`, err: new Error(`echo ${encodeURIComponent(SECRET)}`), nested: { s: SECRET } });
    const text = lines.join('\n');
    for (const form of encodedForms(SECRET)) expect(text).not.toContain(form);
    expect(text).not.toContain('sEcr');
    expect(text.split(MASK).length - 1).toBeGreaterThanOrEqual(4);
  });
});
