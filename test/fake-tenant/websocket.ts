// The engine websocket, GET /app/{appId}[/identity/{id}][/ttl/{n}]?accessToken=<websocket token> with
// Upgrade (reference §6.4). Checks origin, token and app access, then speaks a sliver of QIX JSON-RPC.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { objectAt, objectHandle, objectLayout } from './app-content';
import { originAllowed } from './cors';
import { bearerToken, errorBody, header, type QlikError } from './http-util';
import { redactQuery, type LogEntry } from './request-log';
import type { TenantState } from './state';

const APP_PATH = /^\/app\/([^/]+)(?:\/identity\/([^/]+))?(?:\/ttl\/(\d+))?\/?$/;

export interface EngineSocketInfo {
  appId: string;
  userId: string;
  tokenId: string;
  /** The access token the websocket token was exchanged from. */
  parentTokenId: string | null;
  identity: string | null;
}

export interface CloseFilter {
  userId?: string;
  code?: number;
  reason?: string;
}

export class EngineSockets {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly open = new Map<WebSocket, EngineSocketInfo>();
  private readonly pending = new Set<Duplex>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly state: TenantState) {
    state.onClockAdvance(() => this.closeExpired());
  }

  /** The http server's 'upgrade' listener. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const entry = this.state.log.start({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: redactQuery(url.searchParams),
      origin: header(req, 'origin') ?? null,
      websocket: true,
    });
    socket.on('error', () => socket.destroy());
    const fault = this.state.faults.take(entry.method, entry.path);
    if (fault) {
      entry.fault = fault.hang ? 'hang' : 'status';
      this.pending.add(socket);
      socket.once('close', () => this.pending.delete(socket));
      if (fault.hang) return;
      const answer = () => refuse(socket, entry, fault.status ?? 500, { code: 'FAKE-FAULT', title: 'Injected fault', detail: `fault ${fault.id}` });
      if (fault.delayMs) {
        const t = setTimeout(() => (this.timers.delete(t), answer()), fault.delayMs);
        this.timers.add(t);
      } else answer();
      return;
    }
    const m = APP_PATH.exec(url.pathname);
    if (!m?.[1]) return refuse(socket, entry, 404, { code: 'HTTP-404', title: 'Not found', detail: 'websocket path must be /app/{appId}' });
    if (!originAllowed(this.state, entry.origin)) {
      return refuse(socket, entry, 403, { code: 'OAUTH-29', title: 'Invalid Origin Header', detail: `Origin ${String(entry.origin)} is not allowed` });
    }
    // Browsers send an exchanged websocket token in the query; Node clients may send an access token as Bearer.
    const queryToken = url.searchParams.get('accessToken') ?? undefined;
    const check = queryToken !== undefined ? this.state.check(queryToken, ['websocket']) : this.state.check(bearerToken(req), ['access']);
    entry.bearerTokenId = check.token?.id ?? null;
    entry.userId = check.token?.userId ?? null;
    if (check.ok && this.state.options.singleUseWebsocketTokens && check.token.kind === 'websocket' && check.token.uses > 0) {
      return refuse(socket, entry, 401, { code: 'AUTH-FAKE-401', title: 'Unauthorized', detail: 'websocket token already used' });
    }
    if (!check.ok) return refuse(socket, entry, 401, { code: 'AUTH-FAKE-401', title: 'Unauthorized', detail: `websocket token ${check.reason}` });
    const token = check.token;
    const appId = decodeURIComponent(m[1]);
    const app = this.state.app(appId);
    if (!app) return refuse(socket, entry, 404, { code: 'HTTP-404', title: 'Not found', detail: `app ${appId} does not exist` });
    if (!this.state.mayOpenApp(app, token.userId)) {
      return refuse(socket, entry, 403, { code: 'HTTP-403', title: 'Forbidden', detail: `user ${token.userId} may not open app ${appId}` });
    }
    token.uses++; // the live record: check() returns it, not a copy
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      entry.status = 101;
      const info: EngineSocketInfo = {
        appId,
        userId: token.userId,
        tokenId: token.id,
        parentTokenId: token.kind === 'access' ? token.id : token.parentTokenId,
        identity: m[2] ? decodeURIComponent(m[2]) : null,
      };
      this.open.set(ws, info);
      ws.on('close', () => this.open.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => this.onMessage(ws, info, data));
      ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: 'SESSION_CREATED' } }));
    });
  };

  sockets(): EngineSocketInfo[] {
    return [...this.open.values()].map((s) => ({ ...s }));
  }

  /** Server-initiated close of every socket (or one user's); returns how many were closed. */
  close(filter: CloseFilter = {}): number {
    const code = filter.code ?? 4000;
    if (!(code === 1000 || (code >= 3000 && code <= 4999))) throw new RangeError(`close code must be 1000 or 3000-4999 (got ${String(code)})`);
    let n = 0;
    for (const [ws, info] of this.open) {
      if (filter.userId !== undefined && info.userId !== filter.userId) continue;
      ws.close(code, filter.reason ?? '');
      this.open.delete(ws);
      n++;
    }
    return n;
  }

  /** Drops everything, for close() and reset(). */
  shutdown(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const ws of this.open.keys()) ws.terminate();
    this.open.clear();
    for (const s of this.pending) s.destroy();
    this.pending.clear();
  }

  private closeExpired(): void {
    const rule = this.state.options.closeOnParentExpiry;
    if (!rule) return;
    for (const [ws, info] of this.open) {
      const parent = info.parentTokenId ? this.state.tokenById(info.parentTokenId) : undefined;
      if (parent && this.state.isExpired(parent)) {
        ws.close(rule.code, rule.reason);
        this.open.delete(ws);
      }
    }
  }

  private onMessage(ws: WebSocket, info: EngineSocketInfo, data: RawData): void {
    let msg: { id?: unknown; method?: unknown; handle?: unknown };
    try {
      msg = JSON.parse(String(data)) as typeof msg;
    } catch {
      ws.send(JSON.stringify({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } }));
      return;
    }
    const reply = (body: object) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, ...body }));
    const app = this.state.app(info.appId);
    switch (msg.method) {
      case 'OpenDoc':
      case 'GetActiveDoc':
        return reply({ result: { qReturn: { qType: 'Doc', qHandle: 1, qGenericId: info.appId } } });
      case 'GetAppLayout':
        return reply({ result: { qLayout: { qTitle: app?.name ?? info.appId, qFileName: info.appId } } });
      case 'GetAppProperties':
        return reply({ result: { qProp: { qTitle: app?.name ?? info.appId } } });
      case 'GetObject': {
        // QIX errors as the engine numbers them: 2 not found, 5 access denied (section access).
        const id = String((msg as { params?: unknown[] }).params?.[0] ?? '');
        if (app?.forbiddenObjects?.includes(id)) return reply({ error: { code: 5, parameter: id, message: 'Access denied' } });
        if (!app || !(app.objects.includes(id) || app.sheets.includes(id))) return reply({ error: { code: 2, parameter: id, message: 'Object not found' } });
        return reply({ result: { qReturn: { qType: 'GenericObject', qHandle: objectHandle(app, id), qGenericType: objectLayout(app, id).qInfo.qType, qGenericId: id } } });
      }
      case 'ClearAll':
        return reply({ result: {} });
      case 'GetLayout': {
        // The object's layout (title, chart type, a sheet's cells: app-content.ts); any other handle, a bare one.
        const id = app && typeof msg.handle === 'number' ? objectAt(app, msg.handle) : undefined;
        return reply({ result: { qLayout: app && id ? objectLayout(app, id) : { qInfo: { qId: 'object' } } } });
      }
      default:
        return reply({ error: { code: -32601, parameter: String(msg.method), message: 'Method not found' } });
    }
  }
}

/** Answers the upgrade with a plain HTTP error and closes. */
function refuse(socket: Duplex, entry: LogEntry, status: number, e: QlikError): void {
  entry.status = status;
  entry.errorCode = e.code;
  const body = JSON.stringify(errorBody(status, e));
  socket.end(
    `HTTP/1.1 ${String(status)} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${String(Buffer.byteLength(body))}\r\n\r\n${body}`,
  );
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
