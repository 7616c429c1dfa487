// The pictures of the fake Qlik runtime (served after runtime-draw-kit.js and runtime-charts.js, before
// runtime-stub.js, as one /qlik-embed/main.js): each embed looks like Qlik analytics, so a person and a
// screenshot can tell a working kiosk from a blank one. Titles come from the tenant: the app name and the
// sheet's and objects' titles via the engine (GetAppLayout, GetLayout: app-content.ts), the user name via
// users/me. A sheet lays out the very objects the chart tiles show (same object id, same numbers: seeded from
// the app and object ids), in a grid that fills its tile. The picture is drawn for the embed's size and drawn
// again when that changes (a ResizeObserver), so charts fill their boxes and no text is clipped.
// Pure drawing: no network, no timers, nothing that could heal an embed.
(() => {
  'use strict';
  if (window.__fakeQlikVisuals) return;
  const { FONT, MIN_PX, LINE, clamp, el, box, label, textWidth } = window.__fakeQlikKit;
  const { INK, MUTED, REGIONS, chartData, PAINTERS, kpi, kpiPx } = window.__fakeQlikCharts;

  const SELECTED = '#009845'; // Qlik's selection green
  const TITLES = { barchart: 'Sales by region', linechart: 'Monthly revenue vs target', piechart: 'Revenue by category', kpi: 'Revenue' };
  /** Until the engine has said what an object is: a chart type from the digits in its id (as app-content.ts). */
  const guessedType = (id) => ['barchart', 'linechart', 'piechart'][Number.parseInt(String(id || '').replace(/\D/g, '') || '0', 10) % 3];
  /** A classic/app without a sheet: an overview of made-up objects. */
  const OVERVIEW = ['barchart', 'linechart', 'piechart'].map((type) => ({ id: `overview-${type}`, type, title: TITLES[type] }));

  function objectInfo(id, layout) {
    const t = layout?.qInfo?.qType;
    const type = PAINTERS[t] || t === 'kpi' ? t : guessedType(id); // a sheet's own layout is no chart
    return { id, type, title: layout?.title || layout?.qMeta?.title || TITLES[type], error: layout?.error };
  }

  /** Where a card at r draws (inside its 1px frame and padding), in the card's own coordinates. */
  function cardArea(r, framed) {
    const [w, h] = framed ? [r.w - 2, r.h - 2] : [r.w, r.h];
    const pad = clamp(Math.min(w, h) * 0.04, 4, 12);
    return { x: pad, y: pad, w: w - pad * 2, h: h - pad * 2, pad };
  }

  /** One object at rect r: its title, then the chart filling the rest (a KPI carries its title itself). */
  function objectCard(parent, r, o, m, opts = {}) {
    const framed = opts.frame !== false;
    const c = box(parent, r, framed ? { background: '#fff', border: '1px solid #dfe1e5', borderRadius: '4px' } : {});
    Object.assign(c.dataset, { qlikObject: o.id, chartType: o.type });
    const area = cardArea(r, framed);
    const pad = area.pad;
    if (o.error) {
      label(c, 'This object is not available', area, { px: 13, color: MUTED, align: 'center' });
      return c;
    }
    const data = chartData(o.type, o.title, `${m.appId}|${o.id}`);
    c.dataset.values = JSON.stringify(data.values);
    if (o.type === 'kpi') {
      kpi(c, area, o.title, data, opts.kpiPx);
      return c;
    }
    const tpx = clamp(Math.min(area.w / 22, area.h / 9), MIN_PX, opts.titlePx || 15);
    const title = label(c, o.title, { x: area.x, y: area.y, w: area.w, h: tpx * LINE }, { px: tpx, weight: 600, color: INK });
    title?.setAttribute('data-role', 'object-title');
    const top = area.y + (title ? tpx * LINE + pad * 0.6 : 0);
    let bottom = area.y + area.h;
    if (opts.footnote) {
      const fpx = clamp(tpx * 0.75, MIN_PX, 13);
      if (label(c, opts.footnote, { x: area.x, y: bottom - fpx * LINE, w: area.w, h: fpx * LINE }, { px: fpx, color: MUTED })) bottom -= fpx * LINE + pad * 0.5;
    }
    PAINTERS[o.type](c, { x: area.x, y: top, w: area.w, h: bottom - top }, data);
    return c;
  }

  /** n rects in `cols` columns filling area; the last row's items share its whole width. */
  function gridRects(area, n, cols, gap) {
    const rows = Math.ceil(n / cols);
    const rh = (area.h - gap * (rows - 1)) / rows;
    const rects = [];
    for (let row = 0; row < rows; row++) {
      const k = Math.min(cols, n - row * cols);
      const cw = (area.w - gap * (k - 1)) / k;
      for (let i = 0; i < k; i++) rects.push({ x: area.x + i * (cw + gap), y: area.y + row * (rh + gap), w: cw, h: rh });
    }
    return rects;
  }

  /** The sheet's objects in a grid that fills it: KPIs in a band on top, the charts in the columns that give
   * them the most chart-like shapes (side by side on a wide sheet, stacked on a tall one). */
  function layoutCells(parent, W, H, cells, m) {
    const gap = clamp(Math.min(W, H) * 0.012, 4, 8);
    const inner = { x: gap, y: gap, w: W - gap * 2, h: H - gap * 2 };
    const kpis = cells.filter((c) => c.type === 'kpi');
    const charts = cells.filter((c) => c.type !== 'kpi');
    let y = inner.y;
    if (kpis.length) {
      const k = kpis.length;
      const cols = [k, Math.ceil(k / 2), Math.ceil(k / 3), 1].find((c) => (inner.w - gap * (c - 1)) / c >= 110) || 1;
      const rows = Math.ceil(k / cols);
      const kh = charts.length ? clamp(inner.h * 0.15, 64, 120) : (inner.h - gap * (rows - 1)) / rows;
      const rects = gridRects({ ...inner, h: rows * kh + gap * (rows - 1) }, k, cols, gap);
      const px = Math.min(...rects.map((r, i) => kpiPx(cardArea(r, true), chartData('kpi', kpis[i].title, `${m.appId}|${kpis[i].id}`))));
      rects.forEach((r, i) => objectCard(parent, r, kpis[i], m, { kpiPx: px }));
      y += rows * (kh + gap);
    }
    if (!charts.length) return;
    const area = { x: inner.x, y, w: inner.w, h: inner.y + inner.h - y };
    const cost = (cols) => {
      const rects = gridRects(area, charts.length, cols, gap);
      return rects.reduce((sum, r) => sum + Math.abs(Math.log(r.w / r.h / 1.4)), 0) / rects.length;
    };
    const cols = Array.from({ length: charts.length }, (_, i) => i + 1).reduce((best, c) => (cost(c) < cost(best) ? c : best), 1);
    gridRects(area, charts.length, cols, gap).forEach((r, i) => objectCard(parent, r, charts[i], m, { titlePx: 14 }));
  }

  /** "Sales › Performance overview" on the left, "Viewing as Alice" on the right: one line, as large as fits. */
  function sheetHeader(parent, r, appTitle, sheetTitle, userName) {
    const crumbs = sheetTitle ? [[appTitle, 400, MUTED], ['›', 400, MUTED], [sheetTitle, 700, INK]] : [[appTitle, 700, INK]];
    const variants = [[crumbs, userName ? `Viewing as ${userName}` : ''], [crumbs, ''], [crumbs.slice(-1), '']];
    for (const [parts, right] of variants) {
      for (let px = Math.min(r.h / LINE, 22); px >= MIN_PX; px -= 0.5) {
        const gap = px * 0.45;
        const widths = parts.map(([t, weight]) => textWidth(t, px, weight) * 1.05 + 3);
        const left = widths.reduce((a, b) => a + b, 0) + gap * (parts.length - 1);
        const rpx = Math.max(MIN_PX, px * 0.65);
        const rw = right ? textWidth(right, rpx) * 1.05 + 3 : 0;
        if (left + (rw ? rw + px : 0) > r.w) continue;
        const wrap = box(parent, { x: r.x, y: r.y, w: left, h: r.h });
        wrap.dataset.role = 'sheet-title';
        let x = 0;
        parts.forEach(([t, weight, color], i) => {
          label(wrap, t, { x, y: 0, w: widths[i], h: r.h }, { px, weight, color });
          x += widths[i] + gap;
        });
        if (right) label(parent, right, { x: r.x + r.w - rw, y: r.y, w: rw, h: r.h }, { px: rpx, color: MUTED, align: 'right' });
        return;
      }
    }
  }

  function sheet(root, r, m) {
    const sheetTitle = m.layout?.title || (m.sheetId ? '' : 'Overview');
    const hh = clamp(r.h * 0.06, 28, 52);
    sheetHeader(root, { x: r.x, y: r.y, w: r.w, h: hh }, m.appTitle, sheetTitle, m.userName);
    const body = { x: r.x, y: r.y + hh + 4, w: r.w, h: r.h - hh - 4 };
    const bg = box(root, body, { background: '#f2f3f5', borderRadius: '4px' });
    const cells = m.layout ? (m.cells || []).map((c) => objectInfo(c.qInfo?.qId, c)) : m.sheetId ? null : OVERVIEW;
    if (cells) layoutCells(bg, body.w, body.h, cells, m);
    else label(bg, 'Loading…', { x: 0, y: 0, w: body.w, h: body.h }, { px: 16, color: MUTED, align: 'center' });
  }

  const credit = (m) => (m.userName ? `${m.appTitle} · Viewing as ${m.userName}` : m.appTitle);

  function chart(root, r, m) {
    objectCard(root, r, objectInfo(m.objectId, m.layout), m, { frame: false, footnote: credit(m), titlePx: 18 });
  }

  /** A filter pane on the field: its values as rows filling the box, the selected ones green. */
  function field(root, r, m) {
    const px = clamp(Math.min(r.w / 24, r.h / 12), MIN_PX, 16);
    const t = label(root, String(m.fieldId || 'Region'), { x: r.x, y: r.y, w: r.w, h: px * 1.4 * LINE }, { px: px * 1.4, weight: 600, color: INK });
    const top = r.y + (t ? px * 1.4 * LINE + 6 : 0);
    const foot = label(root, credit(m), { x: r.x, y: r.y + r.h - px * LINE, w: r.w, h: px * LINE }, { px: px * 0.85, color: MUTED });
    const bottom = r.y + r.h - (foot ? px * LINE + 6 : 0);
    const rand = window.__fakeQlikKit.rng(`${m.appId}|field|${m.fieldId || 'Region'}`);
    const rh = (bottom - top) / REGIONS.length;
    REGIONS.forEach((name, i) => {
      const selected = rand() > 0.6;
      const row = box(root, { x: r.x, y: top + i * rh, w: r.w, h: rh - 2 }, { background: selected ? SELECTED : '#f0f1f3', borderRadius: '3px' });
      label(row, name, { x: px * 0.8, y: 0, w: r.w - px * 1.6, h: rh - 2 }, { px: Math.min(px * 1.1, rh * 0.5), color: selected ? '#fff' : INK, weight: selected ? 600 : 400 });
    });
  }

  /** The selections bar: what is selected, as chips in one row. */
  function selections(root, r, m) {
    const chips = [['Region: North, East', true], ['Year: 2026', true], ['Category: all', false]];
    const px = clamp(Math.min(r.w / 40, r.h / 8), MIN_PX, 15);
    const ch = px * 2.4;
    const widths = chips.map(([t]) => textWidth(t, px, 600) * 1.05 + px * 1.6);
    let x = r.x;
    chips.forEach(([text, selected], i) => {
      if (x + widths[i] > r.x + r.w) return;
      const chip = box(root, { x, y: r.y, w: widths[i], h: ch }, { background: selected ? SELECTED : '#e3e6ea', borderRadius: '4px' });
      label(chip, text, { x: 0, y: 0, w: widths[i], h: ch }, { px, weight: 600, color: selected ? '#fff' : INK, align: 'center' });
      x += widths[i] + px * 0.6;
    });
    label(root, credit(m), { x: r.x, y: r.y + ch + px, w: r.w, h: px * LINE }, { px: px * 0.85, color: MUTED });
  }

  function assistant(root, r, m) {
    label(root, 'Assistant', { x: r.x, y: r.y, w: r.w, h: 24 }, { px: 16, weight: 700, color: INK });
    const chat = box(root, { x: r.x, y: r.y + 30, w: r.w, h: r.h - 30 }, { display: 'flex', flexDirection: 'column', gap: '8px', font: `14px/1.35 ${FONT}`, overflow: 'hidden' });
    chat.append(el('div', { alignSelf: 'flex-end', maxWidth: '80%', background: '#3a7ca5', color: '#fff', borderRadius: '12px', padding: '8px 12px' }, 'Which region grew fastest this quarter?'));
    chat.append(el('div', { alignSelf: 'flex-start', maxWidth: '80%', background: '#f0f2f5', color: INK, borderRadius: '12px', padding: '8px 12px' }, 'East grew fastest: revenue up 14% on last quarter.'));
    if (m.userName) label(root, `Viewing as ${m.userName}`, { x: r.x, y: r.y, w: r.w, h: 24 }, { px: 12, color: MUTED, align: 'right' });
  }

  function notice(root, r, text, tone) {
    const [bg, fg] = tone === 'error' ? ['#fdecea', '#8a1c1c'] : tone === 'warn' ? ['#fff4e5', '#663c00'] : ['#f0f2f5', MUTED];
    const n = box(root, r, { background: bg, color: fg, borderRadius: '6px', padding: '8px 12px', font: `600 ${clamp(r.w / 40, 12, 16)}px/1.35 ${FONT}`, overflow: 'hidden' });
    n.textContent = text;
    return n;
  }

  const VIEWS = { 'analytics/sheet': sheet, 'classic/app': sheet, 'analytics/chart': chart, 'classic/chart': chart, 'analytics/field': field, 'analytics/selections': selections, 'ai/assistant': assistant };

  function paint(div, st) {
    const [w, h] = [div.clientWidth, div.clientHeight];
    Object.assign(st, { w, h });
    div.replaceChildren();
    const m = st.m;
    const pad = clamp(Math.min(w, h) * 0.015, 6, 12);
    let r = { x: pad, y: pad, w: w - pad * 2, h: h - pad * 2 };
    if (r.w <= 0 || r.h <= 0) return;
    if (m.status === 'error') {
      label(div, m.appTitle || 'Qlik content', { ...r, h: 28 }, { px: 18, weight: 700, color: INK });
      notice(div, { ...r, y: r.y + 36, h: Math.min(r.h - 36, 120) }, `This content could not be shown. ${m.error || ''}`.trim(), 'error');
    } else if (m.status === 'loading' || (m.wsState === 'connecting' && !m.appTitle)) {
      notice(div, { ...r, h: Math.min(r.h, 40) }, 'Loading…', 'info');
    } else {
      if (m.wsState === 'closed') {
        notice(div, { ...r, h: 38 }, 'Connection to the Qlik engine was closed.', 'warn');
        r = { ...r, y: r.y + 46, h: r.h - 46 };
      }
      (VIEWS[m.ui] || sheet)(div, r, { ...m, appTitle: m.appTitle || m.appId || 'Qlik' });
    }
  }

  const painted = new WeakMap();
  /** Replaces div's children with the embed's picture for its state, at its size, and again whenever that size
   * changes; the caller keeps the data-* markers. */
  function draw(div, m) {
    Object.assign(div.style, { position: 'relative', boxSizing: 'border-box', width: '100%', height: '100%', minHeight: '200px', overflow: 'hidden', background: '#fff', font: `14px ${FONT}`, color: INK, borderRadius: '6px' });
    let st = painted.get(div);
    if (!st) {
      st = {};
      painted.set(div, st);
      new ResizeObserver(() => (div.clientWidth !== st.w || div.clientHeight !== st.h) && paint(div, st)).observe(div);
    }
    st.m = m;
    paint(div, st);
  }

  window.__fakeQlikVisuals = { draw };
})();
