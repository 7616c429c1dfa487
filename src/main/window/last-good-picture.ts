// The last good picture of a content window: taken while every embed is rendered (at most once per
// `everyMs`), kept in main's memory only (never on disk), and shown dimmed behind the status screen during an
// outage ("Data as of 10:42 — reconnecting"), instead of a blank page.
import type { Clock, Log } from '../core/ports';

export interface Picture {
  png: Uint8Array;
  /** Epoch ms when the content was last seen good. */
  at: number;
}

export const PICTURE_EVERY_MS = 60_000;
/** A capture that has not answered by then is given up (a hidden window may never answer). */
export const CAPTURE_TIMEOUT_MS = 10_000;

export function createPictureKeeper(d: {
  clock: Clock; capture(): Promise<Uint8Array | undefined>; log: Log; everyMs?: number;
  /** Still the good content when the capture lands (not, say, a status screen that replaced it meanwhile). */
  stillGood(): boolean;
}) {
  const everyMs = d.everyMs ?? PICTURE_EVERY_MS;
  let latest: Picture | undefined;
  let takingSince: number | undefined;
  return {
    /** Every embed is rendered now. */
    contentGood(): void {
      const now = d.clock.now();
      if (takingSince !== undefined || (latest && now - latest.at < everyMs)) return;
      takingSince = now;
      let cancel = () => {};
      const timeout = new Promise<undefined>((_, reject) => {
        cancel = d.clock.setTimeout(() => reject(new Error(`no picture within ${CAPTURE_TIMEOUT_MS} ms`)), CAPTURE_TIMEOUT_MS);
      });
      Promise.race([d.capture(), timeout]).then(
        (png) => {
          if (png && png.byteLength > 0 && d.stillGood()) latest = { png, at: now };
        },
        (err: unknown) => d.log.warn('could not take the last good picture', { err: err instanceof Error ? err.message : String(err) }),
      ).finally(() => {
        cancel();
        takingSince = undefined;
      });
    },
    latest: (): Picture | undefined => latest,
  };
}
