import { describe, expect, it } from 'vitest';
import { isAllowedMethod, isRendererUrl, requestTarget } from '../../../../src/main/origin/request-guards';
import { cacheControlFor, PERMISSIONS_POLICY, securityHeaders } from '../../../../src/main/origin/response-headers';

describe('isRendererUrl', () => {
  const ORIGIN = 'http://localhost:47321';
  it.each(['http://localhost:47321/', 'http://LOCALHOST:47321/index.html', 'http://localhost:47321/a?b#c', 'http://user@localhost:47321/'])('%s is ours', (url) => {
    expect(isRendererUrl(url, ORIGIN)).toBe(true);
  });

  it.each([
    'http://localhost:47322/',
    'http://127.0.0.1:47321/',
    'http://[::1]:47321/',
    'https://localhost:47321/',
    'http://localhost:47321.evil.example/',
    'http://localhost.evil.example:47321/',
    'http://evil.example/?http://localhost:47321/',
    'not a url',
  ])('%s is not', (url) => {
    expect(isRendererUrl(url, ORIGIN)).toBe(false);
  });
});

describe('requestTarget', () => {
  it.each([
    ['http://localhost:47321/', '/'],
    ['http://localhost:47321/%2e%2e/x?q=1', '/%2e%2e/x?q=1'],
    ['http://localhost:47321', '/'],
  ])('%s → %s', (url, target) => expect(requestTarget(url)).toBe(target));
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
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    // No opener to cut off (main opens every page; no page opens a window), and it costs a process swap.
    expect(h).not.toHaveProperty('Cross-Origin-Opener-Policy');
  });

  it('denies camera, microphone and geolocation to every frame', () => {
    for (const f of ['camera', 'microphone', 'geolocation']) expect(PERMISSIONS_POLICY).toContain(`${f}=()`);
  });

  it('documents are never stored; assets are always revalidated', () => {
    expect(cacheControlFor('document')).toBe('no-store');
    expect(cacheControlFor('asset')).toBe('no-cache');
  });
});
