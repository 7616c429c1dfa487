// Electron's preload isolation, emulated in Chromium so harness results about what a page script can reach
// hold in the app. As in Electron (contextIsolation, nodeIntegrationInSubFrames off):
// - the real preload bundle runs in an isolated world, in the top frame only, before any page script;
// - the IPC transport exists only in that isolated world (a CDP binding scoped to the world by name), so page
//   scripts cannot call it with a channel or arguments of their choosing;
// - contextBridge.exposeInMainWorld puts a plain function into the page's world that forwards the call to the
//   isolated world and returns a copy of its result (here via DOM events with JSON text; Electron copies too).
// Main learns who called from the browser side (frame tree), never from the page.
import type { CDPSession, Frame, Page } from 'playwright-core';
import type { InvokeEventLike } from '../../src/main/ipc/register';
import { hardenMainWorld } from '../../src/preload/harden-main-world';

export const PRELOAD_WORLD = 'qiosk-preload';
const BINDING = '__qioskIpcTransport';

/** The page-world half of contextBridge: defines each exposed name as a forwarding function. */
const MAIN_WORLD = `(() => {
  const pending = new Map();
  let next = 0;
  document.addEventListener('__qiosk_bridge_reply', (e) => {
    const r = JSON.parse(e.detail);
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    r.ok ? p.resolve(r.value) : p.reject(new Error(r.error));
  });
  const forward = (name) => (...args) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    document.dispatchEvent(new CustomEvent('__qiosk_bridge_call', { detail: JSON.stringify({ name, id, args }) }));
  });
  document.addEventListener('__qiosk_bridge_expose', (e) => {
    // A function, or an object of functions (Electron copies both across the bridge).
    const { name, methods } = JSON.parse(e.detail);
    const value = methods ? Object.freeze(Object.fromEntries(methods.map((m) => [m, forward(name + '.' + m)]))) : forward(name);
    Object.defineProperty(window, name, { value, enumerable: true, configurable: false, writable: false });
  });
})();`;

/** Runs the bundled preload in the isolated world of the top frame; its electron shim uses these. */
const ISOLATED_PRELUDE = `
  const __qioskApis = new Map();
  const __qioskPending = new Map();
  let __qioskNext = 0;
  globalThis.__qioskIsolated = {
    expose(name, api) {
      if (typeof api === 'function') {
        __qioskApis.set(name, api);
        document.dispatchEvent(new CustomEvent('__qiosk_bridge_expose', { detail: JSON.stringify({ name }) }));
        return;
      }
      const methods = Object.keys(api).filter((k) => typeof api[k] === 'function');
      for (const m of methods) __qioskApis.set(name + '.' + m, api[m]);
      document.dispatchEvent(new CustomEvent('__qiosk_bridge_expose', { detail: JSON.stringify({ name, methods }) }));
    },
    invoke(channel, ...args) {
      return new Promise((resolve, reject) => {
        const id = ++__qioskNext;
        __qioskPending.set(id, { resolve, reject });
        ${BINDING}(JSON.stringify({ id, channel, args }));
      });
    },
    settle(id, ok, value) {
      const p = __qioskPending.get(id);
      __qioskPending.delete(id);
      ok ? p?.resolve(value) : p?.reject(new Error(value));
    },
  };
  document.addEventListener('__qiosk_bridge_call', (e) => {
    const { name, id, args } = JSON.parse(e.detail);
    const reply = (r) => document.dispatchEvent(new CustomEvent('__qiosk_bridge_reply', { detail: JSON.stringify({ id, ...r }) }));
    const api = __qioskApis.get(name);
    if (typeof api !== 'function') return reply({ ok: false, error: 'not a function' });
    Promise.resolve().then(() => api(...args)).then((value) => reply({ ok: true, value }), (err) => reply({ ok: false, error: String(err && err.message || err) }));
  });
`;

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

interface FrameNode {
  frame: { id: string; parentId?: string; url: string; urlFragment?: string };
  childFrames?: FrameNode[];
}

export interface PreloadIsolation {
  /** Evaluates `expression` in a frame's preload world (creating it, as a compromised renderer could). */
  evaluateInPreloadWorld(frame: Frame, expression: string): Promise<unknown>;
}

export async function isolatePreload(page: Page, preloadBundle: string, senderId: number, listener: (channel: string) => Listener | undefined, o: { patch?: boolean } = {}): Promise<PreloadIsolation> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts = new Map<number, string>(); // execution context id -> frame id, for the preload world
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.name === PRELOAD_WORLD) contexts.set(context.id, (context.auxData as { frameId: string }).frameId);
  });
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => void contexts.delete(executionContextId));
  // Sent together, not one round trip after another (Electron sets a window's preload at no cost to its first page):
  // one session handles its commands in the order they are sent, so the scripts still run in this order.
  // contextBridge.executeInMainWorld({ func: hardenMainWorld }), which the preload calls first: top frame only.
  // (Off only where a test shows that the egress gate alone holds.) The preload: top frame only, as Electron runs
  // preloads with nodeIntegrationInSubFrames off.
  const source = `if (window.top === window) {${ISOLATED_PRELUDE}\n${preloadBundle}\n}`;
  await Promise.all([
    cdp.send('Runtime.enable'),
    cdp.send('Page.enable'),
    cdp.send('Runtime.addBinding', { name: BINDING, executionContextName: PRELOAD_WORLD }),
    ...(o.patch !== false ? [cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: `if (window.top === window) (${hardenMainWorld.toString()})();`, runImmediately: true })] : []),
    cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: MAIN_WORLD, runImmediately: true }),
    cdp.send('Page.addScriptToEvaluateOnNewDocument', { source, worldName: PRELOAD_WORLD, runImmediately: true }),
  ]);

  // Each frame's committed URL as the browser's events give it (Electron's IPC message carries its frame; this saves
  // a round trip per call). The events arrive on this session before any script of the new document can call, so
  // a call never sees a stale URL; a frame not seen navigating yet (the window's first page) is looked up.
  const frames = new Map<string, { url: string; parentId: string | undefined }>();
  cdp.on('Page.frameNavigated', ({ frame }) => void frames.set(frame.id, { url: frame.url + (frame.urlFragment ?? ''), parentId: frame.parentId }));
  cdp.on('Page.navigatedWithinDocument', ({ frameId, url }) => {
    const f = frames.get(frameId);
    if (f) f.url = url;
  });
  cdp.on('Page.frameDetached', ({ frameId }) => void frames.delete(frameId));

  /** What Electron's event carries about the calling frame, from the browser's frame tree. */
  async function senderFrame(frameId: string | undefined): Promise<InvokeEventLike['senderFrame']> {
    if (!frameId) return null;
    const known = frames.get(frameId);
    if (known) return { url: known.url, parent: known.parentId ? {} : null };
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameNode };
    const find = (n: FrameNode): FrameNode['frame'] | undefined => (n.frame.id === frameId ? n.frame : n.childFrames?.map(find).find(Boolean));
    const f = find(frameTree);
    return f ? { url: f.url + (f.urlFragment ?? ''), parent: f.parentId ? {} : null } : null;
  }

  cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
    if (name !== BINDING) return;
    void (async () => {
      let id = 0;
      let reply: { ok: boolean; value: unknown };
      try {
        const call = JSON.parse(payload) as { id: number; channel: string; args: unknown[] };
        id = call.id;
        const l = listener(call.channel);
        if (!l) throw new Error(`No handler registered for '${call.channel}'`);
        reply = { ok: true, value: await l({ sender: { id: senderId }, senderFrame: await senderFrame(contexts.get(executionContextId)) }, ...call.args) };
      } catch (e) {
        reply = { ok: false, value: e instanceof Error ? e.message : String(e) };
      }
      await cdp.send('Runtime.evaluate', {
        expression: `globalThis.__qioskIsolated?.settle(${id}, ${reply.ok}, ${JSON.stringify(reply.value ?? null)})`,
        contextId: executionContextId,
      }).catch(() => {}); // the frame may be gone
    })();
  });

  return {
    async evaluateInPreloadWorld(frame, expression) {
      const frameId = await frameIdOf(cdp, frame);
      const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId, worldName: PRELOAD_WORLD })) as { executionContextId: number };
      contexts.set(executionContextId, frameId);
      const prelude = `globalThis.__qioskIsolated ?? (() => { ${ISOLATED_PRELUDE} })();`;
      const r = (await cdp.send('Runtime.evaluate', { expression: `${prelude}\n${expression}`, contextId: executionContextId, awaitPromise: true, returnByValue: true })) as { result: { value: unknown } };
      return r.result.value;
    },
  };
}

/** The CDP frame id of a Playwright frame, matched by URL and depth in the frame tree. */
async function frameIdOf(cdp: CDPSession, frame: Frame): Promise<string> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameNode };
  const depth = (f: Frame | null): number => (f?.parentFrame() ? 1 + depth(f.parentFrame()) : 0);
  const want = depth(frame);
  const walk = (n: FrameNode, d: number): string | undefined =>
    d === want && n.frame.url === frame.url() ? n.frame.id : n.childFrames?.map((c) => walk(c, d + 1)).find(Boolean);
  const id = walk(frameTree, 0);
  if (!id) throw new Error(`frame ${frame.url()} not found in the frame tree`);
  return id;
}
