import { describe, expect, it } from 'vitest';
import { createLogFactory } from '../../../../src/main/log/logger';
import { encodedForms, MASK, maskValue, MIN_SENSITIVE_LENGTH, Redactor } from '../../../../src/main/log/redact';

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
