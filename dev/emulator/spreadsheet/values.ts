/**
 * Reading and writing cell contents: script values in, script values out.
 * Strings are parsed like typing; Dates become serials under a date format;
 * formulas are evaluated on read; number formats decide Date vs number.
 */
import { Box } from './a1';
import { Cell, Formula } from './cell';
import { Ctx, DEFAULT_PLATFORM, PlatformModel } from './ctx';
import { fail, isDateLike, MSG } from './errors';
import { ErrorValue, evaluate, FormulaEnv, Matrix, Value } from './formula';
import { EmSpreadsheet, SheetState } from './model';
import { DATE_FORMAT, DATE_TIME_FORMAT, display, isDateFormat, isTextFormat } from './numfmt';
import { parseTyped } from './parse';
import { instantToSerial, serialToInstant } from './tz';

const MAX_CELL_CHARS = 50000;

/** The value a stored cell computes to (formulas evaluated; null is empty). */
export function computed(
  book: EmSpreadsheet,
  sh: SheetState,
  cell: Cell | undefined,
  r: number,
  c: number,
  visiting: Set<string>,
): Value {
  if (cell === undefined) return null;
  if (!(cell instanceof Formula)) return cell;
  const key = `${sh.id}:${r}:${c}`;
  if (visiting.has(key)) return new ErrorValue('#REF!');
  visiting.add(key);
  try {
    return evaluate(cell.text, formulaEnv(book, sh, visiting));
  } finally {
    visiting.delete(key);
  }
}

/** Formula text evaluated on a sheet as a cell there would be (conditional format rules, the playground's colours). */
export function evaluateOn(book: EmSpreadsheet, sh: SheetState, text: string): Value {
  return evaluate(text, formulaEnv(book, sh, new Set()));
}

function formulaEnv(book: EmSpreadsheet, home: SheetState, visiting: Set<string>): FormulaEnv {
  const pick = (name: string | null) => (name === null ? home : book.sheetByName(name));
  return {
    size(name) {
      const sh = pick(name);
      return sh ? { rows: sh.maxRows, cols: sh.maxCols } : null;
    },
    block(name, r, c, nr, nc) {
      const sh = pick(name);
      if (!sh) return null;
      // Whole columns stop at the last row with content.
      const last = sh.values.lastRow() + 1;
      const rows = Math.max(1, Math.min(nr, last - r + 1));
      const out: Matrix = [];
      for (let i = 0; i < rows; i++) {
        const row = sh.values.rows[r - 1 + i];
        const vals: Value[] = new Array(nc);
        for (let j = 0; j < nc; j++) vals[j] = computed(book, sh, row?.[c - 1 + j], r - 1 + i, c - 1 + j, visiting);
        out.push(vals);
      }
      return out;
    },
  };
}

/** Script-facing values of a block: numbers, booleans, strings, Dates, '' for empty. */
export function readValues(ctx: Ctx, book: EmSpreadsheet, sh: SheetState, box: Box): unknown[][] {
  const VDate = ctx.kernel.Date;
  const tz = book.timeZone;
  const fmts = sh.styles.numberFormat;
  const visiting = new Set<string>();
  const out: unknown[][] = new Array(box.nr);
  for (let i = 0; i < box.nr; i++) {
    const r = box.r - 1 + i;
    const row = sh.values.rows[r];
    const frow = fmts?.rows[r];
    const vals: unknown[] = new Array(box.nc);
    for (let j = 0; j < box.nc; j++) {
      const c = box.c - 1 + j;
      let v: unknown = row === undefined ? undefined : row[c];
      if (v instanceof Formula) v = computed(book, sh, v, r, c, visiting);
      if (v === undefined || v === null) vals[j] = '';
      else if (v instanceof ErrorValue) vals[j] = v.code;
      else if (typeof v === 'number' && frow !== undefined && isDateFormat(frow[c] as string | undefined)) {
        vals[j] = new VDate(serialToInstant(v, tz));
      } else vals[j] = v;
    }
    out[i] = vals;
  }
  return out;
}

/** What the cells show, as strings. */
export function readDisplay(book: EmSpreadsheet, sh: SheetState, box: Box): string[][] {
  const fmts = sh.styles.numberFormat;
  const visiting = new Set<string>();
  const out: string[][] = new Array(box.nr);
  for (let i = 0; i < box.nr; i++) {
    const r = box.r - 1 + i;
    const row = sh.values.rows[r];
    const frow = fmts?.rows[r];
    const vals: string[] = new Array(box.nc);
    for (let j = 0; j < box.nc; j++) {
      const c = box.c - 1 + j;
      let v: unknown = row === undefined ? undefined : row[c];
      if (v instanceof Formula) v = computed(book, sh, v, r, c, visiting);
      vals[j] = v instanceof ErrorValue ? v.code : display(v, frow?.[c] as string | undefined);
    }
    out[i] = vals;
  }
  return out;
}

export function readFormulas(sh: SheetState, box: Box): string[][] {
  const out: string[][] = new Array(box.nr);
  for (let i = 0; i < box.nr; i++) {
    const row = sh.values.rows[box.r - 1 + i];
    const vals: string[] = new Array(box.nc);
    for (let j = 0; j < box.nc; j++) {
      const v = row?.[box.c - 1 + j];
      vals[j] = v instanceof Formula ? v.text : '';
    }
    out[i] = vals;
  }
  return out;
}

export interface Converted {
  cell: Cell | undefined;
  format?: string;
}

/**
 * A script value as the cell will hold it. `fmt` is the cell's number format
 * (undefined: automatic); `format` in the result is a format to set.
 */
export function convertIn(
  v: unknown,
  fmt: string | undefined,
  tz: string,
  year: () => number,
  platform: PlatformModel = DEFAULT_PLATFORM,
): Converted {
  if (v === null || v === undefined) return { cell: undefined };
  if (typeof v === 'string') {
    if (v.length > MAX_CELL_CHARS) fail(MSG.cellTooLong);
    const plainText = isTextFormat(fmt);
    const dropApostrophe = platform.plainTextApostrophe === 'dropped';
    const p = parseTyped(v, { plainText, currentYear: plainText ? 0 : year(), dropApostrophe });
    if (p.dateFormat && !isDateFormat(fmt)) return { cell: p.value, format: p.dateFormat };
    if (p.format && fmt === undefined) return { cell: p.value, format: p.format };
    return { cell: p.value };
  }
  if (typeof v === 'number') return { cell: Number.isFinite(v) ? v : String(v) };
  if (typeof v === 'boolean') return { cell: v };
  if (isDateLike(v)) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) return { cell: String(v) };
    const serial = instantToSerial(ms, tz);
    if (isDateFormat(fmt)) return { cell: serial };
    const hasTime = Math.abs(serial - Math.floor(serial)) > 1e-9;
    return { cell: serial, format: hasTime ? DATE_TIME_FORMAT : DATE_FORMAT };
  }
  const text = String(v);
  if (text.length > MAX_CELL_CHARS) fail(MSG.cellTooLong);
  return { cell: text };
}

/**
 * Writes a block of script values (already shape-checked) like typing,
 * recording the undo step first. `formulas` writes each string as a formula.
 */
export function writeValues(
  ctx: Ctx,
  book: EmSpreadsheet,
  sh: SheetState,
  box: Box,
  values: unknown[][],
  asFormulas = false,
): void {
  const tz = book.timeZone;
  let yearCache: number | undefined;
  const year = () => (yearCache ??= ctx.currentYear(tz));
  // Convert first: a bad value fails the call with nothing written.
  const fmtGrid = sh.styles.numberFormat;
  const cells: (Cell | undefined)[][] = new Array(box.nr);
  const formats: [number, number, string][] = [];
  for (let i = 0; i < box.nr; i++) {
    const src = values[i];
    const frow = fmtGrid?.rows[box.r - 1 + i];
    const out: (Cell | undefined)[] = new Array(box.nc);
    for (let j = 0; j < box.nc; j++) {
      const v = src[j];
      if (asFormulas && typeof v === 'string' && v.startsWith('=')) {
        out[j] = new Formula(v);
        continue;
      }
      const conv = convertIn(v, frow?.[box.c - 1 + j] as string | undefined, tz, year, ctx.platform);
      out[j] = conv.cell;
      if (conv.format !== undefined) formats.push([box.r - 1 + i, box.c - 1 + j, conv.format]);
    }
    cells[i] = out;
  }
  ctx.recordCells(book, sh, formats.length ? ['values', 'numberFormat'] : ['values'], box);
  sh.values.write(box.r - 1, box.c - 1, cells);
  if (formats.length) {
    const g = sh.style('numberFormat');
    for (const [r, c, f] of formats) g.set(r, c, f);
  }
}
