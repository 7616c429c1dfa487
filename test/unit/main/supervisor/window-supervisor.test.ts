import { describe, expect, it } from 'vitest';
import { createMemoryLog } from '../../../../src/main/log/logger';
import {
  createWindowSupervisor, DEFAULT_SUPERVISOR_OPTIONS, nextLocalTime, supervisorOptions, takeRelaunch,
  type RelaunchLedger, type SupervisorOptions, type WindowHealth,
} from '../../../../src/main/supervisor/window-supervisor';
import { FakeClock } from '../../../support/fake-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 10, 22, 6, 0, 0); // the FakeClock's default: 06:00 UTC

const memoryLedger = (): RelaunchLedger & { times: number[] } => {
  const l = { times: [] as number[], read: () => [...l.times], write: (t: number[]) => void (l.times = [...t]) };
  return l;
};

function setup(over: Partial<SupervisorOptions> = {}, ledger = memoryLedger(), clock = new FakeClock(START)) {
  const actions: string[] = [];
  let left = 0;
  const cappedRetryAt: number[] = [];
  const seen: WindowHealth[] = [];
  const s = createWindowSupervisor(
    { ...DEFAULT_SUPERVISOR_OPTIONS, memoryCeilingBytes: 1024 * 1048576, dailyRecycleMinute: 4 * 60, maxSessionMs: 24 * HOUR, timezoneOffsetMinutes: () => 0, ...over },
    {
      clock, ledger, log: createMemoryLog('supervisor'),
      actions: {
        leavePage: () => left++,
        reload: () => actions.push('reload'),
        recreate: ({ clearCache }) => actions.push(clearCache ? 'recreate+clear' : 'recreate'),
        relaunch: () => actions.push('relaunch'),
        showCapped: (retryAt) => {
          cappedRetryAt.push(retryAt);
          actions.push('capped');
        },
        retryContent: () => actions.push('retry-content'),
      },
    },
  );
  s.onChange((h) => seen.push(h));
  return { s, clock, ledger, actions, seen, left: () => left, cappedRetryAt };
}

describe('the ladder', () => {
  it('reload, then recreate, then relaunch for faults close together; a quiet spell starts again at reload', () => {
    const { s, clock, actions, ledger } = setup();
    s.fault('load-failed');
    clock.advance(30_000);
    s.fault('load-failed');
    clock.advance(30_000);
    s.fault('heartbeat-lost');
    expect(actions).toEqual(['reload', 'recreate', 'relaunch']);
    expect(ledger.times).toEqual([clock.now()]);
    clock.advance(3 * MIN);
    s.fault('embeds-failed');
    expect(actions.at(-1)).toBe('reload');
    expect(s.health.lastHeal).toMatchObject({ cause: 'embeds-failed', rung: 'reload' });
  });

  it('every action that replaces the page first stops hearing the old one (its reports would act on the new)', () => {
    const { s, clock, actions, left } = setup({ maxSessionMs: HOUR });
    s.fault('load-failed');
    s.fault('crashed');
    clock.advance(HOUR);
    expect(actions).toEqual(['reload', 'recreate', 'recreate']);
    expect(left()).toBe(3);
  });

  it('a memory recycle deferred by a load is dropped when a fault gives the window a new renderer anyway', () => {
    const { s, actions } = setup();
    s.loading(true);
    s.memory(2048 * 1048576);
    s.fault('oom');
    s.loading(false);
    expect(actions).toEqual(['recreate+clear']);
  });

  it('embeds that keep failing in fresh pages are not worth a relaunch: the slow probe instead, and content ends it', () => {
    const { s, clock, actions, ledger, cappedRetryAt } = setup();
    for (let i = 0; i < 3; i++) {
      s.fault('embeds-failed');
      clock.advance(30_000);
    }
    expect(actions).toEqual(['reload', 'recreate', 'capped']);
    expect(ledger.times).toEqual([]);
    // The screen's "next attempt" is when the slow probe really runs.
    clock.advance(cappedRetryAt[0]! - clock.now() - 1);
    expect(actions.at(-1)).toBe('capped');
    clock.advance(1);
    expect(actions.at(-1)).toBe('retry-content');
    s.healthy();
    expect(s.health.state).toBe('content');
  });

  it.each([
    ['crashed', 'recreate'],
    ['oom', 'recreate+clear'],
    ['unresponsive', 'recreate'],
    ['heartbeat-lost', 'recreate'],
  ] as const)('a %s renderer is never reused: %s at once', (fault, action) => {
    const { s, actions } = setup();
    s.fault(fault);
    expect(actions).toEqual([action]);
  });

  // A page main did not load into the window (it navigated itself): main's URL again, up the usual ladder, and
  // never a relaunch — a new process would meet the same page. [faults close together → actions]
  it.each<[string, number, string[]]>([
    ['once: main loads its URL again', 1, ['reload']],
    ['twice: a new window', 2, ['reload', 'recreate']],
    ['three times: the capped status screen, not a relaunch', 3, ['reload', 'recreate', 'capped']],
    ['five times: still capped (each fault restarts the slow probe)', 5, ['reload', 'recreate', 'capped', 'capped', 'capped']],
  ])('navigated-away %s', (_name, times, expected) => {
    const { s, clock, actions, ledger } = setup();
    for (let i = 0; i < times; i++) {
      s.fault('navigated-away');
      clock.advance(10_000);
    }
    expect(actions).toEqual(expected);
    expect(ledger.times).toEqual([]);
  });

  // Only main's own slow probe ends the capped state: a page's word that its content renders does not.
  // [case, steps, state after]
  it.each<[string, ('healthy' | 'probe' | 'fault')[], 'capped' | 'content']>([
    ['a report of working content before main retried', ['healthy'], 'capped'],
    ['many such reports', ['healthy', 'healthy', 'healthy'], 'capped'],
    ['main\'s probe put the content back, and it renders', ['probe', 'healthy'], 'content'],
    ['main\'s probe, a fault meanwhile (capped again), then a report', ['probe', 'fault', 'healthy'], 'capped'],
    ['main\'s probe, a fault, the next probe, then a report', ['probe', 'fault', 'probe', 'healthy'], 'content'],
  ])('capped: %s → %s', (_name, steps, state) => {
    const { s, clock, actions, cappedRetryAt } = setup();
    for (let i = 0; i < 3; i++) s.fault('embeds-failed');
    expect(s.health.state).toBe('capped');
    for (const step of steps) {
      if (step === 'healthy') s.healthy();
      if (step === 'fault') s.fault('embeds-failed');
      if (step === 'probe') {
        clock.advance(cappedRetryAt.at(-1)! - clock.now());
        expect(actions.at(-1)).toBe('retry-content');
      }
    }
    expect(s.health.state).toBe(state);
  });

  it('is observable: healing, then content again', () => {
    const { s, seen } = setup();
    s.fault('load-failed');
    s.healthy();
    expect(seen.map((h) => h.state)).toEqual(['healing', 'content']);
  });
});

describe('the relaunch cap', () => {
  it('counts relaunches in a ledger that outlives the process; the 6th within 10 minutes is refused', () => {
    const ledger = memoryLedger();
    const clock = new FakeClock(START);
    expect([1, 2, 3, 4, 5, 6].map(() => {
      clock.advance(MIN);
      return takeRelaunch(ledger, DEFAULT_SUPERVISOR_OPTIONS.relaunchCap, clock.now());
    })).toEqual([true, true, true, true, true, false]);
    clock.advance(5 * MIN + 1); // the first relaunch is now older than 10 minutes
    expect(takeRelaunch(ledger, DEFAULT_SUPERVISOR_OPTIONS.relaunchCap, clock.now())).toBe(true);
  });

  it('a crash loop across relaunches ends on the status screen, which keeps probing slowly and never relaunches or quits', () => {
    const ledger = memoryLedger();
    const clock = new FakeClock(START);
    const all: string[] = [];
    // Each "process" starts a new supervisor on the same ledger, and its window crashes three times at once.
    for (let process = 0; process < 8 && !all.includes('capped'); process++) {
      const { s, actions } = setup({}, ledger, clock);
      for (let i = 0; i < 3 && !actions.includes('relaunch') && !actions.includes('capped'); i++) {
        s.fault('crashed');
        clock.advance(5_000);
      }
      all.push(...actions);
      if (actions.includes('capped')) {
        clock.advance(DEFAULT_SUPERVISOR_OPTIONS.cappedProbeMs);
        expect(actions.slice(actions.indexOf('capped'))).toEqual(['capped', 'retry-content']); // a slow probe of the content
        s.fault('crashed'); // still broken: stays capped, probes again later
        expect(actions.at(-1)).toBe('capped');
        expect(s.health.state).toBe('capped');
      }
      s.stop();
    }
    expect(all.filter((a) => a === 'relaunch')).toHaveLength(5);
    expect(all.at(-1)).toBe('capped');
  });
});

describe('the memory governor', () => {
  it('recycles a renderer over the ceiling, with its caches cleared, once it is not loading', () => {
    const { s, actions } = setup();
    s.memory(900 * 1048576);
    expect(actions).toEqual([]);
    s.loading(true);
    s.memory(1100 * 1048576);
    s.memory(1200 * 1048576);
    expect(actions).toEqual([]); // not while it loads
    s.loading(false);
    expect(actions).toEqual(['recreate+clear']);
    expect(s.health.lastHeal).toMatchObject({ cause: 'memory', rung: 'recreate' });
  });
});

describe('the daily recycle', () => {
  it('recycles at the quiet local time (04:00 by default), every day', () => {
    const { s, clock, actions } = setup();
    expect(s.health.nextRecycleAt).toBe(Date.UTC(2026, 10, 23, 4, 0)); // 06:00 today has passed: tomorrow
    clock.advance(22 * HOUR - 1);
    expect(actions).toEqual([]);
    clock.advance(1);
    expect(actions).toEqual(['recreate']);
    expect(s.health.lastHeal?.cause).toBe('daily-recycle');
    expect(s.health.nextRecycleAt).toBe(Date.UTC(2026, 10, 24, 4, 0));
  });

  it('recycles earlier when a session would otherwise outlive Qlik\'s maximum session length', () => {
    const { s, clock, actions } = setup({ maxSessionMs: 12 * HOUR });
    expect(s.health.nextRecycleAt).toBe(START + 12 * HOUR);
    clock.advance(12 * HOUR);
    expect(actions).toEqual(['recreate']);
    expect(s.health.lastHeal?.cause).toBe('session-age');
  });

  it('a wall-clock jump of +23 h past the recycle time: the next report (tick) recycles, though no timer fired', () => {
    const { s, clock, actions } = setup();
    clock.jump(23 * HOUR); // 06:00 → 05:00 next day: past 04:00
    expect(actions).toEqual([]);
    s.tick();
    expect(actions).toEqual(['recreate']);
    expect(s.health.lastHeal?.cause).toBe('daily-recycle');
    expect(s.health.nextRecycleAt).toBe(Date.UTC(2026, 10, 24, 4, 0));
    s.tick();
    expect(actions).toEqual(['recreate']); // once
  });

  it('a planned recycle does not climb the ladder for the next fault', () => {
    const { s, clock, actions } = setup({ maxSessionMs: HOUR });
    clock.advance(HOUR);
    s.fault('load-failed');
    expect(actions).toEqual(['recreate', 'reload']);
  });

  it.each([
    [Date.UTC(2026, 0, 1, 3, 59), 0, Date.UTC(2026, 0, 1, 4, 0)],
    [Date.UTC(2026, 0, 1, 4, 0), 0, Date.UTC(2026, 0, 2, 4, 0)],
    [Date.UTC(2026, 0, 1, 2, 0), -60, Date.UTC(2026, 0, 1, 3, 0)], // UTC+1: 04:00 local is 03:00 UTC
  ])('nextLocalTime(%s, 04:00, offset %i) = %s', (now, offset, at) => {
    expect(nextLocalTime(now, 240, () => offset)).toBe(at);
  });
});

it('supervisorOptions maps the config section', () => {
  expect(supervisorOptions({ memoryCeilingMb: 1536, dailyRecycleAt: '04:30', maxSessionHours: 24 })).toMatchObject({
    memoryCeilingBytes: 1536 * 1048576, dailyRecycleMinute: 270, maxSessionMs: 24 * HOUR, escalateWithinMs: 2 * MIN,
  });
});
