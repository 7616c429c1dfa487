// Keeps the windows showing either working content or a status screen, never broken embeds. The screens load
// their content at once; this first check runs beside it (tenant-probe.ts: runtime script, token, token
// accepted: the page's own token request joins the same mint), and a tenant that cannot serve the content
// replaces it with the status screen. While it cannot, the status screen stays and the tenant is probed again: when the broker's back-off allows for token
// failures (1 s doubling to 60 s, or 60 s for failures an admin must fix, each shortened by up to half at random;
// after a 429 Retry-After or that back-off if longer, lengthened by up to half, at most 30 s: token-broker.ts), otherwise from 2 s
// doubling to 20 s with jitter (a fleet does not probe in step, and content is back within ~20 s of the fix).
// Then it brings the content back by itself. A transient cause that outlasts ESCALATE_AFTER_MS (a host that
// never resolves, a tenant that keeps failing) is shown as IT's to fix: the screen stops promising it passes.
import type { StatusInfo } from '../../shared/ipc-contract';
import type { BrokerIdentity, TokenBroker } from '../auth/token-broker';
import type { TokenError } from '../auth/token-errors';
import type { Clock, Log } from '../core/ports';
import type { TenantProbe } from './tenant-probe';

export interface RecoveryView {
  showContent(): void;
  showStatus(info: StatusInfo): void;
}

export interface TokenRecovery {
  /** Probes, then confirms the content (already loading: no reload) or shows the status screen and keeps probing. */
  start(): Promise<void>;
  /** The bridge could not get a token: show the status screen and recover. */
  tokenFailed(error: TokenError): void;
  /** The content broke and the tenant probe failed: show the status screen and recover. */
  tenantDown(error: TokenError): void;
  /** Every embed works again: only now does the probe back-off start over (a flapping tenant gets no faster
   * status↔content loop than the back-off allows). */
  contentWorks(): void;
  readonly state: 'idle' | 'content' | 'recovering';
  stop(): void;
}

export const PROBE_FIRST_MS = 2_000;
export const PROBE_MAX_MS = 20_000;
/** A cause IT must fix (a refused user, a wrong secret) is probed once a minute: a fix still heals by itself,
 * and a fleet does not mint a token every few seconds against a tenant that keeps refusing it. */
export const ADMIN_FIX_PROBE_MS = 60_000;
/** Longer than Qlik Cloud's usual blips and a router restart; short enough that a mistyped host is not shown
 * as "reconnecting" all day. */
export const ESCALATE_AFTER_MS = 5 * 60_000;

export function createTokenRecovery(deps: {
  broker: TokenBroker; identity: BrokerIdentity; probe: TenantProbe; clock: Clock; view: RecoveryView; log: Log; random?: () => number;
}): TokenRecovery {
  const { broker, identity, clock, view, log } = deps;
  const random = deps.random ?? Math.random;
  let state: TokenRecovery['state'] = 'idle';
  let cancelProbe: (() => void) | undefined;
  let stopped = false;
  let since: number | undefined;
  let streak = 0;
  let escalated = false;
  let inflight: Promise<void> | undefined;

  function recovering(error: TokenError) {
    const base = error.transient ? Math.min(PROBE_MAX_MS, PROBE_FIRST_MS * 2 ** Math.min(streak, 10)) : ADMIN_FIX_PROBE_MS;
    const backoff = Math.round(base * (0.8 + random() * 0.4));
    streak++;
    const retryAt = Math.max(broker.retryAt(identity) ?? 0, clock.now() + backoff);
    const entering = state !== 'recovering';
    state = 'recovering';
    if (entering) {
      since = clock.now();
      escalated = false;
    }
    const lasting = error.transient && since !== undefined && clock.now() - since >= ESCALATE_AFTER_MS;
    view.showStatus({ code: error.code, message: error.message, retryAt, ...(since === undefined ? {} : { since }), ...(lasting ? { escalated: true } : {}) });
    if (entering) log.warn('showing the status screen until the tenant can serve the content', { code: error.code, detail: error.message });
    if (lasting && !escalated) log.error('the tenant has been unreachable or failing for too long: IT must look', { code: error.code, detail: error.message, forMs: clock.now() - since! });
    escalated = lasting;
    cancelProbe?.();
    cancelProbe = clock.setTimeout(() => void probe(), Math.max(0, retryAt - clock.now()));
  }

  /** One probe at a time: a probe asked for while one runs joins it; a scheduled one is replaced. */
  function probe(): Promise<void> {
    cancelProbe?.();
    cancelProbe = undefined;
    inflight ??= runProbe().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function runProbe(): Promise<void> {
    if (stopped) return;
    const verdict = await deps.probe();
    if (stopped) return;
    if (!verdict.ok) return recovering(verdict.error);
    const was = state;
    state = 'content';
    view.showContent();
    if (was === 'recovering') log.info('the tenant serves the content again; showing it', { outageMs: since === undefined ? undefined : clock.now() - since });
  }

  const enter = (error: TokenError) => {
    if (state !== 'recovering' && !stopped) recovering(error);
  };
  return {
    start: probe,
    tokenFailed: enter,
    tenantDown: enter,
    contentWorks() {
      streak = 0;
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
