// Turns a raw HTTP request target into a file path under the renderer root, or a refusal. Deliberately does
// not use `new URL()`: WHATWG URL parsing resolves `..` and `%2e%2e` itself, which would hide an attack
// from the checks below instead of refusing it. The caller must still realpath the result (symlinks).
import path from 'node:path';

export type PathResult =
  | { ok: true; /** Decoded path, always starting with '/'. */ pathname: string; segments: string[] }
  | { ok: false; status: 400 | 404; reason: string };

/** The path part of a request target, without `?query` or `#fragment` (never log or look at the query). */
export function stripQuery(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** Decodes and checks the path part of a request target. Pure: touches no file system. */
export function parseRequestPath(target: string): PathResult {
  const raw = stripQuery(target);
  // Only origin-form ("/path"): absolute-form ("http://host/path") and "*" are for proxies, not us.
  if (!raw.startsWith('/')) return { ok: false, status: 400, reason: 'not an origin-form path' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in path' };
  // A backslash is a separator on Windows; a drive colon could make a segment absolute there.
  if (pathname.includes('\\')) return { ok: false, status: 400, reason: 'backslash in path' };
  if (pathname.includes(':')) return { ok: false, status: 400, reason: 'colon in path' };
  const segments = pathname.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '..' || s === '.') return { ok: false, status: 400, reason: 'dot segment in path' };
    // Dotfiles (.env, .git) are never part of the renderer build.
    if (s.startsWith('.')) return { ok: false, status: 404, reason: 'hidden file' };
  }
  return { ok: true, pathname, segments };
}

/** True when `candidate` is `root` itself or lies below it (both absolute, already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  const up = rel === '..' || rel.startsWith(`..${path.sep}`);
  return !up && !path.isAbsolute(rel);
}

/** Joins checked segments onto the root and re-checks containment (defence in depth). */
export function resolveUnder(root: string, segments: readonly string[]): string | undefined {
  const resolvedRoot = path.resolve(root);
  const candidate = path.resolve(resolvedRoot, ...segments);
  return isInside(resolvedRoot, candidate) ? candidate : undefined;
}
