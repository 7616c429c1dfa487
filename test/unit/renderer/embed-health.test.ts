// The page's half of embed health on a fake clock: events only trigger probes, one engine call per app session,
// a pending call is a runtime resuming (never a failure before the grace), and the page does only what main answers.
import { describe, expect, it, vi } from 'vitest';
import { createHealthWatch, PROBE_STEP_MS, RESUME_GRACE_MS, statusOf, TROUBLE_PROBE_MS, type TileHandle, type TileInspection } from '../../../src/renderer/embed-health';
import type { HealthDirectives, HealthReport } from '../../../src/shared/ipc-contract';
import { FakeClock } from '../../support/fake-clock';

const timing = { loadTimeoutMs: 10_000, keepaliveMs: 15_000, heartbeatMs: 5_000 };
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};
type Engine = 'ok' | 'pending' | { status?: unknown };
/** A fake engine call: answers at once, never, or fails with an error carrying `status`. */
const call = (how: () => Engine) => vi.fn(() => {
  const h = how();
  if (h === 'ok') return Promise.resolve({});
  if (h === 'pending') return new Promise(() => {});
  return Promise.reject(Object.assign(new Error('engine error'), h));
});

interface FakeTile { appId?: string; look: Partial<TileInspection> & { mounted: boolean; shows: boolean } }
function setup(specs: FakeTile[], answer: (r: HealthReport) => HealthDirectives = () => ({ remount: [], unavailable: [] }), earlyMs = 0) {
  const clock = new FakeClock();
  const looks = specs.map((s) => s.look);
  const tiles: (TileHandle & { mounts: number })[] = specs.map((s, i) => ({
    mounts: 0,
    ...(s.appId === undefined ? {} : { appId: s.appId }),
    mount() {
      this.mounts++;
    },
    inspect: async () => looks[i] as TileInspection,
    show: () => {},
  }));
  const reports: HealthReport[] = [];
  const report = vi.fn(async (r: HealthReport) => {
    reports.push(structuredClone(r));
    return answer(r);
  });
  // earlyMs: timers fire that much before their time, as a browser's may by performance.now().
  let pending = 0; // timers set and neither fired nor cancelled
  const setTimer = (fn: () => void, ms: number) => {
    let live = true;
    const end = () => void (live && (live = false, pending--));
    pending++;
    const cancel = clock.setTimeout(() => {
      end();
      fn();
    }, Math.max(0, ms - earlyMs));
    return () => {
      end();
      cancel();
    };
  };
  const watch = createHealthWatch({ timing, tiles, setTimeout: setTimer, now: clock.now, report });
  const step = async (ms: number, grain = 100) => {
    for (let left = ms; left > 0; left -= Math.min(left, grain)) {
      clock.advance(Math.min(left, grain));
      await settle();
    }
  };
  const last = () => reports.at(-1)!.tiles;
  return { watch, looks, tiles, reports, step, last, phases: () => last().map((t) => t.phase), pending: () => pending };
}

describe('the page\'s embed health', () => {
  it('mounts every tile and reports; a tile is rendered once it shows something and its app\'s engine answers (rule "doc")', async () => {
    let answer: (v: unknown) => void = () => {};
    const doc = vi.fn(() => (doc.mock.calls.length === 1 ? new Promise((r) => (answer = r)) : Promise.resolve({}))); // the first waits
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc } }, { appId: 'a', look: { mounted: true, shows: false } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    expect(t.tiles.map((x) => x.mounts)).toEqual([1, 1]);
    expect(t.phases()).toEqual(['loading', 'loading']); // the engine has not answered yet
    answer({});
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(['rendered', 'loading']);
    expect(t.last()[0]).toEqual({ phase: 'rendered', mounted: true, rule: 'doc' });
    t.looks[1]!.shows = true;
    await t.step(TROUBLE_PROBE_MS);
    expect(t.last()[1]).toEqual({ phase: 'rendered', mounted: true, rule: 'doc' }); // through tile 0's doc
  });

  it.each([
    ['the runtime never mounted it', { mounted: false, shows: false }],
    ['it mounted but never showed content', { mounted: true, shows: false }],
  ])('a tile not rendered within the load timeout is reported as a timeout (%s), and not remounted by the page', async (_n, look) => {
    const t = setup([{ look }]);
    t.watch.start();
    await t.step(timing.loadTimeoutMs - 100);
    expect(t.phases()).toEqual(['loading']);
    await t.step(100);
    expect(t.last()[0]).toMatchObject({ phase: 'timeout', mounted: look.mounted });
    expect(t.tiles[0]!.mounts).toBe(1);
  });

  it('a quiet kiosk makes one engine call per app session per keepalive, however many tiles show the app: 240 an hour per app at 15 s', async () => {
    const docA1 = call(() => 'ok');
    const docA2 = call(() => 'ok');
    const docB = call(() => 'ok');
    const t = setup([
      { appId: 'a', look: { mounted: true, shows: true, doc: docA1 } },
      { appId: 'a', look: { mounted: true, shows: true, doc: docA2 } },
      { appId: 'a', look: { mounted: true, shows: true } },
      { appId: 'b', look: { mounted: true, shows: true, doc: docB } },
      { look: { mounted: true, shows: true } },
    ]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(Array(5).fill('rendered'));
    docA1.mockClear();
    docA2.mockClear();
    docB.mockClear();
    await t.step(3600_000, timing.keepaliveMs);
    expect(docA1.mock.calls.length + docA2.mock.calls.length).toBe(3600_000 / timing.keepaliveMs);
    // The tiles that hold the app's doc take turns: a dead session beside a live one is met within a round or two.
    expect(Math.abs(docA1.mock.calls.length - docA2.mock.calls.length)).toBeLessThanOrEqual(1);
    expect(docB.mock.calls.length).toBe(3600_000 / timing.keepaliveMs);
    expect(t.last().map((x) => x.rule)).toEqual(['doc', 'doc', 'doc', 'doc', 'visible']);
  }, 20_000);

  it('an error event is a reason to probe, never a verdict: a tile whose checks pass stays rendered', async () => {
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc: call(() => 'ok'), object: call(() => 'ok') } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    const before = t.reports.length;
    t.watch.embedError(0);
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(['rendered']);
    expect(t.last()[0]!.rule).toBe('object'); // the event made the page check the tile's own object
    expect(t.reports.slice(before).every((r) => r.tiles[0]!.phase === 'rendered')).toBe(true);
  });

  it.each([
    ['a number', 403, 403],
    ['a string, as Qlik\'s REST errors carry it', '404', 404],
    ['absent', undefined, undefined],
  ])('after an event, a failed object check is an error with its status (%s)', async (_n, raw, status) => {
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc: call(() => 'ok'), object: call(() => ({ status: raw })) } }]);
    t.watch.start();
    t.watch.embedError(0);
    await t.step(TROUBLE_PROBE_MS);
    expect(t.last()[0]).toEqual({ phase: 'error', mounted: true, rule: 'object', ...(status === undefined ? {} : { status }) });
  });

  it('an event that arrives while a probe is under way is not lost when that probe ends', async () => {
    let answer: ((v: unknown) => void) | undefined;
    const doc = vi.fn(() => (doc.mock.calls.length === 2 ? new Promise((r) => (answer = r)) : Promise.resolve({}))); // the keepalive's waits
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc, object: call(() => ({ status: '403' })) } }]);
    t.watch.start();
    await t.step(timing.keepaliveMs); // rendered, then the keepalive's round starts and waits on the engine
    expect(answer).toBeDefined();
    t.watch.embedError(0);
    answer!({});
    await t.step(TROUBLE_PROBE_MS * 2);
    expect(t.last()[0]).toEqual({ phase: 'error', mounted: true, rule: 'object', status: 403 });
  });

  it('an error tile with no object of its own is checked through its own doc: a sibling\'s working session does not clear it', async () => {
    // A runtime with a session per embed: tile 1's was opened while the token was refused and stays dead.
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc: call(() => 'ok') } }, { appId: 'a', look: { mounted: true, shows: true, doc: call(() => ({ status: 401 })) } }]);
    t.watch.start();
    t.watch.embedError(1);
    await t.step(TROUBLE_PROBE_MS * 3);
    expect(t.last()[1]).toEqual({ phase: 'error', mounted: true, rule: 'doc', status: 401 });
  });

  it('a quiet tile whose own session died beside a live one is found by a keepalive: the app\'s doc takes turns', async () => {
    let dead = false;
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc: call(() => 'ok') } }, { appId: 'a', look: { mounted: true, shows: true, doc: call(() => (dead ? { status: 401 } : 'ok')) } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(['rendered', 'rendered']);
    dead = true; // no event: the runtime says nothing (worst case)
    const before = t.reports.length;
    await t.step(2 * timing.keepaliveMs);
    // Main hears the app's tiles as a lost session (and remounts them: a fresh session for each).
    expect(t.reports.slice(before).some((r) => r.tiles[1]!.phase === 'session-lost')).toBe(true);
  });

  it('after an event, a tile no check can reach is not proven by what it shows (an error can be drawn)', async () => {
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    expect(t.last()[0]).toEqual({ phase: 'rendered', mounted: true, rule: 'visible' });
    t.watch.embedError(0);
    await t.step(TROUBLE_PROBE_MS);
    expect(t.last()[0]).toEqual({ phase: 'error', mounted: true, rule: 'visible' });
  });

  it('a failing engine call takes every tile of that app to a lost session, and only that app', async () => {
    let a: Engine = 'ok';
    const t = setup([
      { appId: 'a', look: { mounted: true, shows: true, doc: call(() => a) } },
      { appId: 'a', look: { mounted: true, shows: true } },
      { appId: 'b', look: { mounted: true, shows: true, doc: call(() => 'ok') } },
    ]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    a = { status: undefined };
    await t.step(timing.keepaliveMs);
    expect(t.phases()).toEqual(['session-lost', 'session-lost', 'rendered']);
  });

  it('an engine call that does not answer is a runtime resuming: no failure before the grace, rendered when it answers', async () => {
    let answer: (v: unknown) => void = () => {};
    let pending = false;
    const doc = vi.fn(() => (pending ? new Promise((r) => (answer = r)) : Promise.resolve({})));
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    pending = true;
    await t.step(timing.keepaliveMs + PROBE_STEP_MS);
    expect(t.phases()).toEqual(['resuming']);
    const calls = doc.mock.calls.length;
    await t.step(RESUME_GRACE_MS / 2);
    expect(t.phases()).toEqual(['resuming']);
    expect(doc.mock.calls.length).toBe(calls); // waited on, never repeated
    answer({});
    await t.step(TROUBLE_PROBE_MS);
    expect(t.phases()).toEqual(['rendered']);
  });

  it('an engine call unanswered past the grace is a lost session; calls go on (one at a time) until one answers', async () => {
    let pending = false;
    const doc = vi.fn(() => (pending ? new Promise(() => {}) : Promise.resolve({})));
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    pending = true;
    await t.step(timing.keepaliveMs - TROUBLE_PROBE_MS + RESUME_GRACE_MS - 500, 500); // the keepalive's call started at 15 s
    expect(t.phases()).toEqual(['resuming']);
    await t.step(1_500);
    expect(t.phases()).toEqual(['session-lost']);
    pending = false;
    await t.step(RESUME_GRACE_MS + TROUBLE_PROBE_MS * 2, 500); // the call asked meanwhile hangs too, until its own grace
    expect(t.phases()).toEqual(['rendered']);
  }, 15_000);

  it('timers that fire a little early (as a browser\'s may) do not stop the probes', async () => {
    let engine: Engine = 'ok';
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc: call(() => engine) } }], undefined, 0.5);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    engine = { status: undefined };
    await t.step(timing.keepaliveMs * 3, 250);
    expect(t.phases()).toEqual(['session-lost']);
    engine = 'ok';
    await t.step(TROUBLE_PROBE_MS * 2);
    expect(t.phases()).toEqual(['rendered']);
  }, 15_000);

  it('does what main answers: remount a tile (loading again), or mark it unavailable and stop probing it', async () => {
    let next: HealthDirectives = { remount: [0], unavailable: [1] };
    const t = setup([{ look: { mounted: false, shows: false } }, { look: { mounted: false, shows: false } }], () => {
      const out = next;
      next = { remount: [], unavailable: [] };
      return out;
    });
    t.watch.start();
    await settle();
    expect(t.tiles.map((x) => x.mounts)).toEqual([2, 1]);
    expect(t.phases()).toEqual(['loading', 'unavailable']);
    t.looks[1] = { mounted: true, shows: true };
    await t.step(TROUBLE_PROBE_MS * 3);
    expect(t.phases()[1]).toBe('unavailable');
  });
});

describe('stop(): a slide taken off the page', () => {
  it('cancels every timer: no more probes, reports or mounts once stopped', async () => {
    const doc = call(() => 'ok');
    const inspect = vi.fn();
    const t = setup([{ appId: 'a', look: { mounted: true, shows: true, doc } }, { look: { mounted: true, shows: false } }]);
    t.tiles.forEach((tile, i) => (tile.inspect = async () => (inspect(i), t.looks[i] as TileInspection)));
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS * 2);
    expect(t.phases()).toEqual(['rendered', 'loading']); // tile 1 still probed each second, its watchdog armed
    expect(t.pending()).toBeGreaterThan(0);
    t.watch.stop();
    expect(t.pending()).toBe(0);
    const [reports, inspections, docs] = [t.reports.length, inspect.mock.calls.length, doc.mock.calls.length];
    await t.step(timing.loadTimeoutMs + timing.keepaliveMs * 2, 1_000);
    expect([t.reports.length, inspect.mock.calls.length, doc.mock.calls.length]).toEqual([reports, inspections, docs]);
    expect(t.tiles.map((x) => x.mounts)).toEqual([1, 1]);
    t.watch.reportNow(); // nothing to report for tiles that are gone
    t.watch.embedError(0);
    await t.step(TROUBLE_PROBE_MS * 2);
    expect(t.reports.length).toBe(reports);
  });

  it('an answer to a report sent before stop() changes nothing', async () => {
    const t = setup([{ look: { mounted: true, shows: true } }], () => ({ remount: [0], unavailable: [] }));
    t.watch.start(); // the first report is in flight
    t.watch.stop();
    await t.step(TROUBLE_PROBE_MS * 3);
    expect(t.reports).toHaveLength(1);
    expect(t.tiles[0]!.mounts).toBe(1);
    expect(t.pending()).toBe(0);
  });

  it('reportNow() sends the current state at once, between heartbeats', async () => {
    const t = setup([{ look: { mounted: true, shows: true } }]);
    t.watch.start();
    await t.step(TROUBLE_PROBE_MS);
    const before = t.reports.length;
    t.watch.reportNow();
    await settle();
    expect(t.reports.length).toBe(before + 1);
    expect(t.phases()).toEqual(['rendered']);
  });
});

describe('statusOf: the HTTP status in an error of the runtime', () => {
  it.each([
    [{ status: 403 }, 403],
    [{ status: '404' }, 404],
    [{ status: 'forbidden' }, undefined],
    [{ status: 42 }, undefined],
    [{}, undefined],
    [null, undefined],
  ])('%j → %s', (err, expected) => expect(statusOf(err)).toBe(expected));
});
