import { describe, expect, it } from 'vitest';
import { isBlockedInput, KIOSK_SHORTCUTS, type KeyInput } from '../../../../src/main/security/kiosk-input';

type Mods = Partial<Pick<KeyInput, 'control' | 'meta' | 'shift' | 'alt' | 'code' | 'type'>>;
const press = (key: string, mods: Mods = {}): KeyInput => ({
  type: 'keyDown', key, control: false, meta: false, shift: false, alt: false, ...mods,
});

const KIOSK = { kiosk: true, packaged: true };
const KIOSK_DEV = { kiosk: true, packaged: false };
const WINDOWED_PACKAGED = { kiosk: false, packaged: true };
const DEV = { kiosk: false, packaged: false };

const ctrl = { control: true };
const cmd = { meta: true };

// [name, input, group]: every one is blocked in kiosk mode.
const BLOCKED: [string, KeyInput, string][] = [
  ['F5', press('F5'), 'reload'],
  ['Ctrl+F5', press('F5', ctrl), 'reload'],
  ['Shift+F5', press('F5', { shift: true }), 'reload'],
  ['Ctrl+R', press('r', ctrl), 'reload'],
  ['Cmd+R', press('r', cmd), 'reload'],
  ['Ctrl+Shift+R', press('R', { ...ctrl, shift: true }), 'reload'],
  ['Cmd+Shift+R', press('R', { ...cmd, shift: true }), 'reload'],
  ['F12', press('F12'), 'devtools'],
  ['Ctrl+Shift+I', press('I', { ...ctrl, shift: true }), 'devtools'],
  ['Ctrl+Shift+J', press('J', { ...ctrl, shift: true }), 'devtools'],
  ['Ctrl+Shift+C', press('C', { ...ctrl, shift: true }), 'devtools'],
  ['Cmd+Shift+I', press('I', { ...cmd, shift: true }), 'devtools'],
  ['Cmd+Alt+I', press('i', { ...cmd, alt: true }), 'devtools'],
  ['Cmd+Option+I as macOS reports it (key ˆ, code KeyI)', press('ˆ', { ...cmd, alt: true, code: 'KeyI' }), 'devtools'],
  ['Cmd+Option+J (key ∆, code KeyJ)', press('∆', { ...cmd, alt: true, code: 'KeyJ' }), 'devtools'],
  ['Ctrl+=', press('=', ctrl), 'zoom'],
  ['Ctrl++ (Shift+=)', press('+', { ...ctrl, shift: true }), 'zoom'],
  ['Ctrl+-', press('-', ctrl), 'zoom'],
  ['Ctrl+_ (Shift+-)', press('_', { ...ctrl, shift: true }), 'zoom'],
  ['Ctrl+0', press('0', ctrl), 'zoom'],
  ['Cmd+=', press('=', cmd), 'zoom'],
  ['Cmd+-', press('-', cmd), 'zoom'],
  ['Cmd+0', press('0', cmd), 'zoom'],
  ['Ctrl+P', press('p', ctrl), 'print'],
  ['Cmd+P', press('p', cmd), 'print'],
  ['Ctrl+F', press('f', ctrl), 'find'],
  ['Cmd+F', press('f', cmd), 'find'],
  ['Ctrl+G', press('g', ctrl), 'find'],
  ['F3', press('F3'), 'find'],
  ['Ctrl+U', press('u', ctrl), 'view-source'],
  ['Alt+Left', press('ArrowLeft', { alt: true }), 'history'],
  ['Alt+Right', press('ArrowRight', { alt: true }), 'history'],
  ['BrowserBack', press('BrowserBack'), 'history'],
  ['BrowserForward', press('BrowserForward'), 'history'],
  ['Ctrl+W', press('w', ctrl), 'close'],
  ['Ctrl+Q', press('q', ctrl), 'close'],
  ['Cmd+Q', press('q', cmd), 'close'],
  ['Cmd+W', press('w', cmd), 'close'],
  ['Alt+F4', press('F4', { alt: true }), 'close'],
  ['Ctrl+R as rawKeyDown', press('r', { ...ctrl, type: 'rawKeyDown' }), 'reload'],
];

// Ordinary typing and editing must keep working inside Qlik's search boxes and filters.
const ALLOWED: [string, KeyInput][] = [
  ['r', press('r')],
  ['R', press('R', { shift: true })],
  ['0', press('0')],
  ['-', press('-')],
  ['=', press('=')],
  ['Ctrl+C (copy)', press('c', ctrl)],
  ['Cmd+C (copy)', press('c', cmd)],
  ['Ctrl+V (paste)', press('v', ctrl)],
  ['Ctrl+A (select all)', press('a', ctrl)],
  ['Ctrl+Z (undo)', press('z', ctrl)],
  ['Ctrl+I without Shift (italic)', press('i', ctrl)],
  ['Cmd+I without Option', press('i', cmd)],
  ['Ctrl+Alt+I (not a DevTools chord)', press('i', { ...ctrl, alt: true })],
  ['Left (caret)', press('ArrowLeft')],
  ['Ctrl+Left (word)', press('ArrowLeft', ctrl)],
  ['F4 alone', press('F4')],
  ['Ctrl+F4', press('F4', ctrl)],
  ['Escape (closes Qlik popovers)', press('Escape')],
  ['Enter', press('Enter')],
  ['Tab', press('Tab')],
  ['F1', press('F1')],
  ['Ctrl+R on key up', press('r', { ...ctrl, type: 'keyUp' })],
  ['F5 on key up', press('F5', { type: 'keyUp' })],
  ['an unrelated code with Cmd+Option', press('x', { ...cmd, alt: true, code: 'KeyX' })],
];

describe('isBlockedInput in kiosk mode', () => {
  it.each(BLOCKED)('blocks %s', (_name, input) => {
    expect(isBlockedInput(input, KIOSK)).toBe(true);
    expect(isBlockedInput(input, KIOSK_DEV)).toBe(true); // kiosk mode wins over a developer run
  });

  it.each(ALLOWED)('lets %s through', (_name, input) => {
    expect(isBlockedInput(input, KIOSK)).toBe(false);
  });

  it('every group in the shortcut table is exercised by a case above', () => {
    const tested = new Set(BLOCKED.map(([, , group]) => group));
    expect([...new Set(KIOSK_SHORTCUTS.map((s) => s.group))].sort()).toEqual([...tested].sort());
  });
});

describe('isBlockedInput outside kiosk mode', () => {
  it.each(BLOCKED)('packaged: %s is blocked only if it opens DevTools', (_name, input, group) => {
    expect(isBlockedInput(input, WINDOWED_PACKAGED)).toBe(group === 'devtools');
  });

  it.each(BLOCKED)('unpackaged developer run: %s passes', (_name, input) => {
    expect(isBlockedInput(input, DEV)).toBe(false);
  });
});

describe('KIOSK_SHORTCUTS', () => {
  it('is frozen data with a label on every entry', () => {
    expect(Object.isFrozen(KIOSK_SHORTCUTS)).toBe(true);
    for (const s of KIOSK_SHORTCUTS) expect(s.label.length).toBeGreaterThan(0);
  });
});
