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

/** Why a sender was refused, as a fixed word (the refusal log's key: never anything the page chose). */
export type SenderRefusal = 'not-ours' | 'frame-gone' | 'subframe' | 'bad-url' | 'other-origin';
export type SenderVerdict = { ok: true } | { ok: false; kind: SenderRefusal; reason: string };

export function checkSender(facts: SenderFacts, policy: SenderPolicy): SenderVerdict {
  if (!policy.isOurWebContents(facts.webContentsId)) return { ok: false, kind: 'not-ours', reason: 'sender is not a window Qiosk created' };
  if (facts.frame === null) return { ok: false, kind: 'frame-gone', reason: 'sender frame is gone (navigated or destroyed)' };
  if (!facts.frame.isMainFrame) return { ok: false, kind: 'subframe', reason: 'sender is a subframe' };
  let origin: string;
  try {
    origin = new URL(facts.frame.url).origin;
  } catch {
    return { ok: false, kind: 'bad-url', reason: 'sender URL is not parseable' };
  }
  if (origin !== policy.rendererOrigin) return { ok: false, kind: 'other-origin', reason: `sender origin ${origin} is not Qiosk's renderer origin` };
  return { ok: true };
}
