// Headers every renderer-origin response carries, whatever its status.

/** Powerful features the kiosk page never needs; denied for the page and any frame inside it. */
const DENIED_FEATURES = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
] as const;

export const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(', ');

/** No Cross-Origin-Opener-Policy: Qiosk's pages are opened by main alone and open no window (the window-open
 * handler refuses every one), so there is no opener to cut off; the header would only make Chromium move each
 * window's first page to a new browsing-context group and renderer process (~60 ms to first content, measured in
 * bench/results/wall.md). */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    // No speculative DNS for links and frames the CSP may block: a host name can carry data by itself.
    'X-DNS-Prefetch-Control': 'off',
  };
}

/**
 * HTML and the config are never stored, so a kiosk picks up a new build or new settings on its next load.
 * Other assets may be stored but are revalidated every time (no-cache), for the same reason.
 */
export const cacheControlFor = (kind: 'document' | 'asset') => (kind === 'document' ? 'no-store' : 'no-cache');
