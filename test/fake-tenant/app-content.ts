// What the fake engine says of an app's sheets and objects (websocket.ts): a handle per object for GetObject,
// and the layout GetLayout answers on it, as Qlik's engine has them: qInfo (id and type), qMeta.title, title,
// and for a sheet its cells. Titles come from the app's `content` (options.ts); an id it does not list gets a
// made-up title and chart type, never its raw id, so the stand-in's pictures read like a real Qlik app.
import { CHART_TYPES, type FakeApp } from './options';

type ChartType = (typeof CHART_TYPES)[number];

export interface ObjectLayout {
  qInfo: { qId: string; qType: 'sheet' | ChartType };
  qMeta: { title: string };
  title: string;
  /** Sheets only: the objects on it, in reading order. */
  cells?: { name: string; type: ChartType }[];
}

const SHEET_TITLES = ['Overview', 'Details', 'Trends', 'Regions', 'Products', 'Customers'];
const DEFAULT_TITLES: Record<ChartType, string> = {
  barchart: 'Sales by region',
  linechart: 'Monthly revenue vs target',
  piechart: 'Revenue by category',
  kpi: 'Revenue',
};

/** A chart type for an object the app's content does not describe: from the digits in its id (as the stand-in's
 * runtime guesses while it has no layout), so obj-1, obj-2, obj-3 are a line, a pie and a bar chart. */
export function guessedType(id: string): ChartType {
  const n = Number.parseInt(id.replace(/\D/g, '') || '0', 10);
  return (['barchart', 'linechart', 'piechart'] as const)[n % 3]!;
}

/** Handles are fixed per object: 1 is the doc, then the sheets, then the objects, in the app's order. */
export function objectHandle(app: FakeApp, id: string): number {
  const i = [...app.sheets, ...app.objects].indexOf(id);
  return i < 0 ? 2 : i + 2;
}

export function objectAt(app: FakeApp, handle: number): string | undefined {
  return [...app.sheets, ...app.objects][handle - 2];
}

export function objectLayout(app: FakeApp, id: string): ObjectLayout {
  const given = app.content?.[id];
  const sheetIndex = app.sheets.indexOf(id);
  if (sheetIndex >= 0) {
    const title = given?.title ?? SHEET_TITLES[sheetIndex % SHEET_TITLES.length]!;
    const cells = (given?.cells ?? app.objects).map((name) => ({ name, type: typeOf(app, name) }));
    return { qInfo: { qId: id, qType: 'sheet' }, qMeta: { title }, title, cells };
  }
  const type = typeOf(app, id);
  const title = given?.title ?? DEFAULT_TITLES[type];
  return { qInfo: { qId: id, qType: type }, qMeta: { title }, title };
}

function typeOf(app: FakeApp, id: string): ChartType {
  return app.content?.[id]?.type ?? guessedType(id);
}
