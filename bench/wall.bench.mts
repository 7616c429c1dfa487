// `npm run bench` (third part): a wall's costs, in the harness (test/harness/qiosk-harness.ts: Qiosk's real main
// services, core, renderer and preload in Debian's Chromium, against a fresh fake tenant; no Electron binary here).
// Needs a keychain: `bash scripts/with-keyring.sh npx tsx bench/wall.bench.mts [ttfc] [switch] [memory]` (no names:
// all three). Build first (`node scripts/build.mjs --quiet`): the renderer is served from out/renderer.
//   1. Time to first content: startHarness call -> every embed of the visible slide drawn, connected and ready,
//      against a BARE page in the same Chromium build (the same qlik-embed loader and embeds, a static token; no
//      Qiosk main, preload, health watch or egress gate), and against the same bare page given the harness's
//      emulated transport (egress gate, request routing, the token over a CDP binding). 31 rounds interleaved, the
//      order rotating; a bootstrap 95 % interval on each ratio. Target <= 1.1×.
//   2. Slide switch: one screen, 3 slides × 2 embeds, dwell 5 s, tenant drawDelayMs 1,500. Per change: the dwell's
//      end (the previous swap + the dwell, from the page's own MutationObserver on data-slide) -> the new slide in
//      the DOM and in the next frame; screenshots meanwhile count blank tiles. Target p95 <= 100 ms, 0 blank frames.
//   3. Memory over compressed rotation: two screens rotating at the renderer's 1 s floor; renderer JS heap (after a
//      forced GC), the bench process's RSS/heap (it hosts main's services) and main's own live allocations (V8's
//      sampling heap profiler, wall/heap-owners.mts) sampled every 10 s, least-squares
//      slope per simulated day (a day = 2,880 swaps, a 30 s dwell); heap snapshots of the pages at both ends say
//      what grew. Target <= 1 % growth per day. WALL_BENCH_MEMORY_WARMUP_MINUTES and
//      WALL_BENCH_MEMORY_MINUTES set its warm-up and sampling (default 10 and 20).
// The parts live in bench/wall/ (common.mts, ttfc.mts, switch.mts, memory.mts); this file runs them and reports.
// The machine is shared and has 2 cores: only side-by-side ratios mean much; nothing here is a unit test.
// Writes bench/results/wall.json and bench/results/wall.md; exits non-zero when a target is clearly missed.
// WALL_BENCH_QUICK=1: a smoke run with tiny counts, written to the OS temp folder instead. Naming parts re-measures
// only those: the others are kept from the last results, each with the time it was measured (a part's own
// comparisons are always side by side in one run).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exe, noChromiumReason, QUICK, r2 } from './wall/common.mts';
import { benchMemory, memoryMissed, memoryRows, memorySection } from './wall/memory.mts';
import { benchSwitch, switchMissed, switchRows, switchSection } from './wall/switch.mts';
import { benchTtfc, ttfcMissed, ttfcRows, ttfcSection } from './wall/ttfc.mts';

const ONLY = new Set(process.argv.slice(2).filter((a) => ['ttfc', 'switch', 'memory'].includes(a)));
/** `--report`: measure nothing, write the report again from wall.json (after a change to the report's words). */
const REPORT_ONLY = process.argv.includes('--report');
const runs = (part: 'ttfc' | 'switch' | 'memory') => !REPORT_ONLY && (ONLY.size === 0 || ONLY.has(part));

if (!exe) {
  console.error(`wall bench: ${noChromiumReason()}`);
  process.exit(1);
}
if (!process.env['QIOSK_KEYRING']) {
  console.error('wall bench: needs a keychain; run it as `bash scripts/with-keyring.sh npx tsx bench/wall.bench.mts`');
  process.exit(1);
}

const started = Date.now();
const out: Record<string, unknown> = { ranAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverageAtStart: os.loadavg().map(r2), quick: QUICK };
const errors: Record<string, string> = {};
/** When and under what load each part was measured (parts kept from an earlier run keep theirs). */
const measured: Record<string, { at: string; loadAverage: number[]; seconds: number }> = {};
out['measured'] = measured;
const resultsDir = QUICK ? mkdtempSync(path.join(os.tmpdir(), 'wall-bench-quick-')) : path.join(import.meta.dirname, 'results');
const jsonFile = path.join(resultsDir, 'wall.json');
const mdFile = path.join(resultsDir, 'wall.md');
const previous = (ONLY.size > 0 || REPORT_ONLY) && existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : undefined;
const part = async <T,>(name: 'ttfc' | 'switch' | 'memory', fn: () => Promise<T>): Promise<T | undefined> => {
  if (!runs(name)) {
    const kept = previous?.[name] as T | undefined;
    if (kept === undefined) return undefined;
    out[name] = kept;
    const when = (previous?.['measured'] as typeof measured | undefined)?.[name];
    measured[name] = when ?? { at: String(previous?.['ranAt']), loadAverage: (previous?.['loadAverageAtStart'] as number[] | undefined) ?? [], seconds: NaN };
    return kept;
  }
  const t = Date.now();
  console.log(`wall bench: ${name}…`);
  try {
    const at = new Date().toISOString();
    const loadAverage = os.loadavg().map(r2);
    const r = await fn();
    out[name] = r;
    measured[name] = { at, loadAverage, seconds: Math.round((Date.now() - t) / 1000) };
    return r;
  } catch (e) {
    errors[name] = e instanceof Error ? e.stack ?? e.message : String(e);
    console.error(`wall bench: ${name} failed: ${errors[name]}`);
    return undefined;
  } finally {
    console.log(`wall bench: ${name} took ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
};
const ttfc = await part('ttfc', benchTtfc);
const sw = await part('switch', benchSwitch);
const mem = await part('memory', benchMemory);
out['wallSeconds'] = Math.round((Date.now() - started) / 1000);
out['loadAverageAtEnd'] = os.loadavg().map(r2);
if (REPORT_ONLY && previous) for (const k of ['ranAt', 'loadAverageAtStart', 'loadAverageAtEnd', 'wallSeconds']) out[k] = previous[k];
if (Object.keys(errors).length) out['errors'] = errors;

writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);

// The markdown report: numbers first, then what each measurement includes and where it is weak.
const md: string[] = [];
md.push('# Wall bench', '', `Ran ${String(out['ranAt'])} on ${os.cpus().length} cores (load average ${(out['loadAverageAtStart'] as number[]).join(' / ')} at start, ${(out['loadAverageAtEnd'] as number[]).join(' / ')} at end), Node ${process.version}, Chromium ${exe} in the harness (no Electron). Wall time ${String(out['wallSeconds'])} s. \`bash scripts/with-keyring.sh npx tsx bench/wall.bench.mts\`; raw numbers in wall.json.`, '');
const partNames = { ttfc: 'time to first content', switch: 'slide switch', memory: 'memory' } as const;
md.push(`Each part's own measurement: ${Object.entries(measured).map(([k, m]) => `${partNames[k as keyof typeof partNames]} at ${m.at} (load ${m.loadAverage.join(' / ')}${Number.isNaN(m.seconds) ? '' : `, ${m.seconds} s`})`).join('; ')}.`, '');
md.push('| measurement | result | target | verdict |', '|---|---|---|---|');
if (ttfc) md.push(...ttfcRows(ttfc));
if (sw) md.push(...switchRows(sw));
if (mem) md.push(...memoryRows(mem));
for (const [k, v] of Object.entries(errors)) md.push(`| ${k} | FAILED: ${v.split('\n')[0]} | | MISSED |`);
md.push('');
if (ttfc) md.push(...ttfcSection(ttfc));
if (sw) md.push(...switchSection(sw));
if (mem) md.push(...memorySection(mem));
writeFileSync(mdFile, `${md.join('\n')}\n`);
console.log(md.slice(0, 12).join('\n'));
console.log(`wrote ${path.relative(process.cwd(), jsonFile)} and ${path.relative(process.cwd(), mdFile)}`);

const missed = [
  ttfc && ttfcMissed(ttfc),
  sw && switchMissed(sw),
  mem && memoryMissed(mem),
  Object.keys(errors).length > 0,
].some(Boolean);
console.log(missed ? 'wall bench: TARGET MISSED (see the report)' : 'wall bench: targets met (see the report for the intervals)');
process.exit(missed ? 1 : 0);
