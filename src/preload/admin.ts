// The admin window's preload (built to out/preload/admin.js): only window[ADMIN_GLOBAL], the five admin calls.
// Content windows never get it (their preload is index.ts), and main answers these channels only for the admin
// window (sender kind 'admin').
import { contextBridge, ipcRenderer } from 'electron';
import { ADMIN_GLOBAL } from '../shared/ipc-contract';
import { createAdminApi } from './admin-api';

contextBridge.exposeInMainWorld(ADMIN_GLOBAL, createAdminApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)));
