// Stands in for Electron's preload APIs ONLY, inside Chromium: the real preload (src/preload/index.ts) is
// bundled against this module instead of 'electron' and runs in an isolated world (context-bridge.ts), where
// these reach the emulated transport. Page scripts see neither this module nor the transport.
declare global {
  var __qioskIsolated: {
    expose(name: string, api: unknown): void;
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  };
}

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown): void {
    globalThis.__qioskIsolated.expose(name, api);
  },
  // The harness runs the same function in the main world at document start, as Electron does on this call
  // (context-bridge.ts); test/unit/preload checks the preload makes the call, first.
  executeInMainWorld(): void {},
};

export const ipcRenderer = {
  invoke: (channel: string, ...args: unknown[]) => globalThis.__qioskIsolated.invoke(channel, ...args),
};
