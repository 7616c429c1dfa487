// What the admin window may do, and when: its five channels, behind the PIN gate (pin.ts). Pure: main's binder
// gives it the gate, the clock, the log and hooks onto the screens, and registers the handlers (registerAdmin).
// Without a configured PIN (config admin.pinHash) the binder creates no session at all, so the corner taps and
// the chord open nothing: there is nothing to unlock, and no admin channel has a handler.
import { ADMIN_IDLE_MS } from '../../shared/admin-api';
import { Channels, MAX_LEAVE_MINUTES, type Channel, type Diagnostics, type UnlockResult } from '../../shared/ipc-contract';
import type { Clock, Log } from '../core/ports';
import type { Handler } from '../ipc/register';
import type { PinAnswer } from './pin';

export interface AdminHooks {
  /** What the admin view shows (kioskLeftUntil is the session's own: it fills that in). */
  diagnostics(): Diagnostics;
  /** Leave kiosk mode (normal windows, the desktop reachable) until then; the session brings it back. */
  leaveKiosk(untilMs: number): void;
  returnToKiosk(): void;
  /** False when there is no such screen, or it is not open. */
  reloadScreen(id: string): boolean;
  quit(): void;
}

export interface AdminSessionDeps {
  gate: { attempt(pin: string): Promise<PinAnswer> };
  clock: Clock;
  log: Log;
  hooks: AdminHooks;
  /** The longest kiosk mode may be left for (config admin.leaveMinutes): a longer request is shortened to it. */
  leaveMinutesMax: number;
}

export type AdminChannel = typeof Channels.adminUnlock | typeof Channels.adminDiagnostics | typeof Channels.adminLeaveKiosk
  | typeof Channels.adminReloadScreen | typeof Channels.adminQuit;

/** What a locked session answers every call but unlock with (the admin page then asks for the PIN again). */
export const ADMIN_LOCKED = 'The admin view is locked: enter the PIN';

export function createAdminSession(d: AdminSessionDeps) {
  const { clock, log, hooks } = d;
  let unlockedUntil = 0; // idle expiry: every accepted call pushes it on
  let leave: { until: number; cancel: () => void } | undefined;

  /** Refuses unless unlocked and not idle for ADMIN_IDLE_MS; an accepted call counts as activity. */
  const unlocked = (what: string): void => {
    const now = clock.now();
    if (now >= unlockedUntil) {
      log.warn('admin call refused: the admin view is locked', { call: what, ...(unlockedUntil === 0 ? {} : { idleMinutes: ADMIN_IDLE_MS / 60_000 }) });
      unlockedUntil = 0;
      throw new Error(ADMIN_LOCKED);
    }
    unlockedUntil = now + ADMIN_IDLE_MS;
  };

  const backToKiosk = () => {
    leave = undefined;
    log.info('admin: back in kiosk mode');
    hooks.returnToKiosk();
  };

  const handlers: { [C in AdminChannel]: Handler<C> } = {
    // Never logs the PIN, nor anything derived from it: only that it was wrong, or that it opened.
    [Channels.adminUnlock]: async (_caller, pin): Promise<UnlockResult> => {
      const answer = await d.gate.attempt(pin);
      if (answer.ok) {
        unlockedUntil = clock.now() + ADMIN_IDLE_MS;
        log.info('admin view unlocked');
        return { ok: true };
      }
      unlockedUntil = 0;
      if (answer.why === 'no-pin') return { ok: false };
      log.warn('admin: wrong PIN', answer.retryAfterMs > 0 ? { lockedForSeconds: Math.ceil(answer.retryAfterMs / 1000) } : {});
      return answer.retryAfterMs > 0 ? { ok: false, retryAt: clock.now() + answer.retryAfterMs } : { ok: false };
    },
    [Channels.adminDiagnostics]: async () => {
      unlocked('diagnostics');
      const diagnostics = hooks.diagnostics();
      return leave ? { ...diagnostics, kioskLeftUntil: leave.until } : diagnostics;
    },
    // A second call replaces the first (a new end, one timer). Locking the view does not cancel it: kiosk mode
    // comes back by itself, whether or not anyone returns to the admin view.
    [Channels.adminLeaveKiosk]: async (_caller, minutes) => {
      unlocked('leave kiosk mode');
      const n = Math.min(minutes, d.leaveMinutesMax, MAX_LEAVE_MINUTES);
      const until = clock.now() + n * 60_000;
      leave?.cancel();
      leave = { until, cancel: clock.setTimeout(backToKiosk, n * 60_000) };
      log.info('admin: kiosk mode left', { minutes: n, until: new Date(until).toISOString() });
      hooks.leaveKiosk(until);
      return { until };
    },
    [Channels.adminReloadScreen]: async (_caller, id) => {
      unlocked('reload screen');
      const ok = hooks.reloadScreen(id);
      log.info('admin: screen reload', { screen: id, ok });
      return { ok };
    },
    [Channels.adminQuit]: async () => {
      unlocked('quit');
      log.warn('admin: quitting Qiosk');
      hooks.quit();
    },
  };

  return {
    handlers,
    /** The admin window closed: the next one asks for the PIN again. A kiosk-mode leave keeps running. */
    lock(): void {
      unlockedUntil = 0;
    },
    isUnlocked: (): boolean => clock.now() < unlockedUntil,
    /** Until when kiosk mode is left (epoch ms), if it is. */
    kioskLeftUntil: (): number | undefined => leave?.until,
  };
}

export type AdminSession = ReturnType<typeof createAdminSession>;

export const NO_ADMIN_PIN = 'No admin PIN is configured: the admin view is off';

/** Registers the session's handlers on main's IPC registry (sender kind 'admin': the admin window only). Without
 * a session (no PIN) every admin channel is still answered, with a refusal: main answers exactly the contract's
 * channels, and no admin window ever exists to call them. */
export function registerAdmin(registry: { handle<C extends Channel>(channel: C, handler: Handler<C>): void }, session: AdminSession | undefined): void {
  const off = async (): Promise<never> => {
    throw new Error(NO_ADMIN_PIN);
  };
  const h = session?.handlers;
  registry.handle(Channels.adminUnlock, h?.[Channels.adminUnlock] ?? off);
  registry.handle(Channels.adminDiagnostics, h?.[Channels.adminDiagnostics] ?? off);
  registry.handle(Channels.adminLeaveKiosk, h?.[Channels.adminLeaveKiosk] ?? off);
  registry.handle(Channels.adminReloadScreen, h?.[Channels.adminReloadScreen] ?? off);
  registry.handle(Channels.adminQuit, h?.[Channels.adminQuit] ?? off);
}
