import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../../src/main/config';
import { expectConfigError, resolveOne, SOURCE, validRaw } from './helpers';

const canary = () => `CANARY-${randomUUID()}`;

describe('secret-looking keys are refused before validation', () => {
  it.each<[string, (secret: string) => Record<string, unknown>, string]>([
    ['tenant.clientSecret', (s) => ({ ...validRaw(), tenant: { host: 'acme.eu.qlikcloud.com', clientId: 'abc', clientSecret: s } }), 'tenant.clientSecret'],
    ['top-level client_secret', (s) => ({ ...validRaw(), client_secret: s }), 'client_secret'],
    ['password', (s) => ({ ...validRaw(), kiosk: { enabled: true, Password: s } }), 'kiosk.Password'],
    ['passwd', (s) => ({ ...validRaw(), broker: { passwd: s } }), 'broker.passwd'],
    ['private key', (s) => ({ ...validRaw(), tenant: { ...(validRaw().tenant as object), 'private-key': s } }), 'tenant.private-key'],
    ['client assertion', (s) => ({ ...validRaw(), clientAssertion: s }), 'clientAssertion'],
    ['api key', (s) => ({ ...validRaw(), API_KEY: s }), 'API_KEY'],
    ['access token', (s) => ({ ...validRaw(), renderer: { accessToken: s } }), 'renderer.accessToken'],
    ['refresh token', (s) => ({ ...validRaw(), refresh_token: s }), 'refresh_token'],
    ['credentials object', (s) => ({ ...validRaw(), credentials: { user: 'x', pass: s } }), 'credentials'],
    ['inside an array item', (s) => ({ ...validRaw(), content: { embeds: [{ ui: 'ai/assistant', assistantId: 'as-1', apiKey: s }] } }), 'content.embeds[0].apiKey'],
    ['deep nesting', (s) => ({ ...validRaw(), a: { b: [{ c: { mySecretValue: s } }] } }), 'a.b[0].c.mySecretValue'],
  ])('%s', (_name, build, path) => {
    const secret = canary();
    const { error, lines } = expectConfigError(() => resolveOne(build(secret)));
    const hit = error.problems.find((p) => p.path === path);
    expect(hit?.source).toBe(SOURCE);
    expect(hit?.message).toMatch(/secrets do not belong in configuration files/);
    expect(hit?.message).toMatch(/OS keychain/);
    expect(hit?.message).toMatch(/reads it from standard input: npm run admin -- secret set --client-id \S+/);
    // The value must appear nowhere: not in the message, the problems, or the stack.
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.problems)).not.toContain(secret);
    expect(String(error.stack)).not.toContain(secret);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('names the configured client id in the secret CLI hint', () => {
    const raw = { ...validRaw(), tenant: { host: 'acme.eu.qlikcloud.com', clientId: 'c0ffee42', clientSecret: canary() } };
    const { error } = expectConfigError(() => resolveOne(raw));
    expect(error.problems[0]?.message).toContain('npm run admin -- secret set --client-id c0ffee42');
  });

  it('reports the secret once, not again as an unknown key, alongside other problems', () => {
    const raw = { ...validRaw(), tenant: { host: 'http://acme.eu.qlikcloud.com', clientId: 'abc', clientSecret: canary() } };
    const { error } = expectConfigError(() => resolveOne(raw));
    expect(error.problems.map((p) => p.path)).toEqual(['tenant.clientSecret', 'tenant.host']);
  });

  it('names the layer holding the secret', () => {
    const { error } = expectConfigError(() =>
      resolveConfig([
        { name: 'user', source: 'user.json', data: validRaw() },
        { name: 'policy', source: 'policy.json', data: { tenant: { secret: canary() } } },
      ]),
    );
    expect(error.problems).toEqual([expect.objectContaining({ source: 'policy.json', path: 'tenant.secret' })]);
  });

  it('does not mistake OS user names in a map for secrets', () => {
    const raw = { ...validRaw(), identity: { mode: 'map', users: { secretary: 'u-1', 'credential-desk': 'u-2' } } };
    expect(resolveOne(raw).identity).toMatchObject({ users: { secretary: 'u-1', 'credential-desk': 'u-2' } });
  });

  it('still refuses secret keys elsewhere under identity', () => {
    const raw = { ...validRaw(), identity: { mode: 'device', lookupField: 'userId', value: 'u', password: canary() } };
    const { error } = expectConfigError(() => resolveOne(raw));
    expect(error.problems.map((p) => p.path)).toEqual(['identity.password']);
  });

  it('accepts clientId, which is not a secret', () => {
    expect(resolveOne(validRaw()).tenant.clientId).toBe('abc123');
  });
});
