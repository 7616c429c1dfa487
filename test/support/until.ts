// A bounded wait on a condition, for tests that cannot use a fake clock (a real browser, a real entry).

/** Polls `cond` every 100 ms until it holds; throws naming `what` after `timeoutMs`. Returns the ms it took. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await Promise.resolve().then(cond).catch(() => false)) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
