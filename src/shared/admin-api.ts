// The admin window's side of the contract: what its preload exposes (src/preload/admin-api.ts) as the admin page
// sees it (src/renderer/admin.ts), and how long an unlocked admin view lasts without use.
import { Channels, type Contract } from './ipc-contract';

type Call<C extends keyof Contract> = (...args: Contract[C]['args']) => Promise<Contract[C]['result']>;

/** window[ADMIN_GLOBAL]. Unlike the content bridge it rejects when main refuses (locked, or not the admin
 * window): the page then asks for the PIN again. */
export interface AdminApi {
  unlock: Call<typeof Channels.adminUnlock>;
  diagnostics: Call<typeof Channels.adminDiagnostics>;
  leaveKiosk: Call<typeof Channels.adminLeaveKiosk>;
  reloadScreen: Call<typeof Channels.adminReloadScreen>;
  quit: Call<typeof Channels.adminQuit>;
}

/** Main's session locks after this long without an admin call (its calls then need the PIN again), and the
 * admin page goes back to its PIN prompt by itself, so an admin view left open at a kiosk does not stay
 * readable, or usable, by whoever walks up next. */
export const ADMIN_IDLE_MS = 5 * 60_000;
