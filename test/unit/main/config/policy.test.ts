import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type LoadConfigDeps } from '../../../../src/main/config';
import { parsePolicy, policyWritableProblem, type FileOwnership } from '../../../../src/main/config/policy';
import { validRaw } from './helpers';

const POLICY = '/etc/qiosk/policy.json';
const USER = '/home/ann/.config/qiosk/config.json';
const SAFE: FileOwnership = { uid: 0, mode: 0o100644 };
const SAFE_DIR: FileOwnership = { uid: 0, mode: 0o40755 };

describe('policyWritableProblem (POSIX)', () => {
  it.each<[string, FileOwnership, FileOwnership, number | undefined, boolean]>([
    ['root-owned 644 in a root-owned 755 folder', SAFE, SAFE_DIR, 1000, false],
    ['owned by the kiosk user', { uid: 1000, mode: 0o100644 }, SAFE_DIR, 1000, true],
    ['group-writable', { uid: 0, mode: 0o100664 }, SAFE_DIR, 1000, true],
    ['world-writable', { uid: 0, mode: 0o100646 }, SAFE_DIR, 1000, true],
    ['its folder owned by the kiosk user', SAFE, { uid: 1000, mode: 0o40755 }, 1000, true],
    ['its folder world-writable', SAFE, { uid: 0, mode: 0o40777 }, 1000, true],
    ['its folder world-writable but sticky (like /tmp)', SAFE, { uid: 0, mode: 0o41777 }, 1000, false],
    ['Qiosk running as root, root-owned', SAFE, SAFE_DIR, 0, false],
    ['Windows (no uid): not checked here', { uid: 1000, mode: 0o100666 }, SAFE_DIR, undefined, false],
  ])('%s → refused: %s', (_what, file, dir, uid, refused) => {
    const p = policyWritableProblem(file, dir, uid, POLICY, '/etc/qiosk');
    expect(p !== undefined).toBe(refused);
    if (p) expect(p.message).toContain('sudo chown root:root /etc/qiosk/policy.json /etc/qiosk && sudo chmod 644');
  });
});

describe('parsePolicy', () => {
  it.each<[unknown, RegExp]>([
    [[], /must contain a JSON object/],
    [{ enforce: {} }, /enforce: is not a policy section; use "enforced", "recommended", "allowedTenantHosts"/],
    [{ enforced: [] }, /enforced: must be an object of Qiosk settings/],
    [{ allowedTenantHosts: [] }, /allowedTenantHosts: must be a non-empty list of host names/],
    [{ allowedTenantHosts: ['https://acme.eu.qlikcloud.com'] }, /allowedTenantHosts: must be a non-empty list of host names/],
    [{ extraContentHosts: 'fonts.example.com' }, /^extraContentHosts: must be a list of host names/],
    [{ extraContentHosts: [42] }, /^extraContentHosts\[0\]: must be a host name in double quotes/],
    [{ extraContentHosts: ['https://fonts.example.com'] }, /^extraContentHosts\[0\]: "https:\/\/fonts\.example\.com" is not a bare host name \(no https:\/\/, port or path/],
    [{ extraContentHosts: ['fonts.example.com:8443'] }, /^extraContentHosts\[0\]: .* is not a bare host name/],
    [{ extraContentHosts: ['*.example.com'] }, /^extraContentHosts\[0\]: "\*\.example\.com" has a wildcard; list each host by name/],
    [{ extraContentHosts: ['fonts'] }, /^extraContentHosts\[0\]: "fonts" is not a valid host name/],
    [{ extraContentHosts: ['-bad-.example.com'] }, /is not a valid host name/],
    [{ extraContentHosts: ['203.0.113.7'] }, /^extraContentHosts\[0\]: "203\.0\.113\.7" is an IP address/],
    [{ extraContentHosts: ['[::1]'] }, /is not a bare host name/],
    [{ extraContentHosts: ['kiosk.localhost'] }, /is this machine/],
    [{ extraContentHosts: ['ok.example.com', 'bad host'] }, /^extraContentHosts\[1\]: .* is not a bare host name/],
  ])('%j is refused', (data, message) => {
    const r = parsePolicy(data, POLICY);
    expect(Array.isArray(r)).toBe(true);
    expect((r as { path: string; message: string }[]).map((p) => `${p.path}: ${p.message}`).join('\n')).toMatch(message);
  });

  it.each<[unknown, string[]]>([
    [{}, []],
    [{ extraContentHosts: [] }, []],
    [{ extraContentHosts: ['Fonts.Example.com', 'fonts.example.com', 'static.cdn-1.example.net'] }, ['fonts.example.com', 'static.cdn-1.example.net']],
  ])('%j gives extra content hosts %j', (data, hosts) => {
    expect(parsePolicy(data, POLICY)).toMatchObject({ extraContentHosts: hosts });
  });
});

describe('loadConfig with a machine policy', () => {
  const enoent = (p: string) => Promise.reject(Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' }));
  const load = (files: Record<string, unknown>, over: Partial<LoadConfigDeps> = {}) =>
    loadConfig({
      argv: ['qiosk', '.'], platform: 'linux', env: {}, homedir: '/home/ann', policyPath: POLICY, uid: 1000,
      readFile: (p) => (p in files ? Promise.resolve(typeof files[p] === 'string' ? (files[p] as string) : JSON.stringify(files[p])) : enoent(p)),
      stat: async (p) => (p === POLICY ? SAFE : SAFE_DIR),
      ...over,
    });
  const policy = { enforced: { ...validRaw(), identity: { mode: 'device', lookupField: 'userId', value: 'u-1' } }, recommended: { kiosk: { enabled: true } } };
  const userTrying = {
    tenant: { host: 'https://evil.example.com', clientId: 'stolen' },
    identity: { mode: 'device', lookupField: 'userId', value: 'u-admin' },
    content: { embeds: [{ ui: 'analytics/sheet', appId: 'x', sheetId: 'y' }] },
    kiosk: { enabled: false },
  };

  it('tenant, client, identity and content come only from the policy; other user values still apply; each shadowed value is named once', async () => {
    const loaded = await load({ [POLICY]: policy, [USER]: userTrying });
    expect(loaded.config.tenant).toMatchObject({ host: 'https://acme.eu.qlikcloud.com', clientId: 'abc123' });
    expect(loaded.config.identity).toEqual({ mode: 'device', lookupField: 'userId', value: 'u-1' });
    expect(loaded.config.content.embeds[0]).toMatchObject({ appId: 'app-1' });
    expect(loaded.config.kiosk.enabled).toBe(false); // recommended < user
    expect(loaded.policyPath).toBe(POLICY);
    expect(loaded.shadowed).toEqual([
      `tenant in ${USER} is ignored: with a machine policy it comes only from ${POLICY}`,
      `identity in ${USER} is ignored: with a machine policy it comes only from ${POLICY}`,
      `content in ${USER} is ignored: with a machine policy it comes only from ${POLICY}`,
    ]);
  });

  it('enforced beats the user file, and the override is named', async () => {
    const loaded = await load({ [POLICY]: { enforced: { ...policy.enforced, kiosk: { enabled: true } } }, [USER]: { kiosk: { enabled: false } } });
    expect(loaded.config.kiosk.enabled).toBe(true);
    expect(loaded.shadowed).toEqual([`kiosk.enabled in ${USER} is overridden by the enforced policy in ${POLICY}`]);
  });

  it('needs no user file when a policy exists', async () => {
    const loaded = await load({ [POLICY]: policy });
    expect(loaded.config.tenant.clientId).toBe('abc123');
    expect(loaded.shadowed).toEqual([]);
  });

  it('a policy the kiosk user could change is refused, with the fix, and nothing is applied', async () => {
    const err = await load({ [POLICY]: policy, [USER]: validRaw() }, { stat: async (p) => (p === POLICY ? { uid: 1000, mode: 0o100644 } : SAFE_DIR) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/policy\.json: the kiosk user could change this policy file, so it is refused; make it owned by root/);
  });

  it('names every problem of both files in one pass', async () => {
    const err = await load({ [POLICY]: { enforced: {}, extra: 1 }, [USER]: '{ "tenant": ' }).catch((e: unknown) => e);
    const lines = (err as ConfigError).problems.map((p) => `${p.source}: ${p.path}`);
    expect(lines).toEqual([`${POLICY}: extra`, `${USER}: `]);
  });

  it('a policy without a tenant is reported against the policy, not the user file', async () => {
    const err = await load({ [POLICY]: { enforced: { kiosk: { enabled: true } } }, [USER]: validRaw() }).catch((e: unknown) => e);
    expect((err as ConfigError).problems.map((p) => p.source)).toContain(`${POLICY} (enforced)`);
    expect((err as ConfigError).message).toMatch(/tenant/);
  });

  it('extraContentHosts come only from the policy: a user file cannot add any', async () => {
    expect((await load({ [POLICY]: { ...policy, extraContentHosts: ['fonts.example.com'] } })).extraContentHosts).toEqual(['fonts.example.com']);
    expect((await load({ [USER]: validRaw() }, { policyPath: '/nonexistent/policy.json' })).extraContentHosts).toEqual([]);
    const err = await load({ [USER]: { ...validRaw(), extraContentHosts: ['evil.example'] } }).catch((e: unknown) => e);
    expect((err as ConfigError).message).toMatch(/extraContentHosts: is not a known setting at the top level/);
  });

  it('allowedTenantHosts refuses any other tenant host, naming the policy', async () => {
    const err = await load({ [POLICY]: { ...policy, allowedTenantHosts: ['other.eu.qlikcloud.com'] } }).catch((e: unknown) => e);
    expect((err as ConfigError).message).toContain(`${POLICY}: tenant.host: acme.eu.qlikcloud.com is not in allowedTenantHosts (other.eu.qlikcloud.com)`);
    expect((await load({ [POLICY]: { ...policy, allowedTenantHosts: ['ACME.eu.qlikcloud.com'] } })).config.tenant.host).toBe('https://acme.eu.qlikcloud.com');
  });
});
