// The getAccessToken handler. The identity is main's own (resolved from the OS account at start-up); the
// caller supplies nothing. A failure never rejects into qlik-embed (one rejection poisons every embed on the
// page until reload): main answers { ok: false } and the recovery controller takes over the window.
//
// qlik-embed asks once per page and again only after the tenant refused the token (a REST 401 or a refused
// token exchange). So a second call from the same page, while the broker still holds the token this window
// was given, means that token was refused: the broker mints a fresh one. Any script in the page can call the
// bridge, so that happens at most once per page (and at most once per 30 s, the broker's own rule).
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
  const pages = new Map<number, { token: string; forced: boolean }>(); // per window: its current page's token
  const handler = async (caller: { webContentsId: number }): Promise<TokenResult> => {
    try {
      const page = pages.get(caller.webContentsId);
      const force = page !== undefined && !page.forced;
      const token = await deps.broker.getToken(deps.identity, force ? { rejected: page.token } : {});
      pages.set(caller.webContentsId, { token: token.accessToken, forced: page !== undefined });
      return { ok: true, accessToken: token.accessToken };
    } catch (err) {
      const error = err instanceof TokenError ? err : new TokenError('network', 'Token request failed unexpectedly.');
      deps.recovery.tokenFailed(error);
      return { ok: false, code: error.code };
    }
  };
  return Object.assign(handler, { pageStarted: (id: number) => void pages.delete(id) });
}
