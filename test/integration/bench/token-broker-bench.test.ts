// The benchmark's own logic, on a coarser day so it fits the test run: the full day is `npm run bench`.
import { describe, expect, it, vi } from 'vitest';
import { qioskTargetsMet, runTokenBench, type BenchScenario } from '../../../bench/token-broker-scenarios.mts';
import { makeCanary } from '../../support/canary';

describe('token-broker benchmark', () => {
  it('shows Qiosk within its targets, @qlik/api handing out expired tokens, and never prints the secret', async () => {
    const secret = makeCanary();
    const scenario: BenchScenario = { simulatedHours: 13, pageEverySec: 600, embedsPerPage: 3, tokenTtlSec: 21600, coldConcurrentCalls: 1000, secret };
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'table'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))));
    try {
      const results = await runTokenBench(scenario);
      const [qiosk, qlikDefault, qlikNoCache] = results;
      expect(qiosk?.contender).toBe('qiosk broker');
      expect(qiosk?.dayUpstreamTokenCalls).toBe(3); // 13 h of 6 h tokens refreshed ahead of expiry
      expect(qiosk?.dayExpiredTokensHandedOut).toBe(0);
      expect(qiosk?.coldUpstreamTokenCalls).toBe(1);
      expect(qioskTargetsMet(qiosk!, scenario)).toBe(true);
      expect(qlikDefault?.dayUpstreamTokenCalls).toBe(1); // @qlik/api caches forever…
      expect(qlikDefault?.dayExpiredTokensHandedOut).toBeGreaterThan(0); // …so it hands out expired tokens
      expect(qlikNoCache?.dayUpstreamTokenCalls).toBe(qlikNoCache?.dayTokenCallsHandedOut);
      expect(qlikNoCache?.coldUpstreamTokenCalls).toBe(1000);
      expect(JSON.stringify(results) + printed.join('\n')).not.toContain(secret);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  }, 120_000);
});
