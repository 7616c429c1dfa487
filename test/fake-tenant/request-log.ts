// The ordered request log. An entry is created when a request arrives (so a hung request still shows up)
// and completed when it is answered. It holds token *ids*, never token values or secrets.

export interface UserLookupLog {
  field: string;
  value: string;
}

export interface LogEntry {
  seq: number;
  /** Fake-clock time of arrival, epoch ms. */
  t: number;
  method: string;
  path: string;
  /** Query parameters; token-bearing ones (accessToken, …) are replaced by "[redacted]". */
  query: Record<string, string>;
  /** The Origin header, or null when the request had none (e.g. Node's fetch in the main process). */
  origin: string | null;
  websocket: boolean;
  /** The token presented as Bearer header or websocket accessToken (null if none or unknown). */
  bearerTokenId: string | null;
  /** The user the request acted for, once known. */
  userId: string | null;
  /** null while the request is pending or when it was hung by a fault. */
  status: number | null;
  errorCode: string | null;
  /** Set when an injected fault answered instead of the tenant. */
  fault: 'status' | 'hang' | null;
  // ---- POST /oauth/token only (null elsewhere) ----
  contentType: string | null;
  /** Names of the body fields as received (form names such as "user_lookup[field]" kept as sent). */
  bodyFields: string[] | null;
  grantType: string | null;
  clientId: string | null;
  scope: string | null;
  userLookup: UserLookupLog | null;
  /** A non-empty client_secret was sent; its value is never recorded. */
  secretPresent: boolean;
  assertionPresent: boolean;
  subjectTokenType: string | null;
  /** The exchange's subject_token, as an id (null if absent or not a token this tenant issued). */
  subjectTokenId: string | null;
  purpose: string | null;
  redirectUri: string | null;
  /** The token this request issued. */
  issuedTokenId: string | null;
}

export type LogStart = Pick<LogEntry, 'method' | 'path' | 'query' | 'origin' | 'websocket'>;

const EMPTY: Omit<LogEntry, 'seq' | 't' | keyof LogStart> = {
  bearerTokenId: null,
  userId: null,
  status: null,
  errorCode: null,
  fault: null,
  contentType: null,
  bodyFields: null,
  grantType: null,
  clientId: null,
  scope: null,
  userLookup: null,
  secretPresent: false,
  assertionPresent: false,
  subjectTokenType: null,
  subjectTokenId: null,
  purpose: null,
  redirectUri: null,
  issuedTokenId: null,
};

const SENSITIVE_QUERY = /token|secret|assertion|password|code/i;

/** Copies a query string into the log's shape, dropping the values of token-like parameters. */
export function redactQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = SENSITIVE_QUERY.test(k) ? '[redacted]' : v;
  return out;
}

export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  constructor(private readonly now: () => number) {}

  /** Starts an entry; the caller fills in the rest as the request is handled. */
  start(s: LogStart): LogEntry {
    const entry: LogEntry = { seq: ++this.seq, t: this.now(), ...s, ...EMPTY };
    this.entries.push(entry);
    return entry;
  }

  /** Deep copies, so a test can hold them while the tenant goes on. */
  all(): LogEntry[] {
    return this.entries.map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
  }
}
