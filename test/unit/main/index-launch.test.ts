// The Electron entry with a dangerous launch switch: an installed (packaged) Qiosk says why on stderr and in the
// log and exits 1 before it takes the single-instance lock, reads a config or opens a window; a development run
// starts as usual.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../../support/until';

type Mock = typeof import('../../mocks/electron');
const logged = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/main/adapters/electron-log-sink', () => ({ createElectronLogSink: () => (level: string, line: string) => void logged.push(`${level} ${line}`) }));

const argv = process.argv;
afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
});

async function loadEntry(packaged: boolean, args: string[]) {
  vi.resetModules();
  const e = (await import('electron')) as unknown as Mock;
  e.BrowserWindow.instances = [];
  e.app.removeAllListeners();
  vi.clearAllMocks();
  logged.length = 0;
  e.app.isPackaged = packaged;
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  // A packaged build's argv: the program, then its switches (no app path).
  process.argv = packaged ? ['/opt/Qiosk/qiosk', ...args] : ['electron', '.', ...args];
  try {
    await import('../../../src/main/index');
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    e.app.isPackaged = false;
  }
  return { ...e, stderr };
}

describe('src/main/index.ts: dangerous launch switches', () => {
  it('an installed Qiosk with --remote-debugging-port says why and exits 1 before anything else', async () => {
    const { app, BrowserWindow, stderr } = await loadEntry(true, ['--remote-debugging-port=9222', '--config', '/nonexistent/qiosk.json']);
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
    const { app, BrowserWindow } = await loadEntry(false, ['--remote-debugging-port=9222', '--config', '/nonexistent/qiosk.json']);
    expect(app.whenReady).toHaveBeenCalled();
    await until(() => BrowserWindow.instances.length > 0, 5_000, 'the bad config\'s status window');
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('an installed Qiosk without dangerous switches is not refused for them', async () => {
    const { app } = await loadEntry(true, ['--config', '/nonexistent/qiosk.json']);
    expect(app.exit).not.toHaveBeenCalledWith(1);
    expect(app.whenReady).toHaveBeenCalled();
  });
});
