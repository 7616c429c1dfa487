// Who, in the bench process, allocated what is still alive: V8's sampling heap profiler records a stack for about one
// allocation per `interval` bytes and drops the record when the object is collected, so a profile read after a GC
// holds what was allocated since sampling began and is still reachable. Read repeatedly, its slope is the growth
// (what is only replaced, the newest report instead of the last, levels off). Each sample is credited to the
// innermost frame from one of the process's owners: Qiosk's main services, the harness (Electron's transport
// emulated), Playwright's client, the fake tenant, the bench itself. The profile is read and summed by a child
// process over the inspector's websocket (heap-owners-reader.mts), so reading it allocates nothing in the heap it
// measures; and unlike a heap snapshot it never stops the event loop long enough for main's supervisor to see its
// pages fall silent.
import { spawn } from 'node:child_process';
import inspector from 'node:inspector';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const OWNERS = ['main', 'harness', 'playwright', 'fakeTenant', 'bench', 'other'] as const;
export type Owner = (typeof OWNERS)[number];
const REPO = path.resolve(import.meta.dirname, '../..');

/** The owner of a script, by its path; undefined for Node's own and native frames (the caller's owner counts). */
export function ownerOf(url: string, repo = REPO): Owner | undefined {
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  if (!file.startsWith('/')) return undefined; // node:internal, V8 builtins, (program), (garbage collector)
  if (file.includes('/node_modules/playwright-core/') || file.includes('/node_modules/playwright/')) return 'playwright';
  const rel = file.startsWith(`${repo}/`) ? file.slice(repo.length + 1) : undefined;
  if (rel === undefined || rel.startsWith('node_modules/')) return 'other';
  if (rel.startsWith('src/')) return 'main'; // src/main and src/shared: what runs in Electron's main process
  if (rel.startsWith('test/fake-tenant/')) return 'fakeTenant';
  if (rel.startsWith('test/')) return 'harness';
  if (rel.startsWith('bench/')) return 'bench';
  return 'other';
}

export interface HeapOwners { bytes: Record<Owner, number>; top: { owner: Owner; where: string; bytes: number }[] }

/** Starts sampling this process's heap (through its own inspector, opened on loopback for the child). */
export async function startHeapOwners(samplingInterval = 4096) {
  inspector.open(0, '127.0.0.1', false);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'heap-owners-reader.mts'), inspector.url()!, String(samplingInterval), REPO], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ask = async (command: string) => {
    child.stdin!.write(`${command}\n`);
    const { value, done } = await lines.next();
    if (done) throw new Error('the heap profile reader stopped');
    return JSON.parse(value as string) as unknown;
  };
  await ask('start');
  return {
    /** What allocated since the start is still alive (after a GC), by owner, and the largest allocation sites. */
    read: async () => (await ask('read')) as HeapOwners,
    /** Stops the reader. Sampling itself is left on until the process exits: stopping V8's sampling heap profiler
     * walks its whole allocation tree (a crash in that walk is known: nodejs/node#8702), and a 30-minute run is not
     * worth that risk at its very end. */
    stop: () => void child.stdin!.end(),
  };
}
