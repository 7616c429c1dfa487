// The standalone fake tenant as a child process: flags, the secret from stdin (never printed), clean stop.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCanary } from '../support/canary';
import { call } from './helpers';
import { GRANT_IMPERSONATION } from './index';

const CLI = join(__dirname, 'cli.ts');
const REPO = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'fake-tenant-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[], stdin = ''): { child: ChildProcessWithoutNullStreams; out: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.end(stdin);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

async function baseUrlOf(run: ReturnType<typeof start>): Promise<string> {
  for (;;) {
    const m = /baseUrl=(http:\/\/127\.0\.0\.1:\d+)/.exec(run.out());
    if (m?.[1]) return m[1];
    const done = await Promise.race([run.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
    if (done) throw new Error(`fake tenant exited early:\n${run.out()}`);
  }
}

describe('fake-tenant CLI', () => {
  it('reads the secret from stdin, allows the given origins, never prints the secret and stops on SIGTERM', async () => {
    const secret = makeCanary('CLI');
    const run = start(['--port', '0', '--allowed-origin', 'http://localhost:47321', '--secret-from-stdin'], `${secret}\n`);
    const baseUrl = await baseUrlOf(run);
    const mint = await call(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: 'kiosk-imp', client_secret: secret, grant_type: GRANT_IMPERSONATION, user_lookup: { field: 'userId', value: 'u-1' } }),
    });
    expect(mint.status).toBe(200);
    const pre = await call(`${baseUrl}/api/v1/users/me`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:47321', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out()).toMatch(/stopped \(SIGTERM\)/);
    expect(run.out()).not.toContain(secret);
    // It says what it serves: the client, how its secret was handled, the origin it trusts, users, apps, routes.
    for (const said of ['  kiosk-imp\n', 'secret: read from stdin, not shown', 'allowed origins: http://localhost:47321', 'u-3  Carol subject CORP\\carol (disabled)', 'app-1  "Sales": sheets sheet-1, sheet-2', 'POST /__fake/revoke']) {
      expect(run.out()).toContain(said);
    }
  });

  it('says when its client allows no origin and how to add Qiosk\'s', async () => {
    const run = start(['--port', '0']);
    await baseUrlOf(run);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain('allowed origins: none — every browser request is refused; for Qiosk pass --allowed-origin http://localhost:47321');
    expect(run.out()).toContain('secret: the fake tenant\'s published default "fake-client-secret"');
  });

  it('takes options from --config and stops on SIGINT', async () => {
    const config = join(dir, 'tenant.json');
    writeFileSync(config, JSON.stringify({ accessTokenTtlSec: 120, response: { tokenType: 'Bearer' } }));
    const run = start(['--config', config]);
    const baseUrl = await baseUrlOf(run);
    const r = await call(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'kiosk-imp', client_secret: 'fake-client-secret', grant_type: GRANT_IMPERSONATION, 'user_lookup[field]': 'userId', 'user_lookup[value]': 'u-1' }).toString(),
    });
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 120 });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--config', join(dir, 'missing.json')], /cannot read it \(ENOENT\)/],
    [['--allowed-origin', 'http://localhost:1/path'], /must be an origin like/],
    [['--secret-from-stdin'], /no secret on stdin/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const run = start(args);
    expect(await run.exited).toBe(2);
    expect(run.out()).toMatch(message);
  });

  it('names the bad fields of a config file without echoing their values', async () => {
    const config = join(dir, 'bad.json');
    const secret = makeCanary('CONFIG');
    writeFileSync(config, JSON.stringify({ accessTokenTtlSec: -5, clients: [{ clientId: 'x', clientSecret: secret, allowedGrantTypes: 'all' }] }));
    const run = start(['--config', config]);
    expect(await run.exited).toBe(2);
    expect(run.out()).toMatch(/accessTokenTtlSec/);
    expect(run.out()).toMatch(/clients\.0\.allowedGrantTypes/);
    expect(run.out()).not.toContain(secret);
  });
});
