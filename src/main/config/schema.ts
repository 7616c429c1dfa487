// The one typed shape of Qiosk's configuration. Every object is strict so a typo is an error, not a silently
// ignored key. Messages here are written for the IT admin editing the JSON; issues.ts adds field hints.
import { z } from 'zod';
import { checkTemplate } from '../identity/template';
import { lookupValueProblem } from '../identity/lookup-value';
import { normaliseTenantHost } from './tenant-host';
import { sameStartPerApp } from './embed-defaults';
import { EMBED_ID_FIELDS, EMBED_KINDS, EMBED_UIS, idsOf, INTERACTION_MODES, isEmbedUi, type EmbedIdField, type EmbedUi } from '../../shared/embeds';

export const LOOKUP_FIELDS = ['subject', 'userId'] as const;
export const IDENTITY_MODES = ['os-user', 'map', 'device'] as const;
export { EMBED_UIS } from '../../shared/embeds';
export const MAX_EMBEDS = 12;
export const DEFAULT_RENDERER_PORT = 47321;

// RFC 6749 §3.3 scope-token: printable ASCII except space, '"' and '\'.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

const tenantHost = z.string().transform((raw, ctx) => {
  const result = normaliseTenantHost(raw);
  if (result.ok) return result.origin;
  ctx.issues.push({ code: 'custom', message: result.problem, input: raw });
  return z.NEVER;
});

const clientId = z
  .string()
  .trim()
  .min(1)
  .regex(/^\S*$/, 'must not contain spaces');

const scope = z
  .string()
  .transform((raw, ctx) => {
    const tokens = raw.split(' ').filter((t) => t !== '');
    if (tokens.length === 0) {
      ctx.issues.push({ code: 'custom', message: 'is empty; use "user_default" or remove the key', input: raw });
      return z.NEVER;
    }
    if (!tokens.every((t) => SCOPE_TOKEN.test(t))) {
      ctx.issues.push({
        code: 'custom',
        message: 'must be scope names separated by single spaces (e.g. "user_default"), without quotes, backslashes or tabs',
        input: raw,
      });
      return z.NEVER;
    }
    return tokens.join(' ');
  })
  .default('user_default');

const lookupField = z.enum(LOOKUP_FIELDS);

/** A Qlik user id or subject written in the config (map entries, device identity). */
const lookupValue = z.string().superRefine((value, ctx) => {
  const problem = lookupValueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; set it to the Qlik user's id or subject` });
});

const template = z.string().superRefine((value, ctx) => {
  const check = checkTemplate(value);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem });
});

export const osUserIdentitySchema = z.strictObject({
  mode: z.literal('os-user'),
  template,
  lookupField: lookupField.default('subject'),
});

export const mapIdentitySchema = z
  .strictObject({
    mode: z.literal('map'),
    users: z.record(z.string(), lookupValue),
    lookupField: lookupField.default('userId'),
    default: lookupValue.optional(),
  })
  .superRefine((value, ctx) => {
    const seen = new Map<string, string>();
    for (const name of Object.keys(value.users)) {
      const key = foldUsername(name);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', name],
          message: `duplicates "${earlier}": OS user names match case-insensitively, so keep only one of them`,
        });
      }
      seen.set(key, name);
    }
    if (seen.size === 0 && value.default === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['users'],
        message: 'has no entries; add "<OS user name>": "<Qlik user id>" pairs, or set identity.default',
      });
    }
  });

export const deviceIdentitySchema = z.strictObject({
  mode: z.literal('device'),
  lookupField,
  value: lookupValue,
});

export const identitySchema = z.discriminatedUnion('mode', [osUserIdentitySchema, mapIdentitySchema, deviceIdentitySchema]);

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

export const tenantSchema = z.strictObject({ host: tenantHost, clientId, scope });
export const contentSchema = z
  .strictObject({
    embeds: z
      .array(embedSchema)
      .min(1)
      .max(MAX_EMBEDS),
    /** Settings for every embed that does not set its own, applied only to the UIs that take them. */
    defaults: embedDefaultsSchema.optional(),
    /** After this long without input the page goes back to its start state; absent: never. */
    idleResetSeconds: z.number().min(10).max(86_400).optional(),
  })
  .superRefine((content, ctx) => {
    for (const p of sameStartPerApp(content.embeds, content.defaults)) ctx.addIssue({ code: 'custom', ...p });
  });
export const kioskSchema = z.strictObject({ enabled: z.boolean().default(true) });
export const rendererSchema = z.strictObject({
  port: z.number().int().min(1024).max(65535).default(DEFAULT_RENDERER_PORT),
});
export const brokerSchema = z.strictObject({
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  refreshAheadSeconds: z.number().int().min(0).max(3600).default(300),
});

/** How the window supervisor recycles the kiosk (src/main/supervisor). */
export const supervisorSchema = z.strictObject({
  /** A renderer over this much memory is recycled, at a moment that interrupts nothing. */
  memoryCeilingMb: z.number().int().min(256).max(16_384).default(1536),
  /** The quiet local time of the daily recycle. */
  dailyRecycleAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, e.g. "04:00"').default('04:00'),
  /** Qlik Cloud's maximum session length (24 h unless the tenant sets another): no session outlives it. */
  maxSessionHours: z.number().min(1).max(168).default(24),
  /** An embed not rendered this long after it mounted counts as failed (runtime unreachable, hung). */
  loadTimeoutSeconds: z.number().min(1).max(600).default(45),
  /** How often each app's engine session is probed, one small call per app (Qlik's sample pings every 2 min; 15 s
   * notices a dropped session soon enough to be back on content within 30 s). */
  keepaliveSeconds: z.number().min(1).max(3600).default(15),
  /** How often the page reports to main; three missed reports mean a hung page, healed with a new window. */
  heartbeatSeconds: z.number().min(1).max(60).default(5),
});

export const qioskConfigSchema = z.strictObject({
  tenant: tenantSchema,
  identity: identitySchema,
  content: contentSchema,
  kiosk: kioskSchema.prefault({}),
  renderer: rendererSchema.prefault({}),
  broker: brokerSchema.prefault({}),
  supervisor: supervisorSchema.prefault({}),
});

export type QioskConfig = z.output<typeof qioskConfigSchema>;
export type QioskConfigInput = z.input<typeof qioskConfigSchema>;
export type TenantConfig = QioskConfig['tenant'];
export type IdentityConfig = QioskConfig['identity'];
export type EmbedConfig = QioskConfig['content']['embeds'][number];
export type EmbedDefaults = NonNullable<QioskConfig['content']['defaults']>;
export type { EmbedUi };
export type LookupField = (typeof LOOKUP_FIELDS)[number];

/** How OS user names are compared in map mode (Windows and most directories treat them case-insensitively). */
export function foldUsername(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Keys each strict object accepts, for "did you mean" hints. Identity keys depend on the mode. */
export const allowedKeys = {
  root: Object.keys(qioskConfigSchema.shape),
  tenant: Object.keys(tenantSchema.shape),
  content: Object.keys(contentSchema.shape),
  embed: Object.keys(embedSchema.shape),
  defaults: Object.keys(embedDefaultsSchema.shape),
  initialState: Object.keys(initialStateSchema.shape),
  initialField: Object.keys(initialFieldSchema.shape),
  kiosk: Object.keys(kioskSchema.shape),
  renderer: Object.keys(rendererSchema.shape),
  broker: Object.keys(brokerSchema.shape),
  supervisor: Object.keys(supervisorSchema.shape),
  identity: {
    'os-user': Object.keys(osUserIdentitySchema.shape),
    map: Object.keys(mapIdentitySchema.shape),
    device: Object.keys(deviceIdentitySchema.shape),
  },
} as const;
