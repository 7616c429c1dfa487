import { describe, expect, it } from 'vitest';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { pageConsoleLog } from '../../../../src/main/log/page-console';
import { FakeClock } from '../../../support/fake-clock';

describe('a page\'s console in main\'s log', () => {
  it('keeps warnings and errors, one line each, cut to 500 characters; a flood costs two lines a minute', () => {
    const clock = new FakeClock();
    const log = createMemoryLog('page');
    const say = pageConsoleLog(log, clock);
    say('lobby', 'info', 'loaded');
    say('lobby', 'verbose', 'detail');
    say('lobby', 'warning', `embed\n failed ${'x'.repeat(900)}`);
    for (let i = 0; i < 1000; i++) say('lobby', 'error', 'socket closed');
    clock.advance(60_000);
    expect(log.lines).toHaveLength(3);
    expect(log.lines[0]).toMatch(/^warn \[page\] page warning \{"screen":"lobby","message":"embed failed x+"\}$/);
    expect((JSON.parse(log.lines[0]!.slice(log.lines[0]!.indexOf('{'))) as { message: string }).message).toHaveLength(500);
    expect(log.lines[1]).toMatch(/page error .*socket closed/);
    expect(log.lines[2]).toMatch(/999/);
  });
});
