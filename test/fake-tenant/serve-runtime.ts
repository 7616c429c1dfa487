// GET /qlik-embed/main.js in "stub" mode: the drawing (runtime-draw-kit.js, runtime-charts.js, runtime-visuals.js)
// then runtime-stub.js (the behaviour), with the tenant's base URL filled in. A classic
// script needs no CORS (the loader adds no crossorigin attribute), so no Origin is expected here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestContext } from './http-util';

import type { RuntimeMode } from './options';

const PLACEHOLDER = '__FAKE_TENANT_BASE_URL__';
const MODE_PLACEHOLDER = '__FAKE_RUNTIME_MODE__';
export const RUNTIME_STUB_PATH = join(__dirname, 'runtime-stub.js');
/** The drawing, in load order: each file uses the ones before it. */
const RUNTIME_DRAWING_PATHS = ['runtime-draw-kit.js', 'runtime-charts.js', 'runtime-visuals.js'].map((f) => join(__dirname, f));

/** The stub's source for a tenant at baseUrl, behaving as `runtime` says (options.ts RUNTIME_MODES). */
export function runtimeStubSource(baseUrl: string, runtime: { mode: RuntimeMode; resumeDelayMs: number; drawDelayMs?: number } = { mode: 'worst-case', resumeDelayMs: 0 }): string {
  const source = readFileSync(RUNTIME_STUB_PATH, 'utf8');
  for (const p of [PLACEHOLDER, MODE_PLACEHOLDER]) if (!source.includes(p)) throw new Error(`${RUNTIME_STUB_PATH} lost its ${p} placeholder`);
  const drawing = RUNTIME_DRAWING_PATHS.map((p) => readFileSync(p, 'utf8')).join('\n');
  return `${drawing}\n${source.replace(PLACEHOLDER, JSON.stringify(baseUrl)).replace(MODE_PLACEHOLDER, JSON.stringify(runtime))}`;
}

export function handleRuntimeStub(ctx: RequestContext, source: string): void {
  ctx.res.writeHead(200, {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Content-Length': Buffer.byteLength(source),
    'Cache-Control': 'no-store',
  });
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : source);
}
