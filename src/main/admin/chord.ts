// The admin escape's keyboard chord (config admin.chord, e.g. "Control+Alt+Shift+A"), for a kiosk with a
// keyboard. Pure: main's before-input-event adapter feeds it Electron's Input. At least two modifiers, so no
// shortcut a page or a person types by accident opens the PIN prompt; and like the gesture it only ever opens
// the prompt: without a configured PIN it does nothing.
import type { KeyInput } from '../security/kiosk-input';

export const DEFAULT_ADMIN_CHORD = 'Control+Alt+Shift+A';
export const CHORD_MODIFIERS = ['Control', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof CHORD_MODIFIERS)[number];

export interface Chord {
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** Upper-case letter, digit, or F1–F24. */
  key: string;
}

const KEY = /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4]))$/;
const FIX = 'write two or more of Control, Alt, Shift, Meta and one key (a letter, a digit or F1–F24), joined by "+", e.g. "Control+Alt+Shift+A"';

export type ChordParse = { ok: true; chord: Chord } | { ok: false; problem: string };

export function parseChord(text: string): ChordParse {
  const fail = (why: string): ChordParse => ({ ok: false, problem: `${why}; ${FIX}` });
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return fail('has an empty part');
  const mods = new Set<Modifier>();
  const keys: string[] = [];
  for (const part of parts) {
    const mod = CHORD_MODIFIERS.find((m) => m.toLowerCase() === part.toLowerCase());
    if (mod) {
      if (mods.has(mod)) return fail(`names ${mod} twice`);
      mods.add(mod);
    } else if (KEY.test(part.toUpperCase())) keys.push(part.toUpperCase());
    else return fail(`"${part}" is neither a modifier nor a key Qiosk can use`);
  }
  if (keys.length !== 1) return fail(keys.length === 0 ? 'has no key' : `has ${keys.length} keys (${keys.join(', ')})`);
  if (mods.size < 2) return fail('needs at least two modifiers, so that nobody presses it by accident');
  return { ok: true, chord: { control: mods.has('Control'), alt: mods.has('Alt'), shift: mods.has('Shift'), meta: mods.has('Meta'), key: keys[0]! } };
}

/** The physical key's DOM code, for when the modifiers change the character (Option on macOS, and Control+Alt
 * is AltGr on many Windows layouts: Control+Alt+Shift+A types "Ą" on a Polish keyboard). */
const codeOf = (key: string) => (/^[A-Z]$/.test(key) ? `Key${key}` : /^[0-9]$/.test(key) ? `Digit${key}` : key);
const PLAIN = /^([A-Za-z0-9]|F\d{1,2})$/;

/** Whether a key press is the chord: exactly its modifiers (no others), on key-down, not auto-repeat. */
export function matchesChord(chord: Chord, input: KeyInput & { isAutoRepeat?: boolean }): boolean {
  if ((input.type !== 'keyDown' && input.type !== 'rawKeyDown') || input.isAutoRepeat === true) return false;
  if (input.control !== chord.control || input.alt !== chord.alt || input.shift !== chord.shift || input.meta !== chord.meta) return false;
  if (input.key.toUpperCase() === chord.key) return true;
  return !PLAIN.test(input.key) && input.code === codeOf(chord.key);
}
