// The admin page (admin.html, in the admin window main opens on the escape gesture or chord): the PIN prompt,
// then the admin view. It only shows main's answers and asks main to act, through window[ADMIN_GLOBAL] (its own
// preload); main checks the PIN and every call. Text goes in through textContent only. Any refused call, or
// ADMIN_IDLE_MS without one (main locks then too), brings the PIN prompt back.
import { ADMIN_IDLE_MS, type AdminApi } from '../shared/admin-api';
import { ADMIN_GLOBAL, type Diagnostics } from '../shared/ipc-contract';
import {
  DEFAULT_LEAVE, diagnosticsFacts, durationText, healLines, LEAVE_CHOICES, leaveChoices, leaveText, PIN_MIN, pinAfterKey, reloadText, screenLine, statusFacts, unlockText,
} from './admin-view';

const api = (window as unknown as Record<string, AdminApi>)[ADMIN_GLOBAL]!;
const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '') => Object.assign(document.createElement(tag), { textContent: text });

let pin = '';
let lockedUntil = 0;
let leaveMinutes: number = DEFAULT_LEAVE;
let idle: ReturnType<typeof setTimeout> | undefined;

// ---- The PIN prompt ----

function showPin(message = ''): void {
  clearTimeout(idle);
  byId('admin-view').hidden = true;
  for (const id of ['status-facts', 'diag-facts', 'screen-list', 'heal-list', 'reload-list']) byId(id).replaceChildren(); // nothing left behind
  byId('pin-view').hidden = false;
  pin = '';
  byId('pin-message').textContent = message;
  renderPin();
}

function renderPin(): void {
  byId('pin-dots').textContent = '●'.repeat(pin.length);
  const locked = Date.now() < lockedUntil;
  for (const b of byId('keypad').querySelectorAll('button')) b.disabled = locked;
  if (locked) byId('pin-message').textContent = unlockText({ ok: false, retryAt: lockedUntil }, Date.now());
}

async function submit(): Promise<void> {
  if (Date.now() < lockedUntil) return;
  if (pin.length < PIN_MIN) {
    byId('pin-message').textContent = `The PIN has ${PIN_MIN} to 12 digits.`;
    return;
  }
  const tried = pin;
  pin = '';
  renderPin();
  const result = await api.unlock(tried).catch(() => undefined);
  if (!result) {
    byId('pin-message').textContent = 'Qiosk did not answer. Try again.';
    return;
  }
  if (result.ok) return void showAdmin();
  lockedUntil = result.retryAt ?? 0;
  byId('pin-message').textContent = unlockText(result, Date.now());
  renderPin();
}

function key(k: string): void {
  if (byId('pin-view').hidden || Date.now() < lockedUntil) return;
  if (k === 'Enter') return void submit();
  pin = pinAfterKey(pin, k);
  byId('pin-message').textContent = '';
  renderPin();
}

byId('keypad').addEventListener('click', (e) => {
  const k = (e.target as HTMLElement).closest('button')?.dataset['key'];
  if (k) key(k);
});
document.addEventListener('keydown', (e) => {
  if (byId('pin-view').hidden) return;
  if (/^[0-9]$/.test(e.key) || ['Backspace', 'Enter', 'Escape'].includes(e.key)) {
    e.preventDefault();
    key(e.key);
  }
});

// ---- The admin view ----

/** Calls main; a refusal means the session is locked (idle, or not unlocked): back to the PIN. */
async function call<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await fn();
    clearTimeout(idle);
    idle = setTimeout(() => showPin('Locked after 5 minutes without use. Enter the PIN again.'), ADMIN_IDLE_MS);
    return result;
  } catch {
    showPin('Locked. Enter the PIN again.');
    return undefined;
  }
}

async function showAdmin(): Promise<void> {
  byId('pin-view').hidden = true;
  byId('admin-view').hidden = false;
  byId('quit-confirm').hidden = true;
  byId('admin-message').textContent = '';
  await refresh();
}

async function refresh(): Promise<void> {
  const d = await call(() => api.diagnostics());
  if (d) render(d);
}

function facts(list: HTMLElement, rows: [string, string][]): void {
  list.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
}

function render(d: Diagnostics): void {
  const now = Date.now();
  const status = statusFacts(d);
  byId('status-none').hidden = status !== undefined;
  facts(byId('status-facts'), status ?? []);
  facts(byId('diag-facts'), diagnosticsFacts(d, now));
  byId('leave-state').textContent = `Kiosk mode: ${leaveText(d.kioskLeftUntil, now)}`;
  leaveMax = d.leaveMinutesMax;
  renderLeaveChoices();
  byId('screen-list').replaceChildren(...(d.screens.length ? d.screens.map((s) => el('li', screenLine(s))) : [el('li', 'No screens.')]));
  const heals = healLines(d);
  byId('heal-list').replaceChildren(...(heals.length ? heals.map((h) => el('li', h)) : [el('li', 'None since Qiosk started.')]));
  byId('reload-list').replaceChildren(...d.screens.map((s) => {
    const item = el('li');
    const button = el('button', `Reload screen ${s.id}`);
    const result = el('span');
    result.className = 'admin-note';
    button.type = 'button';
    button.addEventListener('click', async () => {
      const r = await call(() => api.reloadScreen(s.id));
      if (r) result.textContent = reloadText(r.ok);
    });
    item.append(button, result);
    return item;
  }));
}

let leaveMax: number = LEAVE_CHOICES.at(-1)!;
function renderLeaveChoices(): void {
  const choices = leaveChoices(leaveMax);
  if (!choices.includes(leaveMinutes)) leaveMinutes = choices.filter((m) => m <= leaveMinutes).at(-1) ?? choices[0]!;
  byId('leave-choices').replaceChildren(...choices.map((m) => {
    const b = el('button', durationText(m));
    b.type = 'button';
    b.setAttribute('aria-pressed', String(m === leaveMinutes));
    b.addEventListener('click', () => {
      leaveMinutes = m;
      renderLeaveChoices();
    });
    return b;
  }));
  byId('leave').textContent = `Leave kiosk mode for ${durationText(leaveMinutes)}`;
}

const actions: Record<string, () => void | Promise<void>> = {
  close: () => window.close(), // main locks the session when the admin window closes
  refresh,
  leave: async () => {
    if (await call(() => api.leaveKiosk(leaveMinutes))) await refresh(); // main's answer, shortened if IT set less
  },
  quit: () => void (byId('quit-confirm').hidden = false),
  'quit-cancel': () => void (byId('quit-confirm').hidden = true),
  'quit-now': async () => {
    byId('admin-message').textContent = 'Quitting…';
    await call(() => api.quit());
  },
};

document.addEventListener('click', (e) => {
  const name = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset['action'];
  if (name && actions[name]) void actions[name]();
});

renderLeaveChoices();
showPin();
setInterval(() => {
  if (!byId('pin-view').hidden && lockedUntil !== 0) {
    if (Date.now() >= lockedUntil) {
      lockedUntil = 0;
      byId('pin-message').textContent = 'Enter the PIN.';
    }
    renderPin();
  }
}, 1000);
