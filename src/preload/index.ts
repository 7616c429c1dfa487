// The preload exposes exactly two top-level functions: the getAccessToken bridge and the health report. No
// ipcRenderer, no events, no process, nothing else crosses into the page. It also listens, in its own world, for
// the admin escape's corner taps (escape-listener.ts), which no page script can fake.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, Channels, HEALTH_GLOBAL } from '../shared/ipc-contract';
import { createBridge, createHealthReporter } from './bridge';
import { installEscapeListener, type WindowLike } from './escape-listener';
import { hardenMainWorld } from './harden-main-world';

// First, before any page script can run: no WebRTC for page scripts (see harden-main-world.ts).
contextBridge.executeInMainWorld({ func: hardenMainWorld });

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge({ invoke: (channel) => ipcRenderer.invoke(channel) }));
contextBridge.exposeInMainWorld(HEALTH_GLOBAL, createHealthReporter({ invoke: (channel, report) => ipcRenderer.invoke(channel, report) }));

installEscapeListener((globalThis as unknown as { window: WindowLike }).window, {
  now: () => performance.now(),
  escape: () => void ipcRenderer.invoke(Channels.escapeGesture).catch(() => {}), // refused, or no PIN: nothing happens
});
