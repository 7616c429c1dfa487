// Idle reset: on a touch kiosk, whatever the last person selected is cleared once nobody has touched the screen
// for `idleMs`, and the page goes back to its start state. Once: the next countdown starts with the next
// input, so a kiosk nobody touches has no timer at all and is never disturbed. Timers and the reset action are
// injected, so the timing runs under a fake clock; resetToStart takes the tiles as plain handles.
import { EMBED_KINDS, type InitialState } from '../shared/embeds';
import type { RendererEmbed } from '../shared/ipc-contract';
import { methodOf, refApiOf } from './ref-api';

/** Returns a function that cancels the timer. */
export type SetTimer = (fn: () => void, ms: number) => () => void;

/** What counts as someone at the screen (captured, so no embed can swallow it). */
export const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleResetDeps {
  idleMs: number;
  setTimeout: SetTimer;
  reset(): void | Promise<void>;
}

export function createIdleReset(d: IdleResetDeps) {
  let cancel: (() => void) | undefined;
  const fire = () => {
    cancel = undefined;
    void Promise.resolve()
      .then(() => d.reset())
      .catch((err: unknown) => console.warn(`Qiosk: idle reset failed: ${err instanceof Error ? err.message : String(err)}`));
  };
  return {
    /** Someone touched the kiosk: the countdown starts (again) from now. */
    input(): void {
      cancel?.();
      cancel = d.setTimeout(fire, d.idleMs);
    },
    stop(): void {
      cancel?.();
      cancel = undefined;
    },
    get counting(): boolean {
      return cancel !== undefined;
    },
  };
}

/** Calls `onInput` for every input on `target` (the window); returns a function that stops it. */
export function watchInput(target: EventTarget, onInput: () => void): () => void {
  const options = { capture: true, passive: true };
  for (const type of INPUT_EVENTS) target.addEventListener(type, onInput, options);
  // Input inside a classic/* iframe never reaches this window: the window losing focus to it is the only sign.
  const onBlur = (ev: Event) => {
    if (ev.target === target) onInput();
  };
  target.addEventListener('blur', onBlur);
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, onInput, options);
    target.removeEventListener('blur', onBlur);
  };
}

/** A step bounded by `ms` on the injected timer (a ref API may never answer). */
export function boundedBy(setTimer: SetTimer, ms: number) {
  return <T>(p: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const cancel = setTimer(() => reject(new Error('no answer')), ms);
      p.then(
        (v) => {
          cancel();
          resolve(v);
        },
        (e: unknown) => {
          cancel();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
}

export interface ResetTile {
  embed: RendererEmbed;
  /** The tile's live <qlik-embed>, or undefined while it has none (content marked unavailable: left alone). */
  element(): { getRefApi?: () => Promise<unknown> } | undefined;
  remount(): void;
}

export interface ResetDeps {
  tiles: readonly ResetTile[];
  /** Bounds each engine step: getRefApi() never rejects and may never resolve. */
  within<T>(p: Promise<T>): Promise<T>;
}

/**
 * Brings every app back to its start state. Per app: classic/* tiles are remounted (classic/app applies its
 * clear-selections/bookmark/select attributes on mount); the app's engine document, reached through a tile
 * whose ref API has getDoc (analytics/chart, field, selections), is cleared and given its bookmark and field
 * selections; an app with no such tile, or whose document does not answer, is remounted as a whole.
 */
export async function resetToStart(d: ResetDeps): Promise<void> {
  const apps = new Map<string, ResetTile[]>();
  for (const t of d.tiles) {
    const appId = t.embed.appId;
    if (appId === undefined || !t.element()) continue;
    apps.set(appId, [...(apps.get(appId) ?? []), t]);
  }
  await Promise.all([...apps.values()].map((tiles) => resetApp(tiles, d)));
}

async function resetApp(tiles: ResetTile[], d: ResetDeps): Promise<void> {
  const classic = tiles.filter((t) => EMBED_KINDS[t.embed.ui].family === 'classic');
  const analytics = tiles.filter((t) => !classic.includes(t));
  for (const t of classic) t.remount();
  if (analytics.length === 0) return;
  const state = tiles.find((t) => t.embed.initialState)?.embed.initialState; // the same for every tile of an app
  for (const t of analytics.filter((x) => EMBED_KINDS[x.embed.ui].doc)) {
    try {
      const api = await d.within(refApiOf(t.element()));
      const getDoc = methodOf(api, 'getDoc');
      if (!getDoc) continue;
      if (await applyState(await d.within(getDoc()), state, d.within)) return;
    } catch {
      // try the app's next tile, else remount it below
    }
  }
  for (const t of analytics) t.remount();
}

/** False when the document lacks a method the reset needs. */
async function applyState(doc: unknown, state: InitialState | undefined, within: ResetDeps['within']): Promise<boolean> {
  const clearAll = methodOf(doc, 'clearAll');
  const applyBookmark = methodOf(doc, 'applyBookmark');
  const getField = methodOf(doc, 'getField');
  if (!clearAll || (state?.bookmark !== undefined && !applyBookmark) || (state?.fields && !getField)) return false;
  await within(clearAll());
  if (state?.bookmark !== undefined) await within(applyBookmark!(state.bookmark));
  for (const f of state?.fields ?? []) {
    const selectValues = methodOf(await within(getField!(f.name)), 'selectValues');
    if (!selectValues) return false;
    await within(selectValues(f.values.map((v) => ({ qText: v })), false, false));
  }
  return true;
}
