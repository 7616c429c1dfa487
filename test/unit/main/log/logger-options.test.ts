import { describe, expect, it } from 'vitest';
import { createLogFactory, type Level, type LogOptions } from '../../../../src/main/log/logger';
import { Redactor } from '../../../../src/main/log/redact';
import { makeCanary } from '../../../support/canary';

function setup(options: LogOptions) {
  const lines: [Level, string][] = [];
  const redactor = new Redactor();
  const log = createLogFactory((level, line) => lines.push([level, line]), redactor, options)('auth');
  return { lines, log };
}

describe('the config\'s log section', () => {
  it.each<[LogOptions['level'], Level[]]>([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ])('level %s keeps %j', (level, kept) => {
    const { lines, log } = setup({ level, format: 'text' });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map(([l]) => l)).toEqual(kept);
  });

  it('json: one object per line with time, level, scope, message and fields, every secret masked', () => {
    const { lines, log } = setup({ level: 'info', format: 'json' });
    const secret = makeCanary();
    log.sensitive(secret);
    log.warn(`refused ${secret}`, { status: 401, detail: `"${secret}"`, nested: { again: secret } });
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]![1]) as Record<string, unknown>;
    expect(o).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: 'warn', scope: 'auth', message: 'refused [redacted]', fields: { status: 401, detail: '"[redacted]"', nested: { again: '[redacted]' } } });
    expect(lines[0]![1]).not.toContain(secret);
  });

  it('text keeps its shape', () => {
    const { lines, log } = setup({ level: 'info', format: 'text' });
    log.info('minted token', { expiresInSec: 21600 });
    expect(lines).toEqual([['info', '[auth] minted token {"expiresInSec":21600}']]);
  });
});
