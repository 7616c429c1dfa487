// The broker through its client-authentication port: with private_key_jwt the request carries an assertion and
// no secret, a refusal names the key's fix, and an echoed request leaves neither the key nor the assertion in the log.
import { describe, expect, it, vi } from 'vitest';
import { privateKeyJwtAuth } from '../../../../src/main/auth/client-auth';
import { createTokenBroker, type BrokerIdentity } from '../../../../src/main/auth/token-broker';
import { TokenError } from '../../../../src/main/auth/token-errors';
import type { Http, HttpInit, SecretStore } from '../../../../src/main/core/ports';
import { createMemoryLog } from '../../../../src/main/log/logger';
import { Redactor } from '../../../../src/main/log/redact';
import { generateClientKey, jwkSensitiveValues, parseStoredKey } from '../../../../src/main/secrets/client-key';
import { FakeClock } from '../../../support/fake-clock';

const KEY = generateClientKey();
const alice: BrokerIdentity = { lookup: { field: 'userId', value: 'u-1' }, cacheKey: 'userId:u-1' };

const echo = (init: HttpInit) => (JSON.parse(init.body!) as { client_assertion: string }).client_assertion;

function setup(reply: (init: HttpInit) => Response) {
  const clock = new FakeClock();
  const calls: HttpInit[] = [];
  const http: Http = async (_url, init) => (calls.push(init), reply(init));
  const keys: SecretStore = { get: vi.fn(async () => KEY), set: vi.fn(), delete: vi.fn() };
  const secrets: SecretStore = { get: vi.fn(async () => { throw new Error('the secret must not be read'); }), set: vi.fn(), delete: vi.fn() };
  const log = createMemoryLog('test', new Redactor(clock));
  const clientAuth = privateKeyJwtAuth({ clientId: 'kiosk-imp', tokenUrl: 'https://acme.eu.qlikcloud.com/oauth/token', keys, clock });
  const broker = createTokenBroker({ tenant: 'https://acme.eu.qlikcloud.com', clientId: 'kiosk-imp' }, { http, clock, secrets, log, clientAuth });
  return { broker, calls, log, secrets };
}

describe('the broker with private_key_jwt', () => {
  it('sends an assertion instead of a secret, and never reads the secret', async () => {
    const { broker, calls, secrets } = setup(() => Response.json({ access_token: 'token-0123456789abcdef', token_type: 'bearer', expires_in: 21600 }));
    await broker.getToken(alice);
    const body = JSON.parse(calls[0]!.body!) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['client_assertion', 'client_assertion_type', 'client_id', 'grant_type', 'scope', 'user_lookup']);
    expect(secrets.get).not.toHaveBeenCalled();
  });

  it('a 401 names the public key to register; an echoed assertion and the key parts stay out of the error and the log', async () => {
    const { broker, calls, log } = setup((init) => Response.json({ errors: [{ code: 'OAUTH-1', title: 'Unauthorized', detail: `bad ${echo(init)} ${Buffer.from(echo(init)).toString('base64')}` }] }, { status: 401 }));
    const err = await broker.getToken(alice).then(() => undefined, (e: unknown) => e as TokenError);
    expect(err?.code).toBe('bad_credentials');
    expect(err?.message).toMatch(/private_key_jwt assertion .*key show-public --client-id kiosk-imp.* is registered on that OAuth client/);
    const assertion = (JSON.parse(calls[0]!.body!) as { client_assertion: string }).client_assertion;
    const text = `${err?.message} ${log.lines.join('\n')}`;
    for (const part of [assertion, ...assertion.split('.'), ...jwkSensitiveValues(parseStoredKey(KEY).jwk)]) expect(text).not.toContain(part);
  });
});
