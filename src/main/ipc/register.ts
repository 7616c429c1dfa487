// The one way main registers IPC handlers: every call is checked against the shared contract before the handler
// sees it: the sender by the channel's own sender policy, the arguments by the channel's validator. Refused
// calls reject with a fixed message and are logged.
import { argumentChecks, channelSenders, type Channel, type Contract, type SenderKind } from '../../shared/ipc-contract';
import type { Log } from '../core/ports';
import { checkSender, type SenderFacts, type SenderPolicy } from './sender-check';

export const REFUSED = 'Qiosk refused this IPC call';

/** The slice of Electron's IpcMainInvokeEvent the wrapper reads. */
export interface InvokeEventLike {
  sender: { id: number };
  readonly senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Who called, as the browser side knows it (never from the page): the window, and its main frame's URL. */
export interface Caller {
  webContentsId: number;
  url: string;
}
export type Handler<C extends Channel> = (caller: Caller, ...args: Contract[C]['args']) => Promise<Contract[C]['result']>;

/** Reads the sender's facts defensively: `senderFrame` may be null, and throws when the frame is disposed. */
export function senderFacts(event: InvokeEventLike): SenderFacts {
  let frame: SenderFacts['frame'] = null;
  try {
    const f = event.senderFrame;
    if (f) frame = { url: f.url, isMainFrame: f.parent === null };
  } catch {
    frame = null;
  }
  return { frame, webContentsId: event.sender.id };
}

/** One sender policy per kind of window (see channelSenders in the contract). */
export type SenderPolicies = { [K in SenderKind]: SenderPolicy };

export function createIpcRegistry(ipcMain: IpcMainLike, policies: SenderPolicies, log: Log) {
  return {
    handle<C extends Channel>(channel: C, handler: Handler<C>): void {
      ipcMain.removeHandler(channel);
      ipcMain.handle(channel, (event, ...args) => invokeChecked(channel, handler, senderFacts(event), args));
    },
  };

  async function invokeChecked<C extends Channel>(channel: C, handler: Handler<C>, facts: SenderFacts, args: unknown[]) {
    const verdict = checkSender(facts, policies[channelSenders[channel]]);
    if (!verdict.ok) {
      log.warn('refused IPC call', { channel, reason: verdict.reason });
      throw new Error(REFUSED);
    }
    if (!argumentChecks[channel](args)) {
      log.warn('refused IPC call', { channel, reason: `arguments do not match the contract (${args.length} given)` });
      throw new Error(REFUSED);
    }
    return handler({ webContentsId: facts.webContentsId, url: facts.frame!.url }, ...args);
  }
}
