import { randomUUID } from 'node:crypto';

/** A secret no real system would produce: if it shows up anywhere a test can see, something leaked. */
export const makeCanary = (label = 'SECRET') => `CANARY-${label}-${randomUUID()}`;

/** Throws with the location when `needle` occurs in any of the labelled texts. */
export function assertAbsent(needle: string, texts: Record<string, string | undefined>): void {
  for (const [where, text] of Object.entries(texts)) {
    if (text?.includes(needle)) throw new Error(`canary found in ${where}`);
  }
}
