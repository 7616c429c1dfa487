// Drawing for the fake Qlik runtime (served before runtime-stub.js as one /qlik-embed/main.js): each embed
// looks like analytics, so a person and a screenshot can tell a working kiosk from a blank one. Numbers are
// made up but stable, seeded from the app, sheet and object ids; titles come from the tenant (app name via
// the engine, user name via users/me). Pure drawing: no network, no timers, nothing that could heal an embed.
(() => {
  'use strict';
  if (window.__fakeQlikVisuals) return;

  const PALETTE = ['#3a7ca5', '#26a0a7', '#79c99e', '#f2b134', '#e8743b', '#8e6cc0'];
  const INK = '#1d2430';
  const MUTED = '#5b6472';
  const REGIONS = ['North', 'South', 'East', 'West', 'Central'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const CATEGORIES = ['Hardware', 'Software', 'Services', 'Support'];
  const SVG = 'http://www.w3.org/2000/svg';

  // FNV-1a over the ids, then mulberry32: the same embed always shows the same numbers.
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
  function svgRoot() {
    return svgEl('svg', { viewBox: '0 0 400 220', preserveAspectRatio: 'xMidYMid meet', width: '100%', height: '100%', role: 'img' });
  }

  function barChart(rand) {
    const values = series(rand, REGIONS.length, 30, 100);
    const best = values.indexOf(Math.max(...values));
    const svg = svgRoot();
    const w = 340 / values.length;
    values.forEach((v, i) => {
      const h = (v / 100) * 170;
      svg.append(svgEl('rect', { x: 40 + i * w + 6, y: 190 - h, width: w - 12, height: h, rx: 3, fill: PALETTE[i === best ? 3 : 0] }));
      svg.append(svgEl('text', { x: 40 + i * w + w / 2, y: 208, 'text-anchor': 'middle', 'font-size': 12, fill: MUTED }, REGIONS[i]));
    });
    svg.append(svgEl('line', { x1: 40, y1: 190, x2: 390, y2: 190, stroke: '#c8cdd5' }));
    return svg;
  }

  function lineChart(rand) {
    const values = series(rand, MONTHS.length, 20, 95);
    const target = values.map((_, i) => 40 + i * 3);
    const svg = svgRoot();
    const x = (i) => 40 + (i * 345) / (values.length - 1);
    const y = (v) => 190 - (v / 100) * 170;
    for (const g of [25, 50, 75]) svg.append(svgEl('line', { x1: 40, y1: y(g), x2: 385, y2: y(g), stroke: '#e3e6ea' }));
    const pts = values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    svg.append(svgEl('polygon', { points: `${x(0)},190 ${pts} ${x(values.length - 1)},190`, fill: PALETTE[1], opacity: 0.25 }));
    svg.append(svgEl('polyline', { points: pts, fill: 'none', stroke: PALETTE[1], 'stroke-width': 3 }));
    svg.append(svgEl('polyline', { points: target.map((v, i) => `${x(i)},${y(v)}`).join(' '), fill: 'none', stroke: PALETTE[4], 'stroke-width': 4, 'stroke-dasharray': '10 5' }));
    [['Actual', PALETTE[1]], ['Target', PALETTE[4]]].forEach(([name, colour], i) => {
      svg.append(svgEl('rect', { x: 48 + i * 90, y: 4, width: 16, height: 12, rx: 2, fill: colour }));
      svg.append(svgEl('text', { x: 70 + i * 90, y: 15, 'font-size': 12, fill: INK }, name));
    });
    MONTHS.forEach((m, i) => i % 2 === 0 && svg.append(svgEl('text', { x: x(i), y: 208, 'text-anchor': 'middle', 'font-size': 11, fill: MUTED }, m)));
    return svg;
  }

  function pieChart(rand) {
    const values = series(rand, CATEGORIES.length, 10, 40);
    const total = values.reduce((a, b) => a + b, 0);
    const svg = svgRoot();
    let angle = -Math.PI / 2;
    values.forEach((v, i) => {
      const a = (v / total) * Math.PI * 2;
      const [x1, y1, x2, y2] = [Math.cos(angle), Math.sin(angle), Math.cos(angle + a), Math.sin(angle + a)].map((n, k) => (k % 2 ? 110 : 120) + n * 90);
      svg.append(svgEl('path', { d: `M120,110 L${x1},${y1} A90,90 0 ${a > Math.PI ? 1 : 0} 1 ${x2},${y2} Z`, fill: PALETTE[i % PALETTE.length] }));
      svg.append(svgEl('rect', { x: 250, y: 50 + i * 32, width: 14, height: 14, rx: 2, fill: PALETTE[i % PALETTE.length] }));
      svg.append(svgEl('text', { x: 272, y: 62 + i * 32, 'font-size': 13, fill: INK }, `${CATEGORIES[i]} ${Math.round((v / total) * 100)}%`));
      angle += a;
    });
    svg.append(svgEl('circle', { cx: 120, cy: 110, r: 42, fill: '#fff' })); // a donut reads better at a distance
    return svg;
  }

  const CHARTS = [
    ['Sales by region', barChart],
    ['Monthly revenue vs target', lineChart],
    ['Revenue by category', pieChart],
  ];

  function card(title, body, flex) {
    const c = el('div', { flex: flex || '1', minWidth: '0', minHeight: '0', display: 'flex', flexDirection: 'column', background: '#fff', border: '1px solid #e3e6ea', borderRadius: '6px', padding: '8px 10px' });
    c.append(el('div', { font: '600 13px system-ui, sans-serif', color: INK, marginBottom: '4px' }, title));
    const b = el('div', { flex: '1', minHeight: '0' });
    b.append(body);
    c.append(b);
    return c;
  }

  function kpis(rand) {
    const row = el('div', { display: 'grid', gap: '8px', gridTemplateColumns: 'repeat(auto-fit, minmax(100px, 1fr))' });
    const items = [['Revenue', `$${(2 + rand() * 8).toFixed(1)}M`], ['Orders', `${Math.round(8 + rand() * 40)}k`], ['Margin', `${Math.round(18 + rand() * 20)}%`], ['Customers', `${(1 + rand() * 9).toFixed(1)}k`]];
    for (const [label, value] of items) {
      const delta = Math.round(rand() * 24 - 8);
      const k = el('div', { flex: '1', background: '#f6f8fa', borderRadius: '6px', padding: '8px 10px', borderLeft: `4px solid ${PALETTE[0]}` });
      k.append(el('div', { font: '12px system-ui, sans-serif', color: MUTED }, label));
      k.append(el('div', { font: '700 24px system-ui, sans-serif', color: INK }, value));
      k.append(el('div', { font: '600 12px system-ui, sans-serif', color: delta >= 0 ? '#2e8b57' : '#c0392b', whiteSpace: 'nowrap', overflow: 'hidden' }, `${delta >= 0 ? '▲' : '▼'} ${Math.abs(delta)}% vs prior`));
      row.append(k);
    }
    return row;
  }

  function header(title, userName) {
    const h = el('div', { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: '12px' });
    h.append(el('div', { font: '700 18px system-ui, sans-serif', color: INK, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }, title));
    if (userName) h.append(el('div', { font: '12px system-ui, sans-serif', color: MUTED, whiteSpace: 'nowrap' }, `Viewing as ${userName}`));
    return h;
  }

  function sheet(m, rand) {
    // Side by side on a wide tile, stacked on a narrow one.
    const charts = el('div', { flex: '1', minHeight: '0', display: 'grid', gap: '8px', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gridAutoRows: 'minmax(0, 1fr)' });
    for (const [title, draw] of CHARTS) charts.append(card(title, draw(rand)));
    return [header(`${m.appTitle} — ${m.sheetId ? `sheet ${m.sheetId}` : 'overview'}`, m.userName), kpis(rand), charts];
  }

  function chart(m, rand) {
    const [title, draw] = CHARTS[Number.parseInt(String(m.objectId).replace(/\D/g, '') || '0', 10) % CHARTS.length];
    return [header(`${title} · ${m.appTitle}`, m.userName), card('', draw(rand))];
  }

  function chip(text, selected) {
    return el('span', { display: 'inline-block', padding: '6px 12px', borderRadius: '4px', font: '600 13px system-ui, sans-serif', background: selected ? '#009845' : '#e3e6ea', color: selected ? '#fff' : INK }, text);
  }

  function field(m, rand) {
    const list = el('div', { display: 'flex', flexDirection: 'column', gap: '4px' });
    REGIONS.forEach((r) => list.append(chip(r, rand() > 0.6)));
    return [header(`Region · ${m.appTitle}`, m.userName), list];
  }

  function selections(m) {
    const bar = el('div', { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center', background: '#f6f8fa', borderRadius: '6px', padding: '8px' });
    bar.append(chip('Region: North, East', true), chip('Year: 2026', true), chip('Category: all', false));
    return [header(`Selections · ${m.appTitle}`, m.userName), bar];
  }

  function assistant(m) {
    const chat = el('div', { display: 'flex', flexDirection: 'column', gap: '8px', font: '14px system-ui, sans-serif' });
    chat.append(el('div', { alignSelf: 'flex-end', background: PALETTE[0], color: '#fff', borderRadius: '12px', padding: '8px 12px' }, 'Which region grew fastest this quarter?'));
    chat.append(el('div', { alignSelf: 'flex-start', background: '#f0f2f5', color: INK, borderRadius: '12px', padding: '8px 12px' }, 'East grew fastest: revenue up 14% on last quarter.'));
    return [header('Assistant', m.userName), chat];
  }

  function notice(text, tone) {
    const colours = tone === 'error' ? ['#fdecea', '#8a1c1c'] : tone === 'warn' ? ['#fff4e5', '#663c00'] : ['#f0f2f5', MUTED];
    return el('div', { background: colours[0], color: colours[1], borderRadius: '6px', padding: '10px 12px', font: '600 14px system-ui, sans-serif' }, text);
  }

  const VIEWS = { 'analytics/sheet': sheet, 'classic/app': sheet, 'analytics/chart': chart, 'classic/chart': chart, 'analytics/field': field, 'analytics/selections': selections, 'ai/assistant': assistant };

  /** Replaces div's children with the embed's picture for its state; the caller keeps the data-* markers. */
  function draw(div, m) {
    Object.assign(div.style, { boxSizing: 'border-box', width: '100%', height: '100%', display: 'flex', flexDirection: 'column', gap: '10px', padding: '12px', background: '#fff', overflow: 'hidden', font: '14px system-ui, sans-serif', color: INK, borderRadius: '6px' });
    const parts = [];
    if (m.status === 'error') {
      parts.push(header(m.appTitle || 'Qlik content', m.userName), notice(`This content could not be shown. ${m.error || ''}`.trim(), 'error'));
    } else if (m.status === 'loading' || (m.wsState === 'connecting' && !m.appTitle)) {
      parts.push(notice('Loading…', 'info'));
    } else {
      if (m.wsState === 'closed') parts.push(notice('Connection to the Qlik engine was closed.', 'warn'));
      const view = VIEWS[m.ui] || sheet;
      parts.push(...view({ ...m, appTitle: m.appTitle || m.appId || 'Qlik' }, rng(`${m.appId}|${m.sheetId || ''}|${m.objectId || ''}|${m.ui}`)));
    }
    div.replaceChildren(...parts);
  }

  window.__fakeQlikVisuals = { draw };
})();
