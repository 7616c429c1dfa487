// The child of heap-owners.mts: drives the bench process's sampling heap profiler over its inspector websocket and
// answers each command on stdin ("start", "read") with one JSON line on stdout, until stdin ends.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { type HeapOwners, type Owner, OWNERS, ownerOf } from './heap-owners.mts';

interface ProfileNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: ProfileNode[] }
const [url, interval, repo] = process.argv.slice(2) as [string, string, string];
const ws = new WebSocket(url);
await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
let id = 0;
const pending = new Map<number, (r: { result?: unknown; error?: { message: string } }) => void>();
ws.on('message', (data) => {
  const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
  if (m.id !== undefined) pending.get(m.id)?.(m);
});
const send = (method: string, params: object = {}) => new Promise<unknown>((resolve, reject) => {
  const n = ++id;
  pending.set(n, (m) => {
    pending.delete(n);
    if (m.error) reject(new Error(`${method}: ${m.error.message}`));
    else resolve(m.result);
  });
  ws.send(JSON.stringify({ id: n, method, params }));
});

function summarize(head: ProfileNode): HeapOwners {
  const bytes = Object.fromEntries(OWNERS.map((o) => [o, 0])) as Record<Owner, number>;
  const sites = new Map<string, { owner: Owner; bytes: number }>();
  const walk = (n: ProfileNode, owner: Owner | undefined, where: string) => {
    const own = ownerOf(n.callFrame.url, repo);
    const o = own ?? owner;
    // The site: the innermost owned frame; with none on the stack (Node's own code: a socket read, a timer), the
    // innermost frame of any kind, so the table still says what allocated it.
    const name = () => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^file:\/\//, '').replace(`${repo}/`, '')}:${n.callFrame.lineNumber + 1}`;
    const w = own || (o === undefined && n.callFrame.url !== '') ? name() : where;
    if (n.selfSize > 0) {
      bytes[o ?? 'other'] += n.selfSize;
      const site = sites.get(w) ?? { owner: o ?? 'other', bytes: 0 };
      site.bytes += n.selfSize;
      sites.set(w, site);
    }
    for (const c of n.children) walk(c, o, w);
  };
  walk(head, undefined, '(no script frame)');
  return { bytes, top: [...sites].map(([where, s]) => ({ where, ...s })).sort((a, b) => b.bytes - a.bytes).slice(0, 8) };
}

for await (const command of createInterface({ input: process.stdin })) {
  if (command === 'start') {
    await send('HeapProfiler.enable');
    await send('HeapProfiler.startSampling', { samplingInterval: Number(interval) });
    process.stdout.write('{}\n');
  } else if (command === 'read') {
    await send('HeapProfiler.collectGarbage');
    const { profile } = (await send('HeapProfiler.getSamplingProfile')) as { profile: { head: ProfileNode } };
    process.stdout.write(`${JSON.stringify(summarize(profile.head))}\n`);
  }
}
ws.close();
