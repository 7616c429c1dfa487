// Real keychain failures, each produced for real in a child process with a D-Bus session (or none) of
// its own, so the suite's keyring is never locked or broken under the other tests.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithKeyring, inOwnSession, isolatedEnv, privateXdg, runStoreChild, tempDir, type StoreResult } from './keyring-env';

const ACCOUNT = 'failure-client-id';
const PLAN = [{ op: 'get' as const }, { op: 'set' as const, value: 'not-a-real-secret' }, { op: 'delete' as const }];

function expectAll(results: StoreResult[], code: string, reason?: string): void {
  expect(results.map((r) => r.op)).toEqual(['get', 'set', 'delete']);
  for (const r of results) {
    expect(r).toMatchObject({ ok: false, code, ...(reason ? { reason } : {}) });
  }
}

describeWithKeyring('keytar store failures on a real Secret Service', () => {
  it('no session bus and no $DISPLAY to autolaunch one -> keychain_unavailable (no_session_bus)', async () => {
    const results = await runStoreChild(ACCOUNT, PLAN, isolatedEnv(privateXdg(tempDir('nobus'))));
    expectAll(results, 'keychain_unavailable', 'no_session_bus');
    expect((results[0] as { message: string }).message).toMatch(/Cannot autolaunch D-Bus.*desktop login session/);
  });

  it('DBUS_SESSION_BUS_ADDRESS pointing at a dead socket -> keychain_unavailable (bus_unreachable)', async () => {
    const root = tempDir('deadbus');
    const env = isolatedEnv({ ...privateXdg(root), DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'no-bus-here')}` });
    const results = await runStoreChild(ACCOUNT, PLAN, env);
    expectAll(results, 'keychain_unavailable', 'bus_unreachable');
    expect((results[0] as { message: string }).message).toMatch(/Could not connect/);
  });

  it('a session bus with no Secret Service provider -> keychain_unavailable (no_provider)', async () => {
    const root = tempDir('noprovider');
    const config = join(root, 'bus.conf');
    // A session bus with no service directories, so nothing can be activated as org.freedesktop.secrets.
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${root}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const results = await runStoreChild(ACCOUNT, PLAN, isolatedEnv(privateXdg(root)), inOwnSession('activate', '', config));
    expectAll(results, 'keychain_unavailable', 'no_provider');
    expect((results[0] as { message: string }).message).toMatch(/gnome-keyring/);
  });

  it('gnome-keyring running with no login keyring -> keychain_unavailable (no_default_keyring), also for get', async () => {
    const env = isolatedEnv(privateXdg(tempDir('nologin')));
    const results = await runStoreChild(ACCOUNT, PLAN, env, inOwnSession('activate'));
    // libsecret answers get with null here; the store must not call that "missing".
    expectAll(results, 'keychain_unavailable', 'no_default_keyring');
    expect((results[1] as { message: string }).message).toMatch(/Object does not exist at path .*collection\/login/);
  });

  it('an existing login keyring that was not unlocked -> keychain_locked for get, set and delete', async () => {
    const env = isolatedEnv(privateXdg(tempDir('locked')));
    const password = randomUUID();
    const value = `stored-before-locking-${randomUUID()}`;

    // 1. Create the login keyring with a password and store an item in it.
    const setup = await runStoreChild(ACCOUNT, [{ op: 'set', value }], env, inOwnSession('unlock', password));
    expect(setup).toEqual([{ op: 'set', ok: true, value: null }]);

    // 2. A new session whose daemon starts without unlocking it: libsecret answers get with null and
    //    delete with false, yet the item exists, so the store must report "locked", not "missing".
    const locked = await runStoreChild(ACCOUNT, PLAN, env, inOwnSession('no-unlock'));
    expectAll(locked, 'keychain_locked');
    expect((locked[1] as { message: string }).message).toMatch(/locked collection.*Unlock the login keyring/);

    // 3. A wrong password leaves it locked too.
    expectAll(await runStoreChild(ACCOUNT, PLAN, env, inOwnSession('unlock', 'wrong-password')), 'keychain_locked');

    // 4. Unlocked with the right password, the item is still there: "locked" was the truth.
    const unlocked = await runStoreChild(ACCOUNT, [{ op: 'get' }, { op: 'delete' }], env, inOwnSession('unlock', password));
    expect(unlocked).toEqual([
      { op: 'get', ok: true, value },
      { op: 'delete', ok: true, value: true },
    ]);
  });
});
