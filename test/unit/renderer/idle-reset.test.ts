import { describe, expect, it, vi } from 'vitest';
import { boundedBy, createIdleReset, resetToStart, watchInput, type ResetTile } from '../../../src/renderer/idle-reset';
import type { InitialState } from '../../../src/shared/embeds';
import type { RendererEmbed } from '../../../src/shared/ipc-contract';
import { FakeClock } from '../../support/fake-clock';

const IDLE = 60_000;
const STEP = 5_000;
/** Lets every promise chain that waits on no timer run to its end. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An app's engine document as the page sees it: the current selections per field. */
function fakeDoc(bookmarks: Record<string, Record<string, string[]>> = {}) {
  const selections = new Map<string, string[]>();
  return {
    selections,
    calls: [] as string[],
    async clearAll() {
      this.calls.push('clearAll');
      selections.clear();
    },
    async applyBookmark(id: string) {
      this.calls.push(`applyBookmark ${id}`);
      for (const [f, v] of Object.entries(bookmarks[id] ?? {})) selections.set(f, v);
    },
    async getField(name: string) {
      return {
        selectValues: async (values: { qText: string }[], toggle: boolean, softLock: boolean) => {
          this.calls.push(`select ${name}=${values.map((v) => v.qText).join('|')} toggle=${toggle} softLock=${softLock}`);
          selections.set(name, values.map((v) => v.qText));
        },
      };
    },
  };
}
type FakeDoc = ReturnType<typeof fakeDoc>;

/** A tile whose element hands over `api` (never, when undefined), counting remounts. */
function tile(embed: RendererEmbed, api?: unknown, live = true): ResetTile & { remounts: number } {
  const t = {
    embed,
    remounts: 0,
    element: () => (live ? { getRefApi: () => (api === undefined ? new Promise<unknown>(() => {}) : Promise.resolve(api)) } : undefined),
    remount: () => void t.remounts++,
  };
  return t;
}
const withDoc = (doc: FakeDoc) => ({ getDoc: async () => doc });

describe('createIdleReset: once, after idleMs without input, and never for a kiosk nobody touched', () => {
  it('a never-touched kiosk has no timer and is never reset', () => {
    const clock = new FakeClock();
    const reset = vi.fn();
    const idle = createIdleReset({ idleMs: IDLE, setTimeout: clock.setTimeout, reset });
    clock.advance(24 * 3600_000);
    expect(idle.counting).toBe(false);
    expect(reset).not.toHaveBeenCalled();
  });

  it.each<[string, number[], number, number]>([
    // [inputs at (ms after start), time advanced to, resets expected]
    ['one input: not before idleMs', [0], IDLE - 1, 0],
    ['one input: at idleMs', [0], IDLE, 1],
    ['more input restarts the countdown', [0, IDLE / 2], IDLE + IDLE / 2 - 1, 0],
    ['...which ends idleMs after the last input', [0, IDLE / 2], IDLE + IDLE / 2, 1],
    ['once: no second reset without new input', [0], 10 * IDLE, 1],
    ['new input after a reset starts a new countdown', [0, 2 * IDLE], 3 * IDLE, 2],
  ])('%s', async (_name, inputs, until, resets) => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const reset = vi.fn();
    const idle = createIdleReset({ idleMs: IDLE, setTimeout: clock.setTimeout, reset });
    for (const at of inputs) {
      clock.advance(t0 + at - clock.now());
      idle.input();
    }
    clock.advance(t0 + until - clock.now());
    await settle();
    expect(reset).toHaveBeenCalledTimes(resets);
  });

  it('stop() cancels the countdown', async () => {
    const clock = new FakeClock();
    const reset = vi.fn();
    const idle = createIdleReset({ idleMs: IDLE, setTimeout: clock.setTimeout, reset });
    idle.input();
    idle.stop();
    clock.advance(2 * IDLE);
    await settle();
    expect(reset).not.toHaveBeenCalled();
  });
});

describe('watchInput', () => {
  it.each<[string, boolean]>([
    ['pointerdown', true],
    ['keydown', true],
    ['wheel', true],
    ['touchstart', true],
    ['blur', true], // focus went into a classic/* frame, whose own input this page never sees
    ['pointermove', false],
    ['focus', false],
  ])('%s counts as input: %s', (type, counts) => {
    const target = new EventTarget();
    const onInput = vi.fn();
    const stop = watchInput(target, onInput);
    target.dispatchEvent(new Event(type));
    expect(onInput).toHaveBeenCalledTimes(counts ? 1 : 0);
    stop();
    target.dispatchEvent(new Event(type));
    expect(onInput).toHaveBeenCalledTimes(counts ? 1 : 0);
  });
});

describe('a touch kiosk back to its start state', () => {
  const START: InitialState = { clearAll: true, bookmark: 'bm-north', fields: [{ name: 'Year', values: ['2026'] }] };

  it('a selection made on a touch kiosk is cleared after the idle time, not before', async () => {
    const clock = new FakeClock();
    const window = new EventTarget();
    const doc = fakeDoc({ 'bm-north': { Region: ['Nordic'] } });
    const tiles = [
      tile({ ui: 'analytics/sheet', appId: 'a1', sheetId: 's1', initialState: START }),
      tile({ ui: 'analytics/chart', appId: 'a1', objectId: 'o1', initialState: START }, withDoc(doc)),
    ];
    const idle = createIdleReset({ idleMs: IDLE, setTimeout: clock.setTimeout, reset: () => resetToStart({ tiles, within: boundedBy(clock.setTimeout, STEP) }) });
    watchInput(window, idle.input);
    const touch = (select: Record<string, string[]>) => {
      window.dispatchEvent(new Event('touchstart'));
      for (const [f, v] of Object.entries(select)) doc.selections.set(f, v);
    };

    touch({ Region: ['Iberia'] });
    clock.advance(IDLE - 1);
    await settle();
    expect(Object.fromEntries(doc.selections)).toEqual({ Region: ['Iberia'] });

    touch({ Product: ['Bikes'] }); // a second touch during the countdown restarts it
    clock.advance(IDLE - 1);
    await settle();
    expect(Object.fromEntries(doc.selections)).toEqual({ Region: ['Iberia'], Product: ['Bikes'] });

    clock.advance(1);
    await settle();
    expect(Object.fromEntries(doc.selections)).toEqual({ Region: ['Nordic'], Year: ['2026'] });
    expect(doc.calls).toEqual(['clearAll', 'applyBookmark bm-north', 'select Year=2026 toggle=false softLock=false']);
    expect(tiles.map((t) => t.remounts)).toEqual([0, 0]); // the document reset serves the whole app

    clock.advance(10 * IDLE);
    await settle();
    expect(doc.calls).toHaveLength(3); // once: nobody touched it since
  });
});

describe('resetToStart, per app', () => {
  type Setup = () => { tiles: ReturnType<typeof tile>[]; docs: FakeDoc[] };
  it.each<[string, Setup, number[], string[][]]>([
    ['an app with doc access: cleared through its document, nothing remounted', () => {
      const doc = fakeDoc();
      return { tiles: [tile({ ui: 'analytics/field', appId: 'a', fieldId: 'f' }, withDoc(doc))], docs: [doc] };
    }, [0], [['clearAll']]],
    ['an app with no doc access (a sheet alone): remounted as a whole', () => ({
      tiles: [tile({ ui: 'analytics/sheet', appId: 'a', sheetId: 's1' }, {}), tile({ ui: 'analytics/sheet', appId: 'a', sheetId: 's2' }, {})], docs: [],
    }), [1, 1], []],
    ['classic/* tiles are remounted (classic/app applies its start attributes on mount)', () => ({
      tiles: [tile({ ui: 'classic/app', appId: 'a', sheetId: 's' }, {}), tile({ ui: 'classic/chart', appId: 'b', objectId: 'o' }, {})], docs: [],
    }), [1, 1], []],
    ['classic and analytics of one app: classic remounted, the rest through the document', () => {
      const doc = fakeDoc();
      return { tiles: [tile({ ui: 'classic/app', appId: 'a', sheetId: 's' }, {}), tile({ ui: 'analytics/selections', appId: 'a' }, withDoc(doc))], docs: [doc] };
    }, [1, 0], [['clearAll']]],
    ['a document that does not answer: the app is remounted', () => ({
      tiles: [tile({ ui: 'analytics/chart', appId: 'a', objectId: 'o' }), tile({ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }, {})], docs: [],
    }), [1, 1], []],
    ['a document without applyBookmark when a bookmark is due: the app is remounted', () => ({
      tiles: [tile({ ui: 'analytics/chart', appId: 'a', objectId: 'o', initialState: { bookmark: 'b' } }, { getDoc: async () => ({ clearAll: async () => {} }) })], docs: [],
    }), [1], []],
    ['tiles marked unavailable and assistants are left alone', () => ({
      tiles: [tile({ ui: 'analytics/sheet', appId: 'a', sheetId: 's' }, {}, false), tile({ ui: 'ai/assistant', assistantId: 'as' }, {})], docs: [],
    }), [0, 0], []],
  ])('%s', async (_name, setup, remounts, calls) => {
    const clock = new FakeClock();
    const { tiles, docs } = setup();
    const done = resetToStart({ tiles, within: boundedBy(clock.setTimeout, STEP) });
    await settle();
    clock.advance(STEP); // a step that never answers gives up
    await done;
    expect(tiles.map((t) => t.remounts)).toEqual(remounts);
    expect(docs.map((d) => d.calls)).toEqual(calls);
  });
});
