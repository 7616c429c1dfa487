import { describe, expect, it, vi } from 'vitest';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { CAPTURE_TIMEOUT_MS, createPictureKeeper, PICTURE_EVERY_MS } from '../../../../src/main/window/last-good-picture';
import { FakeClock } from '../../../support/fake-clock';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('last good picture', () => {
  it('is taken when the content is good, at most once a minute, kept in memory with its time', async () => {
    const clock = new FakeClock();
    const capture = vi.fn(async () => new Uint8Array([clock.now() % 251]));
    const keeper = createPictureKeeper({ clock, capture, log: createMemoryLog(), stillGood: () => true });
    expect(keeper.latest()).toBeUndefined();
    keeper.contentGood();
    keeper.contentGood(); // while one is being taken
    await settle();
    expect(capture).toHaveBeenCalledTimes(1);
    const first = keeper.latest()!;
    expect(first.at).toBe(clock.now());
    clock.advance(PICTURE_EVERY_MS - 1);
    keeper.contentGood();
    await settle();
    expect(capture).toHaveBeenCalledTimes(1);
    clock.advance(1);
    keeper.contentGood();
    await settle();
    expect(keeper.latest()!.at).toBe(first.at + PICTURE_EVERY_MS);
  });

  it.each([
    ['a failed capture', () => Promise.reject(new Error('window gone')), true],
    ['an empty capture (a hidden window)', async () => new Uint8Array(), true],
    ['a capture that lands after a status screen replaced the content', async () => new Uint8Array([2]), false],
  ])('%s keeps the previous picture', async (_n, failing, good) => {
    const clock = new FakeClock();
    let stillGood = true;
    const capture = vi.fn(async () => new Uint8Array([1]));
    const keeper = createPictureKeeper({ clock, capture, log: createMemoryLog(), stillGood: () => stillGood });
    keeper.contentGood();
    await settle();
    capture.mockImplementationOnce(failing);
    clock.advance(PICTURE_EVERY_MS);
    stillGood = good;
    keeper.contentGood();
    await settle();
    expect(keeper.latest()!.png).toEqual(new Uint8Array([1]));
  });

  it('a capture that never answers is given up after 10 s: the next good moment takes a new one', async () => {
    const clock = new FakeClock();
    const capture = vi.fn((): Promise<Uint8Array> => new Promise(() => {}));
    const keeper = createPictureKeeper({ clock, capture, log: createMemoryLog(), stillGood: () => true });
    keeper.contentGood();
    clock.advance(CAPTURE_TIMEOUT_MS);
    await settle();
    capture.mockImplementation(async () => new Uint8Array([3]));
    keeper.contentGood();
    await settle();
    expect(keeper.latest()!.png).toEqual(new Uint8Array([3]));
  });
});
