// Geometry checks for screenshots: what a passer-by sees covered or cut off, measured from the page's own
// boxes rather than from pixels. Used by the status-screen and preview batteries at every screen size.
import type { Page } from 'playwright-core';

export interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The visible boxes of the first element matching each selector (hidden or zero-sized ones are left out). */
export async function boxes(page: Page, selectors: Record<string, string>): Promise<Box[]> {
  const found: Box[] = [];
  for (const [name, selector] of Object.entries(selectors)) {
    for (const handle of await page.$$(selector)) {
      const b = (await handle.isVisible()) ? await handle.boundingBox() : null;
      if (b && b.width > 0 && b.height > 0) found.push({ name, ...b });
    }
  }
  return found;
}

/** Pairs (overlay, text) whose boxes share more than a pixel's sliver. */
export function overlaps(overlays: Box[], texts: Box[]): string[] {
  const hit = (a: Box, b: Box) =>
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;
  return overlays.flatMap((o) => texts.filter((t) => t !== o && hit(o, t)).map((t) => `${o.name} covers ${t.name}`));
}

/** Boxes that reach outside the viewport (cut off by the screen's edge). */
export function offScreen(list: Box[], viewport: { width: number; height: number }): string[] {
  return list.filter((b) => b.x < -1 || b.y < -1 || b.x + b.width > viewport.width + 1 || b.y + b.height > viewport.height + 1).map((b) => `${b.name} is cut off by the screen edge`);
}

/** Text elements under `root` (HTML and SVG) whose text does not fit their box or their clipping ancestor. */
export function clippedText(page: Page, root: string): Promise<string[]> {
  return page.evaluate((rootSel) => {
    const out: string[] = [];
    const label = (e: Element) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    for (const r of document.querySelectorAll(rootSel)) {
      for (const e of r.querySelectorAll('*')) {
        const own = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
        if (!own) continue;
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (e instanceof HTMLElement && getComputedStyle(e).display !== 'inline' && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) && getComputedStyle(e).overflow !== 'visible') out.push(`${label(e)} overflows its box`);
        // Cut off by an ancestor that hides overflow (a tile, a card).
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflow === 'visible') continue;
          const c = a.getBoundingClientRect();
          if (box.left < c.left - 1 || box.top < c.top - 1 || box.right > c.right + 1 || box.bottom > c.bottom + 1) {
            out.push(`${label(e)} is cut off by ${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`);
            break;
          }
        }
      }
    }
    return out;
  }, root);
}
