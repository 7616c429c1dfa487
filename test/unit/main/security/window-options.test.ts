import { describe, expect, it } from 'vitest';
import { kioskWindowOptions, SECURE_WEB_PREFERENCES } from '../../../../src/main/security/window-options';

// Written out by hand, not derived from the module: a change to any value must fail here.
const EXPECTED_PREFS: Record<string, unknown> = {
  backgroundThrottling: false,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  enableWebSQL: false,
};

const PRELOAD = '/opt/qiosk/out/preload/index.js';
const MODES = [
  { kiosk: true, packaged: true },
  { kiosk: true, packaged: false },
  { kiosk: false, packaged: true },
  { kiosk: false, packaged: false },
];

describe('SECURE_WEB_PREFERENCES', () => {
  it('holds exactly the expected invariant keys and values', () => {
    expect({ ...SECURE_WEB_PREFERENCES }).toEqual(EXPECTED_PREFS);
  });

  it('is frozen, so no caller can weaken it for everyone', () => {
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(() => {
      (SECURE_WEB_PREFERENCES as Record<string, unknown>).nodeIntegration = true;
    }).toThrow(TypeError);
  });
});

describe.each(MODES)('kioskWindowOptions(kiosk=$kiosk, packaged=$packaged)', ({ kiosk, packaged }) => {
  const options = kioskWindowOptions({ preloadPath: PRELOAD, kiosk, packaged });
  const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;

  it.each(Object.entries(EXPECTED_PREFS))('sets webPreferences.%s explicitly to %s', (key, value) => {
    expect(Object.hasOwn(prefs, key)).toBe(true);
    expect(prefs[key]).toStrictEqual(value);
  });

  it('has no webPreferences beyond the invariant set, devTools and preload', () => {
    expect(Object.keys(prefs).sort()).toEqual([...Object.keys(EXPECTED_PREFS), 'devTools', 'preload'].sort());
  });

  it(`allows DevTools only when unpackaged (devTools=${String(!packaged)})`, () => {
    expect(prefs.devTools).toBe(!packaged);
  });

  it('uses the given preload', () => {
    expect(prefs.preload).toBe(PRELOAD);
  });

  it('stays hidden until ready-to-show, with a background colour and no menu bar', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.autoHideMenuBar).toBe(true);
  });

  if (kiosk) {
    it('is a frameless full-screen kiosk window', () => {
      expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    });
  } else {
    it('is a normal framed 1280x800 window', () => {
      expect(options).toMatchObject({ kiosk: false, fullscreen: false, frame: true, width: 1280, height: 800 });
    });
  }
});

describe('kioskWindowOptions isolation', () => {
  it('returns a fresh webPreferences object each call, so mutating one window cannot leak into the next', () => {
    const a = kioskWindowOptions({ preloadPath: PRELOAD, kiosk: true, packaged: true });
    (a.webPreferences as Record<string, unknown>).sandbox = false;
    const b = kioskWindowOptions({ preloadPath: PRELOAD, kiosk: true, packaged: true });
    expect(b.webPreferences?.sandbox).toBe(true);
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
  });
});
