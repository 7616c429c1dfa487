// The admin page's words, from main's answers: the PIN keypad, the unlock answer and its lockout countdown, the
// diagnostics (never a token: main sends none), the status detail and the leave state.
import { describe, expect, it } from 'vitest';
import {
  diagnosticsFacts, durationText, healLines, inText, leaveChoices, leaveText, MAX_HEALS_SHOWN, pinAfterKey, PIN_MAX, reloadText, screenLine, statusFacts, unlockText,
} from '../../../src/renderer/admin-view';
import { clockText, statusView } from '../../../src/renderer/status-view';
import type { Diagnostics } from '../../../src/shared/ipc-contract';

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const MIN = 60_000;
const DIAG: Diagnostics = {
  version: '0.1.0', leaveMinutesMax: 240, configSources: ['/etc/qiosk/policy.json', '/home/kiosk/.config/qiosk/config.json'], identity: 'kiosk@corp.example',
  token: { state: 'valid', expiresAt: NOW + 38 * MIN }, displays: ['DELL U2720Q (primary)'], screens: [], heals: [], logFile: '/var/log/qiosk/main.log',
};

describe('the PIN keypad', () => {
  it.each<[string, string, string]>([
    ['', '4', '4'],
    ['49381', '7', '493817'],
    ['9'.repeat(PIN_MAX), '1', '9'.repeat(PIN_MAX)],
    ['4938', 'Backspace', '493'],
    ['', 'Backspace', ''],
    ['4938', 'Clear', ''],
    ['4938', 'Escape', ''],
    ['4938', 'a', '4938'],
    ['4938', 'Enter', '4938'],
  ])('%j + %s → %j', (pin, key, after) => {
    expect(pinAfterKey(pin, key)).toBe(after);
  });
});

describe('after an unlock', () => {
  it.each<[string, Parameters<typeof unlockText>[0], string]>([
    ['unlocked', { ok: true }, ''],
    ['a wrong PIN', { ok: false }, 'Wrong PIN. Try again.'],
    ['locked out for 30 s', { ok: false, retryAt: NOW + 30_000 }, 'Too many wrong PINs. Try again in 30 s.'],
    ['locked out for 2 min', { ok: false, retryAt: NOW + 125_000 }, 'Too many wrong PINs. Try again in 2 min 05 s.'],
    ['a lockout that has passed', { ok: false, retryAt: NOW - 1 }, 'Wrong PIN. Try again.'],
  ])('%s: %j', (_name, result, text) => {
    expect(unlockText(result, NOW)).toBe(text);
  });

  it.each<[number, string]>([[0, 'in 0 s'], [1, 'in 1 s'], [59_001, 'in 1 min 00 s'], [61_000, 'in 1 min 01 s'], [38 * MIN, 'in 38 min']])('%i ms ahead is "%s"', (ms, text) => {
    expect(inText(NOW + ms, NOW)).toBe(text);
  });
});

describe('the admin view', () => {
  it('lists the diagnostics in plain labels: the token by its state and expiry only', () => {
    expect(diagnosticsFacts(DIAG, NOW)).toEqual([
      ['Qiosk version', '0.1.0'],
      ['Settings from', '/etc/qiosk/policy.json\n/home/kiosk/.config/qiosk/config.json'],
      ['Qlik user', 'kiosk@corp.example'],
      ['Sign-in token', `valid, expires at ${clockText(NOW + 38 * MIN)} (in 38 min)`],
      ['Displays', 'DELL U2720Q (primary)'],
      ['Kiosk mode', 'On: the screens show the dashboards, full screen.'],
      ['Log file', '/var/log/qiosk/main.log'],
    ]);
  });

  it.each<[string, Partial<Diagnostics>, string, string]>([
    ['no token yet', { token: { state: 'none yet' } }, 'Sign-in token', 'none yet'],
    ['an expired token', { token: { state: 'expired', expiresAt: NOW - MIN } }, 'Sign-in token', `expired, expired at ${clockText(NOW - MIN)}`],
    ['no displays', { displays: [] }, 'Displays', 'none found'],
    ['kiosk mode left', { kioskLeftUntil: NOW + 15 * MIN }, 'Kiosk mode', `Off until ${clockText(NOW + 15 * MIN)} (in 15 min). It comes back by itself.`],
  ])('%s', (_name, over, label, value) => {
    expect(Object.fromEntries(diagnosticsFacts({ ...DIAG, ...over }, NOW))[label]).toBe(value);
  });

  it.each<[Diagnostics['screens'][number], string]>([
    [{ id: 'lobby', open: true, showing: 'sales', slide: 2, display: 'DELL U2720Q', state: 'content' }, 'lobby: shows sales, slide 3, on DELL U2720Q (content)'],
    [{ id: 'lobby', open: true }, 'lobby: open'],
    [{ id: 'hall', open: false, display: 'LG 27UL500' }, 'hall: not open (display LG 27UL500)'],
    [{ id: 'hall', open: false }, 'hall: not open'],
  ])('screen %j: "%s"', (screen, line) => {
    expect(screenLine(screen)).toBe(line);
  });

  it('lists recent self-repairs newest first, at most 20', () => {
    const heals = Array.from({ length: 25 }, (_, i) => ({ at: NOW - (25 - i) * MIN, screen: 'lobby', cause: `cause ${i}`, rung: 'new window' }));
    const lines = healLines({ ...DIAG, heals });
    expect(lines).toHaveLength(MAX_HEALS_SHOWN);
    expect(lines[0]).toBe(`${clockText(NOW - MIN)} lobby: cause 24 → new window`);
  });

  it('shows the current status screen\'s IT detail, or says there is none', () => {
    expect(statusFacts(DIAG)).toBeUndefined();
    expect(statusFacts({ ...DIAG, status: { code: 'network', message: 'DNS lookup failed for acme.eu.qlikcloud.com', screen: 'lobby' } })).toEqual([
      ['Screen', 'lobby'], ['Code', 'network'], ['Detail', 'DNS lookup failed for acme.eu.qlikcloud.com'],
      ['Next attempt', 'Qiosk keeps trying (no fixed time)'], ['What to check', statusView('?code=network').it.notes[0]],
    ]);
    expect(statusFacts({ ...DIAG, status: { code: 'network', message: 'm', screen: 'lobby', retryAt: NOW } })![3]).toEqual(['Next attempt', new Date(NOW).toLocaleString()]);
    expect(statusFacts({ ...DIAG, status: { code: 'made-up', message: 'x', screen: 'lobby' } })![4]![1]).toMatch(/while the dashboards are unavailable/);
  });

  it.each<[number | undefined, RegExp]>([[undefined, /^On:/], [NOW, /^On:/], [NOW + 5 * MIN, /^Off until .* \(in 5 min 00 s\)\. It comes back by itself\.$/]])('kiosk mode left until %s: %s', (until, text) => {
    expect(leaveText(until, NOW)).toMatch(text);
  });

  it.each<[number, number[]]>([[240, [5, 15, 30, 60, 120, 240]], [15, [5, 15]], [45, [5, 15, 30, 45]], [1, [1]]])('a policy maximum of %i minutes offers %j', (max, choices) => {
    expect(leaveChoices(max)).toEqual(choices);
  });

  it.each<[number, string]>([[1, '1 minute'], [5, '5 minutes'], [60, '1 hour'], [240, '4 hours'], [90, '90 minutes']])('%i minutes read "%s"', (m, text) => {
    expect(durationText(m)).toBe(text);
  });

  it('says whether a screen reloaded', () => {
    expect([reloadText(true), reloadText(false)]).toEqual(['Reloaded.', 'Not reloaded: this screen is not open.']);
  });
});
