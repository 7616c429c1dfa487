// Keeps the window showing either working content or a status screen, never broken embeds. The content is
// loaded only once a token can be minted; when minting fails, the window switches to the status screen and
// probes again exactly when the broker's back-off allows (Retry-After, 1 s doubling to 60 s, or 60 s for
// failures an admin must fix), then brings the content back by itself.
import type { StatusInfo } from '../../shared/ipc-contract';
import type { BrokerIdentity, TokenBroker } from '../auth/token-broker';
import type { TokenError } from '../auth/token-errors';
import type { Clock, Log } from '../core/ports';

export interface RecoveryView {
  showContent(): void;
  showStatus(info: StatusInfo): void;
}

export interface TokenRecovery {
  /** Mints first, then shows the content (or the status screen and keeps probing). */
  start(): Promise<void>;
  /** The bridge could not get a token: show the status screen and recover. */
  tokenFailed(error: TokenError): void;
  readonly state: 'idle' | 'content' | 'recovering';
  stop(): void;
}

const FALLBACK_PROBE_MS = 1_000;

export function createTokenRecovery(deps: { broker: TokenBroker; identity: BrokerIdentity; clock: Clock; view: RecoveryView; log: Log }): TokenRecovery {
  const { broker, identity, clock, view, log } = deps;
  let state: TokenRecovery['state'] = 'idle';
  let cancelProbe: (() => void) | undefined;
  let stopped = false;
  let since: number | undefined;

  function recovering(error: TokenError) {
    const retryAt = broker.retryAt(identity) ?? clock.now() + FALLBACK_PROBE_MS;
    const entering = state !== 'recovering';
    state = 'recovering';
    if (entering) since = clock.now();
    view.showStatus({ code: error.code, message: error.message, retryAt, ...(since === undefined ? {} : { since }) });
    if (entering) log.warn('showing the status screen until a token can be minted', { code: error.code, detail: error.message });
    cancelProbe?.();
    cancelProbe = clock.setTimeout(() => void probe(), Math.max(0, retryAt - clock.now()));
  }

  async function probe(): Promise<void> {
    cancelProbe = undefined;
    if (stopped) return;
    try {
      await broker.getToken(identity);
      if (stopped) return;
      const was = state;
      state = 'content';
      view.showContent();
      if (was === 'recovering') log.info('token path recovered; showing the content again');
    } catch (err) {
      if (!stopped) recovering(err as TokenError);
    }
  }

  return {
    start: probe,
    tokenFailed(error) {
      if (state !== 'recovering' && !stopped) recovering(error);
    },
    get state() {
      return state;
    },
    stop() {
      stopped = true;
      cancelProbe?.();
    },
  };
}
