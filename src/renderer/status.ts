// The status screen main shows while the content cannot be. It only displays; main brings the content back by
// itself. It starts from its URL and then follows main's current status (code, next attempt) by polling, so a
// retry never reloads the page. Text goes in through textContent only. It holds no IT detail, and no key opens
// any: IT reads the cause's code and what to check in the PIN-protected admin view's "Status detail".
import { LAST_GOOD_PATH, STATUS_INFO_PATH } from '../shared/ipc-contract';
import { clockText, countdownText, DEMO_BANNER, statusView, type StatusView } from './status-view';

const POLL_MS = 1_000; // in-process, so cheap; main backs off from 1 s
const byId = (id: string) => document.getElementById(id)!;
let view = statusView(location.search);
let pictureAt: number | undefined;
/** The screen this page stands in for (main names it in the URL): its status and picture are asked for. */
const screen = new URLSearchParams(location.search).get('screen');
const forScreen = (q: URLSearchParams) => {
  if (screen !== null) q.set('screen', screen);
  return q.toString();
};

function render(v: StatusView): void {
  byId('title').textContent = v.title;
  byId('body').textContent = v.body;
  byId('action').textContent = v.action;
  byId('action').dataset['selfHealing'] = String(v.selfHealing);
  byId('demo').textContent = DEMO_BANNER;
  byId('demo').hidden = !v.demo;
  showPicture(v);
  tick();
}

/** The last good picture, dimmed, under "Data as of 10:42 — reconnecting"; the plain screen when none. */
function showPicture(v: StatusView): void {
  const img = byId('last-good') as HTMLImageElement;
  const banner = byId('as-of');
  document.body.classList.toggle('with-picture', pictureAt !== undefined);
  img.hidden = banner.hidden = pictureAt === undefined;
  if (pictureAt === undefined) return;
  const src = `${LAST_GOOD_PATH}?${forScreen(new URLSearchParams({ at: String(pictureAt) }))}`;
  if (img.getAttribute('src') !== src) img.src = src;
  banner.textContent = `Data as of ${clockText(pictureAt)}${v.selfHealing ? ' — reconnecting' : ''}`;
}

function tick(): void {
  const now = Date.now();
  byId('clock').textContent = clockText(now);
  byId('when').textContent = [view.since ? `Since ${clockText(view.since)}.` : '', countdownText(view.retryAt, now)].filter(Boolean).join(' ');
}

/** Main's current status; none (404, or a file:// start-up page) keeps what the URL said. */
async function poll(): Promise<void> {
  if (!location.protocol.startsWith('http')) return;
  try {
    const res = await fetch(`${STATUS_INFO_PATH}?${forScreen(new URLSearchParams())}`, { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) return;
    const { query, pictureAt: at } = (await res.json()) as { query?: unknown; pictureAt?: unknown };
    if (typeof query !== 'string') return;
    pictureAt = typeof at === 'number' && Number.isFinite(at) && at > 0 ? at : undefined;
    view = statusView(`?${query}`);
    render(view);
  } catch {
    /* main is busy or gone: keep showing what we have */
  }
}

render(view);
void poll(); // at once: the picture, if there is one, replaces the blank screen without waiting a second
setInterval(tick, 1000);
setInterval(() => void poll(), POLL_MS);
