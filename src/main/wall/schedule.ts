// Dayparting: which playlist a screen shows now, or `off`, from rules on weekdays and local times in one IANA
// time zone. Pure (the clock's time comes in), so every rule is a table test on a fake clock.
// Rules follow the wall clock of the zone:
// - the first rule that matches wins (list the exceptions first); when none matches, `otherwise` applies;
// - `from` is inclusive and `to` exclusive; `to` at or before `from` crosses midnight, and the part after
//   midnight belongs to the day the rule started (a Friday 22:00–06:00 rule covers Saturday 00:00–06:00);
//   `from` equal to `to` is the whole day;
// - spring forward: a time that does not exist that night starts or ends its rule at the first minute after
//   the jump; fall back: a time that happens twice applies both times (a rule ending at 02:30 ends at the
//   first 02:30, and matches again for the repeated half hour before the second).

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** What a screen shows: a playlist by name, or nothing (the display sleeps, no tenant session). */
export type Showing = string | 'off';
export const OFF = 'off';

export interface ScheduleRule {
  days: readonly Weekday[];
  /** "HH:MM", 24-hour local time. */
  from: string;
  to: string;
  show: Showing;
}

export interface Schedule {
  /** IANA zone, e.g. "Europe/Paris"; absent: the system's. */
  timeZone?: string;
  rules: readonly ScheduleRule[];
  otherwise: Showing;
}

export interface ScheduleState {
  show: Showing;
  /** The index of the rule that chose it, or undefined for `otherwise`. */
  rule: number | undefined;
  /** When to ask again: the next minute at which the answer changes (at most a week ahead). */
  until: number;
}

const MINUTE = 60_000;
const HORIZON_MINUTES = 8 * 24 * 60;

/** Minutes since local midnight of "HH:MM", or undefined when it is not a 24-hour time. */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Why `zone` is not a usable IANA time zone, or undefined. */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `"${zone}" is not an IANA time zone; use a name such as "Europe/Paris" or "America/New_York", or leave timeZone out for the system's`;
  }
}

interface LocalTime {
  day: number; // 0 = Sunday
  minute: number; // since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localTime(at: number, zone: string | undefined): LocalTime {
  const key = zone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { ...(zone ? { timeZone: zone } : {}), weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(at)) {
    if (p.type === 'weekday') day = WEEKDAYS.indexOf(p.value.slice(0, 3).toLowerCase() as Weekday);
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minute: hour * 60 + minute };
}

function matches(rule: ScheduleRule, t: LocalTime): boolean {
  const from = minutesOf(rule.from) ?? 0;
  const to = minutesOf(rule.to) ?? 0;
  const on = (d: number) => rule.days.includes(WEEKDAYS[(d + 7) % 7]!);
  if (from < to) return on(t.day) && t.minute >= from && t.minute < to;
  // Crosses midnight (or the whole day when from === to): the evening of its day, the morning after.
  return (on(t.day) && t.minute >= from) || (on(t.day - 1) && t.minute < to);
}

function evaluate(s: Schedule, at: number): { show: Showing; rule: number | undefined } {
  const t = localTime(at, s.timeZone);
  const i = s.rules.findIndex((r) => matches(r, t));
  return i >= 0 ? { show: s.rules[i]!.show, rule: i } : { show: s.otherwise, rule: undefined };
}

/** What the schedule shows at `now`, and until when. */
export function scheduleAt(s: Schedule, now: number): ScheduleState {
  const current = evaluate(s, now);
  // Rule boundaries and zone offsets fall on whole minutes: the answer can only change at one.
  const start = Math.floor(now / MINUTE) * MINUTE;
  for (let i = 1; i <= HORIZON_MINUTES; i++) {
    const at = start + i * MINUTE;
    const next = evaluate(s, at);
    if (next.show !== current.show || next.rule !== current.rule) return { ...current, until: at };
  }
  return { ...current, until: start + HORIZON_MINUTES * MINUTE };
}
