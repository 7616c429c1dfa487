// The getAccessToken handler. The identity is main's own (resolved from the OS account at start-up); the
// caller supplies nothing. A failure never rejects into qlik-embed (one rejection poisons every embed on the
// page until reload): main answers { ok: false } and the recovery controller takes over the window.
//
// qlik-embed asks once per page and again only after the tenant refused the token (a REST 401 or a refused
// token exchange). So a second call from the same page, while the broker still holds the token this window
// was given, means that token was refused: the broker mints a fresh one (at most once per 30 s, its rule).
import type { TokenResult } from '../../shared/ipc-contract';
import type { BrokerIdentity, TokenBroker } from '../auth/token-broker';
import { TokenError } from '../auth/token-errors';
import type { TokenRecovery } from '../recovery/token-recovery';

export interface TokenHandler {
  (caller: { webContentsId: number }): Promise<TokenResult>;
  /** The window's main frame navigated: a new page, which asks for its first token. */
  pageStarted(webContentsId: number): void;
}

export function createTokenHandler(deps: { broker: TokenBroker; identity: BrokerIdentity; recovery: TokenRecovery }): TokenHandler {
  const handed = new Map<number, string>(); // per window: the token its current page was given
  const handler = async (caller: { webContentsId: number }): Promise<TokenResult> => {
    try {
      const before = handed.get(caller.webContentsId);
      const token = await deps.broker.getToken(deps.identity, before === undefined ? {} : { rejected: before });
      handed.set(caller.webContentsId, token.accessToken);
      return { ok: true, accessToken: token.accessToken };
    } catch (err) {
      const error = err instanceof TokenError ? err : new TokenError('network', 'Token request failed unexpectedly.');
      deps.recovery.tokenFailed(error);
      return { ok: false, code: error.code };
    }
  };
  return Object.assign(handler, { pageStarted: (id: number) => void handed.delete(id) });
}
