// Configuration of the fake tenant (reference §6.2): the zod schema that validates JSON config files and
// constructor options alike, the defaults, and the merge of a partial override onto them.
import { z } from 'zod';

export const GRANT_IMPERSONATION = 'urn:qlik:oauth:user-impersonation';
export const GRANT_CLIENT_CREDENTIALS = 'client_credentials';
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
export const ASSERTION_TYPE_JWT = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const DEFAULT_CLIENT_SECRET = 'fake-client-secret';

const clientSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  /** Public keys (JWKs) that verify private_key_jwt assertions (client-auth.ts). */
  jwks: z.array(z.record(z.string(), z.unknown())).optional(),
  allowedGrantTypes: z.array(z.string().min(1)),
  allowedScopes: z.array(z.string().min(1)),
  /** Browser origins, exact strings; may list "null" or "app://kiosk" for experiments. */
  allowedOrigins: z.array(z.string().min(1)),
});

const userSchema = z.strictObject({
  id: z.string().min(1),
  subject: z.string().min(1),
  email: z.string().optional(),
  name: z.string().optional(),
  status: z.enum(['active', 'disabled', 'deleted', 'invited']),
});

export const CHART_TYPES = ['barchart', 'linechart', 'piechart', 'kpi'] as const;
const contentSchema = z.strictObject({
  title: z.string().min(1),
  /** Objects only (qInfo.qType). */
  type: z.enum(CHART_TYPES).optional(),
  /** Sheets only: the object ids on the sheet, in reading order (absent: the app's objects). */
  cells: z.array(z.string()).optional(),
});

const appSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  sheets: z.array(z.string()),
  objects: z.array(z.string()),
  /** Users that may open the app; absent means every user. */
  allowedUserIds: z.array(z.string()).optional(),
  /** Objects of the app nobody may see (section access): the engine refuses GetObject with "access denied". */
  forbiddenObjects: z.array(z.string()).optional(),
  /** What the engine says of each sheet and object (GetLayout, app-content.ts), by id: its title, an object's
   * chart type, the objects a sheet lays out. An id not listed gets a made-up title and type, never its raw id. */
  content: z.record(z.string(), contentSchema).optional(),
});

/** How the stand-in runtime behaves where the real one is unknown or differs from our first stand-in
 * (shared/reference/qlik-embed-real-behaviour.md). `worst-case`: every embed hands over a ref API with getDoc, errors
 * carry numeric statuses, a dropped engine session never comes back and nothing tells the page. `known-real`: ref
 * APIs as the real types have them (getDoc only on analytics/chart, field and selections; a bare object for
 * analytics/sheet and classic/*; none for ai/*), error statuses as strings or absent, a deleted app reported as a
 * `fatalerror` without a status; sessions never resume. `self-resuming`: known-real, and a dropped session is
 * suspended and resumed on the next engine call with @qlik/api's websocket events. */
export const RUNTIME_MODES = ['worst-case', 'known-real', 'self-resuming'] as const;
export type RuntimeMode = (typeof RUNTIME_MODES)[number];

export const optionsSchema = z.strictObject({
  bind: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  clients: z.array(clientSchema).min(1),
  users: z.array(userSchema),
  apps: z.array(appSchema),
  accessTokenTtlSec: z.number().int().positive(),
  exchangedTokenTtlSec: z.number().int().positive(),
  response: z.strictObject({
    includeExpiresIn: z.boolean(),
    includeExpiresAt: z.boolean(),
    /** "bearer" as the spec says, or "Bearer" to test that clients compare case-insensitively. */
    tokenType: z.string().min(1),
  }),
  /** "jwt" issues tokens that look like JWTs, to catch clients that decode opaque tokens. */
  tokenFormat: z.enum(['opaque', 'jwt']),
  rejectExchangeForClientCredentialsTokens: z.boolean(),
  enforceOrigin: z.boolean(),
  /** Token requests per user per minute, evaluated over a rolling window of `windowMinutes` (Qlik's Tier 2: 100 per
   * minute over 5 minutes, so a burst of 500 passes; the default window of 1 minute is stricter). */
  rateLimit: z.strictObject({ tokenEndpointPerMinute: z.number().int().positive(), windowMinutes: z.number().int().positive() }),
  /** Only the stub runtime exists so far (reference §6.5 "qlik-api-auth" is not built). */
  runtime: z.literal('stub'),
  runtimeMode: z.enum(RUNTIME_MODES),
  /** self-resuming only: how long a resume takes before its new websocket opens. */
  resumeDelayMs: z.number().int().nonnegative(),
  /** How long an embed takes to draw its content once its session is up ("Loading…" until then): real sheets take
   * a second or more; 0 draws at once. */
  drawDelayMs: z.number().int().nonnegative(),
  /** Accept user_lookup.field "email" (undocumented by Qlik). */
  allowEmailLookup: z.boolean(),
  /** Refuse token exchanges whose redirect_uri is not http(s). */
  requireHttpRedirectUri: z.boolean(),
  /** Websocket tokens work for one connection only. */
  singleUseWebsocketTokens: z.boolean(),
  /** 404 tests @qlik/api's "unknown platform" path. */
  productInfoStatus: z.union([z.literal(200), z.literal(404)]),
  /** When set, advancing the clock past a socket's parent access token expiry closes it with this code. */
  closeOnParentExpiry: z.strictObject({ code: z.number().int(), reason: z.string() }).nullable(),
  /** Epoch ms the fake clock starts at (default: real now). */
  startTimeMs: z.number().int().nonnegative().optional(),
  /** The clock also moves with real time (the demo: each token expires its own lifetime after it was minted);
   * tests keep it still and move it with `advance`. */
  wallClock: z.boolean(),
});

export type FakeTenantOptions = z.infer<typeof optionsSchema>;
export type FakeClient = FakeTenantOptions['clients'][number];
export type FakeUser = FakeTenantOptions['users'][number];
export type FakeApp = FakeTenantOptions['apps'][number];
export type UserStatus = FakeUser['status'];

/** The default client, with any field overridden. */
export function fakeClient(overrides: Partial<FakeClient> = {}): FakeClient {
  return {
    clientId: 'kiosk-imp',
    clientSecret: DEFAULT_CLIENT_SECRET,
    allowedGrantTypes: [GRANT_IMPERSONATION, GRANT_CLIENT_CREDENTIALS],
    allowedScopes: ['user_default'],
    allowedOrigins: [],
    ...overrides,
  };
}

const SALES_KPIS = ['kpi-revenue', 'kpi-orders', 'kpi-margin', 'kpi-customers'];
/** The Sales app's sheets and objects (what `npm run demo` shows): the demo's chart tiles are cells of sheet-1. */
const SALES_CONTENT: NonNullable<FakeApp['content']> = {
  'sheet-1': { title: 'Performance overview', cells: [...SALES_KPIS, 'obj-3', 'obj-1', 'obj-2'] },
  'sheet-2': { title: 'Regional detail', cells: ['obj-3', 'obj-2'] },
  'kpi-revenue': { title: 'Revenue', type: 'kpi' },
  'kpi-orders': { title: 'Orders', type: 'kpi' },
  'kpi-margin': { title: 'Margin', type: 'kpi' },
  'kpi-customers': { title: 'Customers', type: 'kpi' },
  'obj-1': { title: 'Monthly revenue vs target', type: 'linechart' },
  'obj-2': { title: 'Revenue by category', type: 'piechart' },
  'obj-3': { title: 'Sales by region', type: 'barchart' },
};

export function defaultOptions(): FakeTenantOptions {
  return {
    bind: '127.0.0.1',
    port: 0,
    clients: [fakeClient()],
    users: [
      { id: 'u-1', subject: 'CORP\\alice', email: 'alice@example.test', name: 'Alice', status: 'active' },
      { id: 'u-2', subject: 'CORP\\bob', email: 'bob@example.test', name: 'Bob', status: 'active' },
      { id: 'u-3', subject: 'CORP\\carol', email: 'carol@example.test', name: 'Carol', status: 'disabled' },
    ],
    apps: [
      { id: 'app-1', name: 'Sales', sheets: ['sheet-1', 'sheet-2'], objects: [...SALES_KPIS, 'obj-1', 'obj-2', 'obj-3'], allowedUserIds: ['u-1', 'u-2'], content: SALES_CONTENT },
      {
        id: 'app-2', name: 'Board only', sheets: ['sheet-9'], objects: ['obj-9'], allowedUserIds: ['u-1'],
        content: { 'sheet-9': { title: 'Board summary', cells: ['obj-9'] }, 'obj-9': { title: 'Margin by quarter', type: 'barchart' } },
      },
    ],
    accessTokenTtlSec: 21600,
    exchangedTokenTtlSec: 60,
    response: { includeExpiresIn: true, includeExpiresAt: true, tokenType: 'bearer' },
    tokenFormat: 'opaque',
    rejectExchangeForClientCredentialsTokens: true,
    enforceOrigin: true,
    rateLimit: { tokenEndpointPerMinute: 100, windowMinutes: 1 },
    runtime: 'stub',
    runtimeMode: 'worst-case',
    resumeDelayMs: 0,
    drawDelayMs: 0,
    allowEmailLookup: false,
    requireHttpRedirectUri: false,
    singleUseWebsocketTokens: false,
    productInfoStatus: 200,
    closeOnParentExpiry: null,
    wallClock: false,
  };
}

/** What startFakeTenant accepts: any subset of the options; nested `response`/`rateLimit` may be partial. */
export type FakeTenantOverrides = Partial<Omit<FakeTenantOptions, 'response' | 'rateLimit'>> & {
  response?: Partial<FakeTenantOptions['response']>;
  rateLimit?: Partial<FakeTenantOptions['rateLimit']>;
  /** Shorthand: the default client's secret. Not allowed together with `clients`. */
  clientSecret?: string;
};

export class FakeTenantConfigError extends Error {
  override name = 'FakeTenantConfigError';
}

/** Merges overrides onto the defaults and validates; throws FakeTenantConfigError naming each bad field. */
export function resolveOptions(overrides: FakeTenantOverrides = {}, where = 'fake tenant options'): FakeTenantOptions {
  const { clientSecret, response, rateLimit, ...rest } = overrides;
  if (clientSecret !== undefined && rest.clients) {
    throw new FakeTenantConfigError(`${where}: give either "clientSecret" (for the default client) or "clients", not both.`);
  }
  const base = defaultOptions();
  const merged = {
    ...base,
    ...rest,
    response: { ...base.response, ...response },
    rateLimit: { ...base.rateLimit, ...rateLimit },
    clients: rest.clients ?? [fakeClient(clientSecret === undefined ? {} : { clientSecret })],
  };
  const parsed = optionsSchema.safeParse(merged);
  if (!parsed.success) {
    // Paths and messages only: values are never echoed, a secret may be among them.
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new FakeTenantConfigError(`${where} are invalid:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  for (const c of parsed.data.clients) {
    if (ids.has(c.clientId)) throw new FakeTenantConfigError(`${where}: clientId "${c.clientId}" appears twice in "clients".`);
    ids.add(c.clientId);
  }
  return parsed.data;
}
