// Screens to displays, and the window actions when displays come and go, as tables.
import { describe, expect, it } from 'vitest';
import { placeScreens, reconcile, type DisplayInfo, type DisplaySelector, type Rect } from '../../../../src/main/wall/displays';

const rect = (x: number, y: number, width = 1920, height = 1080): Rect => ({ x, y, width, height });
const LEFT: DisplayInfo = { id: 11, label: 'DELL U2720Q', bounds: rect(0, 0), primary: true };
const RIGHT: DisplayInfo = { id: 22, label: 'LG TV', bounds: rect(1920, 0), primary: false };
const TWIN: DisplayInfo = { id: 33, label: 'dell u2720q', bounds: rect(3840, 0), primary: false };

describe('placeScreens', () => {
  it.each<[string, DisplaySelector, DisplayInfo[], number | undefined]>([
    ['primary', 'primary', [RIGHT, LEFT], 11],
    ['by id', { id: 22 }, [LEFT, RIGHT], 22],
    ['by label, ignoring case and spaces', { label: ' lg tv ' }, [LEFT, RIGHT], 22],
    ['by label with two alike: the leftmost', { label: 'DELL U2720Q' }, [TWIN, LEFT], 11],
    ['by position inside a display', { position: [2000, 500] }, [LEFT, RIGHT], 22],
    ['by position on no display', { position: [9000, 0] }, [LEFT, RIGHT], undefined],
    ['an id that is not connected', { id: 99 }, [LEFT, RIGHT], undefined],
    ['no displays at all', 'primary', [], undefined],
  ])('%s', (_name, display, displays, id) => {
    expect(placeScreens([{ id: 's', display }], displays)[0]!.display?.id).toBe(id);
  });

  it('a display serves one screen: the first that names it; the next says which screen has it', () => {
    const [a, b, c] = placeScreens([{ id: 'a', display: 'primary' }, { id: 'b', display: { id: 11 } }, { id: 'c', display: { label: 'DELL U2720Q' } }], [LEFT, TWIN]);
    expect(a!.display?.id).toBe(11);
    expect(b).toEqual({ screenId: 'b', display: undefined, reason: 'display id 11 already shows screen "a"' });
    expect(c!.display?.id).toBe(33); // the other display with that label is free
  });

  it('says why a screen has no display', () => {
    expect(placeScreens([{ id: 's', display: { label: 'Lobby TV' } }], [LEFT])[0]!.reason).toBe('the display labelled "Lobby TV" is not connected (or switched off)');
  });
});

describe('reconcile', () => {
  const screens = [{ id: 'left', display: { id: 11 } as DisplaySelector }, { id: 'right', display: { id: 22 } as DisplaySelector }];
  const windows = (entries: [string, Rect | undefined][]) => new Map(entries);

  it.each<[string, [string, Rect | undefined][], DisplayInfo[], ReturnType<typeof reconcile>]>([
    ['start: a window per connected display', [], [LEFT, RIGHT], [{ kind: 'open', screenId: 'left', bounds: LEFT.bounds }, { kind: 'open', screenId: 'right', bounds: RIGHT.bounds }]],
    ['nothing changed: nothing to do', [['left', LEFT.bounds], ['right', RIGHT.bounds]], [LEFT, RIGHT], []],
    ['one unplugged (or a TV switched off): only its window closes', [['left', LEFT.bounds], ['right', RIGHT.bounds]], [LEFT],
      [{ kind: 'close', screenId: 'right', reason: 'display id 22 is not connected (or switched off)' }]],
    ['plugged back in: its window opens again', [['left', LEFT.bounds], ['right', undefined]], [LEFT, RIGHT], [{ kind: 'open', screenId: 'right', bounds: RIGHT.bounds }]],
    ['a resolution or arrangement change: refit, not a new window', [['left', LEFT.bounds], ['right', RIGHT.bounds]], [LEFT, { ...RIGHT, bounds: rect(1920, 0, 3840, 2160) }],
      [{ kind: 'refit', screenId: 'right', bounds: rect(1920, 0, 3840, 2160) }]],
    ['every display gone: every window closes (the app stays)', [['left', LEFT.bounds], ['right', RIGHT.bounds]], [],
      [{ kind: 'close', screenId: 'left', reason: 'display id 11 is not connected (or switched off)' }, { kind: 'close', screenId: 'right', reason: 'display id 22 is not connected (or switched off)' }]],
  ])('%s', (_name, current, displays, actions) => {
    expect(reconcile(windows(current), placeScreens(screens, displays))).toEqual(actions);
  });

  it('"primary" follows the OS when the primary display changes', () => {
    const moved = reconcile(windows([['main', LEFT.bounds]]), placeScreens([{ id: 'main', display: 'primary' }], [{ ...LEFT, primary: false }, { ...RIGHT, primary: true }]));
    expect(moved).toEqual([{ kind: 'refit', screenId: 'main', bounds: RIGHT.bounds }]);
  });
});
