import { randomUUID } from 'node:crypto';

/** A secret no real system would produce: if it shows up anywhere a test can see, something leaked. */
export const makeCanary = (label = 'SECRET') => `CANARY-${label}-${randomUUID()}`;

/** Throws with the location when `needle` occurs in any of the labelled texts. */
export function assertAbsent(needle: string, texts: Record<string, string | undefined>): void {
  for (const [where, text] of Object.entries(texts)) {
    if (text?.includes(needle)) throw new Error(`canary found in ${where}`);
  }
}

/** Every run of base64 or base64url characters in `text`, decoded from each of its first four characters: a
 * value base64'd at any offset inside a longer text (a Basic header, a base64'd JSON blob) reads back whole
 * from one of them, so a test can look for a secret in what a mask left of it. */
export function base64Decodings(text: string): Buffer[] {
  const out: Buffer[] = [];
  // Node's base64 decoder reads both alphabets.
  for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
    for (let i = 0; i < 4 && i < run.length; i++) out.push(Buffer.from(run.slice(i), 'base64'));
  }
  return out;
}

/** Whether any `bytes` consecutive bytes of `secret`'s UTF-8 can be read back from `text` through base64. */
export function base64Reveals(text: string, secret: string, bytes = 4): boolean {
  const s = Buffer.from(secret, 'utf8');
  const decoded = base64Decodings(text);
  for (let i = 0; i + bytes <= s.length; i++) {
    const window = s.subarray(i, i + bytes);
    if (decoded.some((d) => d.includes(window))) return true;
  }
  return false;
}
