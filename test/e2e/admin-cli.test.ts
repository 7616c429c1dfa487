// The admin CLI in the real Electron executable (`electron . secret …`, as an installed Qiosk runs `qiosk secret …`):
// stdin, stdout and the exit code through Electron's main process, the real keychain. Runs wherever an Electron
// binary exists; elsewhere the file is skipped, and `npm test` says so.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { REPO } from '../harness/qiosk-harness';
import { makeCanary } from '../support/canary';
import { electronExecutable, SKIP_REASON } from './electron-binary';

const exe = electronExecutable();
const suite = exe ? describe : describe.skip;

const run = (args: string[], input = '') => spawnSync(exe!, [REPO, ...args], { input, encoding: 'utf8', timeout: 60_000 });

suite(exe ? 'Electron e2e: the admin CLI' : `Electron e2e: the admin CLI (skipped: ${SKIP_REASON})`, () => {
  const clientId = `e2e-cli-${randomUUID()}`;
  const secret = makeCanary();
  afterAll(async () => void (await createKeytarStore().delete(clientId).catch(() => false)));

  it('secret check (missing: 1), set from stdin (0), check (0); no window, nothing echoed', () => {
    expect(run(['secret', 'check', '--client-id', clientId]).status).toBe(1);
    const set = run(['secret', 'set', '--client-id', clientId], `${secret}\n`);
    expect([set.status, set.stdout]).toEqual([0, expect.stringMatching(/Stored the client secret/)]);
    const check = run(['secret', 'check', '--client-id', clientId, '--json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ command: 'secret check', exitCode: 0, ok: true });
    for (const r of [set, check]) expect(r.stdout + r.stderr).not.toContain(secret);
  });
});
