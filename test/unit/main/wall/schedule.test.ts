// Dayparting as tables on a fake clock: crossing midnight, DST both ways, overlapping rules (the first wins),
// `off` periods, and the moment the answer next changes.
import { describe, expect, it } from 'vitest';
import { minutesOf, OFF, scheduleAt, timeZoneProblem, type Schedule } from '../../../../src/main/wall/schedule';

const PARIS = 'Europe/Paris';
/** An instant given as Paris wall time with its UTC offset, e.g. at('2026-03-29T01:59', '+01:00'). */
const at = (local: string, offset: string) => Date.parse(`${local}:00${offset}`);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const office: Schedule = {
  timeZone: PARIS,
  rules: [
    { days: ['fri'], from: '16:00', to: '18:00', show: 'weekend-teaser' }, // an exception, listed first
    { days: [...WEEKDAYS], from: '07:00', to: '19:00', show: 'sales' },
    { days: ['fri'], from: '22:00', to: '06:00', show: 'night-shift' }, // crosses midnight
  ],
  otherwise: OFF,
};

describe('scheduleAt', () => {
  // 2026-12-04 is a Friday; Paris is UTC+1 in winter.
  it.each([
    ['a weekday morning inside the rule', '2026-12-03T09:30', 'sales'],
    ['the first minute of a rule (from is inclusive)', '2026-12-03T07:00', 'sales'],
    ['the last minute before a rule ends (to is exclusive)', '2026-12-03T18:59', 'sales'],
    ['the minute a rule ends', '2026-12-03T19:00', OFF],
    ['overlapping rules: the first listed wins', '2026-12-04T16:30', 'weekend-teaser'],
    ['overlap over: the next rule applies again', '2026-12-04T18:00', 'sales'],
    ['nothing matches: otherwise (off)', '2026-12-04T20:00', OFF],
    ['crossing midnight: the evening of its day', '2026-12-04T23:15', 'night-shift'],
    ['crossing midnight: the morning after belongs to Friday\'s rule', '2026-12-05T05:59', 'night-shift'],
    ['crossing midnight: ends at to', '2026-12-05T06:00', OFF],
    ['the morning after a day the rule does not list', '2026-12-04T03:00', OFF],
    ['the weekend', '2026-12-06T12:00', OFF],
  ])('%s → %s', (_name, local, show) => {
    expect(scheduleAt(office, at(local, '+01:00')).show).toBe(show);
  });

  it('says until when its answer holds: the next minute it changes', () => {
    expect(scheduleAt(office, at('2026-12-03T09:30', '+01:00')).until).toBe(at('2026-12-03T19:00', '+01:00'));
    expect(scheduleAt(office, at('2026-12-04T20:00', '+01:00')).until).toBe(at('2026-12-04T22:00', '+01:00'));
    // Friday evening off → the weekend off → Monday 07:00: the answer is the same until then.
    expect(scheduleAt(office, at('2026-12-05T06:00', '+01:00')).until).toBe(at('2026-12-07T07:00', '+01:00'));
  });

  it('a rule with from equal to to covers the whole day', () => {
    const allDay: Schedule = { timeZone: PARIS, rules: [{ days: ['sun'], from: '00:00', to: '00:00', show: 'sunday' }], otherwise: OFF };
    expect(scheduleAt(allDay, at('2026-12-06T00:00', '+01:00')).show).toBe('sunday');
    expect(scheduleAt(allDay, at('2026-12-06T23:59', '+01:00')).show).toBe('sunday');
    expect(scheduleAt(allDay, at('2026-12-07T00:00', '+01:00')).show).toBe(OFF);
  });

  describe('DST nights (Europe/Paris)', () => {
    // Spring forward: Sunday 2026-03-29, 02:00 CET becomes 03:00 CEST: 02:00–02:59 do not exist.
    const spring: Schedule = { timeZone: PARIS, rules: [{ days: ['sat'], from: '20:00', to: '02:30', show: 'late' }, { days: ['sun'], from: '02:30', to: '08:00', show: 'early' }], otherwise: OFF };
    it('spring forward: a time that does not exist ends and starts its rules at the first minute after the jump', () => {
      expect(scheduleAt(spring, at('2026-03-29T01:59', '+01:00')).show).toBe('late');
      const jump = at('2026-03-29T03:00', '+02:00'); // one real minute after 01:59 CET
      expect(jump - at('2026-03-29T01:59', '+01:00')).toBe(60_000);
      expect(scheduleAt(spring, jump).show).toBe('early');
      expect(scheduleAt(spring, at('2026-03-29T01:59', '+01:00')).until).toBe(jump);
    });

    // Fall back: Sunday 2026-10-25, 03:00 CEST becomes 02:00 CET: 02:00–02:59 happen twice.
    const autumn: Schedule = { timeZone: PARIS, rules: [{ days: ['sat'], from: '22:00', to: '02:30', show: 'late' }], otherwise: OFF };
    it('fall back: a time that happens twice applies both times', () => {
      expect(scheduleAt(autumn, at('2026-10-25T02:15', '+02:00')).show).toBe('late'); // first pass
      expect(scheduleAt(autumn, at('2026-10-25T02:30', '+02:00')).show).toBe(OFF);
      expect(scheduleAt(autumn, at('2026-10-25T02:15', '+01:00')).show).toBe('late'); // the repeated hour
      expect(scheduleAt(autumn, at('2026-10-25T02:30', '+01:00')).show).toBe(OFF);
      // An hour of real time between the two ends.
      expect(scheduleAt(autumn, at('2026-10-25T02:15', '+01:00')).until - at('2026-10-25T02:30', '+02:00')).toBe(3_600_000);
    });

    it('a rule in the middle of the day keeps its wall-clock times across the change', () => {
      const day: Schedule = { timeZone: PARIS, rules: [{ days: ['sun'], from: '09:00', to: '17:00', show: 'sales' }], otherwise: OFF };
      expect(scheduleAt(day, at('2026-03-29T09:00', '+02:00')).show).toBe('sales');
      expect(scheduleAt(day, at('2026-10-25T08:59', '+01:00')).show).toBe(OFF);
      expect(scheduleAt(day, at('2026-10-25T09:00', '+01:00')).show).toBe('sales');
    });
  });

  it('another zone reads the same instant as its own wall time', () => {
    const ny: Schedule = { ...office, timeZone: 'America/New_York' };
    // 09:30 in Paris is 03:30 in New York: before the rule there.
    expect(scheduleAt(ny, at('2026-12-03T09:30', '+01:00')).show).toBe(OFF);
    expect(scheduleAt(ny, at('2026-12-03T07:30', '-05:00')).show).toBe('sales');
  });

  it('a schedule that never changes is asked again after its horizon (8 days), not never', () => {
    const never: Schedule = { timeZone: PARIS, rules: [], otherwise: 'sales' };
    const now = at('2026-12-03T09:30', '+01:00');
    expect(scheduleAt(never, now)).toEqual({ show: 'sales', rule: undefined, until: now + 8 * 24 * 3_600_000 });
  });
});

describe('schedule inputs', () => {
  it.each([
    ['07:00', 420], ['00:00', 0], ['23:59', 1439], ['24:00', undefined], ['7:00', undefined], ['07:60', undefined],
  ])('minutesOf(%j) = %j', (hhmm, minutes) => {
    expect(minutesOf(hhmm)).toBe(minutes);
  });

  it('names a time zone that does not exist, and accepts a real one', () => {
    expect(timeZoneProblem('Europe/Paris')).toBeUndefined();
    expect(timeZoneProblem('Mars/Olympus')).toMatch(/not an IANA time zone.*Europe\/Paris/);
  });
});
