// What the status screen says, from the query string main put on its URL. Pure: no DOM here.
export interface StatusView {
  title: string;
  detail: string;
  /** Epoch ms of the next automatic attempt, when main gave one. */
  retryAt?: number;
}

const TITLES: Record<string, string> = {
  network: 'Qlik Cloud cannot be reached',
  timeout: 'Qlik Cloud is not answering',
  server_error: 'Qlik Cloud is having trouble',
  rate_limited: 'Qlik Cloud asked us to slow down',
  malformed_response: 'Qlik Cloud sent an unexpected answer',
  bad_credentials: 'Qlik sign-in is not set up correctly',
  invalid_grant_or_scope: 'Qlik sign-in is not set up correctly',
  origin_rejected: 'Qlik sign-in is not set up correctly',
  unexpected_status: 'Qlik sign-in is not set up correctly',
  secret_unavailable: 'The Qlik client secret is not available on this machine',
  unknown_user: 'This user is not known to Qlik Cloud',
  disabled_user: 'This user is disabled in Qlik Cloud',
  configuration: 'Qiosk is not configured correctly',
};

const MAX_DETAIL = 600;

export function statusView(search: string): StatusView {
  const q = new URLSearchParams(search);
  const code = q.get('code') ?? '';
  const detail = (q.get('message') ?? '').slice(0, MAX_DETAIL);
  const view: StatusView = { title: TITLES[code] ?? 'Qlik content is temporarily unavailable', detail };
  const retryAt = Number(q.get('retryAt'));
  if (q.has('retryAt') && Number.isFinite(retryAt) && retryAt > 0) view.retryAt = retryAt;
  return view;
}

/** "Trying again in 1 min 05 s" / "Trying again now…"; the screen goes back to content by itself. */
export function countdownText(retryAt: number | undefined, now: number): string {
  if (retryAt === undefined) return 'Qiosk keeps trying and will show the content again by itself.';
  const s = Math.max(0, Math.ceil((retryAt - now) / 1000));
  if (s === 0) return 'Trying again now…';
  const m = Math.floor(s / 60);
  return `Trying again in ${m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`}. No action needed.`;
}
