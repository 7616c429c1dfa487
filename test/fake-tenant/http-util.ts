// Small HTTP helpers shared by the routes: the per-request context, body reading and Qlik-shaped errors.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogEntry } from './request-log';
import type { TenantState } from './state';

const MAX_BODY = 1024 * 1024;

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  state: TenantState;
  baseUrl: string;
  entry: LogEntry;
  /** The raw request body ('' for bodiless requests). */
  body: string;
}

export interface QlikError {
  code: string;
  title: string;
  detail: string;
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLargeError('request body over 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(ctx: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  ctx.res.end(text);
}

/** The body every Qlik REST API uses for errors: `status` is a string. */
export function errorBody(status: number, e: QlikError): { errors: (QlikError & { status: string })[]; traceId: string } {
  return { errors: [{ code: e.code, title: e.title, detail: e.detail, status: String(status) }], traceId: randomUUID().replaceAll('-', '') };
}

/** Answers with a Qlik error body and records the code in the log entry. */
export function sendError(ctx: RequestContext, status: number, e: QlikError, headers: Record<string, string> = {}): void {
  ctx.entry.errorCode = e.code;
  sendJson(ctx, status, errorBody(status, e), headers);
}

/** The value of a single-valued header (the first, if repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The token in `Authorization: Bearer <t>`, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  return m?.[1];
}
