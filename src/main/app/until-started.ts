// Start-up that heals itself: a bad config, an unknown OS user or a taken renderer port is shown on screen and
// retried on a fixed period, so fixing the cause brings the kiosk up with nobody at the keyboard. A fixed period
// (not back-off) because the fix is a human editing a file, who expects to see it take effect soon.
import type { Clock, Log } from '../core/ports';

export interface UntilStartedOptions {
  retryMs: number;
  clock: Clock;
  log: Log;
  /** Shows the problem (error messages here never carry secrets: config refuses them). The message names files and
   * user names: it is for the log, never for a screen (startup-problem.ts makes the screen's code of `error`). */
  onProblem(message: string, retryAt: number, error: unknown): void;
}

export async function untilStarted<T>(attempt: () => Promise<T>, o: UntilStartedOptions): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      const value = await attempt();
      if (failures > 0) o.log.info('started after earlier failures', { failures });
      return value;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      o.log.error('cannot start; retrying', { message, retryInMs: o.retryMs });
      o.onProblem(message, o.clock.now() + o.retryMs, err);
      await new Promise<void>((resolve) => o.clock.setTimeout(resolve, o.retryMs));
    }
  }
}
