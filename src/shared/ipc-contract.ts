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
  /** The preload saw the escape gesture (trusted taps only, escape-gesture.ts): main may open the PIN prompt. */
  escapeGesture: 'qiosk:escape-gesture',
  /** The admin window's own channels (its own preload): no content window can call them. */
  adminUnlock: 'qiosk:admin-unlock',
  adminDiagnostics: 'qiosk:admin-diagnostics',
  adminLeaveKiosk: 'qiosk:admin-leave-kiosk',
  adminReloadScreen: 'qiosk:admin-reload-screen',
  adminQuit: 'qiosk:admin-quit',
} as const;
export type Channel = (typeof Channels)[keyof typeof Channels];

/** Which windows may call a channel. 'content': the main frame of a content window (a screen), on the renderer
 * origin. 'admin': the main frame of the admin window, on the admin page; no content window is one. */
export type SenderKind = 'content' | 'admin';
export const channelSenders: { [C in Channel]: SenderKind } = {
  [Channels.getAccessToken]: 'content',
  [Channels.reportHealth]: 'content',
  [Channels.escapeGesture]: 'content',
  [Channels.adminUnlock]: 'admin',
  [Channels.adminDiagnostics]: 'admin',
  [Channels.adminLeaveKiosk]: 'admin',
  [Channels.adminReloadScreen]: 'admin',
  [Channels.adminQuit]: 'admin',
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
/** Sent on every change and as the heartbeat; every report carries the whole page's state (idempotent): the
 * tiles of the slide on screen (a slide being prepared hidden is not reported until it shows). */
export interface HealthReport {
  tiles: TileReport[];
  /** The slide on screen, by index in the playlist the page was loaded with (absent: 0). */
  slide?: number;
}
/** Main's answer: what the page should do to its tiles (by index). The page never heals itself otherwise. */
export interface HealthDirectives {
  remount: number[];
  unavailable: number[];
}
export const MAX_TILES = 64;

/** The admin window's unlock: `ok`, or locked out until `retryAt` (epoch ms) after wrong PINs. */
export type UnlockResult = { ok: true } | { ok: false; retryAt?: number };
/** One screen as the admin view lists it. */
export interface AdminScreen {
  id: string;
  open: boolean;
  showing?: string;
  slide?: number;
  display?: string;
  state?: string;
}
/** What the admin view shows IT (never a secret: no token, only its state and expiry). */
export interface Diagnostics {
  version: string;
  configSources: string[];
  identity: string;
  token: { state: string; expiresAt?: number };
  displays: string[];
  screens: AdminScreen[];
  heals: { at: number; screen: string; cause: string; rung: string }[];
  logFile: string;
  /** The IT detail of the status screen showing now, if any (code and admin-safe line). */
  status?: { code: string; message: string; screen: string; retryAt?: number };
  /** Kiosk mode is left until then (epoch ms). */
  kioskLeftUntil?: number;
  /** The longest kiosk mode may be left for (the policy's admin.leaveMinutes). */
  leaveMinutesMax: number;
}
export const MAX_LEAVE_MINUTES = 240;

export interface Contract {
  [Channels.getAccessToken]: { args: []; result: TokenResult };
  [Channels.reportHealth]: { args: [HealthReport]; result: HealthDirectives };
  [Channels.escapeGesture]: { args: []; result: void };
  [Channels.adminUnlock]: { args: [string]; result: UnlockResult };
  [Channels.adminDiagnostics]: { args: []; result: Diagnostics };
  [Channels.adminLeaveKiosk]: { args: [number]; result: { until: number } };
  [Channels.adminReloadScreen]: { args: [string]; result: { ok: boolean } };
  [Channels.adminQuit]: { args: []; result: void };
}

const onlyKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

export function isTileReport(v: unknown): v is TileReport {
  return isPlainObject(v) && onlyKeys(v, ['phase', 'mounted', 'status', 'rule']) &&
    (TILE_PHASES as readonly unknown[]).includes(v['phase']) && typeof v['mounted'] === 'boolean' &&
    (v['rule'] === undefined || (PROBE_RULES as readonly unknown[]).includes(v['rule'])) &&
    (v['status'] === undefined || (Number.isInteger(v['status']) && (v['status'] as number) >= 100 && (v['status'] as number) <= 599));
}

export const MAX_SLIDES = 100;
export function isHealthReport(v: unknown): v is HealthReport {
  return isPlainObject(v) && onlyKeys(v, ['tiles', 'slide']) && Array.isArray(v['tiles']) && v['tiles'].length <= MAX_TILES && v['tiles'].every(isTileReport) &&
    (v['slide'] === undefined || (Number.isInteger(v['slide']) && (v['slide'] as number) >= 0 && (v['slide'] as number) < MAX_SLIDES));
}

/** Argument validators per channel: the handler wrapper refuses any call whose arguments do not match. */
export const argumentChecks: { [C in Channel]: (args: unknown[]) => args is Contract[C]['args'] } = {
  [Channels.getAccessToken]: (args): args is [] => args.length === 0,
  [Channels.reportHealth]: (args): args is [HealthReport] => args.length === 1 && isHealthReport(args[0]),
  [Channels.escapeGesture]: (args): args is [] => args.length === 0,
  // Any string up to the longest PIN: a wrong one is a wrong PIN (counted), not a refused call.
  [Channels.adminUnlock]: (args): args is [string] => args.length === 1 && typeof args[0] === 'string' && args[0].length <= 12,
  [Channels.adminDiagnostics]: (args): args is [] => args.length === 0,
  [Channels.adminLeaveKiosk]: (args): args is [number] => args.length === 1 && Number.isInteger(args[0]) && (args[0] as number) >= 1 && (args[0] as number) <= MAX_LEAVE_MINUTES,
  [Channels.adminReloadScreen]: (args): args is [string] => args.length === 1 && typeof args[0] === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(args[0]),
  [Channels.adminQuit]: (args): args is [] => args.length === 0,
};

/** Non-secret settings the renderer fetches from its own origin (answered in-process by main). */
export const RENDERER_CONFIG_PATH = '/qiosk-config.json';
export const STATUS_PAGE_PATH = '/status.html';
/** A screen dark by its schedule: black, no script, no embed (no tenant session). */
export const OFF_PAGE_PATH = '/off.html';
/** The admin window's page (PIN prompt, then the admin view); only the admin window's preload reaches main. */
export const ADMIN_PAGE_PATH = '/admin.html';
/** The name the admin preload exposes its API under (admin.html only). */
export const ADMIN_GLOBAL = 'qioskAdmin';
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

/** One slide of a playlist: a layout of 1–12 embeds (one is full screen), shown for `dwellMs`. */
export interface RendererSlide {
  embeds: RendererEmbed[];
  dwellMs: number;
}
/** How a screen's page looks (the page reads its screen, playlist and start slide from its URL: contentPath). */
export interface RendererScreen {
  zoom: number;
  hideCursor: boolean;
}

export interface RendererConfig {
  tenantHost: string;
  clientId: string;
  playlists: Record<string, RendererSlide[]>;
  screens: Record<string, RendererScreen>;
  /** Rotation: the next slide mounts hidden this long before the dwell ends, and shows at most `readyBoundMs`
   * after it even if not rendered (a slide that never renders must not stop the wall). */
  rotation: { prepareLeadMs: number; readyBoundMs: number };
  /** Shown as a banner: the content comes from Qiosk's fake demo tenant, not a real Qlik Cloud tenant. */
  demo: boolean;
  /** How the page watches its embeds (from the config's `supervisor` section). */
  health: RendererHealthTiming;
  /** After this long without input the page goes back to its start state; absent: never. */
  idleResetMs?: number;
}

/** A screen's content page: the page reads these from its own URL (main loads it; the page never navigates). */
export function contentPath(screen: string, playlist: string, slide: number): string {
  return `/?${new URLSearchParams({ screen, playlist, slide: String(slide) }).toString()}`;
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
