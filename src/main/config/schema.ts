// The one typed shape of Qiosk's configuration. Every object is strict so a typo is an error, not a silently
// ignored key. Messages here are written for the IT admin editing the JSON; issues.ts adds field hints.
// This file holds the top-level object and its small sections (tenant, identity, kiosk, renderer, broker,
// supervisor); the embeds and the content section are in embed-schema.ts and the wall (screens, playlists,
// schedules) in wall-schema.ts, which never import this file. Their exports are re-exported here, so importers
// elsewhere need only this one.
import { z } from 'zod';
import { checkTemplate } from '../identity/template';
import { lookupValueProblem } from '../identity/lookup-value';
import { normaliseTenantHost } from './tenant-host';
import { isPlainObject } from '../../shared/plain-object';
import { adminSchema } from './admin-schema';
import { contentSchema, embedDefaultsSchema, embedSchema, initialFieldSchema, initialStateSchema } from './embed-schema';
import {
  playlistSchema,
  resolveWall,
  sameStartPerPlaylist,
  scheduleRuleSchema,
  scheduleSchema,
  screenSchema,
  slideSchema,
  wallRules,
  type ResolvedWall,
} from './wall-schema';

export { EMBED_UIS, MAX_EMBEDS, contentSchema, embedSchema, embedDefaultsSchema, initialFieldSchema, initialStateSchema } from './embed-schema';
export type { EmbedConfig, EmbedDefaults, EmbedUi } from './embed-schema';
export { screenSchema, slideSchema, playlistSchema, scheduleRuleSchema, scheduleSchema } from './wall-schema';
export type { ScreenConfig, PlaylistConfig, SlideConfig } from './wall-schema';

export const LOOKUP_FIELDS = ['subject', 'userId'] as const;
export const IDENTITY_MODES = ['os-user', 'map', 'device'] as const;
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

/** How Qiosk proves it is the OAuth client: the client secret, or a private key (private_key_jwt), each kept only
 * in the OS keychain and set with the admin CLI. */
const clientAuth = z.enum(['client_secret', 'private_key_jwt']).default('client_secret');

export const tenantSchema = z.strictObject({ host: tenantHost, clientId, scope, clientAuth });
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

/** Remote monitoring: the health file is always written (health.json in the app's data folder); `port` adds the
 * loopback endpoint (GET /health, GET /metrics) on 127.0.0.1 only. */
export const healthSchema = z.strictObject({
  port: z.number().int('must be a whole port number').min(1024, 'must be 1024 or more').max(65535, 'must be 65535 or less').optional(),
});

/** main.log: what it keeps (level), how lines look (text, or JSON lines for a log shipper), and how much of it
 * stays on disk (rotated at maxSizeMb, maxFiles rotated files kept). */
export const logSchema = z.strictObject({
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  format: z.enum(['text', 'json']).default('text'),
  maxSizeMb: z.number().int('must be whole megabytes').min(1, 'must be at least 1').max(100, 'must be at most 100').default(5),
  maxFiles: z.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(3),
});

const qioskConfigObject = z.strictObject({
  tenant: tenantSchema,
  identity: identitySchema,
  /** Required unless the config describes a wall; wallRules says which. */
  content: contentSchema.optional(),
  kiosk: kioskSchema.prefault({}),
  renderer: rendererSchema.prefault({}),
  broker: brokerSchema.prefault({}),
  supervisor: supervisorSchema.prefault({}),
  screens: z.array(screenSchema).min(1).optional(),
  playlists: z.record(z.string(), playlistSchema).optional(),
  schedules: z.record(z.string(), scheduleSchema).optional(),
  admin: adminSchema.prefault({}),
  health: healthSchema.prefault({}),
  log: logSchema.prefault({}),
});

type ConfigObject = z.output<typeof qioskConfigObject>;

/** The validated config. Always a wall: today's content.embeds alone is one screen "main" on the primary display
 * showing playlist "main" of one slide; `content` keeps what applies to every screen (defaults, idle reset). */
export type QioskConfig = ResolvedWall<ConfigObject>;

export const qioskConfigSchema = qioskConfigObject
  // Runs even when a field has a type error, so every cross-reference problem is in the same pass.
  .superRefine((raw, ctx) => wallRules(raw, ctx), { when: (p) => isPlainObject(p.value) })
  .superRefine(sameStartPerPlaylist)
  .transform(resolveWall);

export type QioskConfigInput = z.input<typeof qioskConfigSchema>;
export type TenantConfig = QioskConfig['tenant'];
export type IdentityConfig = QioskConfig['identity'];
export type LookupField = (typeof LOOKUP_FIELDS)[number];

/** How OS user names are compared in map mode (Windows and most directories treat them case-insensitively). */
export function foldUsername(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Keys each strict object accepts, for "did you mean" hints. Identity keys depend on the mode. */
export const allowedKeys = {
  root: Object.keys(qioskConfigObject.shape),
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
  screen: Object.keys(screenSchema.shape),
  playlist: Object.keys(playlistSchema.shape),
  slide: Object.keys(slideSchema.shape),
  schedule: Object.keys(scheduleSchema.shape),
  rule: Object.keys(scheduleRuleSchema.shape),
  admin: Object.keys(adminSchema.shape),
  health: Object.keys(healthSchema.shape),
  log: Object.keys(logSchema.shape),
  identity: {
    'os-user': Object.keys(osUserIdentitySchema.shape),
    map: Object.keys(mapIdentitySchema.shape),
    device: Object.keys(deviceIdentitySchema.shape),
  },
} as const;
