// Mints Qlik impersonation tokens for main-side identities and caches them per user.
// Guarantees: never hands out an expired or nearly expired token; any number of concurrent callers for one
// user share one upstream request; failures are remembered for a back-off window (so a broken tenant sees a
// trickle, not a storm) but never forever (so the kiosk heals once the cause is gone).
import { maskValue } from '../log/redact';
import type { Clock, Http, Log, SecretStore } from '../core/ports';
import { clientSecretAuth, type ClientAuth } from './client-auth';
import { TokenError } from './token-errors';
import { errorFromResponse, impersonationBody, parseTokenResponse, type UserLookup } from './token-request';

export interface BrokerIdentity {
  lookup: UserLookup;
  /** Stable per-user key, e.g. `userId:u-1`. */
  cacheKey: string;
}

export interface MintedToken {
  accessToken: string;
  expiresAt: number;
}

export interface TokenBrokerOptions {
  /** Tenant origin, e.g. https://acme.eu.qlikcloud.com (no trailing slash). */
  tenant: string;
  clientId: string;
  scope?: string;
  timeoutMs?: number;
  /** Start a background refresh this long before expiry (capped at half the token's lifetime). */
  refreshAheadMs?: number;
  /** Never hand out a token with less than this left (capped at a quarter of its lifetime). */
  minRemainingMs?: number;
  /** Back-off after a transient failure: doubles from `retryBaseMs` up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Back-off after a failure only an admin can fix (bad secret, unknown user…). */
  adminFixRetryMs?: number;
  /** A caller may force a fresh token (its copy was refused) at most this often per user. */
  forcedRefreshMinIntervalMs?: number;
  /** Spreads a fleet's timing, 0 (none) to 1: a failure's back-off is shortened by up to this fraction, a rate
   * limit's wait (Retry-After, or the streak's back-off if longer) lengthened by up to this fraction of itself (at
   * most of `retryMaxMs`),
   * and each token's background refresh starts up to this fraction of a quarter of its lifetime earlier. Kiosks that
   * failed or booted together then come back one after another instead of in step (bench/fleet.bench.mts). */
  jitter?: number;
  /** The random source for `jitter`, [0, 1). */
  random?: () => number;
}

export interface TokenBrokerDeps {
  http: Http;
  clock: Clock;
  /** Where the client secret is read when no `clientAuth` is given. */
  secrets: SecretStore;
  log: Log;
  /** How the client authenticates (client-auth.ts); default: the client secret from `secrets`. */
  clientAuth?: ClientAuth;
}

export interface GetTokenOptions {
  /** A token the caller saw refused (e.g. 401): if it is still the cached one, mint a new one. */
  rejected?: string;
}

interface Entry {
  token?: (MintedToken & { issuedAt: number }) | undefined;
  inflight?: Promise<MintedToken> | undefined;
  failure?: { error: TokenError; until: number; streak: number } | undefined;
  lastForcedAt?: number | undefined;
}

export interface TokenBroker {
  getToken(identity: BrokerIdentity, options?: GetTokenOptions): Promise<MintedToken>;
  /** When a failed user may be retried (epoch ms), or undefined when not backing off. */
  retryAt(identity: BrokerIdentity): number | undefined;
  /** Forgets cached tokens (all users, or one), e.g. when the local user changes. */
  clear(cacheKey?: string): void;
  /** What the admin view may know of the user's token: its state and expiry, never the token. */
  describe(identity: BrokerIdentity): { state: 'valid' | 'expired' | 'none' | 'failing'; expiresAt?: number };
  /** For the health status: tokens minted in the 24 h before `now` (all users), and the latest failure's code. */
  stats(now: number): { mintsLast24h: number; lastFailure?: { code: string; at: number } };
}

export function createTokenBroker(options: TokenBrokerOptions, deps: TokenBrokerDeps): TokenBroker {
  const o = {
    scope: 'user_default',
    timeoutMs: 15_000,
    refreshAheadMs: 5 * 60_000,
    minRemainingMs: 60_000,
    retryBaseMs: 1_000,
    retryMaxMs: 60_000,
    adminFixRetryMs: 60_000,
    forcedRefreshMinIntervalMs: 30_000,
    jitter: 0.5,
    random: Math.random,
    ...options,
  };
  const { clock, log } = deps;
  const clientAuth = deps.clientAuth ?? clientSecretAuth(o.clientId, deps.secrets);
  const entries = new Map<string, Entry>();
  const mintedAt: number[] = []; // pruned to the last 24 h on every mint
  let lastFailure: { code: string; at: number } | undefined;
  const entry = (key: string) => {
    let e = entries.get(key);
    if (!e) entries.set(key, (e = {}));
    return e;
  };

  const refreshSpread = new WeakMap<object, number>(); // per token, drawn once
  function windows(t: NonNullable<Entry['token']>) {
    const lifetime = t.expiresAt - t.issuedAt;
    let r = refreshSpread.get(t);
    if (r === undefined) refreshSpread.set(t, (r = o.random()));
    const ahead = o.refreshAheadMs + r * o.jitter * (lifetime / 4);
    return { ahead: Math.min(ahead, lifetime / 2), min: Math.min(o.minRemainingMs, lifetime / 4) };
  }

  function start(identity: BrokerIdentity, e: Entry): Promise<MintedToken> {
    if (!e.inflight) {
      const p = mint(identity).then(
        (token) => {
          e.token = { ...token, issuedAt: clock.now() };
          e.failure = undefined;
          mintedAt.push(clock.now());
          while (mintedAt.length > 0 && mintedAt[0]! < clock.now() - DAY_MS) mintedAt.shift();
          return token;
        },
        (err: unknown) => {
          const error = err instanceof TokenError ? err : new TokenError('network', `Token request failed unexpectedly: ${String(err)}`);
          const streak = (e.failure?.streak ?? 0) + 1;
          e.failure = { error, until: clock.now() + backoff(error, streak), streak };
          lastFailure = { code: error.code, at: clock.now() };
          log.warn('token request failed', { user: identity.cacheKey, code: error.code, status: error.status, retryInMs: e.failure.until - clock.now() });
          throw error;
        },
      );
      e.inflight = p;
      // Clear the slot however it settles; a no-op catch keeps this bookkeeping branch from being "unhandled".
      p.finally(() => {
        if (e.inflight === p) e.inflight = undefined;
      }).catch(() => {});
    }
    return e.inflight;
  }

  function backoff(error: TokenError, streak: number): number {
    const spread = o.random() * o.jitter;
    const doubling = Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** (streak - 1));
    // A rate limit: never sooner than Retry-After (every kiosk sharing the budget was told the same moment) nor than
    // the streak's back-off, then up to `jitter` of that wait (at most of retryMaxMs) later, so they do not all come
    // back in that one second, while a lone kiosk told 3 s is back within 4.5 s and one told 5 min within 5.5 min.
    if (error.code === 'rate_limited') {
      const wait = Math.max(error.retryAfterMs ?? o.retryMaxMs, doubling);
      return Math.round(wait + spread * Math.min(wait, o.retryMaxMs));
    }
    return Math.round((error.transient ? doubling : o.adminFixRetryMs) * (1 - spread));
  }

  async function mint(identity: BrokerIdentity): Promise<MintedToken> {
    const user = `${identity.lookup.field} '${identity.lookup.value}'`;
    const credentials = await clientAuth.credentials();
    for (const value of credentials.sensitive) log.sensitive(value);
    // An upstream error may echo the request: its text is masked in every encoding before anything keeps it.
    const scrub = (text: string) => credentials.sensitive.reduce((t, v) => maskValue(t, v), text);
    const sentAt = clock.now();
    const ctx = { tenant: o.tenant, clientId: o.clientId, clientAuth: clientAuth.method, user, sentAt, now: sentAt };
    const controller = new AbortController();
    let timedOut = false;
    const cancelTimer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
    try {
      const res = await deps.http(`${o.tenant}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(impersonationBody(o.clientId, credentials.fields, o.scope, identity.lookup)),
        signal: controller.signal,
      });
      const text = scrub(await res.text());
      ctx.now = clock.now();
      if (res.status !== 200) throw errorFromResponse(res.status, text, res.headers.get('retry-after'), ctx);
      const token = parseTokenResponse(text, ctx);
      // Masked while it lives (and an hour after): the forms of long-expired tokens are dropped.
      log.sensitive(token.accessToken, { expiresInMs: token.expiresAt - ctx.now });
      log.info('minted token', { user: identity.cacheKey, expiresInSec: Math.round((token.expiresAt - ctx.now) / 1000), tookMs: ctx.now - sentAt });
      return token;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (timedOut) {
        throw new TokenError('timeout', `The Qlik tenant ${o.tenant} did not answer the token request within ${o.timeoutMs} ms; retrying with backoff.`);
      }
      const why = scrub(err instanceof Error ? `${err.message}${causeOf(err)}` : String(err));
      throw new TokenError('network', `Cannot reach ${o.tenant}/oauth/token (${why}). Check the network, proxy and the tenant host in the config.`);
    } finally {
      cancelTimer();
    }
  }

  return {
    async getToken(identity, opts = {}) {
      const e = entry(identity.cacheKey);
      const now = clock.now();
      const t = e.token;
      if (t && opts.rejected === t.accessToken) {
        const allowed = e.lastForcedAt === undefined || now - e.lastForcedAt >= o.forcedRefreshMinIntervalMs;
        if (allowed) {
          e.lastForcedAt = now;
          e.token = undefined;
          return start(identity, e);
        }
      }
      if (t) {
        const remaining = t.expiresAt - now;
        const w = windows(t);
        if (remaining > w.min) {
          if (remaining <= w.ahead && !e.inflight && !(e.failure && now < e.failure.until)) {
            start(identity, e).catch(() => {}); // background refresh; the cached token is still good
          }
          return { accessToken: t.accessToken, expiresAt: t.expiresAt };
        }
      }
      if (e.inflight) return e.inflight;
      if (e.failure && now < e.failure.until) throw e.failure.error;
      return start(identity, e);
    },
    retryAt(identity) {
      const f = entries.get(identity.cacheKey)?.failure;
      return f && clock.now() < f.until ? f.until : undefined;
    },
    stats(now) {
      return { mintsLast24h: mintedAt.filter((t) => t > now - DAY_MS).length, ...(lastFailure ? { lastFailure: { ...lastFailure } } : {}) };
    },
    describe(identity) {
      const e = entries.get(identity.cacheKey);
      const now = clock.now();
      if (e?.failure && now < e.failure.until) return { state: 'failing' };
      if (!e?.token) return { state: 'none' };
      return { state: now < e.token.expiresAt ? 'valid' : 'expired', expiresAt: e.token.expiresAt };
    },
    clear(cacheKey) {
      if (cacheKey === undefined) entries.clear();
      else entries.delete(cacheKey);
    },
  };
}


const DAY_MS = 24 * 3600_000;

function causeOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `: ${cause.message}` : '';
}
