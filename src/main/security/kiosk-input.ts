// Keyboard shortcuts a kiosk must swallow, as data. The application menu is removed (so its accelerators are
// gone), but Chromium still acts on some keys itself, and a page must not be able to reload, zoom, print or
// close the kiosk. OS-level keys (Ctrl+Alt+Del, Alt+Tab, the Windows key) are out of an app's reach: use the
// OS's kiosk mode for those. Alt+F4 usually reaches the window manager first; blocking it here is best effort.

export interface KeyInput {
  type: string;
  /** The DOM `key` value, e.g. 'r', 'R', 'F5', '+', 'ArrowLeft'. */
  key: string;
  /** The DOM `code` (physical key), when known; used where Option on macOS changes `key` (Cmd+Option+I → 'ˆ'). */
  code?: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

export interface InputContext {
  kiosk: boolean;
  packaged: boolean;
}

export type ShortcutGroup = 'reload' | 'devtools' | 'zoom' | 'print' | 'find' | 'view-source' | 'history' | 'close';

/**
 * `mod` is the required primary modifier: 'ctrlOrCmd' accepts Control or Command, 'none' accepts any state
 * (F5 with or without modifiers still reloads). `shift`/`alt`, when given, must match; when absent, either.
 */
export interface Shortcut {
  group: ShortcutGroup;
  keys: readonly string[];
  codes?: readonly string[];
  mod: 'ctrlOrCmd' | 'cmd' | 'alt' | 'none';
  shift?: boolean;
  alt?: boolean;
  label: string;
}

export const KIOSK_SHORTCUTS: readonly Shortcut[] = Object.freeze([
  { group: 'reload', keys: ['F5'], mod: 'none', label: 'F5' },
  { group: 'reload', keys: ['r'], mod: 'ctrlOrCmd', label: 'Ctrl/Cmd+R, Ctrl/Cmd+Shift+R' },
  { group: 'devtools', keys: ['F12'], mod: 'none', label: 'F12' },
  { group: 'devtools', keys: ['i', 'j', 'c'], mod: 'ctrlOrCmd', shift: true, label: 'Ctrl/Cmd+Shift+I/J/C' },
  { group: 'devtools', keys: ['i', 'j', 'c'], codes: ['KeyI', 'KeyJ', 'KeyC'], mod: 'cmd', alt: true, label: 'Cmd+Option+I/J/C' },
  // '+' and '_' are what '=' and '-' become with Shift held; the numpad keys report '+' and '-' too.
  { group: 'zoom', keys: ['=', '+', '-', '_', '0'], mod: 'ctrlOrCmd', label: 'Ctrl/Cmd + = + - 0' },
  { group: 'print', keys: ['p'], mod: 'ctrlOrCmd', label: 'Ctrl/Cmd+P' },
  { group: 'find', keys: ['f', 'g'], mod: 'ctrlOrCmd', label: 'Ctrl/Cmd+F, Ctrl/Cmd+G' },
  { group: 'find', keys: ['F3'], mod: 'none', label: 'F3' },
  { group: 'view-source', keys: ['u'], mod: 'ctrlOrCmd', label: 'Ctrl/Cmd+U' },
  { group: 'history', keys: ['ArrowLeft', 'ArrowRight'], mod: 'alt', label: 'Alt+Left/Right' },
  { group: 'history', keys: ['BrowserBack', 'BrowserForward'], mod: 'none', label: 'Browser Back/Forward keys' },
  { group: 'close', keys: ['w', 'q'], mod: 'ctrlOrCmd', label: 'Ctrl/Cmd+W, Ctrl/Cmd+Q' },
  { group: 'close', keys: ['F4'], mod: 'alt', label: 'Alt+F4' },
] satisfies Shortcut[]);

/** Outside kiosk mode a packaged build still hides DevTools; an unpackaged developer run blocks nothing. */
export function activeGroups(o: InputContext): ReadonlySet<ShortcutGroup> {
  if (o.kiosk) return new Set(KIOSK_SHORTCUTS.map((s) => s.group));
  return new Set(o.packaged ? ['devtools'] : []);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function primaryHeld(s: Shortcut, i: KeyInput): boolean {
  switch (s.mod) {
    case 'ctrlOrCmd':
      return i.control || i.meta;
    case 'cmd':
      return i.meta;
    case 'alt':
      return i.alt;
    case 'none':
      return true;
  }
}

export function matchesShortcut(s: Shortcut, i: KeyInput): boolean {
  const keyHit = s.keys.some((k) => same(k, i.key)) || (i.code !== undefined && (s.codes ?? []).includes(i.code));
  if (!keyHit || !primaryHeld(s, i)) return false;
  if (s.shift !== undefined && s.shift !== i.shift) return false;
  if (s.alt !== undefined && s.alt !== i.alt) return false;
  return true;
}

/** True when the key press must not reach the page or Chromium. Only key-down acts; key-up passes. */
export function isBlockedInput(input: KeyInput, o: InputContext): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const groups = activeGroups(o);
  if (groups.size === 0) return false;
  return KIOSK_SHORTCUTS.some((s) => groups.has(s.group) && matchesShortcut(s, input));
}
