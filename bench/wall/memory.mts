// Part 3 of the wall bench: memory over compressed rotation. Two screens rotate at the renderer's shortest dwell
// (1 s: main's config refuses under 5 s, so the bench serves the pages their settings with the dwell cut, by a
// route of the browser context; everything else is Qiosk's as shipped), and every swap counts as 30 s of a real
// wall. Renderer JS heap (after a forced GC), the bench process's RSS/heap (it hosts main's services) and main's
// own live allocations (heap-owners.mts) are sampled every 10 s; least-squares slope per simulated day; heap
// snapshots of the pages at both ends say what grew.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { DisplayInfo } from '../../src/main/wall/displays';
import type { RendererConfig } from '../../src/shared/ipc-contract';
import { OWNERS, type Owner, startHeapOwners } from './heap-owners.mts';
import { fit, type Fit } from './stats.mts';
import { asWall, BAR, harnessBase, IMPERSONATION, LINE, nodeGc, PIE, QUICK, r1, r2, RENDERER_CONFIG_PATH, SHEET, sleep, startHarness, until, VISIBLE_READY } from './common.mts';

// The renderer's heap climbs for its first ~9 minutes of compressed rotation (V8 compiling and optimising the
// rotation's and the runtime's code, Blink's bindings made on first use), then levels off (a 25-minute run at
// 17:47 on 2026-12-04: 2.05 MB at the first sample, 2.40 MB at 8 min, 2.39-2.43 MB from then on): not sampled.
const MEMORY_WARMUP_MS = Number(process.env['WALL_BENCH_MEMORY_WARMUP_MINUTES'] ?? (QUICK ? 1 / 6 : 10)) * 60_000;
/** How long samples are taken (WALL_BENCH_MEMORY_MINUTES overrides it). */
const MEMORY_RUN_MS = Number(process.env['WALL_BENCH_MEMORY_MINUTES'] ?? (QUICK ? 0.7 : 20)) * 60_000;
const MEMORY_SAMPLE_EVERY_MS = 10_000;
/** The profile of main's own allocations is read at every 6th sample (each read walks V8's allocation tree). */
const OWNERS_EVERY = 6;
/** A heap snapshot of each page every this many samples (2 min): the slope of the JS heap without V8's compiled code,
 * and how the compiled code itself grows, early and late. */
const SNAP_EVERY = 12;
export const MEMORY_TARGET_PCT_PER_DAY = 1;
/** The renderer's floor for a dwell (renderer-config.ts MIN_DWELL_MS). */
const COMPRESSED_DWELL_MS = 1_000;
/** The compression's unit: a real day of one screen at a 30 s dwell is 86,400 / 30 swaps. */
const REAL_DWELL_S = 30;
const SWAPS_PER_DAY = 86_400 / REAL_DWELL_S;

/** Counts data-slide changes only (the bench keeps nothing per swap in the page it measures). */
const COUNT_CHANGES = () => {
  const w = window as unknown as { __benchSwaps: number; __benchMark: boolean };
  w.__benchSwaps = 0;
  w.__benchMark = true;
  new MutationObserver(() => void w.__benchSwaps++).observe(document.documentElement, { attributes: true, attributeFilter: ['data-slide'] });
};

const verdict = (f: Pick<Fit, 'pctPerDay' | 'ci95PctPerDay'>, target: number) => (f.pctPerDay - f.ci95PctPerDay > target ? 'missed' : f.pctPerDay + f.ci95PctPerDay <= target ? 'met' : f.pctPerDay <= target ? 'met (point estimate; interval wider than the target)' : 'inconclusive (point estimate over the target, interval includes it)');

interface Sample { periodic?: Record<string, string>; atS: number; swaps: Record<string, number>; slide: Record<string, string>; heap: Record<string, number>; nodes: Record<string, number>; listeners: Record<string, number>; rss: number; nodeHeap: number; tenantLog: number; tenantTokens: number; tenantBytes: number; sockets: number; owners?: Record<Owner, number> }

/** Sums a heap snapshot's self sizes by node type and name (code, strings and numbers by type alone), in a child
 * process, so parsing tens of MB of JSON does not touch the bench process's own memory figures. */
const SUMMARIZE_SNAPSHOTS = `
const { readFileSync } = require('node:fs');
const out = {};
for (const f of process.argv.slice(1)) {
  const snap = JSON.parse(readFileSync(f, 'utf8'));
  const fl = snap.snapshot.meta.node_fields, types = snap.snapshot.meta.node_types[0];
  const nf = fl.length, ti = fl.indexOf('type'), ni = fl.indexOf('name'), si = fl.indexOf('self_size');
  const m = {};
  for (let i = 0; i < snap.nodes.length; i += nf) {
    const type = types[snap.nodes[i + ti]];
    const key = ['code', 'string', 'concatenated string', 'sliced string', 'number'].includes(type) ? type : type + ':' + String(snap.strings[snap.nodes[i + ni]]).slice(0, 60).replace(/\\s+/g, ' ');
    m[key] = (m[key] || 0) + snap.nodes[i + si];
  }
  out[f] = m;
}
process.stdout.write(JSON.stringify(out));
`;
function summarizeSnapshots(files: string[]): Record<string, Record<string, number>> {
  const r = spawnSync(process.execPath, ['-e', SUMMARIZE_SNAPSHOTS, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`summarizing heap snapshots failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Record<string, number>>;
}
/** What grew between two snapshots, in four parts: V8's compiled code and its metadata (node type "code"); V8's
 * internals named "system / …" (function templates, hidden classes, internal lists: made on first use); Blink's
 * native objects (DOM, layout, font and text-shaping caches); and the rest, the page's JS data (objects, closures,
 * arrays, strings, numbers), which is where a leak of the page's own records would show. */
function heapDiff(a: Record<string, number>, b: Record<string, number>) {
  const parts = { code: 0, internals: 0, native: 0, data: 0 };
  const items: [string, number][] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (b[k] ?? 0) - (a[k] ?? 0);
    if (d === 0) continue;
    const part = k === 'code' ? 'code' : k.includes(':system / ') ? 'internals' : k.startsWith('native:') ? 'native' : 'data';
    parts[part] += d;
    if (part === 'data' || part === 'native') items.push([k, d]);
  }
  items.sort((x, y) => y[1] - x[1]);
  const show = ([k, d]: [string, number]) => `${k} ${d >= 0 ? '+' : ''}${r1(d / 1e3)}`;
  return {
    codeKB: r1(parts.code / 1e3), internalsKB: r1(parts.internals / 1e3), nativeKB: r1(parts.native / 1e3), dataKB: r1(parts.data / 1e3),
    grewKB: items.slice(0, 5).map(show),
    shrankKB: items.slice(-3).reverse().filter(([, d]) => d < 0).map(show),
  };
}
/** One snapshot's self sizes in heapDiff's four parts. */
function heapParts(m: Record<string, number>) {
  const parts = { code: 0, internals: 0, native: 0, data: 0 };
  for (const [k, v] of Object.entries(m)) parts[k === 'code' ? 'code' : k.includes(':system / ') ? 'internals' : k.startsWith('native:') ? 'native' : 'data'] += v;
  return parts;
}
async function rendererSnapshot(cdp: CDPSession, file: string): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const on = (e: { chunk: string }) => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
  writeFileSync(file, chunks.join(''));
}

export async function benchMemory() {
  const LEFT: DisplayInfo = { id: 1, label: 'Left TV', bounds: { x: 0, y: 0, width: 960, height: 540 }, primary: true };
  const RIGHT: DisplayInfo = { id: 2, label: 'Right TV', bounds: { x: 960, y: 0, width: 960, height: 540 }, primary: false };
  const slides = (xs: object[][]) => ({ slides: xs.map((embeds) => ({ embeds, dwellSeconds: 5 })) });
  const h = await startHarness({
    ...harnessBase(), displays: [LEFT, RIGHT],
    userConfig: asWall({
      screens: [{ id: 'left', display: { id: 1 }, playlist: 'sales' }, { id: 'right', display: { id: 2 }, playlist: 'ops' }],
      playlists: { sales: slides([[SHEET, LINE], [PIE, BAR], [LINE, PIE], [BAR, SHEET]]), ops: slides([[BAR, LINE], [PIE, SHEET], [LINE, BAR], [SHEET, PIE]]) },
    }),
  });
  const screens = ['left', 'right'] as const;
  const showing = (what: string) => until(async () => {
    for (const s of screens) if (((await h.pageOf(s)?.evaluate((sel) => document.querySelectorAll(sel).length, VISIBLE_READY).catch(() => 0)) ?? 0) !== 2) return false;
    return true;
  }, 30_000, what);
  try {
    await showing('both screens showing content');
    // The compression: the pages' settings as main serves them, every dwell cut to the renderer's floor. The
    // context's newest route answers first, so every later load of a screen (a heal included) gets these too.
    const served = (await h.pageOf('left')!.evaluate((p) => fetch(p).then((r) => r.json()), RENDERER_CONFIG_PATH)) as RendererConfig;
    const compressed: RendererConfig = { ...served, playlists: Object.fromEntries(Object.entries(served.playlists).map(([id, ss]) => [id, ss.map((s) => ({ ...s, dwellMs: COMPRESSED_DWELL_MS }))])) };
    await h.context.route((u) => u.origin === h.origin && u.pathname === RENDERER_CONFIG_PATH, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(compressed) }));
    const origins = async () => Promise.all(screens.map((s) => h.pageOf(s)!.evaluate(() => performance.timeOrigin).catch(() => NaN)));
    const before = await origins();
    for (const s of screens) h.core!.screens.get(s)!.refresh(); // main loads each screen's page again
    // A new document on every screen (a new time origin), so the compressed settings are the ones in use.
    await until(async () => (await origins()).every((t, i) => Number.isFinite(t) && t !== before[i]), 10_000, 'the screens reloading');
    await showing('both screens showing content at the compressed dwell');
    const pages = new Map<string, Page>();
    const cdps = new Map<string, CDPSession>();
    for (const s of screens) {
      const p = h.pageOf(s)!;
      pages.set(s, p);
      await p.evaluate(COUNT_CHANGES);
      const cdp = await h.context.newCDPSession(p);
      await cdp.send('Performance.enable');
      cdps.set(s, cdp);
    }
    const swapsOf = async (s: string) => pages.get(s)!.evaluate(() => (window as unknown as { __benchSwaps?: number }).__benchSwaps ?? -1).catch(() => -1);
    const slideOf = async (s: string) => pages.get(s)!.evaluate(() => document.documentElement.dataset['slide'] ?? '').catch(() => '');
    console.log(`  memory: warm-up ${MEMORY_WARMUP_MS / 1000} s at a ${COMPRESSED_DWELL_MS} ms dwell`);
    await sleep(MEMORY_WARMUP_MS);
    // The renderers' heap snapshots at the start and the end of the sampling (not between samples): what grew, code
    // or data. None of the bench process: writing one blocks main's event loop for ~20 s here, long enough for the
    // supervisor to count the pages' heartbeats lost and recreate their windows.
    const snapDir = mkdtempSync(path.join(process.env['QIOSK_KEYRING_ROOT'] ?? os.tmpdir(), 'wall-bench-heap-'));
    const snapshots = async (tag: string) => {
      for (const s of screens) await rendererSnapshot(cdps.get(s)!, path.join(snapDir, `${s}-${tag}.heapsnapshot`));
      return Object.fromEntries(await Promise.all(screens.map(async (s) => [s, await swapsOf(s)] as const)));
    };
    const nextSwap = async () => {
      const was = await swapsOf('left');
      await until(async () => (await swapsOf('left')) !== was, 15_000, 'a swap on the left screen').catch(() => {});
    };
    // Every sample and both snapshots right after a swap of the left screen (both pages then hold the slide on
    // screen and the next one mounted hidden: the dwell is shorter than the lead, so it is mounted at once).
    const atSlideZero = async () => {
      for (let i = 0; i < 8; i++) {
        await nextSwap();
        if ((await slideOf('left')) === '0') break;
      }
      return Object.fromEntries(await Promise.all(screens.map(async (s) => [s, await slideOf(s)] as const)));
    };
    const slidesAtA = await atSlideZero();
    const swapsAtA = await snapshots('a');
    const samples: Sample[] = [];
    const owners = await startHeapOwners();
    const t0 = Date.now();
    let reloads = 0;
    while (Date.now() - t0 <= MEMORY_RUN_MS) {
      await sleep(Math.max(0, MEMORY_SAMPLE_EVERY_MS * (samples.length + 1) - (Date.now() - t0)));
      await nextSwap();
      // The harness's own recordings grow with every request and console line: emptied, so they are not counted.
      h.requests.length = 0;
      h.consoleLines.length = 0;
      h.mainRequests.length = 0;
      h.navigations.length = 0;
      const sample: Sample = { atS: (Date.now() - t0) / 1000, swaps: {}, slide: {}, heap: {}, nodes: {}, listeners: {}, rss: 0, nodeHeap: 0, tenantLog: 0, tenantTokens: 0, tenantBytes: 0, sockets: 0, ...(samples.length % OWNERS_EVERY === 0 ? { owners: (await owners.read()).bytes } : {}) };
      for (const s of screens) {
        if (h.pageOf(s) !== pages.get(s)) reloads++;
        const cdp = cdps.get(s)!;
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = await cdp.send('Runtime.getHeapUsage');
        const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
        sample.swaps[s] = await swapsOf(s);
        sample.slide[s] = await slideOf(s);
        sample.heap[s] = usage.usedSize;
        sample.nodes[s] = metrics['Nodes'] ?? 0;
        sample.listeners[s] = metrics['JSEventListeners'] ?? 0;
      }
      if (samples.length % SNAP_EVERY === 0) {
        sample.periodic = {};
        for (const s of screens) await rendererSnapshot(cdps.get(s)!, (sample.periodic[s] = path.join(snapDir, `${s}-p${samples.length}.heapsnapshot`)));
      }
      nodeGc();
      const mem = process.memoryUsage();
      sample.rss = mem.rss;
      sample.nodeHeap = mem.heapUsed;
      const log = h.tenant.log();
      const tokens = h.tenant.tokens();
      sample.tenantLog = log.length;
      sample.tenantTokens = tokens.length;
      sample.tenantBytes = JSON.stringify(log).length + JSON.stringify(tokens).length;
      sample.sockets = h.tenant.sockets().length;
      samples.push(sample);
      if (samples.length % 6 === 1) process.stdout.write(`  memory t=${sample.atS.toFixed(0)} s: swaps ${screens.map((s) => sample.swaps[s]).join('+')}, heap ${screens.map((s) => (sample.heap[s]! / 1e6).toFixed(2)).join('/')} MB, rss ${(sample.rss / 1e6).toFixed(1)} MB\n`);
    }
    const ownersAtEnd = await owners.read();
    owners.stop();
    const slidesAtB = await atSlideZero();
    const swapsAtB = await snapshots('b');
    const sameDocument = await Promise.all(screens.map((s) => pages.get(s)!.evaluate(() => (window as unknown as { __benchMark?: boolean }).__benchMark === true).catch(() => false)));
    for (const cdp of cdps.values()) await cdp.detach().catch(() => {});
    const days = (sw: number) => sw / SWAPS_PER_DAY;
    const periodicFiles = samples.flatMap((x) => Object.values(x.periodic ?? {}));
    const summaries = summarizeSnapshots([...[...screens].flatMap((w) => ['a', 'b'].map((t) => path.join(snapDir, `${w}-${t}.heapsnapshot`))), ...periodicFiles]);
    rmSync(snapDir, { recursive: true, force: true });
    const diffOf = (w: string) => heapDiff(summaries[path.join(snapDir, `${w}-a.heapsnapshot`)]!, summaries[path.join(snapDir, `${w}-b.heapsnapshot`)]!);
    const snapDays = (w: string) => (swapsAtB[w]! - swapsAtA[w]!) / SWAPS_PER_DAY;
    const attribution = (w: string, base: number) => {
      const d = diffOf(w);
      const perDay = (d.dataKB * 1e3) / snapDays(w);
      return { ...d, swaps: r1(snapDays(w) * SWAPS_PER_DAY), slides: `${slidesAtA[w]} / ${slidesAtB[w]}`, dataKBPerDay: r1(perDay / 1e3), dataPctPerDay: r2((100 * perDay) / base), bytesPerSwap: r1((d.dataKB * 1e3) / (snapDays(w) * SWAPS_PER_DAY)) };
    };
    const perScreen = Object.fromEntries(screens.map((s) => {
      const xs = samples.map((x) => days(x.swaps[s]!));
      const on = samples.map((x) => x.slide[s]!);
      const heap = fit(xs, samples.map((x) => x.heap[s]!), on);
      const nodes = fit(xs, samples.map((x) => x.nodes[s]!), on);
      const listeners = fit(xs, samples.map((x) => x.listeners[s]!), on);
      const half = Math.floor(samples.length / 2);
      const late = fit(xs.slice(half), samples.slice(half).map((x) => x.heap[s]!), on.slice(half));
      // The periodic snapshots: the JS heap without V8's compiled code (the page's data and V8's internals), fitted
      // like the raw heap; and the compiled code's growth in each half of them (the JIT's work levels off; a leak
      // of code, e.g. code made per swap, would not).
      const snaps = samples.flatMap((x) => (x.periodic ? [{ days: days(x.swaps[s]!), slide: x.slide[s]!, parts: heapParts(summaries[x.periodic[s]!]!) }] : []));
      const noCode = fit(snaps.map((p) => p.days), snaps.map((p) => p.parts.data + p.parts.internals), snaps.map((p) => p.slide));
      const mid = Math.floor(snaps.length / 2);
      const codeGrowth = (a: number, b: number) => r1((snaps[b]!.parts.code - snaps[a]!.parts.code) / 1e3);
      return [s, {
        swaps: samples.at(-1)!.swaps[s]! - samples[0]!.swaps[s]!,
        heapMB: { first: r2(samples[0]!.heap[s]! / 1e6), last: r2(samples.at(-1)!.heap[s]! / 1e6), min: r2(Math.min(...samples.map((x) => x.heap[s]!)) / 1e6), max: r2(Math.max(...samples.map((x) => x.heap[s]!)) / 1e6) },
        heapFit: { kbPerDay: r1(heap.slopePerDay / 1e3), ci95KbPerDay: r1(heap.ci95PerDay / 1e3), pctPerDay: r2(heap.pctPerDay), ci95PctPerDay: r2(heap.ci95PctPerDay), bytesPerSwap: r1(heap.slopePerDay / SWAPS_PER_DAY), verdict: verdict(heap, MEMORY_TARGET_PCT_PER_DAY) },
        heapFitSecondHalf: { kbPerDay: r1(late.slopePerDay / 1e3), ci95KbPerDay: r1(late.ci95PerDay / 1e3), pctPerDay: r2(late.pctPerDay), ci95PctPerDay: r2(late.ci95PctPerDay), bytesPerSwap: r1(late.slopePerDay / SWAPS_PER_DAY) },
        snapshotDiff: attribution(s, samples[0]!.heap[s]!),
        withoutCode: snaps.length < 3 ? undefined : {
          snapshots: snaps.length, kbFirst: r1((snaps[0]!.parts.data + snaps[0]!.parts.internals) / 1e3), kbLast: r1((snaps.at(-1)!.parts.data + snaps.at(-1)!.parts.internals) / 1e3),
          kbPerDay: r1(noCode.slopePerDay / 1e3), ci95KbPerDay: r1(noCode.ci95PerDay / 1e3), pctPerDay: r2(noCode.pctPerDay), ci95PctPerDay: r2(noCode.ci95PctPerDay), verdict: verdict(noCode, MEMORY_TARGET_PCT_PER_DAY),
          codeKB: { first: r1(snaps[0]!.parts.code / 1e3), last: r1(snaps.at(-1)!.parts.code / 1e3), firstHalf: codeGrowth(0, mid), secondHalf: codeGrowth(mid, snaps.length - 1) },
        },
        domNodes: { first: samples[0]!.nodes[s], last: samples.at(-1)!.nodes[s], perDay: r1(nodes.slopePerDay) },
        listeners: { first: samples[0]!.listeners[s], last: samples.at(-1)!.listeners[s], perDay: r1(listeners.slopePerDay) },
      }];
    }));
    // Main's x: the wall's simulated days, i.e. the screens' mean swaps (both rotate at once) per 2,880.
    const wallDays = samples.map((x) => days(screens.reduce((a, s) => a + x.swaps[s]!, 0) / screens.length));
    const rss = fit(wallDays, samples.map((x) => x.rss));
    const nodeHeap = fit(wallDays, samples.map((x) => x.nodeHeap));
    const tenantBytes = fit(wallDays, samples.map((x) => x.tenantBytes));
    const half = Math.floor(samples.length / 2);
    const rssLate = fit(wallDays.slice(half), samples.slice(half).map((x) => x.rss));
    const nodeHeapLate = fit(wallDays.slice(half), samples.slice(half).map((x) => x.nodeHeap));
    const first = samples[0]!;
    const last = samples.at(-1)!;
    // Each owner's live bytes allocated since sampling began, fitted like the rest (second half judged); as % of the
    // whole bench process's JS heap at the first sample. Main's own heap is only part of that, so against main's own
    // the same bytes are a larger share: the kB/day figure is the one to carry over to Electron.
    const read = samples.flatMap((x, i) => (x.owners ? [{ days: wallDays[i]!, owners: x.owners }] : []));
    const readHalf = Math.floor(read.length / 2);
    const byOwner = Object.fromEntries(OWNERS.map((o) => {
      const xs = read.map((r) => r.days);
      const ys = read.map((r) => r.owners[o]);
      const late = fit(xs.slice(readHalf), ys.slice(readHalf));
      const all = fit(xs, ys);
      const pct = (b: number) => r2((100 * b) / first.nodeHeap);
      return [o, { liveKB: { first: r1(ys[0]! / 1e3), last: r1(ys.at(-1)! / 1e3) }, kbPerDay: r1(late.slopePerDay / 1e3), ci95KbPerDay: r1(late.ci95PerDay / 1e3), pctOfHeapPerDay: pct(late.slopePerDay), ci95PctOfHeapPerDay: pct(late.ci95PerDay), wholeRunKbPerDay: r1(all.slopePerDay / 1e3) }];
    })) as Record<Owner, { liveKB: { first: number; last: number }; kbPerDay: number; ci95KbPerDay: number; pctOfHeapPerDay: number; ci95PctOfHeapPerDay: number; wholeRunKbPerDay: number }>;
    const swapsTotal = screens.reduce((a, s) => a + last.swaps[s]! - first.swaps[s]!, 0);
    return {
      screens: screens.length, slidesPerPlaylist: 4, embedsPerSlide: 2, dwellMs: COMPRESSED_DWELL_MS, swapsPerSecond: r2(swapsTotal / screens.length / (last.atS - first.atS)),
      mapping: { realDwellSeconds: REAL_DWELL_S, swapsPerScreenPerDay: SWAPS_PER_DAY },
      sampledSeconds: r1(last.atS), samples: samples.length, swapsTotal,
      simulatedDays: r2(wallDays.at(-1)! - wallDays[0]!), simulatedHoursPerScreen: r2(24 * (wallDays.at(-1)! - wallDays[0]!)),
      renderer: perScreen,
      mainProcess: {
        rssMB: { first: r1(first.rss / 1e6), last: r1(last.rss / 1e6) },
        rssFit: { mbPerDay: r2(rss.slopePerDay / 1e6), ci95MbPerDay: r2(rss.ci95PerDay / 1e6), pctPerDay: r2(rss.pctPerDay), ci95PctPerDay: r2(rss.ci95PctPerDay), verdict: verdict(rss, MEMORY_TARGET_PCT_PER_DAY) },
        rssFitSecondHalf: { mbPerDay: r2(rssLate.slopePerDay / 1e6), ci95MbPerDay: r2(rssLate.ci95PerDay / 1e6), pctPerDay: r2(rssLate.pctPerDay), ci95PctPerDay: r2(rssLate.ci95PctPerDay) },
        heapMB: { first: r2(first.nodeHeap / 1e6), last: r2(last.nodeHeap / 1e6) },
        heapFitSecondHalf: { mbPerDay: r2(nodeHeapLate.slopePerDay / 1e6), ci95MbPerDay: r2(nodeHeapLate.ci95PerDay / 1e6), pctPerDay: r2(nodeHeapLate.pctPerDay), ci95PctPerDay: r2(nodeHeapLate.ci95PctPerDay) },
        heapFit: { mbPerDay: r2(nodeHeap.slopePerDay / 1e6), ci95MbPerDay: r2(nodeHeap.ci95PerDay / 1e6), pctPerDay: r2(nodeHeap.pctPerDay), ci95PctPerDay: r2(nodeHeap.ci95PctPerDay), verdict: verdict(nodeHeap, MEMORY_TARGET_PCT_PER_DAY) },
        owners: byOwner,
        ownersTopSites: ownersAtEnd.top.map((t) => ({ ...t, kB: r1(t.bytes / 1e3) })),
        // The fake tenant lives in the same process and keeps a log entry per request and a record per token.
        fakeTenant: { logEntries: { first: first.tenantLog, last: last.tenantLog }, tokens: { first: first.tenantTokens, last: last.tenantTokens }, jsonKBPerDay: r1(tenantBytes.slopePerDay / 1e3) },
      },
      engineSockets: { first: first.sockets, last: last.sockets, max: Math.max(...samples.map((x) => x.sockets)) },
      mints: h.tenant.log().filter((e) => e.grantType === IMPERSONATION).length,
      pagesReloaded: reloads > 0 || sameDocument.some((x) => !x),
      targetPctPerDay: MEMORY_TARGET_PCT_PER_DAY,
      series: samples.map((x) => ({ atS: r1(x.atS), swaps: x.swaps, slide: x.slide, heapKB: Object.fromEntries(screens.map((s) => [s, Math.round(x.heap[s]! / 1e3)])), nodes: x.nodes, rssMB: r2(x.rss / 1e6), nodeHeapMB: r2(x.nodeHeap / 1e6), sockets: x.sockets })),
    };
  } finally {
    await h.close();
  }
}
export type MemoryResult = Awaited<ReturnType<typeof benchMemory>>;

/** The verdicts judge the second half of the samples: the renderer's heap climbs for its first minutes of rotation
 * while V8 compiles and optimises the rotation's code, then levels (the whole-run slope is shown beside it). A
 * leak does not level, so it shows in the second half as much as in the first. */
const OWNER_NAMES: Record<Owner, string> = { main: "main's services", harness: 'harness', playwright: "Playwright's client", fakeTenant: 'fake tenant', bench: "the bench's own records", other: "Node's own code with no script on the stack, and other packages" };

export const memoryRows = (mem: MemoryResult): string[] => {
  const md: string[] = [];
  const t = `≤ ${MEMORY_TARGET_PCT_PER_DAY} %/day`;
  for (const [s, r] of Object.entries(mem.renderer)) {
    const late = r.heapFitSecondHalf;
    md.push(`| renderer JS heap growth, screen "${s}", second half of the run | **${late.pctPerDay} %/day** ± ${late.ci95PctPerDay} (95 %); ${late.kbPerDay} kB/day, ${late.bytesPerSwap} B/swap (whole run, warm-up included: ${r.heapFit.pctPerDay} ± ${r.heapFit.ci95PctPerDay} %/day) | ${t} | ${verdict(late, MEMORY_TARGET_PCT_PER_DAY)} |`);
  }
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x}`;
  for (const [s, r] of Object.entries(mem.renderer)) {
    const w = r.withoutCode;
    if (w) md.push(`| renderer JS heap without V8's compiled code, screen "${s}": ${w.snapshots} heap snapshots across the run | **${w.pctPerDay} %/day** ± ${w.ci95PctPerDay} (95 %); ${w.kbPerDay} kB/day (${w.kbFirst} → ${w.kbLast} kB). Compiled code ${w.codeKB.first} → ${w.codeKB.last} kB: ${signed(w.codeKB.firstHalf)} kB in the first half of the snapshots, ${signed(w.codeKB.secondHalf)} kB in the second | ${t} | ${w.verdict} |`);
  }
  for (const [s, r] of Object.entries(mem.renderer)) md.push(`| renderer JS data growth (objects, closures, arrays, strings), screen "${s}": heap snapshot diff, no interval | ${r.snapshotDiff.dataPctPerDay} %/day (${r.snapshotDiff.dataKBPerDay} kB/day, ${r.snapshotDiff.bytesPerSwap} B/swap; ${r.snapshotDiff.dataKB} kB over ${r.snapshotDiff.swaps} swaps) | ${t} | ${r.snapshotDiff.dataPctPerDay <= MEMORY_TARGET_PCT_PER_DAY ? 'met (estimate)' : 'missed (estimate)'} |`);
  const mp = mem.mainProcess;
  md.push(`| bench process (main's services + harness + Playwright + fake tenant) RSS growth, second half | ${mp.rssFitSecondHalf.pctPerDay} %/day ± ${mp.rssFitSecondHalf.ci95PctPerDay}; ${mp.rssFitSecondHalf.mbPerDay} MB/day (whole run: ${mp.rssFit.pctPerDay} ± ${mp.rssFit.ci95PctPerDay} %/day) | (${t}) | ${verdict(mp.rssFitSecondHalf, MEMORY_TARGET_PCT_PER_DAY)} |`);
  md.push(`| bench process JS heap growth (after GC), second half | ${mp.heapFitSecondHalf.pctPerDay} %/day ± ${mp.heapFitSecondHalf.ci95PctPerDay}; ${mp.heapFitSecondHalf.mbPerDay} MB/day (whole run: ${mp.heapFit.pctPerDay} ± ${mp.heapFit.ci95PctPerDay} %/day; fake tenant's records alone: ~${mp.fakeTenant.jsonKBPerDay} kB/day as JSON) | (${t}) | ${verdict(mp.heapFitSecondHalf, MEMORY_TARGET_PCT_PER_DAY)} |`);
  const ow = mp.owners;
  if (ow) {
    const m = ow.main;
    md.push(`| **main's services**: their live JS allocations (V8's sampling heap profiler, frames in src/main and src/shared), second half | **${m.pctOfHeapPerDay} %/day** ± ${m.ci95PctOfHeapPerDay} of the bench process's JS heap; ${m.kbPerDay} ± ${m.ci95KbPerDay} kB/day (whole run: ${m.wholeRunKbPerDay} kB/day) | ${t} | ${verdict({ pctPerDay: m.pctOfHeapPerDay, ci95PctPerDay: m.ci95PctOfHeapPerDay }, MEMORY_TARGET_PCT_PER_DAY)} |`);
    const others = OWNERS.filter((o) => o !== 'main').map((o) => `${OWNER_NAMES[o]} ${ow[o].kbPerDay} ± ${ow[o].ci95KbPerDay}`).join('; ');
    md.push(`| the rest of the bench process's growth, by owner (kB/day, second half) | ${others} | — | (not Qiosk's main) |`);
  }
  return md;
};

export function memorySection(mem: MemoryResult): string[] {
  const md: string[] = [];
  md.push('## 3. Memory over compressed rotation', '');
  md.push(`Compression: a real day of one screen at a ${REAL_DWELL_S} s dwell is ${SWAPS_PER_DAY.toLocaleString('en')} swaps (a week ${(SWAPS_PER_DAY * 7).toLocaleString('en')}). The bench rotates ${mem.screens} screens (pages), each a playlist of ${mem.slidesPerPlaylist} slides × ${mem.embedsPerSlide} embeds, at a ${mem.dwellMs} ms dwell: main's config refuses a dwell under 5 s, so once both screens show content the bench serves the pages their settings (as main built them) with every dwell cut to the renderer's floor, through a route of the browser context, and has main load each screen again; the slide stage, the rotation's pre-render (the next slide mounted hidden, shown once its embeds report rendered, else after ${'5'} s), the health watch and main are Qiosk's as shipped. A swap then takes as long as the next slide needs to be seen rendered (the health watch looks every second while tiles load): **${mem.swapsPerSecond} swaps per second** per screen. After a ${MEMORY_WARMUP_MS / 1000} s warm-up it samples every ${MEMORY_SAMPLE_EVERY_MS / 1000} s, right after a swap of the left screen, for ${mem.sampledSeconds} s: ${mem.swapsTotal} swaps in all, i.e. **${mem.simulatedDays} simulated days per screen** (${mem.simulatedHoursPerScreen} simulated hours; a compressed week would take ${Math.round((7 * SWAPS_PER_DAY) / Math.max(mem.swapsPerSecond, 0.01) / 60)} minutes at this rate). Slopes are least squares over ${mem.samples} samples against simulated days (a screen's own swaps ÷ ${SWAPS_PER_DAY} for its renderer, with one level per slide on screen, since slides draw different amounts; the screens' mean for the bench process), as % of the fitted start value, with a 95 % interval.`, '');
  md.push('| screen | swaps | JS heap first → last (min–max) | heap slope, all samples | heap slope, second half | DOM nodes first → last | listeners first → last |', '|---|---|---|---|---|---|---|');
  for (const [s, r] of Object.entries(mem.renderer)) md.push(`| ${s} | ${r.swaps} | ${r.heapMB.first} → ${r.heapMB.last} MB (${r.heapMB.min}–${r.heapMB.max}) | ${r.heapFit.kbPerDay} ± ${r.heapFit.ci95KbPerDay} kB/day = ${r.heapFit.pctPerDay} ± ${r.heapFit.ci95PctPerDay} %/day (${r.heapFit.bytesPerSwap} B/swap) | ${r.heapFitSecondHalf.pctPerDay} ± ${r.heapFitSecondHalf.ci95PctPerDay} %/day (${r.heapFitSecondHalf.bytesPerSwap} B/swap) | ${r.domNodes.first} → ${r.domNodes.last} (${r.domNodes.perDay}/day) | ${r.listeners.first} → ${r.listeners.last} (${r.listeners.perDay}/day) |`);
  const mp = mem.mainProcess;
  md.push('', `Bench process (hosts main's services, the harness, Playwright's client and the fake tenant): RSS ${mp.rssMB.first} → ${mp.rssMB.last} MB, slope ${mp.rssFit.mbPerDay} ± ${mp.rssFit.ci95MbPerDay} MB/day = ${mp.rssFit.pctPerDay} ± ${mp.rssFit.ci95PctPerDay} %/day (second half of the samples: ${mp.rssFitSecondHalf.pctPerDay} ± ${mp.rssFitSecondHalf.ci95PctPerDay} %/day); JS heap after GC ${mp.heapMB.first} → ${mp.heapMB.last} MB, ${mp.heapFit.mbPerDay} ± ${mp.heapFit.ci95MbPerDay} MB/day = ${mp.heapFit.pctPerDay} ± ${mp.heapFit.ci95PctPerDay} %/day (second half: ${mp.heapFitSecondHalf.pctPerDay} ± ${mp.heapFitSecondHalf.ci95PctPerDay} %/day). The fake tenant in the same process kept ${mp.fakeTenant.logEntries.first} → ${mp.fakeTenant.logEntries.last} request-log entries and ${mp.fakeTenant.tokens.first} → ${mp.fakeTenant.tokens.last} token records (≈ ${mp.fakeTenant.jsonKBPerDay} kB/day as JSON): growth that is the test tenant's, not Qiosk's, and is in these numbers. Engine websockets open: ${mem.engineSockets.first} → ${mem.engineSockets.last} (max ${mem.engineSockets.max}). Token mints: ${mem.mints}. Pages reloaded during the run: ${mem.pagesReloaded ? 'YES (renderer slopes span a reload)' : 'no'}.`, '');
  md.push(`The raw JS heap includes V8's compiled code: machine code made as the engine optimises functions that run often (in a diff of two snapshots 6 minutes apart after a 3-minute warm-up, 75-80 new \`InstructionStream\` objects, +120-150 kB, while bytecode shrank), which grows in steps until the hot code is compiled and is bounded by the code the page has. So the bench also snapshots each page every ${SNAP_EVERY} samples and fits the heap without the compiled code (the page's data and V8's internals) the same way, and shows how much code was added in each half of those snapshots: a page that made code per swap would keep adding it; the JIT's additions shrink.`, '');
  md.push('What grew, by heap snapshots of each page taken just before the first sample and just after the last, both right after slide 0 came on (after a GC each; self sizes summed by node type and name). "Compiled code": V8\'s machine code, bytecode, feedback vectors, deopt data (the engine optimising what it runs often; it stops when all of it is compiled). "V8 internals": objects V8 names `system / …` (function templates for Blink\'s bindings, hidden classes, internal lists; made on first use). "Blink native": DOM, layout, font and text-shaping caches (not in the JS heap figure above). "JS data": the page\'s objects, closures, arrays, strings and numbers, where a record kept per swap would show.', '');
  md.push('| page | swaps between (slide at each) | compiled code | V8 internals | Blink native | **JS data** | JS data per simulated day | largest changes, data and native (kB) |', '|---|---|---|---|---|---|---|---|');
  for (const [s, r] of Object.entries(mem.renderer)) {
    const d = r.snapshotDiff;
    const sign = (x: number) => `${x >= 0 ? '+' : ''}${x} kB`;
    md.push(`| ${s} | ${d.swaps} (${d.slides}) | ${sign(d.codeKB)} | ${sign(d.internalsKB)} | ${sign(d.nativeKB)} | **${sign(d.dataKB)}** | ${d.dataKBPerDay} kB/day = ${d.dataPctPerDay} %/day | ${d.grewKB.join('; ')}${d.shrankKB.length ? `; shrank: ${d.shrankKB.join('; ')}` : ''} |`);
  }
  if (mp.owners) {
    md.push('', `Who in the bench process holds what it grows by: V8's sampling heap profiler ran in it for the whole sampling (one allocation in ~4 kB recorded with its stack; a record is dropped when its object is collected), read after a GC every ${OWNERS_EVERY} samples by a child process over the inspector's websocket, so reading it allocates nothing in the heap it measures. Each still-live allocation made since sampling began is credited to the innermost frame of an owner's script (main's services: src/main and src/shared; the harness: test/; the fake tenant: test/fake-tenant; Playwright's client; the bench itself). The slope of each owner's live bytes is its growth: what is only replaced (the newest report instead of the last) levels off. Live bytes at the first → last sample and slope (second half; whole run in brackets), kB:`, '');
    md.push('| owner | live at first → last sample | growth, second half | whole run |', '|---|---|---|---|');
    for (const o of OWNERS) md.push(`| ${OWNER_NAMES[o]} | ${mp.owners[o].liveKB.first} → ${mp.owners[o].liveKB.last} kB | ${mp.owners[o].kbPerDay} ± ${mp.owners[o].ci95KbPerDay} kB/day (${mp.owners[o].pctOfHeapPerDay} ± ${mp.owners[o].ci95PctOfHeapPerDay} %/day of the process's heap) | ${mp.owners[o].wholeRunKbPerDay} kB/day |`);
    md.push('', `Largest allocation sites still live at the end: ${mp.ownersTopSites.map((x) => `${x.where} (${OWNER_NAMES[x.owner as Owner]}) ${x.kB} kB`).join('; ')}. The "main's services" row stands for Electron's main process: there, the same code runs without the harness, Playwright or the fake tenant beside it. What it cannot see: native memory (Electron's own, buffers outside the JS heap) and allocations made by Node's code on main's behalf with no script frame on the stack.`);
  }
  md.push('', 'The bench process gets no snapshot in the run (writing one blocks main for ~20 s on this machine, and the supervisor then replaces the pages). One pair made while writing this bench (two screens as here, 60 s warm-up, then 150 s during which the Node heap after GC went from 48.14 to 48.21 MB) found the largest differences in V8\'s compiled code and its metadata (machine code, deopt data, feedback vectors, bytecode: about +400 kB among the top entries) and in ArrayBuffer backing stores (+160 kB, with no new buffers: existing ones resized); plain objects (+99, 4.5 kB), closures (+55, 3 kB) and arrays (about +14 kB) were all that grew besides. No sign of a record kept per swap by main, but it is a single observation, not repeated by the bench.', '');
  md.push('Chromium keeps the last long-animation-frame and script timing entries of each page in a bounded buffer (`PerformanceLongAnimationFrameTiming`, `PerformanceScriptTiming`): they can show among the changes above without growing for ever.', '');
  md.push('A two-point difference has no interval, and a few kB is within what one object or cache resizing moves it. The percentages are of a ~2 MB heap: the stand-in runtime\'s pages are tiny, and Qlik\'s real runtime keeps far more, so the same bytes would be a much smaller share of a real page; the kB/day figures are the ones to compare.', '');
  md.push('Limits of the compression, plainly:', '');
  const widest = Math.max(...Object.values(mem.renderer).map((r) => r.heapFitSecondHalf.ci95PctPerDay));
  md.push(`- It covers ${mem.simulatedDays} of a simulated day per screen, not a week: the per-day figures are the slope of ${Math.round(mem.sampledSeconds / 60)} minutes of sampling scaled to a day${mem.simulatedDays < 1 ? ` (×${r1(1 / Math.max(mem.simulatedDays, 1e-3))})` : ''}, and a week is 7 such days. The renderer's widest 95 % interval on the judged half is ±${widest} %/day: ${widest < MEMORY_TARGET_PCT_PER_DAY ? `narrower than the ${MEMORY_TARGET_PCT_PER_DAY} %/day target, so the verdicts above can tell` : `wider than the ${MEMORY_TARGET_PCT_PER_DAY} %/day target, so a growth under it can be neither confirmed nor refuted by this run`}. A leak that needs hours of real time (token refresh, the 24 h session limit, the daily recycle at \`dailyRecycleAt\`, set 12 h away here and never reached) is not exercised.`);
  md.push(`- The first ${MEMORY_WARMUP_MS / 1000} s of rotation are not sampled, and the verdicts judge the second half of the samples: the renderer's heap keeps climbing for several minutes of rotation while V8 compiles and optimises the rotation's and the runtime's code (the snapshot diff names it: compiled code and V8 internals), then levels. The whole-run slope is shown beside each verdict; a leak does not level, so it would show in the second half as much as in the first.`);
  md.push(`- Only swaps are compressed. Timers run at real speed: the health watch (heartbeat 5 s, keepalive 15 s, Qiosk's shipped timings), token expiry and refresh, the supervisor's checks. Per simulated day they run ${Math.round(REAL_DWELL_S * mem.swapsPerSecond)}× less often than on a real wall at a ${REAL_DWELL_S} s dwell, so a leak per heartbeat or per keepalive is under-weighted that much; the bench process's slope is mostly such time-driven work.`);
  md.push('- Renderer heap is `Runtime.getHeapUsage().usedSize` of each page right after CDP `HeapProfiler.collectGarbage`; DOM nodes and listeners are CDP `Performance.getMetrics`. Memory outside the JS heap (GPU, images, the compositor) is not measured. With two pages, Chromium may or may not give each its own renderer process.');
  md.push('- Main is judged by its own live JS allocations (the sampling profile above): native memory and what Node allocates for it with no script on the stack are not in that figure. The bench process\'s RSS is the whole process after a forced Node GC: main\'s services plus the harness, Playwright and the in-process fake tenant (whose request log and token records grow per request, see above); the harness\'s own request/console recordings were emptied before every sample. RSS also moves with the allocator\'s page reuse, so it is the noisier of the two process figures.');
  md.push('');
  return md;
}

/** Main is judged by its own live allocations where the run has them (the bench process's RSS also holds the
 * harness, Playwright and the fake tenant), else by that RSS. */
export const memoryMissed = (mem: MemoryResult) => {
  const main = mem.mainProcess.owners?.main;
  const mainFit = main ? { pctPerDay: main.pctOfHeapPerDay, ci95PctPerDay: main.ci95PctOfHeapPerDay } : mem.mainProcess.rssFitSecondHalf;
  return [...Object.values(mem.renderer).map((r) => r.heapFitSecondHalf), mainFit].some((f) => verdict(f, MEMORY_TARGET_PCT_PER_DAY) === 'missed');
};
