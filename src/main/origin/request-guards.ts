// Checks made before a request touches a file: that it is for the renderer origin, and the method.

export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

export const isAllowedMethod = (method: string | undefined): boolean =>
  method === 'GET' || method === 'HEAD';

/**
 * Whether a URL belongs to the renderer origin and so is answered in-process. The comparison is on the parsed
 * origin (scheme, host, port), so `localhost:47321.evil.example`, another port or 127.0.0.1 are not ours.
 */
export function isRendererUrl(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The path and query of an absolute URL, exactly as written (the path guards judge the raw text). */
export function requestTarget(url: string): string {
  const authority = url.indexOf('//');
  const slash = url.indexOf('/', authority < 0 ? 0 : authority + 2);
  return slash < 0 ? '/' : url.slice(slash);
}
