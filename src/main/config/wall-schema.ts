// A wall (issue 16): screens, each on one display, showing a playlist of slides directly or through a schedule.
// Apart from schema.ts because the wall is a part of the config of its own: the screens, playlists and schedules
// keys, the rules between them, and how resolveWall turns every config into a wall. schema.ts puts these keys into
// the top-level object; this file must not import schema.ts, only embed-schema.ts (the embeds a slide holds).
// Each part checks its own fields here; how they name each other (ids, playlists, schedules, displays) is
// checked in wallRules below, in the same pass as everything else.
import { z } from 'zod';
import { sameStartPerApp } from './embed-defaults';
import { embedList, type ContentConfig } from './embed-schema';
import { isPlainObject } from '../../shared/plain-object';
import { MAX_SLIDES } from '../../shared/ipc-contract';
import { formatPath } from './errors';
import { minutesOf, OFF, timeZoneProblem, WEEKDAYS, type Schedule } from '../wall/schedule';
import type { DisplaySelector } from '../wall/displays';

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

/** What sameStartPerPlaylist and resolveWall read of the parsed top-level config object (schema.ts defines it). */
export interface WallConfigObject {
  kiosk: { enabled: boolean };
  content?: ContentConfig | undefined;
  screens?: z.output<typeof screenSchema>[] | undefined;
  playlists?: Record<string, z.output<typeof playlistSchema>> | undefined;
  schedules?: Record<string, z.output<typeof scheduleSchema>> | undefined;
}

/** The parts of a wall that name each other, and the choice between a wall and today's content.embeds, checked
 * on the raw input so each problem shows up in the same pass as every field error. */
export function wallRules(raw: Record<string, unknown>, ctx: z.RefinementCtx): void {
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
export function sameStartPerPlaylist(config: WallConfigObject, ctx: z.RefinementCtx): void {
  for (const [name, playlist] of Object.entries(config.playlists ?? {})) {
    const where = playlist.slides.flatMap((slide, s) => slide.embeds.map((_, e) => ['playlists', name, 'slides', s, 'embeds', e]));
    const embeds = playlist.slides.flatMap((slide) => slide.embeds);
    for (const p of sameStartPerApp(embeds, config.content?.defaults, (i) => formatPath(where[i]!))) {
      ctx.addIssue({ code: 'custom', message: p.message, path: [...where[p.path[1] as number]!, ...p.path.slice(2)] });
    }
  }
}

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

/** A parsed config object made a wall: the wall keys resolved, everything else as it was. */
export type ResolvedWall<C extends WallConfigObject> = Omit<C, 'content' | 'screens' | 'playlists' | 'schedules'> & {
  content: Omit<ContentConfig, 'embeds'>;
  screens: ScreenConfig[];
  playlists: Record<string, PlaylistConfig>;
  schedules: Record<string, Schedule>;
};

/** Only called on a config wallRules passed: a wall has screens and playlists, otherwise content.embeds is set. */
export function resolveWall<C extends WallConfigObject>(c: C): ResolvedWall<C> {
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
