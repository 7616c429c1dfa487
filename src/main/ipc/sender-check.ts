// Who may call an IPC handler: the MAIN frame of a window Qiosk created, showing Qiosk's renderer origin.
// Everything else (subframes, popups, other origins, navigated-away or destroyed frames) gets nothing.
// Note: code running inside the main frame itself passes; the CSP and the bundled loader guard that.

export interface SenderFacts {
  /** null when the frame navigated away or was destroyed before the call was handled. */
  frame: { url: string; isMainFrame: boolean } | null;
  webContentsId: number;
}

export interface SenderPolicy {
  rendererOrigin: string;
  isOurWebContents(id: number): boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(facts: SenderFacts, policy: SenderPolicy): SenderVerdict {
  if (!policy.isOurWebContents(facts.webContentsId)) return { ok: false, reason: 'sender is not a window Qiosk created' };
  if (facts.frame === null) return { ok: false, reason: 'sender frame is gone (navigated or destroyed)' };
  if (!facts.frame.isMainFrame) return { ok: false, reason: 'sender is a subframe' };
  let origin: string;
  try {
    origin = new URL(facts.frame.url).origin;
  } catch {
    return { ok: false, reason: 'sender URL is not parseable' };
  }
  if (origin !== policy.rendererOrigin) return { ok: false, reason: `sender origin ${origin} is not Qiosk's renderer origin` };
  return { ok: true };
}
