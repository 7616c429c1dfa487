// Which screen, playlist and start slide the page shows, from its own URL (main builds it with contentPath).
// Never a dead end: a missing or unknown name falls back to the config's first, a slide out of range to 0, so
// a stale URL (a playlist renamed, one slide fewer) still shows content.
import type { RendererConfig, RendererScreen, RendererSlide } from '../shared/ipc-contract';

export interface PagePick {
  screen: string;
  look: RendererScreen;
  playlist: string;
  slides: RendererSlide[];
  /** The start slide, an index into `slides`. */
  slide: number;
}

/** The named entry if the map has it as its own (a URL may say "constructor"), else the first. */
function pick<T>(map: Record<string, T>, name: string | null): [string, T] {
  if (name !== null && Object.hasOwn(map, name)) return [name, map[name]!];
  const first = Object.entries(map)[0];
  if (!first) throw new Error('the config names none'); // parseRendererConfig refuses an empty map
  return first;
}

export function pickPage(config: Pick<RendererConfig, 'screens' | 'playlists'>, search: string): PagePick {
  const q = new URLSearchParams(search);
  const [screen, look] = pick(config.screens, q.get('screen'));
  const [playlist, slides] = pick(config.playlists, q.get('playlist'));
  const raw = q.get('slide') ?? '';
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
  return { screen, look, playlist, slides, slide: n < slides.length ? n : 0 };
}
