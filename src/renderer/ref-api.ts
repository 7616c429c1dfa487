// Reading a qlik-embed ref API without trusting its shape: the real runtime's ref APIs differ per UI kind
// (@qlik/embed-runtime's types), and getRefApi() never rejects and may never resolve. Used by the health
// probe (tile-probe.ts) and the idle reset (idle-reset.ts).

export type RefCall = (...args: unknown[]) => Promise<unknown>;

/** `o[name]` bound to `o` when it is a function, else undefined. */
export function methodOf(o: unknown, name: string): RefCall | undefined {
  const f = (o as Record<string, unknown> | null | undefined)?.[name];
  return typeof f === 'function' ? (f as RefCall).bind(o) : undefined;
}

/** The element's ref API promise (unbounded: bound it), or a rejection when the element offers none. */
export function refApiOf(qe: { getRefApi?: () => Promise<unknown> } | undefined): Promise<unknown> {
  return qe?.getRefApi?.() ?? Promise.reject(new Error('no ref API'));
}
