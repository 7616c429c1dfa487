// The one adapter that binds the security policies to Electron objects. Every decision is made by the pure
// modules next to it; this file only wires events to them. Electron objects come in as parameters, so tests
// drive it with EventEmitters.
import type { App, HandlerDetails, Input, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import type { Log } from '../core/ports';
import { isBlockedInput } from './kiosk-input';
import { systemClock } from '../core/ports';
import { logOncePerInterval } from '../log/log-once';
import { describeUrl, isAllowedNavigation, isAllowedPermission, isAllowedWebSocket } from './navigation-policy';

/**
 * Read at event time, not at install time: main installs the policies before the config is loaded and fills in
 * the origins afterwards. While rendererOrigin is unset every navigation is refused (fail closed).
 */
export interface PolicyState {
  rendererOrigin?: string | undefined;
  tenantOrigin?: string | undefined;
  kiosk: boolean;
  packaged: boolean;
  log: Log;
  /** The admin chord, checked before any blocking: true when the key press opened the admin window. */
  adminChord?: (input: Input, webContentsId: number) => boolean;
}

/** The navigation events' first argument, as Electron 25+ passes it to all three events. */
interface NavigationEvent {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

type NavigationEventName = 'will-navigate' | 'will-frame-navigate' | 'will-redirect';

export function applyWebContentsPolicies(app: Pick<App, 'on'>, state: PolicyState): void {
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, state));
}

/** WebRTC may not use UDP unless a proxy carries it: no STUN, no UDP relay (page scripts also lose WebRTC itself, see src/preload/harden-main-world.ts). */
export const WEBRTC_IP_POLICY = 'disable_non_proxied_udp';

function secureWebContents(contents: WebContents, state: PolicyState): void {
  contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_POLICY);
  // will-navigate covers the main frame, will-frame-navigate every frame, will-redirect server redirects.
  contents.on('will-navigate', (details) => guardNavigation('will-navigate', details, state));
  contents.on('will-frame-navigate', (details) => guardNavigation('will-frame-navigate', details, state));
  contents.on('will-redirect', (details) => guardNavigation('will-redirect', details, state));

  // No popups of any kind, and no hand-off to the OS browser: a kiosk has nowhere to show them.
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    state.log.warn('window.open refused', { target: describeUrl(details.url) });
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    state.log.warn('webview refused');
  });

  // Without preventDefault Electron picks the first Bluetooth device on its own.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
    state.log.warn('bluetooth device request refused');
  });

  contents.on('before-input-event', (event, input: Input) => {
    if (state.adminChord?.(input, contents.id)) {
      event.preventDefault();
      return;
    }
    if (!isBlockedInput(input, { kiosk: state.kiosk, packaged: state.packaged })) return;
    event.preventDefault();
    state.log.debug('shortcut blocked', { key: input.key });
  });

  // Second layer behind webPreferences.devTools: false in packaged builds.
  contents.on('devtools-opened', () => {
    if (state.packaged) contents.closeDevTools();
  });

  if (state.kiosk && typeof contents.setVisualZoomLevelLimits === 'function') {
    // Pinch zoom is off by default in Electron; pin it anyway so nothing re-enables it.
    const zoomFailed = (err: unknown) => state.log.warn('could not pin zoom', { err: String(err) });
    try {
      void Promise.resolve(contents.setVisualZoomLevelLimits(1, 1)).catch(zoomFailed);
    } catch (err) {
      zoomFailed(err);
    }
  }
}

function guardNavigation(name: NavigationEventName, details: NavigationEvent, state: PolicyState): void {
  const url = typeof details.url === 'string' ? details.url : '';
  const mainFrame = details.isMainFrame !== false; // unknown frame → judged by the stricter main-frame rule
  const { rendererOrigin, tenantOrigin } = state;
  const allowed =
    rendererOrigin !== undefined &&
    isAllowedNavigation(url, { rendererOrigin, mainFrame, ...(tenantOrigin !== undefined ? { tenantOrigin } : {}) });
  if (allowed) return;
  details.preventDefault();
  // The origin only: a query string could carry an authorization code or a token. A page can repeat a refused
  // navigation at will: each kind is logged once per interval, with the count since.
  const target = describeUrl(url);
  let logRefusal = navigationRefusals.get(state);
  if (!logRefusal) navigationRefusals.set(state, (logRefusal = logOncePerInterval(state.log, systemClock, { intervalMs: 10 * 60_000 })));
  logRefusal(`${name} ${mainFrame} ${target}`, 'navigation refused', {
    event: name,
    target,
    mainFrame,
    ...(rendererOrigin === undefined ? { reason: 'renderer origin not set yet' } : {}),
  });
}
const navigationRefusals = new WeakMap<PolicyState, ReturnType<typeof logOncePerInterval>>();

export type SessionLike = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler' | 'on'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

/** Deny-all for one session. Apply it to every session or partition the app creates. */
export function applySessionPolicies(session: SessionLike, state?: Pick<PolicyState, 'log' | 'rendererOrigin' | 'tenantOrigin'>): void {
  const log = state?.log;
  // Read at request time: the origins are learned once the config is valid.
  const ctx = () => ({ rendererOrigin: state?.rendererOrigin, tenantOrigin: state?.tenantOrigin });

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isAllowedPermission(permission, details.requestingUrl, ctx());
    if (!granted) log?.warn('permission request denied', { permission, origin: describeUrl(details.requestingUrl) });
    callback(granted);
  });

  // Chromium asks this one often (e.g. before showing UI), so denials are logged at debug only.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    const granted = isAllowedPermission(permission, requestingOrigin, ctx());
    if (!granted) log?.debug('permission check denied', { permission, origin: describeUrl(requestingOrigin) });
    return granted;
  });

  session.setDevicePermissionHandler((details) => {
    log?.warn('device permission denied', { type: details.deviceType, origin: describeUrl(details.origin) });
    return false;
  });

  // null is Electron's refusal (the page's getDisplayMedia rejects). An empty object would not do: Electron
  // reads any object as an answer and throws "Video was requested, but no video stream was provided" in main.
  session.setDisplayMediaRequestHandler((request, callback) => {
    log?.warn('screen capture denied', { origin: describeUrl(request.securityOrigin) });
    callback(null);
  });

  // Websockets: the tenant's only (navigation-policy.ts). The CSP names the renderer origin with its scheme so
  // ws:// to it is refused there too; this holds even where a page's CSP would not.
  const refusedSocket = log && logOncePerInterval(log, systemClock, { intervalMs: 10 * 60_000 });
  session.webRequest.onBeforeRequest({ urls: ['ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const allowed = isAllowedWebSocket(details.url, state?.tenantOrigin);
    if (!allowed) {
      const target = describeUrl(details.url.replace(/^ws/, 'http')); // the origin only, as for navigations
      refusedSocket?.(target, 'websocket refused', { target });
    }
    callback({ cancel: !allowed });
  });

  session.on('will-download', (event, item) => {
    event.preventDefault();
    log?.warn('download refused', { target: describeUrl(typeof item?.getURL === 'function' ? item.getURL() : '') });
  });

  // Device pickers: cancel outright (no argument / empty id is Electron's "cancel").
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
    log?.warn('HID device request refused');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
    log?.warn('USB device request refused');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
    log?.warn('serial port request refused');
  });
}

/** Removes the default menu and with it the reload, zoom and DevTools accelerators. */
export function disableApplicationMenu(menu: { setApplicationMenu(menu: null): void }): void {
  menu.setApplicationMenu(null);
}
