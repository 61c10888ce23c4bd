/**
 * The one table layer every workflow uses. A tab is read with one call, its
 * columns found by header text (trimmed, case-insensitive) so people may
 * reorder and add columns, rows become records keyed by header, and changes go
 * back in as few calls as possible, touching only the cells that changed.
 */
import { asCellText } from '../core/cellText';
import { Civil, cellToCivil, civilToDate, isDateValue } from '../core/dates';
import { normalizeHeader, parseBool } from '../core/text';

export type Cell = string | number | boolean | Date;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class MissingTabError extends Error {
  constructor(tab: string) {
    super(`The "${tab}" tab is missing. Run Handoff ▸ Set up workbook to add it back; nothing was changed.`);
    this.name = 'MissingTabError';
  }
}

export class MissingHeaderError extends Error {
  constructor(tab: string, headers: string[]) {
    const list = headers.map((h) => `"${h}"`).join(', ');
    super(
      `The "${tab}" tab has no ${list} column${headers.length > 1 ? 's' : ''}. Add the header back (Handoff ▸ Set up workbook repairs headers); nothing was changed.`,
    );
    this.name = 'MissingHeaderError';
  }
}

/**
 * The last row appended per tab in this execution, per spreadsheet object.
 * Module state lives for one execution: Apps Script loads the script afresh each time.
 */
const appendedUpTo = new WeakMap<object, Map<string, number>>();

export { isDateValue };

/** A value as the table layer writes it: person/file text guarded so it stays text. */
function toWritable(v: Cell | null | undefined): Cell {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? asCellText(v) : v;
}

export interface ReadOptions {
  /** Headers that must exist; a missing one is an error naming the tab and header. */
  required?: readonly string[];
}

export class Row {
  /** 1-based row number in the sheet (never a cross-reference); set at commit for new rows. */
  rowNumber: number;
  /** @internal */ readonly values: Cell[];
  /** @internal */ readonly changed = new Set<number>();
  /** Appended and not yet written. */
  isNew: boolean;

  constructor(
    private readonly table: Table,
    rowNumber: number,
    values: Cell[],
    isNew: boolean,
  ) {
    this.rowNumber = rowNumber;
    this.values = values;
    this.isNew = isNew;
  }

  has(header: string): boolean {
    return this.table.has(header);
  }

  /** The raw cell value; '' when the column is absent. */
  get(header: string): Cell {
    const i = this.table.indexOf(header);
    return i < 0 ? '' : this.values[i];
  }

  /** The value as text: strings as they are, numbers and booleans stringified, dates as YYYY-MM-DD. */
  text(header: string): string {
    const v = this.get(header);
    if (isDateValue(v)) return cellToCivil(v, this.table.timeZone) ?? '';
    return typeof v === 'string' ? v.trim() : String(v);
  }

  date(header: string): Civil | null {
    return cellToCivil(this.get(header), this.table.timeZone);
  }

  bool(header: string): boolean | null {
    return parseBool(this.get(header));
  }

  /** Sets a cell; it is written at commit only if the value differs from what was read. */
  set(header: string, value: Cell | null): void {
    const i = this.table.requireIndex(header);
    const next = value ?? '';
    if (sameCell(this.values[i], next)) return;
    this.values[i] = next;
    this.changed.add(i);
    this.table.markDirty(this);
  }

  /**
   * Records a value the caller has already written to this cell by other means
   * (one RangeList call for many cells): later readers of the row see it, and
   * commit writes nothing more for it.
   */
  written(header: string, value: Cell): void {
    const i = this.table.requireIndex(header);
    this.values[i] = value;
    this.changed.delete(i);
  }

  /** Sets a date column from a civil date (midnight in the spreadsheet's time zone). */
  setDate(header: string, day: Civil | null): void {
    this.set(header, day ? civilToDate(day, this.table.timeZone) : '');
  }

  /** A plain record of this row keyed by header (for logs and the sidebar). */
  record(): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    this.table.headers.forEach((h, i) => {
      if (h) out[h] = this.values[i];
    });
    return out;
  }
}

function sameCell(a: Cell, b: Cell): boolean {
  if (isDateValue(a) && isDateValue(b)) return a.getTime() === b.getTime();
  return a === b;
}

export class Table {
  readonly headers: string[];
  readonly rows: Row[] = [];
  private readonly index = new Map<string, number>();
  private readonly dirty = new Set<Row>();
  private readonly appended: Row[] = [];
  /** Columns this caller owns outright: written as whole spans (one call per block of adjacent columns). */
  private readonly spanColumns = new Set<number>();
  /** Last used sheet row when only the header was read (append-only tables such as Log). */
  private lastUsedRow = 1;
  /** The grid's row count once known: the sheet only grows while we hold the lock. */
  private maxRows: number | undefined;

  private constructor(
    private readonly ss: Spreadsheet,
    readonly sheet: Sheet,
    readonly name: string,
    readonly timeZone: string,
    grid: Cell[][],
  ) {
    this.headers = (grid[0] ?? []).map((h) => String(h).trim());
    this.headers.forEach((h, i) => {
      const key = normalizeHeader(h);
      if (key && !this.index.has(key)) this.index.set(key, i);
    });
    for (let r = 1; r < grid.length; r++) {
      if (grid[r].every((v) => v === '')) continue;
      this.rows.push(new Row(this, r + 1, grid[r], false));
    }
  }

  /** Reads a whole tab with one getValues call. */
  static read(ss: Spreadsheet, tab: string, timeZone: string, opts: ReadOptions = {}): Table {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new MissingTabError(tab);
    const grid = sheet.getDataRange().getValues() as Cell[][];
    const table = new Table(ss, sheet, tab, timeZone, grid);
    table.lastUsedRow = Math.max(1, grid.length);
    return table.requireHeaders(opts.required ?? []);
  }

  /**
   * Reads only the header row, for tabs that are only ever appended to (Log,
   * Interaction Notes): their cost stays flat however long they grow.
   */
  static forAppend(ss: Spreadsheet, tab: string, timeZone: string, opts: ReadOptions = {}): Table {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new MissingTabError(tab);
    const lastColumn = Math.max(1, sheet.getLastColumn());
    const header = sheet.getRange(1, 1, 1, lastColumn).getValues() as Cell[][];
    const table = new Table(ss, sheet, tab, timeZone, header);
    table.lastUsedRow = Math.max(1, sheet.getLastRow());
    return table.requireHeaders(opts.required ?? []);
  }

  private requireHeaders(required: readonly string[]): this {
    const missing = required.filter((h) => !this.has(h));
    if (missing.length) throw new MissingHeaderError(this.name, missing);
    return this;
  }

  has(header: string): boolean {
    return this.index.has(normalizeHeader(header));
  }
  indexOf(header: string): number {
    return this.index.get(normalizeHeader(header)) ?? -1;
  }

  requireIndex(header: string): number {
    const i = this.indexOf(header);
    if (i < 0) throw new MissingHeaderError(this.name, [header]);
    return i;
  }

  /** Rows keyed by the trimmed text of one column (first occurrence wins). */
  indexBy(header: string): Map<string, Row> {
    const map = new Map<string, Row>();
    for (const row of this.rows) {
      const key = row.text(header);
      if (key && !map.has(key)) map.set(key, row);
    }
    return map;
  }

  /** The first row whose cell under `header` matches `key` as a person would type it (case and spacing aside). */
  findRow(header: string, key: unknown): Row | undefined {
    const wanted = normalizeHeader(String(key ?? ''));
    if (wanted === '') return undefined;
    return this.rows.find((r) => normalizeHeader(r.text(header)) === wanted);
  }

  /** Declares columns this caller owns outright, so their changes are written as whole spans. */
  ownColumns(...headers: string[]): this {
    for (const h of headers) this.spanColumns.add(this.requireIndex(h));
    return this;
  }

  /** Adds a row below the data; it is written at commit. */
  append(record: Record<string, Cell | null>): Row {
    const values: Cell[] = this.headers.map(() => '');
    for (const [header, v] of Object.entries(record)) values[this.requireIndex(header)] = v ?? '';
    const lastAppended = this.appended.length ? this.appended[this.appended.length - 1].rowNumber : 0;
    const row = new Row(this, Math.max(this.lastUsedRow, lastAppended) + 1, values, true);
    this.rows.push(row);
    this.appended.push(row);
    return row;
  }

  /** @internal */
  markDirty(row: Row): void {
    if (!row.isNew) this.dirty.add(row);
  }

  /** Whether commit would write anything. */
  hasChanges(): boolean {
    return this.dirty.size > 0 || this.appended.length > 0;
  }

  /**
   * Writes what changed: owned columns as spans, other columns run by run
   * (consecutive changed rows in one call), new rows as one block. Returns the
   * number of write calls made.
   */
  commit(): number {
    let calls = this.writeChanges();
    calls += this.writeAppended();
    this.dirty.clear();
    this.appended.length = 0;
    return calls;
  }

  private writeChanges(): number {
    if (!this.dirty.size) return 0;
    const rows = [...this.dirty].sort((a, b) => a.rowNumber - b.rowNumber);
    const byColumn = new Map<number, Row[]>();
    for (const row of rows) {
      for (const c of row.changed) {
        const list = byColumn.get(c) ?? [];
        list.push(row);
        byColumn.set(c, list);
      }
      row.changed.clear();
    }
    let calls = 0;
    // Owned columns: one rectangle per block of adjacent owned columns, over the changed span.
    const owned = [...byColumn.keys()].filter((c) => this.spanColumns.has(c)).sort((a, b) => a - b);
    for (const block of adjacentBlocks(owned)) {
      const touched = block.flatMap((c) => byColumn.get(c) ?? []);
      const first = Math.min(...touched.map((r) => r.rowNumber));
      const last = Math.max(...touched.map((r) => r.rowNumber));
      const byNumber = new Map(this.rows.filter((r) => !r.isNew).map((r) => [r.rowNumber, r]));
      const grid: Cell[][] = [];
      for (let n = first; n <= last; n++) {
        const row = byNumber.get(n);
        grid.push(block.map((c) => toWritable(row ? row.values[c] : '')));
      }
      this.sheet.getRange(first, block[0] + 1, grid.length, block.length).setValues(grid);
      calls++;
    }
    const shared = [...byColumn.keys()].filter((c) => !this.spanColumns.has(c)).sort((a, b) => a - b);
    if (rows.length === 1) {
      // One row (a case action): one write per block of adjacent changed columns.
      const row = rows[0];
      for (const block of adjacentBlocks(shared)) {
        this.sheet
          .getRange(row.rowNumber, block[0] + 1, 1, block.length)
          .setValues([block.map((c) => toWritable(row.values[c]))]);
        calls++;
      }
      return calls;
    }
    // Columns people also edit: only the changed cells. A few runs of consecutive rows are written
    // one by one; scattered changes are merged into the column's current content (read right before
    // the write), so the cost stays flat however many rows changed.
    for (const c of shared) {
      const changed = byColumn.get(c) ?? [];
      const runs = consecutiveRuns(changed);
      if (runs.length > MAX_SEPARATE_RUNS) {
        calls += this.mergeIntoColumn(c, changed);
        continue;
      }
      for (const run of runs) {
        this.sheet
          .getRange(run[0].rowNumber, c + 1, run.length, 1)
          .setValues(run.map((r) => [toWritable(r.values[c])]));
        calls++;
      }
    }
    return calls;
  }

  /** Re-reads one column's span (values and formulas), overlays our changes and writes the span once: 3 calls. */
  private mergeIntoColumn(c: number, changed: Row[]): number {
    const first = changed[0].rowNumber;
    const last = changed[changed.length - 1].rowNumber;
    const range = this.sheet.getRange(first, c + 1, last - first + 1, 1);
    const current = range.getValues() as Cell[][];
    const formulas = range.getFormulas();
    const ours = new Map(changed.map((r) => [r.rowNumber, r.values[c]]));
    const grid = current.map((cells, i): Cell[] => {
      const n = first + i;
      if (ours.has(n)) return [toWritable(ours.get(n))];
      return [formulas[i][0] ? formulas[i][0] : toWritable(cells[0])];
    });
    range.setValues(grid);
    return 3;
  }

  /**
   * New rows go below what this table saw and below anything another table
   * on the same tab appended earlier in this execution (two Logs, say), so
   * one never writes over the other's rows. No extra service call.
   */
  private writeAppended(): number {
    if (!this.appended.length) return 0;
    const others = appendedUpTo.get(this.ss)?.get(this.name) ?? 0;
    const first = Math.max(others, this.lastUsedRow) + 1;
    this.appended.forEach((r, i) => {
      r.rowNumber = first + i;
    });
    const last = first + this.appended.length - 1;
    const max = this.maxRows ?? this.sheet.getMaxRows();
    if (last > max) this.sheet.insertRowsAfter(max, last - max);
    this.maxRows = Math.max(max, last);
    const width = this.headers.length;
    const grid = this.appended.map((r) => r.values.slice(0, width).map(toWritable));
    this.sheet.getRange(first, 1, grid.length, width).setValues(grid);
    // Once written they are ordinary rows: later changes go through set/commit, later appends below them.
    for (const r of this.appended) {
      r.isNew = false;
      r.changed.clear();
    }
    this.lastUsedRow = last;
    const bySheet = appendedUpTo.get(this.ss) ?? new Map<string, number>();
    bySheet.set(this.name, Math.max(bySheet.get(this.name) ?? 0, last));
    appendedUpTo.set(this.ss, bySheet);
    return 1;
  }
}

/** Above this many runs of changed rows in one column, the column's span is merged and written once. */
const MAX_SEPARATE_RUNS = 3;

function adjacentBlocks(sorted: number[]): number[][] {
  const blocks: number[][] = [];
  for (const c of sorted) {
    const b = blocks[blocks.length - 1];
    if (b && b[b.length - 1] === c - 1) b.push(c);
    else blocks.push([c]);
  }
  return blocks;
}

function consecutiveRuns(rows: Row[]): Row[][] {
  const runs: Row[][] = [];
  for (const r of rows) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].rowNumber === r.rowNumber - 1) run.push(r);
    else runs.push([r]);
  }
  return runs;
}
