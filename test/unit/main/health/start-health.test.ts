// A status screen that stays up is one state, not a new one at every look: the file is not rewritten every 2 s
// while it shows (its first-seen time is kept), and is rewritten when it goes.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/app/start-core';
import type { Services } from '../../../../src/main/app/services';
import { startHealth } from '../../../../src/main/health/start-health';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('startHealth', () => {
  it('keeps a status\'s first-seen time while it shows, so the file is rewritten only when something changes', async () => {
    const clock = new FakeClock();
    let status: { code: string } | undefined = { code: 'network' };
    const screen = { id: 'lobby', content: { playlist: 'main', slide: 0 }, status: () => status, supervisor: { health: { state: 'content' } }, lastGoodAt: () => undefined, triage: { tiles: [] } };
    const core = { wall: { snapshot: () => [{ id: 'lobby', open: true }] }, screens: new Map([['lobby', screen]]), heals: () => [] } as unknown as Core;
    const services = { broker: { describe: () => ({ state: 'none' }), stats: () => ({ mintsLast24h: 0 }) }, identity: {}, config: { health: {} } } as unknown as Services;
    const written: string[] = [];
    const health = await startHealth({
      core, services, path: '/d/health.json', clock, log: createMemoryLog('health'), checkMs: 2_000,
      fs: { writeFile: async (_p, data) => void written.push(data), rename: async () => {} },
      meta: { version: '1', pid: 1, startedAt: clock.now(), logFile: 'main.log', redact: (t) => t },
    });
    await flush();
    const firstAt = (JSON.parse(written[0]!) as { problems: { at: string }[] }).problems[0]!.at;
    for (let i = 0; i < 10; i++) {
      clock.advance(2_000);
      await flush();
    }
    expect(written).toHaveLength(1);
    expect(health.build().problems[0]!.at).toBe(firstAt);
    status = undefined;
    clock.advance(2_000);
    await flush();
    expect(written).toHaveLength(2);
    expect((JSON.parse(written[1]!) as { problems: unknown[] }).problems).toEqual([]);
    await health.stop();
  });
});
