import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText, resolveConfig, type LoadConfigDeps } from '../../../../src/main/config';
import { EXAMPLE_POLICY, parsePolicy } from '../../../../src/main/config/policy';
import type { MachinePolicyAccess } from '../../../../src/main/config/policy-file';
import { trustedPolicy, validRaw } from './helpers';

const POLICY = '/etc/qiosk/policy.json';
const USER = '/home/ann/.config/qiosk/config.json';
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
      argv: ['qiosk', '.'], platform: 'linux', env: {}, homedir: '/home/ann', policy: trustedPolicy(files),
      readFile: (p) => (p in files && p !== POLICY ? Promise.resolve(typeof files[p] === 'string' ? (files[p] as string) : JSON.stringify(files[p])) : enoent(p)),
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
    expect(loaded.config.playlists['main']!.slides[0]!.embeds[0]).toMatchObject({ appId: 'app-1' });
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

  const wall = {
    screens: [{ id: 'lobby', display: 'primary', schedule: 'lobby' }],
    playlists: { sales: { slides: [{ embeds: [{ ui: 'analytics/sheet', appId: 'app-9', sheetId: 'sheet-9' }] }] } },
    schedules: { lobby: { rules: [{ days: ['mon'], from: '07:00', to: '19:00', show: 'sales' }], otherwise: 'off' } },
  };
  const policyWithoutContent = { ...policy.enforced, content: undefined }; // written as JSON: no content key

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string, string, string[]]>([
    ['a wall in the user file is ignored: the policy\'s content shows', policy.enforced, wall, 'main', 'app-1', ['screens', 'playlists', 'schedules']],
    ['a wall in the policy shows; the user\'s content cannot replace it', { ...policyWithoutContent, ...wall }, { content: userTrying.content }, 'lobby', 'app-9', ['content']],
  ])('screens, playlists and schedules are policy-only, as content is: %s', async (_, enforced, user, screen, appId, ignored) => {
    const loaded = await load({ [POLICY]: { enforced }, [USER]: user });
    expect(loaded.config.screens.map((s) => s.id)).toEqual([screen]);
    expect(Object.values(loaded.config.playlists)[0]!.slides[0]!.embeds[0]).toMatchObject({ appId });
    expect(loaded.shadowed).toEqual(ignored.map((k) => `${k} in ${USER} is ignored: with a machine policy it comes only from ${POLICY}`));
  });

  it('a policy the kiosk user could change is refused, with the fix, and nothing is applied (not even the user file)', async () => {
    const untrusted: MachinePolicyAccess = {
      defaultPath: async () => POLICY,
      read: async () => ({ problems: [{ source: POLICY, path: '', message: 'this policy file is owned by user id 1000, not root', machinePolicy: true }] }),
    };
    const err = await load({ [USER]: validRaw() }, { policy: untrusted }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain(`${POLICY}: this policy file is owned by user id 1000, not root`);
    expect((err as ConfigError).problems).toHaveLength(1);
  });

  it('the policy is where the OS says (Windows: the known folder), unless a path is given', async () => {
    const at = 'D:\\ProgramData\\Qiosk\\policy.json';
    expect((await load({}, { platform: 'win32', policy: trustedPolicy({ [at]: policy }, at) })).policyPath).toBe(at);
    const lost: MachinePolicyAccess = { defaultPath: () => Promise.reject(new Error('PowerShell is missing')), read: async () => ({ missing: true }) };
    const err = await load({ [USER]: validRaw() }, { policy: lost, packaged: false }).catch((e: unknown) => e);
    expect((err as ConfigError).problems).toEqual([{ source: POLICY, path: '', machinePolicy: true, message: "the machine policy's folder could not be found (PowerShell is missing)" }]);
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

describe('an installed (packaged) Qiosk and the machine policy', () => {
  const enoent = (p: string) => Promise.reject(Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' }));
  const load = (files: Record<string, unknown>, packaged: boolean, over: Partial<LoadConfigDeps> = {}) =>
    loadConfig({
      argv: ['qiosk', '.'], platform: 'linux', env: {}, homedir: '/home/ann', policy: trustedPolicy(files), packaged,
      readFile: (p) => (p in files && p !== POLICY ? Promise.resolve(JSON.stringify(files[p])) : enoent(p)),
      ...over,
    });
  const problemsOf = async (p: Promise<unknown>) => {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  };
  const enforced = { ...validRaw(), identity: { mode: 'device', lookupField: 'userId', value: 'u-1' } };
  const loopback = (host: string, allowed = new URL(host).hostname) => ({ enforced: { ...enforced, tenant: { host, clientId: 'abc123' } }, allowedTenantHosts: [allowed] });

  it('without a policy: refused with one problem naming the path and the fix, whatever the user file says', async () => {
    const err = await load({ [USER]: validRaw() }, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const [problem, ...rest] = (err as ConfigError).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ source: POLICY, path: '', machinePolicy: true });
    expect(problem!.message).toMatch(/^there is no machine policy here, and an installed Qiosk starts only with one\. IT must install it owned by root/);
    expect(problem!.message).toContain('sudo mkdir -p -m 755 /etc/qiosk && sudo install -o root -m 644 policy.json /etc/qiosk/policy.json');
    expect(problem!.message).toContain('"allowedTenantHosts"');
    expect((err as ConfigError).message).toContain(EXAMPLE_POLICY); // the log shows IT a policy to start from
  });

  it('without a policy on Windows: points IT at the folder the installer made', async () => {
    const at = 'C:\\ProgramData\\Qiosk\\policy.json';
    const [problem] = await problemsOf(load({}, true, { platform: 'win32', policy: trustedPolicy({}, at) }));
    expect(problem!.source).toBe(at);
    expect(problem!.message).toContain('in the Qiosk folder the installer created (C:\\ProgramData\\Qiosk: Administrators and SYSTEM may change it, Users only read it)');
  });

  it('a policy without allowedTenantHosts: refused, naming the setting', async () => {
    expect(await problemsOf(load({ [POLICY]: { enforced } }, true))).toEqual([expect.objectContaining({
      source: POLICY, path: 'allowedTenantHosts', machinePolicy: true, message: expect.stringMatching(/^is missing; an installed Qiosk starts only when the policy lists the tenant hosts/),
    })]);
  });

  it.each<[string, string | undefined]>([
    ['http://127.0.0.1:8443', undefined], ['http://localhost:8443', undefined], ['https://127.9.9.9', undefined],
    ['https://[::1]:8443', 'acme.eu.qlikcloud.com'], // (an allowlist cannot name [::1]: the loopback rule speaks first)
  ])('a loopback tenant %s: refused, even when the policy allows it', async (host, allowed) => {
    const [problem, ...rest] = await problemsOf(load({ [POLICY]: loopback(host, allowed) }, true));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ source: POLICY, path: 'tenant.host', machinePolicy: true });
    expect(problem!.message).toMatch(/is this computer; an installed Qiosk never sends its client secret to a loopback address/);
  });

  it('a complete policy with a real tenant starts', async () => {
    const loaded = await load({ [POLICY]: { enforced, allowedTenantHosts: ['acme.eu.qlikcloud.com'] }, [USER]: { kiosk: { enabled: false } } }, true);
    expect(loaded.config.tenant.host).toBe('https://acme.eu.qlikcloud.com');
    expect(loaded.policyPath).toBe(POLICY);
  });

  it('a policy it cannot trust: that problem alone (not also "no policy")', async () => {
    const untrusted: MachinePolicyAccess = { defaultPath: async () => POLICY, read: async () => ({ problems: [{ source: POLICY, path: '', message: 'owned by user id 1000', machinePolicy: true }] }) };
    expect((await problemsOf(load({}, true, { policy: untrusted }))).map((p) => p.message)).toEqual(['owned by user id 1000']);
  });

  it('no machine-policy access at all (a wiring mistake) counts as no policy: refused', async () => {
    const [problem] = await problemsOf(load({ [USER]: validRaw() }, true, { policy: undefined }));
    expect(problem).toMatchObject({ source: POLICY, machinePolicy: true });
  });

  it('unpackaged (development, the demo): today\'s behaviour, none of these rules', async () => {
    expect((await load({ [USER]: validRaw() }, false)).config.tenant.host).toBe('https://acme.eu.qlikcloud.com');
    expect((await load({ [POLICY]: { enforced } }, false)).policyPath).toBe(POLICY);
    expect((await load({ [POLICY]: loopback('http://127.0.0.1:8443') }, false)).config.tenant.host).toBe('http://127.0.0.1:8443');
  });

  it('the example policy in the log is one an installed Qiosk starts with', async () => {
    const parsed = parsePolicy(parseConfigText(EXAMPLE_POLICY, 'example'), 'example');
    expect(Array.isArray(parsed)).toBe(false);
    expect(resolveConfig([{ name: 'policy', source: 'example', data: (parsed as { enforced: unknown }).enforced }]).tenant.host).toBe('https://your-tenant.eu.qlikcloud.com');
    expect((await load({ [POLICY]: JSON.parse(EXAMPLE_POLICY) as unknown }, true)).config.tenant.clientId).toBe('YOUR-OAUTH-CLIENT-ID');
  });
});
