// The config's admin section: the PIN hash (only from the machine policy), the chord and how long kiosk mode may
// be left, each problem named with its source and path, and its fix.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_CHORD } from '../../../../src/main/admin/chord';
import { hashPin } from '../../../../src/main/admin/pin';
import { loadConfig, resolveConfig } from '../../../../src/main/config';
import { expectConfigError, SOURCE, trustedPolicy, validRaw } from './helpers';

const HASH = await hashPin('493817', { N: 2 ** 10, r: 8, p: 1 });
const POLICY = '/etc/qiosk/policy.json';
/** As the machine policy's enforced section: the one layer a PIN hash may come from. */
const fromPolicy = (admin: unknown) => resolveConfig([{ name: 'policy', source: POLICY, data: { ...validRaw(), admin } }]);
const fromUser = (admin: unknown) => resolveConfig([{ name: 'user', source: SOURCE, data: { ...validRaw(), admin } }]);

describe('admin settings', () => {
  it.each<[string, unknown, Record<string, unknown>]>([
    ['none: no PIN (no escape), the default chord, 15 minutes', undefined, { chord: DEFAULT_ADMIN_CHORD, leaveMinutes: 15 }],
    ['a PIN hash from the policy', { pinHash: HASH }, { pinHash: HASH, chord: DEFAULT_ADMIN_CHORD, leaveMinutes: 15 }],
    ['another chord and leave time', { chord: 'Control+Meta+F9', leaveMinutes: 240 }, { chord: 'Control+Meta+F9', leaveMinutes: 240 }],
  ])('accepts %s', (_, admin, expected) => {
    expect(fromPolicy(admin).admin).toEqual(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['the PIN itself instead of its hash', { pinHash: '493817' }, /admin\.pinHash: is not a PIN hash made by Qiosk; make one with npm run admin -- pin set \(it reads the PIN from standard input/],
    ['a chord with one modifier', { chord: 'Control+A' }, /admin\.chord: needs at least two modifiers, so that nobody presses it by accident; write two or more of Control, Alt, Shift, Meta/],
    ['a chord without a key', { chord: 'Control+Alt' }, /admin\.chord: has no key/],
    ['no minutes', { leaveMinutes: 0 }, /admin\.leaveMinutes: must be at least 1 minute/],
    ['more than 4 hours', { leaveMinutes: 241 }, /admin\.leaveMinutes: must be at most 240 minutes \(4 hours\): kiosk mode always comes back by itself/],
    ['part of a minute', { leaveMinutes: 1.5 }, /admin\.leaveMinutes: must be whole minutes/],
    ['a typo', { pinhash: HASH }, /admin\.pinhash: is not a known setting in admin; remove it or rename it to "pinHash" \(allowed: pinHash, chord, leaveMinutes\)/],
  ])('refuses %s, saying how to fix it', (_, admin, pattern) => {
    const { lines } = expectConfigError(() => fromPolicy(admin));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`${POLICY}: `)).toBe(true);
    expect(lines[0]).toMatch(pattern);
  });

});

describe('the PIN hash comes only from the machine policy', () => {
  const MESSAGE = /admin\.pinHash: is taken only from the machine policy, which only administrators can change \(whoever can change this file could choose the PIN\)\. Remove it from this file and put it in the policy, under "enforced": \{ "admin": \{ "pinHash": "…" \} \}/;

  it.each<[string, unknown]>([
    ['a valid hash', { pinHash: HASH }],
    ['anything under that name (it is not validated a second time)', { pinHash: 'x' }],
  ])('in the user\'s own file, %s is refused, once', (_, admin) => {
    const { lines } = expectConfigError(() => fromUser(admin));
    expect(lines).toEqual([expect.stringMatching(MESSAGE)]);
    expect(lines[0]!.startsWith(`${SOURCE}: `)).toBe(true);
  });

  it('the rest of the user\'s admin section still applies', () => {
    expect(fromUser({ chord: 'Control+Alt+K' }).admin).toEqual({ chord: 'Control+Alt+K', leaveMinutes: 15 });
  });

  it('with a machine policy too: refused in the user file, taken from the policy', async () => {
    const files: Record<string, unknown> = { [POLICY]: { enforced: { ...validRaw(), admin: { pinHash: HASH } } } };
    const load = (user: unknown) => loadConfig({
      argv: ['qiosk'], platform: 'linux', env: {}, homedir: '/home/kiosk', policy: trustedPolicy(files),
      readFile: (p) => (p === SOURCE ? JSON.stringify(user) : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))),
    });
    expect((await load({ kiosk: { enabled: true } })).config.admin.pinHash).toBe(HASH);
    await expect(load({ admin: { pinHash: HASH } })).rejects.toThrow(MESSAGE);
  });
});
