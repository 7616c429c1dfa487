import { describe, expect, it } from 'vitest';
import { parseRendererConfig, RendererConfigError } from '../../../src/renderer/renderer-config';

const sheet = { ui: 'analytics/sheet', appId: 'a', sheetId: 's' };
const good = {
  tenantHost: 'https://acme.eu.qlikcloud.com',
  clientId: 'cid',
  demo: false,
  playlists: { main: [{ embeds: [sheet], dwellMs: 30_000 }] },
  screens: { lobby: { zoom: 1, hideCursor: false } },
  rotation: { prepareLeadMs: 10_000, readyBoundMs: 20_000 },
  health: { loadTimeoutMs: 45_000, keepaliveMs: 120_000, heartbeatMs: 5_000 },
};
/** `good` with the main playlist's first slide's embeds replaced. */
const withEmbeds = (embeds: unknown[]) => ({ ...good, playlists: { main: [{ embeds, dwellMs: 30_000 }] } });
const E = 'playlists\\.main\\[0\\]\\.embeds\\[0\\]';
const at = (rest: string) => new RegExp(`${E}${rest}`);

describe('parseRendererConfig', () => {
  it('accepts the shape main serves and drops unknown keys', () => {
    expect(parseRendererConfig({ ...good, extra: 1, ...withEmbeds([{ ...sheet, junk: true }]) })).toEqual(good);
  });

  it('keeps every resolved embed setting, every playlist, slide and screen in order, and the idle reset', () => {
    const full = {
      ...good,
      idleResetMs: 90_000,
      playlists: {
        sales: [
          { dwellMs: 60_000, embeds: [
            { ui: 'analytics/chart', appId: 'a', objectId: 'o', theme: 't', language: 'sv', interactions: 'select-only', keyboardNavigation: false, initialState: { clearAll: true, bookmark: 'b', fields: [{ name: 'Region', values: ['Nordic'] }] } },
            { ui: 'ai/assistant', assistantId: 'as-1' },
          ] },
          { dwellMs: 1_000, embeds: Array.from({ length: 12 }, () => sheet) },
        ],
        ops: [{ dwellMs: 30_000, embeds: [sheet] }],
      },
      screens: { hall: { zoom: 3, hideCursor: true }, lobby: { zoom: 0.5, hideCursor: false } },
      rotation: { prepareLeadMs: 0, readyBoundMs: 0 },
    };
    const parsed = parseRendererConfig(full);
    expect(parsed).toEqual(full);
    expect(Object.keys(parsed.playlists)).toEqual(['sales', 'ops']); // the first is the page's default
    expect(Object.keys(parsed.screens)).toEqual(['hall', 'lobby']);
  });

  it.each([
    [null, /not a JSON object/],
    [[], /not a JSON object/],
    [{ ...good, tenantHost: 'javascript:alert(1)' }, /tenantHost/],
    [{ ...good, clientId: '' }, /clientId/],
    [{ ...good, playlists: undefined, embeds: [sheet] }, /playlists must map each name to a list of slides, with at least one/],
    [{ ...good, playlists: {} }, /playlists must map each name to a list of slides, with at least one/],
    [{ ...good, playlists: { main: [] } }, /playlists\.main must be a list of 1 to 100 slides/],
    [{ ...good, playlists: { main: Array(101).fill(good.playlists.main[0]) } }, /playlists\.main must be a list of 1 to 100 slides/],
    [{ ...good, playlists: { main: [sheet] } }, /playlists\.main\[0\]\.embeds must be a list of 1 to 12 embeds/],
    [{ ...good, playlists: { main: ['slide'] } }, /playlists\.main\[0\] must be \{ embeds, dwellMs \}/],
    [withEmbeds([]), /playlists\.main\[0\]\.embeds must be a list of 1 to 12 embeds/],
    [withEmbeds(Array(13).fill(sheet)), /playlists\.main\[0\]\.embeds must be a list of 1 to 12 embeds/],
    [{ ...good, playlists: { main: [{ embeds: [sheet] }] } }, /playlists\.main\[0\]\.dwellMs must be a number of ms, at least 1000/],
    [{ ...good, playlists: { main: [{ embeds: [sheet], dwellMs: 999 }] } }, /playlists\.main\[0\]\.dwellMs must be a number of ms, at least 1000/],
    [{ ...good, playlists: { main: [{ embeds: [sheet], dwellMs: '30000' }] } }, /dwellMs must be a number of ms/],
    [{ ...good, playlists: { main: good.playlists.main, ops: [{ embeds: [sheet], dwellMs: 5_000 }, { embeds: [{ appId: 'a' }], dwellMs: 5_000 }] } }, /playlists\.ops\[1\]\.embeds\[0\]\.ui is missing/],
    [withEmbeds([{ appId: 'a' }]), at('\\.ui')],
    [withEmbeds([{ ui: 'analytics/sheet', sheetId: 3 }]), at('\\.sheetId must be text')],
    [withEmbeds([{ ui: 'analytics/table' }]), at('\\.ui is not a UI Qiosk knows')],
    [withEmbeds([{ ...sheet, interactions: 'readonly' }]), at('\\.interactions must be one of read-only, select-only, full')],
    [withEmbeds([{ ...sheet, keyboardNavigation: 'yes' }]), at('\\.keyboardNavigation must be true or false')],
    [withEmbeds([{ ...sheet, initialState: [] }]), at('\\.initialState must be \\{ clearAll, bookmark, fields \\}')],
    [withEmbeds([{ ...sheet, initialState: { clear: true } }]), at('\\.initialState must be')],
    [withEmbeds([{ ...sheet, initialState: { clearAll: 'true' } }]), /initialState\.clearAll must be true or false/],
    [withEmbeds([{ ...sheet, initialState: { bookmark: 7 } }]), /initialState\.bookmark must be text/],
    [withEmbeds([{ ...sheet, initialState: { fields: {} } }]), /initialState\.fields must be a list/],
    [withEmbeds([{ ...sheet, initialState: { fields: [{ name: 'R', values: [] }] } }]), /initialState\.fields\[0\] must be \{ name, values: \[text, …\] \}/],
    [{ ...good, screens: undefined }, /screens must map each name to \{ zoom, hideCursor \}, with at least one/],
    [{ ...good, screens: {} }, /screens must map each name to \{ zoom, hideCursor \}, with at least one/],
    [{ ...good, screens: { lobby: true } }, /screens\.lobby must be \{ zoom, hideCursor \}/],
    [{ ...good, screens: { lobby: { hideCursor: false } } }, /screens\.lobby\.zoom must be a number from 0\.5 to 3/],
    [{ ...good, screens: { lobby: { zoom: 0.4, hideCursor: false } } }, /screens\.lobby\.zoom must be a number from 0\.5 to 3/],
    [{ ...good, screens: { lobby: { zoom: 3.5, hideCursor: false } } }, /screens\.lobby\.zoom/],
    [{ ...good, screens: { lobby: { zoom: '1', hideCursor: false } } }, /screens\.lobby\.zoom/],
    [{ ...good, screens: { lobby: { zoom: 1, hideCursor: 'no' } } }, /screens\.lobby\.hideCursor must be true or false/],
    [{ ...good, rotation: undefined }, /rotation timing is missing/],
    [{ ...good, rotation: { prepareLeadMs: 10_000 } }, /rotation\.readyBoundMs must be a number of ms/],
    [{ ...good, rotation: { ...good.rotation, prepareLeadMs: -1 } }, /rotation\.prepareLeadMs must be a number of ms/],
    [{ ...good, rotation: { ...good.rotation, prepareLeadMs: Infinity } }, /rotation\.prepareLeadMs must be a number of ms/],
    [{ ...good, idleResetMs: '60000' }, /idleResetMs must be a number of ms/],
    [{ ...good, idleResetMs: 5 }, /idleResetMs must be a number of ms/],
    [{ ...good, health: undefined }, /health timing is missing/],
    [{ ...good, health: { ...good.health, heartbeatMs: '5000' } }, /health\.heartbeatMs/],
  ])('rejects %o with a named problem', (raw, problem) => {
    expect(() => parseRendererConfig(raw)).toThrow(RendererConfigError);
    expect(() => parseRendererConfig(raw)).toThrow(problem);
  });

  it('treats anything but true as not a demo', () => {
    expect(parseRendererConfig({ ...good, demo: 'yes' }).demo).toBe(false);
    expect(parseRendererConfig({ ...good, demo: true }).demo).toBe(true);
  });
});
