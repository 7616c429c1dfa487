// The one typed shape of Qiosk's configuration. Every object is strict so a typo is an error, not a silently
// ignored key. Messages here are written for the IT admin editing the JSON; issues.ts adds field hints.
import { z } from 'zod';
import { checkTemplate } from '../identity/template';
import { lookupValueProblem } from '../identity/lookup-value';
import { normaliseTenantHost } from './tenant-host';

export const LOOKUP_FIELDS = ['subject', 'userId'] as const;
export const IDENTITY_MODES = ['os-user', 'map', 'device'] as const;
export const EMBED_UIS = [
  'analytics/sheet',
  'analytics/chart',
  'analytics/field',
  'analytics/selections',
  'classic/app',
  'classic/chart',
  'ai/assistant',
] as const;
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

export const embedSchema = z
  .strictObject({
    ui: z.enum(EMBED_UIS),
    appId: qlikId.optional(),
    sheetId: qlikId.optional(),
    objectId: qlikId.optional(),
    fieldId: qlikId.optional(),
    theme: z.string().min(1, 'is empty; remove it to use the app theme').optional(),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "de-DE"')
      .optional(),
  })
  // Runs even when another field has a type error, so every missing id is reported in the same pass.
  .superRefine((raw, ctx) => embedRules(raw, ctx), { when: (p) => typeof p.value === 'object' && p.value !== null });

type EmbedField = 'appId' | 'sheetId' | 'objectId' | 'fieldId';

function embedRules(embed: Partial<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  const ui = embed.ui;
  const need = (field: EmbedField, why: string) => {
    if (embed[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ui "${String(ui)}"; ${why}` });
  };
  const app = 'set it to the app id (the GUID after /app/ in the app URL)';
  switch (ui) {
    case 'analytics/sheet':
      need('appId', app);
      if (embed.sheetId === undefined && embed.objectId === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sheetId'],
          message: 'is required for ui "analytics/sheet" (or set objectId); set it to the id after /sheet/ in the sheet URL',
        });
      }
      break;
    case 'analytics/chart':
    case 'classic/chart':
      need('appId', app);
      need('objectId', 'set it to the object id of the chart in that app');
      break;
    case 'analytics/field':
      need('appId', app);
      need('fieldId', 'set it to the name of the field to show');
      break;
    case 'classic/app':
      need('appId', app);
      break;
    default:
      break; // analytics/selections and ai/assistant need no ids; an unknown ui is reported by the enum.
  }
}

export const tenantSchema = z.strictObject({ host: tenantHost, clientId, scope });
export const contentSchema = z.strictObject({
  embeds: z
    .array(embedSchema)
    .min(1)
    .max(MAX_EMBEDS),
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
  /** How often a rendered embed's engine session is probed (Qlik's own sample pings every 2 min). */
  keepaliveSeconds: z.number().min(1).max(3600).default(120),
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
export type EmbedUi = (typeof EMBED_UIS)[number];
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
