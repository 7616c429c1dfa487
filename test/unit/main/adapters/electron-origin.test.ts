import { net, session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { serveRendererOrigin } from '../../../../src/main/adapters/electron-origin';

const ORIGIN = 'http://localhost:47321';
type Handle = (request: Request) => Promise<Response> | Response;
const registered = () => {
  const call = vi.mocked(session.defaultSession.protocol.handle).mock.calls.at(-1)!;
  expect(call[0]).toBe('http');
  return call[1] as unknown as Handle;
};

describe('serveRendererOrigin (Electron protocol interception)', () => {
  const handler = vi.fn(async () => new Response('ours'));
  beforeEach(() => {
    vi.mocked(session.defaultSession.protocol.handle).mockClear();
    handler.mockClear();
    vi.mocked(net.fetch).mockReset().mockResolvedValue(new Response('network'));
  });

  it('answers exactly the renderer origin in-process and never asks the network for it', async () => {
    serveRendererOrigin(session.defaultSession, ORIGIN, handler);
    const res = await registered()(new Request(`${ORIGIN}/index.html?x=1`));
    expect(await res.text()).toBe('ours');
    expect(handler).toHaveBeenCalledWith({ method: 'GET', url: `${ORIGIN}/index.html?x=1` });
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it.each(['http://127.0.0.1:47321/', 'http://[::1]:47321/', 'http://localhost:47322/', 'http://tenant.example/api'])('passes %s on to the network, past this handler', async (url) => {
    serveRendererOrigin(session.defaultSession, ORIGIN, handler);
    const req = new Request(url);
    await registered()(req);
    expect(handler).not.toHaveBeenCalled();
    expect(net.fetch).toHaveBeenCalledWith(req, { bypassCustomProtocolHandlers: true });
  });

  it('replaces an earlier registration (a retried start-up) instead of throwing', () => {
    vi.mocked(session.defaultSession.protocol.isProtocolHandled).mockReturnValueOnce(true);
    serveRendererOrigin(session.defaultSession, ORIGIN, handler);
    expect(session.defaultSession.protocol.unhandle).toHaveBeenCalledWith('http');
  });
});
