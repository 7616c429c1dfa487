import { net } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { electronHttp } from '../../../../src/main/adapters/electron-http';

describe('electronHttp', () => {
  it('sends through net.fetch (system proxy and certificates) with no cache, no cookies, no redirects', async () => {
    const response = new Response('{}', { status: 200 });
    vi.mocked(net.fetch).mockResolvedValueOnce(response);
    const signal = new AbortController().signal;
    const got = await electronHttp('https://t.example/oauth/token', { method: 'POST', headers: { a: 'b' }, body: '{}', signal });
    expect(got).toBe(response);
    expect(net.fetch).toHaveBeenCalledWith('https://t.example/oauth/token', {
      method: 'POST', headers: { a: 'b' }, body: '{}', signal, credentials: 'omit', redirect: 'error',
    });
  });

  it('follows redirects only when asked (the runtime script may be served from a CDN)', async () => {
    vi.mocked(net.fetch).mockResolvedValueOnce(new Response('x'));
    await electronHttp('https://t.example/qlik-embed/main.js', { method: 'GET', headers: {}, redirect: 'follow' });
    expect(vi.mocked(net.fetch).mock.calls.at(-1)![1]).toMatchObject({ redirect: 'follow' });
  });
});
