// What a kiosk reports about itself for remote monitoring (the health file and the loopback endpoint): version,
// uptime, each screen's state, slide, last render, heals by rung and tiles unavailable, the token's state, and the
// latest problems. Built from the running core like the admin view's diagnostics; never a secret or a token, and
// messages pass through the one masking implementation.
import type { Core } from '../app/start-core';
import type { Services } from '../app/services';

export const HEALTH_SCHEMA = 1;
const PROBLEMS_KEPT = 20;

export interface ScreenHealth {
  id: string;
  /** content: its content page is up; status: a status screen covers it (code says why); off: black by its
   * schedule; healing / capped: its supervisor is reloading it, or stopped after too many heals; closed: no display. */
  state: 'content' | 'status' | 'off' | 'healing' | 'capped' | 'closed';
  code?: string;
  playlist?: string;
  slide?: number;
  /** When the screen last showed every embed rendered (its last good picture). */
  lastRenderAt?: string;
  heals: Record<string, number>;
  tilesUnavailable: number;
}

export interface HealthStatus {
  schema: typeof HEALTH_SCHEMA;
  version: string;
  pid: number;
  startedAt: string;
  updatedAt: string;
  uptimeSeconds: number;
  logFile: string;
  screens: ScreenHealth[];
  token: { state: string; expiresAt?: string; lastFailure?: { code: string; at: string }; mintsLast24h: number };
  problems: { at: string; screen?: string; what: string }[];
}

export interface HealthMeta {
  version: string;
  pid: number;
  startedAt: number;
  logFile: string;
  redact(text: string): string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `since(key, now)` says when a status was first seen (a status without its own start time would otherwise look
 * new at every look, and the file would be rewritten for nothing). */
export function buildHealth(core: Core, services: Services, meta: HealthMeta, now: number, since: (key: string, now: number) => number = (_k, t) => t): HealthStatus {
  const heals = core.heals();
  const screens = core.wall.snapshot().map((s): ScreenHealth => {
    const open = core.screens.get(s.id);
    const byRung: Record<string, number> = {};
    for (const h of heals) if (h.screen === s.id) byRung[h.rung] = (byRung[h.rung] ?? 0) + 1;
    if (!open) return { id: s.id, state: 'closed', heals: byRung, tilesUnavailable: 0 };
    const content = open.content;
    const status = open.status();
    const sup = open.supervisor.health.state;
    const state: ScreenHealth['state'] = status ? 'status' : content === 'off' ? 'off' : sup === 'content' ? 'content' : sup;
    const lastGood = open.lastGoodAt();
    return {
      id: s.id, state,
      ...(status ? { code: status.code } : {}),
      ...(typeof content === 'object' ? { playlist: content.playlist, slide: content.slide } : {}),
      ...(lastGood === undefined ? {} : { lastRenderAt: iso(lastGood) }),
      heals: byRung,
      tilesUnavailable: open.triage.tiles.filter((t) => t.phase === 'unavailable').length,
    };
  });
  const token = services.broker.describe(services.identity);
  const stats = services.broker.stats(now);
  const problems = [
    ...heals.map((h) => ({ at: h.at, screen: h.screen, what: `healed (${h.rung}): ${h.cause}` })),
    ...(stats?.lastFailure ? [{ at: stats.lastFailure.at, what: `token request failed: ${stats.lastFailure.code}` }] : []),
    ...[...core.screens.values()].flatMap((sc) => {
      const st = sc.status();
      return st ? [{ at: st.since ?? since(`${sc.id} ${st.code}`, now), screen: sc.id, what: `status screen: ${st.code}` }] : [];
    }),
  ].sort((a, b) => a.at - b.at).slice(-PROBLEMS_KEPT).map((p) => ({ ...p, at: iso(p.at), what: meta.redact(p.what) }));
  return {
    schema: HEALTH_SCHEMA,
    version: meta.version,
    pid: meta.pid,
    startedAt: iso(meta.startedAt),
    updatedAt: iso(now),
    uptimeSeconds: Math.round((now - meta.startedAt) / 1000),
    logFile: meta.logFile,
    screens,
    token: {
      state: token.state,
      ...(token.expiresAt === undefined ? {} : { expiresAt: iso(token.expiresAt) }),
      ...(stats?.lastFailure ? { lastFailure: { code: stats.lastFailure.code, at: iso(stats.lastFailure.at) } } : {}),
      mintsLast24h: stats?.mintsLast24h ?? 0,
    },
    problems,
  };
}
