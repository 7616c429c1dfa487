// What runtime-layout.test.ts measures in the page: each stand-in embed's texts (clipped? too small?), its
// objects (id, title, the numbers it shows as data-values) and how much of its tile its drawing covers.
import type { Page } from 'playwright-core';

export interface Cover {
  /** Share of the box's width and height that the drawn ink's bounding box spans (0–1). */
  w: number;
  h: number;
}

export interface ObjectReport {
  id: string;
  type: string;
  title: string;
  values: string;
  cover: Cover;
}

export interface EmbedReport {
  ui: string;
  objectId: string | null;
  /** All the embed's text, hidden or not. */
  text: string;
  sheetTitle: string | null;
  /** Texts cut off or overflowing: what, and by what. */
  clipped: string[];
  /** Texts drawn below 9 px. */
  tiny: string[];
  cover: Cover;
  objects: ObjectReport[];
}

/** Sets the page's viewport and waits until the page has it and has drawn for it. Playwright sometimes leaves
 * a harness page at its old size on the first call, so the size is nudged and set again until it holds. */
export async function resizeTo(page: Page, width: number, height: number): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await page.setViewportSize({ width: width - 1, height });
    await page.setViewportSize({ width, height });
    const held = await page.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h, [width, height] as const, { timeout: 2_000 }).then(() => true, () => false);
    if (held) break;
  }
  const size = await page.evaluate(() => [innerWidth, innerHeight]);
  if (size[0] !== width || size[1] !== height) throw new Error(`the page stayed at ${size.join('×')}, not ${width}×${height}`);
  // Layout, the embeds' ResizeObservers (they draw again for their new size), then a frame painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export function measureEmbeds(page: Page): Promise<EmbedReport[]> {
  return page.evaluate(() => {
    const within = (r: DOMRect, c: DOMRect) => r.left >= c.left - 1 && r.top >= c.top - 1 && r.right <= c.right + 1 && r.bottom <= c.bottom + 1;
    const name = (e: Element) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    const ownText = (e: Element) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    /** The box a text's glyphs take: its range for HTML, its own box for SVG text. */
    const textBox = (e: Element) => {
      if (e instanceof SVGElement) return e.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(e);
      return range.getBoundingClientRect();
    };
    /** How much of `box` the union of the ink boxes spans, per dimension. */
    const cover = (inks: DOMRect[], box: DOMRect) => {
      const seen = inks.filter((r) => r.width > 0 && r.height > 0);
      if (!seen.length) return { w: 0, h: 0 };
      const [l, t] = [Math.min(...seen.map((r) => r.left)), Math.min(...seen.map((r) => r.top))];
      const [r, b] = [Math.max(...seen.map((x) => x.right)), Math.max(...seen.map((x) => x.bottom))];
      return { w: (Math.min(r, box.right) - Math.max(l, box.left)) / box.width, h: (Math.min(b, box.bottom) - Math.max(t, box.top)) / box.height };
    };
    const inkOf = (root: Element) => [
      ...[...root.querySelectorAll('svg rect, svg path, svg line, svg polyline, svg polygon, svg circle')].map((e) => e.getBoundingClientRect()),
      ...[...root.querySelectorAll('*')].filter(ownText).map(textBox),
    ];

    return [...document.querySelectorAll<HTMLElement>('[data-fake-qlik-embed]')].map((root) => {
      const tile = root.closest('.tile') ?? root;
      const tileBox = tile.getBoundingClientRect();
      const clipped: string[] = [];
      const tiny: string[] = [];
      for (const e of [...root.querySelectorAll('*')].filter(ownText)) {
        const style = getComputedStyle(e);
        const glyphs = textBox(e);
        if (glyphs.width === 0 || glyphs.height === 0) continue; // not drawn (display: none)
        if (e instanceof SVGElement) {
          const svg = e.ownerSVGElement;
          if (svg && !within(glyphs, svg.getBoundingClientRect())) clipped.push(`${name(e)} reaches outside its svg`);
        } else if (e instanceof HTMLElement && style.display !== 'inline') {
          if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) clipped.push(`${name(e)} overflows its box (${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight})`);
          else if (!within(glyphs, e.getBoundingClientRect())) clipped.push(`${name(e)} reaches outside its box`);
        }
        for (let a = e.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflow !== 'visible' && !within(glyphs, a.getBoundingClientRect())) {
            clipped.push(`${name(e)} is cut off by ${a.tagName.toLowerCase()}${a.classList.length ? `.${[...a.classList].join('.')}` : ''}`);
            break;
          }
          if (a === tile) break;
        }
        if (Number.parseFloat(style.fontSize) < 9) tiny.push(`${name(e)} at ${style.fontSize}`);
      }
      const objects = [...root.querySelectorAll<HTMLElement>('[data-qlik-object]')].map((o) => ({
        id: o.dataset['qlikObject'] ?? '',
        type: o.dataset['chartType'] ?? '',
        title: (o.querySelector('[data-role="object-title"]') ?? o.querySelector('div'))?.textContent ?? '',
        values: o.dataset['values'] ?? '',
        cover: cover(inkOf(o), o.getBoundingClientRect()),
      }));
      return {
        ui: root.getAttribute('data-ui') ?? '',
        objectId: root.getAttribute('data-object-id'),
        text: root.textContent ?? '',
        sheetTitle: root.querySelector('[data-role="sheet-title"]')?.textContent ?? null,
        clipped,
        tiny,
        cover: cover(inkOf(root), tileBox),
        objects,
      };
    });
  });
}
