import { describe, expect, it, vi } from 'vitest';
import { createTokenBroker } from '../../../../src/main/auth/token-broker';
import { createTokenHandler } from '../../../../src/main/ipc/token-handler';
import { createTokenRecovery } from '../../../../src/main/recovery/token-recovery';
import { createMemoryLog } from '../../../../src/main/log/logger';
import type { StatusInfo } from '../../../../src/shared/ipc-contract';
import { FakeClock } from '../../../support/fake-clock';

const identity = { lookup: { field: 'userId' as const, value: 'u-1' }, cacheKey: 'userId:u-1' };

function setup(initiallyDown: boolean) {
  const clock = new FakeClock();
  let down = initiallyDown;
  let upstream = 0;
  const broker = createTokenBroker({ tenant: 'https://t.example', clientId: 'c' }, {
    clock,
    log: createMemoryLog(),
    secrets: { get: async () => 'secret-value-0123456789', set: vi.fn(), delete: vi.fn() },
    http: async () => {
      upstream++;
      return down ? new Response('down', { status: 503 }) : new Response(JSON.stringify({ access_token: `token-${upstream}-0000`, expires_in: 21600 }));
    },
  });
  const shown: (StatusInfo | 'content')[] = [];
  const view = { showContent: () => shown.push('content'), showStatus: (s: StatusInfo) => shown.push(s) };
  const recovery = createTokenRecovery({ broker, identity, clock, view, log: createMemoryLog() });
  const handler = createTokenHandler({ broker, identity, recovery });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { clock, recovery, handler, shown, settle, up: () => (down = false), down: () => (down = true), upstream: () => upstream };
}

describe('token recovery', () => {
  it('shows the content only after a first token has been minted', async () => {
    const s = setup(false);
    await s.recovery.start();
    expect(s.shown).toEqual(['content']);
    expect(await s.handler()).toEqual({ ok: true, accessToken: 'token-1-0000' });
    expect(s.upstream()).toBe(1);
  });

  it('shows a status screen while the tenant fails at start-up, probes on the back-off schedule, then returns to content by itself', async () => {
    const s = setup(true);
    await s.recovery.start();
    expect(s.recovery.state).toBe('recovering');
    expect(s.shown[0]).toMatchObject({ code: 'server_error', retryAt: s.clock.now() + 1000 });
    for (const wait of [1000, 2000, 4000, 8000]) {
      s.clock.advance(wait);
      await s.settle();
    }
    expect(s.upstream()).toBe(5); // the first try and four probes: no storm
    s.up();
    s.clock.advance(16_000);
    await s.settle();
    expect(s.recovery.state).toBe('content');
    expect(s.shown.at(-1)).toBe('content');
    expect(await s.handler()).toMatchObject({ ok: true });
  });

  it('turns a failing bridge call into { ok: false } plus the status screen, never a rejection', async () => {
    const s = setup(false);
    await s.recovery.start();
    s.down();
    s.clock.advance(6 * 3600_000); // the token has expired: the next bridge call must mint
    await expect(s.handler()).resolves.toEqual({ ok: false, code: 'server_error' });
    expect(s.recovery.state).toBe('recovering');
    await expect(s.handler()).resolves.toEqual({ ok: false, code: 'server_error' }); // inside back-off: no request
    expect(s.upstream()).toBe(2);
    s.up();
    s.clock.advance(1000);
    await s.settle();
    expect(s.shown.at(-1)).toBe('content');
  });

  it('stop() cancels pending probes', async () => {
    const s = setup(true);
    await s.recovery.start();
    s.recovery.stop();
    s.clock.advance(120_000);
    await s.settle();
    expect(s.upstream()).toBe(1);
  });
});
