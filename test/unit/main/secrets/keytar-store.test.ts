import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROBE_SERVICE, classifyKeychainFailure, createKeytarStore } from '../../../../src/main/secrets/keytar-store';
import { KEYCHAIN_SERVICE, SecretStoreError, storeSecretCommand } from '../../../../src/main/secrets/secret-store';
import { LIBSECRET, createFakeKeytar, stored } from './fake-keytar';

const CLIENT_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const canary = () => `CANARY-${randomUUID()}`;

async function failure(p: Promise<unknown>): Promise<SecretStoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SecretStoreError);
  return e as SecretStoreError;
}

describe('createKeytarStore round trip', () => {
  it('stores under the fixed service with the client id as account, reads it back and deletes it', async () => {
    const keytar = createFakeKeytar();
    const store = createKeytarStore(keytar, { platform: 'linux' });
    const secret = canary();

    await store.set(CLIENT_ID, secret);
    expect(stored(keytar, KEYCHAIN_SERVICE, CLIENT_ID)).toBe(secret);
    expect(KEYCHAIN_SERVICE).toBe('qiosk.qlik-oauth-client-secret');
    await expect(store.get(CLIENT_ID)).resolves.toBe(secret);
    await expect(store.delete(CLIENT_ID)).resolves.toBe(true);
    expect(keytar.items.size).toBe(0);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['several newlines', '\n\n'],
  ])('strips a trailing newline (%s) that stdin usually carries', async (_name, tail) => {
    const keytar = createFakeKeytar();
    const secret = canary();
    await createKeytarStore(keytar).set(CLIENT_ID, secret + tail);
    expect(stored(keytar, KEYCHAIN_SERVICE, CLIENT_ID)).toBe(secret);
  });

  it.each([
    ['empty', ''],
    ['only a newline', '\n'],
    ['only whitespace', '  \t\r\n'],
  ])('refuses an %s secret without touching the keychain', async (_name, value) => {
    const keytar = createFakeKeytar();
    await expect(createKeytarStore(keytar).set(CLIENT_ID, value)).rejects.toThrow(/client secret is empty/);
    expect(keytar.calls).toEqual([]);
  });

  it('refuses a multi-line secret (a whole settings file piped by mistake) without echoing it', async () => {
    const keytar = createFakeKeytar();
    const secret = canary();
    const err = await createKeytarStore(keytar).set(CLIENT_ID, `client_id=x\nclient_secret=${secret}\n`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/spans several lines/);
    expect((err as Error).message).not.toContain(secret);
    expect(keytar.calls).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['padded', ` ${CLIENT_ID}`],
  ])('refuses an %s account (client id) with an actionable message', async (_name, account) => {
    const keytar = createFakeKeytar();
    const store = createKeytarStore(keytar);
    await expect(store.get(account)).rejects.toThrow(/client id/);
    await expect(store.set(account, canary())).rejects.toThrow(/client id/);
    await expect(store.delete(account)).rejects.toThrow(/client id/);
    expect(keytar.calls).toEqual([]);
  });
});

describe('createKeytarStore when nothing is stored', () => {
  it('reports secret_missing with the CLI command that stores it, and leaves no probe item behind', async () => {
    const keytar = createFakeKeytar();
    const err = await failure(createKeytarStore(keytar).get(CLIENT_ID));
    expect(err.code).toBe('secret_missing');
    expect(err.operation).toBe('get');
    expect(err.account).toBe(CLIENT_ID);
    expect(err.message).toContain(storeSecretCommand(CLIENT_ID));
    expect(err.message).toContain(KEYCHAIN_SERVICE);
    expect(keytar.items.size).toBe(0);
  });

  it('delete of an absent secret answers false', async () => {
    await expect(createKeytarStore(createFakeKeytar()).delete(CLIENT_ID)).resolves.toBe(false);
  });
});

describe('createKeytarStore maps keychain failures to typed errors', () => {
  it.each([
    [LIBSECRET.noBusNoDisplay, 'keychain_unavailable', 'no_session_bus', /D-Bus session bus/],
    [LIBSECRET.noBusAutolaunchFailed, 'keychain_unavailable', 'no_session_bus', /inside their desktop login session/],
    [LIBSECRET.deadSocket, 'keychain_unavailable', 'bus_unreachable', /DBUS_SESSION_BUS_ADDRESS/],
    [LIBSECRET.refusedSocket, 'keychain_unavailable', 'bus_unreachable', /DBUS_SESSION_BUS_ADDRESS/],
    [LIBSECRET.noProvider, 'keychain_unavailable', 'no_provider', /gnome-keyring/],
    [LIBSECRET.noLoginCollection, 'keychain_unavailable', 'no_default_keyring', /no default "login" keyring/],
    [LIBSECRET.lockedCollection, 'keychain_locked', undefined, /Unlock the login keyring/],
    [LIBSECRET.lockedObject, 'keychain_locked', undefined, /Unlock the login keyring/],
    ['GDBus.Error:org.example.Weird: something odd', 'keychain_error', undefined, /failed to get/],
  ])('%s -> %s', async (native, code, reason, fix) => {
    const err = await failure(createKeytarStore(createFakeKeytar({ failAll: native }), { platform: 'linux' }).get(CLIENT_ID));
    expect(err.code).toBe(code);
    expect(err.reason).toBe(reason);
    expect(err.message).toMatch(fix);
    expect(err.message).toContain(`client id "${CLIENT_ID}"`);
    expect(err.message).toContain(native); // the keychain's own words help an admin search for the cause
  });

  it('the generic Linux unavailable message names a Secret Service provider and a D-Bus session', async () => {
    const err = new SecretStoreError('keychain_unavailable', { operation: 'get', account: CLIENT_ID, platform: 'linux' });
    expect(err.message).toMatch(/Secret Service provider \(e\.g\. gnome-keyring\) and a D-Bus session bus are required/);
    expect(err.message).toMatch(/never falls back to a file/);
  });

  it('a read in a locked keyring (libsecret answers null) is keychain_locked, not secret_missing', async () => {
    const keytar = createFakeKeytar({ failWrites: LIBSECRET.lockedCollection });
    const err = await failure(createKeytarStore(keytar, { platform: 'linux' }).get(CLIENT_ID));
    expect(err.code).toBe('keychain_locked');
    expect(err.operation).toBe('get');
    // the only write was the non-secret probe, never the real slot
    expect(keytar.calls.filter((c) => c.op === 'set').map((c) => c.service)).toEqual([PROBE_SERVICE]);
  });

  it('a read with no default keyring (libsecret answers null) is keychain_unavailable', async () => {
    const keytar = createFakeKeytar({ failWrites: LIBSECRET.noLoginCollection });
    const err = await failure(createKeytarStore(keytar).get(CLIENT_ID));
    expect(err.code).toBe('keychain_unavailable');
    expect(err.reason).toBe('no_default_keyring');
  });

  it('a delete in a locked keyring (libsecret answers false) is keychain_locked', async () => {
    const keytar = createFakeKeytar({ failWrites: LIBSECRET.lockedCollection });
    const err = await failure(createKeytarStore(keytar).delete(CLIENT_ID));
    expect(err.code).toBe('keychain_locked');
    expect(err.operation).toBe('delete');
  });

  it('a failed set is typed, tried once, and nothing is written anywhere else', async () => {
    const keytar = createFakeKeytar({ failWrites: LIBSECRET.lockedCollection });
    const secret = canary();
    const err = await failure(createKeytarStore(keytar).set(CLIENT_ID, secret));
    expect(err.code).toBe('keychain_locked');
    expect(err.operation).toBe('set');
    expect(keytar.calls).toEqual([{ op: 'set', service: KEYCHAIN_SERVICE, account: CLIENT_ID }]);
    expect(keytar.items.size).toBe(0);
  });

  it('masks the secret if a keychain message ever echoes it', async () => {
    const secret = canary();
    const keytar = createFakeKeytar();
    keytar.setPassword = async (_s, _a, password) => {
      throw new Error(`refused value ${password}`);
    };
    const err = await failure(createKeytarStore(keytar).set(CLIENT_ID, `${secret}\n`));
    expect(err.code).toBe('keychain_error');
    expect(err.message).toContain('refused value [redacted]');
    expect(err.message).not.toContain(secret);
    expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).not.toContain(secret);
  });

  it('turns a synchronous throw from the module into a typed rejection', async () => {
    const keytar = createFakeKeytar();
    keytar.getPassword = () => {
      throw new Error(LIBSECRET.deadSocket);
    };
    expect((await failure(createKeytarStore(keytar).get(CLIENT_ID))).code).toBe('keychain_unavailable');
  });

  it('a native module that fails to load is keychain_unavailable on use, and is retried on the next call', async () => {
    const keytar = createFakeKeytar();
    let attempts = 0;
    const store = createKeytarStore(() => {
      attempts++;
      if (attempts === 1) throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      return keytar;
    }, { platform: 'linux' });
    expect(attempts).toBe(0); // nothing loads until the keychain is needed
    const err = await failure(store.get(CLIENT_ID));
    expect(err.code).toBe('keychain_unavailable');
    expect(err.reason).toBe('module_unavailable');
    expect(err.message).toMatch(/libsecret-1\.so\.0.*apt-get install libsecret-1-0/);
    await store.set(CLIENT_ID, 'second-try-0123456789');
    expect(stored(keytar, KEYCHAIN_SERVICE, CLIENT_ID)).toBe('second-try-0123456789');
  });

  it('gives platform-specific unlock advice', () => {
    const mac = new SecretStoreError('keychain_locked', { operation: 'get', account: CLIENT_ID, platform: 'darwin' });
    expect(mac.message).toMatch(/security unlock-keychain/);
    expect(classifyKeychainFailure('User interaction is not allowed.').code).toBe('keychain_locked');
  });
});
