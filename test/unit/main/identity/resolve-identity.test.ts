import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/main/config';
import type { IdentityConfig } from '../../../../src/main/config';
import { IdentityError, resolveIdentity } from '../../../../src/main/identity';
import type { OsUser } from '../../../../src/main/identity';

/** Identity configs go through the real config pipeline, so defaults match what the app gets. */
function identity(raw: Record<string, unknown>): IdentityConfig {
  return resolveConfig([
    {
      name: 'user',
      source: 'test',
      data: {
        tenant: { host: 'acme.eu.qlikcloud.com', clientId: 'abc' },
        identity: raw,
        content: { embeds: [{ ui: 'ai/assistant', assistantId: 'as-1' }] },
      },
    },
  ]).identity;
}

const ann: OsUser = { username: 'ann' };

describe('os-user mode', () => {
  it.each<[string, OsUser, string, 'subject' | 'userId']>([
    ['{username}@corp.example', ann, 'ann@corp.example', 'subject'],
    ['CORP\\{username}', { username: 'ann' }, 'CORP\\ann', 'subject'],
    ['{domain}\\{username}', { username: 'ann', domain: 'CORP' }, 'CORP\\ann', 'subject'],
    ['{username}', { username: 'Ann.Lee', domain: 'CORP' }, 'Ann.Lee', 'subject'],
    ['auth0|{username}-{username}', ann, 'auth0|ann-ann', 'subject'],
  ])('%s with %j → %s', (template, user, value, field) => {
    expect(resolveIdentity(identity({ mode: 'os-user', template }), user)).toEqual({
      lookup: { field, value },
      cacheKey: `${field}:${value}`,
    });
  });

  it('honours lookupField userId', () => {
    const got = resolveIdentity(identity({ mode: 'os-user', template: '{username}', lookupField: 'userId' }), ann);
    expect(got).toEqual({ lookup: { field: 'userId', value: 'ann' }, cacheKey: 'userId:ann' });
  });

  it('does not re-expand placeholders that appear inside the user name', () => {
    const got = resolveIdentity(identity({ mode: 'os-user', template: '{domain}\\{username}' }), { username: '{domain}', domain: 'CORP' });
    expect(got.lookup.value).toBe('CORP\\{domain}');
  });

  it.each<[string, string, OsUser, RegExp]>([
    ['unknown placeholder', '{user}@corp', ann, /identity\.template uses unknown placeholder \{user\}; only \{username\} and \{domain\}/],
    ['unmatched brace', '{username}@corp}', ann, /identity\.template has an unmatched "\{" or "\}"/],
    ['no placeholder', 'kiosk', ann, /contains no \{username\}.*identity mode "device"/],
    ['missing domain', '{domain}\\{username}', ann, /uses \{domain\}, but OS user "ann" has no domain.*"CORP\\\\\{username\}" in the JSON file/],
    ['blank domain', '{domain}\\{username}', { username: 'ann', domain: '  ' }, /has no domain/],
    ['empty user name', '{username}', { username: '' }, /the OS reported a user name that is empty/],
    ['control char in user name', '{username}@x', { username: 'ann\u0007' }, /user name that contains a control character/],
    ['whitespace result', '{username}', { username: '   ' }, /user name that is empty/],
    ['over-long result', '{username}@corp.example', { username: 'a'.repeat(250) }, /turns OS user "a+" into a Qlik subject that is longer than 256 characters; change identity\.template/],
    ['control char from domain', '{domain}\\{username}', { username: 'ann', domain: 'CO\nRP' }, /Qlik subject that contains a control character/],
  ])('%s → IdentityError', (_name, template, user, pattern) => {
    // Bypass config validation for templates it would reject: the resolver must not trust its input.
    const config = { mode: 'os-user', template, lookupField: 'subject' } as const;
    expect(() => resolveIdentity(config, user)).toThrow(IdentityError);
    expect(() => resolveIdentity(config, user)).toThrow(pattern);
  });

  it('accepts a value of exactly 256 characters', () => {
    const got = resolveIdentity(identity({ mode: 'os-user', template: '{username}' }), { username: 'a'.repeat(256) });
    expect(got.lookup.value).toHaveLength(256);
  });
});

describe('map mode', () => {
  const map = identity({ mode: 'map', users: { Ann: 'u-ann', 'svc.kiosk': 'u-kiosk' } });

  it.each<[string, string]>([
    ['Ann', 'u-ann'],
    ['ann', 'u-ann'],
    ['ANN', 'u-ann'],
    ['SVC.Kiosk', 'u-kiosk'],
  ])('%s → %s (case-insensitive, field userId by default)', (username, value) => {
    expect(resolveIdentity(map, { username })).toEqual({ lookup: { field: 'userId', value }, cacheKey: `userId:${value}` });
  });

  it('an unmapped user is an error naming the OS user and the config field', () => {
    expect(() => resolveIdentity(map, { username: 'bob' })).toThrow(
      new IdentityError(
        'OS user "bob" is not listed in identity.users; add "bob": "<Qlik userId>" to identity.users, or set identity.default for users without an entry',
      ),
    );
  });

  it('an unmapped user gets identity.default when set', () => {
    const withDefault = identity({ mode: 'map', users: { ann: 'u-ann' }, default: 'u-guest', lookupField: 'subject' });
    expect(resolveIdentity(withDefault, { username: 'bob' })).toEqual({ lookup: { field: 'subject', value: 'u-guest' }, cacheKey: 'subject:u-guest' });
    expect(resolveIdentity(withDefault, { username: 'ANN' }).lookup.value).toBe('u-ann');
  });

  it('ignores the domain: entries are keyed by OS user name', () => {
    expect(resolveIdentity(map, { username: 'ann', domain: 'CORP' }).lookup.value).toBe('u-ann');
  });

  it.each<[string, Extract<IdentityConfig, { mode: 'map' }>, OsUser, RegExp]>([
    ['ambiguous entries (unvalidated config)', { mode: 'map', users: { ann: 'a', ANN: 'b' }, lookupField: 'userId' }, ann, /identity\.users has 2 entries for OS user "ann"/],
    ['empty mapped value', { mode: 'map', users: { ann: ' ' }, lookupField: 'userId' }, ann, /identity\.users\["ann"\] is empty/],
    ['mapped value with tab', { mode: 'map', users: { ann: 'u\t1' }, lookupField: 'userId' }, ann, /identity\.users\["ann"\] contains a control character/],
    ['bad default', { mode: 'map', users: {}, lookupField: 'userId', default: 'x'.repeat(300) }, ann, /identity\.default is longer than 256/],
    ['empty OS user name', { mode: 'map', users: { ann: 'a' }, lookupField: 'userId' }, { username: '' }, /user name that is empty/],
  ])('%s → IdentityError', (_name, config, user, pattern) => {
    expect(() => resolveIdentity(config, user)).toThrow(IdentityError);
    expect(() => resolveIdentity(config, user)).toThrow(pattern);
  });
});

describe('device mode', () => {
  it('always resolves to the fixed identity, whoever is signed in', () => {
    const device = identity({ mode: 'device', lookupField: 'subject', value: 'kiosk-lobby-1' });
    const expected = { lookup: { field: 'subject', value: 'kiosk-lobby-1' }, cacheKey: 'subject:kiosk-lobby-1' };
    expect(resolveIdentity(device, ann)).toEqual(expected);
    expect(resolveIdentity(device, { username: 'someone-else', domain: 'X' })).toEqual(expected);
  });

  it('rejects an unusable fixed value even if config validation was bypassed', () => {
    expect(() => resolveIdentity({ mode: 'device', lookupField: 'userId', value: '' }, ann)).toThrow(/identity\.value is empty/);
  });
});

it('rejects an unknown mode (config validation bypassed)', () => {
  const bogus = { mode: 'renderer-says' } as unknown as IdentityConfig;
  expect(() => resolveIdentity(bogus, ann)).toThrow(/identity\.mode "renderer-says" is not supported/);
});

it('distinct identities get distinct cache keys across fields', () => {
  const a = resolveIdentity({ mode: 'device', lookupField: 'subject', value: 'x' }, ann);
  const b = resolveIdentity({ mode: 'device', lookupField: 'userId', value: 'x' }, ann);
  expect(a.cacheKey).not.toBe(b.cacheKey);
});
