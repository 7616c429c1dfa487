import { describe, expect, it } from 'vitest';
import { expectConfigError, resolveOne, SOURCE, validRaw } from './helpers';

const sheet = (sheetId: string) => ({ ui: 'analytics/sheet', appId: 'app-1', sheetId });
const SALES = { slides: [{ embeds: [sheet('s-1'), sheet('s-2')], dwellSeconds: 30 }, { embeds: [sheet('s-3')], dwellSeconds: 60 }] };
const NIGHT = { slides: [{ embeds: [{ ui: 'ai/assistant', assistantId: 'as-1' }] }] };
const LOBBY = {
  timeZone: 'Europe/Paris',
  rules: [
    { days: ['sat', 'sun'], from: '00:00', to: '00:00', show: 'off' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '19:00', show: 'sales' },
  ],
  otherwise: 'night',
};

/** A valid wall: two screens, two playlists, one schedule. Tests override one part at a time. */
function wallRaw(over: Record<string, unknown> = {}): Record<string, unknown> {
  const { content: _content, ...rest } = validRaw();
  return {
    ...rest,
    screens: [
      { id: 'lobby-left', display: 'primary', playlist: 'sales' },
      { id: 'lobby-right', display: { label: 'DELL U2720Q' }, kiosk: false, zoom: 1.5, schedule: 'lobby' },
    ],
    playlists: { sales: SALES, night: NIGHT },
    schedules: { lobby: LOBBY },
    ...over,
  };
}
const screen = (s: Record<string, unknown>) => wallRaw({ screens: [{ id: 'a', display: 'primary', playlist: 'sales', ...s }] });
const rule = (r: Record<string, unknown>) => wallRaw({ schedules: { lobby: { rules: [{ days: ['mon'], from: '07:00', to: '19:00', show: 'sales', ...r }], otherwise: 'off' } } });
const paths = (fn: () => unknown) => expectConfigError(fn).error.problems.map((p) => p.path);

describe('a wall', () => {
  it('resolves screens with their defaults, playlists, and schedules as src/main/wall/schedule.ts takes them', () => {
    const config = resolveOne(wallRaw());
    expect(config.screens).toEqual([
      { id: 'lobby-left', display: 'primary', kiosk: true, zoom: 1, hideCursor: true, playlist: 'sales' },
      { id: 'lobby-right', display: { label: 'DELL U2720Q' }, kiosk: false, zoom: 1.5, hideCursor: false, schedule: 'lobby' },
    ]);
    expect(config.playlists).toEqual({ sales: SALES, night: NIGHT });
    expect(config.schedules).toEqual({ lobby: LOBBY });
  });

  it('content keeps only what applies to every screen (defaults, idle reset): its embeds are playlist "main"', () => {
    const config = resolveOne(wallRaw({ content: { defaults: { theme: 'breeze' }, idleResetSeconds: 60 } }));
    expect(config.content).toEqual({ defaults: { theme: 'breeze' }, idleResetSeconds: 60 });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a display by id', screen({ display: { id: 2528732444 } })],
    ['a display by position', screen({ display: { position: [-1920, 0] } })],
    ['one slide without a dwell time (it does not rotate)', wallRaw({ playlists: { sales: NIGHT, night: NIGHT } })],
    ['a range crossing midnight (22:00–06:00 belongs to the day it starts)', rule({ days: ['fri'], from: '22:00', to: '06:00' })],
    ['a range ending at midnight', rule({ from: '18:00', to: '00:00' })],
    ['a range of the whole day (from equal to to)', rule({ from: '00:00', to: '00:00' })],
    ['no time zone (the system\'s)', wallRaw({ schedules: { lobby: { rules: [], otherwise: 'sales' } } })],
    ['a schedule showing "off" outside its rules', rule({})],
  ])('accepts %s', (_, raw) => {
    expect(() => resolveOne(raw)).not.toThrow();
  });
});

describe('today\'s content.embeds', () => {
  it.each([
    [true, true],
    [false, false],
  ])('with kiosk.enabled %s is one screen "main" on the primary display showing playlist "main" of one slide', (enabled, kiosk) => {
    const raw = { ...validRaw(), kiosk: { enabled } };
    const config = resolveOne(raw);
    const embeds = [sheet('sheet-1')];
    expect(config.screens).toEqual([{ id: 'main', display: 'primary', kiosk, zoom: 1, hideCursor: kiosk, playlist: 'main' }]);
    expect(config.playlists).toEqual({ main: { slides: [{ embeds }] } });
    expect(config.schedules).toEqual({});
    expect(config.content).toEqual({});
  });
});

describe('wall problems (one each, named with source and path)', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a screen id with capitals', screen({ id: 'Lobby' }), /screens\[0\]\.id: must be lower-case letters, digits and "-" only, e.g. "lobby-left"/],
    ['a display that is none of the forms', screen({ display: 'left' }), /screens\[0\]\.display: does not match any allowed form; use "primary", \{ "id": <display id> \}/],
    ['a display position that is not two numbers', screen({ display: { position: [0] } }), /screens\[0\]\.display: does not match any allowed form/],
    ['zoom too small', screen({ zoom: 0.25 }), /screens\[0\]\.zoom: must be at least 0\.5; how much larger/],
    ['zoom too large', screen({ zoom: 4 }), /screens\[0\]\.zoom: must be at most 3/],
    ['hideCursor as text', screen({ hideCursor: 'yes' }), /screens\[0\]\.hideCursor: must be true or false/],
    ['both a playlist and a schedule', screen({ schedule: 'lobby' }), /screens\[0\]\.schedule: cannot be used together with playlist/],
    ['neither a playlist nor a schedule', screen({ playlist: undefined }), /screens\[0\]\.playlist: is missing; set "playlist"/],
    ['an unknown playlist', screen({ playlist: 'sale' }), /screens\[0\]\.playlist: names playlist "sale", which is not in playlists \(defined: "sales", "night"\)/],
    ['an unknown schedule', screen({ playlist: undefined, schedule: 'lobb' }), /screens\[0\]\.schedule: names schedule "lobb", which is not in schedules \(defined: "lobby"\)/],
    ['an unknown key on a screen', screen({ zooom: 2 }), /screens\[0\]\.zooom: is not a known setting in screens\[0\]; remove it or rename it to "zoom"/],
    ['no screens at all', wallRaw({ screens: [] }), /screens: must have at least 1 item/],
    ['a playlist without slides', wallRaw({ playlists: { sales: { slides: [] }, night: NIGHT } }), /playlists\.sales\.slides: must have at least 1 item/],
    ['a slide of 13 embeds', wallRaw({ playlists: { sales: { slides: [{ embeds: Array.from({ length: 13 }, () => sheet('s')) }] }, night: NIGHT } }), /playlists\.sales\.slides\[0\]\.embeds: must have at most 12 item/],
    ['an embed missing its sheet', wallRaw({ playlists: { sales: { slides: [{ embeds: [{ ui: 'analytics/sheet', appId: 'a' }] }] }, night: NIGHT } }), /playlists\.sales\.slides\[0\]\.embeds\[0\]\.sheetId: is required for ui "analytics\/sheet"/],
    ["a slide's embed takes content.embeds' hints", wallRaw({ playlists: { sales: { slides: [{ embeds: [{ ...sheet('s'), interactions: 'readonly' }] }] }, night: NIGHT } }), /playlists\.sales\.slides\[0\]\.embeds\[0\]\.interactions: must be one of "read-only", "select-only", "full"; "read-only" shows/],
    ['an unknown key on a rule', rule({ until: '19:00' }), /schedules\.lobby\.rules\[0\]\.until: is not a known setting in schedules\.lobby\.rules\[0\]; remove it \(allowed: days, from, to, show\)/],
    ['a typo in a slide', wallRaw({ playlists: { sales: { slides: [{ embeds: [sheet('s')], dwell: 5 }] }, night: NIGHT } }), /playlists\.sales\.slides\[0\]\.dwell: is not a known setting in playlists\.sales\.slides\[0\]; remove it \(allowed: embeds, dwellSeconds\)/],
    ['several slides, one without a dwell time', wallRaw({ playlists: { sales: { slides: [{ embeds: [sheet('s')], dwellSeconds: 30 }, { embeds: [sheet('t')] }] }, night: NIGHT } }), /playlists\.sales\.slides\[1\]\.dwellSeconds: is missing; a playlist of several slides needs how long each one shows/],
    ['a dwell time under 5 s', wallRaw({ playlists: { sales: { slides: [{ embeds: [sheet('s')], dwellSeconds: 2 }] }, night: NIGHT } }), /playlists\.sales\.slides\[0\]\.dwellSeconds: must be at least 5; seconds the slide shows/],
    ['two starting states for one app across slides', wallRaw({ playlists: { sales: { slides: [{ embeds: [sheet('s')], dwellSeconds: 30 }, { embeds: [{ ...sheet('t'), initialState: { clearAll: true } }], dwellSeconds: 30 }] }, night: NIGHT } }), /playlists\.sales\.slides\[1\]\.embeds\[0\]\.initialState: differs from playlists\.sales\.slides\[0\]\.embeds\[0\]'s for app "app-1"/],
    ['a playlist named "off"', wallRaw({ playlists: { off: NIGHT, sales: SALES, night: NIGHT } }), /playlists\.off: cannot be a playlist name: "off" is what a schedule shows/],
    ['a playlist name with a space', wallRaw({ playlists: { 'big sales': NIGHT, sales: SALES, night: NIGHT } }), /playlists\["big sales"\]: is not a usable playlist name; use lower-case letters/],
    ['no days', rule({ days: [] }), /schedules\.lobby\.rules\[0\]\.days: is empty; list the days/],
    ['a day named twice', rule({ days: ['mon', 'tue', 'mon'] }), /schedules\.lobby\.rules\[0\]\.days\[2\]: names "mon" a second time/],
    ['a day spelled out', rule({ days: ['monday'] }), /schedules\.lobby\.rules\[0\]\.days\[0\]: must be one of "sun", "mon"/],
    ['a time without its leading zero', rule({ from: '7:00' }), /schedules\.lobby\.rules\[0\]\.from: must be a 24-hour local time "HH:MM", e\.g\. "07:00"/],
    ['24:00 for midnight', rule({ to: '24:00' }), /schedules\.lobby\.rules\[0\]\.to: must be a 24-hour local time/],
    ['a rule showing an unknown playlist', rule({ show: 'night-shift' }), /schedules\.lobby\.rules\[0\]\.show: names playlist "night-shift", which is not in playlists .*or "off" for a dark screen/],
    ['otherwise an unknown playlist', wallRaw({ schedules: { lobby: { ...LOBBY, otherwise: 'Off' } } }), /schedules\.lobby\.otherwise: names playlist "Off", which is not in playlists/],
    ['a schedule without otherwise', wallRaw({ schedules: { lobby: { rules: [] } } }), /schedules\.lobby\.otherwise: is missing; what shows when no rule matches/],
    ['a time zone that is not IANA', wallRaw({ schedules: { lobby: { ...LOBBY, timeZone: 'CET+1' } } }), /schedules\.lobby\.timeZone: "CET\+1" is not an IANA time zone; use a name such as "Europe\/Paris"/],
    ['playlists without screens', { ...validRaw(), content: undefined, playlists: { sales: SALES } }, /: screens: is missing; playlists and schedules show only on screens/],
    ['no content and no wall', { ...validRaw(), content: undefined }, /: content: is missing; add "content": \{ "embeds": .* or "screens" and "playlists" for a wall/],
    ['content without embeds and no wall', { ...validRaw(), content: { idleResetSeconds: 60 } }, /: content\.embeds: is missing; add a list of 1 to 12 items/],
    ['content.embeds and a wall', wallRaw({ content: validRaw()['content'] }), /content\.embeds: cannot be used together with screens and playlists and schedules: keep one\. For a wall, move these embeds into a playlist's slide/],
  ])('%s', (_, raw, pattern) => {
    const { lines } = expectConfigError(() => resolveOne(raw));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`${SOURCE}: `)).toBe(true);
    expect(lines[0]).toMatch(pattern);
  });

  it.each<[string, unknown[], string[]]>([
    ['the same id twice', [{ id: 'a', display: 'primary', playlist: 'sales' }, { id: 'a', display: { id: 7 }, playlist: 'sales' }], ['screens[1].id']],
    ['the primary display twice', [{ id: 'a', display: 'primary', playlist: 'sales' }, { id: 'b', display: 'primary', playlist: 'sales' }], ['screens[1].display']],
    ['one label, differently written', [{ id: 'a', display: { label: 'DELL U2720Q' }, playlist: 'sales' }, { id: 'b', display: { label: ' dell u2720q' }, playlist: 'sales' }], ['screens[1].display']],
    ['one position twice', [{ id: 'a', display: { position: [0, 0] }, playlist: 'sales' }, { id: 'b', display: { position: [1920, 0] }, playlist: 'sales' }, { id: 'c', display: { position: [0, 0] }, playlist: 'sales' }], ['screens[2].display']],
    ['different ids and displays', [{ id: 'a', display: 'primary', playlist: 'sales' }, { id: 'b', display: { id: 7 }, playlist: 'sales' }], []],
  ])('screens: %s', (_, screens, problems) => {
    const raw = wallRaw({ screens });
    if (problems.length === 0) expect(() => resolveOne(raw)).not.toThrow();
    else expect(paths(() => resolveOne(raw))).toEqual(problems);
  });

  it.each<[string, unknown, RegExp]>([
    ['missing', undefined, /: playlists: is missing; a wall needs at least one playlist/],
    ['empty', {}, /: playlists: has no entries; a wall needs at least one playlist/],
  ])('screens with playlists %s: that, and each screen naming one', (_, playlists, pattern) => {
    const { error, lines } = expectConfigError(() => resolveOne(wallRaw({ playlists, schedules: undefined, screens: [{ id: 'a', display: 'primary', playlist: 'sales' }] })));
    expect(error.problems.map((p) => p.path)).toEqual(['playlists', 'screens[0].playlist']);
    expect(lines[0]).toMatch(pattern);
    expect(lines[1]).toMatch(/names playlist "sales", which is not in playlists \(none is defined\)/);
  });

  it('names every problem in one pass: field errors and cross-references together, each with its path', () => {
    const raw = wallRaw({
      content: validRaw()['content'],
      screens: [
        { id: 'lobby', display: 'primary', playlist: 'missing', zoom: 9, kiosk: 'yes' },
        { id: 'lobby', display: 'primary', schedule: 'nope' },
      ],
      playlists: { sales: { slides: [{ embeds: [sheet('s')] }, { embeds: [{ ui: 'analytics/sheet', appId: 'a' }], dwellSeconds: 1 }] } },
      schedules: { lobby: { timeZone: 'Mars/Olympus', rules: [{ days: [], from: '25:00', to: '06:00', show: 'gone' }], otherwise: 'sales' } },
    });
    expect(paths(() => resolveOne(raw)).sort()).toEqual([
      'content.embeds',
      'playlists.sales.slides[0].dwellSeconds',
      'playlists.sales.slides[1].dwellSeconds',
      'playlists.sales.slides[1].embeds[0].sheetId',
      'schedules.lobby.rules[0].days',
      'schedules.lobby.rules[0].from',
      'schedules.lobby.rules[0].show',
      'schedules.lobby.timeZone',
      'screens[0].kiosk',
      'screens[0].playlist',
      'screens[0].zoom',
      'screens[1].display',
      'screens[1].id',
      'screens[1].schedule',
    ]);
  });
});
