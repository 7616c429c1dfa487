import { describe, expect, it, vi } from 'vitest';
import { createTokenBroker } from '../../../../src/main/auth/token-broker';
import { TokenError } from '../../../../src/main/auth/token-errors';
import { createTokenHandler } from '../../../../src/main/ipc/token-handler';
import { createTenantProbe } from '../../../../src/main/recovery/tenant-probe';
import { createTokenRecovery, ESCALATE_AFTER_MS, PROBE_MAX_MS } from '../../../../src/main/recovery/token-recovery';
import { createMemoryLog } from '../../../../src/main/log/logger';
import type { StatusInfo } from '../../../../src/shared/ipc-contract';
import { FakeClock } from '../../../support/fake-clock';

const identity = { lookup: { field: 'userId' as const, value: 'u-1' }, cacheKey: 'userId:u-1' };
const TENANT = 'https://t.example';

/** A tenant that is up or down as a whole, or that refuses tokens (revoked) until the next mint. */
function setup(initiallyDown: boolean) {
  const clock = new FakeClock();
  let down = initiallyDown;
  let mints = 0;
  let requests = 0;
  let refused: string | undefined;
  let unresolvable = false;
  const http = async (url: string, init: { headers: Record<string, string> }) => {
    requests++;
    // What Node's fetch throws for a host name that does not resolve (a mistyped tenant host).
    if (unresolvable) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND t.example') });
    if (down) return new Response('down', { status: 503 });
    if (url === `${TENANT}/qlik-embed/main.js`) return new Response('window.QlikMain={}', { headers: { 'content-type': 'application/javascript' } });
    if (url === `${TENANT}/api/v1/users/me`) return new Response('{}', { status: refused === 'everything' || init.headers['authorization'] === `Bearer ${refused}` ? 401 : 200 });
    mints++;
    return new Response(JSON.stringify({ access_token: `token-${mints}-0000`, expires_in: 21600 }));
  };
  const broker = createTokenBroker({ tenant: TENANT, clientId: 'c' }, {
    clock, log: createMemoryLog(), http, secrets: { get: async () => 'secret-value-0123456789', set: vi.fn(), delete: vi.fn() },
  });
  const shown: (StatusInfo | 'content')[] = [];
  const view = { showContent: () => shown.push('content'), showStatus: (s: StatusInfo) => shown.push(s) };
  const probe = createTenantProbe({ host: TENANT, http, clock, broker, identity, timeoutMs: 5_000 });
  const recovery = createTokenRecovery({ broker, identity, probe, clock, view, log: createMemoryLog(), random: () => 0.5 });
  const handler = createTokenHandler({ broker, identity, recovery });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    clock, recovery, handler, shown, settle, probe, up: () => (down = false), down: () => (down = true), mints: () => mints, requests: () => requests,
    revoke: (token: string) => (refused = token),
    unresolvable: (v: boolean) => (unresolvable = v),
  };
}

describe('token recovery', () => {
  it('shows the content only after the tenant serves the runtime and accepts a minted token', async () => {
    const s = setup(false);
    await s.recovery.start();
    expect(s.shown).toEqual(['content']);
    expect(await s.handler({ webContentsId: 1 })).toEqual({ ok: true, accessToken: 'token-1-0000' });
    expect(s.mints()).toBe(1);
  });

  it('shows a status screen while the tenant is down, probes from 2 s doubling to 20 s, then returns to content by itself', async () => {
    const s = setup(true);
    await s.recovery.start();
    expect(s.recovery.state).toBe('recovering');
    expect(s.shown[0]).toMatchObject({ code: 'server_error', retryAt: s.clock.now() + 2000 });
    for (const wait of [2000, 4000, 8000, 16000, PROBE_MAX_MS, PROBE_MAX_MS]) {
      s.clock.advance(wait);
      await s.settle();
    }
    expect(s.requests()).toBe(7); // the first try and six probes, one request each while the runtime is down
    expect(s.shown.filter((x) => x === 'content')).toHaveLength(0);
    s.up();
    s.clock.advance(PROBE_MAX_MS);
    await s.settle();
    expect(s.recovery.state).toBe('content');
    expect(s.shown.at(-1)).toBe('content');
  });

  it('turns a failing bridge call into { ok: false } plus the status screen, never a rejection', async () => {
    const s = setup(false);
    await s.recovery.start();
    s.down();
    s.clock.advance(6 * 3600_000); // the token has expired: the next bridge call must mint
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: false, code: 'server_error' });
    expect(s.recovery.state).toBe('recovering');
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: false, code: 'server_error' }); // inside back-off: no request
    expect(s.mints()).toBe(1);
    s.up();
    s.clock.advance(2000);
    await s.settle();
    expect(s.shown.at(-1)).toBe('content');
  });

  it('a refused (revoked) token: the probe mints once and the tenant accepts the new one', async () => {
    const s = setup(false);
    await s.recovery.start();
    s.revoke('token-1-0000');
    s.clock.advance(60_000);
    await expect(s.probe()).resolves.toEqual({ ok: true });
    expect(s.mints()).toBe(2);
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: true, accessToken: 'token-2-0000' });
  });

  it('the bridge asked again by the same page while its token is still cached: that token was refused, one fresh mint per page', async () => {
    const s = setup(false);
    await s.recovery.start();
    await s.handler({ webContentsId: 1 });
    s.clock.advance(60_000);
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: true, accessToken: 'token-2-0000' });
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: true, accessToken: 'token-2-0000' }); // at most one per 30 s
    s.clock.advance(60_000);
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: true, accessToken: 'token-2-0000' }); // and once per page
    s.handler.pageStarted(1); // a new page asks for its first token: the cached one
    s.clock.advance(60_000);
    await expect(s.handler({ webContentsId: 1 })).resolves.toEqual({ ok: true, accessToken: 'token-2-0000' });
    await expect(s.handler({ webContentsId: 2 })).resolves.toEqual({ ok: true, accessToken: 'token-2-0000' });
    expect(s.mints()).toBe(2);
  });

  it('a host that never resolves: "reconnecting" only up to the bound, then IT\'s cause; still heals once fixed', async () => {
    const s = setup(false);
    s.unresolvable(true);
    const t0 = s.clock.now();
    await s.recovery.start();
    const statuses = () => s.shown.filter((x): x is StatusInfo => x !== 'content');
    expect(statuses()[0]).toMatchObject({ code: 'network' });
    expect(statuses()[0]!.escalated).toBeUndefined();
    while (s.clock.now() - t0 < ESCALATE_AFTER_MS - PROBE_MAX_MS) {
      s.clock.advance(1_000);
      await s.settle();
    }
    expect(statuses().some((x) => x.escalated)).toBe(false); // before the bound: an outage that may pass
    for (let i = 0; i < 2 * PROBE_MAX_MS / 1_000; i++) {
      s.clock.advance(1_000);
      await s.settle();
    }
    const last = statuses().at(-1)!;
    expect(last).toMatchObject({ code: 'network', escalated: true }); // within one probe of the bound
    expect(s.clock.now() - last.since!).toBeLessThanOrEqual(ESCALATE_AFTER_MS + PROBE_MAX_MS * 1.2);
    s.unresolvable(false); // IT fixed the host (or DNS came back)
    s.clock.advance(PROBE_MAX_MS * 1.2);
    await s.settle();
    expect(s.shown.at(-1)).toBe('content');
    s.unresolvable(true); // a new outage starts a new bound
    s.recovery.tenantDown(new TokenError('network', 'gone again'));
    expect(statuses().at(-1)!.escalated).toBeUndefined();
  });

  it('a tenant that keeps refusing even fresh tokens (IT must act): probed once a minute, not every 20 s', async () => {
    const s = setup(false);
    await s.recovery.start();
    s.revoke('token-1-0000');
    s.clock.advance(60_000);
    s.recovery.tenantDown(new TokenError('server_error', 'the page lost its session'));
    s.revoke('everything'); // from now on users/me refuses every token
    for (let i = 0; i < 10; i++) {
      s.clock.advance(10_000);
      await s.settle();
    }
    // The first probe (after 2 s) minted once and met the refusal; after that, one probe a minute.
    expect(s.shown.at(-1)).toMatchObject({ code: 'bad_credentials' });
    expect(s.mints()).toBe(3); // the first token, then one forced refresh per probe: at 2 s and at 62 s
  });

  it('start() while a probe is scheduled replaces it: one probe chain, never two', async () => {
    const s = setup(true);
    await s.recovery.start();
    await s.recovery.start(); // e.g. the capped window's slow retry, during an outage
    for (let i = 0; i < 20; i++) {
      s.clock.advance(1_000);
      await s.settle();
    }
    // The two starts (each a failure, so the next waits 4 s), then probes at 4 s and 12 s: one chain. Two
    // chains would also probe at 2 s and 6 s.
    expect(s.requests()).toBe(4);
  });

  it('a flapping tenant (content shows, then breaks at once): the back-off keeps growing until the content really works', async () => {
    const s = setup(true);
    await s.recovery.start(); // down: probe in 2 s
    const gaps: number[] = [];
    for (let round = 0; round < 3; round++) {
      const shownAt = s.shown.length;
      s.up();
      s.clock.advance(PROBE_MAX_MS);
      await s.settle();
      expect(s.shown.slice(shownAt)).toContain('content');
      s.down();
      s.recovery.tenantDown(new TokenError('server_error', 'the page broke at once'));
      const last = s.shown.at(-1) as StatusInfo;
      gaps.push(last.retryAt! - s.clock.now());
    }
    expect(gaps).toEqual([4_000, 8_000, 16_000]);
    s.recovery.contentWorks(); // every embed rendered: the next outage starts from 2 s again
    s.up();
    s.clock.advance(PROBE_MAX_MS);
    await s.settle();
    s.down();
    s.recovery.tenantDown(new TokenError('server_error', 'later'));
    expect((s.shown.at(-1) as StatusInfo).retryAt! - s.clock.now()).toBe(2_000);
  });

  it('stop() cancels pending probes', async () => {
    const s = setup(true);
    await s.recovery.start();
    s.recovery.stop();
    s.clock.advance(120_000);
    await s.settle();
    expect(s.requests()).toBe(1);
  });
});
