// The Electron entry with a dangerous launch switch: an installed (packaged) Qiosk says why on stderr and in the
// log and exits 1 before it takes the single-instance lock, reads a config or opens a window; a development run
// starts as usual.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadEntry } from '../../support/load-entry';
import { until } from '../../support/until';

const logged = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/main/adapters/electron-log-sink', () => ({ createElectronLogSink: () => (level: string, line: string) => void logged.push(`${level} ${line}`) }));

afterEach(() => vi.restoreAllMocks());

async function load(packaged: boolean, args: string[]) {
  logged.length = 0;
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { ...(await loadEntry({ packaged, args })), stderr };
}

describe('src/main/index.ts: dangerous launch switches', () => {
  it('an installed Qiosk with --remote-debugging-port says why and exits 1 before anything else', async () => {
    const { app, BrowserWindow, stderr } = await load(true, ['--remote-debugging-port=9222', '--config', '/nonexistent/qiosk.json']);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    const said = stderr.mock.calls.map((call) => String(call[0])).join('');
    expect(said).toMatch(/installed Qiosk refuses --remote-debugging-port \(remote debugging\).*remove the switch from the shortcut/);
    expect(said.trim().split('\n')).toHaveLength(1);
    expect(logged.filter((l) => l.startsWith('error ') && l.includes('--remote-debugging-port'))).toHaveLength(1);
  });

  it('a development run with the same switch starts as usual', async () => {
    const { app, BrowserWindow } = await load(false, ['--remote-debugging-port=9222', '--config', '/nonexistent/qiosk.json']);
    expect(app.whenReady).toHaveBeenCalled();
    await until(() => BrowserWindow.instances.length > 0, 5_000, 'the bad config\'s status window');
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('an installed Qiosk without dangerous switches is not refused for them', async () => {
    const { app } = await load(true, ['--config', '/nonexistent/qiosk.json']);
    expect(app.exit).not.toHaveBeenCalledWith(1);
    expect(app.whenReady).toHaveBeenCalled();
  });
});
