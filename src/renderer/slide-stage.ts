// The page's slides, stacked in one box: the one on screen, and at most one more being prepared under it
// (visibility: hidden, so its embeds lay out and render at their real size; inert, so nothing can touch it).
// The shared rotation (src/shared/rotation.ts) drives it through prepare/show/discard. Each slide has its own
// health watch; only the visible slide's reports reach main (carrying its index), and main's directives apply
// only while the slide they answer is still on screen. A prepared slide's reports are answered here, and tell
// the rotation when all its tiles have rendered. Building a slide's DOM and tiles is the caller's (slide-view.ts).
import type { HealthDirectives, HealthReport } from '../shared/ipc-contract';
import type { ResetTile } from './idle-reset';

/** What the stage needs of a slide's element (an HTMLElement; a plain object in tests). */
export interface SlideElement {
  dataset: Record<string, string | undefined>;
  inert: boolean;
  remove(): void;
}

export interface SlideWatch {
  start(): void;
  stop(): void;
  reportNow(): void;
}

export interface BuiltSlide<E extends SlideElement = SlideElement> {
  element: E;
  /** Not started yet; its reports go through the `report` the stage gave `build`. */
  watch: SlideWatch;
  /** The slide's tiles as the idle reset handles them. */
  resetTiles: readonly ResetTile[];
}

export interface SlideStageDeps<E extends SlideElement> {
  build(slide: number, report: (r: HealthReport) => Promise<HealthDirectives>): BuiltSlide<E>;
  /** Puts a slide's element into the stage box (all slides share that box). */
  place(element: E): void;
  /** Main's health channel. */
  report(r: HealthReport): Promise<HealthDirectives>;
  /** A prepared slide has every tile rendered (the rotation may show it). */
  ready(slide: number): void;
  /** Slide `slide` is now the one on screen. */
  shown?(slide: number): void;
}

const NOTHING: HealthDirectives = { remount: [], unavailable: [] };

/** Visible or not in one step: the CSS keys on data-visible (styles.css); inert keeps a hidden slide untouchable. */
function setVisible(e: SlideElement, visible: boolean): void {
  e.dataset['visible'] = String(visible);
  e.inert = !visible;
}

export function createSlideStage<E extends SlideElement>(d: SlideStageDeps<E>) {
  const slides = new Map<number, BuiltSlide<E>>();
  let visible: number | undefined;

  const route = (i: number) => async (r: HealthReport): Promise<HealthDirectives> => {
    if (i !== visible) {
      if (slides.has(i) && r.tiles.length > 0 && r.tiles.every((t) => t.phase === 'rendered')) d.ready(i);
      return NOTHING; // main hears of a slide once it shows
    }
    const answer = await d.report({ ...r, slide: i });
    return i === visible ? answer : NOTHING; // the answer is about a slide that has gone meanwhile
  };

  function mount(i: number, show: boolean): BuiltSlide<E> {
    const s = d.build(i, route(i));
    s.element.dataset['slide'] = String(i);
    setVisible(s.element, show);
    slides.set(i, s);
    d.place(s.element);
    s.watch.start();
    return s;
  }

  function drop(i: number): void {
    const s = slides.get(i);
    if (!s) return;
    slides.delete(i);
    s.watch.stop();
    s.element.remove(); // removing its <qlik-embed> elements releases their sessions
  }

  return {
    /** The page's first slide, on screen at once. */
    start(i: number): void {
      visible = i;
      mount(i, true);
      d.shown?.(i);
    },
    /** Mounts slide `i` hidden under the visible one. */
    prepare(i: number): void {
      if (i === visible || slides.has(i)) return;
      mount(i, false);
    },
    /** Puts slide `i` on screen and takes the previous one off, in one task: no frame shows neither. */
    show(i: number): void {
      if (i === visible) return;
      const next = slides.get(i) ?? mount(i, false); // never prepared (should not happen): shown as it loads
      const previous = visible;
      setVisible(next.element, true);
      visible = i;
      if (previous !== undefined) drop(previous);
      d.shown?.(i);
      next.watch.reportNow(); // main hears of the new slide at once
    },
    /** A prepared slide that will not be shown. */
    discard(i: number): void {
      if (i !== visible) drop(i);
    },
    get visible(): number | undefined {
      return visible;
    },
    /** The slide on screen's tiles, for the idle reset. */
    visibleTiles(): readonly ResetTile[] {
      return (visible === undefined ? undefined : slides.get(visible)?.resetTiles) ?? [];
    },
  };
}
