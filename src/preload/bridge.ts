// The getAccessToken bridge qlik-embed calls (once per page). It takes no arguments and returns only the
// token. It never rejects: qlik-embed poisons every embed on the page after one rejection. On failure main
// has already switched the window to its status screen; should the page still be here after a bounded time
// (main unreachable or hung), the bridge reloads it so nothing stays broken.
import { Channels, type TokenResult } from '../shared/ipc-contract';

export const BRIDGE_STUCK_MS = 30_000;

export interface BridgeDeps {
  invoke(channel: typeof Channels.getAccessToken): Promise<TokenResult>;
  reload(): void;
  setTimeout(fn: () => void, ms: number): void;
}

export function createBridge(deps: BridgeDeps): () => Promise<string> {
  return function qioskGetAccessToken(): Promise<string> {
    return new Promise<string>((resolve) => {
      let settled = false;
      const recover = () => deps.setTimeout(() => deps.reload(), BRIDGE_STUCK_MS);
      deps.setTimeout(() => {
        if (!settled) deps.reload(); // main never answered
      }, BRIDGE_STUCK_MS);
      deps.invoke(Channels.getAccessToken).then(
        (result) => {
          settled = true;
          if (result.ok && typeof result.accessToken === 'string') resolve(result.accessToken);
          else recover();
        },
        () => {
          settled = true;
          recover();
        },
      );
    });
  };
}
