import { describe, expect, it } from 'vitest';
import { clockText, countdownText, IT_LOG_NOTE, nextAttemptText, STATUS_CODES, statusView } from '../../../src/renderer/status-view';
import { TokenError, type TokenErrorCode } from '../../../src/main/auth/token-errors';
import { passesByItself, showsLastGoodPicture, STATUS_CAUSES, type StatusCause } from '../../../src/shared/status-codes';
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
    ['identity', /not set up correctly/, false],
    ['startup', /can’t be shown/, false],
    ['something-new', /unavailable for now/, true],
  ])('%s → %s; "No action needed" only when it heals by itself (%s)', (code, title, selfHealing) => {
    const v = statusView(`?code=${code}&detail=${encodeURIComponent('/etc/qiosk/config.json: tenant.host: must be https://')}`);
    expect(v.title).toMatch(title);
    expect(v.selfHealing).toBe(selfHealing);
    expect(v.action).toMatch(selfHealing ? /^No action needed\.$/ : /^Please tell IT: .+\.$/);
    for (const text of [v.title, v.body, v.action]) expect(text).not.toMatch(FOR_IT_ONLY);
  });

  // The IT notes (shown in the admin view's "Status detail", never on the status screen): fixed words per code,
  // never text from the URL (a page could have made it). Paths, user names and identity-map keys stay in the log.
  it('takes no free text from the URL: detail, messages, user names and unknown codes never reach the IT notes', () => {
    const canary = 'CANARY-7f3a';
    const detail = [`Qiosk configuration is invalid (2 problems):`, `  - /home/${canary}/.config/qiosk/config.json: tenant.host: must be https://`,
      `  - /etc/qiosk/policy.json: identity.users["${canary}"] is empty`, `OS user "${canary}" is not listed in identity.users`].join('\n');
    for (const code of [...STATUS_CODES, `${canary}-code`]) {
      const v = statusView(`?code=${encodeURIComponent(code)}&detail=${encodeURIComponent(detail)}&message=${canary}&user=${canary}&it=1&retryAt=1700000000000&since=1699999000000&demo=1`);
      expect(JSON.stringify(v), code).not.toContain(canary);
      expect(v.it.notes.join(' '), code).not.toMatch(/\/(home|etc|Users)\b|[A-Z]:\\/);
      expect(v.it.notes.at(-1)).toBe(IT_LOG_NOTE);
      expect([v.retryAt, v.since, v.demo]).toEqual([1700000000000, 1699999000000, true]);
    }
    expect(statusView(`?code=${canary}`).it.code).toBe('(unknown)');
    expect(statusView('?code=configuration').it).toEqual({ code: 'configuration', notes: [expect.stringMatching(/settings/), IT_LOG_NOTE] });
  });

  it('every code main shows has its own words for IT: what the problem is and what to check', () => {
    const notes = STATUS_CODES.map((code) => statusView(`?code=${code}`).it.notes[0]!);
    for (const n of notes) expect(n.length).toBeGreaterThan(20);
    expect(new Set(notes).size).toBe(STATUS_CODES.length);
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

  it('a passing cause that lasted too long says so in the IT notes too', () => {
    expect(statusView('?code=network&escalated=1').it.notes).toContain('This has lasted too long to be a passing outage.');
    expect(statusView('?code=secret_unavailable&escalated=1').it.notes).not.toContain('This has lasted too long to be a passing outage.');
  });

  it('no screen claims IT was notified: nothing notifies anyone from a screen', () => {
    for (const code of [...STATUS_CODES, 'something-new']) {
      for (const q of [`?code=${code}`, `?code=${code}&escalated=1`]) {
        const v = statusView(q);
        expect(`${v.title} ${v.body} ${v.action}`).not.toMatch(/notified|has been (told|informed|alerted)/i);
      }
    }
  });

  it('a next attempt as a time agrees with the body\'s countdown', () => {
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

// The one table (src/shared/status-codes.ts): per code, whether its cause passes by itself. It decides both the
// screen's "No action needed" and whether main shows the last good picture behind the status.
describe('status codes: which causes pass by themselves (words and last good picture)', () => {
  const EXPECTED: [string, StatusCause][] = [
    ['network', 'passes'], ['timeout', 'passes'], ['server_error', 'passes'], ['malformed_response', 'passes'], ['rate_limited', 'passes'],
    ['bad_credentials', 'it'], ['invalid_grant_or_scope', 'it'], ['origin_rejected', 'it'], ['unexpected_status', 'it'],
    ['unknown_user', 'it'], ['disabled_user', 'it'], ['secret_unavailable', 'it'], ['capped', 'it'],
    ['configuration', 'it'], ['machine_policy', 'it'], ['identity', 'it'], ['startup', 'it'],
  ];

  it('the table is exactly these codes, and the screen knows every one', () => {
    expect(Object.entries(STATUS_CAUSES)).toEqual(EXPECTED);
    expect(STATUS_CODES).toEqual(EXPECTED.map(([c]) => c));
  });

  it.each(EXPECTED)('%s: %s', (code, cause) => {
    const passes = cause === 'passes';
    expect(passesByItself(code)).toBe(passes);
    expect(statusView(`?code=${code}`).selfHealing).toBe(passes);
    expect(showsLastGoodPicture({ code })).toBe(passes); // the picture only under a cause that passes by itself
    // Lasted past its bound: IT's, no picture.
    expect(showsLastGoodPicture({ code, escalated: true })).toBe(false);
    expect(statusView(`?code=${code}&escalated=1`).selfHealing).toBe(false);
  });

  it('a code outside the table (main never shows one) gets no picture', () => {
    expect(showsLastGoodPicture({ code: 'something-new' })).toBe(false);
    expect(showsLastGoodPicture({ code: '__proto__' })).toBe(false);
  });
});
