// The health status in Prometheus's text exposition format (version 0.0.4), for a scraper on the same machine
// (node_exporter's textfile collector, or the loopback endpoint). Pure.
import type { HealthStatus, ScreenHealth } from './health-status';

const STATES: readonly ScreenHealth['state'][] = ['content', 'status', 'off', 'healing', 'capped', 'closed'];
const TOKEN_STATES = ['valid', 'expired', 'none', 'failing'];

/** A label value as the format escapes it: backslash, double quote and line feed. */
const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const seconds = (isoTime: string | undefined) => (isoTime === undefined ? undefined : Date.parse(isoTime) / 1000);

export function prometheusText(h: HealthStatus): string {
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, rows: [Record<string, string>, number | undefined][]) => {
    const present = rows.filter((r): r is [Record<string, string>, number] => r[1] !== undefined && Number.isFinite(r[1]));
    if (present.length === 0) return;
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of present) {
      const l = Object.entries(labels).map(([k, v]) => `${k}="${label(v)}"`).join(',');
      out.push(`${name}${l ? `{${l}}` : ''} ${value}`);
    }
  };
  metric('qiosk_info', 'gauge', 'Qiosk version (always 1).', [[{ version: h.version }, 1]]);
  metric('qiosk_uptime_seconds', 'gauge', 'Seconds since Qiosk started.', [[{}, h.uptimeSeconds]]);
  metric('qiosk_health_updated_timestamp_seconds', 'gauge', 'When this status was made (Unix time).', [[{}, seconds(h.updatedAt)]]);
  metric('qiosk_screen_state', 'gauge', 'What each screen shows: 1 for its current state, 0 for the others.',
    h.screens.flatMap((s) => STATES.map((st): [Record<string, string>, number] => [{ screen: s.id, state: st }, s.state === st ? 1 : 0])));
  metric('qiosk_screen_slide', 'gauge', 'The slide each screen shows (0-based).', h.screens.map((s) => [{ screen: s.id }, s.slide]));
  metric('qiosk_screen_last_render_timestamp_seconds', 'gauge', 'When each screen last showed every embed rendered (Unix time).', h.screens.map((s) => [{ screen: s.id }, seconds(s.lastRenderAt)]));
  metric('qiosk_screen_heals', 'gauge', 'Recent heals of each screen by rung (the latest 20 of all screens).', h.screens.flatMap((s) => Object.entries(s.heals).map(([rung, n]): [Record<string, string>, number] => [{ screen: s.id, rung }, n])));
  metric('qiosk_screen_tiles_unavailable', 'gauge', 'Tiles whose content is gone or forbidden on each screen.', h.screens.map((s) => [{ screen: s.id }, s.tilesUnavailable]));
  metric('qiosk_token_state', 'gauge', 'The impersonation token: 1 for its current state, 0 for the others.', TOKEN_STATES.map((st) => [{ state: st }, h.token.state === st ? 1 : 0]));
  metric('qiosk_token_expiry_timestamp_seconds', 'gauge', 'When the current token expires (Unix time).', [[{}, seconds(h.token.expiresAt)]]);
  metric('qiosk_token_mints_last_24h', 'gauge', 'Tokens minted in the last 24 hours.', [[{}, h.token.mintsLast24h]]);
  metric('qiosk_token_last_failure_timestamp_seconds', 'gauge', 'When a token request last failed (Unix time).', [[{ code: h.token.lastFailure?.code ?? '' }, seconds(h.token.lastFailure?.at)]]);
  return `${out.join('\n')}\n`;
}
