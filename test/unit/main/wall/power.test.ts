import { powerSaveBlocker } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDisplayKeeper, powerPlan } from '../../../../src/main/wall/power';

describe('powerPlan', () => {
  it.each([
    ['every screen showing', ['sales', 'ops'], true, [false, false]],
    ['one screen off, the other showing: keep awake, the off one black', ['sales', 'off'], true, [false, true]],
    ['every screen off: let the displays sleep, all black', ['off', 'off'], false, [true, true]],
    ['no screens', [], false, []],
  ] as const)('%s', (_name, showing, awake, black) => {
    const plan = powerPlan(showing);
    expect(plan.keepDisplaysAwake).toBe(awake);
    expect(plan.screens.map((s) => s.black)).toEqual(black);
  });
});

describe('createDisplayKeeper', () => {
  beforeEach(() => vi.clearAllMocks());

  it('holds one display-sleep blocker while content shows, releases it when all is off, and takes it again', () => {
    const keeper = createDisplayKeeper(powerSaveBlocker);
    keeper.apply({ keepDisplaysAwake: true });
    keeper.apply({ keepDisplaysAwake: true }); // idempotent
    expect(powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    const id = vi.mocked(powerSaveBlocker.start).mock.results[0]!.value as number;
    keeper.apply({ keepDisplaysAwake: false });
    expect(powerSaveBlocker.stop).toHaveBeenCalledWith(id);
    expect(powerSaveBlocker.isStarted(id)).toBe(false);
    keeper.apply({ keepDisplaysAwake: true });
    expect(powerSaveBlocker.start).toHaveBeenCalledTimes(2);
  });

  it('takes a new blocker if the old one was stopped behind its back', () => {
    const keeper = createDisplayKeeper(powerSaveBlocker);
    keeper.apply({ keepDisplaysAwake: true });
    powerSaveBlocker.stop(vi.mocked(powerSaveBlocker.start).mock.results[0]!.value as number);
    keeper.apply({ keepDisplaysAwake: true });
    expect(powerSaveBlocker.start).toHaveBeenCalledTimes(2);
  });
});
