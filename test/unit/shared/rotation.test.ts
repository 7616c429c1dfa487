// Rotation on a fake clock: prepared ahead, shown only once rendered or after the bound, paused and resumed
// where it was, restarted at a remembered slide.
import { describe, expect, it } from 'vitest';
import { createRotation } from '../../../src/shared/rotation';
import { FakeClock } from '../../support/fake-clock';

const S = 1000;

function setup(dwellMs = [30 * S, 30 * S, 30 * S], start = 0) {
  const clock = new FakeClock();
  const log: string[] = [];
  const at = () => `${(clock.now() - t0) / S}s`;
  const t0 = clock.now();
  const rotation = createRotation({ dwellMs, prepareLeadMs: 10 * S, readyBoundMs: 5 * S }, {
    clock,
    actions: {
      prepare: (i) => log.push(`${at()} prepare ${i}`),
      show: (i) => log.push(`${at()} show ${i}`),
      discard: (i) => log.push(`${at()} discard ${i}`),
      moved: (i) => log.push(`${at()} moved ${i}`),
    },
  }, start);
  return { clock, log, rotation };
}

describe('createRotation', () => {
  it('mounts the next slide hidden 10 s ahead and shows it at the end of the dwell once rendered', () => {
    const { clock, log, rotation } = setup();
    rotation.start();
    clock.advance(20 * S);
    expect(log).toEqual(['20s prepare 1']);
    clock.advance(3 * S);
    rotation.rendered(1); // ready early: shown on time, not before
    clock.advance(7 * S);
    expect(log).toEqual(['20s prepare 1', '30s show 1', '30s moved 1']);
    expect(rotation.current).toBe(1);
  });

  it('a slide still rendering at the end of the dwell is shown the moment it is ready, the old one staying until then', () => {
    const { clock, log, rotation } = setup();
    rotation.start();
    clock.advance(32 * S);
    expect(log).toEqual(['20s prepare 1']); // the current slide stays visible
    rotation.rendered(1);
    expect(log.slice(1)).toEqual(['32s show 1', '32s moved 1']);
  });

  it('a slide that never renders is shown after the 5 s bound: the wall never stops', () => {
    const { clock, log, rotation } = setup();
    rotation.start();
    clock.advance(35 * S);
    expect(log).toEqual(['20s prepare 1', '35s show 1', '35s moved 1']);
  });

  it('goes round: after the last slide the first, each with its own dwell', () => {
    const { clock, log, rotation } = setup([10 * S, 40 * S]);
    rotation.start();
    for (let i = 0; i < 4; i++) {
      clock.advance(60 * S);
    }
    expect(log.filter((l) => l.includes('show'))).toEqual(['15s show 1', '60s show 0', '75s show 1', '120s show 0', '135s show 1', '180s show 0', '195s show 1', '240s show 0']);
  });

  it('pauses where it is while a status screen shows, drops a half-prepared slide, and resumes with a full dwell', () => {
    const { clock, log, rotation } = setup();
    rotation.start();
    clock.advance(25 * S);
    rotation.pause();
    expect(log).toEqual(['20s prepare 1', '25s discard 1']);
    rotation.rendered(1); // a late report from the dropped slide changes nothing
    clock.advance(120 * S);
    expect(log).toHaveLength(2);
    rotation.start();
    expect(rotation.current).toBe(0);
    clock.advance(30 * S);
    expect(log.slice(2)).toEqual(['165s prepare 1']);
  });

  it('starts at a remembered slide (a restart resumes there)', () => {
    const { clock, log, rotation } = setup(undefined, 2);
    rotation.start();
    clock.advance(40 * S);
    expect(log).toEqual(['20s prepare 0', '35s show 0', '35s moved 0']);
  });

  it('a playlist of one slide does not rotate', () => {
    const { clock, log, rotation } = setup([30 * S]);
    rotation.start();
    clock.advance(3600 * S);
    expect(log).toEqual([]);
  });

  it('a report for a slide that is not being prepared is ignored', () => {
    const { clock, log, rotation } = setup();
    rotation.start();
    rotation.rendered(2);
    rotation.rendered(1); // not prepared yet
    clock.advance(30 * S);
    expect(log).toEqual(['20s prepare 1']);
  });
});
