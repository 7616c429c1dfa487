// The getAccessToken handler. The identity is main's own (resolved from the OS account at start-up); the
// caller supplies nothing. A failure never rejects into qlik-embed (one rejection poisons every embed on the
// page until reload): main answers { ok: false } and the recovery controller takes over the window.
import type { TokenResult } from '../../shared/ipc-contract';
import type { BrokerIdentity, TokenBroker } from '../auth/token-broker';
import { TokenError } from '../auth/token-errors';
import type { TokenRecovery } from '../recovery/token-recovery';

export function createTokenHandler(deps: { broker: TokenBroker; identity: BrokerIdentity; recovery: TokenRecovery }) {
  return async (): Promise<TokenResult> => {
    try {
      const token = await deps.broker.getToken(deps.identity);
      return { ok: true, accessToken: token.accessToken };
    } catch (err) {
      const error = err instanceof TokenError ? err : new TokenError('network', 'Token request failed unexpectedly.');
      deps.recovery.tokenFailed(error);
      return { ok: false, code: error.code };
    }
  };
}
