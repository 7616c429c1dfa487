import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  describeUrl,
  isAllowedNavigation,
  isAllowedPermission,
  isAllowedWebSocket,
} from '../../../../src/main/security/navigation-policy';

const R = 'http://localhost:47321';
const T = 'https://acme.eu.qlikcloud.com';
const ctx = { rendererOrigin: R, tenantOrigin: T };

// [case, url, main frame allowed, subframe allowed]. A main frame never navigates itself: only main's loadURL
// (which is not asked) chooses what a Qiosk window shows, so a page cannot open a status page of its own making.
const TABLE: [string, string, boolean, boolean][] = [
  ['renderer root', `${R}/`, false, true],
  ['renderer status page with a query of the page\'s making', `${R}/status.html?code=config&it=1&detail=HACKED#frag`, false, true],
  ['renderer without trailing slash', R, false, true],
  ['renderer host in upper case', 'http://LOCALHOST:47321/index.html', false, true],
  ['tenant app page', `${T}/sense/app/abc`, false, true],
  ['tenant with explicit default port', 'https://acme.eu.qlikcloud.com:443/single/', false, true],
  ['https://evil.example', 'https://evil.example/', false, false],
  ['tenant host as a subdomain of evil', 'https://acme.eu.qlikcloud.com.evil.example/', false, false],
  ['renderer host as a subdomain of evil', 'http://localhost:47321.evil.example/', false, false],
  ['userinfo trick to evil', 'http://localhost:47321@evil.example/', false, false],
  ['userinfo trick to tenant look-alike', `https://acme.eu.qlikcloud.com@evil.example/`, false, false],
  ['credentials on our own origin', 'http://user:pass@localhost:47321/', false, false],
  ['renderer on another port', 'http://localhost:47322/', false, false],
  ['renderer on the default port', 'http://localhost/', false, false],
  ['renderer over https (scheme mismatch)', 'https://localhost:47321/', false, false],
  ['tenant over http (scheme mismatch)', 'http://acme.eu.qlikcloud.com/', false, false],
  ['127.0.0.1 instead of localhost', 'http://127.0.0.1:47321/', false, false],
  ['another tenant', 'https://other.eu.qlikcloud.com/', false, false],
  ['the Qlik CDN (scripts only, never a frame)', 'https://cdn.qlikcloud.com/qmfe/x', false, false],
  ['javascript:', 'javascript:alert(1)', false, false],
  ['file:', 'file:///etc/passwd', false, false],
  ['data:', 'data:text/html,x', false, false],
  ['blob: of our own origin', `blob:${R}/5c4e0b1d-0000-4000-8000-000000000000`, false, false],
  ['blob: of the tenant', `blob:${T}/5c4e0b1d-0000-4000-8000-000000000000`, false, false],
  ['about:blank', 'about:blank', false, true],
  ['about:blank with a fragment', 'about:blank#x', false, false],
  ['about:srcdoc', 'about:srcdoc', false, false],
  ['ws: to our host', 'ws://localhost:47321/', false, false],
  ['a custom scheme', 'qiosk://localhost:47321/', false, false],
  ['empty string', '', false, false],
  ['unparsable', 'http://', false, false],
  ['relative URL', '/index.html', false, false],
];

describe('isAllowedNavigation', () => {
  it.each(TABLE)('main frame: %s (%s) → %s', (_name, url, main) => {
    expect(isAllowedNavigation(url, { ...ctx, mainFrame: true })).toBe(main);
  });

  it.each(TABLE)('subframe: %s (%s) → %s', (_name, url, _main, sub) => {
    expect(isAllowedNavigation(url, { ...ctx, mainFrame: false })).toBe(sub);
  });

  it('refuses the tenant in subframes too when no tenant origin is known', () => {
    expect(isAllowedNavigation(`${T}/sense/app/abc`, { rendererOrigin: R, mainFrame: false })).toBe(false);
    expect(isAllowedNavigation(`${R}/`, { rendererOrigin: R, mainFrame: false })).toBe(true);
  });

  it('never lets a main frame navigate itself, whatever the origins', () => {
    for (const [, url] of TABLE) expect(isAllowedNavigation(url, { ...ctx, mainFrame: true }), url).toBe(false);
  });

  it('accepts a configured origin written with a trailing slash', () => {
    expect(isAllowedNavigation(`${R}/x`, { rendererOrigin: `${R}/`, mainFrame: false })).toBe(true);
    expect(isAllowedNavigation(`${T}/x`, { rendererOrigin: R, tenantOrigin: `${T}/`, mainFrame: false })).toBe(true);
  });

  it.each(['', 'null', 'not a url', 'file:///opt/qiosk', 'about:blank'])(
    'refuses everything when the renderer origin is %j (never matches an opaque origin)',
    (rendererOrigin) => {
      for (const url of ['null', 'file:///opt/qiosk/index.html', 'data:text/html,x', `${R}/`]) {
        expect(isAllowedNavigation(url, { rendererOrigin, mainFrame: true }), url).toBe(false);
      }
    },
  );

  it('a bad tenant origin allows no tenant frame', () => {
    expect(isAllowedNavigation('null', { rendererOrigin: R, tenantOrigin: 'null', mainFrame: false })).toBe(false);
    expect(isAllowedNavigation(`${T}/`, { rendererOrigin: R, tenantOrigin: 'garbage', mainFrame: false })).toBe(false);
  });
});

describe('describeUrl (what refusals log)', () => {
  it.each([
    [`${T}/sense/app/abc?code=SECRET-CODE&state=s`, T],
    ['http://user:pw@localhost:47321/x?token=SECRET', R],
    ['javascript:alert(document.cookie)', 'javascript:'],
    ['data:text/html,<script>SECRET</script>', 'data:'],
    ['file:///home/kiosk/secret.txt', 'file:'],
    ['not a url SECRET', '(unparsable)'],
  ])('%s → %s', (url, described) => {
    expect(describeUrl(url)).toBe(described);
    expect(describeUrl(url)).not.toMatch(/SECRET|pw|user|alert|home/);
  });
});

describe('permissions', () => {
  it('the allowlist is empty and frozen', () => {
    expect(ALLOWED_PERMISSIONS).toEqual([]);
    expect(Object.isFrozen(ALLOWED_PERMISSIONS)).toBe(true);
  });

  it.each([
    'media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal',
    'fullscreen', 'hid', 'serial', 'usb', 'midi', 'midiSysex', 'pointerLock', 'keyboardLock', 'display-capture',
    'idle-detection', 'window-management', 'local-fonts', 'storage-access', 'persistent-storage', 'unknown', '',
  ])('%j is denied', (permission) => {
    expect(isAllowedPermission(permission, R)).toBe(false);
    expect(isAllowedPermission(permission, T)).toBe(false);
    expect(isAllowedPermission(permission, R, { rendererOrigin: R, tenantOrigin: 'http://127.0.0.1:9000' })).toBe(false);
  });

  // Local Network Access for the fake tenant on loopback: the in-process page counts as public.
  it.each([
    ['loopback-network', `${R}/`, 'http://127.0.0.1:9000', true],
    ['local-network-access', R, 'http://localhost:9000', true],
    ['loopback-network', R, 'http://[::1]:9000', true],
    ['loopback-network', R, T, false], // a real tenant is public: nothing to grant
    ['loopback-network', T, 'http://127.0.0.1:9000', false], // only the renderer origin asks
    ['loopback-network', 'http://localhost:47322', 'http://127.0.0.1:9000', false],
    ['loopback-network', R, 'http://127.0.0.1.evil.example', false],
    ['local-network', R, 'http://127.0.0.1:9000', false], // the LAN: never
  ])('%s from %s with the tenant at %s → %s', (permission, from, tenantOrigin, granted) => {
    expect(isAllowedPermission(permission, from, { rendererOrigin: R, tenantOrigin })).toBe(granted);
  });

  it('grants nothing for a loopback tenant before the origins are known', () => {
    expect(isAllowedPermission('loopback-network', R)).toBe(false);
  });
});

describe('isAllowedWebSocket', () => {
  it.each([
    ['the https tenant\'s engine socket', 'wss://acme.eu.qlikcloud.com/app/a1', 'https://acme.eu.qlikcloud.com', true],
    ['the loopback demo tenant over ws', 'ws://127.0.0.1:5123/app/a1', 'http://127.0.0.1:5123', true],
    ['plain ws to an https tenant', 'ws://acme.eu.qlikcloud.com/app/a1', 'https://acme.eu.qlikcloud.com', false],
    ['the renderer origin (nothing of ours listens there)', 'ws://localhost:47321/', 'http://127.0.0.1:5123', false],
    ['the tenant host on another port', 'wss://acme.eu.qlikcloud.com:8443/', 'https://acme.eu.qlikcloud.com', false],
    ['with credentials', 'wss://u:p@acme.eu.qlikcloud.com/', 'https://acme.eu.qlikcloud.com', false],
    ['before the tenant is known', 'wss://acme.eu.qlikcloud.com/', undefined, false],
  ] as const)('%s → %s', (_name, url, tenant, allowed) => {
    expect(isAllowedWebSocket(url, tenant)).toBe(allowed);
  });
});
