// The wall's owner with a recording host and a fake clock: two screens with different playlists on two
// displays; one unplugged and replugged while the other never stops; schedules turning a screen off and on.
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
    prepareSlide: record('prepare'), showSlide: record('slide'), discardSlide: record('discard'),
    power: (plan) => void calls.push(`${at()} power ${plan.keepDisplaysAwake ? 'awake' : 'may-sleep'}`),
  };
  const saved = new Map<string, number>();
  const positions: PositionStore = { get: (s, p) => saved.get(`${s}/${p}`), set: (s, p, i) => void saved.set(`${s}/${p}`, i) };
  const wall = createWall({
    screens: [{ id: 'a', display: { id: 1 }, source: { playlist: 'sales' } }, { id: 'b', display: { id: 2 }, source: { playlist: 'ops' } }],
    playlists: { sales: { dwellMs: [30 * S, 30 * S, 30 * S] }, ops: { dwellMs: [20 * S, 20 * S] } },
    prepareLeadMs: 10 * S, readyBoundMs: 5 * S, ...config,
  }, { clock, host, positions });
  return { clock, calls, wall, saved };
}

describe('createWall', () => {
  it('two screens with different playlists on two displays: a window each, each rotating its own slides', () => {
    const { clock, calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    expect(calls).toEqual(['0s open a', '0s playlist a sales 0', '0s open b', '0s playlist b ops 0', '0s power awake']);
    clock.advance(40 * S);
    expect(calls.filter((c) => c.includes(' slide '))).toEqual(['25s slide b 1', '35s slide a 1']); // shown after the ready bound
  });

  it('one display unplugged and replugged: only its window closes and reopens, the other never stops, and it resumes its playlist where it was', () => {
    const { clock, calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    clock.advance(40 * S); // a on slide 1, b on slide 1
    calls.length = 0;
    wall.displaysChanged([LEFT]);
    // Its half-prepared next slide is dropped with the window.
    expect(calls).toEqual(['40s discard b 0', '40s close b display id 2 is not connected (or switched off)', '40s power awake']);
    clock.advance(60 * S);
    expect(calls.filter((c) => c.includes(' b '))).toHaveLength(2); // nothing more for b while it is gone
    expect(calls.filter((c) => c.includes('slide a'))).toEqual(['70s slide a 2']); // a never stopped (its slides render nothing here: each shows at the 5 s bound)
    calls.length = 0;
    wall.displaysChanged([LEFT, RIGHT]);
    expect(calls).toEqual(['100s open b', '100s playlist b ops 1', '100s power awake']); // back on slide 1
  });

  it('a restart resumes each screen at the slide it last showed', () => {
    const first = setup();
    first.wall.start([LEFT, RIGHT]);
    first.clock.advance(40 * S);
    first.wall.stop();
    expect([...first.saved]).toEqual([['b/ops', 1], ['a/sales', 1]]);
  });

  it('a status screen pauses only its screen\'s rotation, which resumes where it was', () => {
    const { clock, calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    wall.pause('a');
    clock.advance(60 * S);
    expect(calls.filter((c) => c.includes('slide a'))).toEqual([]);
    wall.resume('a');
    clock.advance(35 * S);
    expect(calls.filter((c) => c.includes('slide a'))).toEqual(['95s slide a 1']);
  });

  it('a schedule turns its screen off (black, no embeds) and on again at the rule\'s minutes; the displays may sleep only when every screen is off', () => {
    const { clock, calls, wall } = setup({
      screens: [{
        id: 'a', display: 'primary',
        source: { schedule: { timeZone: 'Europe/Paris', rules: [{ days: ['thu'], from: '07:00', to: '09:05', show: 'sales' }, { days: ['thu'], from: '09:10', to: '18:00', show: 'sales' }], otherwise: 'off' } },
      }],
    });
    wall.start([LEFT]);
    clock.advance(5 * 60 * S);
    clock.advance(5 * 60 * S);
    expect(calls.filter((c) => /off|playlist|power/.test(c))).toEqual([
      '0s playlist a sales 0', '0s power awake',
      '300s off a', '300s power may-sleep',
      '600s playlist a sales 2', '600s power awake', // back where its rotation was when it went off
    ]);
    expect(wall.snapshot()).toEqual([{ id: 'a', open: true, showing: 'sales', slide: 2 }]);
  });

  it('every display gone: every window closes, nothing quits, and the displays may sleep', () => {
    const { calls, wall } = setup();
    wall.start([LEFT, RIGHT]);
    calls.length = 0;
    wall.displaysChanged([]);
    expect(calls).toEqual(['0s close a display id 1 is not connected (or switched off)', '0s close b display id 2 is not connected (or switched off)', '0s power may-sleep']);
  });
});
