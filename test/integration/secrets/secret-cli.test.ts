// The secret CLI end to end: real processes, the real keychain of scripts/with-keyring.sh, a canary secret
// that must reach the keychain and nothing else (no output, no file).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as keytar from 'keytar';
import { beforeAll, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../../src/main/secrets/secret-store';
import { REPO, TSX, canaryScanRoots, describeWithKeyring, exec, filesContaining, tempDir, type Exec } from './keyring-env';

const CLI = join(REPO, 'src/main/admin-cli.ts');

describeWithKeyring('secret CLI against the real keychain', () => {
  const started = Date.now();
  const canary = `CANARY-${randomUUID()}`;
  const clientId = `cli-${randomUUID()}`;
  // Created in beforeAll: a skipped suite still runs this body, and must leave nothing behind.
  let home = '';
  let env: NodeJS.ProcessEnv = {};
  beforeAll(() => {
    home = tempDir('home'); // the children's HOME, scanned for the canary at the end
    env = { ...process.env, HOME: home };
  });

  async function cli(args: string[], input = ''): Promise<Exec> {
    const r = await exec(TSX[0], [...TSX.slice(1), CLI, 'secret', ...args], { env, input });
    expect(r.stdout + r.stderr).not.toContain(canary);
    return r;
  }

  it('set reads the piped secret, check finds it, and neither prints it', async () => {
    const set = await cli(['set', '--client-id', clientId], `${canary}\n`);
    expect(set.stdout).toMatch(/Stored the client secret/);
    expect(set.code).toBe(0);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, clientId)).toBe(canary);

    const check = await cli(['check', '--client-id', clientId]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^present: /);
  });

  it('refuses the secret as an argument (exit 2) and leaves the stored one alone', async () => {
    const r = await cli(['set', '--client-id', clientId, `--client-secret=${canary}-new`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refusing "--client-secret".*process lists/);
    const stray = await cli(['set', '--client-id', clientId, `${canary}-new`], `${canary}-new\n`);
    expect(stray.code).toBe(2);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, clientId)).toBe(canary);
  });

  it('refuses an empty piped stdin (exit 2)', async () => {
    const r = await cli(['set', '--client-id', clientId], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no secret on stdin/);
  });

  it('delete removes it (0), then check and delete report missing (1)', async () => {
    expect((await cli(['delete', '--client-id', clientId])).code).toBe(0);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, clientId)).toBeNull();
    const check = await cli(['check', '--client-id', clientId]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`^missing: .*set --client-id ${clientId}`));
    expect((await cli(['delete', '--client-id', clientId])).code).toBe(1);
  });

  it('in a real terminal (a pty from `script`) the typed secret is stored and never echoed', async () => {
    const ttyId = `${clientId}-tty`;
    const command = [...TSX, CLI, 'secret', 'set', '--client-id', ttyId].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env, cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    const exited = new Promise<number | null>((done) => child.on('close', done));
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      // Type only once the hidden prompt shows: type-ahead would be echoed by the pty before raw mode.
      if (!typed && screen.includes('input hidden')) {
        typed = true;
        child.stdin.write(`${canary}\r`);
      }
    });
    const code = await exited;
    child.stdin.end();
    expect(typed).toBe(true);
    expect(screen).toMatch(/Stored the client secret/);
    expect(code).toBe(0);
    expect(screen).not.toContain(canary);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, ttyId)).toBe(canary);
    expect(await keytar.deletePassword(KEYCHAIN_SERVICE, ttyId)).toBe(true);
  });

  it('nothing was written elsewhere: no file in the temp HOME, keyring dirs, temp dirs or repo holds the canary', () => {
    expect(filesContaining(canaryScanRoots([home]), canary)).toEqual([]);
    expect(filesContaining([tmpdir()], canary, started)).toEqual([]);
  });
});
