// What the status screen says, from the query string main put on its URL. Pure: no DOM here.
// Passers-by and staff read a fixed vocabulary: no URLs, ports, ids, codes or exception text, and "No action
// needed" only when Qiosk will heal by itself; otherwise "IT has been notified" with a short reason. The full
// detail (code, every config problem, the fix) is for IT: in the log, and in the IT view (hidden by default).

export interface StatusView {
  title: string;
  body: string;
  /** The one line under the body: "No action needed." or "IT has been notified: <reason>." */
  action: string;
  /** True when Qiosk heals this by itself, once the cause outside it is gone. */
  selfHealing: boolean;
  /** Epoch ms of the next automatic attempt, when main gave one. */
  retryAt?: number;
  /** Epoch ms since when the content has been unavailable. */
  since?: number;
  demo: boolean;
  /** For the IT view only: the code and main's admin lines (every config problem, with its fix). */
  it: { code: string; lines: string[] };
}

interface Wording {
  title: string;
  body: string;
  /** Absent: heals by itself. Present: what IT must look at, in a few staff words. */
  itReason?: string;
}

const RECONNECTING: Wording = { title: 'Reconnecting to the dashboards', body: 'The connection to Qlik is interrupted. The dashboards come back by themselves.' };
const SIGN_IN: Wording = { title: 'The dashboards can’t be shown', body: 'This screen cannot sign in to Qlik.', itReason: 'the screen’s Qlik sign-in needs attention' };
const ACCOUNT: Wording = { title: 'The dashboards can’t be shown', body: 'The Qlik account this screen uses is not active.', itReason: 'the screen’s Qlik account needs attention' };

const WORDING: Record<string, Wording> = {
  network: RECONNECTING,
  timeout: RECONNECTING,
  server_error: RECONNECTING,
  malformed_response: RECONNECTING,
  rate_limited: { title: 'Qlik asked for a short pause', body: 'The dashboards come back in a moment, by themselves.' },
  bad_credentials: SIGN_IN,
  invalid_grant_or_scope: SIGN_IN,
  origin_rejected: SIGN_IN,
  unexpected_status: SIGN_IN,
  secret_unavailable: { ...SIGN_IN, itReason: 'the screen’s Qlik key is missing on this computer' },
  unknown_user: ACCOUNT,
  disabled_user: ACCOUNT,
  capped: { title: 'The dashboards can’t be shown', body: 'This screen ran into the same problem again and again. It keeps trying, more slowly.', itReason: 'the screen keeps failing' },
  configuration: { title: 'This screen is not set up correctly', body: 'Its settings need to be fixed before the dashboards can be shown.', itReason: 'the screen’s settings need fixing' },
};
const UNKNOWN: Wording = { title: 'The dashboards are unavailable for now', body: 'They come back by themselves.' };

const MAX_IT_LINES = 100;
const MAX_LINE = 1000;

const epoch = (q: URLSearchParams, name: string): number | undefined => {
  const v = Number(q.get(name));
  return q.has(name) && Number.isFinite(v) && v > 0 ? v : undefined;
};

export function statusView(search: string): StatusView {
  const q = new URLSearchParams(search);
  const code = q.get('code') ?? '';
  const w = Object.hasOwn(WORDING, code) ? WORDING[code]! : UNKNOWN;
  const lines = (q.get('detail') ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, MAX_IT_LINES).map((l) => l.slice(0, MAX_LINE));
  const view: StatusView = {
    title: w.title,
    body: w.body,
    action: w.itReason ? `IT has been notified: ${w.itReason}.` : 'No action needed.',
    selfHealing: w.itReason === undefined,
    demo: q.get('demo') === '1',
    it: { code: code || '(none)', lines },
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

/** HH:MM in the kiosk's local time. */
export const clockText = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export const DEMO_BANNER = 'DEMO — sample data from Qiosk’s built-in test tenant, not from Qlik Cloud';
