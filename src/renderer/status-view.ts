// What the status screen says, from the query string main put on its URL. Pure: no DOM here.
// Passers-by and staff read a fixed vocabulary: no URLs, ports, ids, codes or exception text. Every claim is
// true: "No action needed" only while the cause can still go away by itself (src/shared/status-codes.ts, the one
// table main also reads; main marks a passing cause `escalated` once it has lasted past its bound, and then it is
// IT's); a cause IT must fix says what to tell IT — never that IT "has been notified", because nothing notifies
// anyone from a screen.
// `it` holds fixed words per code for IT: the kind of problem and what to check. The status screen never shows
// them; the PIN-protected admin view's "Status detail" does (admin-view.ts). No free text is taken from the URL
// (a page could have made it): file paths, user names and every problem with its fix stay in Qiosk's log.
import { isStatusCode, passesByItself, STATUS_CAUSES, type StatusCode } from '../shared/status-codes';

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
  /** For IT, never on the status screen (the admin view's "Status detail"): the code, and fixed lines on what
   * it means and what IT should check. */
  it: { code: string; notes: string[] };
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

const WORDING: Record<StatusCode, Cause> = {
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
  machine_policy: { title: 'This screen is not set up yet', body: 'IT needs to finish setting it up before the dashboards can be shown.', itReason: 'this computer needs a valid Qiosk machine policy' },
  identity: { title: 'This screen is not set up correctly', body: 'It does not know which Qlik account to show the dashboards for.', itReason: 'the screen’s Qlik account needs setting up' },
  startup: { title: STUCK_TITLE, body: 'Qiosk could not start on this screen.', itReason: 'the screen cannot start' },
};
const UNKNOWN: Cause = {
  title: 'The dashboards are unavailable for now',
  body: 'They come back by themselves.',
  escalated: { title: STUCK_TITLE, body: 'They have been unavailable for a long time.', itReason: 'the screen cannot show its dashboards' },
};

/** What IT reads in the admin view's "Status detail", per code: the kind of problem and what to check. Fixed
 * words only. */
const IT_NOTES: Record<StatusCode, string> = {
  network: 'This screen cannot reach the Qlik tenant named in its settings. Check its network and proxy, and that the tenant is up.',
  timeout: 'The Qlik tenant did not answer in time. Check the network and proxy, and Qlik Cloud’s status.',
  server_error: 'The Qlik tenant answered with server errors. Check Qlik Cloud’s status.',
  malformed_response: 'The Qlik tenant’s answers could not be read (is a proxy or a sign-in portal in between?).',
  rate_limited: 'Qlik limits how often this screen’s OAuth client may sign in. Check what else uses the same client.',
  bad_credentials: 'Qlik refused the OAuth client id or secret. Check both: the id in the settings, the secret in this computer’s keychain.',
  invalid_grant_or_scope: 'Qlik refused the sign-in. Check that the OAuth client allows user impersonation with the configured scope.',
  origin_rejected: 'Qlik refused the page’s origin. Add Qiosk’s renderer origin to the OAuth client’s Allowed Origins.',
  unexpected_status: 'Qlik answered the sign-in in a way Qiosk does not know.',
  unknown_user: 'The Qlik user this screen signs in as does not exist. Check the identity settings and the users in Qlik.',
  disabled_user: 'The Qlik user this screen signs in as is disabled in Qlik.',
  secret_unavailable: 'The OAuth client secret is not in this computer’s keychain, or the keychain is locked. Store it with Qiosk’s secret tool, as the kiosk user, in their desktop session.',
  capped: 'The window failed again and again (crashes, or pages that kept failing). Qiosk tries the content every 5 minutes.',
  configuration: 'Qiosk’s settings (its config file or the machine policy) have problems. Once they are fixed, the screen starts by itself.',
  machine_policy: 'An installed Qiosk starts only with a machine policy that only administrators can change, which sets the tenant, identity and content and lists allowedTenantHosts, and never with a tenant on this computer. Install or fix it as Qiosk’s configuration guide says (“The machine policy”); the screen then starts by itself.',
  identity: 'The computer account running Qiosk has no Qlik user in the identity settings. Once it has, the screen starts by itself.',
  startup: 'Qiosk could not start. Once the cause is fixed, the screen starts by itself.',
};
const UNKNOWN_NOTE = 'Qiosk shows this screen while the dashboards are unavailable.';
const ESCALATED_NOTE = 'This has lasted too long to be a passing outage.';
/** Where the rest is: never on this screen, which anyone passing can read. */
export const IT_LOG_NOTE = 'The details (file names, user names, every problem with its fix) are in Qiosk’s log, main.log in Qiosk’s logs folder: never on this screen.';

/** Every status code main can show, for tests and the screenshot battery. */
export const STATUS_CODES: StatusCode[] = Object.keys(STATUS_CAUSES) as StatusCode[];

const epoch = (q: URLSearchParams, name: string): number | undefined => {
  const v = Number(q.get(name));
  return q.has(name) && Number.isFinite(v) && v > 0 ? v : undefined;
};

/** Reads only main's codes and times from `search`: any other parameter (free text a page could have written)
 * is ignored. */
export function statusView(search: string): StatusView {
  const q = new URLSearchParams(search);
  const code = q.get('code') ?? '';
  const known = isStatusCode(code);
  const cause = known ? WORDING[code] : UNKNOWN;
  const escalated = q.get('escalated') === '1';
  const w: Wording = escalated && cause.escalated ? cause.escalated : cause;
  // The table decides for main's codes; an unknown code keeps the generic words' promise.
  const selfHealing = known ? passesByItself(code, escalated) : w.itReason === undefined;
  const view: StatusView = {
    title: w.title,
    body: w.body,
    action: selfHealing ? 'No action needed.' : `Please tell IT: ${w.itReason ?? 'the screen cannot show its dashboards'}.`,
    selfHealing,
    demo: q.get('demo') === '1',
    it: {
      code: known ? code : '(unknown)',
      notes: [known ? IT_NOTES[code] : UNKNOWN_NOTE, ...(escalated && known && STATUS_CAUSES[code] === 'passes' ? [ESCALATED_NOTE] : []), IT_LOG_NOTE],
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

/** A next attempt as a time, in the same terms as the body's countdown. */
export const nextAttemptText = (retryAt: number | undefined): string =>
  retryAt === undefined ? 'Qiosk keeps trying (no fixed time)' : new Date(retryAt).toLocaleString();

/** HH:MM in the kiosk's local time. */
export const clockText = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export const DEMO_BANNER = 'DEMO — sample data from Qiosk’s built-in test tenant, not from Qlik Cloud';
