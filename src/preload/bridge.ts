// What the preload exposes to the page, as plain functions (qlik-embed resolves `get-access-token` as
// globalThis[name], so the token bridge cannot live on a namespace object):
// - the getAccessToken bridge qlik-embed calls. It takes no arguments and returns only the token. It never
//   rejects: qlik-embed poisons every embed on the page after one rejection. On failure it stays pending: main
//   has taken the window over (status screen) or hears from the page's health reports, and decides the heal.
// - the health report: the page's embed states (and heartbeat) to main; main's answer says what to remount.
import { Channels, type HealthDirectives, type HealthReport, type TokenResult } from '../shared/ipc-contract';

export interface BridgeDeps {
  invoke(channel: typeof Channels.getAccessToken): Promise<TokenResult>;
}

export function createBridge(deps: BridgeDeps): () => Promise<string> {
  return function qioskGetAccessToken(): Promise<string> {
    return new Promise<string>((resolve) => {
      deps.invoke(Channels.getAccessToken).then(
        (result) => {
          if (result.ok && typeof result.accessToken === 'string') resolve(result.accessToken);
        },
        () => {}, // refused or main gone: never a rejection into qlik-embed
      );
    });
  };
}

const NOTHING: HealthDirectives = { remount: [], unavailable: [] };

export function createHealthReporter(deps: { invoke(channel: typeof Channels.reportHealth, report: HealthReport): Promise<HealthDirectives> }) {
  return function qioskReportHealth(report: HealthReport): Promise<HealthDirectives> {
    // Main checks the shape (a refused report gets nothing back); a failed call must not break the page.
    return deps.invoke(Channels.reportHealth, report).catch(() => NOTHING);
  };
}
