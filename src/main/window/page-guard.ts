// Only main chooses what a Qiosk window shows. The guard remembers the URLs main loaded into the window since a
// committed page last matched one (newest last: main's own loads can overtake each other, so an older one may
// still commit first); a committed page that is none of them is one the page navigated to by itself — to a status
// page of its own making, say, with words of its choosing — and the window's supervisor heals it by loading
// main's URL again (start-core.ts). Pure, so its rules are a table in the unit tests.

export interface PageGuard {
  /** Main is loading `url` into the window (its loadURL: the page cannot call this). */
  loading(url: string): void;
  /** Window `webContentsId`'s main frame committed `url`: true when main loaded it, when main has loaded nothing
   * yet, or for a new window's first blank page (before main's URL reaches it). */
  committed(webContentsId: number, url: string): boolean;
}

/** Loads remembered at most while none commits (a window that never answers must not grow the list). */
const MAX_PENDING = 8;

/** A URL as the browser reports it back once committed (the WHATWG parser's form). */
export function canonicalUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

export function createPageGuard(): PageGuard {
  let loads: string[] = [];
  let windows = new Set<number>(); // windows that have committed a page of main's
  return {
    loading(url) {
      loads = [...loads.slice(1 - MAX_PENDING), canonicalUrl(url)];
    },
    committed(webContentsId, url) {
      if (loads.length === 0) return true; // nothing of main's yet
      if (url === 'about:blank' && !windows.has(webContentsId)) return true; // a new window, before main's URL
      const at = loads.lastIndexOf(canonicalUrl(url));
      if (at < 0) return false;
      loads = loads.slice(at); // older loads were overtaken; this one and any newer stay expected
      windows = new Set([...windows, webContentsId].slice(-MAX_PENDING));
      return true;
    },
  };
}
