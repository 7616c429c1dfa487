import { describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_PORT, EXAMPLE_CONFIG, parseConfigText, resolveConfig } from '../../../../src/main/config';
import { expectConfigError, resolveOne, SOURCE, validRaw } from './helpers';

const withPart = (key: string, value: unknown) => ({ ...validRaw(), [key]: value });
const tenant = (t: Record<string, unknown>) => withPart('tenant', { clientId: 'abc123', ...t });

describe('QioskConfig defaults', () => {
  it('fills every optional section with its documented default', () => {
    const config = resolveOne(validRaw());
    expect(config.tenant).toEqual({ host: 'https://acme.eu.qlikcloud.com', clientId: 'abc123', scope: 'user_default', clientAuth: 'client_secret' });
    expect(config.identity).toEqual({ mode: 'os-user', template: '{username}@corp.example', lookupField: 'subject' });
    expect(config.kiosk).toEqual({ enabled: true });
    expect(config.renderer).toEqual({ port: DEFAULT_RENDERER_PORT });
    expect(config.broker).toEqual({ timeoutMs: 15000, refreshAheadSeconds: 300 });
    expect(config.supervisor).toEqual({ memoryCeilingMb: 1536, dailyRecycleAt: '04:00', maxSessionHours: 24, loadTimeoutSeconds: 45, keepaliveSeconds: 15, heartbeatSeconds: 5 });
  });

  it('tenant.clientAuth takes the secret or a private key, and names both when it is neither', () => {
    expect(resolveOne(tenant({ host: 'https://acme.eu.qlikcloud.com', clientAuth: 'private_key_jwt' })).tenant.clientAuth).toBe('private_key_jwt');
    const { lines } = expectConfigError(() => resolveOne(tenant({ host: 'https://acme.eu.qlikcloud.com', clientAuth: 'basic' })));
    expect(lines).toEqual([expect.stringMatching(/tenant\.clientAuth: .*"client_secret".*"private_key_jwt"/)]);
  });

  it('map identity defaults to lookupField userId', () => {
    const config = resolveOne(withPart('identity', { mode: 'map', users: { alice: 'u-1' } }));
    expect(config.identity).toEqual({ mode: 'map', users: { alice: 'u-1' }, lookupField: 'userId' });
  });

  it('returns a frozen config so nothing can change it after validation', () => {
    const config = resolveOne(validRaw());
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.tenant)).toBe(true);
    expect(Object.isFrozen(config.playlists['main']!.slides[0]!.embeds[0])).toBe(true);
  });

  it('keeps EXAMPLE_CONFIG (shown to admins) valid', () => {
    expect(() => resolveOne(parseConfigText(EXAMPLE_CONFIG, 'example'))).not.toThrow();
  });
});

describe('tenant.host', () => {
  it.each([
    ['https://acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com/', 'https://acme.eu.qlikcloud.com'],
    ['acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com'],
    ['  ACME.eu.qlikcloud.com  ', 'https://acme.eu.qlikcloud.com'],
    ['https://acme.eu.qlikcloud.com:443', 'https://acme.eu.qlikcloud.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:9000/', 'http://127.0.0.1:9000'],
    ['http://127.10.20.30', 'http://127.10.20.30'],
    ['http://[::1]:7000', 'http://[::1]:7000'],
    ['localhost:8080', 'https://localhost:8080'],
  ])('accepts %j as %s', (host, origin) => {
    expect(resolveOne(tenant({ host })).tenant.host).toBe(origin);
  });

  it.each([
    ['http://acme.eu.qlikcloud.com', /tenant\.host: uses http:\/\/.*use https:\/\/acme\.eu\.qlikcloud\.com/],
    ['http://10.0.0.5:8080', /use https:\/\/10\.0\.0\.5:8080/],
    ['http://localhost.evil.example', /use https:\/\/localhost\.evil\.example/],
    ['http://128.0.0.1', /use https:\/\/128\.0\.0\.1/],
    ['ftp://acme.eu.qlikcloud.com', /must start with https:\/\//],
    ['https://acme.eu.qlikcloud.com/hub/home', /without a path.*use https:\/\/acme\.eu\.qlikcloud\.com$/],
    ['https://acme.eu.qlikcloud.com/?x=1', /without a path, query or fragment/],
    ['https://exa mple.com', /not a valid address/],
    ['', /is empty/],
  ])('rejects %j', (host, pattern) => {
    const { lines } = expectConfigError(() => resolveOne(tenant({ host })));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${SOURCE}: tenant\\.host: `));
    expect(lines[0]).toMatch(pattern);
  });

  it('rejects credentials in the URL without echoing them', () => {
    const { error } = expectConfigError(() => resolveOne(tenant({ host: 'https://admin:hunter2-CANARY@acme.eu.qlikcloud.com' })));
    expect(error.message).toMatch(/tenant\.host: must not contain a user name or password/);
    expect(error.message).not.toContain('hunter2-CANARY');
  });
});

describe('field validation (one problem each, named with source and path)', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['wrong type for port', withPart('renderer', { port: '8080' }), /renderer\.port: must be a number, not text; a port from 1024/],
    ['fractional port', withPart('renderer', { port: 5000.5 }), /renderer\.port: must be a whole number/],
    ['port too low', withPart('renderer', { port: 80 }), /renderer\.port: must be at least 1024/],
    ['port too high', withPart('renderer', { port: 70000 }), /renderer\.port: must be at most 65535/],
    ['kiosk.enabled not boolean', withPart('kiosk', { enabled: 'yes' }), /kiosk\.enabled: must be true or false, not text/],
    ['broker timeout too small', withPart('broker', { timeoutMs: 10 }), /broker\.timeoutMs: must be at least 1000/],
    ['a recycle time that is not HH:MM', withPart('supervisor', { dailyRecycleAt: '4am' }), /supervisor\.dailyRecycleAt: must be a local time HH:MM/],
    ['a memory ceiling too low to run', withPart('supervisor', { memoryCeilingMb: 64 }), /supervisor\.memoryCeilingMb: must be at least 256/],
    ['empty client id', tenant({ host: 'acme.eu.qlikcloud.com', clientId: '' }), /tenant\.clientId: must not be empty; set it to the client ID/],
    ['whitespace client id', tenant({ host: 'acme.eu.qlikcloud.com', clientId: '   ' }), /tenant\.clientId: must not be empty/],
    ['client id with spaces', tenant({ host: 'acme.eu.qlikcloud.com', clientId: 'ab cd' }), /tenant\.clientId: must not contain spaces/],
    ['missing client id', withPart('tenant', { host: 'acme.eu.qlikcloud.com' }), /tenant\.clientId: is missing; set it to the client ID/],
    ['bad scope', tenant({ host: 'acme.eu.qlikcloud.com', scope: 'user_default "admin"' }), /tenant\.scope: must be scope names/],
    ['empty scope', tenant({ host: 'acme.eu.qlikcloud.com', scope: '  ' }), /tenant\.scope: is empty/],
    ['unknown identity mode', withPart('identity', { mode: 'saml' }), /identity\.mode: must be one of "os-user", "map", "device"; "os-user" builds/],
    ['missing identity mode', withPart('identity', { template: '{username}' }), /identity\.mode: must be one of/],
    ['unknown template placeholder', withPart('identity', { mode: 'os-user', template: '{user}@corp' }), /identity\.template: uses unknown placeholder \{user\}/],
    ['template without placeholder', withPart('identity', { mode: 'os-user', template: 'kiosk' }), /identity\.template: contains no \{username\}.*mode "device"/],
    ['bad lookupField', withPart('identity', { mode: 'device', lookupField: 'email', value: 'x' }), /identity\.lookupField: must be one of "subject", "userId"/],
    ['device value empty', withPart('identity', { mode: 'device', lookupField: 'userId', value: ' ' }), /identity\.value: is empty/],
    ['device value with newline', withPart('identity', { mode: 'device', lookupField: 'userId', value: 'a\nb' }), /identity\.value: contains a control character/],
    ['map with no users and no default', withPart('identity', { mode: 'map', users: {} }), /identity\.users: has no entries/],
    ['map with case-duplicate users', withPart('identity', { mode: 'map', users: { Alice: 'u1', alice: 'u2' } }), /identity\.users\.alice: duplicates "Alice"/],
    ['map keys that are not identifiers are quoted', withPart('identity', { mode: 'map', users: { 'CORP.Alice': 'u1', 'corp.alice': 'u2' } }), /identity\.users\["corp\.alice"\]: duplicates "CORP\.Alice"/],
    ['map value too long', withPart('identity', { mode: 'map', users: { bob: 'x'.repeat(257) } }), /identity\.users\.bob: is longer than 256/],
    ['no embeds', withPart('content', { embeds: [] }), /content\.embeds: must have at least 1 item/],
    ['too many embeds', withPart('content', { embeds: Array.from({ length: 13 }, () => ({ ui: 'ai/assistant', assistantId: 'as-1' })) }), /content\.embeds: must have at most 12 item/],
    ['unknown ui', withPart('content', { embeds: [{ ui: 'analytics/table', appId: 'a' }] }), /content\.embeds\[0\]\.ui: must be one of "analytics\/sheet"/],
    ['bad language', withPart('content', { embeds: [{ ui: 'analytics/selections', appId: 'a', language: 'english please' }] }), /content\.embeds\[0\]\.language: must be a language tag/],
    ['missing tenant', { identity: validRaw().identity, content: validRaw().content }, /: tenant: is missing; add "tenant"/],
    ['unknown top-level key', withPart('tenat', {}), /: tenat: is not a known setting at the top level; remove it or rename it to "tenant" \(allowed: tenant, identity/],
    ['snake_case key', tenant({ host: 'acme.eu.qlikcloud.com', client_id: 'x' }), /tenant\.client_id: is not a known setting in tenant; remove it or rename it to "clientId"/],
    ['key from another identity mode', withPart('identity', { mode: 'device', lookupField: 'userId', value: 'u', template: '{username}' }), /identity\.template: is not a known setting in identity; remove it \(allowed: mode, lookupField, value\)/],
  ])('%s', (_name, raw, pattern) => {
    const { lines } = expectConfigError(() => resolveOne(raw));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`${SOURCE}: `)).toBe(true);
    expect(lines[0]).toMatch(pattern);
  });

  it('names every problem at once, across sections', () => {
    const raw = {
      tenant: { host: 'http://acme.eu.qlikcloud.com', clientId: '' },
      identity: { mode: 'nope' },
      content: { embeds: [{ ui: 'analytics/chart' }, { ui: 'classic/app' }] },
      renderer: { port: 1 },
      extra: true,
    };
    const { error, lines } = expectConfigError(() => resolveOne(raw));
    const paths = error.problems.map((p) => p.path).sort();
    expect(paths).toEqual(
      [
        'tenant.host',
        'tenant.clientId',
        'identity.mode',
        'content.embeds[0].appId',
        'content.embeds[0].objectId',
        'content.embeds[1].appId',
        'content.embeds[1].sheetId',
        'renderer.port',
        'extra',
      ].sort(),
    );
    expect(lines.every((l) => l.startsWith(`${SOURCE}: `))).toBe(true);
    expect(error.message).toContain('Qiosk configuration is invalid (9 problems):');
  });
});

describe('embed per-ui rules', () => {
  const embed = (e: Record<string, unknown>) => withPart('content', { embeds: [e] });
  it.each([
    { ui: 'analytics/sheet', appId: 'a', sheetId: 's' },
    { ui: 'analytics/sheet', appId: 'a', objectId: 'o' },
    { ui: 'analytics/chart', appId: 'a', objectId: 'o' },
    { ui: 'classic/chart', appId: 'a', objectId: 'o' },
    { ui: 'classic/app', appId: 'a', sheetId: 's', theme: 'sense', language: 'de-DE' },
    { ui: 'analytics/field', appId: 'a', fieldId: 'Region' },
    { ui: 'analytics/selections', appId: 'a', interactions: 'select-only', keyboardNavigation: true },
    { ui: 'ai/assistant', assistantId: 'as-1' },
    { ui: 'analytics/chart', appId: 'a', objectId: 'o', initialState: { clearAll: true, bookmark: 'bm-1', fields: [{ name: 'Sales Region', values: ['Nordic', 'Côte d’Ivoire'] }] } },
  ])('accepts %j', (e) => {
    expect(resolveOne(embed(e)).playlists['main']!.slides[0]!.embeds[0]).toEqual(e);
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ ui: 'analytics/sheet' }, ['appId', 'sheetId']],
    [{ ui: 'analytics/sheet', appId: 'a' }, ['sheetId']],
    [{ ui: 'analytics/sheet', sheetId: 's' }, ['appId']],
    [{ ui: 'analytics/chart', appId: 'a' }, ['objectId']],
    [{ ui: 'analytics/chart', objectId: 'o' }, ['appId']],
    [{ ui: 'classic/chart', appId: 'a' }, ['objectId']],
    [{ ui: 'classic/app' }, ['appId', 'sheetId']],
    [{ ui: 'classic/app', appId: 'a' }, ['sheetId']],
    [{ ui: 'analytics/field', appId: 'a' }, ['fieldId']],
    [{ ui: 'analytics/selections' }, ['appId']],
    [{ ui: 'ai/assistant' }, ['assistantId']],
  ])('%j is missing %j', (e, missing) => {
    const { error } = expectConfigError(() => resolveOne(embed(e)));
    expect(error.problems.map((p) => p.path)).toEqual(missing.map((m) => `content.embeds[0].${m}`));
    for (const p of error.problems) expect(p.message).toContain(`is required for ui "${String(e.ui)}"`);
  });

  it.each<[Record<string, unknown>, string, RegExp]>([
    [{ ui: 'analytics/sheet', appId: 'a', sheetId: 's', objectId: 'o' }, 'objectId', /cannot be used together with sheetId for ui "analytics\/sheet"; keep one of them/],
    [{ ui: 'analytics/chart', appId: 'a', objectId: 'o', sheetId: 's' }, 'sheetId', /is not used by ui "analytics\/chart"; remove it \(it takes appId, objectId\)/],
    [{ ui: 'ai/assistant', assistantId: 'as-1', appId: 'a' }, 'appId', /is not used by ui "ai\/assistant"; remove it \(it takes assistantId\)/],
    [{ ui: 'classic/app', appId: 'a', sheetId: 's', interactions: 'read-only' }, 'interactions', /qlik-embed cannot make a "classic\/app" embed read-only or select-only \(only analytics\/\* UIs take interactions\); remove it/],
    [{ ui: 'ai/assistant', assistantId: 'as-1', interactions: 'full' }, 'interactions', /cannot make a "ai\/assistant" embed read-only/],
    [{ ui: 'classic/chart', appId: 'a', objectId: 'o', keyboardNavigation: true }, 'keyboardNavigation', /qlik-embed has no keyboard navigation setting for ui "classic\/chart" \(only analytics\/\* UIs take it\); remove it/],
    [{ ui: 'ai/assistant', assistantId: 'as-1', theme: 'dark' }, 'theme', /qlik-embed has no theme setting for ui "ai\/assistant"; remove it/],
    [{ ui: 'ai/assistant', assistantId: 'as-1', language: 'de' }, 'language', /qlik-embed has no language setting for ui "ai\/assistant"; remove it/],
    [{ ui: 'ai/assistant', assistantId: 'as-1', initialState: { clearAll: true } }, 'initialState', /ui "ai\/assistant" shows no app, so it has no selections to start from; remove it/],
  ])('%j: %s is refused, saying what qlik-embed cannot do', (e, field, message) => {
    const { error, lines } = expectConfigError(() => resolveOne(embed(e)));
    expect(error.problems.map((p) => p.path)).toEqual([`content.embeds[0].${field}`]);
    expect(lines[0]).toMatch(message);
  });

  it('reports a missing id even when another field of the same embed has the wrong type', () => {
    const { error } = expectConfigError(() => resolveOne(embed({ ui: 'analytics/chart', appId: 42 })));
    expect(error.problems.map((p) => p.path).sort()).toEqual(['content.embeds[0].appId', 'content.embeds[0].objectId']);
  });

  it('rejects ids with spaces', () => {
    const { lines } = expectConfigError(() => resolveOne(embed({ ui: 'classic/app', appId: 'my app' })));
    expect(lines[0]).toMatch(/content\.embeds\[0\]\.appId: must not contain spaces/);
  });
});

describe('content settings', () => {
  const content = (c: Record<string, unknown>) => withPart('content', { embeds: [{ ui: 'analytics/chart', appId: 'a', objectId: 'o' }], ...c });
  const state = (initialState: unknown) => content({ embeds: [{ ui: 'analytics/chart', appId: 'a', objectId: 'o', initialState }] });

  it('accepts defaults for every embed setting and an idle reset', () => {
    const c = { defaults: { theme: 'breeze', language: 'sv', interactions: 'read-only', keyboardNavigation: false, initialState: { clearAll: true } }, idleResetSeconds: 90 };
    expect(resolveOne(content(c)).content).toMatchObject(c);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown interaction mode', content({ defaults: { interactions: 'readonly' } }), /content\.defaults\.interactions: must be one of "read-only", "select-only", "full"; "read-only" shows/],
    ['keyboardNavigation not true/false', content({ defaults: { keyboardNavigation: 'yes' } }), /content\.defaults\.keyboardNavigation: must be true or false/],
    ['a setting defaults cannot give', content({ defaults: { sheetId: 's' } }), /content\.defaults\.sheetId: is not a known setting in content\.defaults; remove it \(allowed: theme, language, interactions, keyboardNavigation, initialState\)/],
    ['a typo in initialState', state({ clearall: true }), /initialState\.clearall: is not a known setting in content\.embeds\[0\]\.initialState; remove it or rename it to "clearAll"/],
    ['a setting a field does not take', state({ fields: [{ name: 'Region', values: ['x'], state: 'alt' }] }), /fields\[0\]\.state: is not a known setting in content\.embeds\[0\]\.initialState\.fields\[0\]; remove it \(allowed: name, values\)/],
    ['no fields in the list', state({ fields: [] }), /initialState\.fields: is empty; list fields like/],
    ['a field without values', state({ fields: [{ name: 'Region', values: [] }] }), /fields\[0\]\.values: is empty; list at least one value/],
    ['an empty value', state({ fields: [{ name: 'Region', values: [''] }] }), /fields\[0\]\.values\[0\]: is empty; give the value as the app shows it/],
    ['a value with ";"', state({ fields: [{ name: 'Region', values: ['a;b'] }] }), /values\[0\]: must not contain ";" .*select such a value with a bookmark instead/],
    ['a field named twice', state({ fields: [{ name: 'Region', values: ['a'] }, { name: 'Region', values: ['b'] }] }), /fields\[1\]\.name: names field "Region" a second time; put all its values in one entry/],
    ['a bookmark id with spaces', state({ bookmark: 'my bookmark' }), /initialState\.bookmark: must not contain spaces/],
    ['an idle reset too short to use the kiosk', content({ idleResetSeconds: 5 }), /content\.idleResetSeconds: must be at least 10; seconds without input/],
    ['an idle reset over a day', content({ idleResetSeconds: 100_000 }), /content\.idleResetSeconds: must be at most 86400/],
    ['an idle reset as text', content({ idleResetSeconds: '60' }), /content\.idleResetSeconds: must be a number, not text/],
  ])('%s', (_name, raw, pattern) => {
    const { lines } = expectConfigError(() => resolveOne(raw));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });
});

describe('one start state per app (selections live in the app\'s engine session)', () => {
  const S1 = { clearAll: true };
  const S2 = { bookmark: 'bm-2' };
  const sheet = (appId: string, initialState?: unknown) => ({ ui: 'analytics/sheet', appId, sheetId: 's', ...(initialState === undefined ? {} : { initialState }) });
  const chart = (appId: string, initialState?: unknown) => ({ ui: 'analytics/chart', appId, objectId: 'o', ...(initialState === undefined ? {} : { initialState }) });
  const classic = (appId: string, initialState?: unknown) => ({ ui: 'classic/app', appId, sheetId: 's', ...(initialState === undefined ? {} : { initialState }) });
  const assistant = { ui: 'ai/assistant', assistantId: 'as-1' };

  it.each<[string, unknown[], unknown, string[]]>([
    ['the same state on every embed of an app', [sheet('a', S1), chart('a', S1)], undefined, []],
    ['one state from defaults for all', [sheet('a'), chart('a'), classic('a')], S1, []],
    ['different apps, different states', [sheet('a', S1), chart('b', S2)], undefined, []],
    ['equal once resolved: clearAll false is no clear', [sheet('a', { clearAll: false, ...S2 }), chart('a', S2)], undefined, []],
    ['an assistant beside app embeds with defaults', [sheet('a'), assistant], S1, []],
    ['two states for one app', [sheet('a', S1), chart('a', S2)], undefined, ['content.embeds[1].initialState']],
    ['a state on one embed, none on another', [sheet('a', S1), chart('a')], undefined, ['content.embeds[1].initialState']],
    ['an embed opting out of the default', [sheet('a'), chart('a', {})], S1, ['content.embeds[1].initialState']],
    ['classic/app against analytics/* of the same app', [classic('a', S2), chart('a', S1), sheet('a', S1)], undefined, ['content.embeds[1].initialState', 'content.embeds[2].initialState']],
  ])('%s', (_name, embeds, defaultState, problems) => {
    const raw = withPart('content', { embeds, ...(defaultState === undefined ? {} : { defaults: { initialState: defaultState } }) });
    if (problems.length === 0) {
      expect(() => resolveOne(raw)).not.toThrow();
      return;
    }
    const { error } = expectConfigError(() => resolveOne(raw));
    expect(error.problems.map((p) => p.path)).toEqual(problems);
  });

  it('names both embeds and the app, and what to do', () => {
    const { lines } = expectConfigError(() => resolveOne(withPart('content', { embeds: [sheet('app-7', S1), chart('app-7', S2)] })));
    expect(lines).toEqual([
      `${SOURCE}: content.embeds[1].initialState: differs from content.embeds[0]'s for app "app-7": selections live in the app's engine session, so every embed of one app starts from the same state; set it once in content.defaults.initialState, or make them equal`,
    ]);
  });
});

describe('non-object input', () => {
  it.each([[[]], ['text'], [null], [42]])('rejects %j at the top level', (data) => {
    const { lines } = expectConfigError(() => resolveConfig([{ name: 'user', source: 'x.json', data }]));
    expect(lines).toEqual(['x.json: must contain a JSON object { … } at the top level']);
  });
  it('rejects no layers at all', () => {
    expect(() => resolveConfig([])).toThrow(/no configuration was given/);
  });
});
