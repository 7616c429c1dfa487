import { session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { restrictEgress } from '../../../../src/main/adapters/electron-egress';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { BLACK_HOLE, egressHosts, egressPacScript } from '../../../../src/main/security/egress';

/** Runs a PAC script as Chromium would, for one URL. */
function route(pac: string, url: string): string {
  const find = new Function(`${pac}\nreturn FindProxyForURL;`)() as (url: string, host: string) => string;
  return find(url, new URL(url).hostname);
}

const TENANT = 'https://acme.eu.qlikcloud.com';

describe('egress PAC: only the tenant and Qlik\'s CDN and maps leave, with the system\'s route', () => {
  const pac = egressPacScript(egressHosts(TENANT), 'PROXY corp.example:8080; DIRECT');
  it.each([
    [`${TENANT}/oauth/token`, 'PROXY corp.example:8080; DIRECT'],
    ['https://ACME.eu.qlikcloud.com/api', 'PROXY corp.example:8080; DIRECT'],
    ['https://cdn.qlikcloud.com/qlik-embed/x.js', 'PROXY corp.example:8080; DIRECT'],
    ['https://maps.qlikcloud.com/ravegeo/tiles/3/4/2.png', 'PROXY corp.example:8080; DIRECT'],
    ['https://fonts.example.com/x.woff2', BLACK_HOLE],
    ['https://sub.maps.qlikcloud.com/', BLACK_HOLE],
    ['https://evil.example/?t=token', BLACK_HOLE],
    ['https://acme.eu.qlikcloud.com.evil.example/', BLACK_HOLE],
    ['http://6671745f.frame.exfil.test/', BLACK_HOLE],
    ['https://other.eu.qlikcloud.com/', BLACK_HOLE],
  ])('%s → %s', (url, expected) => expect(route(pac, url)).toBe(expected));

  it.each<[string, string[] | undefined, string[]]>([
    // Before map charts: the tenant and cdn.qlikcloud.com only.
    ['without a policy: maps.qlikcloud.com is the one host added', undefined, ['maps.qlikcloud.com']],
    ['with the policy\'s content hosts: those too, lower-cased, once each', ['Fonts.Example.com', 'cdn.qlikcloud.com'], ['maps.qlikcloud.com', 'fonts.example.com']],
  ])('allowed hosts %s', (_name, extra, added) => {
    const before = ['acme.eu.qlikcloud.com', 'cdn.qlikcloud.com'];
    const hosts = egressHosts(TENANT, extra);
    expect(hosts.slice(0, 2)).toEqual(before);
    expect(hosts.slice(2)).toEqual(added);
    const routed = egressPacScript(hosts, 'DIRECT');
    for (const h of hosts) expect(route(routed, `https://${h}/`)).toBe('DIRECT');
    expect(route(routed, 'https://any-other.example.org/')).toBe(BLACK_HOLE);
  });

  it('the black hole is a privileged loopback port, which no unprivileged account can listen on', () => {
    expect(BLACK_HOLE).toMatch(/^PROXY 127\.0\.0\.1:([1-9]\d{0,2})$/);
    expect(Number(BLACK_HOLE.split(':')[1])).toBeLessThan(1024);
  });

  it('refuses a route that is not a PAC result (it would be pasted into the script)', () => {
    expect(() => egressPacScript(['a.example'], 'DIRECT"; return "DIRECT')).toThrow(/not a PAC result/);
  });

  it('the Electron adapter keeps the system\'s route for the tenant and sets the PAC on the session', async () => {
    vi.mocked(session.defaultSession.resolveProxy).mockResolvedValueOnce('PROXY corp.example:3128');
    await restrictEgress(session.defaultSession, TENANT, ['fonts.example.com'], createMemoryLog());
    expect(session.defaultSession.resolveProxy).toHaveBeenCalledWith(TENANT);
    const { mode, pacScript } = vi.mocked(session.defaultSession.setProxy).mock.calls.at(-1)![0] as { mode: string; pacScript: string };
    expect(mode).toBe('pac_script');
    const script = Buffer.from(pacScript.split(',')[1]!, 'base64').toString();
    expect(route(script, `${TENANT}/x`)).toBe('PROXY corp.example:3128');
    expect(route(script, 'https://fonts.example.com/x.woff2')).toBe('PROXY corp.example:3128');
    expect(route(script, 'https://evil.example/')).toBe(BLACK_HOLE);
  });
});
