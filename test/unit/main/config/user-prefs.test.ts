import { describe, expect, it } from 'vitest';
import { createMemoryPrefsBackend, createUserPrefs, prefsPositions, UserPrefsError } from '../../../../src/main/config';
import type { PrefsBackend } from '../../../../src/main/config';
import { createMemoryLog } from '../../../../src/main/log/logger';

describe('UserPrefs over a backend', () => {
  it('returns defaults when nothing is stored', () => {
    const prefs = createUserPrefs(createMemoryPrefsBackend(), createMemoryLog());
    expect(prefs.get('slides')).toEqual({});
  });

  it('round-trips slide positions through the backend, per screen and playlist', () => {
    const backend = createMemoryPrefsBackend();
    const positions = prefsPositions(createUserPrefs(backend, createMemoryLog()));
    positions.set('lobby', 'sales', 3);
    positions.set('lobby', 'night', 1);
    positions.set('lobby', 'sales', 4);
    expect(backend.data.get('slides')).toEqual({ 'lobby/sales': 4, 'lobby/night': 1 });
    // A second instance over the same storage sees them (what a restart does).
    const again = prefsPositions(createUserPrefs(backend, createMemoryLog()));
    expect(again.get('lobby', 'sales')).toBe(4);
    expect(again.get('hall', 'sales')).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a number is not a map', 3],
    ['a negative slide', { 'lobby/sales': -1 }],
    ['a fraction', { 'lobby/sales': 2.5 }],
    ['a key that is no screen/playlist pair', { '../x': 1 }],
  ])('an invalid stored value (%s) resets to the default with a log line', (_what, stored) => {
    const backend = createMemoryPrefsBackend({ slides: stored });
    const log = createMemoryLog();
    const prefs = createUserPrefs(backend, log);
    expect(prefs.get('slides')).toEqual({});
    expect(backend.data.has('slides')).toBe(false);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^warn .*invalid stored value; reset to the default.*"key":"slides"/);
  });

  it('rejects invalid values on set (a caller bug) and stores nothing', () => {
    const backend = createMemoryPrefsBackend();
    const prefs = createUserPrefs(backend, createMemoryLog());
    expect(() => prefs.set('slides', { 'lobby/sales': -4 })).toThrow(UserPrefsError);
    expect(() => prefs.set('slides', { 'lobby/sales': -4 })).toThrow(/user preference "slides" rejected/);
    expect(backend.data.size).toBe(0);
  });

  it('a failing backend never crashes the caller', () => {
    const broken: PrefsBackend = {
      get: () => {
        throw new Error('EACCES: store unreadable');
      },
      set: () => {
        throw new Error('ENOSPC: disk full');
      },
      delete: () => {
        throw new Error('EACCES');
      },
    };
    const log = createMemoryLog();
    const positions = prefsPositions(createUserPrefs(broken, log));
    expect(positions.get('lobby', 'sales')).toBeUndefined();
    expect(() => positions.set('lobby', 'sales', 1)).not.toThrow();
    expect(log.lines.join('\n')).toMatch(/could not be read[\s\S]*could not be saved.*ENOSPC/);
  });
});
