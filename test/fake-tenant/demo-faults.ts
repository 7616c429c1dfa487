// Faults the demo and preview can play against the fake tenant so anyone can watch the kiosk cope: a tenant
// outage for N seconds, an engine drop, a revoked token, a rate limit. They only trigger the fault; what the
// kiosk does about it is Qiosk's business.
import type { Clock } from '../../src/main/core/ports';
import type { FakeTenant } from './index';

export const FAULT_KINDS = ['outage', 'engine-drop', 'revoke', 'rate-limit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export interface PlayedFault {
  kind: FaultKind;
  /** outage: how long; rate-limit: the Retry-After it sends. */
  seconds: number;
}

/** The key that plays each fault while the demo runs. */
export const FAULT_KEYS: Record<string, FaultKind> = { o: 'outage', e: 'engine-drop', r: 'revoke', l: 'rate-limit' };
const DEFAULT_SECONDS: Record<FaultKind, number> = { outage: 20, 'engine-drop': 0, revoke: 0, 'rate-limit': 30 };
const RATE_LIMITED_REQUESTS = 5;

export const FAULT_HELP = [
  `  o  outage: every tenant request answered 503 and engine connections dropped, for ${DEFAULT_SECONDS.outage} s`,
  '  e  engine drop: the tenant closes every engine connection',
  '  r  revoke: the tenant revokes every token of the demo user and closes their engine connections',
  `  l  rate limit: the next ${RATE_LIMITED_REQUESTS} token requests answered 429, Retry-After ${DEFAULT_SECONDS['rate-limit']} s`,
  '  q  quit (or Ctrl-C)',
].join('\n');

/** "outage", "outage:8", "rate-limit:10", "engine-drop", "revoke"; throws naming what is allowed. */
export function parseFault(text: string): PlayedFault {
  const [kind = '', secs, ...rest] = text.trim().split(':');
  if (!(FAULT_KINDS as readonly string[]).includes(kind) || rest.length > 0) {
    throw new Error(`--fault "${text}": use one of ${FAULT_KINDS.join(', ')}, optionally with seconds, e.g. outage:20`);
  }
  const k = kind as FaultKind;
  if (secs === undefined) return { kind: k, seconds: DEFAULT_SECONDS[k] };
  if (!/^\d{1,4}$/.test(secs) || Number(secs) < 1) throw new Error(`--fault "${text}": the seconds must be a whole number from 1 to 9999`);
  return { kind: k, seconds: Number(secs) };
}

/** Plays the fault now; say() narrates it. Returns a function that ends it early (an outage still running). */
export function playFault(tenant: FakeTenant, fault: PlayedFault, userId: string, clock: Clock, say: (line: string) => void): () => void {
  switch (fault.kind) {
    case 'outage': {
      const f = tenant.addFault({ path: '/*', status: 503, body: 'Service Unavailable (fake outage)', times: 1_000_000_000 });
      const dropped = tenant.closeSockets({ code: 4000, reason: 'fake outage' });
      say(`fault: tenant outage for ${fault.seconds} s — every request answered 503, ${dropped} engine connection(s) dropped`);
      let over = false;
      const end = () => {
        if (over) return;
        over = true;
        tenant.removeFault(f.id);
        say('fault over: the tenant answers again');
      };
      const cancel = clock.setTimeout(end, fault.seconds * 1000);
      return () => {
        cancel();
        end();
      };
    }
    case 'engine-drop':
      say(`fault: engine drop — the tenant closed ${tenant.closeSockets({ code: 4000, reason: 'fake engine drop' })} engine connection(s)`);
      return () => {};
    case 'revoke': {
      // Open engine sessions are closed too, as a session ends when its token is withdrawn: the kiosk's pages
      // must come back with a token the tenant still accepts, which the narration and the screen then show.
      const revoked = tenant.revoke({ userId });
      const dropped = tenant.closeSockets({ userId, code: 4000, reason: 'fake token revocation' });
      say(`fault: revoked ${revoked} token(s) of user ${userId} and closed their ${dropped} engine connection(s) — the kiosk needs a new token to show the dashboards again`);
      return () => {};
    }
    case 'rate-limit':
      tenant.addFault({
        method: 'POST', path: '/oauth/token', status: 429, times: RATE_LIMITED_REQUESTS,
        headers: { 'retry-after': String(fault.seconds) }, body: { errors: [{ code: 'RATE-LIMIT', title: 'Too many requests' }] },
      });
      say(`fault: rate limit — the next ${RATE_LIMITED_REQUESTS} token requests are answered 429 with Retry-After ${fault.seconds} s. ` +
        'The kiosk\'s token is still valid, so the screen changes only when it next asks for one (press r to make it ask now); each refusal is shown here.');
      return () => {};
  }
}
