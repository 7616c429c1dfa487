// The Electron entry as the admin CLI of an installed Qiosk (`qiosk secret check …`): the command runs in main with
// no window, without the single-instance lock (a running kiosk does not stop IT) and without waiting for ready, exits
// with the command's code, and its messages name the command as installed. The keychain is a fake here; the real
// executable is exercised in the Electron e2e tier (test/e2e/admin-cli.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadEntry } from '../../support/load-entry';

vi.mock('../../../src/main/adapters/electron-log-sink', () => ({ createElectronLogSink: () => () => {} }));
// The error class is imported when called: each test loads the entry afresh (vi.resetModules), and the error must be
// of that load's class.
vi.mock('../../../src/main/secrets/keytar-store', () => ({
  createKeytarStore: () => ({
    get: async (account: string) => {
      const { SecretStoreError } = await import('../../../src/main/secrets/secret-store');
      throw new SecretStoreError('secret_missing', { operation: 'get', account });
    },
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(false),
  }),
}));

afterEach(() => vi.restoreAllMocks());

async function load(packaged: boolean, args: string[]) {
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const e = await loadEntry({ packaged, args });
  return { ...e, said: stdout.mock.calls.map((c) => String(c[0])).join('') };
}

describe('src/main/index.ts: the admin CLI in the app\'s own executable', () => {
  it.each<[string, boolean, string]>([
    ['installed (qiosk secret check …)', true, 'qiosk secret set --client-id abc'],
    ['development (electron . secret check …)', false, 'npm run admin -- secret set --client-id abc'],
  ])('%s: runs the command, no lock, no window, exit code 1 for a missing secret', async (_name, packaged, names) => {
    const { app, BrowserWindow, said } = await load(packaged, ['secret', 'check', '--client-id', 'abc']);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(said).toMatch(/^missing: No Qlik OAuth client secret is stored/);
    expect(said).toContain(names);
  });

  it('a kiosk launch (no command) still takes the single-instance lock', async () => {
    const { app } = await load(true, ['--config', '/nonexistent/qiosk.json']);
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
  });
});
