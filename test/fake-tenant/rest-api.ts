// Bearer-protected /api/v1/* (reference §6.4) and the unauthenticated product-info probe.
import { bearerToken, sendError, sendJson, type RequestContext } from './http-util';
import { botUserId, type TokenRecord } from './state';

const UNAUTHORIZED_DETAIL: Record<string, string> = {
  missing: 'no Authorization: Bearer header',
  unknown: 'the bearer token is not one this tenant issued',
  expired: 'the bearer token has expired',
  revoked: 'the bearer token was revoked',
  'wrong-kind': 'websocket/webresource tokens are not valid for the REST API',
};

export function handleProductInfo(ctx: RequestContext): void {
  if (ctx.state.options.productInfoStatus === 404) {
    sendError(ctx, 404, { code: 'HTTP-404', title: 'Not found', detail: 'product-info is switched off (productInfoStatus 404)' }, { 'Access-Control-Allow-Origin': '*' });
    return;
  }
  // ACAO "*" as the real file is served; a credentialed request would not get it, which is faithful.
  ctx.res.removeHeader('Access-Control-Allow-Credentials');
  sendJson(
    ctx,
    200,
    { composition: { deploymentType: 'qlikcloudservices', productName: 'Fake Qlik Cloud', version: 'fake' }, externalUrls: {} },
    { 'Access-Control-Allow-Origin': '*' },
  );
}

/** Validates the bearer token, records who called, then routes. */
export function handleRestApi(ctx: RequestContext): void {
  const presented = bearerToken(ctx.req);
  const check = ctx.state.check(presented, ['access']);
  ctx.entry.bearerTokenId = check.token?.id ?? null;
  ctx.entry.userId = check.token?.userId ?? null;
  if (!check.ok) {
    sendError(ctx, 401, { code: 'AUTH-FAKE-401', title: 'Unauthorized', detail: UNAUTHORIZED_DETAIL[check.reason] ?? 'unauthorized' });
    return;
  }
  route(ctx, check.token);
}

function route(ctx: RequestContext, token: TokenRecord): void {
  const path = ctx.url.pathname.replace(/\/+$/, '');
  const method = ctx.req.method ?? 'GET';
  const app = /^\/api\/v1\/apps\/([^/]+)$/.exec(path);
  if (method === 'GET' && path === '/api/v1/users/me') return sendJson(ctx, 200, me(ctx, token));
  if (method === 'GET' && app?.[1]) return appInfo(ctx, token, decodeURIComponent(app[1]));
  if (method === 'GET' && path === '/api/v1/boot/core-init') return sendJson(ctx, 200, []);
  if (method === 'GET' && path === '/api/v1/features') return sendJson(ctx, 200, {});
  if (method === 'GET' && path === '/api/v1/tenants/me') return sendJson(ctx, 200, { id: 'fake-tenant', name: 'Fake tenant', hostnames: [new URL(ctx.baseUrl).host] });
  if (method === 'GET' && path === '/api/v1/user-locale') return sendJson(ctx, 200, { locale: 'en' });
  if (method === 'GET' && path === '/api/v1/ui-config') return sendJson(ctx, 200, {});
  // Logged like every request, so a test sees what a runtime asked for.
  sendError(ctx, 404, { code: 'HTTP-404', title: 'Not found', detail: `${method} ${path} is not served by the fake tenant` });
}

function me(ctx: RequestContext, token: TokenRecord): Record<string, unknown> {
  if (token.userId === botUserId(token.clientId)) {
    return { id: token.userId, tenantId: 'fake-tenant', subject: token.userId, name: `Bot ${token.clientId}`, status: 'active' };
  }
  const u = ctx.state.users.get(token.userId);
  return { id: token.userId, tenantId: 'fake-tenant', subject: u?.subject, name: u?.name, email: u?.email, status: u?.status ?? 'deleted' };
}

function appInfo(ctx: RequestContext, token: TokenRecord, appId: string): void {
  const app = ctx.state.app(appId);
  if (!app) return sendError(ctx, 404, { code: 'HTTP-404', title: 'Not found', detail: `app ${appId} does not exist` });
  if (!ctx.state.mayOpenApp(app, token.userId)) {
    return sendError(ctx, 403, { code: 'HTTP-403', title: 'Forbidden', detail: `user ${token.userId} may not open app ${appId}` });
  }
  sendJson(ctx, 200, {
    attributes: { id: app.id, name: app.name, description: '', resourceType: 'app', spaceId: '', published: false },
    privileges: ['read'],
    create: [],
  });
}
