// An in-memory keytar that behaves like libsecret as measured against gnome-keyring 42 (see
// test/integration/secrets): a locked collection answers null/false to reads and deletes and rejects
// writes with "Cannot create an item in a locked collection".
import type { KeytarLike } from '../../../../src/main/secrets/keytar-store';

export const LIBSECRET = {
  noBusNoDisplay: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  noBusAutolaunchFailed:
    'Error spawning command line “dbus-launch --autolaunch=3d1219c7c4c5404aaa1f6d2a48adfda4 --binary-syntax --close-stderr”: Child process exited with code 1',
  deadSocket: 'Could not connect: No such file or directory',
  refusedSocket: 'Could not connect: Connection refused',
  noProvider: 'The name org.freedesktop.secrets was not provided by any .service files',
  noLoginCollection: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
  lockedCollection: 'Cannot create an item in a locked collection',
  lockedObject: 'Cannot get secret of a locked object',
} as const;

type Op = 'get' | 'set' | 'delete';

export interface FakeKeytar extends KeytarLike {
  items: Map<string, string>;
  calls: Array<{ op: Op; service: string; account: string }>;
  /** Every call rejects with this message (bus gone, no provider …). */
  failAll?: string;
  /** Only writes reject with this message; reads answer null and deletes false (locked / no keyring). */
  failWrites?: string;
}

const key = (service: string, account: string) => `${service}\u0000${account}`;

export function createFakeKeytar(init: Partial<Pick<FakeKeytar, 'failAll' | 'failWrites'>> = {}): FakeKeytar {
  const fake: FakeKeytar = {
    ...init,
    items: new Map(),
    calls: [],
    async getPassword(service, account) {
      fake.calls.push({ op: 'get', service, account });
      if (fake.failAll) throw new Error(fake.failAll);
      if (fake.failWrites) return null;
      return fake.items.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      fake.calls.push({ op: 'set', service, account });
      if (fake.failAll) throw new Error(fake.failAll);
      if (fake.failWrites) throw new Error(fake.failWrites);
      fake.items.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      fake.calls.push({ op: 'delete', service, account });
      if (fake.failAll) throw new Error(fake.failAll);
      if (fake.failWrites) return false;
      return fake.items.delete(key(service, account));
    },
  };
  return fake;
}

export function stored(fake: FakeKeytar, service: string, account: string): string | undefined {
  return fake.items.get(key(service, account));
}

/** The keytar-store module with the client secret of validRaw() (client "abc123") in an in-memory keychain: for
 * `vi.mock('…/keytar-store', (importOriginal) => keytarStoreWithSecret(importOriginal))` in entry tests. */
export async function keytarStoreWithSecret(importOriginal: <T>() => Promise<T>) {
  const real = await importOriginal<typeof import('../../../../src/main/secrets/keytar-store')>();
  const { KEYCHAIN_SERVICE } = await import('../../../../src/main/secrets/secret-store');
  const keytar = createFakeKeytar();
  await keytar.setPassword(KEYCHAIN_SERVICE, 'abc123', 'a-test-client-secret-0123456789');
  return { ...real, createKeytarStore: () => real.createKeytarStore(keytar) };
}
