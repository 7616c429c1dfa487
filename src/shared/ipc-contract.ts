// The one IPC contract, imported by main, preload, renderer types and tests. Adding a channel means adding
// it here with its argument schema and result type; main registers it through src/main/ipc/register.ts.
// (Schemas are plain predicates, not zod, so the sandboxed preload bundle stays tiny.)

import type { EmbedUi, InitialState, InteractionMode } from './embeds';
import { isPlainObject } from './plain-object';

/** The name qlik-embed resolves as `globalThis[name]` (dotted paths are not supported). */
export const BRIDGE_GLOBAL = 'qioskGetAccessToken';
/** The page's one way to tell main how its embeds are doing (and that it is alive): see HealthReport. */
export const HEALTH_GLOBAL = 'qioskReportHealth';

export const Channels = {
  getAccessToken: 'qiosk:get-access-token',
  reportHealth: 'qiosk:report-health',
} as const;
export type Channel = (typeof Channels)[keyof typeof Channels];

/** Which windows may call a channel. 'content': the main frame of a content window, on the renderer origin.
 * (Later kinds, e.g. 'admin', name windows only their own channels accept.) */
export type SenderKind = 'content';
export const channelSenders: { [C in Channel]: SenderKind } = {
  [Channels.getAccessToken]: 'content',
  [Channels.reportHealth]: 'content',
};

export type TokenResult =
  | { ok: true; accessToken: string }
  /** Main has taken over the window (status screen) and will bring the content back by itself. */
  | { ok: false; code: string };

/** One embed's state as the page sees it (src/renderer/embed-health.ts). `error`: a check after qlik-embed's
 * error event failed; `session-lost`: a rendered tile's check failed; `resuming`: its engine call is waiting
 * on a runtime that is reconnecting (never remounted while it lasts); `timeout`: not rendered in time. */
export const TILE_PHASES = ['loading', 'rendered', 'resuming', 'error', 'timeout', 'session-lost', 'unavailable'] as const;
export type TilePhase = (typeof TILE_PHASES)[number];
/** How the page checked the tile: its app's engine session (getDoc → getAppProperties), its own object
 * (getObject → getLayout), or only that it shows something (no check reaches the engine). */
export const PROBE_RULES = ['doc', 'object', 'visible'] as const;
export type ProbeRule = (typeof PROBE_RULES)[number];
export interface TileReport {
  phase: TilePhase;
  /** The runtime took the element (its ref API answered). */
  mounted: boolean;
  /** The HTTP status the page's check met (a number, or a numeric string in Qlik's errors), if any. */
  status?: number;
  rule?: ProbeRule;
}
/** Sent on every change and as the heartbeat; every report carries the whole page's state (idempotent). */
export interface HealthReport {
  tiles: TileReport[];
}
/** Main's answer: what the page should do to its tiles (by index). The page never heals itself otherwise. */
export interface HealthDirectives {
  remount: number[];
  unavailable: number[];
}
export const MAX_TILES = 64;

export interface Contract {
  [Channels.getAccessToken]: { args: []; result: TokenResult };
  [Channels.reportHealth]: { args: [HealthReport]; result: HealthDirectives };
}

const onlyKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

export function isTileReport(v: unknown): v is TileReport {
  return isPlainObject(v) && onlyKeys(v, ['phase', 'mounted', 'status', 'rule']) &&
    (TILE_PHASES as readonly unknown[]).includes(v['phase']) && typeof v['mounted'] === 'boolean' &&
    (v['rule'] === undefined || (PROBE_RULES as readonly unknown[]).includes(v['rule'])) &&
    (v['status'] === undefined || (Number.isInteger(v['status']) && (v['status'] as number) >= 100 && (v['status'] as number) <= 599));
}

export function isHealthReport(v: unknown): v is HealthReport {
  return isPlainObject(v) && onlyKeys(v, ['tiles']) && Array.isArray(v['tiles']) && v['tiles'].length <= MAX_TILES && v['tiles'].every(isTileReport);
}

/** Argument validators per channel: the handler wrapper refuses any call whose arguments do not match. */
export const argumentChecks: { [C in Channel]: (args: unknown[]) => args is Contract[C]['args'] } = {
  [Channels.getAccessToken]: (args): args is [] => args.length === 0,
  [Channels.reportHealth]: (args): args is [HealthReport] => args.length === 1 && isHealthReport(args[0]),
};

/** Non-secret settings the renderer fetches from its own origin (answered in-process by main). */
export const RENDERER_CONFIG_PATH = '/qiosk-config.json';
export const STATUS_PAGE_PATH = '/status.html';
/** The status page polls this for the current cause and next attempt, so main need not reload it per retry. */
export const STATUS_INFO_PATH = '/qiosk-status.json';
/** The window's last good picture, kept in main's memory only, shown dimmed behind an outage's status. */
export const LAST_GOOD_PATH = '/qiosk-last-good.png';

/** One embed as main resolved it (content.defaults applied, only settings its UI takes: src/shared/embeds.ts). */
export interface RendererEmbed {
  ui: EmbedUi;
  appId?: string;
  sheetId?: string;
  objectId?: string;
  fieldId?: string;
  assistantId?: string;
  theme?: string;
  language?: string;
  interactions?: InteractionMode;
  keyboardNavigation?: boolean;
  /** The app's start state (the same for every embed of one app). */
  initialState?: InitialState;
}

export interface RendererConfig {
  tenantHost: string;
  clientId: string;
  embeds: RendererEmbed[];
  /** Shown as a banner: the content comes from Qiosk's fake demo tenant, not a real Qlik Cloud tenant. */
  demo: boolean;
  /** How the page watches its embeds (from the config's `supervisor` section). */
  health: RendererHealthTiming;
  /** After this long without input the page goes back to its start state; absent: never. */
  idleResetMs?: number;
}

export interface RendererHealthTiming {
  /** An embed not rendered this long after mounting counts as failed (runtime unreachable, hung). */
  loadTimeoutMs: number;
  /** How often a rendered embed's engine session is probed (Qlik's sample: 2 min). */
  keepaliveMs: number;
  /** How often the page reports (main treats 3 missed reports as a hung page). */
  heartbeatMs: number;
}

/** What main puts in the status page's query string (never a secret: codes and an admin-safe line). */
export interface StatusInfo {
  code: string;
  /** For IT, in the log: never on a screen or in a URL (it can quote an upstream answer). */
  message: string;
  retryAt?: number;
  /** Epoch ms since when the content has been unavailable. */
  since?: number;
  /** A transient cause that has lasted past its bound (a host that never resolves, a tenant that keeps
   * refusing): no longer an outage that passes by itself, so the screen asks for IT. */
  escalated?: boolean;
}
