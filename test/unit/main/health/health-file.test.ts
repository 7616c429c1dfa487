import { describe, expect, it } from 'vitest';
import { startHealthFile, type HealthFileFs } from '../../../../src/main/health/health-file';
import type { HealthStatus } from '../../../../src/main/health/health-status';
import { prometheusText } from '../../../../src/main/health/prometheus';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';
import { parsePrometheus } from '../../../support/prometheus';

const flush = () => new Promise((r) => setTimeout(r, 0));

function status(clock: FakeClock, state: 'content' | 'status'): HealthStatus {
  return {
    schema: 1, version: '1.0.0', pid: 1, startedAt: new Date(0).toISOString(), updatedAt: new Date(clock.now()).toISOString(), uptimeSeconds: Math.round(clock.now() / 1000),
    logFile: '/l/main.log', screens: [{ id: 'lobby "A"\\', state, heals: { reload: 2 }, tilesUnavailable: 0 }], token: { state: 'valid', mintsLast24h: 3 }, problems: [],
  };
}

function setup(fail = false) {
  const clock = new FakeClock();
  let state: 'content' | 'status' = 'content';
  const ops: string[] = [];
  const files = new Map<string, string>();
  const fs: HealthFileFs = {
    writeFile: async (p, data, o) => {
      if (fail) throw new Error('ENOSPC: no space left on device');
      ops.push(`write ${p} ${o.mode.toString(8)}`);
      files.set(p, data);
    },
    rename: async (a, b) => {
      ops.push(`rename ${a} ${b}`);
      files.set(b, files.get(a)!);
      files.delete(a);
    },
  };
  const log = createMemoryLog('health');
  const file = startHealthFile({ path: '/d/health.json', build: () => status(clock, state), fs, clock, log, checkMs: 2_000, maxAgeMs: 60_000 });
  return { clock, ops, files, log, file, set: (s: typeof state) => (state = s) };
}

describe('the health file', () => {
  it('is written beside itself, owner-only, and renamed over: a reader never sees half of it', async () => {
    const { ops, files } = setup();
    await flush();
    expect(ops).toEqual([`write /d/health.json.tmp-${process.pid} 600`, `rename /d/health.json.tmp-${process.pid} /d/health.json`]);
    expect([...files.keys()]).toEqual(['/d/health.json']);
  });

  it('is replaced within one check of a change of state, and otherwise once a minute', async () => {
    const { clock, ops, set } = setup();
    await flush();
    const writes = () => ops.filter((o) => o.startsWith('rename')).length;
    for (let t = 0; t < 58_000; t += 2_000) {
      clock.advance(2_000);
      await flush();
    }
    expect(writes()).toBe(1); // time passed, nothing changed: not yet a minute
    clock.advance(2_000);
    await flush();
    expect(writes()).toBe(2); // a minute: written again, so updatedAt shows the kiosk alive
    set('status');
    clock.advance(2_000);
    await flush();
    expect(writes()).toBe(3);
  });

  it('a failing disk is said once, and once more when it works again', async () => {
    const { clock, log } = setup(true);
    for (let i = 0; i < 40; i++) {
      clock.advance(2_000);
      await flush();
    }
    expect(log.lines.filter((l) => l.includes('cannot write the health file'))).toHaveLength(1);
    expect(log.lines[0]).toContain('ENOSPC');
  });
});

describe('the Prometheus text', () => {
  it('parses, with label values escaped', () => {
    const clock = new FakeClock();
    const samples = parsePrometheus(prometheusText(status(clock, 'content')));
    expect(samples.find((s) => s.name === 'qiosk_screen_state' && s.labels['state'] === 'content')).toEqual({ name: 'qiosk_screen_state', labels: { screen: 'lobby "A"\\', state: 'content' }, value: 1 });
    expect(samples.find((s) => s.name === 'qiosk_screen_heals')?.value).toBe(2);
    expect(samples.find((s) => s.name === 'qiosk_token_expiry_timestamp_seconds')).toBeUndefined(); // no token expiry: no sample
  });
});
