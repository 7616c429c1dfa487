// What the admin window's preload (admin.ts) exposes to the admin page: one object of five functions, each one
// admin channel through ipcRenderer.invoke. Nothing else: no token bridge, no health report, no ipcRenderer.
// Main checks every call (sender, arguments, rate, and the PIN session: src/main/admin/admin-session.ts).
import type { AdminApi } from '../shared/admin-api';
import { Channels, type Contract } from '../shared/ipc-contract';

type AdminInvoke = <C extends keyof Contract>(channel: C, ...args: Contract[C]['args']) => Promise<Contract[C]['result']>;

export function createAdminApi(invoke: AdminInvoke): AdminApi {
  return {
    unlock: (pin) => invoke(Channels.adminUnlock, pin),
    diagnostics: () => invoke(Channels.adminDiagnostics),
    leaveKiosk: (minutes) => invoke(Channels.adminLeaveKiosk, minutes),
    reloadScreen: (id) => invoke(Channels.adminReloadScreen, id),
    quit: () => invoke(Channels.adminQuit),
  };
}
