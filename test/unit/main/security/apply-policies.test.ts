import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { Menu } from 'electron';
import {
  applySessionPolicies,
  applyWebContentsPolicies,
  disableApplicationMenu,
  type PolicyState,
  type SessionLike,
} from '../../../../src/main/security/apply-policies';
import { createMemoryLog } from '../../../../src/main/log/logger';

const R = 'http://localhost:47321';
const T = 'https://acme.eu.qlikcloud.com';

class FakeWebContents extends EventEmitter {
  readonly id = 42;
  setWindowOpenHandler = vi.fn();
  setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  closeDevTools = vi.fn();
  setWebRTCIPHandlingPolicy = vi.fn();
}

const evt = (fields: Record<string, unknown> = {}) => ({ preventDefault: vi.fn(), ...fields });

function setup(overrides: Partial<PolicyState> = {}) {
  const log = createMemoryLog('security');
  const state: PolicyState = { rendererOrigin: R, tenantOrigin: T, kiosk: true, packaged: true, log, ...overrides };
  const app = new EventEmitter();
  applyWebContentsPolicies(app as unknown as Parameters<typeof applyWebContentsPolicies>[0], state);
  const create = (contents = new FakeWebContents()) => {
    app.emit('web-contents-created', evt(), contents);
    return contents;
  };
  return { app, state, log, create };
}

const NAV_EVENTS = ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const;

describe('applyWebContentsPolicies: installation', () => {
  it('listens for web-contents-created and installs every handler on each new webContents', () => {
    const { app, create } = setup();
    expect(app.listenerCount('web-contents-created')).toBe(1);
    for (const contents of [create(), create()]) {
      for (const name of [...NAV_EVENTS, 'will-attach-webview', 'before-input-event', 'select-bluetooth-device', 'devtools-opened']) {
        expect(contents.listenerCount(name), name).toBe(1);
      }
      expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
      expect(contents.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith('disable_non_proxied_udp');
    }
  });
});

describe('applyWebContentsPolicies: navigation', () => {
  // [event, url, isMainFrame, allowed]
  const CASES: [(typeof NAV_EVENTS)[number], string, boolean, boolean][] = [
    ...NAV_EVENTS.flatMap((e): [(typeof NAV_EVENTS)[number], string, boolean, boolean][] => [
      [e, `${R}/index.html?x=1`, true, false], // a page never navigates its main frame, not even on our origin
      [e, `${R}/status.html?code=network&it=1&detail=HACKED`, true, false],
      [e, 'https://evil.example/', true, false],
      [e, 'https://acme.eu.qlikcloud.com.evil.example/', true, false],
      [e, 'http://localhost:47321@evil.example/', true, false],
      [e, 'javascript:alert(1)', true, false],
      [e, 'file:///etc/passwd', true, false],
      [e, 'data:text/html,x', true, false],
      [e, `${T}/sense/app/abc`, true, false],
    ]),
    ['will-frame-navigate', `${T}/sense/app/abc`, false, true],
    ['will-frame-navigate', `${R}/frame.html`, false, true],
    ['will-frame-navigate', `${R}/frame.html`, true, false],
    ['will-frame-navigate', 'https://evil.example/', false, false],
    ['will-frame-navigate', 'about:blank', false, true],
    ['will-frame-navigate', 'about:blank', true, false],
    ['will-redirect', `${T}/login`, false, true],
    ['will-redirect', 'https://idp.evil.example/login', false, false],
  ];

  it.each(CASES)('%s %s (main frame: %s) → allowed %s', (name, url, isMainFrame, allowed) => {
    const { create } = setup();
    const contents = create();
    const e = evt({ url, isMainFrame });
    contents.emit(name, e);
    expect(e.preventDefault).toHaveBeenCalledTimes(allowed ? 0 : 1);
  });

  it('treats a navigation event without isMainFrame as a main-frame one (stricter rule)', () => {
    const contents = setup().create();
    const e = evt({ url: `${T}/sense/app/abc` });
    contents.emit('will-frame-navigate', e);
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('fails closed while rendererOrigin is unset, and reads the state at event time', () => {
    const { state, create } = setup({ rendererOrigin: undefined });
    const contents = create();
    for (const name of ['will-frame-navigate', 'will-redirect'] as const) {
      const e = evt({ url: `${R}/`, isMainFrame: false });
      contents.emit(name, e);
      expect(e.preventDefault, name).toHaveBeenCalledTimes(1);
    }
    state.rendererOrigin = R; // main fills it in once the config has loaded
    for (const name of ['will-frame-navigate', 'will-redirect'] as const) {
      const e = evt({ url: `${R}/`, isMainFrame: false });
      contents.emit(name, e);
      expect(e.preventDefault, name).not.toHaveBeenCalled();
    }
  });

  it('refuses tenant subframes while tenantOrigin is unset', () => {
    const contents = setup({ tenantOrigin: undefined }).create();
    const e = evt({ url: `${T}/sense/app/abc`, isMainFrame: false });
    contents.emit('will-frame-navigate', e);
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('logs each refusal at warn with the origin only, never the path or query', () => {
    const { log, create } = setup();
    const canary = `CANARY-${randomUUID()}`;
    const contents = create();
    contents.emit('will-navigate', evt({ url: `https://evil.example/cb?code=${canary}#${canary}`, isMainFrame: true }));
    contents.emit('will-redirect', evt({ url: `data:text/html,${canary}`, isMainFrame: true }));
    contents.emit('will-frame-navigate', evt({ url: `${R}/ok?code=${canary}`, isMainFrame: false })); // allowed: not logged
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]).toMatch(/^warn .*navigation refused.*"target":"https:\/\/evil\.example"/);
    expect(log.lines[1]).toMatch(/^warn .*navigation refused.*"target":"data:"/);
    expect(log.lines.join('\n')).not.toContain(canary);
  });

  it('a page repeating a refused navigation: one line per kind and target per interval, however often', () => {
    const { log, create } = setup();
    const contents = create();
    for (let i = 0; i < 10_000; i++) {
      contents.emit('will-navigate', evt({ url: `${R}/status.html?code=network&detail=${i}`, isMainFrame: true }));
      contents.emit('will-frame-navigate', evt({ url: `${R}/status.html?n=${i}`, isMainFrame: true }));
      contents.emit('will-navigate', evt({ url: `https://evil.example/${i}`, isMainFrame: true }));
    }
    expect(log.lines).toHaveLength(3);
  });
});

describe('applyWebContentsPolicies: windows, webviews, devices', () => {
  it.each([`${R}/popup`, `${T}/sense/app/abc`, 'https://evil.example/'])('window.open(%s) is denied', (url) => {
    const { log, create } = setup();
    const handler = create().setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(handler({ url: `${url}?code=CANARY` })).toEqual({ action: 'deny' });
    expect(log.lines.join('\n')).not.toContain('CANARY');
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('window.open refused'))).toBe(true);
  });

  it('refuses to attach a webview', () => {
    const contents = setup().create();
    const e = evt();
    contents.emit('will-attach-webview', e, {}, { src: `${R}/` });
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('cancels Web Bluetooth device selection instead of letting Electron pick the first device', () => {
    const contents = setup().create();
    const e = evt();
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', e, [{ deviceId: 'dev-1', deviceName: 'x' }], callback);
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledExactlyOnceWith('');
  });
});

describe('applyWebContentsPolicies: keyboard and zoom', () => {
  const key = (k: string, mods: Record<string, boolean> = {}) => ({
    type: 'keyDown', key: k, code: '', control: false, meta: false, shift: false, alt: false, ...mods,
  });

  it.each([
    ['Ctrl+R', key('r', { control: true })],
    ['F12', key('F12')],
    ['Ctrl+Q', key('q', { control: true })],
  ])('kiosk: %s is prevented', (_n, input) => {
    const contents = setup().create();
    const e = evt();
    contents.emit('before-input-event', e, input);
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('kiosk: plain typing reaches the page', () => {
    const contents = setup().create();
    const e = evt();
    contents.emit('before-input-event', e, key('r'));
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('the admin chord is asked first, with the window it was pressed in: taken, it goes no further', () => {
    const asked: [string, number][] = [];
    const contents = setup({ adminChord: (input, id) => (asked.push([input.key, id]), input.key === 'A' && input.shift) }).create();
    const chord = evt();
    contents.emit('before-input-event', chord, key('A', { control: true, alt: true, shift: true }));
    expect(chord.preventDefault).toHaveBeenCalledTimes(1);
    const typing = evt();
    contents.emit('before-input-event', typing, key('r'));
    expect(typing.preventDefault).not.toHaveBeenCalled(); // not the chord: the usual rules
    expect(asked).toEqual([['A', contents.id], ['r', contents.id]]);
  });

  it('windowed developer run: nothing is prevented', () => {
    const contents = setup({ kiosk: false, packaged: false }).create();
    for (const input of [key('r', { control: true }), key('F12')]) {
      const e = evt();
      contents.emit('before-input-event', e, input);
      expect(e.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('windowed packaged build: DevTools keys only', () => {
    const contents = setup({ kiosk: false, packaged: true }).create();
    const devtools = evt();
    const reload = evt();
    contents.emit('before-input-event', devtools, key('F12'));
    contents.emit('before-input-event', reload, key('r', { control: true }));
    expect(devtools.preventDefault).toHaveBeenCalledTimes(1);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('kiosk pins visual zoom to 1; a windowed run leaves it alone', () => {
    expect(setup({ kiosk: true }).create().setVisualZoomLevelLimits).toHaveBeenCalledExactlyOnceWith(1, 1);
    expect(setup({ kiosk: false }).create().setVisualZoomLevelLimits).not.toHaveBeenCalled();
  });

  it('copes with a webContents that lacks setVisualZoomLevelLimits or whose call throws', () => {
    const { create, log } = setup({ kiosk: true });
    const bare = Object.assign(new FakeWebContents(), { setVisualZoomLevelLimits: undefined });
    expect(() => create(bare as unknown as FakeWebContents)).not.toThrow();
    const throwing = new FakeWebContents();
    throwing.setVisualZoomLevelLimits = vi.fn(() => {
      throw new Error('no renderer yet');
    });
    expect(() => create(throwing)).not.toThrow();
    expect(throwing.listenerCount('will-navigate')).toBe(1); // the rest of the policy is still installed
    expect(log.lines.some((l) => l.includes('could not pin zoom'))).toBe(true);
  });

  it('packaged: DevTools are closed again if they ever open', () => {
    const contents = setup({ packaged: true }).create();
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);
    const dev = setup({ packaged: false, kiosk: false }).create();
    dev.emit('devtools-opened');
    expect(dev.closeDevTools).not.toHaveBeenCalled();
  });
});

class FakeSession extends EventEmitter {
  setPermissionRequestHandler = vi.fn();
  setPermissionCheckHandler = vi.fn();
  setDevicePermissionHandler = vi.fn();
  setDisplayMediaRequestHandler = vi.fn();
  webRequest = { onBeforeRequest: vi.fn() };
}

function sessionSetup(withLog = true, tenantOrigin?: string) {
  const session = new FakeSession();
  const log = createMemoryLog('security');
  applySessionPolicies(session as unknown as SessionLike, withLog ? { log, ...(tenantOrigin ? { tenantOrigin } : {}) } : undefined);
  const handler = <F>(mock: { mock: { calls: unknown[][] } }) => mock.mock.calls[0]![0] as F;
  return { session, log, handler };
}

const PERMISSIONS = [
  'media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen',
  'hid', 'serial', 'usb', 'midi', 'midiSysex', 'pointerLock', 'keyboardLock', 'display-capture', 'idle-detection',
  'window-management', 'local-fonts', 'storage-access', 'persistent-storage', 'mediaKeySystem', 'unknown',
];

describe('applySessionPolicies', () => {
  it('installs every handler exactly once', () => {
    const { session } = sessionSetup();
    for (const fn of [session.setPermissionRequestHandler, session.setPermissionCheckHandler,
      session.setDevicePermissionHandler, session.setDisplayMediaRequestHandler]) {
      expect(fn).toHaveBeenCalledTimes(1);
      expect(fn.mock.calls[0]![0]).toBeTypeOf('function');
    }
    for (const name of ['will-download', 'select-hid-device', 'select-usb-device', 'select-serial-port']) {
      expect(session.listenerCount(name), name).toBe(1);
    }
  });

  it.each(PERMISSIONS)('permission request %j → callback(false), even from the renderer origin', (permission) => {
    const { session, handler, log } = sessionSetup();
    const request = handler<(wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void>(
      session.setPermissionRequestHandler,
    );
    const callback = vi.fn();
    request({}, permission, callback, { requestingUrl: `${R}/index.html?code=CANARY` });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(log.lines.join('\n')).toContain(`"permission":"${permission}"`);
    expect(log.lines.join('\n')).not.toContain('CANARY');
  });

  it.each(PERMISSIONS)('permission check %j → false', (permission) => {
    const { session, handler } = sessionSetup();
    const check = handler<(wc: unknown, p: string, origin: string, d: object) => boolean>(session.setPermissionCheckHandler);
    expect(check({}, permission, R, {})).toBe(false);
    expect(check(null, permission, T, {})).toBe(false);
  });

  it.each(['hid', 'serial', 'usb'])('device permission %j → false', (deviceType) => {
    const { session, handler } = sessionSetup();
    const device = handler<(d: object) => boolean>(session.setDevicePermissionHandler);
    expect(device({ deviceType, origin: R, device: {} })).toBe(false);
  });

  it('screen capture is refused with callback(null), the form Electron treats as a refusal', () => {
    const { session, handler } = sessionSetup();
    const display = handler<(req: object, cb: (s: unknown) => void) => void>(session.setDisplayMediaRequestHandler);
    const callback = vi.fn();
    display({ securityOrigin: R, videoRequested: true, audioRequested: false, userGesture: true }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('downloads are cancelled and logged by origin only', () => {
    const { session, log } = sessionSetup();
    const e = evt();
    session.emit('will-download', e, { getURL: () => `${T}/api/v1/reports/x?token=CANARY` }, {});
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
    expect(log.lines.join('\n')).toContain(`"target":"${T}"`);
    expect(log.lines.join('\n')).not.toContain('CANARY');
  });

  it.each([
    ['select-hid-device', undefined],
    ['select-usb-device', undefined],
    ['select-serial-port', ''],
  ] as const)('%s is cancelled', (name, cancelArg) => {
    const { session } = sessionSetup();
    const e = evt();
    const callback = vi.fn();
    if (name === 'select-serial-port') session.emit(name, e, [{ portId: 'p1' }], {}, callback);
    else session.emit(name, e, { deviceList: [{ deviceId: 'd1' }] }, callback);
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]![0]).toBe(cancelArg);
  });

  it('cancels every websocket but the tenant\'s, the renderer origin\'s included, and logs a flood once', () => {
    const { session, handler, log } = sessionSetup(true, 'https://acme.eu.qlikcloud.com');
    const [filter, listener] = session.webRequest.onBeforeRequest.mock.calls[0] as [{ urls: string[] }, (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void];
    expect(filter.urls).toEqual(['ws://*/*', 'wss://*/*']);
    void handler;
    const verdict = (url: string) => {
      const cb = vi.fn();
      listener({ url }, cb);
      return (cb.mock.calls[0]![0] as { cancel: boolean }).cancel;
    };
    expect(verdict('wss://acme.eu.qlikcloud.com/app/x?qlik-web-integration-id=1')).toBe(false);
    for (let i = 0; i < 100; i++) expect(verdict(`ws://localhost:47321/?t=CANARY${i}`)).toBe(true);
    expect(verdict('wss://evil.example/')).toBe(true);
    const lines = log.lines.filter((l) => l.includes('websocket refused'));
    expect(lines).toHaveLength(2); // one per origin, the flood counted
    expect(lines.join('\n')).not.toContain('CANARY');
  });

  it('denies just the same without a log', () => {
    const { session, handler } = sessionSetup(false);
    const callback = vi.fn();
    handler<(wc: unknown, p: string, cb: (ok: boolean) => void, d: object) => void>(session.setPermissionRequestHandler)(
      {}, 'media', callback, { requestingUrl: R },
    );
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    const e = evt();
    session.emit('will-download', e, { getURL: () => `${R}/x` }, {});
    expect(e.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('disableApplicationMenu', () => {
  it('removes the application menu (and its reload/zoom/DevTools accelerators)', () => {
    const menu = { setApplicationMenu: vi.fn() };
    disableApplicationMenu(menu);
    expect(menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('accepts Electron\'s Menu as main passes it', () => {
    vi.mocked(Menu.setApplicationMenu).mockClear();
    disableApplicationMenu(Menu);
    expect(Menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(null);
  });
});
