// Just enough PNG decoding for tests that judge screenshots (8-bit RGB or RGBA, not interlaced: what Chromium
// writes), with node's zlib: no image library for one job.
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): Image {
  const buf = Buffer.from(png);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const v = line[x]!;
      cur[x] = (filter === 0 ? v : filter === 1 ? v + a : filter === 2 ? v + b : filter === 3 ? v + ((a + b) >> 1) : v + paeth) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      out.set([cur[x * channels]!, cur[x * channels + 1]!, cur[x * channels + 2]!, channels === 4 ? cur[x * channels + 3]! : 255], (y * width + x) * 4);
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

/** The share of pixels in the rectangle that differ from its most common colour (0: one flat colour, blank). */
export function detailIn(img: Image, r: { x: number; y: number; width: number; height: number }): number {
  const counts = new Map<number, number>();
  let total = 0;
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(img.height, Math.floor(r.y + r.height)); y++) {
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(img.width, Math.floor(r.x + r.width)); x++) {
      const i = (y * img.width + x) * 4;
      // Colours within a few levels count as one (anti-aliasing and compression are not content).
      const key = ((img.rgba[i]! >> 3) << 10) | ((img.rgba[i + 1]! >> 3) << 5) | (img.rgba[i + 2]! >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
    }
  }
  if (total === 0) return 0;
  return 1 - Math.max(...counts.values()) / total;
}

/** The share of pixels in the rectangle with a strong colour (chart marks), not white, grey or black (blank
 * cards, "Loading…" notices and text). */
export function colourIn(img: Image, r: { x: number; y: number; width: number; height: number }): number {
  let coloured = 0;
  let total = 0;
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(img.height, Math.floor(r.y + r.height)); y++) {
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(img.width, Math.floor(r.x + r.width)); x++) {
      const i = (y * img.width + x) * 4;
      const [red, green, blue] = [img.rgba[i]!, img.rgba[i + 1]!, img.rgba[i + 2]!];
      if (Math.max(red, green, blue) - Math.min(red, green, blue) >= 30) coloured++;
      total++;
    }
  }
  return total === 0 ? 0 : coloured / total;
}
