// What main's tenant check concludes from each kind of answer (one row per distinct behaviour).
import { describe, expect, it, vi } from 'vitest';
import { createTokenBroker } from '../../../../src/main/auth/token-broker';
import type { HttpInit } from '../../../../src/main/core/ports';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { createTenantProbe, runtimeUrl } from '../../../../src/main/recovery/tenant-probe';
import { FakeClock } from '../../../support/fake-clock';

const TENANT = 'https://t.example';
const identity = { lookup: { field: 'userId' as const, value: 'u-1' }, cacheKey: 'userId:u-1' };
const JS = () => new Response('window.QlikMain={}', { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
type Answer = (url: string, init: HttpInit, mints: number) => Response | Promise<Response>;

function probeWith(answer: Answer) {
  const clock = new FakeClock();
  let mints = 0;
  const http = vi.fn(async (url: string, init: HttpInit) => {
    if (url.endsWith('/oauth/token')) return new Response(JSON.stringify({ access_token: `token-${++mints}-0000`, expires_in: 21600 }));
    return answer(url, init, mints);
  });
  const broker = createTokenBroker({ tenant: TENANT, clientId: 'c' }, { clock, http, log: createMemoryLog(), secrets: { get: async () => 'secret-value-0123456789', set: vi.fn(), delete: vi.fn() } });
  return { probe: createTenantProbe({ host: TENANT, http, clock, broker, identity, timeoutMs: 3_000 }), mints: () => mints, clock };
}

describe('tenant probe', () => {
  it.each<[string, Answer, string | undefined, number]>([
    ['runtime and user answer: ok', (u) => (u === runtimeUrl(TENANT) ? JS() : new Response('{}')), undefined, 1],
    ['runtime 500: server down, no mint', (u) => (u === runtimeUrl(TENANT) ? new Response('x', { status: 500 }) : new Response('{}')), 'server_error', 0],
    ['runtime answered with HTML (a portal or proxy page): not a runtime', (u) => (u === runtimeUrl(TENANT) ? new Response('<html>', { headers: { 'content-type': 'text/html' } }) : new Response('{}')), 'server_error', 0],
    ['connection refused: network', () => Promise.reject(new TypeError('fetch failed')), 'network', 0],
    ['the token refused once (revoked): one fresh mint, then ok', (u, init, mints) => (u === runtimeUrl(TENANT) ? JS() : new Response('{}', { status: mints < 2 && init.headers['authorization'] === 'Bearer token-1-0000' ? 401 : 200 })), undefined, 2],
    ['even a fresh token refused: for IT', (u) => (u === runtimeUrl(TENANT) ? JS() : new Response('{}', { status: 403 })), 'bad_credentials', 2],
    ['users/me 503: server down', (u) => (u === runtimeUrl(TENANT) ? JS() : new Response('{}', { status: 503 })), 'server_error', 1],
  ])('%s', async (_n, answer, code, mints) => {
    const p = probeWith(answer);
    const verdict = await p.probe();
    expect(verdict.ok ? undefined : verdict.error.code).toBe(code);
    expect(p.mints()).toBe(mints);
  });

  it('a check that cannot finish (a mint waiting on an unanswered keychain prompt) ends as a timeout after 4 × timeoutMs', async () => {
    const clock = new FakeClock();
    const http = vi.fn(async (url: string) => (url === runtimeUrl(TENANT) ? JS() : new Response('{}')));
    const broker = { getToken: () => new Promise<never>(() => {}), retryAt: () => undefined, clear: () => {}, describe: () => ({ state: 'none' as const }), stats: () => ({ mintsLast24h: 0 }) };
    const verdict = createTenantProbe({ host: TENANT, http, clock, broker, identity, timeoutMs: 3_000 })();
    await new Promise((r) => setTimeout(r, 0));
    clock.advance(12_000);
    await expect(verdict).resolves.toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('a tenant that never answers: a timeout after timeoutMs, not a hang', async () => {
    const p = probeWith((_u, init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted')))));
    const verdict = p.probe();
    p.clock.advance(3_000);
    await expect(verdict).resolves.toMatchObject({ ok: false, error: { code: 'timeout' } });
  });
});
