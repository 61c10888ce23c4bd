/**
 * Spreadsheets to and from plain JSON: every layer, every piece of meta.
 * Dates are serial numbers (or {$date} tags in criteria), so they round-trip
 * exactly; formulas are {$f: text}.
 */
import { Cell, Formula } from './cell';
import { Grid } from './grid';
import { EmSpreadsheet, SheetState } from './model';

const encodeCell = (v: Cell): unknown => (v instanceof Formula ? { $f: v.text } : v);
const decodeCell = (v: unknown): Cell =>
  v && typeof v === 'object' && '$f' in v ? new Formula(String((v as { $f: string }).$f)) : (v as Cell);
const same = (v: unknown) => v;

export interface SheetJSON {
  meta: Record<string, unknown>;
  values: unknown[];
  styles: Record<string, unknown[]>;
}
export interface BookJSON {
  id: string;
  name: string;
  owner: string;
  timeZone: string;
  meta: Record<string, unknown>;
  sheets: SheetJSON[];
}

export function sheetToJSON(sh: SheetState): SheetJSON {
  const styles: Record<string, unknown[]> = {};
  for (const [k, g] of Object.entries(sh.styles)) {
    const rows = g.toJSON(same);
    if (rows.length) styles[k] = rows;
  }
  return { meta: sh.meta(), values: sh.values.toJSON(encodeCell), styles };
}

export function sheetFromJSON(j: SheetJSON): SheetState {
  const sh = new SheetState(Number(j.meta.id), String(j.meta.name));
  sh.setMeta(j.meta);
  sh.values = Grid.fromJSON(j.values, decodeCell);
  for (const [k, rows] of Object.entries(j.styles)) sh.styles[k] = Grid.fromJSON(rows, same);
  return sh;
}

export function bookToJSON(book: EmSpreadsheet): BookJSON {
  const { book: meta } = book.meta();
  return {
    id: book.id,
    name: book.name,
    owner: book.owner,
    timeZone: book.timeZone,
    meta,
    sheets: book.sheets.map(sheetToJSON),
  };
}

export function bookFromJSON(j: BookJSON): EmSpreadsheet {
  const book = new EmSpreadsheet(j.id, j.name, j.owner, j.timeZone);
  Object.assign(book, structuredClone(j.meta));
  book.sheets = j.sheets.map(sheetFromJSON);
  return book;
}
