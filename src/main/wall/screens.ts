// The one owner of a wall's screens: each screen's display, window, what it shows (a playlist, or off by its
// schedule) and where its rotation is. Displays come and go (displays.ts), schedules turn screens on and off
// (schedule.ts), playlists rotate (rotation.ts), displays are kept awake while anything shows (power.ts).
// Windows, pages and the OS are behind the ScreenHost port: the Electron entry binds it to BrowserWindows on
// displays, the harness to Chromium pages, the tests to a recording fake.
import type { Clock } from '../core/ports';
import { placeScreens, reconcile, type DisplayInfo, type DisplaySelector, type Rect } from './displays';
import { powerPlan, type PowerPlan } from './power';
import { createRotation } from './rotation';
import { OFF, scheduleAt, type Schedule, type Showing } from './schedule';

export interface WallScreen {
  id: string;
  display: DisplaySelector;
  /** A playlist by name, or a schedule choosing one (or off). */
  source: { playlist: string } | { schedule: Schedule };
}

export interface WallConfig {
  screens: readonly WallScreen[];
  /** Each playlist's slide dwell times (the slides themselves are the page's business). */
  playlists: Readonly<Record<string, { dwellMs: readonly number[] }>>;
  prepareLeadMs: number;
  readyBoundMs: number;
}

export interface ScreenHost {
  open(screenId: string, bounds: Rect): void;
  close(screenId: string, reason: string): void;
  refit(screenId: string, bounds: Rect): void;
  /** The screen's window shows `playlist` starting at `slide` (its page mounts that slide). */
  showPlaylist(screenId: string, playlist: string, slide: number): void;
  /** Black, every embed closed: no tenant session. */
  showOff(screenId: string): void;
  prepareSlide(screenId: string, slide: number): void;
  showSlide(screenId: string, slide: number): void;
  discardSlide(screenId: string, slide: number): void;
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
  rotation: ReturnType<typeof createRotation> | undefined;
  paused: boolean;
  cancelSchedule: (() => void) | undefined;
}

export function createWall(config: WallConfig, deps: { clock: Clock; host: ScreenHost; positions: PositionStore }) {
  const screens = new Map<string, ScreenState>(config.screens.map((spec) => [spec.id, { spec, bounds: undefined, showing: undefined, rotation: undefined, paused: false, cancelSchedule: undefined }]));

  const stopRotation = (s: ScreenState) => {
    s.rotation?.pause();
    s.rotation = undefined;
  };

  /** Puts what the screen should show into its window (only while it has one). */
  function present(s: ScreenState): void {
    stopRotation(s);
    if (!s.bounds || s.showing === undefined) return;
    const id = s.spec.id;
    if (s.showing === OFF) return deps.host.showOff(id);
    const playlist = s.showing;
    const dwellMs = config.playlists[playlist]?.dwellMs ?? [];
    const start = Math.min(deps.positions.get(id, playlist) ?? 0, Math.max(0, dwellMs.length - 1));
    deps.host.showPlaylist(id, playlist, start);
    s.rotation = createRotation({ dwellMs, prepareLeadMs: config.prepareLeadMs, readyBoundMs: config.readyBoundMs }, {
      clock: deps.clock,
      actions: {
        prepare: (i) => deps.host.prepareSlide(id, i),
        show: (i) => deps.host.showSlide(id, i),
        discard: (i) => deps.host.discardSlide(id, i),
        moved: (i) => deps.positions.set(id, playlist, i),
      },
    }, start);
    if (!s.paused) s.rotation.start();
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
          stopRotation(s);
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
    /** The screen's page reports a prepared slide rendered. */
    slideRendered(screenId: string, slide: number): void {
      screens.get(screenId)?.rotation?.rendered(slide);
    },
    /** A status screen covers the screen: its rotation waits where it is. */
    pause(screenId: string): void {
      const s = screens.get(screenId);
      if (!s) return;
      s.paused = true;
      s.rotation?.pause();
    },
    resume(screenId: string): void {
      const s = screens.get(screenId);
      if (!s) return;
      s.paused = false;
      s.rotation?.start();
    },
    /** For the health status and the admin view. */
    snapshot() {
      return [...screens.values()].map((s) => ({ id: s.spec.id, open: s.bounds !== undefined, showing: s.showing, slide: s.rotation?.current }));
    },
    stop(): void {
      for (const s of screens.values()) {
        s.cancelSchedule?.();
        stopRotation(s);
      }
    },
  };
}
