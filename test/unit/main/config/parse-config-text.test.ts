import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../../src/main/config';
import { expectConfigError } from './helpers';

describe('parseConfigText', () => {
  it('parses valid JSON, tolerating a UTF-8 BOM', () => {
    expect(parseConfigText('\uFEFF{"a": [1, "x"]}', 'c.json')).toEqual({ a: [1, 'x'] });
  });

  it.each<[string, string, number, number, RegExp]>([
    ['trailing comma', '{\n  "a": 1,\n}', 2, 9, /remove this trailing comma before '}'/],
    ['trailing comma in list', '{"a": [1, 2,]}', 1, 12, /trailing comma before '\]'/],
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}' but found '"'; a comma may be missing/],
    ['unquoted key', '{ tenant: {} }', 1, 3, /expected a key in double quotes but found unquoted text/],
    ['single quotes', "{'a': 1}", 1, 2, /single quote \(JSON strings use double quotes\)/],
    ['unquoted value', '{"a":\n  hello}', 2, 3, /expected a value but found unquoted text; put text in double quotes/],
    ['unclosed object', '{"a": 1', 1, 8, /expected ',' or '}' but found the end of the file/],
    ['unclosed string', '{"a": "b', 1, 9, /string is not closed/],
    ['lone backslash (Windows template)', '{"template": "CORP\\{username}"}', 1, 19, /a backslash must be written \\\\/],
    ['raw line break in string', '{"a": "x\ny"}', 1, 9, /line break or control character is inside a string/],
    ['text after the object', '{"a": 1}}', 1, 9, /unexpected text after the end/],
  ])('%s → line/column', (_name, text, line, column, reason) => {
    const { lines } = expectConfigError(() => parseConfigText(text, '/etc/x.json'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^/etc/x\\.json: invalid JSON at line ${line}, column ${column}: `));
    expect(lines[0]).toMatch(reason);
  });

  it('never quotes file content in the error', () => {
    const secret = `CANARY-${randomUUID()}`;
    for (const text of [`{"clientSecret": ${secret}}`, `{"clientSecret": "${secret}" "x": 1}`, `{"k": "${secret}`]) {
      const { error } = expectConfigError(() => parseConfigText(text, 'c.json'));
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain(secret.slice(0, 10));
    }
  });

  it('names every duplicate key with both positions, and its path', () => {
    const text = '{\n  "tenant": { "host": "h", "clientId": "a",\n    "clientId": "b" },\n  "content": { "embeds": [ { "appId": "x", "appId": "y" } ] },\n  "tenant": {}\n}';
    const { lines } = expectConfigError(() => parseConfigText(text, 'c.json'));
    expect(lines).toEqual([
      'c.json: tenant.clientId: is given twice, at line 2, column 28 and at line 3, column 5; keep one (JSON would silently use the last)',
      'c.json: content.embeds[0].appId: is given twice, at line 4, column 30 and at line 4, column 44; keep one (JSON would silently use the last)',
      'c.json: tenant: is given twice, at line 2, column 3 and at line 5, column 3; keep one (JSON would silently use the last)',
    ]);
  });

  it('does not show a duplicate key that does not look like a setting name (it could be pasted text)', () => {
    const secret = `CANARY ${randomUUID()}`;
    const { lines } = expectConfigError(() => parseConfigText(`{"${secret}": 1, "${secret}": 2}`, 'c.json'));
    expect(lines).toEqual([`c.json: [a key of ${secret.length} characters]: is given twice, at line 1, column 2 and at line 1, column ${secret.length + 9}; keep one (JSON would silently use the last)`]);
  });

  it('refuses nesting no config needs with a clean config error, not a RangeError', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const { lines } = expectConfigError(() => parseConfigText(`{"a": ${deep}}`, 'c.json'));
    expect(lines).toEqual([expect.stringMatching(/^c\.json: invalid JSON at line 1, column 70: nested more than 64 levels deep; a Qiosk config needs fewer than 10/)]);
    expect(parseConfigText(`{"a": ${'['.repeat(63)}${']'.repeat(63)}}`, 'c.json')).toBeTruthy();
  });

  it.each<[string, Buffer, RegExp]>([
    ['UTF-16 LE with a BOM (Notepad "Unicode")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', 'utf16le')]), /^c\.json: is saved as UTF-16 \("Unicode"\); save it as UTF-8/],
    ['UTF-16 LE without a BOM', Buffer.from('{"a": 1}', 'utf16le'), /^c\.json: is saved as UTF-16/],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a": 1}', 'utf16le').swap16()]), /^c\.json: is saved as UTF-16/],
    ['Windows-1252 (é as one byte)', Buffer.from('{\n  "a": "caf\xe9"\n}', 'latin1'), /^c\.json: is not UTF-8 \(probably saved as Windows-1252 or Latin-1\); save it as UTF-8 \(first at line 2, column 12\)$/],
  ])('%s: says which encoding to save as, as the adapter decodes it', (_name, bytes, message) => {
    const { lines } = expectConfigError(() => parseConfigText(bytes.toString('utf8'), 'c.json'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it.each(['', '   \n', '\uFEFF'])('an empty file (%j) shows a minimal example', (text) => {
    const { error } = expectConfigError(() => parseConfigText(text, 'c.json'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([{ source: 'c.json', path: '', message: 'is empty' }]);
    expect(error.message).toContain('"tenant": { "host": "https://your-tenant.eu.qlikcloud.com"');
  });
});
