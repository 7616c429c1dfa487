// What the status screen says, from the query string main put on its URL. Pure: no DOM here.
// Passers-by and staff read a fixed vocabulary: no URLs, ports, ids, codes or exception text. Every claim is
// true: "No action needed" only while the cause can still go away by itself (main marks a transient cause
// `escalated` once it has lasted past its bound, and then it is IT's); a cause IT must fix says what to tell
// IT — never that IT "has been notified", because nothing notifies anyone from a screen. The full detail (code,
// every config problem, the fix) is for IT: in the log, and in the IT view (hidden by default).

export interface StatusView {
  title: string;
  body: string;
  /** The one line under the body: "No action needed." or "Please tell IT: <reason>." */
  action: string;
  /** True while Qiosk can still heal this by itself, once the cause outside it is gone. */
  selfHealing: boolean;
  /** Epoch ms of the next automatic attempt, when main gave one. */
  retryAt?: number;
  /** Epoch ms since when the content has been unavailable. */
  since?: number;
  demo: boolean;
  /** For the IT view only: the code, main's heading lines, and the numbered problems (each config problem). */
  it: { code: string; notes: string[]; problems: string[] };
}

interface Wording {
  title: string;
  body: string;
  /** Absent: heals by itself. Present: what to tell IT, in a few staff words. */
  itReason?: string;
}

/** A transient cause's words, and what it becomes once it has lasted too long to be an outage (`escalated`). */
interface Cause extends Wording {
  escalated?: Wording;
}

const STUCK_TITLE = 'The dashboards can’t be shown';
const RECONNECTING: Cause = {
  title: 'Reconnecting to the dashboards',
  body: 'The connection to Qlik is interrupted. The dashboards come back by themselves.',
  escalated: { title: STUCK_TITLE, body: 'This screen has not reached Qlik for a long time.', itReason: 'this screen cannot reach Qlik (check its network and its Qlik address)' },
};
const QLIK_FAILING: Cause = {
  ...RECONNECTING,
  escalated: { title: STUCK_TITLE, body: 'Qlik has not answered this screen properly for a long time.', itReason: 'Qlik keeps failing for this screen' },
};
const SIGN_IN: Cause = { title: STUCK_TITLE, body: 'This screen cannot sign in to Qlik.', itReason: 'the screen’s Qlik sign-in needs attention' };
const ACCOUNT: Cause = { title: STUCK_TITLE, body: 'The Qlik account this screen uses is not active.', itReason: 'the screen’s Qlik account needs attention' };

const WORDING: Record<string, Cause> = {
  network: RECONNECTING,
  timeout: RECONNECTING,
  server_error: QLIK_FAILING,
  malformed_response: QLIK_FAILING,
  rate_limited: {
    title: 'Qlik asked for a short pause',
    body: 'The dashboards come back in a moment, by themselves.',
    escalated: { title: STUCK_TITLE, body: 'Qlik has kept this screen waiting for a long time.', itReason: 'Qlik keeps limiting this screen' },
  },
  bad_credentials: SIGN_IN,
  invalid_grant_or_scope: SIGN_IN,
  origin_rejected: SIGN_IN,
  unexpected_status: SIGN_IN,
  secret_unavailable: { ...SIGN_IN, itReason: 'the screen’s Qlik key is missing on this computer' },
  unknown_user: ACCOUNT,
  disabled_user: ACCOUNT,
  capped: { title: STUCK_TITLE, body: 'This screen ran into the same problem again and again, so it now tries less often.', itReason: 'the screen keeps failing' },
  configuration: { title: 'This screen is not set up correctly', body: 'Its settings need to be fixed before the dashboards can be shown.', itReason: 'the screen’s settings need fixing' },
};
const UNKNOWN: Cause = {
  title: 'The dashboards are unavailable for now',
  body: 'They come back by themselves.',
  escalated: { title: STUCK_TITLE, body: 'They have been unavailable for a long time.', itReason: 'the screen cannot show its dashboards' },
};

/** Every status code main can show, for tests and the screenshot battery. */
export const STATUS_CODES = Object.keys(WORDING);

const MAX_IT_LINES = 100;
const MAX_LINE = 1000;
/** A problem line in main's detail ("  - file: path: message"); other lines are headings and notes. */
const PROBLEM = /^-\s+/;

const epoch = (q: URLSearchParams, name: string): number | undefined => {
  const v = Number(q.get(name));
  return q.has(name) && Number.isFinite(v) && v > 0 ? v : undefined;
};

export function statusView(search: string): StatusView {
  const q = new URLSearchParams(search);
  const code = q.get('code') ?? '';
  const cause = Object.hasOwn(WORDING, code) ? WORDING[code]! : UNKNOWN;
  const w: Wording = q.get('escalated') === '1' && cause.escalated ? cause.escalated : cause;
  const lines = (q.get('detail') ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, MAX_IT_LINES).map((l) => l.slice(0, MAX_LINE));
  const view: StatusView = {
    title: w.title,
    body: w.body,
    action: w.itReason ? `Please tell IT: ${w.itReason}.` : 'No action needed.',
    selfHealing: w.itReason === undefined,
    demo: q.get('demo') === '1',
    it: {
      code: code || '(none)',
      notes: lines.filter((l) => !PROBLEM.test(l)),
      problems: lines.filter((l) => PROBLEM.test(l)).map((l) => l.replace(PROBLEM, '')),
    },
  };
  const retryAt = epoch(q, 'retryAt');
  if (retryAt !== undefined) view.retryAt = retryAt;
  const since = epoch(q, 'since');
  if (since !== undefined) view.since = since;
  return view;
}

/** "Trying again in 1 min 05 s" / "Trying again now…": the screen's one countdown. */
export function countdownText(retryAt: number | undefined, now: number): string {
  if (retryAt === undefined) return 'Qiosk keeps trying by itself.';
  const s = Math.max(0, Math.ceil((retryAt - now) / 1000));
  if (s === 0) return 'Trying again now…';
  const m = Math.floor(s / 60);
  return `Trying again in ${m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`}.`;
}

/** The IT view's "Next attempt", in the same terms as the body's countdown. */
export const nextAttemptText = (retryAt: number | undefined): string =>
  retryAt === undefined ? 'Qiosk keeps trying (no fixed time)' : new Date(retryAt).toLocaleString();

/** HH:MM in the kiosk's local time. */
export const clockText = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export const DEMO_BANNER = 'DEMO — sample data from Qiosk’s built-in test tenant, not from Qlik Cloud';
