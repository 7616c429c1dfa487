// Decides whom the kiosk impersonates. Inputs are main-side only (validated config + the OS account that runs
// the process); nothing from the renderer reaches here, so a page can never pick its own identity.
import type { IdentityConfig, LookupField } from '../config/schema';
import { foldUsername } from '../config/schema';
import { lookupValueProblem } from './lookup-value';
import { checkTemplate, renderTemplate } from './template';

export interface OsUser {
  readonly username: string;
  /** Windows domain (NetBIOS name) of a domain account; absent for local accounts and other OSes. */
  readonly domain?: string;
}

export interface ResolvedIdentity {
  /** Sent as the impersonation grant's `user_lookup`. */
  readonly lookup: { readonly field: LookupField; readonly value: string };
  /** `${field}:${value}`: the token broker's per-user cache key. */
  readonly cacheKey: string;
}

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

export function resolveIdentity(identity: IdentityConfig, osUser: OsUser): ResolvedIdentity {
  switch (identity.mode) {
    case 'os-user':
      return fromTemplate(identity.template, identity.lookupField, osUser);
    case 'map':
      return fromMap(identity, osUser);
    case 'device':
      return finish(identity.lookupField, identity.value, (p) => `identity.value ${p}; set it to the Qlik user's ${identity.lookupField}`);
    default: {
      const mode = (identity as { mode?: unknown }).mode;
      throw new IdentityError(`identity.mode ${JSON.stringify(mode)} is not supported; use "os-user", "map" or "device"`);
    }
  }
}

function fromTemplate(template: string, field: LookupField, osUser: OsUser): ResolvedIdentity {
  const check = checkTemplate(template);
  if (!check.ok) throw new IdentityError(`identity.template ${check.problem}`);
  const username = requireUsername(osUser);
  const domain = osUser.domain?.trim() ?? '';
  if (check.placeholders.has('domain') && domain === '') {
    throw new IdentityError(
      `identity.template uses {domain}, but OS user "${username}" has no domain (only Windows domain accounts ` +
        'report one). Write the domain into the template instead, e.g. "CORP\\\\{username}" in the JSON file, or use identity mode "map"',
    );
  }
  const value = renderTemplate(template, { username, domain });
  return finish(field, value, (p) =>
    `identity.template turns OS user "${username}" into a Qlik ${field} that ${p}; change identity.template or use identity mode "map"`,
  );
}

function fromMap(identity: Extract<IdentityConfig, { mode: 'map' }>, osUser: OsUser): ResolvedIdentity {
  const username = requireUsername(osUser);
  const wanted = foldUsername(username);
  const matches = Object.keys(identity.users).filter((name) => foldUsername(name) === wanted);
  if (matches.length > 1) {
    throw new IdentityError(
      `identity.users has ${matches.length} entries for OS user "${username}" (${matches.map((m) => JSON.stringify(m)).join(', ')}); names match case-insensitively, so keep one`,
    );
  }
  const name = matches[0];
  if (name !== undefined) {
    const value = identity.users[name] ?? '';
    return finish(identity.lookupField, value, (p) => `identity.users["${name}"] ${p}; set it to the Qlik user's ${identity.lookupField}`);
  }
  if (identity.default !== undefined) {
    return finish(identity.lookupField, identity.default, (p) => `identity.default ${p}; set it to the Qlik user's ${identity.lookupField}`);
  }
  throw new IdentityError(
    `OS user "${username}" is not listed in identity.users; add "${username}": "<Qlik ${identity.lookupField}>" ` +
      'to identity.users, or set identity.default for users without an entry',
  );
}

function requireUsername(osUser: OsUser): string {
  const problem = lookupValueProblem(osUser.username);
  if (problem) {
    throw new IdentityError(`the OS reported a user name that ${problem}; sign in to the kiosk with a named account`);
  }
  return osUser.username;
}

function finish(field: LookupField, value: string, explain: (problem: string) => string): ResolvedIdentity {
  const problem = lookupValueProblem(value);
  if (problem) throw new IdentityError(explain(problem));
  return { lookup: { field, value }, cacheKey: `${field}:${value}` };
}
