// Where a wall's screens are and what they show: each screen's display (displays come and go: displays.ts),
// what it shows (a playlist, or off by its schedule: schedule.ts) and from which slide (the position the page
// last reported, kept in the per-user state store), and whether displays are kept awake (power.ts). The page
// rotates its own slides (src/shared/rotation.ts). Windows are behind the ScreenHost port: start-core.ts binds
// it to its screens (each with a window the Electron entry or the harness opens), the tests to a recording fake.
import type { Clock } from '../core/ports';
import { placeScreens, reconcile, type DisplayInfo, type DisplaySelector, type Rect } from './displays';
import { powerPlan, type PowerPlan } from './power';
import { OFF, scheduleAt, type Schedule, type Showing } from './schedule';

export interface WallScreen {
  id: string;
  display: DisplaySelector;
  /** A playlist by name, or a schedule choosing one (or off). */
  source: { playlist: string } | { schedule: Schedule };
}

export interface WallConfig {
  screens: readonly WallScreen[];
  /** Each playlist's number of slides (the slides themselves are the page's business). */
  playlists: Readonly<Record<string, { slides: number }>>;
}

export interface ScreenHost {
  open(screenId: string, bounds: Rect): void;
  close(screenId: string, reason: string): void;
  refit(screenId: string, bounds: Rect): void;
  /** The screen's window shows `playlist` starting at `slide` (its page mounts that slide). */
  showPlaylist(screenId: string, playlist: string, slide: number): void;
  /** Black, every embed closed: no tenant session. */
  showOff(screenId: string): void;
  power(plan: PowerPlan): void;
}

/** Where each screen's rotation was, kept across restarts (the per-user state store in the app). */
export interface PositionStore {
  get(screenId: string, playlist: string): number | undefined;
  set(screenId: string, playlist: string, slide: number): void;
}

interface ScreenState {
  spec: WallScreen;
  bounds: Rect | undefined;
  showing: Showing | undefined;
  cancelSchedule: (() => void) | undefined;
}

export function createWall(config: WallConfig, deps: { clock: Clock; host: ScreenHost; positions: PositionStore }) {
  const screens = new Map<string, ScreenState>(config.screens.map((spec) => [spec.id, { spec, bounds: undefined, showing: undefined, cancelSchedule: undefined }]));

  /** Puts what the screen should show into its window (only while it has one). */
  function present(s: ScreenState): void {
    if (!s.bounds || s.showing === undefined) return;
    const id = s.spec.id;
    if (s.showing === OFF) return deps.host.showOff(id);
    const slides = config.playlists[s.showing]?.slides ?? 1;
    deps.host.showPlaylist(id, s.showing, Math.min(deps.positions.get(id, s.showing) ?? 0, Math.max(0, slides - 1)));
  }

  const replan = () => deps.host.power(powerPlan([...screens.values()].filter((s) => s.bounds).map((s) => s.showing ?? OFF)));

  /** Follows the screen's schedule: re-evaluated exactly when its answer changes. */
  function follow(s: ScreenState): void {
    s.cancelSchedule?.();
    const source = s.spec.source;
    if ('playlist' in source) {
      s.showing = source.playlist;
      return;
    }
    const state = scheduleAt(source.schedule, deps.clock.now());
    s.showing = state.show;
    s.cancelSchedule = deps.clock.setTimeout(() => {
      const before = s.showing;
      follow(s);
      if (s.showing !== before) {
        present(s);
        replan();
      }
    }, Math.max(1_000, state.until - deps.clock.now()));
  }

  return {
    /** Starts the schedules; windows open as displays are reported. */
    start(displays: readonly DisplayInfo[]): void {
      for (const s of screens.values()) follow(s);
      this.displaysChanged(displays);
    },
    /** Every display event (added, removed, metrics changed) with the displays as they are now. */
    displaysChanged(displays: readonly DisplayInfo[]): void {
      const placement = placeScreens(config.screens, displays);
      const current = new Map([...screens.values()].map((s) => [s.spec.id, s.bounds]));
      for (const a of reconcile(current, placement)) {
        const s = screens.get(a.screenId)!;
        if (a.kind === 'close') {
          s.bounds = undefined;
          deps.host.close(a.screenId, a.reason);
        } else if (a.kind === 'open') {
          s.bounds = a.bounds;
          deps.host.open(a.screenId, a.bounds);
          present(s);
        } else {
          s.bounds = a.bounds;
          deps.host.refit(a.screenId, a.bounds);
        }
      }
      replan();
    },
    /** Checks every schedule against the clock now: timers do not notice a wall-clock jump or a machine that
     * slept (the core calls this periodically and on resume). */
    tick(): void {
      for (const s of screens.values()) {
        if ('playlist' in s.spec.source) continue;
        const before = s.showing;
        if (scheduleAt(s.spec.source.schedule, deps.clock.now()).show === before) continue;
        follow(s);
        present(s);
        replan();
      }
    },
    /** The screen's page shows another slide: a restart or a replugged display resumes there. */
    slideShown(screenId: string, playlist: string, slide: number): void {
      deps.positions.set(screenId, playlist, slide);
    },
    /** For the health status and the admin view. */
    snapshot() {
      return [...screens.values()].map((s) => ({ id: s.spec.id, open: s.bounds !== undefined, showing: s.showing, bounds: s.bounds }));
    },
    stop(): void {
      for (const s of screens.values()) s.cancelSchedule?.();
    },
  };
}
