import { describe, expect, it } from 'vitest';
import { currentOsUser, IdentityError } from '../../../../src/main/identity';
import type { OsUserDeps } from '../../../../src/main/identity';

const userInfo = (username: string) => () => ({ username });

describe('currentOsUser', () => {
  it.each<[string, OsUserDeps, object]>([
    ['windows domain account', { userInfo: userInfo('ann'), env: { USERDOMAIN: 'CORP', COMPUTERNAME: 'KIOSK-07' }, platform: 'win32' }, { username: 'ann', domain: 'CORP' }],
    ['windows local account (USERDOMAIN = computer name)', { userInfo: userInfo('kiosk'), env: { USERDOMAIN: 'KIOSK-07', COMPUTERNAME: 'kiosk-07' }, platform: 'win32' }, { username: 'kiosk' }],
    ['windows without USERDOMAIN', { userInfo: userInfo('ann'), env: {}, platform: 'win32' }, { username: 'ann' }],
    ['windows blank USERDOMAIN', { userInfo: userInfo('ann'), env: { USERDOMAIN: ' ' }, platform: 'win32' }, { username: 'ann' }],
    ['linux ignores USERDOMAIN', { userInfo: userInfo('ann'), env: { USERDOMAIN: 'CORP' }, platform: 'linux' }, { username: 'ann' }],
    ['macOS ignores USERDOMAIN', { userInfo: userInfo('ann'), env: { USERDOMAIN: 'CORP' }, platform: 'darwin' }, { username: 'ann' }],
  ])('%s', (_name, deps, expected) => {
    const user = currentOsUser(deps);
    expect(user).toEqual(expected);
    if (!('domain' in expected)) expect('domain' in user).toBe(false);
  });

  it('takes the user name from userInfo, never from $USER/$USERNAME', () => {
    const user = currentOsUser({ userInfo: userInfo('real'), env: { USER: 'spoofed', USERNAME: 'spoofed' }, platform: 'linux' });
    expect(user.username).toBe('real');
  });

  it('fails closed when the OS cannot name the user', () => {
    const deps: OsUserDeps = {
      userInfo: () => {
        throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
      },
      env: { USER: 'fallback' },
      platform: 'linux',
    };
    expect(() => currentOsUser(deps)).toThrow(IdentityError);
    expect(() => currentOsUser(deps)).toThrow(/cannot determine the signed-in OS user.*named account/);
  });
});
