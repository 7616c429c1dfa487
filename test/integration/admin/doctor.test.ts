// doctor against the fake tenant and the real keychain: a healthy setup passes every check; each broken thing
// fails exactly its check (the checks that need it are skipped, the rest pass), names the fix, and exits non-zero.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatDoctor, runDoctor, type CheckResult, type DoctorDeps } from '../../../src/main/admin/doctor';
import { probeWritable } from '../../../src/main/adapters/probe-writable';
import { nodeMachinePolicy } from '../../../src/main/adapters/machine-policy';
import { systemClock, type SecretStore } from '../../../src/main/core/ports';
import { rendererOrigin } from '../../../src/main/origin/renderer-origin';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { SecretStoreError } from '../../../src/main/secrets/secret-store';
import { startFakeTenant, type FakeTenant } from '../../fake-tenant';
import { impersonationClient } from '../../fake-tenant/demo';
import { makeCanary } from '../../support/canary';
import { REPO, TSX, describeWithKeyring, exec } from '../secrets/keyring-env';

const CLIENT = `doctor-${process.pid}`;
const PORT = 47399;

describeWithKeyring('doctor against the fake tenant', () => {
  const secret = makeCanary();
  const store = createKeytarStore();
  const keys = createKeytarStore(undefined, { credential: 'key' });
  let tenant: FakeTenant;
  let dir = '';
  const outputs: string[] = [];

  beforeAll(async () => {
    tenant = await startFakeTenant({ clients: [impersonationClient(CLIENT, secret, rendererOrigin(PORT))] });
    await store.set(CLIENT, secret);
    dir = mkdtempSync(path.join(process.env['QIOSK_KEYRING_ROOT'] ?? os.tmpdir(), 'doctor-'));
  });
  afterAll(async () => {
    await tenant?.close();
    await store.delete(CLIENT).catch(() => false);
  });

  function config(o: { host?: string; user?: string; port?: number } = {}): string {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({
      tenant: { host: o.host ?? tenant.baseUrl, clientId: CLIENT },
      identity: { mode: 'device', lookupField: 'userId', value: o.user ?? 'u-1' },
      content: { embeds: [{ ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' }] },
      renderer: { port: o.port ?? PORT },
    }));
    return file;
  }

  async function doctor(change: Partial<DoctorDeps> & { configFile?: string } = {}): Promise<CheckResult[]> {
    const results = await runDoctor({
      config: { platform: process.platform, env: process.env, homedir: dir, readFile: (p) => import('node:fs/promises').then((f) => f.readFile(p, 'utf8')), policy: nodeMachinePolicy() },
      configPath: change.configFile ?? config(), policyPath: path.join(dir, 'no-policy.json'), packaged: false,
      secrets: store, keys, http: (u, i) => fetch(u, i), clock: systemClock, userInfo: () => os.userInfo(),
      logDir: path.join(dir, 'logs'), probeWritable, networkNote: 'direct',
      ...change,
    });
    outputs.push(formatDoctor(results), JSON.stringify(results));
    return results;
  }
  const failed = (rs: CheckResult[]) => rs.filter((r) => r.ok === false).map((r) => r.id);

  it('a healthy setup passes every check (displays are the installed app\'s to check)', async () => {
    const rs = await doctor();
    expect(rs.map((r) => [r.id, r.ok])).toEqual([
      ['config', true], ['keychain', true], ['credential', true], ['identity', true], ['tenant', true], ['clock', true],
      ['mint', true], ['user', true], ['origin', true], ['displays', 'skipped'], ['logs', true],
    ]);
    expect(formatDoctor(rs)).toMatch(/Every check passed\.\n$/);
  });

  const locked: SecretStore = { get: async (account) => { throw new SecretStoreError('keychain_locked', { operation: 'get', account, platform: 'linux' }); }, set: async () => {}, delete: async () => false };
  const empty: SecretStore = { get: async (account) => { throw new SecretStoreError('secret_missing', { operation: 'get', account }); }, set: async () => {}, delete: async () => false };
  const wrong: SecretStore = { get: async () => `${secret}-rotated`, set: async () => {}, delete: async () => false };
  const skewed = { now: () => Date.now() + 10 * 60_000, setTimeout: systemClock.setTimeout };

  it.each<[string, () => Partial<DoctorDeps> & { configFile?: string }, string, RegExp]>([
    ['a locked keychain', () => ({ secrets: locked }), 'keychain', /unlock the kiosk user's login keychain/],
    ['no secret stored', () => ({ secrets: empty }), 'credential', new RegExp(`npm run admin -- secret set --client-id ${CLIENT}`)],
    ['a wrong secret', () => ({ secrets: wrong }), 'mint', new RegExp(`store the client's current secret: npm run admin -- secret set --client-id ${CLIENT}`)],
    ['a user Qlik does not have', () => ({ configFile: config({ user: 'u-404' }) }), 'user', /create the user in Qlik Cloud/],
    ['a disabled user', () => ({ configFile: config({ user: 'u-3' }) }), 'user', /reactivate the user in the Qlik console/],
    ['an origin the OAuth client does not allow', () => ({ configFile: config({ port: 47001 }) }), 'origin', /add http:\/\/localhost:47001 to the OAuth client's Allowed Origins/],
    ['an unreachable tenant', () => ({ configFile: config({ host: 'http://127.0.0.1:9' }) }), 'tenant', /check the network, the firewall and the proxy settings/],
    ['a clock 10 minutes fast', () => ({ clock: skewed }), 'clock', /turn on network time/],
    ['no display for the configured screen', () => ({ displays: () => [] }), 'displays', /connect and switch on the displays/],
    ['a log folder that cannot be made', () => {
      writeFileSync(path.join(dir, 'a-file'), '');
      return { logDir: path.join(dir, 'a-file', 'logs') };
    }, 'logs', /let the kiosk user create and write this folder/],
    ['a machine policy others can write', () => {
      const policy = path.join(dir, 'policy-open.json');
      writeFileSync(policy, JSON.stringify({ enforced: { tenant: { host: tenant.baseUrl, clientId: CLIENT } } }));
      chmodSync(policy, 0o666);
      return { policyPath: policy };
    }, 'config', /fix the machine policy/],
  ])('%s: fails that check alone, with its fix', async (_name, change, id, fix) => {
    const rs = await doctor(change());
    expect(failed(rs)).toEqual([id]);
    expect(rs.find((r) => r.id === id)?.fix).toMatch(fix);
    expect(formatDoctor(rs)).toMatch(/1 check\(s\) failed\.\n$/);
  });

  it('as IT runs it: exit 0 when healthy, 1 when something fails; the secret never printed', async () => {
    const cli = (file: string) => exec(TSX[0], [...TSX.slice(1), path.join(REPO, 'src/main/admin-cli.ts'), 'doctor', file, '--json'], { env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg') } });
    const ok = await cli(config());
    const bad = await cli(config({ user: 'u-404' }));
    outputs.push(ok.stdout, ok.stderr, bad.stdout, bad.stderr);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { data: { checks: CheckResult[] } }).data.checks.filter((c) => c.ok === false)).toEqual([]);
    expect(bad.code).toBe(1);
    for (const o of outputs) expect(o).not.toContain(secret);
  });
});
