// The Electron entry's wiring, which the harness cannot reach (it has no Electron): sandbox for every renderer,
// the single-instance lock, and the security policies in place before any window exists.
import { describe, expect, it, vi } from 'vitest';
import { loadEntry } from '../../support/load-entry';

vi.mock('../../../src/main/adapters/electron-log-sink', () => ({ createElectronLogSink: () => () => {} }));

/** Loads the entry, recording the order of the calls that matter. */
async function loadRecorded(args: string[], lock = true) {
  const order: string[] = [];
  const e = await loadEntry({
    args,
    before: (m) => {
      m.app.requestSingleInstanceLock.mockReturnValue(lock);
      m.app.enableSandbox.mockImplementation(() => void order.push('enableSandbox'));
      m.app.whenReady.mockImplementation(() => (order.push('whenReady'), Promise.resolve()));
      m.Menu.setApplicationMenu.mockImplementation(() => void order.push('menu'));
      m.session.defaultSession.setPermissionRequestHandler.mockImplementation(() => void order.push('permissions'));
      m.app.on('newListener', (event: string | symbol) => void order.push(`app.on ${String(event)}`));
      m.setOnWindowCreated(() => void order.push('window'));
    },
  });
  return { ...e, order };
}

describe('src/main/index.ts (Electron entry)', () => {
  it('sandboxes every renderer, then installs menu, session and web-contents policies before any window', async () => {
    const { order, Menu } = await loadRecorded(['--config', '/nonexistent/qiosk.json']);
    expect(order.indexOf('enableSandbox')).toBeLessThan(order.indexOf('whenReady'));
    const firstWindow = order.indexOf('window');
    expect(firstWindow).toBeGreaterThan(0); // the bad config's status window
    for (const step of ['menu', 'permissions', 'app.on web-contents-created']) {
      expect(order, step).toContain(step);
      expect(order.indexOf(step), step).toBeLessThan(firstWindow);
    }
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('shows a bad config full screen on a status window (kiosk, sandboxed, isolated) and does not quit', async () => {
    const { BrowserWindow, app } = await loadRecorded(['--config', '/nonexistent/qiosk.json']);
    const [win] = BrowserWindow.instances;
    expect(win).toBeDefined();
    expect(win!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win!.options.kiosk).toBe(true);
    const [file, opts] = win!.loadFile.mock.calls[0] as unknown as [string, { query: Record<string, string> }];
    expect(file).toMatch(/renderer[\\/]status\.html$/);
    expect(opts.query.code).toBe('configuration');
    // The kind of problem and two times only: the file's path (and any user name) is in the log, not on screen.
    expect(Object.keys(opts.query).sort()).toEqual(['code', 'retryAt', 'since']);
    expect(JSON.stringify(opts.query)).not.toContain('nonexistent');
    expect(Number(opts.query.since)).toBeGreaterThan(0);
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('a second instance exits at once and creates nothing', async () => {
    const { app, order, BrowserWindow } = await loadRecorded([], false);
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(order).not.toContain('whenReady');
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});
