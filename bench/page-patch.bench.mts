// `npm run bench` (second part): what the main-world patch (src/preload/harden-main-world.ts) costs a page that
// builds a big DOM, as Qlik's runtime does when it draws a sheet. The patch wraps every insertion method and
// walks what was inserted for frames (shadow roots included), so it is on the hot path of every chart drawn.
// The same page builds the same DOM in three ways, up to its layout, with and without the patch, in alternating rounds in one
// Chromium (the machines are shared and noisy: only the side-by-side ratio means anything). Target: the patched
// page takes at most 1.5× as long for each way. Writes bench/results/page-patch.json; exits non-zero on a miss.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { hardenMainWorld } from '../src/preload/harden-main-world';
import { CHROMIUM_ARGS, chromiumPath, noChromiumReason } from '../test/support/chromium';

const ROUNDS = 21;
const TARGET_RATIO = 1.5;

/** Builds a DOM three ways; returns ms per way (performance.now, in the page). */
const WORKLOAD = `(() => {
  const t = {};
  // Each build ends with a layout, as a drawn chart does before it shows.
  const time = (name, fn) => { document.body.replaceChildren(); void document.body.offsetHeight; const s = performance.now(); fn(); void document.body.offsetHeight; t[name] = performance.now() - s; };
  const SVG = 'http://www.w3.org/2000/svg';
  // A chart drawn node by node into the live document: 3,000 shapes appended one at a time.
  time('3,000 appends into the document', () => {
    const svg = document.createElementNS(SVG, 'svg'); document.body.append(svg);
    for (let i = 0; i < 3000; i++) { const r = document.createElementNS(SVG, 'rect'); r.setAttribute('x', String(i)); svg.appendChild(r); }
  });
  // A table built detached, bottom-up, then attached: 200 rows of 10 cells.
  time('a 2,000-cell table built detached, then attached', () => {
    const table = document.createElement('table');
    for (let r = 0; r < 200; r++) { const tr = document.createElement('tr'); for (let c = 0; c < 10; c++) { const td = document.createElement('td'); td.textContent = r + ':' + c; tr.append(td); } table.append(tr); }
    document.body.append(table);
  });
  // A component framework's way: markup strings, 100 times 20 elements, into shadow roots.
  time('100 shadow roots filled by innerHTML', () => {
    for (let i = 0; i < 100; i++) { const host = document.createElement('div'); document.body.append(host); host.attachShadow({ mode: 'open' }).innerHTML = '<div><span>a</span><span>b</span></div>'.repeat(7); }
  });
  return t;
})()`;

const exe = chromiumPath();
if (!exe) {
  console.error(`page-patch bench: ${noChromiumReason()}`);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
const plain = await browser.newPage();
const patched = await browser.newPage();
// tsx keeps function names with a helper the page lacks; the shipped preload bundle has none.
await patched.addInitScript({ content: `var __name = (f) => f; (${hardenMainWorld.toString()})();` });
for (const p of [plain, patched]) await p.goto('data:text/html,<!doctype html><body></body>');
if ((await patched.evaluate('typeof RTCPeerConnection')) !== 'undefined') throw new Error('the patch did not apply');

const samples: Record<'plain' | 'patched', Record<string, number[]>> = { plain: {}, patched: {} };
for (let round = 0; round < ROUNDS; round++) {
  const order: ['plain' | 'patched', Page][] = [['plain', plain], ['patched', patched]];
  for (const [kind, page] of round % 2 ? order.reverse() : order) {
    const t = (await page.evaluate(WORKLOAD)) as Record<string, number>;
    for (const [name, ms] of Object.entries(t)) (samples[kind][name] ??= []).push(ms);
  }
}
await browser.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = Object.keys(samples.plain).map((name) => {
  const a = median(samples.plain[name]!);
  const b = median(samples.patched[name]!);
  return { workload: name, plainMs: +a.toFixed(2), patchedMs: +b.toFixed(2), ratio: +(b / a).toFixed(2) };
});
console.table(results);
const file = path.join(import.meta.dirname, 'results', 'page-patch.json');
writeFileSync(file, `${JSON.stringify({ rounds: ROUNDS, targetRatio: TARGET_RATIO, chromium: browser.version(), ranAt: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
const ok = results.every((r) => r.ratio <= TARGET_RATIO);
console.log(ok ? `page patch: within ${TARGET_RATIO}× of an unpatched page for every workload` : 'page patch: TARGET MISSED');
process.exit(ok ? 0 : 1);
