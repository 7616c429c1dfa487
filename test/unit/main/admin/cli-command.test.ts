import { describe, expect, it } from 'vitest';
import { adminInvocation, installedCommand } from '../../../../src/main/admin/cli-command';

describe('which launches are the admin CLI', () => {
  it.each<[string, string[], boolean, string[] | undefined]>([
    ['installed, a command', ['/opt/Qiosk/qiosk', 'secret', 'check', '--client-id', 'x'], true, ['secret', 'check', '--client-id', 'x']],
    ['installed, the kiosk with switches', ['/opt/Qiosk/qiosk', '--config', 'c.json'], true, undefined],
    ['installed, the kiosk with no arguments', ['/opt/Qiosk/qiosk'], true, undefined],
    ['development, a command after the app path', ['electron', '.', 'key', 'show-public'], false, ['key', 'show-public']],
    ['development: the app path itself is not a command', ['electron', 'secret'], false, undefined],
    ['macOS Finder adds -psn_…, which is not the command', ['/Applications/Qiosk.app/Contents/MacOS/Qiosk', '-psn_0_12345', 'doctor'], true, ['doctor']],
    ['macOS Finder launch of the kiosk', ['/Applications/Qiosk.app/Contents/MacOS/Qiosk', '-psn_0_12345'], true, undefined],
    ['an unknown word starts the kiosk, as before', ['/opt/Qiosk/qiosk', 'frobnicate'], true, undefined],
  ])('%s', (_name, argv, packaged, expected) => {
    expect(adminInvocation(argv, packaged)).toEqual(expected);
  });
});

describe('how messages name the installed command', () => {
  it.each<[NodeJS.Platform, string, Record<string, string>, string]>([
    ['linux', '/opt/Qiosk/qiosk', {}, 'qiosk'],
    ['linux', '/tmp/.mount_QioskX/qiosk', { APPIMAGE: '/home/it/Qiosk-1.0.0.AppImage' }, '"/home/it/Qiosk-1.0.0.AppImage"'],
    ['darwin', '/Applications/Qiosk.app/Contents/MacOS/Qiosk', {}, '"/Applications/Qiosk.app/Contents/MacOS/Qiosk"'],
    ['win32', 'C:\\Program Files\\Qiosk\\Qiosk.exe', {}, '"C:\\Program Files\\Qiosk\\qiosk-admin.cmd"'],
  ])('%s', (platform, execPath, env, expected) => {
    expect(installedCommand(platform, execPath, env)).toBe(expected);
  });
});
