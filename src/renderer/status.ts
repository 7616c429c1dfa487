// The status screen main shows while the content cannot be. It only displays; main brings the content back by
// itself. Text goes in through textContent only. Ctrl+Alt+I (or ?it=1) opens the details for IT.
import { clockText, countdownText, DEMO_BANNER, statusView } from './status-view';

const view = statusView(location.search);
const byId = (id: string) => document.getElementById(id)!;
byId('title').textContent = view.title;
byId('body').textContent = view.body;
byId('action').textContent = view.action;
byId('action').dataset['selfHealing'] = String(view.selfHealing);
if (view.demo) {
  byId('demo').textContent = DEMO_BANNER;
  byId('demo').hidden = false;
}

const facts: [string, string][] = [
  ['Code', view.it.code],
  ['Since', view.since ? new Date(view.since).toLocaleString() : '—'],
  ['Next attempt', view.retryAt ? new Date(view.retryAt).toLocaleString() : 'none scheduled'],
];
for (const [k, v] of facts) byId('it-facts').append(Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v }));
for (const line of view.it.lines) byId('it-lines').append(Object.assign(document.createElement('li'), { textContent: line }));
const itView = byId('it-view');
itView.hidden = new URLSearchParams(location.search).get('it') !== '1';
addEventListener('keydown', (e) => {
  if (e.ctrlKey && e.altKey && e.key.toLowerCase() === 'i') itView.hidden = !itView.hidden;
});

const tick = () => {
  const now = Date.now();
  byId('clock').textContent = clockText(now);
  byId('when').textContent = [view.since ? `Since ${clockText(view.since)}.` : '', countdownText(view.retryAt, now)].filter(Boolean).join(' ');
};
tick();
setInterval(tick, 1000);
