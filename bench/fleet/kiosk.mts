// One simulated kiosk: Qiosk's own token broker, token handler (the page's getAccessToken bridge) and recovery
// controller, wired as the app wires them, with the window reduced to what asks for tokens: a page that loads
// every `pageEveryMs` while content shows and stops while the status screen shows.
import { createTokenBroker, type BrokerIdentity, type TokenBrokerOptions } from '../../src/main/auth/token-broker';
import { TokenError } from '../../src/main/auth/token-errors';
import type { Clock, Http, Log, SecretStore } from '../../src/main/core/ports';
import { createTokenHandler } from '../../src/main/ipc/token-handler';
import type { TenantProbe } from '../../src/main/recovery/tenant-probe';
import { createTokenRecovery } from '../../src/main/recovery/token-recovery';

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {}, sensitive() {} };
const MIN_REMAINING_MS = 60_000; // the broker's default: it never hands out a token with less left

export interface KioskOptions {
  tenant: string;
  clientId: string;
  secret: string;
  userId: string;
  /** Broker options under test (jitter); the rest are the app's defaults. */
  broker: Partial<TokenBrokerOptions>;
  pageEveryMs: number;
  clock: Clock;
  /** The kiosk's own random source: the broker's jitter and the recovery controller's. */
  random: () => number;
  /** The transport: counts requests in flight so the simulation knows when the tenant has answered. */
  http: Http;
  /** Told until when the kiosk holds a token its broker would still hand out (epoch ms). */
  onUsableUntil(ms: number): void;
  /** Told when the window switches between content and the status screen. */
  onShowing(showing: 'content' | 'status'): void;
}

/** Creates the kiosk switched off; the returned function boots it. */
export function createKiosk(k: KioskOptions): () => void {
  const identity: BrokerIdentity = { lookup: { field: 'userId', value: k.userId }, cacheKey: `userId:${k.userId}` };
  let usableUntil = 0;
  // What the broker received, read the way it reads it (expires_in), to know when this kiosk holds a usable token.
  const http: Http = async (url, init) => {
    const res = await k.http(url, init);
    if (res.status !== 200 || !url.endsWith('/oauth/token')) return res;
    const text = await res.text();
    const expiresIn = Number((JSON.parse(text) as { expires_in?: unknown }).expires_in);
    if (Number.isFinite(expiresIn)) {
      usableUntil = Math.max(usableUntil, k.clock.now() + expiresIn * 1000 - Math.min(MIN_REMAINING_MS, (expiresIn * 1000) / 4));
      k.onUsableUntil(usableUntil);
    }
    return new Response(text, { status: res.status, headers: res.headers });
  };
  const secrets: SecretStore = { get: async () => k.secret, set: async () => {}, delete: async () => false };
  const broker = createTokenBroker({ tenant: k.tenant, clientId: k.clientId, ...k.broker, random: k.random }, { http, clock: k.clock, secrets, log: quiet });

  let showing: 'off' | 'content' | 'status' = 'off';
  let cancelPage: (() => void) | undefined;
  // The app's probe also fetches qlik-embed's runtime and /users/me; only the token endpoint fails in this
  // outage, so the probe here is the token step alone.
  const probe: TenantProbe = async () => {
    try {
      await broker.getToken(identity);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: err instanceof TokenError ? err : new TokenError('network', String(err)) };
    }
  };
  const view = {
    showContent() {
      const was = showing;
      showing = 'content';
      k.onShowing(showing);
      if (was !== 'content') loadPage();
    },
    showStatus() {
      showing = 'status';
      k.onShowing(showing);
      cancelPage?.();
      cancelPage = undefined;
    },
  };
  const recovery = createTokenRecovery({ broker, identity, probe, clock: k.clock, view, log: quiet, random: k.random });
  const handler = createTokenHandler({ broker, identity, recovery });

  function loadPage(): void {
    cancelPage?.();
    handler.pageStarted(1); // a new page: it asks for its first token, as qlik-embed does once per page
    void handler({ webContentsId: 1 }).then((r) => {
      if (r.ok) recovery.contentWorks();
    });
    cancelPage = k.clock.setTimeout(loadPage, k.pageEveryMs);
  }

  return () => void recovery.start();
}
