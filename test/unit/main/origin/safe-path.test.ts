import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, parseRequestPath, resolveUnder, stripQuery } from '../../../../src/main/origin/safe-path';

describe('parseRequestPath', () => {
  it.each([
    ['/', []],
    ['/index.html', ['index.html']],
    ['/assets/main.js?v=1#x', ['assets', 'main.js']],
    ['/a%20b/c.css', ['a b', 'c.css']],
    ['//assets//x.js', ['assets', 'x.js']],
  ])('accepts %s', (target, segments) => {
    expect(parseRequestPath(target)).toMatchObject({ ok: true, segments });
  });

  it.each([
    ['/../etc/passwd', 400],
    ['/%2e%2e/%2e%2e/etc/passwd', 400],
    ['/..%2f..%2fetc/passwd', 400],
    ['/a/./b', 400],
    ['/%2e%2e%5c', 400],
    ['/a\\b', 400],
    ['/%00', 400],
    ['/index.html%00.png', 400],
    ['/%E0%A4%A', 400],
    ['/C:/Windows/win.ini', 400],
    ['http://evil.example/index.html', 400],
    ['*', 400],
    ['/.env', 404],
    ['/assets/.git/config', 404],
    ['/%2egit/HEAD', 404],
  ] as const)('refuses %s with %i', (target, status) => {
    expect(parseRequestPath(target)).toMatchObject({ ok: false, status });
  });

  it('ignores the query when checking the path', () => {
    expect(parseRequestPath('/status.html?message=../../x%00')).toMatchObject({ ok: true, segments: ['status.html'] });
  });
});

describe('stripQuery', () => {
  it('keeps the path only', () => {
    expect(stripQuery('/?token=abc')).toBe('/');
    expect(stripQuery('/a#frag?x')).toBe('/a');
    expect(stripQuery('/a/b')).toBe('/a/b');
  });
});

describe('isInside / resolveUnder', () => {
  const root = path.resolve('/srv/renderer');

  it('accepts the root and paths below it', () => {
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, path.join(root, 'a', 'b.js'))).toBe(true);
    expect(isInside(root, path.join(root, '..foo'))).toBe(true); // a name starting with "..", not a parent
  });

  it('refuses siblings with a common prefix, parents and unrelated paths', () => {
    expect(isInside(root, path.resolve('/srv/renderer-old/index.html'))).toBe(false);
    expect(isInside(root, path.resolve('/srv'))).toBe(false);
    expect(isInside(root, path.resolve('/etc/passwd'))).toBe(false);
  });

  it('resolveUnder returns undefined when segments escape the root', () => {
    expect(resolveUnder(root, ['a', 'b.js'])).toBe(path.join(root, 'a', 'b.js'));
    expect(resolveUnder(root, ['..', 'etc', 'passwd'])).toBeUndefined();
    expect(resolveUnder(root, [path.resolve('/etc/passwd')])).toBeUndefined();
  });
});
