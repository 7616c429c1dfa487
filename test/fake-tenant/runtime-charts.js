// Charts of the fake Qlik runtime's pictures (served after runtime-draw-kit.js). One dataset per object, seeded
// from the app id and the object id only, so a chart shows the same numbers wherever it appears (its own tile,
// a cell of a sheet). Each painter fills the box it is given, whatever its shape: axes, labels and legend are
// sized for it and left out (never clipped) when there is no room for them.
(() => {
  'use strict';
  if (window.__fakeQlikCharts) return;
  const { MIN_PX, LINE, clamp, rng, series, svgEl, svgText, svgBox, textWidth, legiblePx, label, money, niceTicks, axisLabels } = window.__fakeQlikKit;

  const PALETTE = ['#3a7ca5', '#26a0a7', '#79c99e', '#f2b134', '#e8743b', '#8e6cc0'];
  const INK = '#404040';
  const MUTED = '#737373';
  const GRID = '#e8e8e8';
  const AXIS = '#bdbdbd';
  const REGIONS = ['North', 'South', 'East', 'West'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const CATEGORIES = ['Hardware', 'Software', 'Services', 'Support'];

  function kpiText(title, v) {
    if (/margin|rate|share|%/i.test(title)) return `${v}%`;
    if (/order|customer|unit|count|visit/i.test(title)) return v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(v);
    return money(v);
  }

  /** The object's numbers; `values` is what a test compares (data-values). */
  function chartData(type, title, seed) {
    const rand = rng(seed);
    if (type === 'kpi') {
      const v = /margin|rate|share|%/i.test(title) ? Math.round(18 + rand() * 20) : /order|customer|unit|count|visit/i.test(title) ? Math.round(800 + rand() * 47000) : Math.round(2000 + rand() * 8000);
      const delta = Math.round(rand() * 24 - 8);
      return { text: kpiText(title, v), delta, values: [v, delta] };
    }
    if (type === 'linechart') {
      const actual = series(rand, MONTHS.length, 260, 640);
      const mean = actual.reduce((a, b) => a + b, 0) / actual.length;
      const target = MONTHS.map((_, i) => Math.round(mean * 0.85 + (i * mean * 0.3) / 11));
      return { dimension: 'Month', measure: 'Revenue', labels: MONTHS, series: [{ name: 'Actual', values: actual, color: PALETTE[1] }, { name: 'Target', values: target, color: PALETTE[4], target: true }], values: [actual, target] };
    }
    if (type === 'piechart') {
      const v = series(rand, CATEGORIES.length, 140, 520);
      return { labels: CATEGORIES, values: v };
    }
    const current = series(rand, REGIONS.length, 380, 1250);
    const prior = current.map((x) => Math.round(x * (0.72 + rand() * 0.4)));
    return { dimension: 'Region', measure: 'Revenue', labels: REGIONS, series: [{ name: 'This year', values: current, color: PALETTE[0] }, { name: 'Last year', values: prior, color: PALETTE[3] }], values: [current, prior] };
  }

  /** A one-line legend across the top; returns the height it took (0: no room for it). */
  function legend(svg, items, w, px) {
    for (let size = px; size >= MIN_PX; size -= 0.5) {
      const sw = size * 0.85;
      const widths = items.map(([name]) => sw + size * 0.4 + textWidth(name, size) * 1.04);
      if (widths.reduce((a, b) => a + b, 0) + size * 1.2 * (items.length - 1) > w - 4) continue;
      let x = 2;
      items.forEach(([name, colour], i) => {
        svg.append(svgEl('rect', { x, y: size * 0.25, width: sw, height: sw, rx: 2, fill: colour }));
        svgText(svg, name, x + sw + size * 0.4, size, size, { fill: INK });
        x += widths[i] + size * 1.2;
      });
      return size * LINE + size * 0.3;
    }
    return 0;
  }

  /** Value axis, grid and category labels for w × h below `top`; null when the box is too small for axes. */
  function axes(svg, w, h, top, d, px) {
    const lh = px * LINE;
    const xTitle = h >= 170 && legiblePx(d.dimension, w, px) ? d.dimension : '';
    const bottom = h - lh - (xTitle ? lh : 0) - 2;
    const plotTop = top + px * 0.7;
    const max = Math.max(...d.series.flatMap((s) => s.values));
    const { top: maxV, ticks } = niceTicks(max, clamp(Math.floor((bottom - plotTop) / (px * 2.8)), 1, 6));
    const tickText = ticks.map((t) => (t === 0 ? '0' : money(t)));
    const yTitle = w >= 240 && legiblePx(d.measure, bottom - plotTop, px) ? d.measure : '';
    const x0 = (yTitle ? lh : 0) + Math.max(...tickText.map((t) => textWidth(t, px))) * 1.05 + px * 0.5;
    const x1 = w - 2;
    if (x1 - x0 < 40 || bottom - plotTop < 30) return null;
    const y = (v) => bottom - (v / maxV) * (bottom - plotTop);
    ticks.forEach((t, i) => {
      svg.append(svgEl('line', { x1: x0, x2: x1, y1: y(t), y2: y(t), stroke: t === 0 ? AXIS : GRID }));
      svgText(svg, tickText[i], x0 - px * 0.35, y(t) + px * 0.35, px, { anchor: 'end' });
    });
    if (yTitle) svgText(svg, yTitle, px, (plotTop + bottom) / 2, px, { anchor: 'middle', rotate: -90, fill: MUTED, weight: 600 });
    const slot = (x1 - x0) / d.labels.length;
    const xl = axisLabels(d.labels, slot, px, { skip: d.labels === MONTHS });
    for (const [i, text] of xl.items) {
      const half = (textWidth(text, xl.px) * 1.04) / 2;
      svgText(svg, text, clamp(x0 + slot * (i + 0.5), half + 1, w - half - 1), bottom + 2 + xl.px, xl.px, { anchor: 'middle' });
    }
    if (xTitle) svgText(svg, xTitle, (x0 + x1) / 2, h - lh + px, px, { anchor: 'middle', fill: MUTED, weight: 600 });
    return { x0, x1, slot, bottom, y };
  }

  /** Fallback frame for a box too small for axes: the whole box is the plot. */
  function bare(d, w, h, top) {
    const max = Math.max(...d.series.flatMap((s) => s.values));
    const slot = w / d.labels.length;
    return { x0: 0, x1: w, slot, bottom: h, y: (v) => h - (v / max) * (h - top) };
  }

  const basePx = (w, h) => clamp(Math.min(w / 26, h / 13), MIN_PX, 14);

  function barChart(parent, r, d) {
    const svg = svgBox(parent, r);
    const px = basePx(r.w, r.h);
    const top = legend(svg, d.series.map((s) => [s.name, s.color]), r.w, px);
    const a = axes(svg, r.w, r.h, top, d, px) || bare(d, r.w, r.h, top);
    const k = d.series.length;
    const group = a.slot * 0.72;
    const bw = group / k;
    d.series.forEach((s, j) =>
      s.values.forEach((v, i) => {
        const x = a.x0 + a.slot * i + (a.slot - group) / 2 + j * bw;
        svg.append(svgEl('rect', { x: x + 0.5, y: a.y(v), width: Math.max(1, bw - 1.5), height: Math.max(0, a.bottom - a.y(v)), rx: Math.min(3, bw / 5), fill: s.color }));
      }),
    );
    return svg;
  }

  function lineChart(parent, r, d) {
    const svg = svgBox(parent, r);
    const px = basePx(r.w, r.h);
    const top = legend(svg, d.series.map((s) => [s.name, s.color]), r.w, px);
    const a = axes(svg, r.w, r.h, top, d, px) || bare(d, r.w, r.h, top);
    const x = (i) => a.x0 + a.slot * (i + 0.5);
    const width = clamp(r.w / 180, 1.5, 4);
    d.series.forEach((s) => {
      const pts = s.values.map((v, i) => `${x(i)},${a.y(v)}`).join(' ');
      if (!s.target) svg.append(svgEl('polygon', { points: `${x(0)},${a.bottom} ${pts} ${x(s.values.length - 1)},${a.bottom}`, fill: s.color, opacity: 0.3 }));
      svg.append(svgEl('polyline', { points: pts, fill: 'none', stroke: s.color, 'stroke-width': width, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' }));
      if (!s.target && a.slot >= 22) s.values.forEach((v, i) => svg.append(svgEl('circle', { cx: x(i), cy: a.y(v), r: width * 1.3, fill: s.color })));
    });
    return svg;
  }

  /** A donut with its legend as a small table (name, value) beside it on a wide box, below it on a tall one. */
  function pieChart(parent, r, d) {
    const svg = svgBox(parent, r);
    const { w, h } = r;
    const total = d.values.reduce((a, b) => a + b, 0);
    const rows = d.labels.map((name, i) => ({ name, value: money(d.values[i]), colour: PALETTE[i % PALETTE.length] }));
    const side = w >= h * 1.25;
    const rowW = (px) => px * 1.5 + Math.max(...rows.map((x) => textWidth(x.name, px))) * 1.04 + px * 1.5 + Math.max(...rows.map((x) => textWidth(x.value, px, 600))) * 1.04;
    let px = side ? clamp(Math.min(w / 28, h / (rows.length * 2)), MIN_PX, 16) : clamp(Math.min(w, h) / 18, MIN_PX, 18);
    while (px >= MIN_PX && rowW(px) > (side ? w * 0.45 : w - 4)) px -= 0.5;
    const showLegend = px >= MIN_PX;
    const minRow = px * 1.8;
    let D, rowH, cx, cy, lx, ly, lw;
    if (!showLegend) {
      D = Math.min(w, h) - 4;
      [cx, cy] = [w / 2, h / 2];
    } else if (side) {
      lw = Math.max(rowW(px), Math.min(w * 0.4, rowW(px) * 1.4));
      D = Math.min(h - 4, w - lw - px * 2 - 4);
      rowH = clamp(h / rows.length, minRow, px * 2.4);
      const gap = (w - D - lw) / 3;
      [cx, cy, lx, ly] = [gap + D / 2, h / 2, gap * 2 + D, (h - rowH * rows.length) / 2];
    } else {
      lw = Math.min(w - 4, Math.max(rowW(px), w * 0.9));
      D = Math.min(w - 4, h - rows.length * minRow - px);
      rowH = clamp((h - D - px) / rows.length, minRow, px * 3);
      const block = D + px + rowH * rows.length;
      [cx, cy, lx, ly] = [w / 2, (h - block) / 2 + D / 2, (w - lw) / 2, (h - block) / 2 + D + px];
    }
    const R = D / 2;
    const ri = R * 0.56;
    let angle = -Math.PI / 2;
    d.values.forEach((v, i) => {
      const a = (v / total) * Math.PI * 2;
      const p = (t, rad) => `${cx + Math.cos(t) * rad},${cy + Math.sin(t) * rad}`;
      const large = a > Math.PI ? 1 : 0;
      svg.append(svgEl('path', { d: `M${p(angle, R)} A${R},${R} 0 ${large} 1 ${p(angle + a, R)} L${p(angle + a, ri)} A${ri},${ri} 0 ${large} 0 ${p(angle, ri)} Z`, fill: rows[i].colour, stroke: '#fff', 'stroke-width': 1.5 }));
      // The share on the slice, where it fits across the ring and along the arc.
      const pct = `${Math.round((v / total) * 100)}%`;
      const spx = Math.min(legiblePx(pct, R - ri - 4, (R - ri) * 0.42, 700), legiblePx(pct, a * ((R + ri) / 2) * 0.7, 16, 700));
      if (spx) {
        const mid = angle + a / 2;
        const rm = (R + ri) / 2;
        svgText(svg, pct, cx + Math.cos(mid) * rm, cy + Math.sin(mid) * rm + spx * 0.35, spx, { anchor: 'middle', fill: '#fff', weight: 700 });
      }
      angle += a;
    });
    const totalText = money(total);
    const tpx = legiblePx(totalText, ri * 1.5, Math.min(ri * 0.4, px * 2), 700);
    if (tpx) {
      svgText(svg, totalText, cx, cy + tpx * 0.35, tpx, { anchor: 'middle', fill: INK, weight: 700 });
      const cpx = legiblePx('Total', ri * 1.2, Math.min(tpx * 0.5, px));
      if (cpx) svgText(svg, 'Total', cx, cy - tpx * 0.75, cpx, { anchor: 'middle', fill: MUTED });
    }
    if (showLegend) {
      rows.forEach((row, i) => {
        const y = ly + i * rowH;
        const base = y + rowH / 2 + px * 0.35;
        svg.append(svgEl('rect', { x: lx, y: y + rowH / 2 - px * 0.45, width: px * 0.9, height: px * 0.9, rx: 2, fill: row.colour }));
        svgText(svg, row.name, lx + px * 1.5, base, px, { fill: INK });
        svgText(svg, row.value, lx + lw, base, px, { anchor: 'end', fill: INK, weight: 600 });
        if (!side && i > 0) svg.append(svgEl('line', { x1: lx, x2: lx + lw, y1: y, y2: y, stroke: GRID }));
      });
    }
    return svg;
  }

  /** The size a KPI's value can have in r (the KPIs of a sheet all take the smallest, so they match). */
  const kpiPx = (r, d) => Math.min(r.h * 0.4, legiblePx(d.text, r.w * 0.94, 72, 700) || MIN_PX);

  /** A KPI: its title, the value large, the change on the prior period; centred in r. */
  function kpi(parent, r, title, d, px) {
    const change = `${d.delta >= 0 ? '▲' : '▼'} ${Math.abs(d.delta)}% vs prior`;
    const vpx = Math.min(kpiPx(r, d), px || Infinity);
    const lpx = clamp(Math.min(vpx * 0.42, r.h * 0.18), MIN_PX, 18);
    const dpx = clamp(Math.min(vpx * 0.4, r.h * 0.16), MIN_PX, 16);
    const lines = [[title, lpx, 400, MUTED], [d.text, vpx, 700, INK], [change, dpx, 600, d.delta >= 0 ? '#2e8b57' : '#c0392b']];
    const height = () => lines.reduce((sum, [, size]) => sum + size * LINE, 0);
    if (height() > r.h) lines.pop(); // no room: the change goes first, then the title
    if (height() > r.h) lines.shift();
    let y = r.y + (r.h - height()) / 2;
    for (const [text, size, weight, color] of lines) {
      label(parent, text, { x: r.x, y, w: r.w, h: size * LINE }, { px: size, weight, color, align: 'center' });
      y += size * LINE;
    }
  }

  const PAINTERS = { barchart: barChart, linechart: lineChart, piechart: pieChart };
  window.__fakeQlikCharts = { INK, MUTED, PALETTE, REGIONS, chartData, PAINTERS, kpi, kpiPx };
})();
