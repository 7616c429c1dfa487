// What the broker tells the health status: mints in the last 24 h (a sliding window on its clock) and the latest
// failure's code; never a token.
import { describe, expect, it, vi } from 'vitest';
import { createTokenBroker, type BrokerIdentity } from '../../../../src/main/auth/token-broker';
import type { Http, SecretStore } from '../../../../src/main/core/ports';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';

const alice: BrokerIdentity = { lookup: { field: 'userId', value: 'u-1' }, cacheKey: 'userId:u-1' };
const HOUR = 3_600_000;

describe('broker stats', () => {
  it('counts mints in the last 24 h and keeps the latest failure', async () => {
    const clock = new FakeClock();
    let fail = false;
    let n = 0;
    const http: Http = async () => (fail ? new Response('{}', { status: 503 }) : Response.json({ access_token: `token-${++n}-0123456789`, token_type: 'bearer', expires_in: 3600 }));
    const secrets: SecretStore = { get: vi.fn(async () => 'CANARY-0123456789abcdef'), set: vi.fn(), delete: vi.fn() };
    const broker = createTokenBroker({ tenant: 'https://acme.eu.qlikcloud.com', clientId: 'kiosk-imp' }, { http, clock, secrets, log: createMemoryLog('t') });
    expect(broker.stats(clock.now())).toEqual({ mintsLast24h: 0 });
    await broker.getToken(alice);
    clock.advance(12 * HOUR);
    await broker.getToken(alice);
    fail = true;
    clock.advance(12 * HOUR);
    await broker.getToken(alice).catch(() => {});
    const failedAt = clock.now();
    expect(broker.stats(clock.now())).toEqual({ mintsLast24h: 1, lastFailure: { code: 'server_error', at: failedAt } });
    clock.advance(13 * HOUR);
    expect(broker.stats(clock.now()).mintsLast24h).toBe(0);
  });
});
