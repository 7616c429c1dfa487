import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { FAULT_KEYS, parseFault, playFault } from './demo-faults';
import { impersonationBody, postToken } from './helpers';
import { DEFAULT_CLIENT_SECRET, startFakeTenant, type FakeTenant } from './index';

describe('parseFault', () => {
  it.each([
    ['outage', { kind: 'outage', seconds: 20 }],
    ['outage:8', { kind: 'outage', seconds: 8 }],
    ['rate-limit:5', { kind: 'rate-limit', seconds: 5 }],
    ['engine-drop', { kind: 'engine-drop', seconds: 0 }],
  ])('%s', (text, expected) => expect(parseFault(text)).toEqual(expected));

  it.each([
    ['flood', /use one of outage, engine-drop, revoke, rate-limit/],
    ['outage:0', /whole number from 1 to 9999/],
    ['outage:1.5', /whole number/],
    ['outage:3:4', /use one of/],
  ])('refuses %s', (text, message) => expect(() => parseFault(text)).toThrow(message));
});

describe('playFault against the fake tenant', () => {
  let tenant: FakeTenant;
  const lines: string[] = [];
  const clock = new FakeClock();
  beforeEach(async () => {
    tenant = await startFakeTenant();
    lines.length = 0;
  });
  afterEach(() => tenant.close());
  const mint = () => postToken(tenant, impersonationBody(DEFAULT_CLIENT_SECRET));

  it('an outage answers 503 everywhere for its seconds, then the tenant answers again', async () => {
    playFault(tenant, { kind: 'outage', seconds: 8 }, 'u-1', clock, (l) => lines.push(l));
    expect((await fetch(`${tenant.baseUrl}/api/v1/users/me`)).status).toBe(503);
    expect((await mint()).status).toBe(503);
    clock.advance(7_999);
    expect((await mint()).status).toBe(503);
    clock.advance(1);
    expect((await mint()).status).toBe(200);
    expect(lines).toEqual([expect.stringMatching(/^fault: tenant outage for 8 s/), 'fault over: the tenant answers again']);
  });

  it('a rate limit answers the next token requests 429 with the Retry-After asked for', async () => {
    playFault(tenant, { kind: 'rate-limit', seconds: 7 }, 'u-1', clock, (l) => lines.push(l));
    const r = await mint();
    expect([r.status, r.headers.get('retry-after')]).toEqual([429, '7']);
  });

  it('a revoke revokes the user\'s tokens and says so', async () => {
    await mint();
    playFault(tenant, { kind: 'revoke', seconds: 0 }, 'u-1', clock, (l) => lines.push(l));
    expect(tenant.tokens().every((t) => t.revoked)).toBe(true);
    expect(lines[0]).toMatch(/^fault: revoked 1 token\(s\) of user u-1 and closed their 0 engine connection\(s\) — the kiosk needs a new token/);
  });

  // A key that does something the screen does not show at once must say so, or the demo looks broken.
  it.each(Object.entries(FAULT_KEYS))('key %s (%s) says in the terminal what it did and what to watch for', (_key, kind) => {
    playFault(tenant, parseFault(kind), 'u-1', clock, (l) => lines.push(l));
    expect(lines[0]).toMatch(/^fault: /);
    if (kind === 'rate-limit') expect(lines[0]).toMatch(/screen changes only when it next asks for one/);
  });
});
