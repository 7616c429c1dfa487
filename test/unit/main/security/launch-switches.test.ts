import { describe, expect, it } from 'vitest';
import { dangerousEnvironment, dangerousSwitches, launchRefusal } from '../../../../src/main/security/launch-switches';

const EXE = '/opt/Qiosk/qiosk';

// One row per distinct way Chromium parses a command line (base/command_line.cc), not per deny-listed name.
describe('dangerousSwitches: what Chromium would honour', () => {
  it.each<[string, NodeJS.Platform, string[], string[]]>([
    ['a plain switch', 'linux', ['--remote-debugging-port'], ['--remote-debugging-port']],
    ['--name=value: reported without its value (it may hold a password)', 'linux', ['--proxy-server=http://u:pw@proxy:8080'], ['--proxy-server']],
    ['a single dash is a switch prefix too', 'linux', ['-ignore-certificate-errors'], ['-ignore-certificate-errors']],
    ['a slash is a switch prefix on Windows', 'win32', ['/host-resolver-rules=MAP * 1.2.3.4'], ['/host-resolver-rules']],
    ['a slash is a path elsewhere', 'linux', ['/host-resolver-rules=MAP * 1.2.3.4'], []],
    ['Windows lower-cases switch names', 'win32', ['--Remote-Debugging-PORT=9222'], ['--Remote-Debugging-PORT']],
    ['elsewhere names are case-sensitive (Chromium ignores this one)', 'linux', ['--Remote-Debugging-Port=9222'], []],
    ['Chromium trims white space around an argument first', 'linux', ['  --no-sandbox\t'], ['--no-sandbox']],
    ['everything after a bare -- is an argument', 'linux', ['--', '--remote-debugging-port=9222'], []],
    ['a bare -- with white space still ends the switches', 'win32', [' -- ', '--no-sandbox'], []],
    ['switches before -- still count', 'linux', ['--js-flags=--allow-natives-syntax', '--', 'x'], ['--js-flags']],
    ['Node\'s inspector (in case the fuse is off)', 'linux', ['--inspect-brk=0.0.0.0:9229'], ['--inspect-brk']],
    ['our own --config is allowed', 'linux', ['--config', '/etc/qiosk/kiosk.json'], []],
    ['a value that merely contains a dangerous name', 'linux', ['--config=/x/--proxy-server.json'], []],
    ['a file argument that merely contains one', 'win32', ['--config', 'C:\\x\\--proxy-server.json'], []],
    ['a switch given as --config\'s value is still a switch to Chromium', 'linux', ['--config', '--proxy-server=x:1'], ['--proxy-server']],
    ['a longer name that starts with a dangerous one is another switch', 'linux', ['--user-data-dir-backup', '--inspector'], []],
    ['a prefix alone is no switch', 'win32', ['-', '/', '--='], []],
    ['the program itself (argv[0]) is never read', 'linux', [], []],
    ['harmless Chromium switches pass', 'linux', ['--enable-logging', '--lang=de', '--disable-http-cache', '--force-device-scale-factor=1'], []],
    ['several are all named, in order', 'linux', ['--user-data-dir=/tmp/q', '--kiosk', '--v=1', '--disable-web-security'], ['--user-data-dir', '--v', '--disable-web-security']],
  ])('%s (%s)', (_name, platform, args, expected) => {
    expect(dangerousSwitches([EXE, ...args], platform)).toEqual(expected);
  });

  it('the program path is not read even when it looks like a switch', () => {
    expect(dangerousSwitches(['--no-sandbox'], 'linux')).toEqual([]);
  });
});

describe('dangerousEnvironment', () => {
  it.each<[string, NodeJS.Platform, Record<string, string | undefined>, string[]]>([
    ['SSLKEYLOGFILE writes TLS keys (Chromium\'s network service reads it)', 'linux', { SSLKEYLOGFILE: '/tmp/keys' }, ['SSLKEYLOGFILE']],
    ['empty, it writes nothing', 'linux', { SSLKEYLOGFILE: '' }, []],
    ['Windows names are case-insensitive', 'win32', { SslKeyLogFile: 'C:\\k.txt' }, ['SslKeyLogFile']],
    ['elsewhere another case is another variable', 'linux', { sslkeylogfile: '/tmp/keys' }, []],
    ['ordinary variables pass', 'linux', { HOME: '/home/k', https_proxy: 'http://proxy:3128' }, []],
  ])('%s', (_name, platform, env, expected) => {
    expect(dangerousEnvironment(env, platform)).toEqual(expected);
  });
});

describe('launchRefusal: the line for IT', () => {
  it('names each switch and variable, why, that installed builds refuse them, and the fix', () => {
    const line = launchRefusal([EXE, '--remote-debugging-port=9222', '--proxy-server=http://u:pw@p:1'], { SSLKEYLOGFILE: '/tmp/k' }, 'linux')!;
    expect(line).toContain('--remote-debugging-port (remote debugging)');
    expect(line).toContain('--proxy-server (bypasses the egress gate)');
    expect(line).toContain('SSLKEYLOGFILE (writes TLS keys to a file)');
    expect(line).toMatch(/installed Qiosk refuses/);
    expect(line).toMatch(/remove the switches from the shortcut, service or script that starts Qiosk/);
    expect(line).toMatch(/unset the variable/);
    expect(line).not.toContain('pw@'); // switch values stay out of the log
    expect(line).not.toContain('\n');
  });

  it('is undefined for a clean start', () => {
    expect(launchRefusal([EXE, '--config', '/etc/qiosk/kiosk.json'], { HOME: '/home/k' }, 'linux')).toBeUndefined();
  });
});
