// Which display each configured screen is on, and what the windows must do when displays come and go. Pure:
// the Electron binder hands in `screen.getAllDisplays()` (and the primary's id) on start and on every
// display-added/removed/metrics-changed event, and applies the actions. A TV that powers off looks like an
// unplugged display, so "closed, then opened again on the same screen" is the everyday case, not an error.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How the config names a screen's display (src/main/config/schema.ts validates it). */
export type DisplaySelector = 'primary' | { id: number } | { label: string } | { position: readonly [number, number] };

export interface DisplayInfo {
  id: number;
  label: string;
  bounds: Rect;
  primary: boolean;
}

export interface ScreenPlacement {
  screenId: string;
  /** The display it shows on, or undefined while none matches (its window stays closed). */
  display: DisplayInfo | undefined;
  /** Why it has none, for the log and the health status. */
  reason?: string;
}

const contains = (r: Rect, [x, y]: readonly [number, number]) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
/** Reading order: left to right, then top to bottom, so a tie always resolves the same way. */
const readingOrder = (a: DisplayInfo, b: DisplayInfo) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id;

/** The displays `sel` names, best first. */
function candidates(sel: DisplaySelector, displays: readonly DisplayInfo[]): DisplayInfo[] {
  const sorted = [...displays].sort(readingOrder);
  if (sel === 'primary') return sorted.filter((d) => d.primary);
  if ('id' in sel) return sorted.filter((d) => d.id === sel.id);
  if ('label' in sel) return sorted.filter((d) => d.label.trim().toLowerCase() === sel.label.trim().toLowerCase());
  return sorted.filter((d) => contains(d.bounds, sel.position));
}

export function describeSelector(sel: DisplaySelector): string {
  if (sel === 'primary') return 'the primary display';
  if ('id' in sel) return `display id ${sel.id}`;
  if ('label' in sel) return `the display labelled "${sel.label}"`;
  return `the display at ${sel.position[0]},${sel.position[1]}`;
}

/** Each screen's display, in config order: a display serves one screen (the first that names it). */
export function placeScreens(screens: readonly { id: string; display: DisplaySelector }[], displays: readonly DisplayInfo[]): ScreenPlacement[] {
  const taken = new Map<number, string>();
  return screens.map((s) => {
    const all = candidates(s.display, displays);
    const free = all.find((d) => !taken.has(d.id));
    if (free) {
      taken.set(free.id, s.id);
      return { screenId: s.id, display: free };
    }
    const reason = all.length === 0
      ? `${describeSelector(s.display)} is not connected (or switched off)`
      : `${describeSelector(s.display)} already shows screen "${taken.get(all[0]!.id)}"`;
    return { screenId: s.id, display: undefined, reason };
  });
}

export type WindowAction =
  | { kind: 'open'; screenId: string; bounds: Rect }
  | { kind: 'close'; screenId: string; reason: string }
  | { kind: 'refit'; screenId: string; bounds: Rect };

const sameRect = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * What the windows must do to match `next`, given the bounds each screen's window has now (undefined: no
 * window). A window is never recreated for a move: it is refitted (and fullscreen asserted again).
 */
export function reconcile(current: ReadonlyMap<string, Rect | undefined>, next: readonly ScreenPlacement[]): WindowAction[] {
  const actions: WindowAction[] = [];
  for (const p of next) {
    const had = current.get(p.screenId);
    if (!p.display) {
      if (had) actions.push({ kind: 'close', screenId: p.screenId, reason: p.reason ?? 'no display' });
    } else if (!had) {
      actions.push({ kind: 'open', screenId: p.screenId, bounds: p.display.bounds });
    } else if (!sameRect(had, p.display.bounds)) {
      actions.push({ kind: 'refit', screenId: p.screenId, bounds: p.display.bounds });
    }
  }
  return actions;
}
