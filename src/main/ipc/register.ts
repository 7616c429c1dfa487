// The one way main registers IPC handlers: every call is checked against the shared contract before the handler
// sees it: the sender by the channel's own sender policy, the arguments by the channel's validator, then the
// window's rate limit for the channel (rate-limit.ts). Refused calls reject with a fixed message and do no
// handler work. Any script in the page can repeat a refused call at will, so refusals are logged once per
// interval per channel and kind of refusal, with the count since (log-once.ts): a flood costs a few log lines,
// and the 5 MB rotation keeps the history IT needs.
import { argumentChecks, channelSenders, type Channel, type Contract, type SenderKind } from '../../shared/ipc-contract';
import type { Clock, Log } from '../core/ports';
import { logOncePerInterval } from '../log/log-once';
import { createRateLimiter, IPC_RATE_LIMITS, type RateLimit } from './rate-limit';
import { checkSender, type SenderFacts, type SenderPolicy, type SenderRefusal } from './sender-check';

export const REFUSED = 'Qiosk refused this IPC call';
/** A refusal of one channel and kind is logged at most once per this interval (the count since comes with the
 * next line). Keys are channel × kind, at most 2 × 7 today: a page flooding every kind at once writes at most 14
 * lines per 10 minutes, about 2,000 a day, where one line per call would roll the 5 MB log over within minutes. */
export const REFUSAL_LOG_INTERVAL_MS = 10 * 60_000;
/** What a refusal is keyed by: the sender's kind of refusal, the arguments, or the rate. Never argument values. */
export type RefusalKind = SenderRefusal | 'arguments' | 'rate-limit';

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

export interface IpcRegistryOptions {
  clock: Clock;
  /** Per-channel limits (default IPC_RATE_LIMITS). */
  limits?: { readonly [C in Channel]: RateLimit };
}

export function createIpcRegistry(ipcMain: IpcMainLike, policies: SenderPolicies, log: Log, o: IpcRegistryOptions) {
  const limiter = createRateLimiter(o.clock, o.limits ?? IPC_RATE_LIMITS);
  const logRefusal = logOncePerInterval(log, o.clock, { intervalMs: REFUSAL_LOG_INTERVAL_MS, maxKeys: 64, level: 'warn' });
  const refuse = (channel: Channel, kind: RefusalKind, reason: string): never => {
    logRefusal(`${channel} ${kind}`, 'refused IPC call', { channel, kind, reason });
    throw new Error(REFUSED);
  };
  return {
    handle<C extends Channel>(channel: C, handler: Handler<C>): void {
      ipcMain.removeHandler(channel);
      ipcMain.handle(channel, (event, ...args) => invokeChecked(channel, handler, senderFacts(event), args));
    },
  };

  async function invokeChecked<C extends Channel>(channel: C, handler: Handler<C>, facts: SenderFacts, args: unknown[]) {
    const verdict = checkSender(facts, policies[channelSenders[channel]]);
    if (!verdict.ok) return refuse(channel, verdict.kind, verdict.reason);
    if (!argumentChecks[channel](args)) return refuse(channel, 'arguments', `arguments do not match the contract (${args.length} given)`);
    if (!limiter.take(facts.webContentsId, channel)) return refuse(channel, 'rate-limit', 'the window calls this channel faster than its limit');
    return handler({ webContentsId: facts.webContentsId, url: facts.frame!.url }, ...args);
  }
}
