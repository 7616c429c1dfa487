// Where a wall's screens are and what they show, with a recording host and a fake clock: two screens with
// different playlists on two displays; one unplugged and replugged while the other never stops; schedules turning
// a screen off and on; the slide each screen's page last showed kept for a restart.
import { describe, expect, it } from 'vitest';
import type { DisplayInfo } from '../../../../src/main/wall/displays';
import { createWall, type PositionStore, type ScreenHost, type WallConfig } from '../../../../src/main/wall/screens';
import { FakeClock } from '../../../support/fake-clock';

const S = 1000;
const LEFT: DisplayInfo = { id: 1, label: 'left', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true };
const RIGHT: DisplayInfo = { id: 2, label: 'right', bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, primary: false };

function setup(config: Partial<WallConfig> = {}) {
  const clock = new FakeClock(Date.parse('2026-12-03T09:00:00+01:00')); // a Thursday, Paris winter time
  const calls: string[] = [];
  const t0 = clock.now();
  const at = () => `${(clock.now() - t0) / S}s`;
  const record = (name: string) => (...a: unknown[]) => void calls.push(`${at()} ${name} ${a.filter((x) => typeof x !== 'object').join(' ')}`.trim());
  const host: ScreenHost = {
    open: record('open'), close: record('close'), refit: record('refit'), showPlaylist: record('playlist'), showOff: record('off'),
    power: (plan) => void calls.push(`${at()} power ${plan.keepDisplaysAwake ? 'awake' : 'may-sleep'}`),
  };
  const saved = new Map<string, number>();
  const positions: PositionStore = { get: (s, p) => saved.get(`${s}/${p}`), set: (s, p, i) => void saved.set(`${s}/${p}`, i) };
  const wall = createWall({
    screens: [{ id: 'a', display: { id: 1 }, source: { playlist: 'sales' } }, { id: 'b', display: { id: 2 }, source: { playlist: 'ops' } }],
    playlists: { sales: { slides: 3 }, ops: { slides: 2 } },
    ...config,
  }, { clock, host, positions });
  return { clock, calls, wall, saved };
}

describe('createWall', () => {
  it('two screens with different playlists on two displays: a window each, each on its own playlist', () => {
    const { calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    expect(calls).toEqual(['0s open a', '0s playlist a sales 0', '0s open b', '0s playlist b ops 0', '0s power awake']);
  });

  it('one display unplugged and replugged: only its window closes and reopens, and it resumes its playlist at the slide its page last showed', () => {
    const { calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    wall.slideShown('b', 'ops', 1);
    calls.length = 0;
    wall.displaysChanged([LEFT]);
    expect(calls).toEqual(['0s close b display id 2 is not connected (or switched off)', '0s power awake']);
    calls.length = 0;
    wall.displaysChanged([LEFT, RIGHT]);
    expect(calls).toEqual(['0s open b', '0s playlist b ops 1', '0s power awake']); // back on slide 1; a untouched
  });

  it('a display that moved or changed size refits its window without reloading it', () => {
    const { calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    calls.length = 0;
    wall.displaysChanged([LEFT, { ...RIGHT, bounds: { ...RIGHT.bounds, width: 3840, height: 2160 } }]);
    expect(calls).toEqual(['0s refit b', '0s power awake']);
  });

  it('a stored slide beyond a playlist that has since shrunk starts at its last slide', () => {
    const { calls, wall, saved } = setup();
    saved.set('a/sales', 7);
    wall.start([LEFT]);
    expect(calls).toContain('0s playlist a sales 2');
  });

  it('a schedule turns its screen off (black, no embeds) and on again at the rule\'s minutes; the displays may sleep only when every screen is off', () => {
    const { clock, calls, wall } = setup({
      screens: [{
        id: 'a', display: 'primary',
        source: { schedule: { timeZone: 'Europe/Paris', rules: [{ days: ['thu'], from: '07:00', to: '09:05', show: 'sales' }, { days: ['thu'], from: '09:10', to: '18:00', show: 'sales' }], otherwise: 'off' } },
      }],
    });
    wall.start([LEFT]);
    wall.slideShown('a', 'sales', 2);
    clock.advance(5 * 60 * S);
    clock.advance(5 * 60 * S);
    expect(calls.filter((c) => /off|playlist|power/.test(c))).toEqual([
      '0s playlist a sales 0', '0s power awake',
      '300s off a', '300s power may-sleep',
      '600s playlist a sales 2', '600s power awake', // back where its rotation was when it went off
    ]);
    expect(wall.snapshot()).toEqual([{ id: 'a', open: true, showing: 'sales', bounds: LEFT.bounds }]);
  });

  it('a wall clock that jumped (or a machine that slept) is caught by tick: the schedule is asked again at once', () => {
    const { clock, calls, wall } = setup({
      screens: [{ id: 'a', display: 'primary', source: { schedule: { timeZone: 'Europe/Paris', rules: [{ days: ['thu'], from: '07:00', to: '18:00', show: 'sales' }], otherwise: 'off' } } }],
    });
    wall.start([LEFT]);
    wall.tick();
    expect(calls.filter((c) => c.includes(' off '))).toEqual([]); // nothing changed: nothing reloaded
    clock.jump(10 * 3600 * S); // 19:00, without the timer at 18:00 having fired
    wall.tick();
    expect(calls.filter((c) => / off |power/.test(c))).toEqual(['0s power awake', '36000s off a', '36000s power may-sleep']);
  });

  it('every display gone: every window closes, nothing quits, and the displays may sleep', () => {
    const { calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    calls.length = 0;
    wall.displaysChanged([]);
    expect(calls).toEqual(['0s close a display id 1 is not connected (or switched off)', '0s close b display id 2 is not connected (or switched off)', '0s power may-sleep']);
  });
});
