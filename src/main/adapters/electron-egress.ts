// Binds security/egress.ts and the egress gate to Electron sessions: every session's traffic goes to the gate
// (set before any window loads and before main's first token request: net.fetch uses the same session), and
// the gate learns, once the config is known, which hosts may pass and the route the system gives each of them
// (direct or the corporate proxy), asked of a session that keeps the system's proxy settings.
import type { Session } from 'electron';
import type { Log } from '../core/ports';
import { egressTargets, gateProxySettings, parseRoute, type EgressRule } from '../security/egress';
import type { EgressGate } from './egress-gate';

export async function routeThroughGate(session: Pick<Session, 'setProxy'>, gate: Pick<EgressGate, 'port'>): Promise<void> {
  await session.setProxy(gateProxySettings(gate.port));
}

/** The gate's allowlist for this config: each allowed host with the route the system resolves for it. */
export async function egressRules(systemProxy: Pick<Session, 'resolveProxy'>, tenantHost: string, extraContentHosts: readonly string[], log: Log): Promise<EgressRule[]> {
  return Promise.all(egressTargets(tenantHost, extraContentHosts).map(async (t) => {
    const url = `${t.port === 80 ? 'http' : 'https'}://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}/`;
    const pac = (await systemProxy.resolveProxy(url).catch(() => 'DIRECT')).trim() || 'DIRECT';
    const route = parseRoute(pac);
    if (!route) log.warn('the system proxy route for an allowed host is not an HTTP proxy or DIRECT; the gate connects directly', { host: t.host, route: pac });
    return { ...t, route: route ?? { kind: 'direct' } };
  }));
}
