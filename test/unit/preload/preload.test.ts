import { contextBridge, ipcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_STUCK_MS, createBridge, type BridgeDeps } from '../../../src/preload/bridge';
import { hardenMainWorld } from '../../../src/preload/harden-main-world';
import { BRIDGE_GLOBAL, Channels, type TokenResult } from '../../../src/shared/ipc-contract';

describe('preload', () => {
  it('exposes exactly one top-level function, the bridge, and it invokes the token channel with no arguments', async () => {
    vi.mocked(ipcRenderer.invoke).mockResolvedValue({ ok: true, accessToken: 'tok' });
    await import('../../../src/preload/index');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0]!;
    expect(name).toBe(BRIDGE_GLOBAL);
    expect(name).not.toContain('.');
    expect(typeof api).toBe('function');
    expect(Object.keys(api as object)).toEqual([]);
    await expect((api as (...a: unknown[]) => Promise<string>)({ userId: 'u-2' }, 'u-2')).resolves.toBe('tok');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(Channels.getAccessToken);
    expect(vi.mocked(ipcRenderer.invoke).mock.calls[0]).toHaveLength(1);
  });

  it('hardens the main world first: WebRTC is gone before the bridge (or any page script) exists', () => {
    expect(contextBridge.executeInMainWorld).toHaveBeenCalledWith({ func: hardenMainWorld });
    expect(vi.mocked(contextBridge.executeInMainWorld).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(contextBridge.exposeInMainWorld).mock.invocationCallOrder[0]!);
  });
});

describe('bridge', () => {
  function setup(answer: () => Promise<TokenResult>) {
    const timers: { fn: () => void; ms: number }[] = [];
    const deps: BridgeDeps = { invoke: vi.fn(answer), reload: vi.fn(), setTimeout: (fn, ms) => void timers.push({ fn, ms }) };
    return { bridge: createBridge(deps), deps, fire: () => timers.splice(0).forEach((t) => t.fn()) };
  }
  const pending = <T>(p: Promise<T>) => Promise.race([p.then(() => 'settled', () => 'rejected'), new Promise((r) => setTimeout(() => r('pending'), 20))]);

  it('resolves with the token and nothing else', async () => {
    const { bridge, deps, fire } = setup(async () => ({ ok: true, accessToken: 'tok' }));
    await expect(bridge()).resolves.toBe('tok');
    fire();
    expect(deps.reload).not.toHaveBeenCalled();
  });

  it.each([
    ['main answers { ok: false }', async (): Promise<TokenResult> => ({ ok: false, code: 'server_error' })],
    ['invoke rejects (sender refused)', async (): Promise<TokenResult> => { throw new Error('refused'); }],
  ])('never rejects into qlik-embed when %s, and reloads the page if main has not replaced it in time', async (_n, answer) => {
    const { bridge, deps, fire } = setup(answer);
    const p = bridge();
    expect(await pending(p)).toBe('pending');
    fire();
    expect(deps.reload).toHaveBeenCalled();
  });

  it('reloads the page when main never answers', async () => {
    const { bridge, deps, fire } = setup(() => new Promise(() => {}));
    void bridge();
    fire();
    expect(deps.reload).toHaveBeenCalledTimes(1);
    expect(BRIDGE_STUCK_MS).toBeLessThanOrEqual(60_000);
  });
});
