// The one typed shape of Qiosk's configuration. Every object is strict so a typo is an error, not a silently
// ignored key. Messages here are written for the IT admin editing the JSON; issues.ts adds field hints.
import { z } from 'zod';
import { checkTemplate } from '../identity/template';
import { lookupValueProblem } from '../identity/lookup-value';
import { normaliseTenantHost } from './tenant-host';
import { sameStartPerApp } from './embed-defaults';
import { EMBED_ID_FIELDS, EMBED_KINDS, EMBED_UIS, idsOf, INTERACTION_MODES, isEmbedUi, type EmbedIdField, type EmbedUi } from '../../shared/embeds';
import { isPlainObject } from '../../shared/plain-object';
import { MAX_SLIDES } from '../../shared/ipc-contract';
import { formatPath } from './errors';
import { minutesOf, OFF, timeZoneProblem, WEEKDAYS, type Schedule } from '../wall/schedule';
import type { DisplaySelector } from '../wall/displays';
import { adminSchema } from './admin-schema';

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
const embedList = z.array(embedSchema).min(1).max(MAX_EMBEDS);
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

// A wall (issue 16): screens, each on one display, showing a playlist of slides directly or through a schedule.
// Each part checks its own fields here; how they name each other (ids, playlists, schedules, displays) is
// checked in wallRules below, in the same pass as everything else.

/** Screen, playlist and schedule names: what a file path or a log line can carry without quoting. */
const NAME = /^[a-z0-9-]+$/;
const NAME_RULE = 'lower-case letters, digits and "-" only';

/** A display by what the OS reports: src/main/wall/displays.ts matches it to one. */
const displaySelectorSchema = z.union([
  z.literal('primary'),
  z.strictObject({ id: z.number().int().min(0) }),
  z.strictObject({ label: z.string().trim().min(1) }),
  /** The display's top-left corner in the OS's desktop coordinates. */
  z.strictObject({ position: z.tuple([z.number().int(), z.number().int()]) }),
]);

export const screenSchema = z
  .strictObject({
    id: z.string().regex(NAME, `must be ${NAME_RULE}, e.g. "lobby-left"`),
    display: displaySelectorSchema,
    /** Absent: kiosk.enabled. */
    kiosk: z.boolean().optional(),
    zoom: z.number().min(0.5).max(3).default(1),
    /** Absent: true for a kiosk screen. */
    hideCursor: z.boolean().optional(),
    playlist: z.string().optional(),
    schedule: z.string().optional(),
  })
  .superRefine(
    (raw: Partial<Record<string, unknown>>, ctx) => {
      if (raw['playlist'] !== undefined && raw['schedule'] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'cannot be used together with playlist: a screen shows one playlist always, or what a schedule chooses; keep one of them' });
      } else if (raw['playlist'] === undefined && raw['schedule'] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['playlist'], message: 'is missing; set "playlist": "<name in playlists>" to show one always, or "schedule": "<name in schedules>" to follow a schedule' });
      }
    },
    { when: (p) => isPlainObject(p.value) },
  );

export const slideSchema = z.strictObject({
  embeds: embedList,
  /** How long the slide shows before the next; only needed when the playlist has more than one slide. */
  dwellSeconds: z.number().min(5).max(3600).optional(),
});

export const playlistSchema = z
  .strictObject({ slides: z.array(slideSchema).min(1).max(MAX_SLIDES, `has more than ${MAX_SLIDES} slides; split it into several playlists on a schedule`) })
  .superRefine(
    (raw: Partial<Record<string, unknown>>, ctx) => {
      const slides = raw['slides'];
      if (!Array.isArray(slides) || slides.length < 2) return;
      slides.forEach((slide: unknown, i) => {
        if (isPlainObject(slide) && slide['dwellSeconds'] === undefined) {
          ctx.addIssue({ code: 'custom', path: ['slides', i, 'dwellSeconds'], message: 'is missing; a playlist of several slides needs how long each one shows, in seconds from 5 to 3600, e.g. "dwellSeconds": 30' });
        }
      });
    },
    { when: (p) => isPlainObject(p.value) },
  );

const HHMM = 'must be a 24-hour local time "HH:MM", e.g. "07:00" or "22:30"';
const clockTime = z.string().refine((t) => minutesOf(t) !== undefined, HHMM);

export const scheduleRuleSchema = z.strictObject({
  days: z
    .array(z.enum(WEEKDAYS))
    .min(1, 'is empty; list the days the rule applies on, e.g. ["mon", "tue", "wed", "thu", "fri"]')
    .superRefine((days, ctx) => {
      days.forEach((d, i) => {
        if (days.indexOf(d) < i) ctx.addIssue({ code: 'custom', path: [i], message: `names "${d}" a second time; list each day once` });
      });
    }),
  from: clockTime,
  /** At or before `from`: the range crosses midnight (equal: the whole day). */
  to: clockTime,
  /** A playlist name, or "off". */
  show: z.string(),
});

export const scheduleSchema = z.strictObject({
  /** IANA zone; absent: the system's. */
  timeZone: z
    .string()
    .superRefine((zone, ctx) => {
      const problem = timeZoneProblem(zone);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  rules: z.array(scheduleRuleSchema),
  /** What shows when no rule matches: a playlist name, or "off". */
  otherwise: z.string(),
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
});

/** The parts of a wall that name each other, and the choice between a wall and today's content.embeds, checked
 * on the raw input so each problem shows up in the same pass as every field error. */
function wallRules(raw: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const content = isPlainObject(raw['content']) ? raw['content'] : undefined;
  const wallKeys = (['screens', 'playlists', 'schedules'] as const).filter((k) => raw[k] !== undefined);
  if (wallKeys.length === 0) {
    if (raw['content'] === undefined) {
      issue(['content'], 'is missing; add "content": { "embeds": [ { "ui": "analytics/sheet", "appId": "…", "sheetId": "…" } ] } for one screen, or "screens" and "playlists" for a wall');
    } else if (content && content['embeds'] === undefined) {
      issue(['content', 'embeds'], 'is missing; add a list of 1 to 12 items like { "ui": "analytics/sheet", "appId": "…", "sheetId": "…" }, or "screens" and "playlists" for a wall');
    }
    return;
  }
  if (content && content['embeds'] !== undefined) {
    issue(['content', 'embeds'], `cannot be used together with ${wallKeys.join(' and ')}: keep one. For a wall, move these embeds into a playlist's slide and remove content.embeds (content.defaults and idleResetSeconds still apply to every screen); for one screen, remove ${wallKeys.join(' and ')}`);
  }
  const playlists = isPlainObject(raw['playlists']) ? raw['playlists'] : undefined;
  const schedules = isPlainObject(raw['schedules']) ? raw['schedules'] : undefined;
  if (raw['screens'] === undefined) issue(['screens'], 'is missing; playlists and schedules show only on screens, e.g. "screens": [ { "id": "lobby", "display": "primary", "playlist": "<name in playlists>" } ]');
  if (raw['playlists'] === undefined) issue(['playlists'], 'is missing; a wall needs at least one playlist, e.g. "playlists": { "sales": { "slides": [ { "embeds": [ … ] } ] } }');
  else if (playlists && Object.keys(playlists).length === 0) issue(['playlists'], 'has no entries; a wall needs at least one playlist, e.g. { "sales": { "slides": [ { "embeds": [ … ] } ] } }');

  const playlistNames = Object.keys(playlists ?? {});
  const scheduleNames = Object.keys(schedules ?? {});
  for (const name of playlistNames) {
    if (name === OFF) issue(['playlists', name], 'cannot be a playlist name: "off" is what a schedule shows for a dark screen; rename the playlist');
    else if (!NAME.test(name)) issue(['playlists', name], `is not a usable playlist name; use ${NAME_RULE}`);
  }
  for (const name of scheduleNames) {
    if (!NAME.test(name)) issue(['schedules', name], `is not a usable schedule name; use ${NAME_RULE}`);
  }
  const defined = (names: string[]) => (names.length === 0 ? 'none is defined' : `defined: ${names.map((n) => `"${n}"`).join(', ')}`);
  // Only a string is checked: a value of the wrong type is already named by its field.
  const showing = (path: PropertyKey[], show: unknown) => {
    if (typeof show === 'string' && show !== OFF && !playlistNames.includes(show)) {
      issue(path, `names playlist "${show}", which is not in playlists (${defined(playlistNames)}); use one of them, or "off" for a dark screen`);
    }
  };
  for (const name of scheduleNames) {
    const schedule = schedules![name];
    if (!isPlainObject(schedule)) continue;
    if (Array.isArray(schedule['rules'])) {
      schedule['rules'].forEach((rule: unknown, i) => {
        if (isPlainObject(rule)) showing(['schedules', name, 'rules', i, 'show'], rule['show']);
      });
    }
    showing(['schedules', name, 'otherwise'], schedule['otherwise']);
  }

  if (!Array.isArray(raw['screens'])) return;
  const ids = new Map<string, number>();
  const displays = new Map<string, number>();
  raw['screens'].forEach((screen: unknown, i) => {
    if (!isPlainObject(screen)) return;
    const id = screen['id'];
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first !== undefined) issue(['screens', i, 'id'], `is screens[${first}]'s id too; give every screen its own id`);
      else ids.set(id, i);
    }
    const display = displayKey(screen['display']);
    if (display !== undefined) {
      const first = displays.get(display);
      if (first !== undefined) issue(['screens', i, 'display'], `names the same display as screens[${first}]; a display shows one screen, so point this one at another display`);
      else displays.set(display, i);
    }
    const playlist = screen['playlist'];
    if (typeof playlist === 'string' && !playlistNames.includes(playlist)) {
      issue(['screens', i, 'playlist'], `names playlist "${playlist}", which is not in playlists (${defined(playlistNames)})`);
    }
    const schedule = screen['schedule'];
    if (typeof schedule === 'string' && !scheduleNames.includes(schedule)) {
      issue(['screens', i, 'schedule'], `names schedule "${schedule}", which is not in schedules (${defined(scheduleNames)})`);
    }
  });
}

/** One key per display a selector names as written (displays.ts compares labels trimmed, case-insensitively). */
function displayKey(d: unknown): string | undefined {
  if (d === 'primary') return d;
  if (!isPlainObject(d)) return undefined;
  if (typeof d['id'] === 'number') return `id:${d['id']}`;
  if (typeof d['label'] === 'string') return `label:${d['label'].trim().toLowerCase()}`;
  const p = d['position'];
  if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') return `position:${p[0]},${p[1]}`;
  return undefined;
}

/** Selections live in each app's engine session: a screen mounts its next slide while the current one shows, so
 * every embed of one app in a playlist starts from the same state (the rule content.embeds has, per playlist). */
function sameStartPerPlaylist(config: z.output<typeof qioskConfigObject>, ctx: z.RefinementCtx): void {
  for (const [name, playlist] of Object.entries(config.playlists ?? {})) {
    const where = playlist.slides.flatMap((slide, s) => slide.embeds.map((_, e) => ['playlists', name, 'slides', s, 'embeds', e]));
    const embeds = playlist.slides.flatMap((slide) => slide.embeds);
    for (const p of sameStartPerApp(embeds, config.content?.defaults, (i) => formatPath(where[i]!))) {
      ctx.addIssue({ code: 'custom', message: p.message, path: [...where[p.path[1] as number]!, ...p.path.slice(2)] });
    }
  }
}

export type EmbedConfig = z.output<typeof embedSchema>;
export type EmbedDefaults = z.output<typeof embedDefaultsSchema>;
export type SlideConfig = z.output<typeof slideSchema>;
export interface PlaylistConfig {
  slides: SlideConfig[];
}
export type ScreenConfig = {
  id: string;
  display: DisplaySelector;
  kiosk: boolean;
  zoom: number;
  hideCursor: boolean;
} & ({ playlist: string; schedule?: never } | { schedule: string; playlist?: never });
type ConfigObject = z.output<typeof qioskConfigObject>;

/** The validated config. Always a wall: today's content.embeds alone is one screen "main" on the primary display
 * showing playlist "main" of one slide; `content` keeps what applies to every screen (defaults, idle reset). */
export type QioskConfig = Omit<ConfigObject, 'content' | 'screens' | 'playlists' | 'schedules'> & {
  content: Omit<NonNullable<ConfigObject['content']>, 'embeds'>;
  screens: ScreenConfig[];
  playlists: Record<string, PlaylistConfig>;
  schedules: Record<string, Schedule>;
};

/** Only called on a config wallRules passed: a wall has screens and playlists, otherwise content.embeds is set. */
function resolveWall(c: ConfigObject): QioskConfig {
  const { content, screens, playlists, schedules, ...rest } = c;
  const kiosk = rest.kiosk.enabled;
  const { embeds, ...shared } = content ?? {};
  if (!screens) {
    return {
      ...rest,
      content: shared,
      screens: [{ id: 'main', display: 'primary', kiosk, zoom: 1, hideCursor: kiosk, playlist: 'main' }],
      playlists: { main: { slides: [{ embeds: embeds ?? [] }] } },
      schedules: {},
    };
  }
  const resolvedSchedules: Record<string, Schedule> = {};
  for (const [name, s] of Object.entries(schedules ?? {})) {
    resolvedSchedules[name] = { ...(s.timeZone === undefined ? {} : { timeZone: s.timeZone }), rules: s.rules, otherwise: s.otherwise };
  }
  const resolvedScreens = screens.map((s): ScreenConfig => {
    const common = { id: s.id, display: s.display, kiosk: s.kiosk ?? kiosk, zoom: s.zoom, hideCursor: s.hideCursor ?? s.kiosk ?? kiosk };
    return s.playlist !== undefined ? { ...common, playlist: s.playlist } : { ...common, schedule: s.schedule ?? '' };
  });
  return { ...rest, content: shared, screens: resolvedScreens, playlists: playlists ?? {}, schedules: resolvedSchedules };
}

export const qioskConfigSchema = qioskConfigObject
  // Runs even when a field has a type error, so every cross-reference problem is in the same pass.
  .superRefine((raw, ctx) => wallRules(raw, ctx), { when: (p) => isPlainObject(p.value) })
  .superRefine(sameStartPerPlaylist)
  .transform(resolveWall);

export type QioskConfigInput = z.input<typeof qioskConfigSchema>;
export type TenantConfig = QioskConfig['tenant'];
export type IdentityConfig = QioskConfig['identity'];
export type { EmbedUi };
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
  identity: {
    'os-user': Object.keys(osUserIdentitySchema.shape),
    map: Object.keys(mapIdentitySchema.shape),
    device: Object.keys(deviceIdentitySchema.shape),
  },
} as const;
