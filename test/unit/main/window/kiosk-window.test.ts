// The kiosk window heals nothing itself: it tells its supervisor what happened, and the supervisor decides.
import { app, BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLog } from '../../../../src/main/log/logger';
import type { WindowSupervisor } from '../../../../src/main/supervisor/window-supervisor';
import { MEMORY_SAMPLE_MS, superviseWindow, UNRESPONSIVE_GRACE_MS } from '../../../../src/main/window/kiosk-window';

type MockWindow = InstanceType<typeof BrowserWindow> & { webContents: InstanceType<typeof BrowserWindow>['webContents'] & NodeJS.EventEmitter & { getURL: ReturnType<typeof vi.fn> } };

function setup() {
  const supervisor = { fault: vi.fn(), healthy: vi.fn(), loading: vi.fn(), memory: vi.fn() } as unknown as WindowSupervisor & Record<'fault' | 'healthy' | 'loading' | 'memory', ReturnType<typeof vi.fn>>;
  const win = new BrowserWindow() as unknown as MockWindow;
  const onPage = vi.fn();
  const stop = superviseWindow(win as never, supervisor, onPage, createMemoryLog());
  return { supervisor, win, wc: win.webContents, stop, onPage };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('superviseWindow', () => {
  it.each([
    ['oom', 'oom'],
    ['crashed', 'crashed'],
    ['killed', 'crashed'],
  ])('a renderer gone (%s) is the fault %s', (reason, fault) => {
    const { supervisor, wc } = setup();
    wc.emit('render-process-gone', {}, { reason, exitCode: 1 });
    expect(supervisor.fault).toHaveBeenCalledWith(fault);
  });

  it(`a hang is a fault only after ${UNRESPONSIVE_GRACE_MS / 1000} s without an answer`, () => {
    const { supervisor, win } = setup();
    win.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    win.emit('responsive');
    vi.advanceTimersByTime(10_000);
    expect(supervisor.fault).not.toHaveBeenCalled();
    win.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
    expect(supervisor.fault).toHaveBeenCalledWith('unresponsive');
  });

  it('a failed main-frame load is a fault; an aborted one or a subframe is not', () => {
    const { supervisor, wc } = setup();
    wc.emit('did-fail-load', {}, -3, 'aborted', 'u', true);
    wc.emit('did-fail-load', {}, -105, 'name not resolved', 'u', false);
    expect(supervisor.fault).not.toHaveBeenCalled();
    wc.emit('did-fail-load', {}, -105, 'name not resolved', 'u', true);
    expect(supervisor.fault).toHaveBeenCalledWith('load-failed');
  });

  it('reports loading, each committed page, and the renderer\'s memory every minute; never "healthy" from a load', () => {
    const { supervisor, wc, stop, onPage } = setup();
    wc.emit('did-start-loading');
    wc.emit('did-navigate', {}, 'http://localhost:47321/');
    wc.emit('did-stop-loading');
    expect(supervisor.loading.mock.calls).toEqual([[true], [false]]);
    expect(onPage).toHaveBeenCalledWith(wc.id, 'http://localhost:47321/');
    expect(supervisor.healthy).not.toHaveBeenCalled(); // only the page's health reports say the content works
    vi.mocked(app.getAppMetrics).mockReturnValue([{ pid: 1, memory: { workingSetSize: 1 } }, { pid: 4242, memory: { workingSetSize: 2048 } }] as never);
    vi.advanceTimersByTime(MEMORY_SAMPLE_MS);
    expect(supervisor.memory).toHaveBeenCalledWith(2048 * 1024);
    stop();
    vi.advanceTimersByTime(MEMORY_SAMPLE_MS);
    expect(supervisor.memory).toHaveBeenCalledTimes(1);
  });
});
