// /__fake/* control routes (reference §6.2) for tests and tools driving the tenant over HTTP. These are
// not Qlik routes: no CORS, not logged. Bodies are JSON; bad input gets 400 {error} naming what to fix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FaultSpec } from './faults';
import type { TenantState } from './state';
import type { EngineSockets } from './websocket';

export interface ControlDeps {
  state: TenantState;
  sockets: EngineSockets;
  reset(): void;
}

const advanceSchema = z.strictObject({ advanceSec: z.number().nonnegative() });
const revokeSchema = z
  .strictObject({ tokenId: z.string().min(1).optional(), userId: z.string().min(1).optional() })
  .refine((r) => r.tokenId !== undefined || r.userId !== undefined, { message: 'give "tokenId" and/or "userId"' });
const userSchema = z.strictObject({
  id: z.string().min(1),
  subject: z.string().min(1).optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  status: z.enum(['active', 'disabled', 'deleted', 'invited']).optional(),
});
const lookupSchema = z.strictObject({ accessToken: z.string().min(1) });
const closeSchema = z.strictObject({ userId: z.string().min(1).optional(), code: z.number().int().optional(), reason: z.string().optional() });

class ControlError extends Error {}

function parse<T>(schema: z.ZodType<T>, body: string, route: string): T {
  let data: unknown;
  try {
    data = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new ControlError(`${route}: the body must be JSON`);
  }
  const r = schema.safeParse(data);
  if (!r.success) throw new ControlError(`${route}: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  return r.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export function handleControl(deps: ControlDeps, req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
  const { state, sockets } = deps;
  const route = `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__fake/log':
        return send(res, 200, state.log.all());
      case 'GET /__fake/tokens':
        return send(res, 200, state.tokens());
      case 'POST /__fake/tokens/lookup':
        return send(res, 200, { id: state.tokenIdOf(parse(lookupSchema, body, route).accessToken) ?? null });
      case 'GET /__fake/clock':
        return send(res, 200, { now: state.now(), iso: new Date(state.now()).toISOString() });
      case 'POST /__fake/clock': {
        const now = state.advance(parse(advanceSchema, body, route).advanceSec);
        return send(res, 200, { now, iso: new Date(now).toISOString() });
      }
      case 'POST /__fake/revoke':
        return send(res, 200, { revoked: state.revoke(parse(revokeSchema, body, route)) });
      case 'GET /__fake/users':
        return send(res, 200, [...state.users.values()]);
      case 'POST /__fake/users':
        return send(res, 200, state.upsertUser(stripUndefined(parse(userSchema, body, route))));
      case 'GET /__fake/faults':
        return send(res, 200, state.faults.list());
      case 'POST /__fake/faults':
        return send(res, 201, state.faults.add(parse(z.unknown(), body, route) as FaultSpec));
      case 'DELETE /__fake/faults':
        state.faults.clear();
        return send(res, 200, { cleared: true });
      case 'GET /__fake/ws':
        return send(res, 200, sockets.sockets());
      case 'POST /__fake/ws/close':
        return send(res, 200, { closed: sockets.close(parse(closeSchema, body, route)) });
      case 'POST /__fake/reset':
        deps.reset();
        return send(res, 200, { reset: true });
      default:
        return send(res, 404, { error: `${route} is not a control route. See test/fake-tenant/index.ts for the list.` });
    }
  } catch (e) {
    send(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
