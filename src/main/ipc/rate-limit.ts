// How often a window may call each IPC channel: a token bucket per window (webContents id) and channel, on the
// Clock port so every rule runs on a fake clock. A call over the limit is refused like any other refusal (the fixed
// REFUSED error, no handler work, logged once per interval with a count: register.ts).
// The registry asks the bucket only for calls that passed the sender and argument checks: a malformed call costs a
// check and a counter, never the budget the page's real calls need, and a hostile page cannot starve its own
// window's heartbeat with garbage (it could only stop sending heartbeats, which the supervisor heals).
import { Channels, type Channel } from '../../shared/ipc-contract';
import type { Clock } from '../core/ports';

export interface RateLimit {
  /** Calls a window may make at once (the bucket's size; it starts full). */
  burst: number;
  /** Calls per second the bucket refills, up to `burst`. */
  perSecond: number;
}

/**
 * Generous for what the renderer really sends (src/renderer/embed-health.ts, src/preload/bridge.ts), so only a
 * runaway or hostile page ever meets them:
 * - getAccessToken: qlik-embed asks once per page, and again only after the tenant refused the token. Even a
 *   runtime that asked once per embed would make 12 calls (the most embeds a config may have) when the page
 *   starts and 12 more after a refusal. 60 at once and one a second after that is several times as much. Each
 *   call beyond what qlik-embed needs would only hand out the cached token (token-handler.ts forces at most one
 *   fresh mint per page), so the limit guards main's work, not the tenant.
 * - reportHealth: one report per heartbeat (`supervisor.heartbeatSeconds`, at least 1 s) plus one per change of a
 *   tile's phase, one at a time (changes meanwhile go into the next report): a page of 12 tiles that starts or
 *   remounts everything sends a few dozen within seconds. 120 at once and 10 a second after that is ten times
 *   the fastest heartbeat a config allows, so a window's real reports are never refused and the triage never
 *   mistakes the limit for a hung page.
 * - escapeGesture: a person tapping a corner; main opens one PIN prompt however often it hears it.
 * - admin channels: a person at the admin view. adminUnlock's bucket is not the PIN lockout (pin.ts is): it
 *   only bounds main's scrypt work (about 100 ms per try) against a runaway admin page.
 */
export const IPC_RATE_LIMITS: { readonly [C in Channel]: RateLimit } = {
  [Channels.getAccessToken]: { burst: 60, perSecond: 1 },
  [Channels.reportHealth]: { burst: 120, perSecond: 10 },
  [Channels.escapeGesture]: { burst: 5, perSecond: 1 },
  [Channels.adminUnlock]: { burst: 5, perSecond: 1 },
  [Channels.adminDiagnostics]: { burst: 20, perSecond: 2 },
  [Channels.adminLeaveKiosk]: { burst: 5, perSecond: 1 },
  [Channels.adminReloadScreen]: { burst: 10, perSecond: 1 },
  [Channels.adminQuit]: { burst: 2, perSecond: 1 },
};

export interface RateLimiter {
  /** Takes one call from the window's bucket for `channel`; false when it is empty (the call is refused). */
  take(webContentsId: number, channel: Channel): boolean;
}

/** Buckets kept at most; a full bucket (an idle window, or one long gone) is the first to go. */
const MAX_BUCKETS = 256;

export function createRateLimiter(clock: Clock, limits: { readonly [C in Channel]: RateLimit } = IPC_RATE_LIMITS): RateLimiter {
  const buckets = new Map<string, { channel: Channel; tokens: number; at: number }>();
  const refill = (b: { channel: Channel; tokens: number; at: number }, now: number) => {
    const limit = limits[b.channel];
    // A wall clock set back refills nothing; one set forward refills at most a full bucket.
    b.tokens = Math.min(limit.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * limit.perSecond);
    b.at = now;
  };
  return {
    take(webContentsId, channel) {
      const now = clock.now();
      const key = `${webContentsId}:${channel}`;
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_BUCKETS) {
          for (const [k, other] of buckets) {
            refill(other, now);
            if (other.tokens >= limits[other.channel].burst) buckets.delete(k);
          }
        }
        b = { channel, tokens: limits[channel].burst, at: now };
        buckets.set(key, b);
      }
      refill(b, now);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
