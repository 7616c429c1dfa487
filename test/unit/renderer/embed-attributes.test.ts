// Each row: one embed → its exact <qlik-embed> attributes → the props qlik-embed's loader makes of them, which
// must equal `props`. `props` is typed with Qlik's own types (@qlik/embed-runtime 1.2.5), so `tsc -b` refuses a
// row whose props Qlik's runtime would not take (e.g. an analytics theme at the top level), and the runtime
// assertion refuses attributes that do not produce exactly those props.
import type { QlikEmbedUI, QlikEmbedVanillaProps } from '@qlik/embed-runtime/embed';
import type { InitialAppState, InitialAppStateRuntimeApiV1 } from '@qlik/embed-runtime/initial-app-state';
import { describe, expect, it } from 'vitest';
import { embedAttributes, embedLabel, INTERACTIONS, initialSelectionsAttributes, initialSelectionsFor } from '../../../src/renderer/embed-attributes';
import { EMBED_KINDS, EMBED_UIS, type EmbedUi, type InitialState } from '../../../src/shared/embeds';
import { BRIDGE_GLOBAL, type RendererEmbed } from '../../../src/shared/ipc-contract';
import { toInitialAppState, toQlikProps } from '../../support/qlik-embed-props';

const cfg = { tenantHost: 'https://acme.eu.qlikcloud.com', clientId: 'cid-1' };
const CONNECTION = { host: cfg.tenantHost, 'client-id': 'cid-1', 'auth-type': 'Oauth2', 'get-access-token': BRIDGE_GLOBAL };
type HostConfig = NonNullable<QlikEmbedVanillaProps['hostConfig']>;
// Qlik's docs write auth-type="Oauth2", its types 'oauth2': @qlik/api looks auth modules up lower-cased.
const hostConfig = { host: cfg.tenantHost, clientId: 'cid-1', authType: 'oauth2', getAccessToken: BRIDGE_GLOBAL } satisfies HostConfig;
const lowerAuthType = (p: Record<string, unknown>): Record<string, unknown> => ({ ...p, hostConfig: { ...(p['hostConfig'] as object), authType: 'oauth2' } });

// Qiosk's UI list is exactly the runtime's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameUis: Same<EmbedUi, QlikEmbedUI> = true;

const STATE: InitialState = { clearAll: true, bookmark: 'bm-1', fields: [{ name: 'Region', values: ['Nordic', 'Iberia'] }] };

interface Row<U extends EmbedUi> {
  embed: RendererEmbed & { ui: U };
  /** The element's attributes besides the connection ones, exactly. */
  attributes: Record<string, string>;
  /** What the loader makes of them, as Qlik's types for that UI allow. */
  props: QlikEmbedVanillaProps<U>;
  /** Props Qlik's types lack, each set on purpose (README names these as unconfirmed). */
  beyondTypes?: Record<string, unknown>;
}
const row = <U extends EmbedUi>(name: string, r: Row<U>): [string, Row<EmbedUi>] => [name, r as unknown as Row<EmbedUi>];

const ROWS = [
  row('analytics/sheet by sheetId, nothing else set: no context attribute', {
    embed: { ui: 'analytics/sheet', appId: 'a1', sheetId: 's1' },
    attributes: { ui: 'analytics/sheet', 'app-id': 'a1', 'sheet-id': 's1' },
    props: { ui: 'analytics/sheet', hostConfig, appId: 'a1', sheetId: 's1' },
  }),
  row('analytics/sheet by objectId', {
    embed: { ui: 'analytics/sheet', appId: 'a1', objectId: 's1' },
    attributes: { ui: 'analytics/sheet', 'app-id': 'a1', 'object-id': 's1' },
    props: { ui: 'analytics/sheet', hostConfig, appId: 'a1', objectId: 's1' },
  }),
  row('analytics/sheet: theme and language go inside context, never top-level', {
    embed: { ui: 'analytics/sheet', appId: 'a1', sheetId: 's1', theme: 'breeze', language: 'de-DE' },
    attributes: { ui: 'analytics/sheet', 'app-id': 'a1', 'sheet-id': 's1', context___json: '{"theme":"breeze","language":"de-DE"}' },
    props: { ui: 'analytics/sheet', hostConfig, appId: 'a1', sheetId: 's1', context: { theme: 'breeze', language: 'de-DE' } },
  }),
  row('analytics/chart read-only', {
    embed: { ui: 'analytics/chart', appId: 'a1', objectId: 'o1', interactions: 'read-only' },
    attributes: { ui: 'analytics/chart', 'app-id': 'a1', 'object-id': 'o1', context___json: '{"interactions":{"passive":true,"active":false,"select":false,"edit":false}}' },
    props: { ui: 'analytics/chart', hostConfig, appId: 'a1', objectId: 'o1', context: { interactions: { passive: true, active: false, select: false, edit: false } } },
  }),
  row('analytics/chart select-only without keyboard navigation', {
    embed: { ui: 'analytics/chart', appId: 'a1', objectId: 'o1', interactions: 'select-only', keyboardNavigation: false },
    attributes: {
      ui: 'analytics/chart', 'app-id': 'a1', 'object-id': 'o1',
      context___json: '{"interactions":{"passive":true,"active":true,"select":true,"edit":false},"keyboardNavigation":false}',
    },
    props: {
      ui: 'analytics/chart', hostConfig, appId: 'a1', objectId: 'o1',
      context: { interactions: { passive: true, active: true, select: true, edit: false }, keyboardNavigation: false },
    },
  }),
  row('analytics/field with interactions "full": qlik-embed\'s default, so nothing is set', {
    embed: { ui: 'analytics/field', appId: 'a1', fieldId: 'Region', interactions: 'full' },
    attributes: { ui: 'analytics/field', 'app-id': 'a1', 'field-id': 'Region' },
    props: { ui: 'analytics/field', hostConfig, appId: 'a1', fieldId: 'Region' },
  }),
  row('analytics/selections: its start state goes on the app\'s <qlik-initial-selections>, not on the element', {
    embed: { ui: 'analytics/selections', appId: 'a1', theme: 'dark', keyboardNavigation: true, initialState: STATE },
    attributes: { ui: 'analytics/selections', 'app-id': 'a1', context___json: '{"theme":"dark","keyboardNavigation":true}' },
    props: { ui: 'analytics/selections', hostConfig, appId: 'a1', context: { theme: 'dark', keyboardNavigation: true } },
  }),
  row('classic/app: app and sheet under both names', {
    embed: { ui: 'classic/app', appId: 'a1', sheetId: 's1' },
    attributes: { ui: 'classic/app', 'app-id': 'a1', app: 'a1', 'sheet-id': 's1', sheet: 's1' },
    props: { ui: 'classic/app', hostConfig, app: 'a1', sheet: 's1' },
    beyondTypes: { appId: 'a1', sheetId: 's1' }, // the names qlik.dev's classic/app example uses
  }),
  row('classic/app: top-level theme and language, its own start state', {
    embed: { ui: 'classic/app', appId: 'a1', sheetId: 's1', theme: 'breeze', language: 'de-DE', initialState: STATE },
    attributes: {
      ui: 'classic/app', 'app-id': 'a1', app: 'a1', 'sheet-id': 's1', sheet: 's1', theme: 'breeze', language: 'de-DE',
      'clear-selections': 'true', bookmark: 'bm-1', select___json: '[{"field":"Region","values":["Nordic","Iberia"]}]',
    },
    props: { ui: 'classic/app', hostConfig, app: 'a1', sheet: 's1', theme: 'breeze', clearSelections: 'true', bookmark: 'bm-1' },
    beyondTypes: {
      appId: 'a1', sheetId: 's1',
      language: 'de-DE', // in neither the types nor the examples: set as for analytics, unconfirmed
      select: [{ field: 'Region', values: ['Nordic', 'Iberia'] }], // qlik.dev's select:json list; the types say string
    },
  }),
  row('classic/chart: top-level theme and language; its start state comes from its app', {
    embed: { ui: 'classic/chart', appId: 'a1', objectId: 'o1', theme: 'breeze', language: 'sv', initialState: STATE },
    attributes: { ui: 'classic/chart', 'app-id': 'a1', 'object-id': 'o1', theme: 'breeze', language: 'sv' },
    props: { ui: 'classic/chart', hostConfig, appId: 'a1', objectId: 'o1', theme: 'breeze' },
    beyondTypes: { language: 'sv' },
  }),
  row('ai/assistant: only its assistant id', {
    embed: { ui: 'ai/assistant', assistantId: 'as-1' },
    attributes: { ui: 'ai/assistant', 'assistant-id': 'as-1' },
    props: { ui: 'ai/assistant', hostConfig, assistantId: 'as-1' },
  }),
];

describe('embedAttributes', () => {
  it('covers every UI', () => {
    expect(sameUis).toBe(true);
    expect(new Set(ROWS.map(([, r]) => r.embed.ui))).toEqual(new Set(EMBED_UIS));
  });

  it.each(ROWS)('%s', (_name, r) => {
    const attrs = embedAttributes(r.embed, cfg);
    expect(Object.fromEntries(attrs)).toEqual({ ...CONNECTION, ...r.attributes });
    expect(new Set(attrs.map(([n]) => n)).size).toBe(attrs.length);
    expect(lowerAuthType(toQlikProps(attrs))).toEqual({ ...r.props, ...r.beyondTypes });
  });

  it.each(ROWS.filter(([, r]) => r.embed.theme !== undefined))('%s: the look goes where the UI reads it', (_name, r) => {
    const props = toQlikProps(embedAttributes(r.embed, cfg));
    const context = props['context'] as { theme?: string } | undefined;
    if (EMBED_KINDS[r.embed.ui].family === 'analytics') {
      expect(props).not.toHaveProperty('theme');
      expect(props).not.toHaveProperty('language');
      expect(context?.theme).toBe(r.embed.theme);
    } else {
      expect(props).not.toHaveProperty('context');
      expect(props['theme']).toBe(r.embed.theme);
    }
  });

  it('maps every interaction mode to what context.interactions takes', () => {
    type Context = NonNullable<QlikEmbedVanillaProps<'analytics/chart'>['context']>;
    const modes = Object.values(INTERACTIONS) satisfies (Context['interactions'] | undefined)[];
    expect(modes).toHaveLength(3);
  });

  it('names the bridge as a plain global (qlik-embed cannot resolve dotted paths) and never sets access-token-storage', () => {
    const names = embedAttributes({ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }, cfg).map(([n]) => n);
    expect(BRIDGE_GLOBAL).toMatch(/^[A-Za-z_$][\w$]*$/);
    expect(names).not.toContain('access-token-storage');
  });

  it('labels tiles by ui, app and item', () => {
    expect(embedLabel({ ui: 'analytics/chart', appId: 'a1', objectId: 'o1' })).toBe('analytics/chart · app a1 · object o1');
    expect(embedLabel({ ui: 'analytics/selections', appId: 'a1' })).toBe('analytics/selections · app a1');
  });
});

describe('<qlik-initial-selections>', () => {
  type AppProps = Parameters<InitialAppStateRuntimeApiV1['setInitialAppState']>[0];

  it.each<[string, InitialState, Record<string, string>, InitialAppState]>([
    ['clear all only', { clearAll: true }, { 'clear-all': 'true' }, { clearSelections: true }],
    ['a bookmark', { bookmark: 'bm-1' }, { 'bookmark-id': 'bm-1' }, { clearSelections: false, bookmarkId: 'bm-1' }],
    [
      'everything, field values as the loader splits them',
      STATE,
      { 'clear-all': 'true', 'bookmark-id': 'bm-1' },
      { clearSelections: true, bookmarkId: 'bm-1', fieldSelections: [{ name: 'Region', values: [{ qText: 'Nordic' }, { qText: 'Iberia' }] }] },
    ],
  ])('%s', (_name, state, attributes, appState) => {
    const s = initialSelectionsAttributes('a1', state, cfg);
    expect(Object.fromEntries(s.attributes)).toEqual({ ...CONNECTION, 'app-id': 'a1', ...attributes });
    expect(s.fields).toEqual((state.fields ?? []).map((f) => ({ name: f.name, values: f.values.join(';') })));
    expect(toInitialAppState(s.attributes, s.fields)).toEqual(appState);
    // The app the runtime keys the state by: the same host config as the embeds'.
    const props = lowerAuthType(toQlikProps(s.attributes));
    expect({ appId: props['appId'], hostConfig: props['hostConfig'] }).toEqual({ appId: 'a1', hostConfig } satisfies AppProps);
  });

  it('one per app whose embeds (of all the playlist\'s slides) take their start state from the app, none for classic/app or ai/assistant', () => {
    const embeds: RendererEmbed[] = [
      { ui: 'analytics/sheet', appId: 'a1', sheetId: 's1', initialState: STATE },
      { ui: 'analytics/chart', appId: 'a1', objectId: 'o1', initialState: STATE },
      { ui: 'classic/chart', appId: 'a2', objectId: 'o1', initialState: { bookmark: 'b2' } },
      { ui: 'classic/app', appId: 'a3', sheetId: 's1', initialState: { clearAll: true } },
      { ui: 'analytics/chart', appId: 'a4', objectId: 'o1' },
      { ui: 'ai/assistant', assistantId: 'as-1' },
    ];
    expect(initialSelectionsFor(embeds, cfg).map((s) => [s.appId, Object.fromEntries(s.attributes)['bookmark-id']])).toEqual([
      ['a1', 'bm-1'],
      ['a2', 'b2'],
    ]);
  });
});
