import { describe, expect, it } from 'vitest';
import { clockText, countdownText, statusView } from '../../../src/renderer/status-view';
import { FOR_IT_ONLY } from '../../support/staff-words';


describe('statusView: the staff vocabulary', () => {
  it.each([
    ['network', /Reconnecting/, true],
    ['timeout', /Reconnecting/, true],
    ['server_error', /Reconnecting/, true],
    ['rate_limited', /short pause/, true],
    ['bad_credentials', /can’t be shown/, false],
    ['secret_unavailable', /can’t be shown/, false],
    ['unknown_user', /can’t be shown/, false],
    ['disabled_user', /can’t be shown/, false],
    ['configuration', /not set up correctly/, false],
    ['something-new', /unavailable for now/, true],
  ])('%s → %s; "No action needed" only when it heals by itself (%s)', (code, title, selfHealing) => {
    const v = statusView(`?code=${code}&detail=${encodeURIComponent('/etc/qiosk/config.json: tenant.host: must be https://')}`);
    expect(v.title).toMatch(title);
    expect(v.selfHealing).toBe(selfHealing);
    expect(v.action).toMatch(selfHealing ? /^No action needed\.$/ : /^IT has been notified: .+\.$/);
    for (const text of [v.title, v.body, v.action]) expect(text).not.toMatch(FOR_IT_ONLY);
  });

  it('keeps every admin line for the IT view (bounded), and reads retryAt, since and demo', () => {
    const detail = Array.from({ length: 150 }, (_, i) => `problem ${i}`).join('\n');
    const v = statusView(`?code=configuration&detail=${encodeURIComponent(detail)}&retryAt=1700000000000&since=1699999000000&demo=1`);
    expect(v.it.code).toBe('configuration');
    expect(v.it.lines).toHaveLength(100);
    expect(v.it.lines[0]).toBe('problem 0');
    expect([v.retryAt, v.since, v.demo]).toEqual([1700000000000, 1699999000000, true]);
  });

  it.each(['', '?retryAt=abc', '?retryAt=-5'])('ignores a missing or bad retryAt (%s)', (q) => {
    expect(statusView(q).retryAt).toBeUndefined();
  });
});

describe('countdownText: the one countdown', () => {
  it.each([
    [undefined, 0, /keeps trying/],
    [10_000, 0, /^Trying again in 10 s\.$/],
    [65_000, 0, /^Trying again in 1 min 05 s\.$/],
    [1_000, 5_000, /now/],
  ])('retryAt %s at %i → %s', (retryAt, now, text) => {
    expect(countdownText(retryAt, now)).toMatch(text);
  });
});

it('clockText is HH:MM', () => {
  expect(clockText(new Date(2026, 11, 1, 7, 5).getTime())).toBe('07:05');
});
