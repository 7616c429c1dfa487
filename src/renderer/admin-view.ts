// What the admin page shows, from main's answers. Pure: no DOM here (admin.ts puts it on the page with
// textContent only). The admin view is behind the PIN and for IT, so it may name paths, users and codes; it still
// never holds a secret: main sends the token's state and expiry, never the token.
import type { AdminScreen, Diagnostics, UnlockResult } from '../shared/ipc-contract';
import { clockText, IT_LOG_NOTE, nextAttemptText, statusView } from './status-view';

export const PIN_MIN = 6;
export const PIN_MAX = 12;
/** The "Leave kiosk mode for" choices, in minutes (main shortens any beyond config admin.leaveMinutes). */
export const LEAVE_CHOICES = [5, 15, 30, 60, 120, 240] as const;

/** The choices the policy allows: those up to its maximum, and the maximum itself. */
export function leaveChoices(max: number): number[] {
  const within = LEAVE_CHOICES.filter((m) => m <= max);
  return within.at(-1) === max ? within : [...within, max];
}
export const DEFAULT_LEAVE = 15;

/** "5 minutes", "1 hour", "2 hours": a leave choice, on its button and in "Leave kiosk mode for …". */
export const durationText = (minutes: number): string =>
  minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;

/** The PIN after one key (the keypad's or the keyboard's): digits up to PIN_MAX, Backspace, Clear/Escape. */
export function pinAfterKey(pin: string, key: string): string {
  if (/^[0-9]$/.test(key)) return pin.length < PIN_MAX ? pin + key : pin;
  if (key === 'Backspace') return pin.slice(0, -1);
  if (key === 'Clear' || key === 'Escape') return '';
  return pin;
}

/** "in 25 s", "in 2 min 05 s", "in 38 min" (no seconds once it is long). */
export function inText(at: number, now: number): string {
  const s = Math.max(0, Math.ceil((at - now) / 1000));
  if (s < 60) return `in ${s} s`;
  const m = Math.floor(s / 60);
  if (m >= 10) return `in ${m} min`;
  return `in ${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Under the PIN after main's answer: nothing once unlocked, else what went wrong and when to try again. */
export function unlockText(result: UnlockResult, now: number): string {
  if (result.ok) return '';
  if (result.retryAt !== undefined && result.retryAt > now) return `Too many wrong PINs. Try again ${inText(result.retryAt, now)}.`;
  return 'Wrong PIN. Try again.';
}

export function leaveText(until: number | undefined, now: number): string {
  if (until === undefined || until <= now) return 'On: the screens show the dashboards, full screen.';
  return `Off until ${clockText(until)} (${inText(until, now)}). It comes back by itself.`;
}

function tokenText(t: Diagnostics['token'], now: number): string {
  if (t.expiresAt === undefined) return t.state;
  return `${t.state}, ${t.expiresAt > now ? `expires at ${clockText(t.expiresAt)} (${inText(t.expiresAt, now)})` : `expired at ${clockText(t.expiresAt)}`}`;
}

const orNone = (lines: readonly string[], none: string) => (lines.length > 0 ? lines.join('\n') : none);

/** The Diagnostics section's facts, as label and value (a value may have several lines). */
export function diagnosticsFacts(d: Diagnostics, now: number): [string, string][] {
  return [
    ['Qiosk version', d.version],
    ['Settings from', orNone(d.configSources, 'none')],
    ['Qlik user', d.identity],
    ['Sign-in token', tokenText(d.token, now)],
    ['Displays', orNone(d.displays, 'none found')],
    ['Kiosk mode', leaveText(d.kioskLeftUntil, now)],
    ['Log file', d.logFile],
  ];
}

/** One screen in plain words: "lobby: shows sales, slide 3, on DELL U2720Q (healthy)". */
export function screenLine(s: AdminScreen): string {
  if (!s.open) return `${s.id}: not open${s.display ? ` (display ${s.display})` : ''}`;
  const what = s.showing ? `shows ${s.showing}${s.slide !== undefined ? `, slide ${s.slide + 1}` : ''}` : 'open';
  return `${s.id}: ${what}${s.display ? `, on ${s.display}` : ''}${s.state ? ` (${s.state})` : ''}`;
}

export const MAX_HEALS_SHOWN = 20;

/** Recent heals, newest first: "10:42 lobby: renderer crashed → new window". */
export function healLines(d: Diagnostics): string[] {
  return [...d.heals].sort((a, b) => b.at - a.at).slice(0, MAX_HEALS_SHOWN).map((h) => `${clockText(h.at)} ${h.screen}: ${h.cause} → ${h.rung}`);
}

/** The IT detail of the status screen showing now, with what to check for its code (the status screen's own
 * fixed words, status-view.ts); undefined when none is showing. */
export function statusFacts(d: Diagnostics): [string, string][] | undefined {
  if (!d.status) return undefined;
  const check = statusView(`?${new URLSearchParams({ code: d.status.code }).toString()}`).it.notes.filter((n) => n !== IT_LOG_NOTE);
  return [['Screen', d.status.screen], ['Code', d.status.code], ['Detail', d.status.message], ['Next attempt', nextAttemptText(d.status.retryAt)], ['What to check', check.join('\n')]];
}

export const reloadText = (ok: boolean): string => (ok ? 'Reloaded.' : 'Not reloaded: this screen is not open.');
