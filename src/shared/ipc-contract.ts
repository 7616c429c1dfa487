// The one IPC contract, imported by main, preload, renderer types and tests. Adding a channel means adding
// it here with its argument schema and result type; main registers it through src/main/ipc/register.ts.
// (Schemas are plain predicates, not zod, so the sandboxed preload bundle stays tiny.)

/** The name qlik-embed resolves as `globalThis[name]` (dotted paths are not supported). */
export const BRIDGE_GLOBAL = 'qioskGetAccessToken';

export const Channels = {
  getAccessToken: 'qiosk:get-access-token',
} as const;
export type Channel = (typeof Channels)[keyof typeof Channels];

export type TokenResult =
  | { ok: true; accessToken: string }
  /** Main has taken over the window (status screen) and will bring the content back by itself. */
  | { ok: false; code: string };

export interface Contract {
  [Channels.getAccessToken]: { args: []; result: TokenResult };
}

/** Argument validators per channel: the handler wrapper refuses any call whose arguments do not match. */
export const argumentChecks: { [C in Channel]: (args: unknown[]) => args is Contract[C]['args'] } = {
  [Channels.getAccessToken]: (args): args is [] => args.length === 0,
};

/** Non-secret settings the renderer fetches from its own origin (served by main's renderer server). */
export const RENDERER_CONFIG_PATH = '/qiosk-config.json';
export const STATUS_PAGE_PATH = '/status.html';
/** The status page polls this for the current cause and next attempt, so main need not reload it per retry. */
export const STATUS_INFO_PATH = '/qiosk-status.json';

export interface RendererEmbed {
  ui: string;
  appId?: string;
  sheetId?: string;
  objectId?: string;
  fieldId?: string;
  theme?: string;
  language?: string;
}

export interface RendererConfig {
  tenantHost: string;
  clientId: string;
  embeds: RendererEmbed[];
  /** Shown as a banner: the content comes from Qiosk's fake demo tenant, not a real Qlik Cloud tenant. */
  demo: boolean;
}

/** What main puts in the status page's query string (never a secret: codes and an admin-safe line). */
export interface StatusInfo {
  code: string;
  /** For IT, in the log: never on a screen or in a URL (it can quote an upstream answer). */
  message: string;
  retryAt?: number;
  /** Epoch ms since when the content has been unavailable. */
  since?: number;
}
