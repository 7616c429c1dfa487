// The one table of the qlik-embed UIs Qiosk shows. Per UI: its family, the ids it needs, and where its look and
// start-up settings go on the <qlik-embed> element. Config validation (main), the element's attributes
// (renderer) and the tests all read it, so a UI is described once. Source: the types Qlik publishes for the
// runtime (@qlik/embed-runtime 1.2.5, embed.d.ts) and qlik.dev's examples; README names where they disagree.

export const EMBED_UIS = [
  'analytics/sheet',
  'analytics/chart',
  'analytics/field',
  'analytics/selections',
  'classic/app',
  'classic/chart',
  'ai/assistant',
] as const;
export type EmbedUi = (typeof EMBED_UIS)[number];
export type EmbedFamily = 'analytics' | 'classic' | 'ai';

export const EMBED_ID_FIELDS = ['appId', 'sheetId', 'objectId', 'fieldId', 'assistantId'] as const;
export type EmbedIdField = (typeof EMBED_ID_FIELDS)[number];

export interface EmbedKind {
  family: EmbedFamily;
  /** Each entry must be met by exactly one of its ids (analytics/sheet: sheetId or objectId, not both). Ids
   * in no entry are not taken by the UI. */
  requires: readonly (readonly EmbedIdField[])[];
  /** Where theme and language go: inside the `context` JSON (analytics/*), top-level attributes (classic/*),
   * nowhere (ai/* has only an `appearance`, which Qiosk does not expose). */
  look: 'context' | 'top-level' | 'none';
  /** Takes `context.interactions` and `context.keyboardNavigation` (analytics/* only). */
  interactions: boolean;
  /** How a start state reaches it: the app's <qlik-initial-selections>, its own attributes, or not at all. */
  initialState: 'app-element' | 'attributes' | 'none';
  /** Its ref API has getDoc() (the app's engine document), per the types. */
  doc: boolean;
  /** Attribute names set besides the documented kebab-case ones, because Qlik's types name the prop so
   * (classic/app: `app`, `sheet`; qlik.dev's example uses app-id and sheet-id; which one the runtime reads is
   * unconfirmed, so both are set). */
  alsoAs?: Partial<Record<EmbedIdField, string>>;
}

const analytics = (requires: EmbedKind['requires'], doc: boolean): EmbedKind => ({
  family: 'analytics', requires, look: 'context', interactions: true, initialState: 'app-element', doc,
});

export const EMBED_KINDS: { readonly [U in EmbedUi]: EmbedKind } = {
  'analytics/sheet': analytics([['appId'], ['sheetId', 'objectId']], false),
  'analytics/chart': analytics([['appId'], ['objectId']], true),
  'analytics/field': analytics([['appId'], ['fieldId']], true),
  'analytics/selections': analytics([['appId']], true),
  'classic/app': {
    family: 'classic', requires: [['appId'], ['sheetId']], look: 'top-level', interactions: false, initialState: 'attributes', doc: false,
    alsoAs: { appId: 'app', sheetId: 'sheet' },
  },
  // The types give classic/chart no start-state props: its app's <qlik-initial-selections> is assumed to apply.
  'classic/chart': { family: 'classic', requires: [['appId'], ['objectId']], look: 'top-level', interactions: false, initialState: 'app-element', doc: false },
  'ai/assistant': { family: 'ai', requires: [['assistantId']], look: 'none', interactions: false, initialState: 'none', doc: false },
};

export const isEmbedUi = (v: unknown): v is EmbedUi => (EMBED_UIS as readonly unknown[]).includes(v);

/** The ids a UI takes (any other id set on it is a mistake). */
export const idsOf = (ui: EmbedUi): readonly EmbedIdField[] => EMBED_KINDS[ui].requires.flat();

/** How much a person at the screen may do with an analytics embed. */
export const INTERACTION_MODES = ['read-only', 'select-only', 'full'] as const;
export type InteractionMode = (typeof INTERACTION_MODES)[number];
export const isInteractionMode = (v: unknown): v is InteractionMode => (INTERACTION_MODES as readonly unknown[]).includes(v);

/** The state an app starts from (and returns to after an idle reset). */
export interface InitialState {
  clearAll?: boolean;
  bookmark?: string;
  fields?: InitialField[];
}
export interface InitialField {
  name: string;
  /** Field values as shown (qText); never empty. */
  values: string[];
}

/** Whether the UI may hand over no ref API at all (unknown for classic/* and ai/*; Qlik's sample leaves ai/* out
 * of its health check): the page then takes visible content as the sign the runtime took the element. */
export const mayLackRefApi = (ui: string): boolean => !isEmbedUi(ui) || EMBED_KINDS[ui].family !== 'analytics';

/** A short label for a tile, for the console and IT's log (ids only, never a token). */
export function embedLabel(e: { ui: string; appId?: string | undefined; sheetId?: string | undefined; objectId?: string | undefined; fieldId?: string | undefined; assistantId?: string | undefined }): string {
  const what = e.sheetId ? `sheet ${e.sheetId}` : e.objectId ? `object ${e.objectId}` : e.fieldId ? `field ${e.fieldId}` : e.assistantId ? `assistant ${e.assistantId}` : '';
  return [e.ui, e.appId ? `app ${e.appId}` : '', what].filter(Boolean).join(' · ');
}
