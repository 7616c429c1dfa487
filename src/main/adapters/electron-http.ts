// The app's Http port: Electron's net.fetch, so token requests honour the system proxy, PAC scripts and the
// OS certificate store (what corporate kiosks need). Node's fetch is used only in tests and plain-Node tools.
import { net } from 'electron';
import type { Http } from '../core/ports';

export const electronHttp: Http = (url, init) =>
  net.fetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
    // No cookies; no redirects unless asked (for a token request a redirect means a wrong tenant host).
    credentials: 'omit',
    redirect: init.redirect ?? 'error',
  });
