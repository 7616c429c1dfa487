// Shared by the wall bench's parts (bench/wall.bench.mts runs them): the project's modules, the harness, the
// embeds the playlists use, and small statistics helpers.
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRequire } from 'node:module';
import type * as RendererOriginModule from '../../src/main/origin/renderer-origin';
import type * as KeytarStoreModule from '../../src/main/secrets/keytar-store';
import type * as EgressGateModule from '../../src/main/adapters/egress-gate';
import type * as EgressModule from '../../src/main/security/egress';
import type * as PortsModule from '../../src/main/core/ports';
import type * as EmbedAttributesModule from '../../src/renderer/embed-attributes';
import type * as IpcContractModule from '../../src/shared/ipc-contract';
import type * as FakeTenantModule from '../../test/fake-tenant';
import type * as DemoModule from '../../test/fake-tenant/demo';
import type * as HarnessModule from '../../test/harness/qiosk-harness';
import type * as ChromiumModule from '../../test/support/chromium';
import type * as PngModule from '../../test/support/png';

// The project's modules are CommonJS (they use __dirname to find the renderer, the preload and the fake runtime):
// loaded through require, as tsx then compiles them, not as ES modules of this file.
const require = createRequire(import.meta.url);
export const { rendererOrigin } = require('../../src/main/origin/renderer-origin') as typeof RendererOriginModule;
export const { createKeytarStore } = require('../../src/main/secrets/keytar-store') as typeof KeytarStoreModule;
export const { startEgressGate } = require('../../src/main/adapters/egress-gate') as typeof EgressGateModule;
export const { egressTargets, gateProxySettings, NO_LOCAL_DNS } = require('../../src/main/security/egress') as typeof EgressModule;
export const { systemClock } = require('../../src/main/core/ports') as typeof PortsModule;
export const { embedAttributes } = require('../../src/renderer/embed-attributes') as typeof EmbedAttributesModule;
export const { BRIDGE_GLOBAL, RENDERER_CONFIG_PATH } = require('../../src/shared/ipc-contract') as typeof IpcContractModule;
export const { startFakeTenant } = require('../../test/fake-tenant') as typeof FakeTenantModule;
export const { impersonationClient } = require('../../test/fake-tenant/demo') as typeof DemoModule;
export const { freePort, localTimeIn, REPO, startHarness, until } = require('../../test/harness/qiosk-harness') as typeof HarnessModule;
export const { CHROMIUM_ARGS, chromiumPath, noChromiumReason } = require('../../test/support/chromium') as typeof ChromiumModule;
export const { colourIn, decodePng } = require('../../test/support/png') as typeof PngModule;

export const QUICK = process.env['WALL_BENCH_QUICK'] === '1';

export const SHEET = { ui: 'analytics/sheet', appId: 'app-1', sheetId: 'sheet-1' };
export const LINE = { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-1' };
export const PIE = { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-2' };
export const BAR = { ui: 'analytics/chart', appId: 'app-1', objectId: 'obj-3' };
/** What the harness's default config shows (content.embeds): the kiosk and the bare page show the same three. */
export const TTFC_EMBEDS = [SHEET, LINE, PIE];
export const READY = '[data-fake-qlik-embed][data-ws-state="connected"][data-status="ready"]';
export const VISIBLE_READY = `[data-visible="true"] ${READY}`;
export const IMPERSONATION = 'urn:qlik:oauth:user-impersonation';

export const secret = randomBytes(24).toString('base64url');
export const now = () => performance.timeOrigin + performance.now(); // epoch ms, sub-ms; the page's clock is the same one
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export { median, pct, sorted } from './stats.mts';
export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r2 = (x: number) => Math.round(x * 100) / 100;
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
// Node's own GC, on demand (for the bench process's heap and RSS samples).
v8.setFlagsFromString('--expose-gc');
export const nodeGc = runInNewContext('gc') as () => void;

/** The harness config as a wall (as test/harness/wall.test.ts writes one): `wall` replaces content.embeds. */
export const asWall = (wall: Record<string, unknown>) => (config: Record<string, unknown>) => {
  const { content: _embeds, ...rest } = config;
  return { ...rest, ...wall };
};
/** Main's daily recycle far from now, so no run meets it; Qiosk's shipped health timings (heartbeat 5 s,
 * keepalive 15 s, load timeout 45 s), as a real wall runs. */
export const harnessBase = () => ({ secret, shippedTimings: true, supervisor: { dailyRecycleAt: localTimeIn(12) } });
/** The Chromium the harness runs (the runner refuses to start without one). */
export const exe = chromiumPath();
export const mark = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : 'MISSED');
