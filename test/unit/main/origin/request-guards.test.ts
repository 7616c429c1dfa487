import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedMethod } from '../../../../src/main/origin/request-guards';
import { cacheControlFor, PERMISSIONS_POLICY, securityHeaders } from '../../../../src/main/origin/response-headers';

describe('isAllowedHost', () => {
  it.each(['localhost:47321', '127.0.0.1:47321', 'LOCALHOST:47321'])('accepts %s', (host) => {
    expect(isAllowedHost(host, 47321)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:47321',
    'localhost',
    'localhost:47322',
    '127.0.0.1',
    '[::1]:47321',
    '0.0.0.0:47321',
    'localhost.evil.example:47321',
    'localhost:47321.evil.example',
  ])('refuses %s', (host) => {
    expect(isAllowedHost(host, 47321)).toBe(false);
  });

  it('accepts a port-less host only when the port is 80 (browsers omit the default port)', () => {
    expect(isAllowedHost('localhost', 80)).toBe(true);
    expect(isAllowedHost('127.0.0.1', 80)).toBe(true);
    expect(isAllowedHost('evil.example', 80)).toBe(false);
  });
});

describe('isAllowedMethod', () => {
  it('allows GET and HEAD only', () => {
    expect(isAllowedMethod('GET')).toBe(true);
    expect(isAllowedMethod('HEAD')).toBe(true);
    for (const m of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get', undefined]) expect(isAllowedMethod(m)).toBe(false);
  });
});

describe('securityHeaders', () => {
  it('carries the CSP verbatim and the fixed hardening headers', () => {
    const h = securityHeaders("default-src 'self'");
    expect(h['Content-Security-Policy']).toBe("default-src 'self'");
    expect(h).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  });

  it('denies camera, microphone and geolocation to every frame', () => {
    for (const f of ['camera', 'microphone', 'geolocation']) expect(PERMISSIONS_POLICY).toContain(`${f}=()`);
  });

  it('documents are never stored; assets are always revalidated', () => {
    expect(cacheControlFor('document')).toBe('no-store');
    expect(cacheControlFor('asset')).toBe('no-cache');
  });
});
