// The engine websocket: origin, websocket-purpose token and app checks, OnConnected, the QIX sliver, and
// server-initiated closes (control API, HTTP control route, parent-token expiry).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeCanary } from '../support/canary';
import { call, exchangeBody, mint, postToken } from './helpers';
import { fakeClient, startFakeTenant, type FakeTenant, type FakeTenantOverrides } from './index';

const SECRET = makeCanary('WS');
const APP = 'http://localhost:47321';
const overrides = (more: FakeTenantOverrides = {}): FakeTenantOverrides => ({ clients: [fakeClient({ clientSecret: SECRET, allowedOrigins: [APP] })], ...more });
let tenant: FakeTenant;

beforeAll(async () => {
  tenant = await startFakeTenant(overrides());
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

async function wsToken(t: FakeTenant, userId = 'u-1'): Promise<string> {
  const access = await mint(t, SECRET, userId);
  const r = await postToken(t, exchangeBody(access), { origin: APP });
  return r.json.access_token as string;
}

function wsUrl(t: FakeTenant, appId: string, token: string): string {
  const base = t.baseUrl.replace(/^http/, 'ws');
  return `${base}/app/${appId}?reloadUri=${encodeURIComponent(`${base}/sense/app/${appId}`)}&accessToken=${encodeURIComponent(token)}`;
}

/** Connects and collects messages; resolves once open, or with the HTTP status the upgrade was refused with. */
function connect(url: string, headers: Record<string, string> = { Origin: APP }) {
  const ws = new WebSocket(url, { headers });
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(String(d)) as Record<string, unknown>);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const opened = new Promise<number>((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
  const nextMessage = async (n: number) => {
    while (messages.length < n) await new Promise<void>((r) => waiters.push(r));
    return messages[n - 1];
  };
  return { ws, opened, closed, nextMessage };
}

describe('engine websocket', () => {
  it('accepts an exchanged websocket token, sends OnConnected and answers OpenDoc/GetAppLayout/unknown', async () => {
    const token = await wsToken(tenant);
    const c = connect(wsUrl(tenant, 'app-1', token));
    expect(await c.opened).toBe(101);
    expect(await c.nextMessage(1)).toEqual({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: 'SESSION_CREATED' } });
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'OpenDoc', handle: -1, params: ['app-1'] }));
    expect(await c.nextMessage(2)).toMatchObject({ id: 1, result: { qReturn: { qType: 'Doc', qHandle: 1, qGenericId: 'app-1' } } });
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'GetAppLayout', handle: 1, params: [] }));
    expect(await c.nextMessage(3)).toMatchObject({ id: 2, result: { qLayout: { qTitle: 'Sales' } } });
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'CreateSessionObject', handle: 1, params: [] }));
    expect(await c.nextMessage(4)).toMatchObject({ id: 3, error: { code: -32601 } });

    const entry = tenant.log().find((e) => e.websocket);
    expect(entry).toMatchObject({ path: '/app/app-1', status: 101, origin: APP, userId: 'u-1', bearerTokenId: tenant.tokenIdOf(token) });
    expect(entry?.query.accessToken).toBe('[redacted]');
    expect(tenant.sockets()).toEqual([expect.objectContaining({ appId: 'app-1', userId: 'u-1', tokenId: tenant.tokenIdOf(token) })]);
    c.ws.close();
  });

  it('refuses an access token, an unknown token and an expired websocket token with 401', async () => {
    const access = await mint(tenant, SECRET);
    expect(await connect(wsUrl(tenant, 'app-1', access)).opened).toBe(401);
    expect(await connect(wsUrl(tenant, 'app-1', 'made-up')).opened).toBe(401);
    const token = await wsToken(tenant);
    tenant.clock.advance(60);
    expect(await connect(wsUrl(tenant, 'app-1', token)).opened).toBe(401);
    expect(tenant.log().filter((e) => e.websocket).map((e) => e.errorCode)).toEqual(['AUTH-FAKE-401', 'AUTH-FAKE-401', 'AUTH-FAKE-401']);
  });

  it('refuses a disallowed Origin (403), an app the user may not open (403) and an unknown app (404)', async () => {
    const token = await wsToken(tenant);
    expect(await connect(wsUrl(tenant, 'app-1', token), { Origin: 'null' }).opened).toBe(403);
    expect(await connect(wsUrl(tenant, 'nope', token)).opened).toBe(404);
    const bobs = await wsToken(tenant, 'u-2');
    expect(await connect(wsUrl(tenant, 'app-2', bobs)).opened).toBe(403);
  });

  it('accepts a Node client with an access token as Bearer header and no Origin', async () => {
    const access = await mint(tenant, SECRET);
    const c = connect(`${tenant.baseUrl.replace(/^http/, 'ws')}/app/app-1`, { Authorization: `Bearer ${access}` });
    expect(await c.opened).toBe(101);
    expect(tenant.log().find((e) => e.websocket)).toMatchObject({ origin: null, bearerTokenId: tenant.tokenIdOf(access) });
    c.ws.close();
  });

  it('closes sockets on command: one user in process, everyone over HTTP', async () => {
    const alice = connect(wsUrl(tenant, 'app-1', await wsToken(tenant, 'u-1')));
    const bob = connect(wsUrl(tenant, 'app-1', await wsToken(tenant, 'u-2')));
    await Promise.all([alice.opened, bob.opened]);
    expect(tenant.closeSockets({ userId: 'u-1', code: 4001, reason: 'switch user' })).toBe(1);
    expect(await alice.closed).toEqual({ code: 4001, reason: 'switch user' });
    const r = await call(`${tenant.baseUrl}/__fake/ws/close`, { method: 'POST', body: JSON.stringify({ code: 4002, reason: 'maintenance' }) });
    expect(r.json).toEqual({ closed: 1 });
    expect(await bob.closed).toEqual({ code: 4002, reason: 'maintenance' });
    expect(tenant.sockets()).toEqual([]);
    expect(() => tenant.closeSockets({ code: 1006 })).toThrow(/close code/);
  });

  it('can make websocket tokens single-use and close sockets when the parent token expires', async () => {
    const t = await startFakeTenant(overrides({ singleUseWebsocketTokens: true, closeOnParentExpiry: { code: 4401, reason: 'expired' } }));
    try {
      const token = await wsToken(t);
      const first = connect(wsUrl(t, 'app-1', token));
      expect(await first.opened).toBe(101);
      expect(await connect(wsUrl(t, 'app-1', token)).opened).toBe(401);
      t.clock.advance(21600);
      expect(await first.closed).toEqual({ code: 4401, reason: 'expired' });
    } finally {
      await t.close();
    }
  });
});
