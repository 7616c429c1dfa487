// Every way a token request can fail, as one typed error whose message tells an admin what to fix.
// Messages never carry the secret or a token: upstream text is redacted and scrubbed before use.

export type TokenErrorCode =
  | 'bad_credentials'
  | 'unknown_user'
  | 'disabled_user'
  | 'invalid_grant_or_scope'
  | 'origin_rejected'
  | 'rate_limited'
  | 'server_error'
  | 'unexpected_status'
  | 'network'
  | 'timeout'
  | 'malformed_response'
  | 'secret_unavailable';

/** Failures a human must fix (config, console or keychain): retried slowly so a fix still heals the kiosk. */
const NEEDS_ADMIN: ReadonlySet<TokenErrorCode> = new Set([
  'bad_credentials',
  'unknown_user',
  'disabled_user',
  'invalid_grant_or_scope',
  'origin_rejected',
  'unexpected_status',
  'secret_unavailable',
]);

export class TokenError extends Error {
  override readonly name = 'TokenError';
  readonly code: TokenErrorCode;
  readonly status: number | undefined;
  readonly qlikCode: string | undefined;
  /** For rate limits: how long Qlik asked us to wait. */
  readonly retryAfterMs: number | undefined;

  constructor(code: TokenErrorCode, message: string, extra: { status?: number; qlikCode?: string; retryAfterMs?: number } = {}) {
    super(message);
    this.code = code;
    this.status = extra.status;
    this.qlikCode = extra.qlikCode;
    this.retryAfterMs = extra.retryAfterMs;
  }

  /** True when the cause is transient (tenant down, network, rate limit) rather than a setting to fix. */
  get transient(): boolean {
    return !NEEDS_ADMIN.has(this.code);
  }
}

export interface QlikErrorBody {
  code?: string;
  title?: string;
  detail?: string;
}

/** Reads Qlik's `{errors:[{code,title,detail,status}]}` shape; anything else yields {}. */
export function firstQlikError(body: unknown): QlikErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return {};
  const e = errors[0] as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : undefined);
  const out: QlikErrorBody = {};
  const code = str(e['code']);
  const title = str(e['title']);
  const detail = str(e['detail']);
  if (code !== undefined) out.code = code;
  if (title !== undefined) out.title = title;
  if (detail !== undefined) out.detail = detail;
  return out;
}

/** `Retry-After` as seconds or an HTTP date; falls back to Qlik's "wait N seconds" detail, then 60 s. */
export function retryAfterMs(header: string | null, detail: string | undefined, now: number): number {
  if (header) {
    const secs = Number(header.trim());
    if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const m = detail?.match(/wait (\d+) seconds?/i);
  if (m?.[1]) return Number(m[1]) * 1000;
  return 60_000;
}
