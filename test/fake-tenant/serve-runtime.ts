// GET /qlik-embed/main.js in "stub" mode: runtime-visuals.js (the drawing) then runtime-stub.js (the behaviour), with
// the tenant's base URL filled in. A classic
// script needs no CORS (the loader adds no crossorigin attribute), so no Origin is expected here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestContext } from './http-util';

const PLACEHOLDER = '__FAKE_TENANT_BASE_URL__';
export const RUNTIME_STUB_PATH = join(__dirname, 'runtime-stub.js');
const RUNTIME_VISUALS_PATH = join(__dirname, 'runtime-visuals.js');

/** The stub's source for a tenant at baseUrl. */
export function runtimeStubSource(baseUrl: string): string {
  const source = readFileSync(RUNTIME_STUB_PATH, 'utf8');
  if (!source.includes(PLACEHOLDER)) throw new Error(`${RUNTIME_STUB_PATH} lost its ${PLACEHOLDER} placeholder`);
  return `${readFileSync(RUNTIME_VISUALS_PATH, 'utf8')}\n${source.replace(PLACEHOLDER, JSON.stringify(baseUrl))}`;
}

export function handleRuntimeStub(ctx: RequestContext, source: string): void {
  ctx.res.writeHead(200, {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Content-Length': Buffer.byteLength(source),
    'Cache-Control': 'no-store',
  });
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : source);
}
