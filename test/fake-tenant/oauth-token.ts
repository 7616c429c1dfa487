// POST /oauth/token (reference §6.4): impersonation, client_credentials and the browser's token exchange.
// Codes named OAUTH-FAKE-* are this fake's own choices; Qlik does not publish its codes for these cases.
import { authenticateClient } from './client-auth';
import { sendError, sendJson, type QlikError, type RequestContext } from './http-util';
import { str, type ParseResult, type TokenParams } from './oauth-body';
import {
  GRANT_CLIENT_CREDENTIALS,
  GRANT_IMPERSONATION,
  GRANT_TOKEN_EXCHANGE,
  TOKEN_TYPE_ACCESS,
  type FakeClient,
} from './options';
import { botUserId, type TokenKind, type TokenRecord } from './state';

const KNOWN_GRANTS = new Set([GRANT_IMPERSONATION, GRANT_CLIENT_CREDENTIALS, GRANT_TOKEN_EXCHANGE]);
const EXCHANGE_REFUSED: QlikError = { code: 'OAUTH-5', title: 'Unauthorized', detail: 'Cannot perform exchange with given Oauth configuration.' };

const badRequest = (detail: string, code = 'OAUTH-FAKE-INVALID-REQUEST', title = 'invalid_request'): Failure => ({ status: 400, error: { code, title, detail } });

interface Failure {
  status: number;
  error: QlikError;
  headers?: Record<string, string>;
}
interface Issued {
  value: string;
  record: TokenRecord;
  issuedTokenType?: string;
}
type Outcome = Failure | Issued;

/** Answers a token request whose body the server has already parsed (and summarised into the log). */
export function handleTokenEndpoint(ctx: RequestContext, parsed: ParseResult): void {
  const outcome = parsed.ok ? tokenRequest(ctx, parsed.params) : badRequest(parsed.detail);
  if ('error' in outcome) {
    sendError(ctx, outcome.status, outcome.error, { 'Cache-Control': 'no-store', ...outcome.headers });
    return;
  }
  const { record, value } = outcome;
  const { response } = ctx.state.options;
  ctx.entry.issuedTokenId = record.id;
  ctx.entry.userId = record.userId;
  const body: Record<string, unknown> = { access_token: value, token_type: response.tokenType };
  if (response.includeExpiresIn) body.expires_in = Math.round((Date.parse(record.expiresAt) - Date.parse(record.issuedAt)) / 1000);
  if (response.includeExpiresAt) body.expires_at = record.expiresAt;
  body.scope = record.scope;
  if (outcome.issuedTokenType) body.issued_token_type = outcome.issuedTokenType;
  sendJson(ctx, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

function tokenRequest(ctx: RequestContext, params: TokenParams): Outcome {
  const grant = str(params, 'grant_type');
  if (grant === undefined) return badRequest('grant_type is missing.');
  if (!KNOWN_GRANTS.has(grant)) return badRequest(`grant_type ${JSON.stringify(grant)} is not supported.`, 'OAUTH-FAKE-GRANT', 'unsupported_grant_type');

  const limited = rateLimit(ctx, params, grant);
  if (limited) return limited;
  if (grant === GRANT_TOKEN_EXCHANGE) return exchange(ctx, params);

  const auth = authenticateClient(params, { state: ctx.state, tokenEndpoint: `${ctx.baseUrl}/oauth/token` });
  if (!auth.ok) return { status: auth.status, error: { code: auth.code, title: auth.title, detail: auth.detail } };
  const { client } = auth;
  if (!client.allowedGrantTypes.includes(grant)) {
    return badRequest(`grant_type ${grant} is not allowed for client ${client.clientId}.`, 'OAUTH-FAKE-GRANT', 'unauthorized_client');
  }
  const scope = grantedScope(client, str(params, 'scope'), params.fields.scope !== undefined);
  if (typeof scope !== 'string') return scope;

  if (grant === GRANT_CLIENT_CREDENTIALS) {
    return issue(ctx, 'access', client.clientId, botUserId(client.clientId), grant, scope, ctx.state.options.accessTokenTtlSec);
  }
  const user = impersonatedUser(ctx, params.fields.user_lookup);
  if ('error' in user) return user;
  return issue(ctx, 'access', client.clientId, user.id, grant, scope, ctx.state.options.accessTokenTtlSec);
}

/** Space-delimited; each scope must be the client's. No scope asked = all the client's scopes. */
function grantedScope(client: FakeClient, scope: string | undefined, sent: boolean): string | Failure {
  if (sent && scope === undefined) return badRequest('scope must be a string.', 'OAUTH-FAKE-SCOPE', 'invalid_scope');
  if (scope === undefined || scope.trim() === '') return client.allowedScopes.join(' ');
  const asked = scope.trim().split(/\s+/);
  const extra = asked.filter((s) => !client.allowedScopes.includes(s));
  if (extra.length > 0) return badRequest(`scope ${extra.join(' ')} is not assigned to client ${client.clientId}.`, 'OAUTH-FAKE-SCOPE', 'invalid_scope');
  return asked.join(' ');
}

function impersonatedUser(ctx: RequestContext, lookup: unknown): { id: string } | Failure {
  if (typeof lookup !== 'object' || lookup === null) return badRequest('user_lookup must be an object {field, value}.', 'OAUTH-FAKE-USER-LOOKUP');
  const { field, value } = lookup as Record<string, unknown>;
  const fields = ctx.state.options.allowEmailLookup ? ['subject', 'userId', 'email'] : ['subject', 'userId'];
  if (typeof field !== 'string' || !fields.includes(field)) {
    return badRequest(`user_lookup.field must be one of ${fields.join(', ')}.`, 'OAUTH-FAKE-USER-LOOKUP');
  }
  if (typeof value !== 'string' || value === '') return badRequest('user_lookup.value must be a non-empty string.', 'OAUTH-FAKE-USER-LOOKUP');
  const user = ctx.state.findUser(field, value);
  if (!user || user.status === 'deleted' || user.status === 'invited') {
    return { status: 401, error: { code: 'OAUTH-FAKE-USER-NOT-FOUND', title: 'Unauthorized', detail: 'user not found' } };
  }
  if (user.status === 'disabled') {
    return { status: 403, error: { code: 'OAUTH-FAKE-USER-DISABLED', title: 'Forbidden', detail: 'user is disabled' } };
  }
  return { id: user.id };
}

function exchange(ctx: RequestContext, params: TokenParams): Outcome {
  if (str(params, 'subject_token_type') !== TOKEN_TYPE_ACCESS) return badRequest(`subject_token_type must be ${TOKEN_TYPE_ACCESS}.`);
  const purpose = str(params, 'purpose');
  if (purpose !== 'websocket' && purpose !== 'webresource') return badRequest('purpose must be "websocket" or "webresource".');
  const redirectUri = str(params, 'redirect_uri') ?? null;
  if (ctx.state.options.requireHttpRedirectUri && !/^https?:\/\//i.test(redirectUri ?? '')) {
    return badRequest('redirect_uri must be an http(s) URL.', 'OAUTH-FAKE-REDIRECT-URI');
  }
  const subject = ctx.state.check(str(params, 'subject_token'), ['access']);
  if (!subject.ok) return { status: 401, error: EXCHANGE_REFUSED };
  const parent = subject.token;
  ctx.entry.userId = parent.userId;
  if (str(params, 'client_id') !== parent.clientId) return { status: 401, error: EXCHANGE_REFUSED };
  if (ctx.state.options.rejectExchangeForClientCredentialsTokens && parent.grant === GRANT_CLIENT_CREDENTIALS) {
    return { status: 401, error: EXCHANGE_REFUSED };
  }
  const issued = issue(ctx, purpose, parent.clientId, parent.userId, GRANT_TOKEN_EXCHANGE, parent.scope, ctx.state.options.exchangedTokenTtlSec, {
    parentTokenId: parent.id,
    redirectUri,
  });
  return { ...issued, issuedTokenType: TOKEN_TYPE_ACCESS };
}

function issue(
  ctx: RequestContext,
  kind: TokenKind,
  clientId: string,
  userId: string,
  grant: string,
  scope: string,
  ttlSec: number,
  extra: { parentTokenId?: string; redirectUri?: string | null } = {},
): Issued {
  return ctx.state.issue({ kind, clientId, userId, grant, scope, ttlSec, ...extra });
}

/** Counted per client and per impersonated user (Qlik: "per user per tenant") over options.rateLimit's rolling window, fake clock. */
function rateLimit(ctx: RequestContext, params: TokenParams, grant: string): Failure | undefined {
  let who = 'client';
  if (grant === GRANT_IMPERSONATION) {
    const l = params.fields.user_lookup as Record<string, unknown> | undefined;
    who = `${String(l?.field)}:${String(l?.value)}`;
  } else if (grant === GRANT_TOKEN_EXCHANGE) {
    const subject = str(params, 'subject_token');
    const id = subject === undefined ? undefined : ctx.state.tokenIdOf(subject);
    who = (id && ctx.state.tokenById(id)?.userId) ?? 'unknown';
  }
  const verdict = ctx.state.admit(`${str(params, 'client_id') ?? ''}|${who}`);
  if (verdict.ok) return undefined;
  const wait = String(verdict.retryAfterSec);
  return {
    status: 429,
    error: { code: 'HTTP-429', title: 'API rate limit reached.', detail: `You need to wait ${wait} seconds until limit is lifted.` },
    headers: { 'Retry-After': wait },
  };
}
