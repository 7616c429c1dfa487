import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { ADMIN_EXIT, runAdminCli } from '../../../../src/main/admin/run-admin-cli';
import type { SecretStore } from '../../../../src/main/core/ports';
import { SecretStoreError } from '../../../../src/main/secrets/secret-store';
import { makeCanary } from '../../../support/canary';

const missing = (): SecretStore => ({
  get: vi.fn(async (account: string) => { throw new SecretStoreError('secret_missing', { operation: 'get', account }); }),
  set: vi.fn(async () => {}), delete: vi.fn(async () => false),
});

const NOW = Date.parse('2026-12-04T12:00:00Z');
const health = (state: string, updatedAt = '2026-12-04T11:59:30Z') => JSON.stringify({
  schema: 1, version: '1.2.0', pid: 42, startedAt: '2026-12-04T08:00:00Z', updatedAt, uptimeSeconds: 14400, logFile: '/home/kiosk/.config/Qiosk/logs/main.log',
  screens: [{ id: 'lobby', state, ...(state === 'status' ? { code: 'tenant_unreachable' } : { playlist: 'main', slide: 1 }), heals: { reload: 1 }, tilesUnavailable: 0 }],
  token: { state: 'valid', expiresAt: '2026-12-04T14:00:00Z', mintsLast24h: 2 }, problems: [{ at: '2026-12-04T10:00:00Z', screen: 'lobby', what: 'healed (reload): hung' }],
});
const HEALTH = '/home/kiosk/.config/Qiosk/health.json';

async function run(argv: string[], files: Record<string, string> = {}, stdin = '') {
  let out = '';
  let err = '';
  const code = await runAdminCli({
    argv, stdin: Readable.from(stdin ? [stdin] : []), stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) },
    secrets: missing(), keys: missing(), now: () => NOW,
    deps: { platform: 'linux', env: {}, homedir: '/home/kiosk', readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))) },
  });
  return { code, out, err };
}

describe('the admin CLI dispatcher', () => {
  it('help lists every command; no command is a usage error', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(ADMIN_EXIT.ok);
    for (const c of ['secret set|check|delete', 'key generate|import|show-public', 'config validate|show', 'pin set']) expect(help.out).toContain(c);
    expect((await run([])).code).toBe(ADMIN_EXIT.usage);
  });

  it('never echoes an unknown first argument (a secret pasted in the wrong place), nor a key given as an option', async () => {
    const canary = makeCanary();
    for (const argv of [[canary], ['key', 'import', '--client-id', 'c', `--${canary}`], ['key', canary, '--client-id', 'c'], [canary, '--json'], ['secret', canary, '--json']]) {
      const r = await run(argv);
      expect(r.code).toBe(ADMIN_EXIT.usage);
      expect(r.out + r.err).not.toContain(canary.slice(7));
    }
  });

  it('--json: one object per run, whatever the command said, with its exit code', async () => {
    const r = await run(['config', 'validate', 'c.json', '--json'], { 'c.json': '{"tenant": {},}' });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({ command: 'config validate', exitCode: 1, ok: false, output: '' });
    expect(j['error']).toMatch(/c\.json: invalid JSON at line 1, column 14: remove this trailing comma/);
    const s = JSON.parse((await run(['secret', 'check', '--client-id', 'abc', '--json'])).out) as Record<string, unknown>;
    expect(s).toMatchObject({ command: 'secret check', exitCode: 1, ok: false, output: expect.stringMatching(/^missing: /) });
  });

  it('key: --bits other than 2048, 3072 or 4096 is a usage error; a missing client id says where to find it', async () => {
    expect((await run(['key', 'generate', '--client-id', 'c', '--bits', '1024'])).err).toMatch(/--bits is 2048, 3072 or 4096/);
    expect((await run(['key', 'show-public'])).err).toMatch(/needs --client-id <id>: the OAuth client id from the Qlik console/);
  });

  it.each<[string, string | undefined, number, RegExp]>([
    ['every screen on content', health('content'), 0, /screen lobby: content, slide 2.*heals reload ×1[\s\S]*token: valid until 2026-12-04T14:00:00Z; 2 minted in 24 h[\s\S]*healed \(reload\): hung[\s\S]*log: \/home\/kiosk/],
    ['a screen on its status screen', health('status'), 1, /screen lobby: status \(tenant_unreachable\)/],
    ['a file not rewritten for minutes', health('content', '2026-12-04T11:50:00Z'), 1, /10 min old: Qiosk is not running, or is hung/],
    ['no file', undefined, 1, /No health file at \/home\/kiosk\/\.config\/Qiosk\/health\.json: Qiosk has not run as this user yet/],
  ])('status: %s', async (_name, file, code, says) => {
    const r = await run(['status'], file === undefined ? {} : { [HEALTH]: file });
    expect([r.code, r.out]).toEqual([code, expect.stringMatching(says)]);
  });

  it('status --json carries the health file and whether it is stale', async () => {
    const j = JSON.parse((await run(['status', '--json'], { [HEALTH]: health('content') })).out) as { data: { stale: boolean; version: string } };
    expect(j.data).toMatchObject({ stale: false, version: '1.2.0' });
  });
});
