import { describe, expect, it } from 'vitest';
import { createMemoryPrefsBackend, createUserPrefs, UserPrefsError } from '../../../../src/main/config';
import type { PrefsBackend } from '../../../../src/main/config';
import { createMemoryLog } from '../../../../src/main/log/logger';

describe('UserPrefs over a backend', () => {
  it('returns defaults when nothing is stored', () => {
    const prefs = createUserPrefs(createMemoryPrefsBackend(), createMemoryLog());
    expect(prefs.get('lastContentIndex')).toBe(0);
    expect(prefs.get('zoomFactor')).toBeUndefined();
  });

  it('round-trips valid values through the backend', () => {
    const backend = createMemoryPrefsBackend();
    const prefs = createUserPrefs(backend, createMemoryLog());
    prefs.set('lastContentIndex', 3);
    prefs.set('zoomFactor', 1.5);
    expect(backend.data.get('lastContentIndex')).toBe(3);
    // A second instance over the same storage sees them (what a restart does).
    const again = createUserPrefs(backend, createMemoryLog());
    expect(again.get('lastContentIndex')).toBe(3);
    expect(again.get('zoomFactor')).toBe(1.5);
  });

  it('setting an optional pref to undefined removes it', () => {
    const backend = createMemoryPrefsBackend({ zoomFactor: 2 });
    const prefs = createUserPrefs(backend, createMemoryLog());
    prefs.set('zoomFactor', undefined);
    expect(backend.data.has('zoomFactor')).toBe(false);
    expect(prefs.get('zoomFactor')).toBeUndefined();
  });

  it.each<[string, unknown, unknown]>([
    ['lastContentIndex', 'three', 0],
    ['lastContentIndex', -1, 0],
    ['lastContentIndex', 2.5, 0],
    ['lastContentIndex', 99, 0],
    ['zoomFactor', 'big', undefined],
    ['zoomFactor', 50, undefined],
    ['zoomFactor', null, undefined],
  ])('an invalid stored %s (%j) resets to the default with a log line', (key, stored, expected) => {
    const backend = createMemoryPrefsBackend({ [key]: stored });
    const log = createMemoryLog();
    const prefs = createUserPrefs(backend, log);
    expect(prefs.get(key as 'lastContentIndex' | 'zoomFactor')).toBe(expected);
    expect(backend.data.has(key)).toBe(false);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(new RegExp(`^warn .*invalid stored value; reset to the default.*"key":"${key}"`));
  });

  it('rejects invalid values on set (a caller bug) and stores nothing', () => {
    const backend = createMemoryPrefsBackend();
    const prefs = createUserPrefs(backend, createMemoryLog());
    expect(() => prefs.set('zoomFactor', 0)).toThrow(UserPrefsError);
    expect(() => prefs.set('lastContentIndex', -4)).toThrow(/user preference "lastContentIndex" rejected/);
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
    const prefs = createUserPrefs(broken, log);
    expect(prefs.get('lastContentIndex')).toBe(0);
    expect(() => prefs.set('lastContentIndex', 1)).not.toThrow();
    expect(log.lines.join('\n')).toMatch(/could not be read[\s\S]*could not be saved.*ENOSPC/);
  });
});
