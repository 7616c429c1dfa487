// The preload exposes exactly one top-level function, the getAccessToken bridge: qlik-embed resolves
// `get-access-token` as globalThis[name], so it cannot live on a namespace object. No ipcRenderer, no events,
// no process, nothing else crosses into the page.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/ipc-contract';
import { createBridge } from './bridge';
import { hardenMainWorld } from './harden-main-world';

const page = globalThis as unknown as { location: { reload(): void } };

// First, before any page script can run: no WebRTC for page scripts (see harden-main-world.ts).
contextBridge.executeInMainWorld({ func: hardenMainWorld });

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge({
    invoke: (channel) => ipcRenderer.invoke(channel),
    reload: () => page.location.reload(),
    setTimeout: (fn, ms) => void setTimeout(fn, ms),
  }),
);
