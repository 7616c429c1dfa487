import { describe, expect, it } from 'vitest';
import {
  configPathFromArgv,
  ConfigError,
  defaultPolicyPath,
  defaultUserConfigPath,
  EXAMPLE_CONFIG,
  loadConfig,
} from '../../../../src/main/config';
import type { LoadConfigDeps } from '../../../../src/main/config';
import { expectConfigError, validRaw } from './helpers';

const ELECTRON = ['/opt/Qiosk/qiosk', '.'];

describe('configPathFromArgv', () => {
  it.each<[string[], string | undefined]>([
    [[...ELECTRON], undefined],
    [[...ELECTRON, '--config', '/etc/qiosk/kiosk.json'], '/etc/qiosk/kiosk.json'],
    [[...ELECTRON, '--config=/etc/qiosk/kiosk.json'], '/etc/qiosk/kiosk.json'],
    [[...ELECTRON, '--config=C:\\Qiosk\\a b.json'], 'C:\\Qiosk\\a b.json'],
    [[...ELECTRON, '--enable-logging', '--disable-gpu', '--config', 'rel.json', '--no-sandbox'], 'rel.json'],
    [[...ELECTRON, '--inspect=9229', '--remote-debugging-port=0'], undefined],
    [[...ELECTRON, '--configure', 'x'], undefined],
    [[...ELECTRON, '--', '--config', 'after-terminator.json'], undefined],
  ])('%j → %j', (argv, expected) => {
    expect(configPathFromArgv(argv)).toBe(expected);
  });

  it.each([
    [[...ELECTRON, '--config']],
    [[...ELECTRON, '--config=']],
    [[...ELECTRON, '--config', '--enable-logging']],
    [[...ELECTRON, '--config', '   ']],
  ])('%j without a value is an error', (argv) => {
    const { lines } = expectConfigError(() => configPathFromArgv(argv));
    expect(lines).toEqual(['command line: --config needs a file path, e.g. --config /etc/qiosk/kiosk.json']);
  });

  it('refuses two --config flags rather than guessing', () => {
    expect(() => configPathFromArgv([...ELECTRON, '--config=a.json', '--config', 'b.json'])).toThrow(/more than once/);
  });
});

describe('default paths per OS', () => {
  it.each<[NodeJS.Platform, Record<string, string>, string, string]>([
    ['linux', {}, '/home/ann', '/home/ann/.config/qiosk/config.json'],
    ['linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/ann', '/srv/cfg/qiosk/config.json'],
    ['linux', { XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ann', '/home/ann/.config/qiosk/config.json'],
    ['linux', { XDG_CONFIG_HOME: '' }, '/home/ann', '/home/ann/.config/qiosk/config.json'],
    ['freebsd', {}, '/home/ann', '/home/ann/.config/qiosk/config.json'],
    ['darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ann', '/Users/ann/Library/Application Support/Qiosk/config.json'],
    ['win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann', 'C:\\Users\\ann\\AppData\\Roaming\\Qiosk\\config.json'],
    ['win32', {}, 'C:\\Users\\ann', 'C:\\Users\\ann\\AppData\\Roaming\\Qiosk\\config.json'],
  ])('user config on %s with %j', (platform, env, home, expected) => {
    expect(defaultUserConfigPath(platform, env, home)).toBe(expected);
  });

  // Windows: under the ProgramData known folder the OS reports (policy-file.test.ts), never the environment.
  it.each<[NodeJS.Platform, string | undefined, string]>([
    ['linux', undefined, '/etc/qiosk/policy.json'],
    ['freebsd', undefined, '/etc/qiosk/policy.json'],
    ['darwin', undefined, '/Library/Application Support/Qiosk/policy.json'],
    ['win32', 'D:\\ProgramData', 'D:\\ProgramData\\Qiosk\\policy.json'],
    ['win32', undefined, 'C:\\ProgramData\\Qiosk\\policy.json'],
  ])('policy on %s with the known folder %j', (platform, programData, expected) => {
    expect(defaultPolicyPath(platform, programData)).toBe(expected);
  });
});

describe('loadConfig', () => {
  const files = (map: Record<string, string>) => {
    const reads: string[] = [];
    const readFile = (p: string): Promise<string> => {
      reads.push(p);
      if (p in map) return Promise.resolve(map[p] as string);
      return Promise.reject(Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' }));
    };
    return { readFile, reads };
  };
  // These cases have no machine policy (policy.test.ts has the ones that do): its path is simply absent.
  const NO_POLICY = '/etc/qiosk-test/no-policy.json';
  const deps = (over: Partial<LoadConfigDeps>): LoadConfigDeps => {
    const read = over.readFile ?? (() => Promise.reject(new Error('unexpected read')));
    return {
      argv: ELECTRON,
      platform: 'linux',
      env: {},
      homedir: '/home/ann',
      ...over,
      policyPath: NO_POLICY,
      readFile: (p) => (p === NO_POLICY ? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) : read(p)),
    };
  };

  it('reads the per-user default location', async () => {
    const fs = files({ '/home/ann/.config/qiosk/config.json': JSON.stringify(validRaw()) });
    const loaded = await loadConfig(deps({ readFile: fs.readFile }));
    expect(loaded.configPath).toBe('/home/ann/.config/qiosk/config.json');
    expect(loaded.config.tenant.host).toBe('https://acme.eu.qlikcloud.com');
    expect(fs.reads).toEqual(['/home/ann/.config/qiosk/config.json']);
  });

  it('--config overrides the default location and works with a synchronous reader', async () => {
    const loaded = await loadConfig(
      deps({ argv: [...ELECTRON, '--config=/srv/k.json'], readFile: (p) => (p === '/srv/k.json' ? JSON.stringify(validRaw()) : '') }),
    );
    expect(loaded.configPath).toBe('/srv/k.json');
  });

  it('a missing default file names the path and shows a minimal example', async () => {
    const fs = files({});
    const err = await loadConfig(deps({ platform: 'darwin', homedir: '/Users/ann', readFile: fs.readFile })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    expect(message).toContain('/Users/ann/Library/Application Support/Qiosk/config.json: no configuration file here; create it');
    expect(message).toContain(EXAMPLE_CONFIG);
  });

  it('a missing --config file says to check the flag', async () => {
    const err = await loadConfig(deps({ argv: [...ELECTRON, '--config', '/nope.json'], readFile: files({}).readFile })).catch((e: unknown) => e);
    expect((err as ConfigError).problems).toEqual([
      { source: '/nope.json', path: '', message: 'no configuration file here; check the --config path' },
    ]);
  });

  it.each([
    ['EACCES', /permission denied; let the kiosk user read it/],
    ['EISDIR', /is a folder, not a file/],
    ['EIO', /could not be read \(EIO\)/],
  ])('a read failure %s is a ConfigError naming the path', async (code, pattern) => {
    const readFile = () => Promise.reject(Object.assign(new Error(code), { code }));
    const err = await loadConfig(deps({ readFile })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems[0]?.source).toBe('/home/ann/.config/qiosk/config.json');
    expect((err as ConfigError).message).toMatch(pattern);
  });

  it('invalid JSON and invalid values are reported against the file path', async () => {
    const path = '/home/ann/.config/qiosk/config.json';
    await expect(loadConfig(deps({ readFile: files({ [path]: '{"tenant": }' }).readFile }))).rejects.toThrow(
      `${path}: invalid JSON at line 1, column 12`,
    );
    const bad = { ...validRaw(), renderer: { port: 1 } };
    await expect(loadConfig(deps({ readFile: files({ [path]: JSON.stringify(bad) }).readFile }))).rejects.toThrow(
      `${path}: renderer.port: must be at least 1024`,
    );
  });

  it('does not read any file when argv is invalid', async () => {
    const fs = files({});
    await expect(loadConfig(deps({ argv: [...ELECTRON, '--config'], readFile: fs.readFile }))).rejects.toThrow(/--config needs a file path/);
    expect(fs.reads).toEqual([]);
  });
});
