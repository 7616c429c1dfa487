// Display power for a wall: while any screen should show content, the displays must not sleep; during a
// scheduled `off` on every screen the hold is released (the OS may blank and power down the displays), each
// off screen shows black and its embeds are closed (no tenant session at night). The decision is data; the
// Electron adapter below only holds or releases one powerSaveBlocker.
import type { PowerSaveBlocker } from 'electron';
import { OFF, type Showing } from './schedule';

export interface ScreenPower {
  /** Black, no embeds, no engine sessions. */
  black: boolean;
}

export interface PowerPlan {
  keepDisplaysAwake: boolean;
  screens: ScreenPower[];
}

export function powerPlan(showing: readonly Showing[]): PowerPlan {
  const screens = showing.map((s) => ({ black: s === OFF }));
  return { keepDisplaysAwake: screens.some((s) => !s.black), screens };
}

/** Holds 'prevent-display-sleep' exactly while the plan asks for it; idempotent. */
export function createDisplayKeeper(blocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>) {
  let id: number | undefined;
  return {
    apply(plan: Pick<PowerPlan, 'keepDisplaysAwake'>): void {
      if (plan.keepDisplaysAwake && (id === undefined || !blocker.isStarted(id))) id = blocker.start('prevent-display-sleep');
      else if (!plan.keepDisplaysAwake && id !== undefined) {
        if (blocker.isStarted(id)) blocker.stop(id);
        id = undefined;
      }
    },
  };
}
