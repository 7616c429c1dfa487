import { describe, expect, it, vi } from 'vitest';
import { checkSender, type SenderFacts } from '../../../../src/main/ipc/sender-check';
import { createIpcRegistry, REFUSED, type InvokeEventLike, type IpcMainLike } from '../../../../src/main/ipc/register';
import { Channels } from '../../../../src/shared/ipc-contract';
import { createMemoryLog } from '../../../../src/main/log/logger';

const ORIGIN = 'http://localhost:47321';
const policy = { rendererOrigin: ORIGIN, isOurWebContents: (id: number) => id === 7 };
const main = (url: string) => ({ url, isMainFrame: true });

describe('checkSender', () => {
  it.each<[string, SenderFacts, boolean]>([
    ['our window, main frame, our origin', { webContentsId: 7, frame: main(`${ORIGIN}/`) }, true],
    ['our origin, status page with a query', { webContentsId: 7, frame: main(`${ORIGIN}/status.html?code=x`) }, true],
    ['a subframe at our origin', { webContentsId: 7, frame: { url: `${ORIGIN}/`, isMainFrame: false } }, false],
    ['a null sender frame', { webContentsId: 7, frame: null }, false],
    ['a window Qiosk did not create', { webContentsId: 8, frame: main(`${ORIGIN}/`) }, false],
    ['another origin', { webContentsId: 7, frame: main('https://evil.example/') }, false],
    ['the tenant origin', { webContentsId: 7, frame: main('https://acme.eu.qlikcloud.com/') }, false],
    ['a look-alike host', { webContentsId: 7, frame: main('http://localhost:47321.evil.example/') }, false],
    ['userinfo trick', { webContentsId: 7, frame: main('http://localhost:47321@evil.example/') }, false],
    ['another port', { webContentsId: 7, frame: main('http://localhost:47322/') }, false],
    ['127.0.0.1 instead of localhost', { webContentsId: 7, frame: main('http://127.0.0.1:47321/') }, false],
    ['file://', { webContentsId: 7, frame: main('file:///opt/qiosk/index.html') }, false],
    ['data:', { webContentsId: 7, frame: main('data:text/html,hi') }, false],
    ['about:blank', { webContentsId: 7, frame: main('about:blank') }, false],
    ['an unparseable URL', { webContentsId: 7, frame: main('not a url') }, false],
  ])('%s → %s', (_name, facts, ok) => {
    expect(checkSender(facts, policy).ok).toBe(ok);
  });
});

describe('createIpcRegistry', () => {
  function setup() {
    const handle = vi.fn<IpcMainLike['handle']>();
    const ipcMain: IpcMainLike = { handle, removeHandler: vi.fn() };
    const log = createMemoryLog();
    const handler = vi.fn(async () => ({ ok: true as const, accessToken: 'tok' }));
    createIpcRegistry(ipcMain, { content: policy }, log).handle(Channels.getAccessToken, handler);
    const listener = handle.mock.calls[0]![1];
    const event = (id: number, frame: InvokeEventLike['senderFrame']): InvokeEventLike => ({ sender: { id }, senderFrame: frame });
    return { ipcMain, handler, listener, event, log };
  }

  it('registers the contract channel once, replacing any earlier handler', () => {
    const { ipcMain } = setup();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('qiosk:get-access-token');
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
  });

  it('answers the main frame of our window', async () => {
    const { listener, event, handler } = setup();
    await expect(listener(event(7, { url: `${ORIGIN}/`, parent: null }))).resolves.toEqual({ ok: true, accessToken: 'tok' });
    expect(handler).toHaveBeenCalledWith({ webContentsId: 7, url: `${ORIGIN}/` });
  });

  it.each<[string, number, InvokeEventLike['senderFrame'], unknown[]]>([
    ['a subframe', 7, { url: `${ORIGIN}/`, parent: {} }, []],
    ['another origin', 7, { url: 'https://evil.example/', parent: null }, []],
    ['a window we did not create', 99, { url: `${ORIGIN}/`, parent: null }, []],
    ['a null sender frame', 7, null, []],
    ['arguments (trying to pick a user)', 7, { url: `${ORIGIN}/`, parent: null }, [{ userId: 'u-2' }]],
    ['a string argument', 7, { url: `${ORIGIN}/`, parent: null }, ['u-2']],
  ])('refuses %s without calling the handler', async (_name, id, frame, args) => {
    const { listener, event, handler, log } = setup();
    await expect(listener(event(id, frame), ...args)).rejects.toThrow(REFUSED);
    expect(handler).not.toHaveBeenCalled();
    expect(log.lines.join('\n')).toContain('refused IPC call');
  });

  it('treats a disposed frame (senderFrame throws) as no frame', async () => {
    const { listener, handler } = setup();
    const disposed = { sender: { id: 7 }, get senderFrame(): never { throw new Error('Render frame was disposed'); } };
    await expect(listener(disposed)).rejects.toThrow(REFUSED);
    expect(handler).not.toHaveBeenCalled();
  });
});
