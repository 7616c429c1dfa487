// The keytar store against the REAL gnome-keyring of scripts/with-keyring.sh (never a developer's).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as keytar from 'keytar';
import { expect, it } from 'vitest';
import { PROBE_ACCOUNT, PROBE_SERVICE, createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { KEYCHAIN_SERVICE, SecretStoreError } from '../../../src/main/secrets/secret-store';
import { describeWithKeyring, canaryScanRoots, filesContaining, tempDir } from './keyring-env';

describeWithKeyring('keytar store on a real Secret Service', () => {
  const started = Date.now();
  const canary = `CANARY-${randomUUID()}`;
  const account = `it-${randomUUID()}`;

  it('set / get / overwrite / delete round trip through gnome-keyring', async () => {
    const store = createKeytarStore(); // the default loader: the real native keytar
    await store.set(account, `${canary}\n`); // as piped from stdin
    // Another client of the same keychain sees it under the fixed service name, newline stripped.
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBe(canary);
    expect(await store.get(account)).toBe(canary);

    const replacement = `${canary}-rotated`;
    await store.set(account, replacement);
    expect(await store.get(account)).toBe(replacement);

    expect(await store.delete(account)).toBe(true);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('a missing secret is secret_missing, and the probe that confirmed it leaves nothing behind', async () => {
    const err = await createKeytarStore().get(`absent-${randomUUID()}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as SecretStoreError).code).toBe('secret_missing');
    expect(await keytar.getPassword(PROBE_SERVICE, PROBE_ACCOUNT)).toBeNull();
  });

  it('nothing was written elsewhere: no file in the keyring dirs, temp dirs or repo holds the canary', () => {
    // The scan must be able to see a plaintext copy, or its silence proves nothing.
    const decoy = join(tempDir('decoy'), 'leak.txt');
    writeFileSync(decoy, `x${canary}x`);
    expect(filesContaining(canaryScanRoots(), canary)).toEqual([decoy]);
    expect(filesContaining([tmpdir()], canary, started)).toEqual([decoy]);
    writeFileSync(decoy, 'gone');
    // gnome-keyring's login.keyring lives in XDG_DATA_HOME under the scanned root: it is encrypted.
    expect(filesContaining(canaryScanRoots(), canary)).toEqual([]);
    expect(filesContaining([tmpdir()], canary, started)).toEqual([]);
  });
});
