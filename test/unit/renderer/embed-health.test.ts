// The page's half of embed health on a fake clock: it reports, and does only what main answers.
import { describe, expect, it, vi } from 'vitest';
import { createHealthWatch, TROUBLE_PROBE_MS, type ProbeResult, type TileHandle } from '../../../src/renderer/embed-health';
import type { HealthDirectives, HealthReport } from '../../../src/shared/ipc-contract';
import { FakeClock } from '../../support/fake-clock';

const timing = { loadTimeoutMs: 10_000, keepaliveMs: 30_000, heartbeatMs: 5_000 };
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(n: number, answer: (r: HealthReport) => HealthDirectives = () => ({ remount: [], unavailable: [] })) {
  const clock = new FakeClock();
  const probes: ProbeResult[] = Array.from({ length: n }, () => ({ mounted: false, ok: false }));
  const shown: string[][] = Array.from({ length: n }, () => []);
  const tiles: (TileHandle & { mounts: number })[] = probes.map((_, i) => ({
    mounts: 0,
    mount() {
      this.mounts++;
    },
    probe: async () => probes[i]!,
    show: (phase) => void shown[i]!.push(phase),
  }));
  const reports: HealthReport[] = [];
  const report = vi.fn(async (r: HealthReport) => {
    reports.push(structuredClone(r));
    return answer(r);
  });
  const watch = createHealthWatch({ timing, tiles, setTimeout: (fn, ms) => void clock.setTimeout(fn, ms), report });
  const step = async (ms: number) => {
    clock.advance(ms);
    await settle();
  };
  return { watch, probes, tiles, reports, shown, step, phases: () => reports.at(-1)!.tiles.map((t) => t.phase) };
}

describe('the page\'s embed health', () => {
  it('mounts every tile, reports at once and on every heartbeat, and "rendered" once the probe answers', async () => {
    const t = setup(2);
    t.watch.start();
    await settle();
    expect(t.tiles.map((x) => x.mounts)).toEqual([1, 1]);
    expect(t.phases()).toEqual(['loading', 'loading']);
    t.probes[0] = { mounted: true, ok: true };
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(['rendered', 'loading']); // a change is reported at once
    const before = t.reports.length;
    await t.step(timing.heartbeatMs);
    expect(t.reports.length).toBeGreaterThan(before);
  });

  it.each([
    ['the runtime never mounted it', { mounted: false, ok: false }],
    ['it mounted but never showed content', { mounted: true, ok: false }],
  ])('a tile not rendered within the load timeout is reported as a timeout (%s)', async (_n, probe) => {
    const t = setup(1);
    t.probes[0] = probe;
    t.watch.start();
    await t.step(timing.loadTimeoutMs - 1);
    expect(t.phases()).toEqual(['loading']);
    await t.step(1);
    expect(t.reports.at(-1)!.tiles[0]).toEqual({ phase: 'timeout', mounted: probe.mounted });
    expect(t.tiles[0]!.mounts).toBe(1); // it does not remount on its own
  });

  it('a rendered tile whose keepalive fails is a lost session; it returns to rendered if the probe answers again', async () => {
    const t = setup(1);
    t.probes[0] = { mounted: true, ok: true };
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    t.probes[0] = { mounted: true, ok: false };
    await t.step(timing.keepaliveMs);
    expect(t.phases()).toEqual(['session-lost']);
    expect(t.shown[0]!.at(-1)).toBe('session-lost');
    t.probes[0] = { mounted: true, ok: true };
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(['rendered']);
  });

  it('does what main answers: remount a tile (loading again), or mark it unavailable and stop probing it', async () => {
    let next: HealthDirectives = { remount: [0], unavailable: [1] };
    const t = setup(2, () => {
      const out = next;
      next = { remount: [], unavailable: [] };
      return out;
    });
    t.watch.embedError(0, false);
    t.watch.start();
    await settle();
    expect(t.tiles.map((x) => x.mounts)).toEqual([2, 1]);
    expect(t.phases()).toEqual(['loading', 'unavailable']);
    t.probes[1] = { mounted: true, ok: true };
    await t.step(TROUBLE_PROBE_MS * 3);
    expect(t.phases()[1]).toBe('unavailable');
  });

  it('qlik-embed errors are reported with their HTTP status; a fatal tile is not probed back to rendered', async () => {
    const t = setup(2);
    t.watch.start();
    t.watch.embedError(0, true, 401);
    t.watch.embedError(1, false, 404);
    await settle();
    expect(t.reports.at(-1)!.tiles).toEqual([{ phase: 'fatal', mounted: false, status: 401 }, { phase: 'error', mounted: false, status: 404 }]);
    t.probes[0] = { mounted: true, ok: true };
    t.probes[1] = { mounted: true, ok: true };
    await t.step(TROUBLE_PROBE_MS * 3);
    expect(t.phases()[0]).toBe('fatal');
    // The error tile recovered by itself: its old 404 does not follow it into later phases.
    expect(t.reports.at(-1)!.tiles[1]).toEqual({ phase: 'rendered', mounted: true });
  });
});
