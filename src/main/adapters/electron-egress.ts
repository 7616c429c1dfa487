// Applies security/egress.ts to an Electron session: the tenant and Qlik's CDN keep the route the system
// resolves for them (direct or the corporate proxy); every other host goes to the black hole. Set before any
// window loads and before main's first token request (net.fetch uses the same session).
import type { Session } from 'electron';
import type { Log } from '../core/ports';
import { egressHosts, egressPacScript, pacDataUrl } from '../security/egress';

export async function restrictEgress(session: Pick<Session, 'resolveProxy' | 'setProxy'>, tenantHost: string, log: Log): Promise<void> {
  const hosts = egressHosts(tenantHost);
  const route = (await session.resolveProxy(tenantHost)).trim() || 'DIRECT';
  await session.setProxy({ mode: 'pac_script', pacScript: pacDataUrl(egressPacScript(hosts, route)) });
  log.info('network egress limited to the tenant and Qlik\'s CDN', { hosts, route });
}
