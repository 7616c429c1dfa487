import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices } from '../../src/main/app/services';
import { systemClock } from '../../src/main/core/ports';
import { createMemoryLog } from '../../src/main/log/logger';
import { demoClient, demoConfig, demoTenantOptions, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from './demo';
import { impersonationBody, postToken } from './helpers';
import { startFakeTenant, type FakeTenant } from './index';

describe('npm run demo: the demo config against the demo client', () => {
  let tenant: FakeTenant;
  beforeAll(async () => void (tenant = await startFakeTenant({ clients: [demoClient('http://localhost:47399')] })));
  afterAll(async () => tenant?.close());

  it('is a valid Qiosk config whose identity mints a token for the demo user, labelled as a loopback (demo) tenant', async () => {
    const config = demoConfig({ tenantUrl: tenant.baseUrl, port: 47399 });
    const stored = new Map([[DEMO_CLIENT_ID, DEMO_CLIENT_SECRET]]);
    const services = await createServices({
      argv: ['electron', '.', '--config', '/demo/config.json'], platform: 'linux', env: {}, homedir: '/home/demo',
      readFile: async (p) => (p === '/demo/config.json' ? JSON.stringify(config) : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))), userInfo: () => ({ username: 'anyone' }) as never,
      http: (url, init) => fetch(url, init), clock: systemClock, logFor: () => createMemoryLog(),
      secrets: {
        get: async (id) => {
          const secret = stored.get(id);
          if (secret === undefined) throw new Error(`no secret for ${id}`);
          return secret;
        },
        set: async () => {}, delete: async () => false },
    });
    const token = await services.broker.getToken(services.identity);
    expect(tenant.tokens().find((t) => t.id === tenant.tokenIdOf(token.accessToken))?.userId).toBe('u-1');
    expect(services.config.renderer.port).toBe(47399);
    expect(tenant.options.clients[0]!.allowedOrigins).toEqual(['http://localhost:47399']);
  });
});

it('the demo tenant\'s tokens each expire their own lifetime after they were minted (its clock moves with real time)', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const tenant = await startFakeTenant(demoTenantOptions('http://localhost:47399'));
  try {
    const mint = async () => expect((await postToken(tenant, { ...impersonationBody(DEMO_CLIENT_SECRET), client_id: DEMO_CLIENT_ID })).status).toBe(200);
    await mint();
    vi.setSystemTime(Date.now() + 25 * 60_000);
    await mint();
    const [first, second] = tenant.tokens().map((t) => Date.parse(t.expiresAt));
    expect(second! - first!).toBe(25 * 60_000);
  } finally {
    vi.useRealTimers();
    await tenant.close();
  }
});
