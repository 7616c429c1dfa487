// What a test opens (a harness, a tenant, a listener) is closed after it, newest first, even when it failed.
import { afterEach } from 'vitest';

export function closeAfterEach(): <T extends { close(): Promise<unknown> }>(thing: T) => T {
  let open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    const all = open.reverse();
    open = [];
    for (const thing of all) await thing.close();
  });
  return (thing) => {
    open.push(thing);
    return thing;
  };
}
