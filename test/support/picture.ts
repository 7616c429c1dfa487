// What a screenshot shows, in numbers a test can hold a line on: how much of it is not background, and how
// many distinct strong colours it has. A blank tile scores ~0 on both; a text-only debug box a little ink and
// no colour; a chart or a dashboard a large share and several hues.
import { PNG } from 'pngjs';

export interface PictureStats {
  width: number;
  height: number;
  /** Share (0–1) of pixels that differ clearly from the most common colour (the background). */
  inked: number;
  /** Distinct saturated hues (30° buckets) that each cover at least 0.5% of the picture. */
  hues: number;
}

export function pictureStats(png: Buffer): PictureStats {
  const { width, height, data } = PNG.sync.read(png);
  const total = width * height;
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 4) {
    const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const bgKey = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const bg = [((bgKey >> 10) & 31) << 3, ((bgKey >> 5) & 31) << 3, (bgKey & 31) << 3];
  let inked = 0;
  const hueCounts = new Array<number>(12).fill(0);
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (Math.abs(r - bg[0]!) + Math.abs(g - bg[1]!) + Math.abs(b - bg[2]!) > 48) inked++;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    if (max - min < 60) continue; // greys and pale tints carry no hue worth counting
    const d = max - min;
    const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    hueCounts[Math.floor(h * 2) % 12]!++;
  }
  return { width, height, inked: inked / total, hues: hueCounts.filter((n) => n / total >= 0.005).length };
}

/** The line a test holds: enough ink and colour to be analytics rather than a blank or text-only tile. */
export function looksLikeAnalytics(s: PictureStats): boolean {
  return s.inked >= 0.12 && s.hues >= 2;
}

/** Mean luminance (0–255) of a picture: tells a dimmed dashboard from a plain dark screen. */
export function meanLuminance(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
  return sum / (data.length / 4);
}
