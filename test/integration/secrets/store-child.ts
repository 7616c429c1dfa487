// Child process for the keychain tests: runs the real keytar store against whatever D-Bus session
// its environment points at. Reads {account, ops} as JSON on stdin (never argv), prints one RESULTS line.
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { SecretStoreError } from '../../../src/main/secrets/secret-store';
import type { StoreOp, StoreResult } from './keyring-env';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const { account, ops } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { account: string; ops: StoreOp[] };
  const store = createKeytarStore();
  const results: StoreResult[] = [];
  for (const step of ops) {
    try {
      const value =
        step.op === 'get' ? await store.get(account) : step.op === 'set' ? await store.set(account, step.value) : await store.delete(account);
      results.push({ op: step.op, ok: true, value: value ?? null });
    } catch (e) {
      if (!(e instanceof SecretStoreError)) throw e;
      results.push({ op: step.op, ok: false, code: e.code, message: e.message, ...(e.reason ? { reason: e.reason } : {}) });
    }
  }
  process.stdout.write(`RESULTS ${JSON.stringify(results)}\n`);
}

void main();
