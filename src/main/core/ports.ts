// The dependencies core logic takes. Only adapters (src/main/adapters, src/main/index.ts) bind them to
// Electron or the OS, so every core module runs unchanged under vitest and in plain-Node tools.

/** A fetch-compatible function: Electron's `net.fetch` in the app, Node's `fetch` in tests and tools. */
export type Http = (url: string, init: HttpInit) => Promise<Response>;

export interface HttpInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Token requests never follow a redirect (it means a wrong tenant host); a script may come from a CDN. */
  redirect?: 'error' | 'follow';
}

export interface Clock {
  /** Milliseconds since the epoch (wall clock; fake in tests and benchmarks). */
  now(): number;
  /** Schedules `fn`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export type LogFields = Record<string, unknown>;

export interface Log {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Registers a value (secret, token) that must be masked in every later log line; a token gives its remaining
   * lifetime (`expiresInMs`) so its forms can be dropped once it has long expired (log/redact.ts). */
  sensitive(value: string, options?: { expiresInMs?: number }): void;
}

/** Keychain access, keyed by account (the OAuth client id). Errors are `SecretStoreError`s. */
export interface SecretStore {
  get(account: string): Promise<string>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
