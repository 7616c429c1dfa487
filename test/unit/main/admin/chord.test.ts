// The admin chord: what config admin.chord accepts, and which key presses it matches (key-down only, exact
// modifiers, the physical key when the modifiers change the character).
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_CHORD, matchesChord, parseChord, type Chord } from '../../../../src/main/admin/chord';
import type { KeyInput } from '../../../../src/main/security/kiosk-input';

describe('parseChord', () => {
  it.each<[string, Chord]>([
    [DEFAULT_ADMIN_CHORD, { control: true, alt: true, shift: true, meta: false, key: 'A' }],
    ['control+alt+k', { control: true, alt: true, shift: false, meta: false, key: 'K' }],
    [' Meta + Shift + 9 ', { control: false, alt: false, shift: true, meta: true, key: '9' }],
    ['Alt+F12+Control', { control: true, alt: true, shift: false, meta: false, key: 'F12' }],
  ])('accepts %j', (text, chord) => {
    expect(parseChord(text)).toEqual({ ok: true, chord });
  });

  it.each<[string, RegExp]>([
    ['Control+A', /at least two modifiers/],
    ['A', /at least two modifiers/],
    ['Control+Alt', /has no key/],
    ['Control+Alt+A+B', /has 2 keys \(A, B\)/],
    ['Control+Control+A', /names Control twice/],
    ['Ctrl+Alt+A', /"Ctrl" is neither a modifier nor a key/],
    ['Control+Alt+Escape', /"Escape" is neither/],
    ['Control+Alt+F25', /"F25" is neither/],
    ['Control++A', /empty part/],
    ['', /empty part/],
  ])('refuses %j, saying how to write one', (text, why) => {
    const r = parseChord(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatch(why);
      expect(r.problem).toContain('e.g. "Control+Alt+Shift+A"');
    }
  });
});

describe('matchesChord', () => {
  const chord = (parseChord(DEFAULT_ADMIN_CHORD) as { chord: Chord }).chord;
  const all = { control: true, alt: true, shift: true, meta: false };
  const press = (key: string, over: Partial<KeyInput & { isAutoRepeat: boolean }> = {}) => ({ type: 'keyDown', key, ...all, ...over });

  it.each<[string, KeyInput & { isAutoRepeat?: boolean }, boolean]>([
    ['the chord (Shift makes the key upper case)', press('A'), true],
    ['the chord with a lower-case key', press('a'), true],
    ['raw key-down', press('A', { type: 'rawKeyDown' }), true],
    ['key-up', press('A', { type: 'keyUp' }), false],
    ['a held key repeating', press('A', { isAutoRepeat: true }), false],
    ['a modifier missing', press('A', { shift: false }), false],
    ['an extra modifier', press('A', { meta: true }), false],
    ['another key', press('B'), false],
    ['AltGr changed the character: the physical key counts', press('Ą', { code: 'KeyA' }), true],
    ['another physical key with a changed character', press('Ś', { code: 'KeyS' }), false],
    ['a plain character from another physical key (AZERTY)', press('Q', { code: 'KeyA' }), false],
  ])('%s → %s', (_name, input, hit) => {
    expect(matchesChord(chord, input)).toBe(hit);
  });

  it('matches a digit and an F-key chord', () => {
    const digit = (parseChord('Control+Alt+7') as { chord: Chord }).chord;
    expect(matchesChord(digit, { type: 'keyDown', key: '7', control: true, alt: true, shift: false, meta: false })).toBe(true);
    const f = (parseChord('Control+Shift+F9') as { chord: Chord }).chord;
    expect(matchesChord(f, { type: 'keyDown', key: 'F9', control: true, alt: false, shift: true, meta: false })).toBe(true);
  });
});
