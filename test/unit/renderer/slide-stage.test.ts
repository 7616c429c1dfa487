// The page's slides on a fake clock, with the real rotation and real health watches over fake tiles: the next
// slide is prepared hidden under the visible one, swapped in one step, the old one removed; only the slide on
// screen talks to main, and main's answers apply only while their slide is still on screen.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createHealthWatch, TROUBLE_PROBE_MS, type TileHandle } from '../../../src/renderer/embed-health';
import { createSlideStage, type SlideElement } from '../../../src/renderer/slide-stage';
import type { HealthDirectives, HealthReport } from '../../../src/shared/ipc-contract';
import { createRotation } from '../../../src/shared/rotation';
import { FakeClock } from '../../support/fake-clock';

const S = 1000;
const timing = { loadTimeoutMs: 60 * S, keepaliveMs: 120 * S, heartbeatMs: 5 * S };
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

interface FakeSlide {
  element: SlideElement & { removed: boolean };
  tiles: { mounts: number; inspects: number }[];
}
type Answer = (r: HealthReport) => HealthDirectives | Promise<HealthDirectives>;

/** `tiles[i]`: how many tiles slide i has; `shows(i)`: whether slide i's content shows (else it never renders). */
function setup(o: { dwellMs: number[]; tiles?: number[]; start?: number; shows?: (slide: number) => boolean; answer?: Answer }) {
  const clock = new FakeClock();
  const placed: FakeSlide['element'][] = []; // the stage box's children, in order
  const built: FakeSlide[] = [];
  const toMain: HealthReport[] = [];
  let answer: Answer = o.answer ?? (() => ({ remount: [], unavailable: [] }));
  const shown: number[] = [];
  const stage = createSlideStage({
    build(i, report) {
      const tiles = Array.from({ length: o.tiles?.[i] ?? 2 }, () => ({ mounts: 0, inspects: 0 }));
      const handles: TileHandle[] = tiles.map((t) => ({
        mount: () => void t.mounts++,
        inspect: async () => (t.inspects++, { mounted: true, shows: o.shows?.(i) ?? true }),
        show: () => {},
      }));
      const watch = createHealthWatch({ timing, tiles: handles, setTimeout: clock.setTimeout, now: clock.now, report });
      const element = {
        dataset: {} as Record<string, string | undefined>,
        inert: false,
        removed: false,
        remove() {
          this.removed = true;
          placed.splice(placed.indexOf(this), 1);
        },
      };
      built.push({ element, tiles });
      return { element, watch, resetTiles: tiles.map((_, k) => ({ embed: { ui: 'analytics/sheet' as const, sheetId: `${i}-${k}` }, element: () => undefined, remount: () => watch.remount(k) })) };
    },
    place: (e) => placed.push(e),
    report: async (r) => {
      toMain.push(structuredClone(r));
      return answer(r);
    },
    ready: (i) => rotation.rendered(i),
    shown: (i) => shown.push(i),
  });
  const rotation = createRotation({ dwellMs: o.dwellMs, prepareLeadMs: 4 * S, readyBoundMs: 2 * S }, {
    clock,
    actions: { prepare: (i) => stage.prepare(i), show: (i) => stage.show(i), discard: (i) => stage.discard(i) },
  }, o.start ?? 0);
  const t0 = clock.now();
  const at = (ms: number) => async () => {
    while (clock.now() - t0 < ms) {
      clock.advance(Math.min(250, ms - (clock.now() - t0)));
      await settle();
    }
  };
  const start = async () => {
    stage.start(o.start ?? 0);
    rotation.start();
    await settle();
  };
  /** The stage box as tests read it: each slide's index, and whether it is the visible one. */
  const box = () => placed.map((e) => ({ slide: e.dataset['slide'], visible: e.dataset['visible'], inert: e.inert }));
  const slideOf = (i: number) => built.filter((b) => b.element.dataset['slide'] === String(i)).at(-1)!;
  return { clock, stage, rotation, box, built, slideOf, toMain, shown, start, at: (ms: number) => at(ms)(), setAnswer: (a: Answer) => (answer = a) };
}

describe('the slide stage', () => {
  it('prepares the next slide hidden under the visible one, then swaps in one step and removes the old one', async () => {
    const t = setup({ dwellMs: [10 * S, 10 * S, 10 * S], tiles: [2, 1, 3] });
    await t.start();
    expect(t.box()).toEqual([{ slide: '0', visible: 'true', inert: false }]);
    expect(t.shown).toEqual([0]);
    await t.at(6 * S - 100);
    expect(t.box()).toHaveLength(1);
    await t.at(6 * S); // dwell − lead: slide 1 mounts hidden, present at its full size (not display: none)
    expect(t.box()).toEqual([{ slide: '0', visible: 'true', inert: false }, { slide: '1', visible: 'false', inert: true }]);
    expect(t.slideOf(1).tiles.map((x) => x.mounts)).toEqual([1]);
    await t.at(10 * S - 100);
    expect(t.box().filter((s) => s.visible === 'true')).toHaveLength(1);
    await t.at(10 * S); // the dwell ends and slide 1 has rendered: shown at once
    expect(t.box()).toEqual([{ slide: '1', visible: 'true', inert: false }]);
    expect(t.shown).toEqual([0, 1]);
    const old = t.built[0]!;
    expect(old.element.removed).toBe(true);
    // The old slide's watch stopped with it: no more probes of tiles that are gone.
    const inspects = old.tiles.map((x) => x.inspects);
    await t.at(30 * S); // round the playlist: slide 0 again, mounted afresh
    expect(old.tiles.map((x) => x.inspects)).toEqual(inspects);
    expect(t.box()).toEqual([{ slide: '0', visible: 'true', inert: false }]);
    expect(t.shown).toEqual([0, 1, 2, 0]);
    expect(t.built.filter((b) => !b.element.removed)).toHaveLength(1); // every slide taken off was removed
  });

  it('a slide that never renders is shown once the ready bound has passed', async () => {
    const t = setup({ dwellMs: [10 * S, 10 * S], shows: (i) => i === 0 });
    await t.start();
    await t.at(12 * S - 100);
    expect(t.box().map((s) => `${s.slide}:${s.visible}`)).toEqual(['0:true', '1:false']);
    await t.at(12 * S);
    expect(t.box().map((s) => `${s.slide}:${s.visible}`)).toEqual(['1:true']);
  });

  it('reports to main carry the slide on screen; a prepared slide is not reported until it shows, then at once', async () => {
    const t = setup({ dwellMs: [10 * S, 10 * S] });
    await t.start();
    await t.at(10 * S - 100);
    expect(t.toMain.length).toBeGreaterThan(1);
    expect(new Set(t.toMain.map((r) => r.slide))).toEqual(new Set([0]));
    const before = t.toMain.length;
    await t.at(10 * S);
    expect(t.toMain.slice(before).map((r) => r.slide)).toEqual([1]); // sent with the swap, not at the next heartbeat
    expect(t.toMain.at(-1)!.tiles.map((x) => x.phase)).toEqual(['rendered', 'rendered']);
    await t.at(14 * S);
    expect(new Set(t.toMain.slice(before).map((r) => r.slide))).toEqual(new Set([1]));
  });

  it('main\'s directives apply to the slide on screen, and are dropped when their slide has gone meanwhile', async () => {
    const t = setup({ dwellMs: [10 * S, 10 * S] });
    await t.start();
    let once = true; // main asks once, when the tiles report rendered at 1 s
    t.setAnswer(() => ({ remount: once ? ((once = false), [0]) : [], unavailable: [] }));
    await t.at(2 * S);
    expect(t.slideOf(0).tiles[0]!.mounts).toBe(2); // on screen: main's answer is done
    t.setAnswer(() => ({ remount: [], unavailable: [] }));
    await t.at(4.75 * S);
    // Slide 0's heartbeat at 5 s is still in flight when the swap happens at 10 s; main's answer comes after it.
    let answerLate: ((d: HealthDirectives) => void) | undefined;
    t.setAnswer((r) => (r.slide === 0 ? new Promise((resolve) => (answerLate = resolve)) : { remount: [], unavailable: [] }));
    await t.at(10 * S);
    expect(answerLate).toBeDefined();
    expect(t.box().map((s) => s.slide)).toEqual(['1']);
    const mounts = () => t.built.map((b) => b.tiles.map((x) => x.mounts));
    const before = mounts();
    answerLate!({ remount: [0, 1], unavailable: [0] });
    await t.at(11 * S);
    expect(mounts()).toEqual(before); // neither the old slide's tiles nor the new slide's tiles of the same index
    expect(t.toMain.filter((r) => r.slide === 1).every((r) => r.tiles.every((x) => x.phase === 'rendered'))).toBe(true);
  });

  it('routes each slide\'s reports: a prepared one is answered locally, an answer that comes after its slide left the screen is dropped', async () => {
    const reports: ((r: HealthReport) => Promise<HealthDirectives>)[] = [];
    const answers: ((d: HealthDirectives) => void)[] = [];
    const toMain = vi.fn((_r: HealthReport) => new Promise<HealthDirectives>((resolve) => answers.push(resolve)));
    const ready = vi.fn();
    const watch = { start: vi.fn(), stop: vi.fn(), reportNow: vi.fn() };
    const stage = createSlideStage({
      build: (i, report) => {
        reports[i] = report;
        return { element: { dataset: {}, inert: false, remove: () => {} }, watch, resetTiles: [] };
      },
      place: () => {},
      report: toMain,
      ready,
    });
    const tiles = (...phases: ('loading' | 'rendered')[]) => ({ tiles: phases.map((phase) => ({ phase, mounted: true })) });
    const remount = { remount: [0], unavailable: [] };
    const none = { remount: [], unavailable: [] };
    stage.start(0);
    stage.prepare(1);
    expect(await reports[1]!(tiles('rendered', 'loading'))).toEqual(none);
    expect(ready).not.toHaveBeenCalled();
    expect(await reports[1]!(tiles('rendered', 'rendered'))).toEqual(none);
    expect(ready).toHaveBeenCalledWith(1);
    expect(toMain).not.toHaveBeenCalled(); // a prepared slide is never reported
    const onScreen = reports[0]!(tiles('rendered'));
    expect(toMain).toHaveBeenLastCalledWith({ ...tiles('rendered'), slide: 0 });
    answers.shift()!(remount);
    expect(await onScreen).toEqual(remount); // still on screen: main's answer is done
    const late = reports[0]!(tiles('rendered'));
    stage.show(1);
    answers.shift()!(remount);
    expect(await late).toEqual(none); // slide 0 left the screen while main answered
    const now = reports[1]!(tiles('rendered', 'rendered'));
    expect(toMain).toHaveBeenLastCalledWith({ ...tiles('rendered', 'rendered'), slide: 1 });
    answers.shift()!(remount);
    expect(await now).toEqual(remount);
  });

  it('discard (rotation paused) removes the prepared slide and stops its watch; the visible one stays', async () => {
    const t = setup({ dwellMs: [10 * S, 10 * S] });
    await t.start();
    await t.at(7 * S);
    const prepared = t.slideOf(1);
    t.rotation.pause();
    expect(prepared.element.removed).toBe(true);
    expect(t.box()).toEqual([{ slide: '0', visible: 'true', inert: false }]);
    const inspects = prepared.tiles.map((x) => x.inspects);
    await t.at(30 * S);
    expect(prepared.tiles.map((x) => x.inspects)).toEqual(inspects);
    expect(t.stage.visible).toBe(0);
  });

  it('a playlist of one slide does not rotate: one slide, nothing prepared, reports say slide 0', async () => {
    const t = setup({ dwellMs: [10 * S] });
    await t.start();
    await t.at(60 * S);
    expect(t.built).toHaveLength(1);
    expect(t.box()).toEqual([{ slide: '0', visible: 'true', inert: false }]);
    expect(new Set(t.toMain.map((r) => r.slide))).toEqual(new Set([0]));
  });

  it('starts at the slide main named, and the idle reset sees the tiles of the slide on screen', async () => {
    const t = setup({ dwellMs: [10 * S, 10 * S, 10 * S], tiles: [1, 2, 3], start: 2 });
    await t.start();
    expect(t.stage.visibleTiles().map((x) => x.embed.sheetId)).toEqual(['2-0', '2-1', '2-2']);
    await t.at(7 * S); // slide 0 prepared: still not the one reset
    expect(t.stage.visibleTiles()).toHaveLength(3);
    await t.at(10 * S + TROUBLE_PROBE_MS);
    expect(t.stage.visibleTiles().map((x) => x.embed.sheetId)).toEqual(['0-0']);
    t.stage.visibleTiles()[0]!.remount();
    expect(t.slideOf(0).tiles[0]!.mounts).toBe(2);
  });
});

describe('styles.css: a prepared slide', () => {
  const css = readFileSync(new URL('../../../src/renderer/styles.css', import.meta.url), 'utf8');
  it('is stacked in the same box as the visible one, hidden by visibility (never display: none) and not hit-testable', () => {
    expect(css).toMatch(/\.stage > \.slide \{[^}]*position: absolute; inset: 0;/);
    const hidden = /\.slide\[data-visible="false"\] \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(hidden).toMatch(/visibility: hidden/);
    expect(hidden).toMatch(/pointer-events: none/);
    expect(css).not.toMatch(/\.slide[^{]*\{[^}]*display: none/);
  });
});
