// The Electron entry passes app.isPackaged and the machine policy's file access to the services: an installed
// (packaged) Qiosk with no policy shows the machine-policy screen and logs the fix; a development run with the
// same files falls through to the user's config, as before. (This machine's real policy path is not read: the
// policy adapter is replaced by one that finds none.)
import { afterEach, describe, expect, it, vi } from 'vitest';

type Mock = typeof import('../../mocks/electron');
const logged = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/main/adapters/electron-log-sink', () => ({ createElectronLogSink: () => (level: string, line: string) => void logged.push(`${level} ${line}`) }));
vi.mock('../../../src/main/adapters/machine-policy', () => ({
  nodeMachinePolicy: () => ({ defaultPath: async () => '/nonexistent/qiosk/policy.json', read: async () => ({ missing: true }) }),
}));

const argv = process.argv;
afterEach(() => void (process.argv = argv));

async function loadEntry(packaged: boolean) {
  vi.resetModules();
  const e = (await import('electron')) as unknown as Mock;
  e.BrowserWindow.instances = [];
  e.app.removeAllListeners();
  vi.clearAllMocks();
  logged.length = 0;
  e.app.isPackaged = packaged;
  process.argv = packaged ? ['/opt/Qiosk/qiosk', '--config', '/nonexistent/qiosk.json'] : ['electron', '.', '--config', '/nonexistent/qiosk.json'];
  try {
    await import('../../../src/main/index');
    // whenReady().then(main) and the first start-up attempt, however busy the machine
    await vi.waitFor(() => expect(e.BrowserWindow.instances[0]?.loadFile.mock.calls.length).toBeGreaterThan(0), { timeout: 5_000 });
  } finally {
    e.app.isPackaged = false;
  }
  const [win] = e.BrowserWindow.instances;
  const [, opts] = win!.loadFile.mock.calls[0] as unknown as [string, { query: Record<string, string> }];
  return opts.query;
}

describe('src/main/index.ts: the machine policy of an installed Qiosk', () => {
  it('installed, no policy: the "not set up yet" screen, and the log names where to install it', async () => {
    expect((await loadEntry(true)).code).toBe('machine_policy');
    expect(logged.some((l) => l.includes('/nonexistent/qiosk/policy.json: there is no machine policy here, and an installed Qiosk starts only with one'))).toBe(true);
  });

  it('a development run with the same files: the user\'s config decides, as before', async () => {
    expect((await loadEntry(false)).code).toBe('configuration');
    expect(logged.some((l) => l.includes('/nonexistent/qiosk.json: no configuration file here'))).toBe(true);
  });
});
