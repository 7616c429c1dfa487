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

export function createPictureKeeper(d: { clock: Clock; capture(): Promise<Uint8Array | undefined>; log: Log; everyMs?: number }) {
  const everyMs = d.everyMs ?? PICTURE_EVERY_MS;
  let latest: Picture | undefined;
  let takingSince: number | undefined;
  return {
    /** Every embed is rendered now. */
    contentGood(): void {
      const now = d.clock.now();
      if (takingSince !== undefined || (latest && now - latest.at < everyMs)) return;
      takingSince = now;
      d.capture().then(
        (png) => {
          if (png && png.byteLength > 0) latest = { png, at: now };
        },
        (err: unknown) => d.log.warn('could not take the last good picture', { err: err instanceof Error ? err.message : String(err) }),
      ).finally(() => {
        takingSince = undefined;
      });
    },
    latest: (): Picture | undefined => latest,
  };
}
