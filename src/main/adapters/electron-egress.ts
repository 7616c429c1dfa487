// Applies security/egress.ts to an Electron session: the tenant, Qlik's CDN and map service and the policy's
// extra content hosts keep the route the system resolves for the tenant (direct or the corporate proxy); every
// other host goes to the black hole. Set before any window loads and before main's first token request
// (net.fetch uses the same session).
import type { Session } from 'electron';
import type { Log } from '../core/ports';
import { egressHosts, egressPacScript, pacDataUrl } from '../security/egress';

export async function restrictEgress(session: Pick<Session, 'resolveProxy' | 'setProxy'>, tenantHost: string, extraContentHosts: readonly string[], log: Log): Promise<void> {
  const hosts = egressHosts(tenantHost, extraContentHosts);
  const route = (await session.resolveProxy(tenantHost)).trim() || 'DIRECT';
  await session.setProxy({ mode: 'pac_script', pacScript: pacDataUrl(egressPacScript(hosts, route)) });
  log.info('network egress limited to the tenant, Qlik\'s CDN and maps, and the policy\'s content hosts', { hosts, route });
}
