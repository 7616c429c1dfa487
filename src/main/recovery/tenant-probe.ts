// Is the tenant able to serve the content again? Asked when the content broke for a reason the page cannot
// tell (embeds that never render, engine sessions that went silent) and while an outage lasts. It checks what
// a page needs, in order: qlik-embed's runtime script (the loader gives up silently when it is unreachable or
// not JavaScript), a token, and the tenant accepting that token. A refused token is replaced once (the broker
// limits forced refreshes), so a revoked or expired token heals here. Cheap: two GETs, a mint only when needed.
import type { BrokerIdentity, TokenBroker } from '../auth/token-broker';
import { TokenError } from '../auth/token-errors';
import type { Clock, Http } from '../core/ports';

export type ProbeVerdict = { ok: true } | { ok: false; error: TokenError };
export type TenantProbe = () => Promise<ProbeVerdict>;

export interface TenantProbeDeps {
  host: string;
  http: Http;
  clock: Clock;
  broker: TokenBroker;
  identity: BrokerIdentity;
  timeoutMs: number;
}

/** Where qlik-embed's loader fetches the runtime: `${host}/qlik-embed/main.js` (runtime-module-loader). */
export const runtimeUrl = (host: string) => `${host.replace(/\/+$/, '')}/qlik-embed/main.js`;

/** A GET bounded by the probe's timeout, body read whole (a body that stalls is an outage too). */
async function boundedGet(d: Pick<TenantProbeDeps, 'http' | 'clock' | 'timeoutMs'>, url: string, headers: Record<string, string>, redirect: 'error' | 'follow' = 'error'): Promise<Response> {
  const controller = new AbortController();
  const cancel = d.clock.setTimeout(() => controller.abort(), d.timeoutMs);
  try {
    const res = await d.http(url, { method: 'GET', headers, signal: controller.signal, redirect });
    await res.arrayBuffer();
    return res;
  } catch (err) {
    const why = controller.signal.aborted ? `no answer within ${d.timeoutMs} ms` : err instanceof Error ? err.message : String(err);
    throw new TokenError(controller.signal.aborted ? 'timeout' : 'network', `Cannot reach ${new URL(url).origin} (${why}).`);
  } finally {
    cancel();
  }
}

/** Whether an app is there for the signed-in user: `gone` on the tenant's 403/404 (deleted, or no longer
 * shared with them), `unknown` when the tenant could not say. The page's reports are untrusted and qlik-embed's
 * error events undocumented: only this check (or the page's own object check) marks content as gone. */
export type AppCheck = (appId: string) => Promise<{ verdict: 'ok' | 'gone' | 'unknown'; status?: number }>;

export function createAppCheck(d: TenantProbeDeps): AppCheck {
  return async (appId) => {
    try {
      const token = await d.broker.getToken(d.identity);
      const res = await boundedGet(d, `${d.host.replace(/\/+$/, '')}/api/v1/apps/${encodeURIComponent(appId)}`, { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' });
      if (res.status === 403 || res.status === 404) return { verdict: 'gone', status: res.status };
      return { verdict: res.ok ? 'ok' : 'unknown', status: res.status };
    } catch {
      return { verdict: 'unknown' };
    }
  };
}

export function createTenantProbe(d: TenantProbeDeps): TenantProbe {
  const get = (url: string, headers: Record<string, string>, redirect?: 'error' | 'follow') => boundedGet(d, url, headers, redirect);

  const failed = (error: TokenError): ProbeVerdict => ({ ok: false, error });

  // A whole check is bounded too: a mint can wait on the keychain (an unanswered OS prompt), and a probe that
  // never settles would stop every later diagnosis.
  const deadlineMs = d.timeoutMs * 4;
  return () => {
    let cancel = () => {};
    const deadline = new Promise<ProbeVerdict>((resolve) => {
      cancel = d.clock.setTimeout(() => resolve(failed(new TokenError('timeout', `The tenant check did not finish within ${deadlineMs} ms.`))), deadlineMs);
    });
    return Promise.race([check(), deadline]).finally(() => cancel());
  };

  async function check(): Promise<ProbeVerdict> {
    try {
      const runtime = await get(runtimeUrl(d.host), { accept: '*/*' }, 'follow'); // the page's loader follows too
      if (runtime.status >= 500) return failed(new TokenError('server_error', `The tenant answered ${runtime.status} for qlik-embed's runtime script.`, { status: runtime.status }));
      const type = runtime.headers.get('content-type') ?? '';
      if (runtime.status !== 200 || !/javascript/i.test(type)) {
        return failed(new TokenError('server_error', `qlik-embed's runtime script is not available (HTTP ${runtime.status}, ${type || 'no content type'}).`, { status: runtime.status }));
      }
      let token = await d.broker.getToken(d.identity);
      for (let attempt = 0; ; attempt++) {
        const me = await get(`${d.host.replace(/\/+$/, '')}/api/v1/users/me`, { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' });
        if (me.status === 200) return { ok: true };
        if ((me.status === 401 || me.status === 403) && attempt === 0) {
          token = await d.broker.getToken(d.identity, { rejected: token.accessToken });
          continue;
        }
        if (me.status >= 500) return failed(new TokenError('server_error', `The tenant answered ${me.status} for the signed-in user.`, { status: me.status }));
        return failed(new TokenError('bad_credentials', `The tenant refused a freshly minted token (HTTP ${me.status}) for the signed-in user.`, { status: me.status }));
      }
    } catch (err) {
      return failed(err instanceof TokenError ? err : new TokenError('network', `Tenant check failed: ${String(err)}`));
    }
  }
}
