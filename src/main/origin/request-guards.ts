// Checks made before a request touches a file: the Host header (DNS-rebinding guard) and the method.

export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

export const isAllowedMethod = (method: string | undefined): boolean =>
  method === 'GET' || method === 'HEAD';

/**
 * A page on evil.example whose DNS name is re-pointed at 127.0.0.1 reaches this port with `Host: evil.example`.
 * Only the names our own origin uses pass. Port 80 is the one case where browsers omit the port.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  const allowed = [`localhost:${port}`, `127.0.0.1:${port}`];
  if (port === 80) allowed.push('localhost', '127.0.0.1');
  return allowed.includes(h);
}
