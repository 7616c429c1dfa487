// Turns one resolved embed into the attributes of its <qlik-embed> element, as qlik-embed's loader reads them:
// kebab-case names become camelCase props, and `name___json` is parsed as JSON into props.name. Pure, so the
// exact attribute set is unit-tested, and the test converts it the loader's way and type-checks the props
// against Qlik's own types. Where each setting goes per UI comes from the one table, src/shared/embeds.ts.
// Connection settings go on each element (the highest-priority source in qlik-embed's props resolver), so no
// other <meta> or <script data-*> on the page can override them.
import { EMBED_KINDS, idsOf, type EmbedIdField, type InitialState, type InteractionMode } from '../shared/embeds';
import { BRIDGE_GLOBAL, type RendererConfig, type RendererEmbed } from '../shared/ipc-contract';

export { embedLabel } from '../shared/embeds';

type Connection = Pick<RendererConfig, 'tenantHost' | 'clientId'>;
export type Attributes = [string, string][];

interface Interactions {
  passive: boolean;
  active: boolean;
  select: boolean;
  edit: boolean;
}
/** context.interactions per mode; `full` is qlik-embed's own default, so it sets nothing. */
export const INTERACTIONS: Record<InteractionMode, Interactions | undefined> = {
  'read-only': { passive: true, active: false, select: false, edit: false },
  'select-only': { passive: true, active: true, select: true, edit: false },
  full: undefined,
};

const ID_ATTRIBUTES: Record<EmbedIdField, string> = {
  appId: 'app-id',
  sheetId: 'sheet-id',
  objectId: 'object-id',
  fieldId: 'field-id',
  assistantId: 'assistant-id',
};

/** Never includes `access-token-storage`: the token lives in the runtime's memory only, never in web storage. */
function connectionAttributes(config: Connection): Attributes {
  return [
    ['host', config.tenantHost],
    ['client-id', config.clientId],
    ['auth-type', 'Oauth2'],
    ['get-access-token', BRIDGE_GLOBAL],
  ];
}

export function embedAttributes(embed: RendererEmbed, config: Connection): Attributes {
  const kind = EMBED_KINDS[embed.ui];
  const attrs: Attributes = [...connectionAttributes(config), ['ui', embed.ui]];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') attrs.push([name, value]);
  };
  for (const id of idsOf(embed.ui)) {
    add(ID_ATTRIBUTES[id], embed[id]);
    const alias = kind.alsoAs?.[id];
    if (alias) add(alias, embed[id]);
  }
  if (kind.look === 'context') {
    // One JSON attribute: analytics/* read theme and language only inside `context`, never top-level.
    const context = {
      ...(embed.theme !== undefined && { theme: embed.theme }),
      ...(embed.language !== undefined && { language: embed.language }),
      ...(embed.interactions && INTERACTIONS[embed.interactions] && { interactions: INTERACTIONS[embed.interactions] }),
      ...(embed.keyboardNavigation !== undefined && { keyboardNavigation: embed.keyboardNavigation }),
    };
    if (Object.keys(context).length > 0) attrs.push(['context___json', JSON.stringify(context)]);
  } else if (kind.look === 'top-level') {
    add('theme', embed.theme);
    add('language', embed.language);
  }
  if (kind.initialState === 'attributes' && embed.initialState) attrs.push(...classicAppState(embed.initialState));
  return attrs;
}

/** classic/app's own start state, in the form of qlik.dev's classic/app example. */
function classicAppState(state: InitialState): Attributes {
  const attrs: Attributes = [];
  if (state.clearAll) attrs.push(['clear-selections', 'true']);
  if (state.bookmark !== undefined) attrs.push(['bookmark', state.bookmark]);
  if (state.fields) attrs.push(['select___json', JSON.stringify(state.fields.map((f) => ({ field: f.name, values: f.values })))]);
  return attrs;
}

/** A <qlik-initial-selections> element: its attributes and its <field name values> children. */
export interface InitialSelections {
  appId: string;
  attributes: Attributes;
  /** `values` joined with ";", which the loader splits on (config refuses values containing it). */
  fields: { name: string; values: string }[];
}

/** The element that gives one app its start state. It carries the same connection attributes as the embeds:
 * the runtime keys the state by app and host config. */
export function initialSelectionsAttributes(appId: string, state: InitialState, config: Connection): InitialSelections {
  const attributes: Attributes = [...connectionAttributes(config), ['app-id', appId]];
  if (state.clearAll) attributes.push(['clear-all', 'true']);
  if (state.bookmark !== undefined) attributes.push(['bookmark-id', state.bookmark]);
  return { appId, attributes, fields: (state.fields ?? []).map((f) => ({ name: f.name, values: f.values.join(';') })) };
}

/** One element per app whose embeds take their start state from the app (analytics/*, classic/chart), for
 * all the embeds of the page's playlist (every slide: the elements are made once per page). Main has made
 * every embed of one app in a playlist carry the same state, so the first one speaks for the app. */
export function initialSelectionsFor(embeds: readonly RendererEmbed[], config: Connection): InitialSelections[] {
  const apps = new Map<string, InitialState>();
  for (const e of embeds) {
    if (e.appId !== undefined && e.initialState && EMBED_KINDS[e.ui].initialState === 'app-element' && !apps.has(e.appId)) apps.set(e.appId, e.initialState);
  }
  return [...apps].map(([appId, state]) => initialSelectionsAttributes(appId, state, config));
}
