// The triage of a content window's health reports, on a fake clock with a scripted tenant probe.
import { describe, expect, it, vi } from 'vitest';
import { TokenError } from '../../../../src/main/auth/token-errors';
import { createMemoryLog } from '../../../../src/main/log/logger';
import type { AppCheck, ProbeVerdict } from '../../../../src/main/recovery/tenant-probe';
import { createEmbedTriage, DEFAULT_TRIAGE } from '../../../../src/main/supervisor/embed-triage';
import type { TilePhase, TileReport } from '../../../../src/shared/ipc-contract';
import { FakeClock } from '../../../support/fake-clock';

const HEARTBEAT = 5_000;
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
const tiles = (...phases: (TilePhase | [TilePhase, Partial<TileReport>])[]): { tiles: TileReport[] } => ({
  tiles: phases.map((p) => (Array.isArray(p) ? { phase: p[0], mounted: true, ...p[1] } : { phase: p, mounted: p !== 'loading' })),
});

/** Apps by tile index ('gone-app' answers 404 at the tenant); a tile of no app has none. */
const APPS = ['app-a', 'app-a', 'gone-app', undefined];
function setup(verdicts: ProbeVerdict[] = []) {
  const clock = new FakeClock();
  const checkApp = vi.fn<AppCheck>(async (appId) => (appId === 'gone-app' ? { verdict: 'gone', status: 404 } : { verdict: 'ok', status: 200 }));
  const supervisor = { fault: vi.fn(), healthy: vi.fn(), tick: vi.fn() };
  const recovery = { tenantDown: vi.fn(), contentWorks: vi.fn() };
  const onAllRendered = vi.fn();
  const probe = vi.fn(async (): Promise<ProbeVerdict> => verdicts.shift() ?? { ok: true });
  const log = createMemoryLog();
  const triage = createEmbedTriage(
    { ...DEFAULT_TRIAGE, heartbeatMs: HEARTBEAT, tiles: APPS.map((appId, i) => ({ ...(appId === undefined ? {} : { appId }), label: `tile ${i}` })) },
    { clock, log, probe, checkApp, supervisor, recovery, onAllRendered },
  );
  triage.contentLoading();
  return { clock, supervisor, recovery, probe, checkApp, triage, onAllRendered, log };
}

describe('embed triage', () => {
  it('every tile rendered: the window is healthy and its picture may be taken; nothing to do, no probe', () => {
    const t = setup();
    expect(t.triage.report(tiles('rendered', 'rendered'))).toEqual({ remount: [], unavailable: [] });
    expect(t.supervisor.healthy).toHaveBeenCalledTimes(1);
    expect(t.onAllRendered).toHaveBeenCalledTimes(1);
    expect(t.supervisor.tick).toHaveBeenCalled(); // a clock jump is checked on every report
    expect(t.probe).not.toHaveBeenCalled();
  });

  it('tenant down: the recovery takes the window to the status screen; no remount', async () => {
    const t = setup([{ ok: false, error: new TokenError('network', 'refused') }]);
    t.triage.report(tiles('rendered', 'session-lost'));
    await settle();
    expect(t.recovery.tenantDown).toHaveBeenCalledWith(expect.objectContaining({ code: 'network' }));
    expect(t.triage.report(tiles('rendered', 'session-lost'))).toEqual({ remount: [], unavailable: [] });
  });

  it('tenant fine, a lost session: remount that tile, repeated until the page shows it done (another script may have taken the answer)', async () => {
    const t = setup();
    t.triage.report(tiles('rendered', 'session-lost'));
    await settle();
    expect(t.triage.report(tiles('rendered', 'session-lost'))).toEqual({ remount: [1], unavailable: [] });
    t.clock.advance(DEFAULT_TRIAGE.diagnoseGapMs);
    expect(t.triage.report(tiles('rendered', 'session-lost'))).toEqual({ remount: [1], unavailable: [] }); // not acted on yet
    expect(t.triage.report(tiles('rendered', 'loading'))).toEqual({ remount: [], unavailable: [] });
    expect(t.probe).toHaveBeenCalledTimes(1);
  });

  it('tenant fine, a runtime that never mounted anything: a supervisor fault (the ladder reloads the page)', async () => {
    const t = setup();
    t.triage.report(tiles(['timeout', { mounted: false }], ['timeout', { mounted: false }]));
    await settle();
    expect(t.supervisor.fault).toHaveBeenCalledWith('embeds-failed');
  });

  it('no tile can work even after two remounts each (a poisoned token chain): a supervisor fault, once', async () => {
    const t = setup();
    for (let round = 0; round < 2; round++) {
      t.triage.report(tiles('error', 'error'));
      await settle();
      expect(t.supervisor.fault).not.toHaveBeenCalled();
      for (let waited = 0; waited < DEFAULT_TRIAGE.remountAgainMs * 2 ** round; waited += HEARTBEAT) {
        t.triage.report(tiles('loading', 'loading')); // carried out, and loading again (heartbeats)
        t.clock.advance(HEARTBEAT);
      }
    }
    t.triage.report(tiles('error', 'error'));
    await settle();
    expect(t.supervisor.fault).toHaveBeenCalledWith('embeds-failed');
  });

  it.each([
    ['the page\'s object check met 403 (a number)', ['error', { status: 403 }] as [TilePhase, Partial<TileReport>], 1, false],
    ['the page\'s check met 404 for a tile of no app', ['error', { status: 404 }] as [TilePhase, Partial<TileReport>], 3, false],
    ['the tenant answers 404 for the tile\'s app (the page\'s error carried no status)', 'error' as TilePhase, 2, true],
  ])('content gone when %s: that tile says so; nothing else is touched', async (_n, phase, tile, askedTenant) => {
    const t = setup();
    const report = { tiles: [0, 1, 2, 3].map((i) => (i === tile ? tiles(phase).tiles[0]! : tiles('rendered').tiles[0]!)) };
    t.triage.report(report);
    await settle();
    expect(t.triage.report(report)).toEqual({ remount: [], unavailable: [tile] });
    expect(t.checkApp.mock.calls.length > 0).toBe(askedTenant);
    expect(t.supervisor.fault).not.toHaveBeenCalled();
  });

  it('an error whose app the tenant still serves is remounted, never marked gone; the app is asked once for all its tiles', async () => {
    const t = setup();
    t.triage.report(tiles('error', 'session-lost'));
    await settle();
    expect(t.triage.report(tiles('error', 'session-lost'))).toEqual({ remount: [0, 1], unavailable: [] });
    expect(t.checkApp.mock.calls).toEqual([['app-a']]);
  });

  it('the tenant cannot say (no answer): the tile is remounted, not marked gone', async () => {
    const t = setup();
    t.checkApp.mockResolvedValueOnce({ verdict: 'unknown' });
    t.triage.report(tiles('rendered', 'rendered', 'error'));
    await settle();
    expect(t.triage.report(tiles('rendered', 'rendered', 'error')).remount).toEqual([2]);
  });

  it('a resuming tile is never remounted, and its window is not healthy yet', async () => {
    const t = setup();
    t.triage.report(tiles('resuming', 'resuming'));
    await settle();
    t.clock.advance(60_000);
    expect(t.triage.report(tiles('resuming', 'resuming'))).toEqual({ remount: [], unavailable: [] });
    expect(t.probe).not.toHaveBeenCalled();
    expect(t.supervisor.healthy).not.toHaveBeenCalled();
  });

  it('the IT log names the rule each tile is checked by, once per change', () => {
    const t = setup();
    t.triage.report(tiles(['rendered', { rule: 'doc' }], ['rendered', { rule: 'visible' }]));
    t.triage.report(tiles(['rendered', { rule: 'doc' }], ['rendered', { rule: 'visible' }]));
    const lines = t.log.lines.filter((l) => l.includes('tile health is checked by'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/tile 0.*doc/);
    expect(lines[1]).toMatch(/tile 1.*visible/);
  });

  it('content gone: a 404 tile says so at once and is retried every 5 min; the others are untouched', async () => {
    const t = setup();
    t.triage.report(tiles('rendered', ['error', { status: 404 }]));
    await settle();
    expect(t.triage.report(tiles('rendered', ['error', { status: 404 }]))).toEqual({ remount: [], unavailable: [1] });
    const idle = (ms: number) => {
      for (let left = ms; left > 0; left -= Math.min(left, HEARTBEAT)) {
        t.clock.advance(Math.min(left, HEARTBEAT));
        if (left > HEARTBEAT) expect(t.triage.report(tiles('rendered', 'unavailable'))).toEqual({ remount: [], unavailable: [] });
      }
    };
    idle(DEFAULT_TRIAGE.contentRetryMs - 1);
    expect(t.triage.report(tiles('rendered', 'unavailable')).remount).toEqual([]);
    t.clock.advance(1);
    expect(t.triage.report(tiles('rendered', 'unavailable')).remount).toEqual([1]);
    expect(t.supervisor.healthy).toHaveBeenCalled(); // the rest works: one gone tile does not keep the window "healing"
  });

  it('a tile that keeps failing while its app is there is remounted with a back-off (30 s, 60 s, …), never marked gone', async () => {
    const t = setup();
    const remountedAt: number[] = [];
    const start = t.clock.now();
    for (let s = 0; s < 200; s++) {
      t.triage.report(tiles('rendered', 'error'));
      await settle();
      if (t.triage.report(tiles('rendered', 'error')).remount.includes(1)) {
        remountedAt.push(Math.round((t.clock.now() - start) / 1000));
        t.triage.report(tiles('rendered', 'loading'));
      }
      t.clock.advance(1_000);
    }
    expect(remountedAt).toEqual([0, 30, 90]);
    expect(t.triage.report(tiles('rendered', 'error')).unavailable).toEqual([]);
  });

  it('one diagnosis at a time, at most one per 5 s, however often the page reports trouble', async () => {
    let answer!: (v: ProbeVerdict) => void;
    const t = setup();
    t.probe.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    for (let i = 0; i < 5; i++) t.triage.report(tiles('error'));
    expect(t.probe).toHaveBeenCalledTimes(1);
    answer({ ok: false, error: new TokenError('server_error', '503') });
    await settle();
    t.triage.report(tiles('error'));
    expect(t.probe).toHaveBeenCalledTimes(1);
    t.clock.advance(DEFAULT_TRIAGE.diagnoseGapMs);
    t.triage.report(tiles('error'));
    expect(t.probe).toHaveBeenCalledTimes(2);
  });

  it('a tenant found fine less than 5 s ago is not asked again: the next tile in trouble is remounted at once', async () => {
    const t = setup();
    t.triage.report(tiles('session-lost', 'rendered'));
    await settle();
    expect(t.triage.report(tiles('session-lost', 'rendered')).remount).toEqual([0]);
    t.clock.advance(2_000);
    t.triage.report(tiles('loading', 'session-lost'));
    await settle();
    expect(t.triage.report(tiles('loading', 'session-lost')).remount).toEqual([1]);
    expect(t.probe).toHaveBeenCalledTimes(1);
  });

  it('3 missed heartbeats on a content page are a hung page; none are expected on the status screen', () => {
    const t = setup();
    t.triage.report(tiles('rendered'));
    t.clock.advance(3 * HEARTBEAT - 1);
    t.triage.report(tiles('rendered'));
    t.clock.advance(3 * HEARTBEAT - 1);
    expect(t.supervisor.fault).not.toHaveBeenCalled();
    t.clock.advance(1);
    expect(t.supervisor.fault).toHaveBeenCalledWith('heartbeat-lost');
    t.triage.contentLeft();
    t.clock.advance(60_000);
    expect(t.supervisor.fault).toHaveBeenCalledTimes(1);
  });

  it('a page that never reports at all after loading is hung too', () => {
    const t = setup();
    t.clock.advance(3 * HEARTBEAT);
    expect(t.supervisor.fault).toHaveBeenCalledWith('heartbeat-lost');
  });

  it('a page whose only tile is gone still works (no heal is under way); its back-offs do not start over', async () => {
    const t = setup();
    t.triage.report(tiles('unavailable'));
    expect(t.supervisor.healthy).toHaveBeenCalledTimes(1);
    expect(t.recovery.contentWorks).not.toHaveBeenCalled();
    expect(t.onAllRendered).not.toHaveBeenCalled();
    t.triage.report(tiles('rendered'));
    expect(t.recovery.contentWorks).toHaveBeenCalledTimes(1);
  });

  it('an order overtaken by a newer report (the tile renders again) is dropped, not carried out on a working tile', async () => {
    const t = setup();
    t.triage.report(tiles('rendered', ['error', { status: 404 }]));
    await settle();
    t.triage.report(tiles('rendered', 'rendered'));
    expect(t.triage.report(tiles('rendered', 'rendered'))).toEqual({ remount: [], unavailable: [] });
  });

  it('a recycle that the report\'s tick started (a clock jump) ends that report: nothing is decided for the old page', () => {
    const t = setup();
    t.supervisor.tick.mockReturnValueOnce(true);
    expect(t.triage.report(tiles('rendered'))).toEqual({ remount: [], unavailable: [] });
    expect(t.supervisor.healthy).not.toHaveBeenCalled();
    expect(t.onAllRendered).not.toHaveBeenCalled();
  });

  it('one tile the runtime never mounted while others did is remounted; a page fault needs nothing mounted at all', async () => {
    const t = setup();
    t.triage.report(tiles('rendered', ['timeout', { mounted: false }]));
    await settle();
    expect(t.triage.report(tiles('rendered', ['timeout', { mounted: false }])).remount).toEqual([1]);
    expect(t.supervisor.fault).not.toHaveBeenCalled();
  });

  it('a page fault is raised once per page, however many reports keep saying nothing mounted; a new page may raise it again', async () => {
    const nothing = tiles(['timeout', { mounted: false }], ['timeout', { mounted: false }]);
    const t = setup();
    for (let i = 0; i < 8; i++) {
      t.triage.report(nothing);
      t.clock.advance(HEARTBEAT);
      await settle();
    }
    expect(t.supervisor.fault).toHaveBeenCalledTimes(1);
    t.triage.contentLoading();
    t.triage.report(nothing);
    await settle();
    expect(t.supervisor.fault).toHaveBeenCalledTimes(2);
  });

  it('reports are not heard while the window shows something else (status screen, or before the content loads)', async () => {
    const t = setup();
    t.triage.contentLeft();
    expect(t.triage.report(tiles('error', 'session-lost'))).toEqual({ remount: [], unavailable: [] });
    await settle();
    t.clock.advance(60_000);
    expect(t.probe).not.toHaveBeenCalled();
    expect(t.supervisor.fault).not.toHaveBeenCalled();
    expect(t.supervisor.healthy).not.toHaveBeenCalled();
  });

  it('diagnoses that find the tenant fine and change nothing back off: after 10 s, 20 s, 40 s …', async () => {
    const t = setup();
    const at: number[] = [];
    t.probe.mockImplementation(async () => {
      at.push(t.clock.now());
      return { ok: true };
    });
    const start = t.clock.now();
    for (let s = 0; s < 40; s++) {
      t.triage.report(tiles(['error', { status: 404 }])); // a page that reports the same trouble over and over,
      await settle();
      t.triage.report(tiles('unavailable')); // carries out the order, and is in trouble again a second later
      t.clock.advance(1_000);
    }
    expect(at.map((x) => Math.round((x - start) / 1000))).toEqual([0, 10, 30]);
  });

  it('a diagnosis about a page that has since been replaced acts on nothing', async () => {
    let answer!: (v: ProbeVerdict) => void;
    const t = setup();
    t.probe.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    t.triage.report(tiles(['timeout', { mounted: false }]));
    t.triage.contentLoading();
    answer({ ok: true });
    await settle();
    expect(t.supervisor.fault).not.toHaveBeenCalledWith('embeds-failed');
  });
});
