import { describe, expect, it } from 'vitest';
import { resolveEmbeds } from '../../../../src/main/config/embed-defaults';
import type { RendererEmbed } from '../../../../src/shared/ipc-contract';
import { resolveOne, validRaw } from './helpers';

const STATE = { clearAll: true, bookmark: 'bm-1', fields: [{ name: 'Region', values: ['Nordic'] }] };
const DEFAULTS = { theme: 'breeze', language: 'sv', interactions: 'read-only' as const, keyboardNavigation: false, initialState: STATE };

/** Through the schema, as main does: what each embed sends the page. */
const resolved = (embeds: unknown[], defaults?: unknown) =>
  ((c) => resolveEmbeds({ embeds: c.playlists['main']!.slides[0]!.embeds, defaults: c.content.defaults }))(resolveOne({ ...validRaw(), content: { embeds, ...(defaults === undefined ? {} : { defaults }) } }));

describe('resolveEmbeds: content.defaults fill what an embed does not set, only where its UI takes it', () => {
  it.each<[string, unknown[], unknown, RendererEmbed[]]>([
    ['no defaults: the embed as written', [{ ui: 'analytics/chart', appId: 'a', objectId: 'o', theme: 't' }], undefined, [{ ui: 'analytics/chart', appId: 'a', objectId: 'o', theme: 't' }]],
    ['analytics/* take every default', [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }], DEFAULTS, [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's', ...DEFAULTS }]],
    [
      'an embed\'s own value wins',
      [{ ui: 'analytics/chart', appId: 'a', objectId: 'o', theme: 'dark', interactions: 'full', keyboardNavigation: true }],
      DEFAULTS,
      [{ ui: 'analytics/chart', appId: 'a', objectId: 'o', theme: 'dark', language: 'sv', interactions: 'full', keyboardNavigation: true, initialState: STATE }],
    ],
    ['classic/* take the look and the start state, not interactions', [{ ui: 'classic/app', appId: 'a', sheetId: 's' }], DEFAULTS, [{ ui: 'classic/app', appId: 'a', sheetId: 's', theme: 'breeze', language: 'sv', initialState: STATE }]],
    ['ai/* take none', [{ ui: 'ai/assistant', assistantId: 'as-1' }], DEFAULTS, [{ ui: 'ai/assistant', assistantId: 'as-1' }]],
    ['an empty initialState opts out of the default', [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's', initialState: {} }, { ui: 'analytics/sheet', appId: 'b', sheetId: 's' }], { initialState: STATE }, [
      { ui: 'analytics/sheet', appId: 'a', sheetId: 's' },
      { ui: 'analytics/sheet', appId: 'b', sheetId: 's', initialState: STATE },
    ]],
    ['clearAll false is no clear', [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's', initialState: { clearAll: false, bookmark: 'b' } }], undefined, [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's', initialState: { bookmark: 'b' } }]],
  ])('%s', (_name, embeds, defaults, expected) => {
    expect(resolved(embeds, defaults)).toEqual(expected);
  });

  it('sends plain copies: the page config is JSON from a frozen config', () => {
    const [e] = resolved([{ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }], { initialState: STATE });
    expect(Object.isFrozen(e)).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});
