// The wall bench's statistics, pure (tested in test/unit/bench/wall-stats.test.ts): percentiles, the least-squares
// slope the memory part judges, and the interval on the time-to-first-content ratio.
export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
export const median = (xs: number[]) => {
  const s = sorted(xs);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Nearest-rank percentile. */
export const pct = (xs: number[], p: number) => sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;

export interface Fit { slopePerDay: number; ci95PerDay: number; intercept: number; pctPerDay: number; ci95PctPerDay: number }
/** Least squares y = a_g + b·x: one slope, and one offset per group `g` (the slide on screen when sampled: slides
 * differ in what they draw, so each gets its own level and only the trend across rotations is left), with the slope's
 * 95 % interval (t ≈ 2 for the sample counts here, 2.3 when few). % per day is against the mean start level. */
export function fit(xs: number[], ys: number[], groups: string[] = xs.map(() => '')): Fit {
  const n = xs.length;
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => byGroup.set(g, [...(byGroup.get(g) ?? []), i]));
  const mean = (idx: number[], v: number[]) => idx.reduce((a, i) => a + v[i]!, 0) / idx.length;
  const gx = new Map([...byGroup].map(([g, idx]) => [g, mean(idx, xs)]));
  const gy = new Map([...byGroup].map(([g, idx]) => [g, mean(idx, ys)]));
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - gx.get(groups[i]!)!) ** 2;
    sxy += (xs[i]! - gx.get(groups[i]!)!) * (ys[i]! - gy.get(groups[i]!)!);
  }
  const b = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - gy.get(groups[i]!)! - b * (xs[i]! - gx.get(groups[i]!)!)) ** 2;
  const df = n - byGroup.size - 1;
  const se = df > 0 ? Math.sqrt(sse / df / sxx) : Infinity;
  const ci = (df >= 20 ? 2.0 : 2.3) * se;
  // The level at the first sample's x, averaged over the groups.
  const x0 = Math.min(...xs);
  const a = [...byGroup.keys()].reduce((acc, g) => acc + gy.get(g)! - b * (gx.get(g)! - x0), 0) / byGroup.size;
  return { slopePerDay: b, ci95PerDay: ci, intercept: a, pctPerDay: (100 * b) / a, ci95PctPerDay: (100 * ci) / a };
}

/** A 95 % interval for median(kiosk) ÷ median(bare): a bootstrap over the rounds, each kept as its pair (the two runs
 * were measured next to each other), 2,000 resamples from a fixed seed so a report can be made again. */
export function ratioInterval(kiosk: number[], bare: number[], resamples = 2000): [number, number] {
  let seed = 0x9e3779b9;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const n = Math.min(kiosk.length, bare.length);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const idx = Array.from({ length: n }, () => Math.floor(rand() * n));
    ratios.push(median(idx.map((i) => kiosk[i]!)) / median(idx.map((i) => bare[i]!)));
  }
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(0.025 * resamples)]!, ratios[Math.ceil(0.975 * resamples) - 1]!];
}

