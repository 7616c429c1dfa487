import { describe, expect, it, vi } from 'vitest';
import { createServices, type ServiceDeps } from '../../../../src/main/app/services';
import { startupProblemCode } from '../../../../src/main/app/startup-problem';
import { ConfigError } from '../../../../src/main/config';
import type { HttpInit } from '../../../../src/main/core/ports';
import { IdentityError } from '../../../../src/main/identity';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { FakeClock } from '../../../support/fake-clock';
import { statusView } from '../../../../src/renderer/status-view';
import { trustedPolicy } from '../config/helpers';

const config = {
  tenant: { host: 'https://acme.eu.qlikcloud.com', clientId: 'kiosk-imp' },
  identity: { mode: 'os-user', template: 'CORP\\{username}' },
  content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' }] },
};

function deps(files: Record<string, string>, username = 'alice'): ServiceDeps & { sent: HttpInit[] } {
  const sent: HttpInit[] = [];
  return {
    sent,
    argv: ['electron', '.', '--config', '/etc/q.json'],
    platform: 'linux',
    env: {},
    homedir: '/home/alice',
    readFile: async (p) => {
      if (p in files) return files[p]!;
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    },
    userInfo: () => ({ username }),
    http: async (_url, init) => {
      sent.push(init);
      return new Response(JSON.stringify({ access_token: 'token-from-tenant', token_type: 'bearer', expires_in: 60 }));
    },
    clock: new FakeClock(),
    secrets: { get: vi.fn(async () => 'the-secret-0123456789'), set: vi.fn(), delete: vi.fn() },
    logFor: () => createMemoryLog(),
  };
}

describe('createServices', () => {
  it('mints for the OS user through the configured template, tenant and client', async () => {
    const d = deps({ '/etc/q.json': JSON.stringify(config) });
    const s = await createServices(d);
    expect(s.configPath).toBe('/etc/q.json');
    expect(s.identity).toEqual({ lookup: { field: 'subject', value: 'CORP\\alice' }, cacheKey: 'subject:CORP\\alice' });
    await s.broker.getToken(s.identity);
    expect(JSON.parse(d.sent[0]?.body ?? '')).toMatchObject({ client_id: 'kiosk-imp', user_lookup: { field: 'subject', value: 'CORP\\alice' } });
    expect(d.secrets.get).toHaveBeenCalledWith('kiosk-imp');
  });

  it('refuses a bad config before creating anything', async () => {
    const d = deps({ '/etc/q.json': JSON.stringify({ ...config, tenant: { host: 'http://acme.example', clientId: '' } }) });
    const err = await createServices(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.path)).toEqual(expect.arrayContaining(['tenant.host', 'tenant.clientId']));
    expect(d.secrets.get).not.toHaveBeenCalled();
  });

  it('refuses an OS user the identity settings cannot name', async () => {
    const d = deps({ '/etc/q.json': JSON.stringify({ ...config, identity: { mode: 'map', users: { bob: 'u-2' } } }) }, 'mallory');
    await expect(createServices(d)).rejects.toBeInstanceOf(IdentityError);
  });
});

describe('createServices in an installed (packaged) Qiosk', () => {
  const POLICY = '/etc/qiosk/policy.json';
  const loopbackTenant = { enforced: { ...config, tenant: { host: 'http://127.0.0.1:8443', clientId: 'kiosk-imp' } }, allowedTenantHosts: ['127.0.0.1'] };
  it.each<[string, Record<string, unknown>]>([
    ['no machine policy (the user file names a tenant)', {}],
    ['a policy without allowedTenantHosts', { [POLICY]: { enforced: config } }],
    ['a policy whose tenant is this computer', { [POLICY]: loopbackTenant }],
  ])('%s: refused before anything is created, so nothing is minted; the screen asks IT for the machine policy', async (_what, policyFiles) => {
    const d = { ...deps({ '/etc/q.json': JSON.stringify(config) }), policy: trustedPolicy(policyFiles), packaged: true };
    const err = await createServices(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(startupProblemCode(err)).toBe('machine_policy');
    const v = statusView(`?code=${startupProblemCode(err)}`);
    expect([v.title, v.action]).toEqual(['This screen is not set up yet', 'Please tell IT: this computer needs a valid Qiosk machine policy.']);
    expect(d.secrets.get).not.toHaveBeenCalled();
    expect(d.sent).toEqual([]);
  });

  it('the same loopback policy unpackaged (development, the demo) starts and mints, as before', async () => {
    const d = { ...deps({}), policy: trustedPolicy({ [POLICY]: loopbackTenant }), packaged: false };
    const s = await createServices(d);
    await s.broker.getToken(s.identity);
    expect(d.sent).toHaveLength(1);
  });
});
