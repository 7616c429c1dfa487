// Everything main does for a kiosk window short of Electron itself: answer the renderer origin in-process,
// answer the token bridge through the checked IPC registry, and keep the window on content or the status
// screen. The Electron entry (index.ts) and the Chromium harness both call this, each with its own thin
// transport: protocol interception in Electron, request routing in the harness.
import { Channels, STATUS_PAGE_PATH, type RendererConfig, type RendererEmbed, type StatusInfo } from '../../shared/ipc-contract';
import { isLoopbackHostname } from '../config';
import type { Clock, Log } from '../core/ports';
import { createIpcRegistry, type IpcMainLike } from '../ipc/register';
import { createTokenHandler } from '../ipc/token-handler';
import { createRendererHandler, rendererOrigin, type RendererHandler } from '../origin/renderer-origin';
import { createTokenRecovery, type TokenRecovery } from '../recovery/token-recovery';
import { buildCsp } from '../security/csp';
import type { Services } from './services';

export interface CoreDeps {
  services: Services;
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  ipcMain: IpcMainLike;
  /** Answers every request for `origin` with `handler`, in-process, before any window loads it. */
  serveOrigin(origin: string, handler: RendererHandler): Promise<void>;
  isOurWebContents(id: number): boolean;
  /** Points the kiosk window at a URL of the renderer origin (BrowserWindow.loadURL in the app). */
  navigate(url: string): void;
  clock: Clock;
  logFor(scope: string): Log;
}

export interface Core {
  origin: string;
  /** The status page's URL for `info`, on this origin, with the demo banner when the tenant is the demo's. */
  statusUrl(info: StatusInfo): string;
  recovery: TokenRecovery;
  stop(): Promise<void>;
}

/** Only the attributes the renderer sets, without undefined keys (the page config is JSON). */
function toRendererEmbed(e: Record<string, string | undefined> & { ui: string }): RendererEmbed {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as RendererEmbed;
}

/** The status page's URL carries the code and the next attempt only: error text (which can quote an upstream
 * answer) goes to the log, never into a URL or onto a screen. */
export function statusQuery(info: StatusInfo, demo = false): string {
  const q = new URLSearchParams({ code: info.code });
  if (info.retryAt !== undefined) q.set('retryAt', String(info.retryAt));
  if (info.since !== undefined) q.set('since', String(info.since));
  if (demo) q.set('demo', '1');
  return q.toString();
}

export function statusUrl(origin: string, info: StatusInfo, demo = false): string {
  return `${origin}${STATUS_PAGE_PATH}?${statusQuery(info, demo)}`;
}

export async function startCore(d: CoreDeps): Promise<Core> {
  const { config, broker, identity } = d.services;
  const origin = rendererOrigin(config.renderer.port);
  const rendererConfig: RendererConfig = {
    tenantHost: config.tenant.host,
    clientId: config.tenant.clientId,
    embeds: config.content.embeds.map(toRendererEmbed),
    // A real Qlik Cloud tenant is never on loopback: only the fake tenant of `npm run demo` and tests is.
    demo: isLoopbackHostname(new URL(config.tenant.host).hostname),
  };
  // The status now showing, if any: a new cause or retry time updates the open status page (it polls), so
  // the page is loaded once per outage, not once per retry.
  let showing: StatusInfo | undefined;
  const handler = await createRendererHandler({
    root: d.rendererRoot,
    origin,
    csp: buildCsp({ rendererOrigin: origin, tenantHost: config.tenant.host }),
    rendererConfig,
    statusQuery: () => (showing ? statusQuery(showing, rendererConfig.demo) : undefined),
    log: d.logFor('renderer-origin'),
  });
  await d.serveOrigin(origin, handler);
  const recovery = createTokenRecovery({
    broker,
    identity,
    clock: d.clock,
    log: d.logFor('recovery'),
    view: {
      showContent: () => {
        showing = undefined;
        d.navigate(`${origin}/`);
      },
      showStatus: (info) => {
        const first = showing === undefined;
        showing = info;
        if (first) d.navigate(statusUrl(origin, info, rendererConfig.demo));
      },
    },
  });
  createIpcRegistry(d.ipcMain, { rendererOrigin: origin, isOurWebContents: d.isOurWebContents }, d.logFor('ipc')).handle(
    Channels.getAccessToken,
    createTokenHandler({ broker, identity, recovery }),
  );
  void recovery.start();
  return {
    origin,
    statusUrl: (info) => statusUrl(origin, info, rendererConfig.demo),
    recovery,
    async stop() {
      recovery.stop();
    },
  };
}
