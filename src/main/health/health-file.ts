// Keeps the health status where monitoring reads it: a JSON file in the app's data folder, replaced atomically
// (written beside it, then renamed over it, so a reader never sees half a file) whenever the status changes, and at
// least every `maxAgeMs` so its updatedAt shows the kiosk is alive. The status is looked at every `checkMs`.
import type { Clock, Log } from '../core/ports';
import type { HealthStatus } from './health-status';

export interface HealthFileFs {
  writeFile(path: string, data: string, options: { mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export interface HealthFileOptions {
  path: string;
  build(): HealthStatus;
  fs: HealthFileFs;
  clock: Clock;
  log: Log;
  checkMs?: number;
  maxAgeMs?: number;
}

/** The status without what changes every second, to tell a change of state from the passing of time. */
const stateOf = (h: HealthStatus) => JSON.stringify({ ...h, updatedAt: undefined, uptimeSeconds: undefined });

export function startHealthFile(o: HealthFileOptions): { stop(): void; writeNow(): Promise<void> } {
  const checkMs = o.checkMs ?? 2_000;
  const maxAgeMs = o.maxAgeMs ?? 60_000;
  let last: { state: string; at: number } | undefined;
  let stopped = false;
  let cancel = () => {};
  let failing = false;
  const tmp = `${o.path}.tmp-${process.pid}`;

  async function write(h: HealthStatus): Promise<void> {
    // Owner-only: it names screens, the log's path and the token's expiry; monitoring reads it as the kiosk user,
    // or through the endpoint.
    await o.fs.writeFile(tmp, `${JSON.stringify(h, null, 2)}\n`, { mode: 0o600 });
    await o.fs.rename(tmp, o.path);
  }

  async function check(force: boolean): Promise<void> {
    const h = o.build();
    const state = stateOf(h);
    const now = o.clock.now();
    if (!force && last && last.state === state && now - last.at < maxAgeMs) return;
    try {
      await write(h);
      last = { state, at: now };
      if (failing) o.log.info('health file written again', { path: o.path });
      failing = false;
    } catch (e) {
      // Said once until it works again: a full disk must not fill the log.
      if (!failing) o.log.warn('cannot write the health file', { path: o.path, why: e instanceof Error ? e.message : String(e) });
      failing = true;
    }
  }

  const loop = () => {
    if (stopped) return;
    cancel = o.clock.setTimeout(() => void check(false).finally(loop), checkMs);
  };
  void check(true).finally(loop);
  return {
    stop() {
      stopped = true;
      cancel();
    },
    writeNow: () => check(true),
  };
}
