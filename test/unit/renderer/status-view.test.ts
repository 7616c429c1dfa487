import { describe, expect, it } from 'vitest';
import { clockText, countdownText, nextAttemptText, STATUS_CODES, statusView } from '../../../src/renderer/status-view';
import { TokenError, type TokenErrorCode } from '../../../src/main/auth/token-errors';
import { FOR_IT_ONLY } from '../../support/staff-words';

// Every code main shows for a token or tenant failure (token-recovery.ts), with what recovery does about it.
const TOKEN_CODES: TokenErrorCode[] = ['bad_credentials', 'unknown_user', 'disabled_user', 'invalid_grant_or_scope', 'origin_rejected', 'rate_limited',
  'server_error', 'unexpected_status', 'network', 'timeout', 'malformed_response', 'secret_unavailable'];


describe('statusView: the staff vocabulary', () => {
  it.each([
    ['network', /Reconnecting/, true],
    ['timeout', /Reconnecting/, true],
    ['server_error', /Reconnecting/, true],
    ['rate_limited', /short pause/, true],
    ['capped', /can’t be shown/, false],
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
    expect(v.action).toMatch(selfHealing ? /^No action needed\.$/ : /^Please tell IT: .+\.$/);
    for (const text of [v.title, v.body, v.action]) expect(text).not.toMatch(FOR_IT_ONLY);
  });

  it('keeps every admin line for the IT view (bounded): headings as notes, problems numbered without the heading', () => {
    const detail = ['Qiosk configuration is invalid (149 problems):', ...Array.from({ length: 149 }, (_, i) => `  - problem ${i}`)].join('\n');
    const v = statusView(`?code=configuration&detail=${encodeURIComponent(detail)}&retryAt=1700000000000&since=1699999000000&demo=1`);
    expect(v.it.code).toBe('configuration');
    expect(v.it.notes).toEqual(['Qiosk configuration is invalid (149 problems):']);
    expect(v.it.problems).toHaveLength(99);
    expect(v.it.problems[0]).toBe('problem 0');
    expect([v.retryAt, v.since, v.demo]).toEqual([1700000000000, 1699999000000, true]);
  });

  // Only a cause that can still pass by itself changes when it lasts: IT causes already ask for IT.
  it.each(STATUS_CODES.map((code) => [code] as const))('%s, escalated (lasted past its bound): asks for IT, promises nothing', (code) => {
    const before = statusView(`?code=${code}`);
    const v = statusView(`?code=${code}&escalated=1`);
    expect(v.selfHealing).toBe(false);
    expect(v.action).toMatch(/^Please tell IT: .+\.$/);
    expect(`${v.title} ${v.body}`).not.toMatch(/by themselves|in a moment|Reconnecting/);
    if (!before.selfHealing) expect(v).toEqual(before);
  });

  // The claim is true: "No action needed" exactly for the causes recovery retries as transient (and escalates
  // to IT past the bound); a cause recovery treats as IT's (probed once a minute) asks for IT.
  it.each(TOKEN_CODES.map((code) => [code] as const))('%s: the screen\'s "No action needed" matches what recovery does', (code) => {
    expect(STATUS_CODES).toContain(code);
    expect(statusView(`?code=${code}`).selfHealing).toBe(new TokenError(code, '').transient);
  });

  it('no screen claims IT was notified: nothing notifies anyone from a screen', () => {
    for (const code of [...STATUS_CODES, 'something-new']) {
      for (const q of [`?code=${code}`, `?code=${code}&escalated=1`]) {
        const v = statusView(q);
        expect(`${v.title} ${v.body} ${v.action}`).not.toMatch(/notified|has been (told|informed|alerted)/i);
      }
    }
  });

  it('the IT view\'s next attempt agrees with the body\'s countdown', () => {
    expect(nextAttemptText(undefined)).toMatch(/keeps trying/);
    expect(countdownText(undefined, 0)).toMatch(/keeps trying/);
    expect(nextAttemptText(1_700_000_000_000)).toBe(new Date(1_700_000_000_000).toLocaleString());
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
