// Binds the health status to a running core: the file (always) and the loopback endpoint (health.port). Both the
// Electron entry and the Chromium harness call this, so the same status is tested that a fleet monitors.
import type { Core } from '../app/start-core';
import type { Services } from '../app/services';
import type { Clock, Log } from '../core/ports';
import { startHealthEndpoint, type HealthEndpoint } from './health-endpoint';
import { startHealthFile, type HealthFileFs } from './health-file';
import { buildHealth, type HealthMeta, type HealthStatus } from './health-status';

export interface HealthDeps {
  core: Core;
  services: Services;
  meta: HealthMeta;
  /** The health file (health.json in the app's data folder). */
  path: string;
  fs: HealthFileFs;
  clock: Clock;
  log: Log;
  checkMs?: number;
}

export interface Health {
  build(): HealthStatus;
  endpoint?: HealthEndpoint;
  stop(): Promise<void>;
}

export async function startHealth(d: HealthDeps): Promise<Health> {
  // When each status was first seen, kept while it shows (bounded by the screens × their status codes).
  const firstSeen = new Map<string, number>();
  const since = (key: string, now: number) => firstSeen.get(key) ?? (firstSeen.set(key, now), now);
  const build = () => {
    const h = buildHealth(d.core, d.services, d.meta, d.clock.now(), since);
    const showing = new Set(h.screens.flatMap((s) => (s.code ? [`${s.id} ${s.code}`] : [])));
    for (const k of firstSeen.keys()) if (!showing.has(k)) firstSeen.delete(k);
    return h;
  };
  const file = startHealthFile({ path: d.path, build, fs: d.fs, clock: d.clock, log: d.log, ...(d.checkMs === undefined ? {} : { checkMs: d.checkMs }) });
  const port = d.services.config.health.port;
  let endpoint: HealthEndpoint | undefined;
  try {
    endpoint = port === undefined ? undefined : await startHealthEndpoint({ port, build, log: d.log });
  } catch (e) {
    // Monitoring is not worth a dark screen: the kiosk runs on, the file still works, the log says why.
    d.log.error(e instanceof Error ? e.message : String(e));
  }
  return {
    build,
    ...(endpoint ? { endpoint } : {}),
    async stop() {
      file.stop();
      await endpoint?.close();
    },
  };
}
