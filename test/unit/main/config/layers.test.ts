import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/main/config';
import { expectConfigError, validRaw } from './helpers';

describe('resolveConfig layering', () => {
  it('later layers win, objects merge key by key', () => {
    const config = resolveConfig([
      { name: 'defaults', source: 'built-in', data: { renderer: { port: 40000 }, broker: { timeoutMs: 5000 } } },
      { name: 'user', source: 'user.json', data: { ...validRaw(), broker: { refreshAheadSeconds: 60 } } },
      { name: 'policy', source: 'policy.json', data: { renderer: { port: 45000 }, tenant: { scope: 'user_default openid' } } },
    ]);
    expect(config.renderer.port).toBe(45000);
    expect(config.broker).toEqual({ timeoutMs: 5000, refreshAheadSeconds: 60 });
    expect(config.tenant).toEqual({ host: 'https://acme.eu.qlikcloud.com', clientId: 'abc123', scope: 'user_default openid', clientAuth: 'client_secret' });
  });

  it('arrays are replaced, not concatenated', () => {
    const config = resolveConfig([
      { name: 'user', source: 'user.json', data: validRaw() },
      { name: 'policy', source: 'policy.json', data: { content: { embeds: [{ ui: 'ai/assistant', assistantId: 'as-1' }] } } },
    ]);
    expect(config.playlists['main']!.slides[0]!.embeds).toEqual([{ ui: 'ai/assistant', assistantId: 'as-1' }]);
  });

  it('a later layer can switch identity mode; the merged object is validated as a whole', () => {
    const { error } = expectConfigError(() =>
      resolveConfig([
        { name: 'user', source: 'user.json', data: validRaw() },
        { name: 'policy', source: 'policy.json', data: { identity: { mode: 'device', lookupField: 'userId', value: 'kiosk-1' } } },
      ]),
    );
    // The user's template is still merged in, and is not a device-mode key: the admin learns where it came from.
    expect(error.problems).toEqual([
      expect.objectContaining({ source: 'user.json', path: 'identity.template', message: expect.stringMatching(/not a known setting/) }),
    ]);
  });

  it('names the layer that set each bad value', () => {
    const { error } = expectConfigError(() =>
      resolveConfig([
        { name: 'user', source: '/home/k/config.json', data: { ...validRaw(), renderer: { port: 1 } } },
        { name: 'policy', source: '/etc/qiosk/policy.json', data: { tenant: { host: 'http://qlik.corp' }, broker: { timeoutMs: 'x' } } },
      ]),
    );
    const bySource = Object.fromEntries(error.problems.map((p) => [p.path, p.source]));
    expect(bySource).toEqual({
      'tenant.host': '/etc/qiosk/policy.json',
      'renderer.port': '/home/k/config.json',
      'broker.timeoutMs': '/etc/qiosk/policy.json',
    });
  });

  it('is pure: inputs are not modified and a failure returns nothing', () => {
    const user = validRaw();
    const snapshot = JSON.stringify(user);
    const layers = [{ name: 'user', source: 'u.json', data: user }];
    const first = resolveConfig(layers);
    expect(JSON.stringify(user)).toBe(snapshot);
    expect(resolveConfig(layers)).toEqual(first);
    expect(() => resolveConfig([...layers, { name: 'policy', source: 'p.json', data: { renderer: { port: 0 } } }])).toThrow(/renderer\.port/);
  });

  it('an own "__proto__" key is reported as unknown, never merged into the prototype', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const { error } = expectConfigError(() => resolveConfig([
      { name: 'user', source: 'u.json', data: validRaw() },
      { name: 'policy', source: 'p.json', data },
    ]));
    expect(error.problems.map((p) => p.path)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
