import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../../src/main/security/csp';

const RENDERER = 'http://localhost:47321';
const CDN = 'https://cdn.qlikcloud.com';
const MAPS = 'https://maps.qlikcloud.com';

/** Parses a header value the way a browser splits it: directive name, then whitespace-separated sources. */
function parseCsp(header: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(out.has(name), `directive ${name} appears twice`).toBe(false);
    out.set(name, sources);
  }
  return out;
}

describe('buildCsp with an https tenant', () => {
  const csp = parseCsp(buildCsp({ rendererOrigin: RENDERER, tenantHost: 'https://acme.eu.qlikcloud.com' }));
  const T = 'https://acme.eu.qlikcloud.com';

  it.each<[string, string[]]>([
    ['default-src', ["'none'"]],
    ['script-src', [RENDERER, T, CDN]],
    ['connect-src', [RENDERER, T, 'wss://acme.eu.qlikcloud.com', CDN, MAPS]],
    ['style-src', [RENDERER, "'unsafe-inline'", T, CDN]],
    ['img-src', [RENDERER, 'data:', 'blob:', T, CDN, MAPS]],
    ['font-src', [RENDERER, 'data:', T, CDN]],
    ['worker-src', [RENDERER, 'blob:']],
    ['frame-src', [T]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(csp.get(name)).toEqual(sources);
  });

  it('has no directives beyond the reviewed set', () => {
    expect([...csp.keys()].sort()).toEqual(
      ['base-uri', 'connect-src', 'default-src', 'font-src', 'form-action', 'frame-ancestors', 'frame-src', 'img-src',
        'object-src', 'script-src', 'style-src', 'worker-src'].sort(),
    );
  });

  it('never allows eval, wildcards, \'self\', or a plain ws:/http: source but the renderer origin for an https tenant', () => {
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    // 'self' would let ws://localhost:<port> through, where any account may be listening.
    expect(all).not.toContain("'self'");
    expect(all.some((s) => s.includes('*'))).toBe(false);
    expect(all.filter((s) => s !== RENDERER && (s.startsWith('ws:') || s.startsWith('http:')))).toEqual([]);
    // 'unsafe-inline' is tolerated for styles only, never for scripts.
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('gives origins without a path or trailing slash', () => {
    for (const s of [...csp.values()].flat().filter((x) => x.includes('://'))) {
      expect(new URL(s).origin, s).toBe(s);
    }
  });
});

describe('buildCsp with the http loopback fake tenant', () => {
  const csp = parseCsp(buildCsp({ rendererOrigin: RENDERER, tenantHost: 'http://127.0.0.1:5123' }));

  it('uses ws:// (not wss://) for the engine socket and keeps the port', () => {
    expect(csp.get('connect-src')).toEqual([RENDERER, 'http://127.0.0.1:5123', 'ws://127.0.0.1:5123', CDN, MAPS]);
    expect([...csp.values()].flat().some((s) => s.startsWith('wss:'))).toBe(false);
  });

  it('frames and scripts only that exact origin', () => {
    expect(csp.get('frame-src')).toEqual(['http://127.0.0.1:5123']);
    expect(csp.get('script-src')).toEqual([RENDERER, 'http://127.0.0.1:5123', CDN]);
  });
});

describe('buildCsp normalises the tenant to its origin', () => {
  it.each([
    ['https://acme.eu.qlikcloud.com/', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com/some/path?x=1#y', 'https://acme.eu.qlikcloud.com'],
    ['https://ACME.eu.qlikcloud.com:443', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com:8443', 'https://acme.eu.qlikcloud.com:8443'],
  ])('%s → %s', (tenantHost, origin) => {
    const csp = parseCsp(buildCsp({ rendererOrigin: RENDERER, tenantHost }));
    expect(csp.get('frame-src')).toEqual([origin]);
    expect(csp.get('connect-src')).toContain(origin.replace(/^https:/, 'wss:'));
  });
});

describe('buildCsp: what changed with map charts and the policy\'s content hosts', () => {
  const T = 'https://acme.eu.qlikcloud.com';
  // The policy before maps.qlikcloud.com was allowed, as reviewed then.
  const BEFORE: Record<string, string[]> = {
    'default-src': ["'none'"], 'script-src': [RENDERER, T, CDN], 'connect-src': [RENDERER, T, 'wss://acme.eu.qlikcloud.com', CDN],
    'style-src': [RENDERER, "'unsafe-inline'", T, CDN], 'img-src': [RENDERER, 'data:', 'blob:', T, CDN], 'font-src': [RENDERER, 'data:', T, CDN],
    'worker-src': [RENDERER, 'blob:'], 'frame-src': [T], 'object-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"],
  };
  const added = (csp: Map<string, string[]>) =>
    Object.fromEntries([...csp].map(([name, sources]) => [name, sources.filter((s) => !BEFORE[name]!.includes(s))]).filter(([, extra]) => extra!.length > 0));

  it.each<[string, string[] | undefined, Record<string, string[]>]>([
    ['no policy hosts: maps.qlikcloud.com for map tiles and geodata, nothing else', undefined, { 'connect-src': [MAPS], 'img-src': [MAPS] }],
    ['policy hosts: images, fonts, styles and fetches over https, never scripts or frames', ['fonts.example.com', 'cdn.example.net'], {
      'connect-src': [MAPS, 'https://fonts.example.com', 'https://cdn.example.net'],
      'img-src': [MAPS, 'https://fonts.example.com', 'https://cdn.example.net'],
      'font-src': ['https://fonts.example.com', 'https://cdn.example.net'],
      'style-src': ['https://fonts.example.com', 'https://cdn.example.net'],
    }],
  ])('%s', (_name, extraContentHosts, diff) => {
    const csp = parseCsp(buildCsp({ rendererOrigin: RENDERER, tenantHost: T, ...(extraContentHosts && { extraContentHosts }) }));
    expect([...csp.keys()].sort()).toEqual(Object.keys(BEFORE).sort());
    expect(added(csp)).toEqual(diff);
    for (const [name, sources] of Object.entries(BEFORE)) expect(csp.get(name)).toEqual(expect.arrayContaining(sources));
  });
});

describe('buildCsp refuses bad input with an error naming the field', () => {
  it.each([
    ['acme.eu.qlikcloud.com', /tenantHost is not a valid URL/],
    ['', /tenantHost is not a valid URL/],
    ['ftp://acme.eu.qlikcloud.com', /tenantHost must be an http\(s\) URL \(got ftp:\)/],
    ['javascript:alert(1)', /tenantHost must be an http\(s\) URL/],
    ['file:///etc/passwd', /tenantHost must be an http\(s\) URL/],
    ['wss://acme.eu.qlikcloud.com', /tenantHost must be an http\(s\) URL/],
  ])('tenantHost %j', (tenantHost, message) => {
    expect(() => buildCsp({ rendererOrigin: RENDERER, tenantHost })).toThrow(message);
  });

  it('a broken rendererOrigin', () => {
    expect(() => buildCsp({ rendererOrigin: 'not a url', tenantHost: 'https://acme.eu.qlikcloud.com' })).toThrow(
      /rendererOrigin is not a valid URL/,
    );
  });
});
