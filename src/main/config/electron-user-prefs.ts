// The only file that touches electron-store (an ESM-only package, hence the dynamic import). It needs a
// running Electron main process, so unit tests exercise createUserPrefs with a memory backend instead.
import type { Log } from '../core/ports';
import type { UserPrefs } from './user-prefs';
import { createMemoryPrefsBackend, createUserPrefs } from './user-prefs';

export interface ElectronUserPrefsOptions {
  /** Store file name without extension, inside Electron's userData folder. */
  name?: string;
}

export async function createElectronUserPrefs(log: Log, options: ElectronUserPrefsOptions = {}): Promise<UserPrefs> {
  try {
    const { default: Store } = await import('electron-store');
    const store = new Store<Record<string, unknown>>({
      name: options.name ?? 'user-prefs',
      clearInvalidConfig: true, // a corrupt prefs file is reset, not fatal
      accessPropertiesByDotNotation: false,
    });
    return createUserPrefs(
      { get: (key) => store.get(key), set: (key, value) => store.set(key, value), delete: (key) => store.delete(key) },
      log,
    );
  } catch (e) {
    log.error('user preferences store unavailable; preferences will not persist this run', {
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
    return createUserPrefs(createMemoryPrefsBackend(), log);
  }
}
