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

  it.each(['', '   \n', '\uFEFF'])('an empty file (%j) shows a minimal example', (text) => {
    const { error } = expectConfigError(() => parseConfigText(text, 'c.json'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([{ source: 'c.json', path: '', message: 'is empty' }]);
    expect(error.message).toContain('"tenant": { "host": "https://your-tenant.eu.qlikcloud.com"');
  });
});
