import { contextBridge, ipcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createBridge, createHealthReporter } from '../../../src/preload/bridge';
import { hardenMainWorld } from '../../../src/preload/harden-main-world';
import { BRIDGE_GLOBAL, Channels, HEALTH_GLOBAL, type TokenResult } from '../../../src/shared/ipc-contract';

// The preload's own window: only its escape listener (escape-listener.test.ts) is read here.
const win = { innerWidth: 1920, innerHeight: 1080, addEventListener: vi.fn() };
vi.stubGlobal('window', win);

describe('preload', () => {
  it('exposes exactly two top-level functions: the token bridge (no arguments reach main) and the health report', async () => {
    vi.mocked(ipcRenderer.invoke).mockResolvedValue({ ok: true, accessToken: 'tok' });
    await import('../../../src/preload/index');
    const calls = vi.mocked(contextBridge.exposeInMainWorld).mock.calls;
    expect(calls.map(([name]) => name)).toEqual([BRIDGE_GLOBAL, HEALTH_GLOBAL]);
    for (const [name, api] of calls) {
      expect(name).not.toContain('.');
      expect(typeof api).toBe('function');
      expect(Object.keys(api as object)).toEqual([]);
    }
    const bridge = calls[0]![1] as (...a: unknown[]) => Promise<string>;
    await expect(bridge({ userId: 'u-2' }, 'u-2')).resolves.toBe('tok');
    expect(vi.mocked(ipcRenderer.invoke).mock.calls[0]).toEqual([Channels.getAccessToken]);
    const report = { tiles: [{ phase: 'rendered', mounted: true }] };
    await (calls[1]![1] as (r: unknown) => Promise<unknown>)(report);
    expect(vi.mocked(ipcRenderer.invoke).mock.calls[1]).toEqual([Channels.reportHealth, report]);
  });

  it('hears the escape gesture on its window, and tells main without ever throwing into the page', async () => {
    expect(win.addEventListener).toHaveBeenCalledWith('pointerdown', expect.any(Function), { capture: true, passive: true });
    const onTap = win.addEventListener.mock.calls[0]![1] as (e: { isTrusted: boolean; clientX: number; clientY: number }) => void;
    vi.mocked(ipcRenderer.invoke).mockClear().mockRejectedValue(new Error('Qiosk refused this IPC call'));
    for (let i = 0; i < 5; i++) onTap({ isTrusted: true, clientX: 1900, clientY: 10 });
    expect(vi.mocked(ipcRenderer.invoke).mock.calls).toEqual([[Channels.escapeGesture]]);
    await new Promise((r) => setTimeout(r, 0)); // the refusal is swallowed (an unhandled rejection fails the run)
  });

  it('hardens the main world first: WebRTC is gone before the bridge (or any page script) exists', () => {
    expect(contextBridge.executeInMainWorld).toHaveBeenCalledWith({ func: hardenMainWorld });
    expect(vi.mocked(contextBridge.executeInMainWorld).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(contextBridge.exposeInMainWorld).mock.invocationCallOrder[0]!);
  });
});

describe('bridge', () => {
  const pending = <T>(p: Promise<T>) => Promise.race([p.then(() => 'settled', () => 'rejected'), new Promise((r) => setTimeout(() => r('pending'), 20))]);

  it('resolves with the token and nothing else', async () => {
    const bridge = createBridge({ invoke: async () => ({ ok: true, accessToken: 'tok' }) });
    await expect(bridge()).resolves.toBe('tok');
  });

  it.each([
    ['main answers { ok: false }', async (): Promise<TokenResult> => ({ ok: false, code: 'server_error' })],
    ['invoke rejects (sender refused)', async (): Promise<TokenResult> => { throw new Error('refused'); }],
  ])('never rejects into qlik-embed when %s: it stays pending and main decides the heal', async (_n, answer) => {
    expect(await pending(createBridge({ invoke: answer })())).toBe('pending');
  });

  it('a failed health report answers "nothing to do" instead of throwing into the page', async () => {
    const report = createHealthReporter({ invoke: async () => { throw new Error('Qiosk refused this IPC call'); } });
    await expect(report({ tiles: [] })).resolves.toEqual({ remount: [], unavailable: [] });
  });
});
