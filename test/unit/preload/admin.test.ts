// The admin window's preload: one object under ADMIN_GLOBAL, five functions, each its own admin channel with
// its arguments as given; no token bridge, no health report, no escape listener.
import { contextBridge, ipcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createAdminApi } from '../../../src/preload/admin-api';
import type { AdminApi } from '../../../src/shared/admin-api';
import { ADMIN_GLOBAL, Channels } from '../../../src/shared/ipc-contract';

describe('admin preload', () => {
  it('exposes only window.qioskAdmin, and nothing of the content preload', async () => {
    await import('../../../src/preload/admin');
    const calls = vi.mocked(contextBridge.exposeInMainWorld).mock.calls;
    expect(calls.map(([name]) => name)).toEqual([ADMIN_GLOBAL]);
    expect(Object.keys(calls[0]![1] as object).sort()).toEqual(['diagnostics', 'leaveKiosk', 'quit', 'reloadScreen', 'unlock']);
    expect(contextBridge.executeInMainWorld).not.toHaveBeenCalled();
    vi.mocked(ipcRenderer.invoke).mockResolvedValue({ ok: true });
    await expect((calls[0]![1] as { unlock(pin: string): Promise<unknown> }).unlock('493817')).resolves.toEqual({ ok: true });
    expect(vi.mocked(ipcRenderer.invoke).mock.calls).toEqual([[Channels.adminUnlock, '493817']]);
  });

  it.each<[string, (api: AdminApi) => Promise<unknown>, unknown[]]>([
    ['unlock', (a) => a.unlock('493817'), [Channels.adminUnlock, '493817']],
    ['diagnostics', (a) => a.diagnostics(), [Channels.adminDiagnostics]],
    ['leaveKiosk', (a) => a.leaveKiosk(15), [Channels.adminLeaveKiosk, 15]],
    ['reloadScreen', (a) => a.reloadScreen('lobby'), [Channels.adminReloadScreen, 'lobby']],
    ['quit', (a) => a.quit(), [Channels.adminQuit]],
  ])('%s invokes its channel with its arguments, and answers main\'s result', async (_name, call, expected) => {
    const invoke = vi.fn(async () => 'answer');
    await expect(call(createAdminApi(invoke as never))).resolves.toBe('answer');
    expect(invoke.mock.calls).toEqual([expected]);
  });
});
