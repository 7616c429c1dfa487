// Stands in for Electron's IPC transport ONLY, inside Chromium: the real preload (src/preload/index.ts) is
// bundled against this module instead of 'electron'. invoke() crosses to Node through a Playwright binding,
// where the real main-process IPC registry decides, from the calling frame, whether to answer.
declare global {
  interface Window {
    __qioskIpcTransport(channel: string, ...args: unknown[]): Promise<unknown>;
    __qioskExposed: string[];
  }
}

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown): void {
    (window.__qioskExposed ??= []).push(name);
    Object.defineProperty(window, name, { value: api, enumerable: true, configurable: false, writable: false });
  },
};

export const ipcRenderer = {
  invoke: (channel: string, ...args: unknown[]) => window.__qioskIpcTransport(channel, ...args),
};
