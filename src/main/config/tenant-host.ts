// Normalises the tenant address IT types into an origin. https is required because the OAuth client secret
// travels to this host; plain http is allowed only for loopback, where the fake tenant and the demo run.

export type HostResult = { ok: true; origin: string } | { ok: false; problem: string };

const EXAMPLE = 'e.g. "https://acme.eu.qlikcloud.com"';
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True for 127.0.0.0/8, localhost and [::1], as spelled by the WHATWG URL parser (which canonicalises IPv4). */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function normaliseTenantHost(raw: string): HostResult {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: `is empty; set it to your tenant address, ${EXAMPLE}` };
  // A bare host ('acme.eu.qlikcloud.com') means https. Without this, 'localhost:8080' would parse as a scheme.
  const withScheme = HAS_SCHEME.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: `is not a valid address; use the tenant origin only, ${EXAMPLE}` };
  }
  if (url.username !== '' || url.password !== '') {
    // Never echo the value: it carries credentials.
    return { ok: false, problem: `must not contain a user name or password; use the tenant origin only, ${EXAMPLE}` };
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHostname(url.hostname)) {
      return {
        ok: false,
        problem: `uses http://, which would send the client secret unencrypted; use https://${url.host} (http is allowed only for localhost, 127.x.x.x and [::1])`,
      };
    }
  } else if (url.protocol !== 'https:') {
    return { ok: false, problem: `must start with https:// (got ${url.protocol}//); ${EXAMPLE}` };
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return { ok: false, problem: `must be the tenant origin only, without a path, query or fragment; use ${url.origin}` };
  }
  return { ok: true, origin: url.origin };
}
