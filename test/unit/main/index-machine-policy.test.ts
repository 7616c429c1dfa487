// The Electron entry passes app.isPackaged and the machine policy's file access to the services: an installed
// (packaged) Qiosk with no policy shows the machine-policy screen and logs the fix; a development run with the
// same files falls through to the user's config, as before. (This machine's real policy path is not read: the
// policy adapter is replaced by one that finds none.)
import { describe, expect, it, vi } from 'vitest';
import { loadEntry } from '../../support/load-entry';

const logged = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/main/adapters/electron-log-sink', () => ({ createElectronLogSink: () => (level: string, line: string) => void logged.push(`${level} ${line}`) }));
vi.mock('../../../src/main/adapters/machine-policy', () => ({
  nodeMachinePolicy: () => ({ defaultPath: async () => '/nonexistent/qiosk/policy.json', read: async () => ({ missing: true }) }),
}));

/** The query of the first page main loads: the start-up problem screen's. */
async function loadEntryQuery(packaged: boolean) {
  logged.length = 0;
  const e = await loadEntry({ packaged, args: ['--config', '/nonexistent/qiosk.json'], until: (m) => (m.BrowserWindow.instances[0]?.loadFile.mock.calls.length ?? 0) > 0 });
  const [win] = e.BrowserWindow.instances;
  const [, opts] = win!.loadFile.mock.calls[0] as unknown as [string, { query: Record<string, string> }];
  return opts.query;
}

describe('src/main/index.ts: the machine policy of an installed Qiosk', () => {
  it('installed, no policy: the "not set up yet" screen, and the log names where to install it', async () => {
    expect((await loadEntryQuery(true)).code).toBe('machine_policy');
    expect(logged.some((l) => l.includes('/nonexistent/qiosk/policy.json: there is no machine policy here, and an installed Qiosk starts only with one'))).toBe(true);
  });

  it('a development run with the same files: the user\'s config decides, as before', async () => {
    expect((await loadEntryQuery(false)).code).toBe('configuration');
    expect(logged.some((l) => l.includes('/nonexistent/qiosk.json: no configuration file here'))).toBe(true);
  });
});
