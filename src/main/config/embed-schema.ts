// The embeds of a page: what each qlik-embed UI needs and takes, the settings content.defaults may give them, and
// the content section that holds both. Apart from schema.ts because content.embeds and every wall slide
// (wall-schema.ts) hold the same list of embeds, and the wall resolves content: both import it from here, and
// this file imports neither. Messages are written for the IT admin editing the JSON, like the rest of the schema.
import { z } from 'zod';
import { sameStartPerApp } from './embed-defaults';
import { EMBED_ID_FIELDS, EMBED_KINDS, EMBED_UIS, idsOf, INTERACTION_MODES, isEmbedUi, type EmbedIdField, type EmbedUi } from '../../shared/embeds';

export { EMBED_UIS } from '../../shared/embeds';
export const MAX_EMBEDS = 12;

const qlikId = z
  .string()
  .min(1, 'is empty; copy the id from the Qlik app or object URL')
  .max(128, 'is too long for a Qlik id (max 128 characters)')
  .regex(/^[^\s\u0000-\u001f\u007f]+$/, 'must not contain spaces or control characters');

/** A field value as the app shows it (qText). `;` is refused: <qlik-initial-selections> splits values at it. */
const fieldValue = z
  .string()
  .min(1, 'is empty; give the value as the app shows it')
  .regex(/^[^;]*$/, 'must not contain ";" (qlik-embed reads it as a separator between values); select such a value with a bookmark instead');

export const initialFieldSchema = z.strictObject({
  name: z.string().min(1, 'is empty; give the field name as the app shows it').regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters'),
  values: z.array(fieldValue).min(1, 'is empty; list at least one value, e.g. ["Nordic"]'),
});

export const initialStateSchema = z
  .strictObject({
    clearAll: z.boolean().optional(),
    bookmark: qlikId.optional(),
    fields: z.array(initialFieldSchema).min(1, 'is empty; list fields like [{ "name": "Region", "values": ["Nordic"] }] or remove it').optional(),
  })
  .superRefine((state, ctx) => {
    const seen = new Set<string>();
    state.fields?.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `names field "${f.name}" a second time; put all its values in one entry` });
      seen.add(f.name);
    });
  });

/** Settings an embed may take and content.defaults may give every embed they apply to. */
const embedSettings = {
  theme: z.string().min(1, 'is empty; remove it to use the app theme').optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "de-DE"')
    .optional(),
  interactions: z.enum(INTERACTION_MODES).optional(),
  keyboardNavigation: z.boolean().optional(),
  initialState: initialStateSchema.optional(),
};

export const embedSchema = z
  .strictObject({
    ui: z.enum(EMBED_UIS),
    appId: qlikId.optional(),
    sheetId: qlikId.optional(),
    objectId: qlikId.optional(),
    fieldId: qlikId.optional(),
    assistantId: qlikId.optional(),
    ...embedSettings,
  })
  // Runs even when another field has a type error, so every missing id is reported in the same pass.
  .superRefine((raw, ctx) => embedRules(raw, ctx), { when: (p) => typeof p.value === 'object' && p.value !== null });

export const embedDefaultsSchema = z.strictObject(embedSettings);

const ID_HINTS: Record<EmbedIdField, string> = {
  appId: 'set it to the app id (the GUID after /app/ in the app URL)',
  sheetId: 'set it to the id after /sheet/ in the sheet URL',
  objectId: 'set it to the object id of the chart in that app',
  fieldId: 'set it to the name of the field to show',
  assistantId: 'set it to the id of the Qlik Answers assistant to show',
};

/** What each UI needs and takes, from the one table in src/shared/embeds.ts. */
function embedRules(embed: Partial<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  const ui = embed.ui;
  if (!isEmbedUi(ui)) return; // the enum reports it
  const kind = EMBED_KINDS[ui];
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const [first, ...others] of kind.requires) {
    const group = [first!, ...others];
    const given = group.filter((f) => embed[f] !== undefined);
    const or = others.length > 0 ? ` (or set ${others.join(' or ')})` : '';
    if (given.length === 0) issue(first!, `is required for ui "${ui}"${or}; ${ID_HINTS[first!]}`);
    if (given.length > 1) issue(given[1]!, `cannot be used together with ${given[0]!} for ui "${ui}"; keep one of them`);
  }
  for (const f of EMBED_ID_FIELDS) {
    if (embed[f] !== undefined && !idsOf(ui).includes(f)) issue(f, `is not used by ui "${ui}"; remove it (it takes ${idsOf(ui).join(', ')})`);
  }
  if (kind.look === 'none') {
    for (const k of ['theme', 'language']) {
      if (embed[k] !== undefined) issue(k, `qlik-embed has no ${k} setting for ui "${ui}"; remove it`);
    }
  }
  if (!kind.interactions) {
    if (embed['interactions'] !== undefined) {
      issue('interactions', `qlik-embed cannot make a "${ui}" embed read-only or select-only (only analytics/* UIs take interactions); remove it`);
    }
    if (embed['keyboardNavigation'] !== undefined) {
      issue('keyboardNavigation', `qlik-embed has no keyboard navigation setting for ui "${ui}" (only analytics/* UIs take it); remove it`);
    }
  }
  if (kind.initialState === 'none' && embed['initialState'] !== undefined) {
    issue('initialState', `ui "${ui}" shows no app, so it has no selections to start from; remove it`);
  }
}

/** The embeds one page shows: content.embeds, or one slide of a wall. */
export const embedList = z.array(embedSchema).min(1).max(MAX_EMBEDS);
export const contentSchema = z
  .strictObject({
    /** Required unless the config describes a wall (screens, playlists, schedules): then it must be absent. */
    embeds: embedList.optional(),
    /** Settings for every embed that does not set its own, applied only to the UIs that take them. */
    defaults: embedDefaultsSchema.optional(),
    /** After this long without input the page goes back to its start state; absent: never. */
    idleResetSeconds: z.number().min(10).max(86_400).optional(),
  })
  .superRefine((content, ctx) => {
    for (const p of sameStartPerApp(content.embeds ?? [], content.defaults)) ctx.addIssue({ code: 'custom', ...p });
  });

export type EmbedConfig = z.output<typeof embedSchema>;
export type EmbedDefaults = z.output<typeof embedDefaultsSchema>;
export type ContentConfig = z.output<typeof contentSchema>;
export type { EmbedUi };
