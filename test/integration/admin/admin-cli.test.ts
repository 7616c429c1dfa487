// The admin CLI as IT runs it: a real process (src/main/admin-cli.ts, the source checkout's entry of the same
// runAdminCli an installed Qiosk runs in its executable), the real keychain, stdin and exit codes. The private key
// must reach the keychain and nothing else: its private parts never show in any output or file.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as keytar from 'keytar';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jwkSensitiveValues, KEY_SERVICE, parseStoredKey } from '../../../src/main/secrets/client-key';
import { REPO, TSX, canaryScanRoots, describeWithKeyring, exec, filesContaining, tempDir, type Exec } from '../secrets/keyring-env';

const CLI = join(REPO, 'src/main/admin-cli.ts');

describeWithKeyring('admin CLI: keys, --json and exit codes against the real keychain', () => {
  const started = Date.now();
  const clientId = `cli-key-${randomUUID()}`;
  let home = '';
  let env: NodeJS.ProcessEnv = {};
  const outputs: string[] = [];
  beforeAll(() => {
    home = tempDir('home');
    env = { ...process.env, HOME: home };
  });
  afterAll(async () => void (await keytar.deletePassword(KEY_SERVICE, clientId)));

  async function cli(args: string[], input = ''): Promise<Exec> {
    const r = await exec(TSX[0], [...TSX.slice(1), CLI, ...args], { env, input });
    outputs.push(r.stdout + r.stderr);
    return r;
  }
  const privateParts = async () => jwkSensitiveValues(parseStoredKey((await keytar.getPassword(KEY_SERVICE, clientId))!).jwk);

  it('key show-public before any key: exit 1 and how to make one', async () => {
    const r = await cli(['key', 'show-public', '--client-id', clientId]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^missing: .*npm run admin -- key generate --client-id ${clientId}`));
  });

  it('key generate makes the key in the keychain and prints only its public half; show-public prints the same', async () => {
    const r = await cli(['key', 'generate', '--client-id', clientId]);
    expect(r.code).toBe(0);
    const pub = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(pub).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(r.stderr).toMatch(/Register the public key above .* set tenant\.clientAuth to "private_key_jwt"/);
    const stored = parseStoredKey((await keytar.getPassword(KEY_SERVICE, clientId))!);
    expect(stored.kid).toBe(pub['kid']);
    const again = await cli(['key', 'show-public', '--client-id', clientId]);
    expect([again.code, JSON.parse(again.stdout)]).toEqual([0, pub]);
  });

  it('a second generate keeps the registered key (exit 2) unless --replace; import reads a PEM from stdin', async () => {
    const before = await keytar.getPassword(KEY_SERVICE, clientId);
    const refused = await cli(['key', 'generate', '--client-id', clientId]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already stored .* add --replace/);
    expect(await keytar.getPassword(KEY_SERVICE, clientId)).toBe(before);
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const imported = await cli(['key', 'import', '--client-id', clientId, '--replace'], pem);
    expect(imported.code).toBe(0);
    expect(await keytar.getPassword(KEY_SERVICE, clientId)).not.toBe(before);
    const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of body) for (const o of outputs) expect(o).not.toContain(line);
  });

  it('--json: one object with the exit code, the output and the public key as data', async () => {
    const r = await cli(['key', 'show-public', '--client-id', clientId, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { command: string; exitCode: number; ok: boolean; data: { publicKey: { kid: string } } };
    expect(j).toMatchObject({ command: 'key show-public', exitCode: 0, ok: true });
    expect(j.data.publicKey.kid).toBe(parseStoredKey((await keytar.getPassword(KEY_SERVICE, clientId))!).kid);
    const usage = await cli(['frobnicate', '--json']);
    expect([usage.code, (JSON.parse(usage.stdout) as { exitCode: number }).exitCode]).toEqual([2, 2]);
  });

  it('no output and no file outside the keychain holds a private part of the key', async () => {
    const parts = await privateParts();
    for (const o of outputs) for (const p of parts) expect(o).not.toContain(p);
    for (const p of parts.slice(0, 2)) {
      expect(filesContaining(canaryScanRoots([home]), p)).toEqual([]);
      expect(filesContaining([tmpdir()], p, started)).toEqual([]);
    }
  });
});
