// The page's screen, playlist and start slide from its URL (as contentPath builds it): never a dead end.
import { describe, expect, it } from 'vitest';
import { pickPage } from '../../../src/renderer/page-params';
import { contentPath, type RendererSlide } from '../../../src/shared/ipc-contract';

const slide = (sheetId: string): RendererSlide => ({ dwellMs: 30_000, embeds: [{ ui: 'analytics/sheet', appId: 'a', sheetId }] });
const config = {
  screens: { lobby: { zoom: 1, hideCursor: false }, hall: { zoom: 1.5, hideCursor: true } },
  playlists: { sales: [slide('s0'), slide('s1'), slide('s2')], ops: [slide('o0')] },
};
const search = (path: string) => new URL(path, 'http://localhost:47321').search;

describe('pickPage', () => {
  it('reads what contentPath wrote', () => {
    expect(pickPage(config, search(contentPath('hall', 'sales', 2)))).toEqual({
      screen: 'hall',
      look: { zoom: 1.5, hideCursor: true },
      playlist: 'sales',
      slides: config.playlists.sales,
      slide: 2,
    });
  });

  it.each([
    ['nothing', '', 'lobby', 'sales', 0],
    ['an unknown screen and playlist', '?screen=attic&playlist=hr&slide=1', 'lobby', 'sales', 1],
    ['names from Object.prototype', '?screen=constructor&playlist=__proto__', 'lobby', 'sales', 0],
    ['a slide past the end', '?screen=hall&playlist=sales&slide=3', 'hall', 'sales', 0],
    ['a slide past the end of a shorter playlist', '?playlist=ops&slide=1', 'lobby', 'ops', 0],
    ['a negative slide', '?slide=-1', 'lobby', 'sales', 0],
    ['a slide that is not a whole number', '?slide=1.5', 'lobby', 'sales', 0],
    ['a slide in another notation', '?slide=0x1', 'lobby', 'sales', 0],
    ['an empty slide', '?slide=', 'lobby', 'sales', 0],
  ])('falls back to the first screen and playlist, and slide 0, for %s', (_what, query, screen, playlist, slide) => {
    const p = pickPage(config, query);
    expect([p.screen, p.playlist, p.slide]).toEqual([screen, playlist, slide]);
    expect(p.look).toBe(config.screens[screen as keyof typeof config.screens]);
    expect(p.slides).toBe(config.playlists[playlist as keyof typeof config.playlists]);
  });
});
