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

const STATUS_TEXTS = { title: '#title', body: '#body', action: '#action', when: '#when', 'as-of line': '#as-of' };
const STATUS_BANDS = { 'DEMO banner': '#demo', clock: '#clock', 'as-of band': '#as-of', 'preview chip': '[data-qiosk-preview-label]' };

/** A status screen's layout faults: a band (banner, clock, "data as of", the preview's chip) over text, anything
 * cut off by the screen or its box, the clock reaching into the stage (over the last good picture). */
export async function statusScreenProblems(page: Page, viewport: { width: number; height: number }): Promise<string[]> {
  const texts = await boxes(page, STATUS_TEXTS);
  const bands = await boxes(page, STATUS_BANDS);
  const chip = bands.filter((b) => b.name === 'preview chip');
  const problems = [
    ...overlaps(bands.filter((b) => b.name !== 'as-of band'), texts),
    ...overlaps(chip, texts.filter((t) => t.name !== 'as-of line')),
    ...offScreen([...texts, ...bands], viewport),
    ...(await clippedText(page, '.status-card, #as-of, #demo')),
  ];
  const [stage] = await boxes(page, { stage: '.status-stage' });
  const [clock] = await boxes(page, { clock: '#clock' });
  if (clock && stage && clock.y + clock.height > stage.y + 1) problems.push('the clock reaches into the stage (over the picture)');
  return problems;
}
