// The tenant's mutable state: fake clock, users, issued tokens, per-minute rate counters and reset.
// Token values live only in the `byValue` map; everything handed out (tokens(), the log) carries ids.
import { randomBytes } from 'node:crypto';
import type { FakeApp, FakeTenantOptions, FakeUser } from './options';
import { RequestLog } from './request-log';
import { FaultTable } from './faults';

export type TokenKind = 'access' | 'websocket' | 'webresource';

/** An issued token as tests see it: never the token value. */
export interface TokenRecord {
  id: string;
  kind: TokenKind;
  clientId: string;
  userId: string;
  /** The grant that created it (an exchange's tokens carry the exchange grant). */
  grant: string;
  scope: string;
  issuedAt: string;
  expiresAt: string;
  revoked: boolean;
  parentTokenId: string | null;
  /** The exchange's redirect_uri, for websocket/webresource tokens. */
  redirectUri: string | null;
  /** Websocket connections opened with it. */
  uses: number;
}

export type TokenCheck =
  | { ok: true; token: TokenRecord }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked' | 'wrong-kind'; token?: TokenRecord };

export interface IssueRequest {
  kind: TokenKind;
  clientId: string;
  userId: string;
  grant: string;
  scope: string;
  ttlSec: number;
  parentTokenId?: string;
  redirectUri?: string | null;
}

export const botUserId = (clientId: string) => `client:${clientId}`;

export class TenantState {
  readonly log = new RequestLog(() => this.now());
  readonly faults = new FaultTable();
  users = new Map<string, FakeUser>();
  private clockMs: number;
  private startedAt = Date.now();
  private byValue = new Map<string, TokenRecord>();
  private byId = new Map<string, TokenRecord>();
  private tokenSeq = 0;
  private rate = new Map<string, number[]>();
  private clockListeners: (() => void)[] = [];
  /** private_key_jwt assertion ids seen, until their expiry (a replay is refused). */
  private seenJti = new Map<string, number>();

  constructor(readonly options: FakeTenantOptions) {
    this.clockMs = options.startTimeMs ?? Date.now();
    this.loadUsers();
  }

  now(): number {
    return this.clockMs + (this.options.wallClock ? Date.now() - this.startedAt : 0);
  }

  advance(sec: number): number {
    if (!Number.isFinite(sec) || sec < 0) throw new RangeError(`advance(sec) needs a finite number >= 0 (got ${String(sec)})`);
    this.clockMs += Math.round(sec * 1000);
    for (const fn of this.clockListeners) fn();
    return this.now();
  }

  onClockAdvance(fn: () => void): void {
    this.clockListeners.push(fn);
  }

  app(id: string): FakeApp | undefined {
    return this.options.apps.find((a) => a.id === id);
  }

  mayOpenApp(app: FakeApp, userId: string): boolean {
    return !app.allowedUserIds || app.allowedUserIds.includes(userId);
  }

  findUser(field: string, value: string): FakeUser | undefined {
    for (const u of this.users.values()) {
      if (field === 'userId' && u.id === value) return u;
      if (field === 'subject' && u.subject === value) return u;
      if (field === 'email' && u.email !== undefined && u.email.toLowerCase() === value.toLowerCase()) return u;
    }
    return undefined;
  }

  /** Adds a user or merges fields into an existing one (by id); a new user needs a subject. */
  upsertUser(user: Partial<FakeUser> & { id: string }): FakeUser {
    const existing = this.users.get(user.id);
    const merged = { status: 'active' as const, ...existing, ...user };
    if (!merged.subject) throw new Error(`user "${user.id}" is new: give it a "subject"`);
    const next: FakeUser = { ...merged, subject: merged.subject };
    this.users.set(next.id, next);
    return next;
  }

  issue(req: IssueRequest): { value: string; record: TokenRecord } {
    const id = `tok-${String(++this.tokenSeq)}`;
    const now = this.now();
    const record: TokenRecord = {
      id,
      kind: req.kind,
      clientId: req.clientId,
      userId: req.userId,
      grant: req.grant,
      scope: req.scope,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + req.ttlSec * 1000).toISOString(),
      revoked: false,
      parentTokenId: req.parentTokenId ?? null,
      redirectUri: req.redirectUri ?? null,
      uses: 0,
    };
    const value = this.tokenValue(record);
    this.byValue.set(value, record);
    this.byId.set(id, record);
    return { value, record };
  }

  /** Validates a presented token value against kind, revocation and the fake clock. */
  check(value: string | undefined, kinds: readonly TokenKind[]): TokenCheck {
    if (value === undefined) return { ok: false, reason: 'missing' };
    const token = this.byValue.get(value);
    if (!token) return { ok: false, reason: 'unknown' };
    if (!kinds.includes(token.kind)) return { ok: false, reason: 'wrong-kind', token };
    if (token.revoked) return { ok: false, reason: 'revoked', token };
    if (this.isExpired(token)) return { ok: false, reason: 'expired', token };
    return { ok: true, token };
  }

  isExpired(token: TokenRecord): boolean {
    return Date.parse(token.expiresAt) <= this.now();
  }

  tokenById(id: string): TokenRecord | undefined {
    return this.byId.get(id);
  }

  /** The id of a token value, for tests that hold a token and look for it in the log. */
  tokenIdOf(value: string): string | undefined {
    return this.byValue.get(value)?.id;
  }

  tokens(): TokenRecord[] {
    return [...this.byId.values()].map((t) => ({ ...t }));
  }

  /** Revokes by id and/or user; a revoked access token also revokes the tokens exchanged from it. */
  revoke(by: { tokenId?: string; userId?: string }): number {
    if (by.tokenId === undefined && by.userId === undefined) throw new Error('revoke needs a tokenId or a userId');
    const hit = new Set<string>();
    for (const t of this.byId.values()) {
      if ((by.tokenId === undefined || t.id === by.tokenId) && (by.userId === undefined || t.userId === by.userId)) hit.add(t.id);
    }
    for (const t of this.byId.values()) if (t.parentTokenId && hit.has(t.parentTokenId)) hit.add(t.id);
    let n = 0;
    for (const id of hit) {
      const t = this.byId.get(id);
      if (t && !t.revoked) {
        t.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Rolling window of `windowMinutes` under the fake clock, holding the per-minute limit times its minutes; the
   * wait is until the oldest request in it ages out. Only admitted requests count. */
  admit(key: string): { ok: true } | { ok: false; retryAfterSec: number } {
    const now = this.now();
    const { tokenEndpointPerMinute, windowMinutes } = this.options.rateLimit;
    const windowMs = windowMinutes * 60_000;
    const recent = (this.rate.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= tokenEndpointPerMinute * windowMinutes) {
      this.rate.set(key, recent);
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.rate.set(key, recent);
    return { ok: true };
  }

  /** Records an assertion's jti; false when it was already used and has not expired yet. */
  rememberAssertion(clientId: string, jti: string, expiresAtMs: number): boolean {
    const now = this.now();
    for (const [k, exp] of this.seenJti) if (exp <= now) this.seenJti.delete(k);
    const key = `${clientId} ${jti}`;
    if (this.seenJti.has(key)) return false;
    this.seenJti.set(key, expiresAtMs);
    return true;
  }

  reset(): void {
    this.seenJti.clear();
    this.clockMs = this.options.startTimeMs ?? Date.now();
    this.startedAt = Date.now();
    this.byValue.clear();
    this.byId.clear();
    this.tokenSeq = 0;
    this.rate.clear();
    this.log.clear();
    this.faults.clear();
    this.loadUsers();
  }

  private loadUsers(): void {
    this.users = new Map(this.options.users.map((u) => [u.id, { ...u }]));
  }

  private tokenValue(record: TokenRecord): string {
    const random = randomBytes(32).toString('base64url');
    if (this.options.tokenFormat === 'opaque') return `fqt_${random}`;
    // Looks like a JWT (it is not signed by anything) so a client that decodes tokens shows up in tests.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iat = Math.floor(Date.parse(record.issuedAt) / 1000);
    const exp = Math.floor(Date.parse(record.expiresAt) / 1000);
    return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${b64({ sub: record.userId, iat, exp, jti: random.slice(0, 12) })}.${random}`;
  }
}
