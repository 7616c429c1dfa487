// The admin session on the fake clock: the PIN gate's lockout through the unlock channel, every other admin call
// refused while locked (and after 5 idle minutes, or once the admin window closed), and leaving kiosk mode
// that comes back by itself after exactly N minutes.
import { describe, expect, it, vi } from 'vitest';
import { ADMIN_LOCKED, createAdminSession, NO_ADMIN_PIN, registerAdmin } from '../../../../src/main/admin/admin-session';
import { createPinGate, hashPin } from '../../../../src/main/admin/pin';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { ADMIN_IDLE_MS } from '../../../../src/shared/admin-api';
import { Channels, type Diagnostics } from '../../../../src/shared/ipc-contract';
import { FakeClock } from '../../../support/fake-clock';

const PIN = '493817';
const WRONG = '000001';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const HASH = await hashPin(PIN, CHEAP);
const CALLER = { webContentsId: 9, url: 'http://localhost:47321/admin.html' };
const MIN = 60_000;
const DIAG: Diagnostics = {
  version: '0.1.0', leaveMinutesMax: 15, configSources: ['/etc/qiosk/policy.json'], identity: 'kiosk@corp.example', token: { state: 'valid' },
  displays: [], screens: [], heals: [], logFile: '/var/log/qiosk/main.log',
};

function setup(leaveMinutesMax = 60) {
  const clock = new FakeClock();
  const log = createMemoryLog('admin');
  const hooks = { diagnostics: vi.fn(() => DIAG), leaveKiosk: vi.fn(), returnToKiosk: vi.fn(), reloadScreen: vi.fn((id: string) => id === 'lobby'), quit: vi.fn() };
  const session = createAdminSession({ gate: createPinGate(HASH, clock), clock, log, hooks, leaveMinutesMax });
  const h = session.handlers;
  const call = {
    unlock: (pin: string) => h[Channels.adminUnlock](CALLER, pin),
    diagnostics: () => h[Channels.adminDiagnostics](CALLER),
    leave: (minutes: number) => h[Channels.adminLeaveKiosk](CALLER, minutes),
    reload: (id: string) => h[Channels.adminReloadScreen](CALLER, id),
    quit: () => h[Channels.adminQuit](CALLER),
  };
  return { clock, log, hooks, session, call };
}

describe('unlocking', () => {
  it('three wrong PINs are free, then locked out for 30 s, 60 s, 120 s (retryAt on the clock); the PIN is never logged', async () => {
    const { clock, log, call } = setup();
    for (let i = 0; i < 3; i++) expect(await call.unlock(WRONG)).toEqual({ ok: false });
    const retries: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call.unlock(WRONG);
      expect(r.ok).toBe(false);
      const at = (r as { retryAt: number }).retryAt;
      retries.push(at - clock.now());
      clock.advance(at - clock.now());
    }
    expect(retries).toEqual([30_000, 60_000, 120_000]);
    expect(await call.unlock(PIN)).toEqual({ ok: true });
    expect(log.lines.join('\n')).not.toContain(PIN);
    expect(log.lines.join('\n')).not.toContain(WRONG);
    expect(log.lines.filter((l) => l.includes('wrong PIN'))).toHaveLength(6);
    expect(log.lines.filter((l) => l.includes('unlocked'))).toHaveLength(1);
  });

  it('while locked out even the right PIN answers with the same retryAt', async () => {
    const { clock, call } = setup();
    for (let i = 0; i < 4; i++) await call.unlock(WRONG);
    const lockedUntil = clock.now() + 30_000;
    clock.advance(10_000);
    expect(await call.unlock(PIN)).toEqual({ ok: false, retryAt: lockedUntil });
    clock.advance(20_000);
    expect(await call.unlock(PIN)).toEqual({ ok: true });
  });
});

describe('every other admin call needs the unlocked view', () => {
  it.each([
    ['diagnostics', (c: ReturnType<typeof setup>['call']) => c.diagnostics()],
    ['leave kiosk mode', (c: ReturnType<typeof setup>['call']) => c.leave(5)],
    ['reload a screen', (c: ReturnType<typeof setup>['call']) => c.reload('lobby')],
    ['quit', (c: ReturnType<typeof setup>['call']) => c.quit()],
  ])('%s is refused before unlocking, after a wrong PIN, after 5 idle minutes and after lock(); no hook runs', async (_name, act) => {
    const { clock, hooks, session, call } = setup();
    await expect(act(call)).rejects.toThrow(ADMIN_LOCKED);
    await call.unlock(PIN);
    await call.unlock(WRONG); // a wrong PIN locks an open view
    await expect(act(call)).rejects.toThrow(ADMIN_LOCKED);
    await call.unlock(PIN);
    clock.advance(ADMIN_IDLE_MS);
    await expect(act(call)).rejects.toThrow(ADMIN_LOCKED);
    await call.unlock(PIN);
    session.lock();
    await expect(act(call)).rejects.toThrow(ADMIN_LOCKED);
    for (const hook of Object.values(hooks)) expect(hook).not.toHaveBeenCalled();
  });

  it('each call while unlocked keeps it open for another 5 minutes', async () => {
    const { clock, session, call } = setup();
    await call.unlock(PIN);
    clock.advance(ADMIN_IDLE_MS - 1);
    await call.diagnostics();
    clock.advance(ADMIN_IDLE_MS - 1);
    expect(session.isUnlocked()).toBe(true);
    await expect(call.diagnostics()).resolves.toEqual(DIAG);
    clock.advance(ADMIN_IDLE_MS);
    expect(session.isUnlocked()).toBe(false);
  });

  it('unlocked: reload answers whether the screen reloaded; quit quits', async () => {
    const { hooks, call } = setup();
    await call.unlock(PIN);
    expect(await call.reload('lobby')).toEqual({ ok: true });
    expect(await call.reload('gone')).toEqual({ ok: false });
    await call.quit();
    expect(hooks.quit).toHaveBeenCalledOnce();
  });
});

describe('leaving kiosk mode', () => {
  it('comes back by itself after exactly N minutes, even with the view locked and its window closed', async () => {
    const { clock, hooks, session, call } = setup();
    await call.unlock(PIN);
    const until = clock.now() + 15 * MIN;
    expect(await call.leave(15)).toEqual({ until });
    expect(hooks.leaveKiosk).toHaveBeenCalledWith(until);
    expect(session.kioskLeftUntil()).toBe(until);
    expect(await call.diagnostics()).toEqual({ ...DIAG, kioskLeftUntil: until });
    session.lock();
    clock.advance(15 * MIN - 1);
    expect(hooks.returnToKiosk).not.toHaveBeenCalled();
    clock.advance(1);
    expect(hooks.returnToKiosk).toHaveBeenCalledOnce();
    expect(session.kioskLeftUntil()).toBeUndefined();
  });

  it('a second leave replaces the first: one return, at the new end', async () => {
    const { clock, hooks, call } = setup();
    await call.unlock(PIN);
    await call.leave(10);
    clock.advance(2 * MIN);
    const { until } = await call.leave(3);
    expect(until).toBe(clock.now() + 3 * MIN);
    clock.advance(3 * MIN);
    expect(hooks.returnToKiosk).toHaveBeenCalledOnce();
    clock.advance(10 * MIN);
    expect(hooks.returnToKiosk).toHaveBeenCalledOnce();
  });

  it('never for longer than config admin.leaveMinutes allows', async () => {
    const { clock, call } = setup(15);
    await call.unlock(PIN);
    expect(await call.leave(240)).toEqual({ until: clock.now() + 15 * MIN });
  });
});

describe('registerAdmin', () => {
  const ADMIN_CHANNELS = [Channels.adminUnlock, Channels.adminDiagnostics, Channels.adminLeaveKiosk, Channels.adminReloadScreen, Channels.adminQuit];

  it('gives main\'s registry the session\'s handler for each of the five admin channels', () => {
    const { session } = setup();
    const handle = vi.fn();
    registerAdmin({ handle }, session);
    expect(handle.mock.calls.map(([c]) => c)).toEqual(ADMIN_CHANNELS);
    expect(handle.mock.calls.map(([, h]) => h)).toEqual(ADMIN_CHANNELS.map((c) => session.handlers[c]));
  });

  it('without a PIN (no session) still answers every admin channel, each with a refusal', async () => {
    const handle = vi.fn();
    registerAdmin({ handle }, undefined);
    expect(handle.mock.calls.map(([c]) => c)).toEqual(ADMIN_CHANNELS);
    for (const [, h] of handle.mock.calls) await expect((h as (c: typeof CALLER, a?: unknown) => Promise<unknown>)(CALLER, PIN)).rejects.toThrow(NO_ADMIN_PIN);
  });
});
