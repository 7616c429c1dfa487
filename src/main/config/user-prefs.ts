// Per-user values the app remembers between runs (not IT configuration). Reads are validated on the way out:
// a hand-edited or stale store value is reset to its default with a log line, because a kiosk must never
// fail to start over a remembered zoom level.
import { z } from 'zod';
import type { Log } from '../core/ports';
import { MAX_SLIDES } from '../../shared/ipc-contract';

/** A screen's position in a playlist: "<screen>/<playlist>" (config names: letters, digits, "-"). */
const positionKey = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/);

export const userPrefsSchema = z.object({
  /** The slide each screen showed last per playlist, so a restart resumes there (clamped by the caller). */
  slides: z.record(positionKey, z.number().int().min(0).max(MAX_SLIDES - 1)).default({}),
});

export type UserPrefValues = z.output<typeof userPrefsSchema>;
export type UserPrefKey = keyof UserPrefValues;

export interface UserPrefs {
  get<K extends UserPrefKey>(key: K): UserPrefValues[K];
  /** Throws UserPrefsError for a value outside the schema (a caller bug); `undefined` clears an optional pref. */
  set<K extends UserPrefKey>(key: K, value: UserPrefValues[K]): void;
}

/** The storage under UserPrefs: electron-store in the app, a Map in tests. */
export interface PrefsBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export class UserPrefsError extends Error {
  override readonly name = 'UserPrefsError';
}

export function createUserPrefs(backend: PrefsBackend, log: Log): UserPrefs {
  const schemaFor = (key: UserPrefKey) => userPrefsSchema.shape[key];
  const fallback = <K extends UserPrefKey>(key: K) => schemaFor(key).parse(undefined) as UserPrefValues[K];

  return {
    get(key) {
      let raw: unknown;
      try {
        raw = backend.get(key);
      } catch (e) {
        log.warn('user preference could not be read; using the default', { key, error: errorText(e) });
        return fallback(key);
      }
      const parsed = schemaFor(key).safeParse(raw);
      if (parsed.success) return parsed.data as UserPrefValues[typeof key];
      log.warn('user preference had an invalid stored value; reset to the default', {
        key,
        problem: parsed.error.issues[0]?.message ?? 'invalid',
      });
      try {
        backend.delete(key);
      } catch (e) {
        log.warn('user preference could not be reset', { key, error: errorText(e) });
      }
      return fallback(key);
    },
    set(key, value) {
      const parsed = schemaFor(key).safeParse(value);
      if (!parsed.success) {
        throw new UserPrefsError(`user preference "${key}" rejected: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      }
      try {
        if (value === undefined) backend.delete(key);
        else backend.set(key, parsed.data);
      } catch (e) {
        // Losing a remembered preference is better than taking the kiosk down.
        log.warn('user preference could not be saved', { key, error: errorText(e) });
      }
    },
  };
}

/** Where each screen's rotation was, over the user prefs (the wall's PositionStore). */
export function prefsPositions(prefs: UserPrefs) {
  const key = (screen: string, playlist: string) => `${screen}/${playlist}`;
  return {
    get: (screen: string, playlist: string): number | undefined => prefs.get('slides')[key(screen, playlist)],
    set: (screen: string, playlist: string, slide: number): void => prefs.set('slides', { ...prefs.get('slides'), [key(screen, playlist)]: slide }),
  };
}

/** A backend that keeps values in memory: tests, and the fallback when the store file cannot be opened. */
export function createMemoryPrefsBackend(initial: Record<string, unknown> = {}): PrefsBackend & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
