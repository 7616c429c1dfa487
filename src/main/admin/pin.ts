// The admin PIN: stored only as a slow salted hash (scrypt, Node's own crypto: no dependency), checked in
// constant time, and guarded by a lockout that grows with every wrong try, so a passer-by at a touch screen
// cannot walk the 10,000 four-digit PINs. Without a configured PIN there is no gate at all: the escape does
// nothing.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Clock } from '../core/ports';

const scrypt = (pin: string, salt: Buffer, keylen: number, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pin, salt, keylen, o, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt cost: about 0.1 s on a kiosk PC, so each guess costs the guesser, not only the lockout. */
export const PIN_HASH_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]{22,}={0,2})\$([A-Za-z0-9+/]{43}=)$/;

/** Why `pin` cannot be an admin PIN, or undefined: 6 to 12 digits (a keypad on a touch screen has no letters). */
export function pinProblem(pin: string): string | undefined {
  if (!/^\d+$/.test(pin)) return 'the PIN must be digits only (the touch keypad has no letters)';
  if (pin.length < 6 || pin.length > 12) return `the PIN must have 6 to 12 digits (it has ${pin.length})`;
  if (/^(\d)\1+$/.test(pin) || '01234567890123'.includes(pin) || '98765432109876'.includes(pin)) return 'the PIN must not be one digit repeated or a run such as 123456';
  return undefined;
}

/** The stored form: `scrypt$N$r$p$salt$hash` (base64). Never the PIN itself. */
export async function hashPin(pin: string, cost: { N: number; r: number; p: number } = PIN_HASH_COST): Promise<string> {
  const problem = pinProblem(pin);
  if (problem) throw new Error(problem);
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `stored` is a PIN hash this module wrote (for config and policy validation). */
export const isPinHash = (stored: string): boolean => FORMAT.test(stored);

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const expected = Buffer.from(m[5]!, 'base64');
  const key = await scrypt(pin, Buffer.from(m[4]!, 'base64'), expected.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(key, expected);
}

export type PinAnswer = { ok: true } | { ok: false; why: 'no-pin' | 'wrong' | 'locked'; retryAfterMs: number };

export interface PinGateOptions {
  /** Wrong tries allowed before the first lockout. */
  freeTries: number;
  firstLockoutMs: number;
  maxLockoutMs: number;
}

export const DEFAULT_PIN_GATE: PinGateOptions = { freeTries: 3, firstLockoutMs: 30_000, maxLockoutMs: 60 * 60_000 };

/**
 * The lockout: `freeTries` wrong PINs, then a wait that doubles with each further wrong one (30 s, 1 min,
 * 2 min … up to an hour). A try while locked is refused without even checking the PIN, and does not extend
 * the wait. A correct PIN clears the count.
 */
export function createPinGate(stored: string | undefined, clock: Clock, o: PinGateOptions = DEFAULT_PIN_GATE) {
  let wrong = 0;
  let lockedUntil = 0;
  return {
    /** Whether there is a PIN at all: without one the escape gesture and chord do nothing. */
    enabled: stored !== undefined,
    async attempt(pin: string): Promise<PinAnswer> {
      if (stored === undefined) return { ok: false, why: 'no-pin', retryAfterMs: 0 };
      const now = clock.now();
      if (now < lockedUntil) return { ok: false, why: 'locked', retryAfterMs: lockedUntil - now };
      if (await verifyPin(pin, stored)) {
        wrong = 0;
        return { ok: true };
      }
      wrong++;
      if (wrong <= o.freeTries) return { ok: false, why: 'wrong', retryAfterMs: 0 };
      const wait = Math.min(o.maxLockoutMs, o.firstLockoutMs * 2 ** (wrong - o.freeTries - 1));
      lockedUntil = clock.now() + wait;
      return { ok: false, why: 'locked', retryAfterMs: wait };
    },
  };
}
