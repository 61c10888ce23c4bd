/**
 * A tab as the playground page shows it: the displayed text of the rows in
 * view (the page asks for a window, so a 5,000-row tab costs what 60 rows
 * cost), each cell's colours as Sheets draws them (its own background and
 * font colour and weight, then the conditional format rules that hold for
 * it), the control a person would get for each column (a dropdown for a list
 * or range rule, a checkbox for a checkbox rule), and the tab's charts with
 * the data they draw. Read from the emulator's state directly, so looking
 * costs the add-on no service calls.
 */
import type { Emulator } from '../emulator/index';
import { colLetters } from '../emulator/spreadsheet/a1';
import type { CondRuleData, EmSpreadsheet, RangeTag, SheetState, ValidationData } from '../emulator/spreadsheet/model';
import { evaluateOn, readDisplay } from '../emulator/spreadsheet/values';

export type ColumnControl =
  { kind: 'text' } | { kind: 'checkbox' } | { kind: 'list'; options: string[]; strict: boolean };

/** How a cell is drawn; absent fields are the sheet's defaults. */
export interface CellStyle {
  background?: string;
  color?: string;
  bold?: boolean;
}

export interface ChartView {
  title: string;
  /** BAR (horizontal bars), COLUMN, PIE, … as Charts.ChartType names it. */
  type: string;
  /** Where Sheets anchors it, e.g. "A12". */
  anchor: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}

export interface TabView {
  spreadsheetId: string;
  name: string;
  /** The rows down to the header row (the last frozen row, else the first row), as displayed: they stay on top. */
  top: string[][];
  topStyles: (CellStyle | null)[][];
  /** 0-based index of the header row. */
  headerRow: number;
  /** The data rows from `from` (0-based row index, below the header), displayed text. */
  from: number;
  rows: string[][];
  /** Colours of the rows in `rows`, by row then column (null: the default look). */
  styles: (CellStyle | null)[][];
  /** Rows with content on the tab (the header included). */
  totalRows: number;
  width: number;
  columns: ColumnControl[];
  frozenRows: number;
  /** 0-based row and column of the selected cell, when the selection is on this tab. */
  selected: { row: number; col: number } | null;
  charts: ChartView[];
}

export interface BookView {
  id: string;
  name: string;
  tabs: string[];
  isHub: boolean;
}

/** The spreadsheets `user` may open, the hub first. */
export function booksFor(emu: Emulator, hubId: string, user: string): BookView[] {
  const books = emu.sheets.all() as EmSpreadsheet[];
  return books
    .filter((b) => b.canOpen(user))
    .sort((a, b) => Number(b.id === hubId) - Number(a.id === hubId))
    .map((b) => ({
      id: b.id,
      name: b.name,
      tabs: b.sheets.filter((s) => !s.hidden).map((s) => s.name),
      isHub: b.id === hubId,
    }));
}

function isRangeTag(v: unknown): v is RangeTag {
  return !!v && typeof v === 'object' && '$range' in (v as object);
}

/** The displayed text of a block (1-based row and column, as A1 boxes are). */
function block(book: EmSpreadsheet, sheet: SheetState, r: number, c: number, nr: number, nc: number): string[][] {
  if (nr <= 0 || nc <= 0) return [];
  return readDisplay(book, sheet, { r, c, nr, nc });
}

/** The options a list or range rule offers, as text. */
function optionsOf(book: EmSpreadsheet, rule: ValidationData): string[] {
  if (rule.criteria === 'VALUE_IN_LIST') return ((rule.values[0] as unknown[] | undefined) ?? []).map(String);
  const tag = rule.values[0];
  if (!isRangeTag(tag)) return [];
  const source = book.sheetById(tag.$range.sheetId);
  if (!source) return [];
  const { r, c, nr, nc } = tag.$range;
  const last = source.values.lastRow() + 1;
  const out: string[] = [];
  for (const row of block(book, source, r, c, Math.min(nr, last - r + 1), nc))
    for (const v of row) if (v !== '' && !out.includes(v)) out.push(v);
  return out;
}

function controlOf(book: EmSpreadsheet, rule: ValidationData | null | undefined): ColumnControl {
  if (!rule) return { kind: 'text' };
  if (rule.criteria === 'CHECKBOX') return { kind: 'checkbox' };
  if (rule.criteria === 'VALUE_IN_LIST' || rule.criteria === 'VALUE_IN_RANGE') {
    return { kind: 'list', options: optionsOf(book, rule), strict: !rule.allowInvalid };
  }
  return { kind: 'text' };
}

// ---- conditional formats -----------------------------------------------------------

/**
 * A custom formula as it reads for one cell of its range: references without
 * `$` move with the cell, as Sheets applies a rule written for the range's
 * top-left cell (support.google.com/docs/answer/78413).
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  // Outside "…" literals only; a name followed by "(" is a function, not a reference.
  return formula.replace(/"[^"]*"|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])/g, (m, colAbs, col, rowAbs, row) => {
    if (m.startsWith('"')) return m;
    const column = colAbs ? col : colLetters(columnNumber(col) + dc);
    const r = rowAbs ? row : String(Number(row) + dr);
    return `${colAbs}${column}${rowAbs}${r}`;
  });
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const truthy = (v: unknown): boolean =>
  v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'string' && v.toUpperCase() === 'TRUE');

/** Formula results of one view: a row rule with `$` columns reads the same for every cell of the row. */
type Seen = Map<string, boolean>;

/** Whether a rule holds for the cell at 1-based (r, c), whose displayed text is `text`. */
function holds(
  book: EmSpreadsheet,
  sheet: SheetState,
  rule: CondRuleData,
  r: number,
  c: number,
  text: string,
  seen: Seen,
): boolean {
  const box = rule.ranges.find((b) => r >= b.r && r < b.r + b.nr && c >= b.c && c < b.c + b.nc);
  if (!box) return false;
  const arg = String(rule.values[0] ?? '');
  const n = Number(text);
  switch (rule.criteria) {
    case 'CUSTOM_FORMULA': {
      const formula = shiftFormula(arg, r - box.r, c - box.c);
      let yes = seen.get(formula);
      if (yes === undefined) seen.set(formula, (yes = truthy(evaluateOn(book, sheet, formula))));
      return yes;
    }
    case 'CELL_EMPTY':
      return text === '';
    case 'CELL_NOT_EMPTY':
      return text !== '';
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(arg.toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(arg.toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text.toLowerCase() === arg.toLowerCase();
    case 'TEXT_STARTS_WITH':
      return text.toLowerCase().startsWith(arg.toLowerCase());
    case 'TEXT_ENDS_WITH':
      return text.toLowerCase().endsWith(arg.toLowerCase());
    case 'NUMBER_GREATER_THAN':
      return text !== '' && n > Number(arg);
    case 'NUMBER_LESS_THAN':
      return text !== '' && n < Number(arg);
    case 'NUMBER_EQUAL_TO':
      return text !== '' && n === Number(arg);
    default:
      return false;
  }
}

/** A cell's colours: its own formats, then the first conditional rule that holds (as Sheets applies them, first wins). */
function styleOf(
  book: EmSpreadsheet,
  sheet: SheetState,
  r: number,
  c: number,
  text: string,
  seen: Seen,
): CellStyle | null {
  const style: CellStyle = {};
  const own = (key: string): string | undefined => {
    const v = sheet.styles[key]?.get(r - 1, c - 1);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const background = own('background');
  if (background && background !== '#ffffff') style.background = background;
  const color = own('fontColor');
  if (color && color !== '#000000') style.color = color;
  if (own('fontWeight') === 'bold') style.bold = true;
  const rule = sheet.condRules.find((x) => holds(book, sheet, x, r, c, text, seen));
  if (rule?.format.background) style.background = rule.format.background;
  if (rule?.format.fontColor) style.color = rule.format.fontColor;
  if (rule?.format.bold) style.bold = true;
  return Object.keys(style).length ? style : null;
}

// ---- charts ---------------------------------------------------------------------------

function chartsOf(book: EmSpreadsheet, sheet: SheetState): ChartView[] {
  return sheet.charts.map((chart) => {
    const columns = chart.ranges.map((box) => {
      const source = book.sheetById(box.sheetId) ?? sheet;
      return block(book, source, box.r, box.c, box.nr, box.nc).map((row) => row[0] ?? '');
    });
    const headers = Math.max(0, chart.numHeaders ?? 0);
    const [labels = [], ...values] = columns;
    const categories = labels.slice(headers);
    return {
      title: String(chart.options.title ?? ''),
      type: chart.type,
      anchor: `${colLetters(chart.position.col)}${chart.position.row}`,
      categories,
      series: values.map((v, i) => ({
        name: headers ? v[0] : `Series ${i + 1}`,
        values: v.slice(headers).map((x) => Number(String(x).replace(/[^\d.-]/g, '')) || 0),
      })),
    };
  });
}

// ---- the view ----------------------------------------------------------------------------

/** Rows `from` (0-based, below the header) to `from + count`, with the header, the tab's width and its charts. */
export function tabView(emu: Emulator, spreadsheetId: string, tab: string, from = 0, count = 200): TabView {
  const book = emu.sheets.get(spreadsheetId) as EmSpreadsheet | undefined;
  if (!book) throw new Error(`There is no spreadsheet ${spreadsheetId}.`);
  const sheet = book.sheetByName(tab);
  if (!sheet) throw new Error(`The "${tab}" tab does not exist in ${book.name}.`);
  const totalRows = sheet.values.lastRow() + 1;
  const width = Math.max(1, sheet.values.lastCol() + 1);
  // The header is the last frozen row (the first row when none is frozen); rules are set on whole columns below it.
  const headerRow = Math.max(0, sheet.frozenRows - 1);
  const pad = (r: string[]): string[] => Array.from({ length: width }, (_, i) => r[i] ?? '');
  const seen: Seen = new Map();
  const stylesOf = (rows: string[][], first: number): (CellStyle | null)[][] =>
    rows.map((row, i) => row.map((text, c) => styleOf(book, sheet, first + i + 1, c + 1, text, seen)));
  const top = block(book, sheet, 1, 1, headerRow + 1, width).map(pad);
  const start = Math.max(headerRow + 1, Math.floor(from));
  const rowsWanted = Math.max(0, Math.min(Math.floor(count), 1000, totalRows - start));
  const rows = block(book, sheet, start + 1, 1, rowsWanted, width).map(pad);
  const rules = sheet.style('validation');
  const columns: ColumnControl[] = [];
  for (let c = 0; c < width; c++)
    columns.push(controlOf(book, rules.get(headerRow + 1, c) as ValidationData | undefined));
  const sel =
    book.selection && book.selection.sheetId === sheet.id
      ? { row: book.selection.box.r - 1, col: book.selection.box.c - 1 }
      : null;
  return {
    spreadsheetId,
    name: tab,
    top,
    topStyles: stylesOf(top, 0),
    headerRow,
    from: start,
    rows,
    styles: stylesOf(rows, start),
    totalRows,
    width,
    columns,
    frozenRows: sheet.frozenRows,
    selected: sel,
    charts: chartsOf(book, sheet),
  };
}

/** The spreadsheet a Sheets URL names, when it is one of the emulator's (the therapist's sheet link). */
export function bookOfUrl(emu: Emulator, url: string): EmSpreadsheet | null {
  const m = /\/spreadsheets\/d\/([\w-]+)/.exec(url);
  if (!m) return null;
  return (emu.sheets.get(m[1]) as EmSpreadsheet | undefined) ?? null;
}
