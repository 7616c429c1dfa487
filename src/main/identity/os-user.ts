// Reads the OS account that runs Qiosk. Injected so tests cover every platform, and so identity never comes
// from anything the renderer could influence.
import { IdentityError } from './resolve-identity';
import type { OsUser } from './resolve-identity';

export interface OsUserDeps {
  /** os.userInfo */
  userInfo: () => { username: string };
  /** process.env */
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

export function currentOsUser({ userInfo, env, platform }: OsUserDeps): OsUser {
  let username: string;
  try {
    username = userInfo().username;
  } catch (e) {
    // e.g. a uid with no passwd entry in a container. Fail closed: never guess from $USER.
    throw new IdentityError(
      `cannot determine the signed-in OS user (${e instanceof Error ? e.message : String(e)}); run Qiosk under a named account`,
    );
  }
  const domain = platform === 'win32' ? windowsDomain(env) : undefined;
  return domain === undefined ? { username } : { username, domain };
}

/**
 * USERDOMAIN is the NetBIOS domain of the logon session, set by Windows for every process. Other OSes have
 * no equivalent: directory-joined Linux/macOS accounts carry the realm inside the user name, if at all, so
 * the domain stays undefined there and templates put the domain in literally ('{username}@corp.example').
 * For a local Windows account USERDOMAIN is the computer name, which is no directory domain: treat it as
 * absent so a '{domain}\{username}' template fails clearly instead of impersonating 'KIOSK-07\kiosk'.
 */
function windowsDomain(env: OsUserDeps['env']): string | undefined {
  const domain = env.USERDOMAIN?.trim();
  if (!domain) return undefined;
  const computer = env.COMPUTERNAME?.trim();
  if (computer && computer.toUpperCase() === domain.toUpperCase()) return undefined;
  return domain;
}
