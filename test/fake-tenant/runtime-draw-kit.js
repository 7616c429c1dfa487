// Drawing kit of the fake Qlik runtime's pictures (served first in /qlik-embed/main.js, then runtime-charts.js,
// runtime-visuals.js and runtime-stub.js; serve-runtime.ts). Everything is placed in pixels for the box it is
// drawn in, and every text is measured before it is placed: a text gets the largest size (up to the one asked
// for) at which it fits its box, and is left out when even the smallest legible size would not fit. So nothing
// is ever clipped or ellipsised, at any tile size. Pure drawing: no network, no timers.
(() => {
  'use strict';
  if (window.__fakeQlikKit) return;

  const FONT = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';
  const SVG = 'http://www.w3.org/2000/svg';
  /** The smallest text drawn (px): below it a label is left out rather than shrunk further. */
  const MIN_PX = 9;
  /** Line box per px of font: room for ascenders and descenders of any system font. */
  const LINE = 1.3;

  // FNV-1a over the seed, then mulberry32: the same seed always gives the same numbers.
  function rng(seed) {
    let h = 2166136261;
    for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    return () => {
      h = (h + 0x6d2b79f5) | 0;
      let t = Math.imul(h ^ (h >>> 15), 1 | h);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const series = (rand, n, lo, hi) => Array.from({ length: n }, () => Math.round(lo + rand() * (hi - lo)));
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

  function el(tag, css, text) {
    const e = document.createElement(tag);
    Object.assign(e.style, css);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  let ctx;
  /** The width of text at px in the page's font, measured as the browser will draw it. */
  function textWidth(text, px, weight = 400) {
    ctx ||= document.createElement('canvas').getContext('2d');
    ctx.font = `${weight} ${px}px ${FONT}`;
    return ctx.measureText(text).width;
  }
  /** The largest size up to `max` at which text fits `w` (a little room spared for rounding); may be < MIN_PX. */
  function fitPx(text, w, max, weight = 400) {
    const per = textWidth(text, 100, weight) / 100;
    return Math.floor(Math.min(max, per > 0 ? (w - 2) / (per * 1.04) : max) * 10) / 10;
  }
  /** fitPx, or 0 when the text cannot be legible there (then it is left out). */
  function legiblePx(text, w, max, weight = 400) {
    const px = fitPx(text, w, max, weight);
    return px >= MIN_PX ? px : 0;
  }

  /** An absolutely placed div at rect {x, y, w, h} of its parent. */
  function box(parent, r, css = {}) {
    const b = el('div', { position: 'absolute', left: `${r.x}px`, top: `${r.y}px`, width: `${Math.max(0, r.w)}px`, height: `${Math.max(0, r.h)}px`, boxSizing: 'border-box', ...css });
    parent.append(b);
    return b;
  }

  /** One line of HTML text in rect r, as large as fits up to o.px, centred vertically; null when it cannot fit. */
  function label(parent, text, r, o = {}) {
    const weight = o.weight || 400;
    const px = legiblePx(text, r.w, Math.min(o.px || 14, r.h / LINE), weight);
    if (!px) return null;
    const lh = px * LINE;
    const y = o.valign === 'top' ? r.y : o.valign === 'bottom' ? r.y + r.h - lh : r.y + (r.h - lh) / 2;
    const t = el('div', {
      position: 'absolute', left: `${r.x}px`, top: `${y}px`, width: `${r.w}px`, height: `${lh}px`, lineHeight: `${lh}px`,
      font: `${weight} ${px}px ${FONT}`, color: o.color || '#404040', textAlign: o.align || 'left', whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
    }, text);
    t.dataset.px = String(px);
    parent.append(t);
    return t;
  }

  /** SVG text with its baseline at y; anchor start/middle/end. The caller has checked that it fits. */
  function svgText(svg, text, x, y, px, o = {}) {
    const t = svgEl('text', { x, y, 'font-size': px, 'font-family': FONT, 'font-weight': o.weight || 400, fill: o.fill || '#595959', 'text-anchor': o.anchor || 'start', ...(o.rotate ? { transform: `rotate(${o.rotate} ${x} ${y})` } : {}) }, text);
    svg.append(t);
    return t;
  }

  /** An svg exactly w × h px, placed at rect r of parent. */
  function svgBox(parent, r) {
    const svg = svgEl('svg', { width: r.w, height: r.h, viewBox: `0 0 ${r.w} ${r.h}`, role: 'img' });
    Object.assign(svg.style, { position: 'absolute', left: `${r.x}px`, top: `${r.y}px`, overflow: 'hidden' });
    parent.append(svg);
    return svg;
  }

  /** Values in thousands of dollars as Qlik's auto format shows them: $850k, $1.2M. */
  function money(k) {
    if (k >= 1000) return `$${(k / 1000).toFixed(k >= 10000 ? 0 : 1)}M`;
    return `$${Math.round(k)}k`;
  }

  /** Round axis ticks from 0 to at least max, about `count` of them. */
  function niceTicks(max, count) {
    const raw = max / Math.max(1, count);
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
    const top = Math.ceil(max / step) * step;
    return { top, ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step) };
  }

  /** Category labels that fit `slot` px each. Months (o.skip) show every 2nd, 3rd, … one before they shrink
   * much; names of things (regions) stay all there, smaller, and are shortened only when even that fails.
   * Returns the px and [index, text] pairs; none when nothing is legible. */
  function axisLabels(labels, slot, px, o = {}) {
    const fit = (texts, every, least) => {
      const size = Math.min(...texts.map((t) => legiblePx(t, slot * every * 0.92, px)));
      return size >= least ? { px: size, items: texts.map((t, i) => [i, t]).filter(([i]) => i % every === 0) } : null;
    };
    const short = labels.map((l) => l.slice(0, 3));
    const tries = o.skip
      ? [1, 2, 3, 4, 6].map((every) => () => fit(labels, every, Math.max(MIN_PX, px * 0.8)))
      : [() => fit(labels, 1, MIN_PX), () => fit(short, 1, MIN_PX), () => fit(short, 2, MIN_PX)];
    for (const attempt of tries) {
      const got = attempt();
      if (got) return got;
    }
    return { px: 0, items: [] };
  }

  window.__fakeQlikKit = { FONT, MIN_PX, LINE, rng, series, clamp, el, svgEl, textWidth, fitPx, legiblePx, box, label, svgText, svgBox, money, niceTicks, axisLabels };
})();
