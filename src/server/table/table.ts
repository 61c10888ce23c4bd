/**
 * The one table layer every workflow uses. Columns are found by header text
 * (trimmed, case-insensitive) so people may reorder and add columns, rows
 * become records keyed by header, and changes go back in as few calls as
 * possible, touching only the cells that changed.
 *
 * A tab is read one of two ways:
 * - whole (`Table.read`, or the first use of `rows`): one getValues of its data range;
 * - by key (`Table.open`, then `find` / `findRow`): the header row, then a
 *   TextFinder over the key column and one getValues per run of the rows it
 *   found, so a one-case action costs the same in a tab of 100 rows as in one
 *   of 50,000. Rows found this way are the same Row objects a later whole read
 *   keeps (with their unwritten changes).
 */
import { asCellText, needsTextGuard } from '../core/cellText';
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

/**
 * A value as the table layer writes it: person/file text guarded by an
 * apostrophe so it stays text, except in a column formatted Plain text ('@'),
 * where nothing is parsed and an apostrophe may stay as a character (the
 * platform check probes both).
 */
function toWritable(v: Cell | null | undefined, plainText = false): Cell {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' && !plainText ? asCellText(v) : v;
}

const needsGuard = (v: Cell | null | undefined): boolean => typeof v === 'string' && needsTextGuard(v);

/** The number format Sheets reports for a cell formatted Plain text. */
const PLAIN_TEXT = '@';

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
    return i < 0 ? '' : (this.values[i] ?? '');
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
    if (sameCell(this.values[i] ?? '', next)) return;
    if (needsGuard(next)) this.table.learnPlainTextColumns();
    this.values[i] = next;
    this.changed.add(i);
    this.table.markDirty(this, i);
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
    this.table.forgetKeys(i);
  }

  /** Sets a date column from a civil date (midnight in the spreadsheet's time zone). */
  setDate(header: string, day: Civil | null): void {
    this.set(header, day ? civilToDate(day, this.table.timeZone) : '');
  }

  /** A plain record of this row keyed by header (for logs and the sidebar). */
  record(): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    this.table.headers.forEach((h, i) => {
      if (h) out[h] = this.values[i] ?? '';
    });
    return out;
  }
}

function sameCell(a: Cell, b: Cell): boolean {
  if (isDateValue(a) && isDateValue(b)) return a.getTime() === b.getTime();
  return a === b;
}

/** A key as a person would type it: case and spacing aside. */
const keyOf = (v: unknown): string => normalizeHeader(String(v ?? ''));

/** A TextFinder pattern for a whole cell equal to `key` up to case and spacing (RE2 and JS agree on it). */
function cellPattern(key: string): string {
  const escaped = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');
  return `^\\s*${escaped}\\s*$`;
}

export class Table {
  private headerRow: string[] | null = null;
  private readonly index = new Map<string, number>();
  /** Rows known to this table, in sheet order, new rows last. */
  private readonly known: Row[] = [];
  private readonly byNumber = new Map<number, Row>();
  /** Every row of the tab is known (read whole). */
  private complete = false;
  /** Rows by key, per column, built on first use over a whole table. */
  private readonly keys = new Map<number, Map<string, Row[]>>();
  /** Keys already searched for, per column, over a table not read whole: their rows are known. */
  private readonly searched = new Map<number, Set<string>>();
  private searches = 0;
  private readonly dirty = new Set<Row>();
  private readonly appended: Row[] = [];
  /** Columns this caller owns outright: written as whole spans (one call per block of adjacent columns). */
  private readonly spanColumns = new Set<number>();
  /** Last used sheet row: known from a whole read, or asked for before the first append. */
  private lastUsedRow: number | null = null;
  /** The grid's row count once known: the sheet only grows while we hold the lock. */
  private maxRows: number | undefined;
  /** Columns formatted Plain text ('@'), once learnt (learnPlainTextColumns). */
  private plainText: ReadonlySet<number> | null = null;

  private constructor(
    private readonly ss: Spreadsheet,
    readonly sheet: Sheet,
    readonly name: string,
    readonly timeZone: string,
    private readonly required: readonly string[],
  ) {}

  private static sheetOf(ss: Spreadsheet, tab: string): Sheet {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new MissingTabError(tab);
    return sheet;
  }

  /** Reads a whole tab with one getValues call. */
  static read(ss: Spreadsheet, tab: string, timeZone: string, opts: ReadOptions = {}): Table {
    const table = Table.open(ss, tab, timeZone, opts);
    table.readWhole();
    return table;
  }

  /**
   * Opens a tab without reading it: the header row is read when first needed,
   * rows by key (`find`, `findRow`) or whole (`rows`).
   */
  static open(ss: Spreadsheet, tab: string, timeZone: string, opts: ReadOptions = {}): Table {
    return new Table(ss, Table.sheetOf(ss, tab), tab, timeZone, opts.required ?? []);
  }

  /**
   * Reads only the header row and where the data ends, for tabs that are only
   * ever appended to (Log, Interaction Notes): their cost stays flat however long they grow.
   */
  static forAppend(ss: Spreadsheet, tab: string, timeZone: string, opts: ReadOptions = {}): Table {
    const table = Table.open(ss, tab, timeZone, opts);
    table.readHeader();
    table.lastUsedRow = Math.max(1, table.sheet.getLastRow());
    return table;
  }

  // ---- reading ----

  /** The header row as read (trimmed). */
  get headers(): string[] {
    return this.headerRow ?? this.readHeader();
  }

  private readHeader(): string[] {
    if (this.headerRow) return this.headerRow;
    const lastColumn = Math.max(1, this.sheet.getLastColumn());
    const header = this.sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as Cell[];
    return this.setHeader(header);
  }

  private setHeader(header: Cell[]): string[] {
    this.headerRow = header.map((h) => String(h).trim());
    this.headerRow.forEach((h, i) => {
      const key = normalizeHeader(h);
      if (key && !this.index.has(key)) this.index.set(key, i);
    });
    const missing = this.required.filter((h) => !this.has(h));
    if (missing.length) throw new MissingHeaderError(this.name, missing);
    return this.headerRow;
  }

  /** One getValues of the data range; rows already known keep their object and their unwritten changes. */
  private readWhole(): void {
    const grid = this.sheet.getDataRange().getValues() as Cell[][];
    if (!this.headerRow) this.setHeader(grid[0] ?? []);
    const news = this.known.filter((r) => r.isNew);
    this.known.length = 0;
    for (let r = 1; r < grid.length; r++) {
      const number = r + 1;
      const had = this.byNumber.get(number);
      if (had) this.known.push(had);
      else if (!grid[r].every((v) => v === '')) this.remember(new Row(this, number, grid[r], false));
    }
    this.known.push(...news);
    this.keys.clear();
    this.complete = true;
    this.lastUsedRow = Math.max(this.lastUsedRow ?? 1, grid.length);
  }

  private remember(row: Row): void {
    this.known.push(row);
    this.byNumber.set(row.rowNumber, row);
  }

  /** Whether every row of the tab is known (it was read whole). */
  get isWhole(): boolean {
    return this.complete;
  }

  /** Every row of the tab (read whole on first use), then the rows appended in this execution. */
  get rows(): Row[] {
    if (!this.complete) this.readWhole();
    return this.known;
  }

  has(header: string): boolean {
    return this.indexOf(header) >= 0;
  }
  indexOf(header: string): number {
    if (!this.headerRow) this.readHeader();
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
    return this.find(header, key)[0];
  }

  /**
   * Every row whose cell under `header` matches `key` (case and spacing
   * aside), in sheet order, appended rows last. Over a tab not read whole:
   * one TextFinder over the column, then one getValues per run of rows found.
   */
  find(header: string, key: unknown): Row[] {
    const wanted = keyOf(key);
    if (wanted === '') return [];
    const c = this.requireIndex(header);
    const matches = (r: Row): boolean => keyOf(r.text(header)) === wanted;
    if (!this.complete && !this.searched.get(c)?.has(wanted)) {
      if (this.searches >= MAX_SEARCHES) this.readWhole();
      else {
        this.load(this.search(c, wanted));
        this.searched.set(c, (this.searched.get(c) ?? new Set<string>()).add(wanted));
      }
    }
    if (this.complete) return (this.keyed(c, header).get(wanted) ?? []).filter(matches);
    return this.known.filter(matches);
  }

  /** Rows by key of one column of a whole table, built once (changes to that column rebuild it). */
  private keyed(c: number, header: string): Map<string, Row[]> {
    let map = this.keys.get(c);
    if (!map) {
      map = new Map();
      for (const row of this.known) {
        const k = keyOf(row.text(header));
        if (k === '') continue;
        const list = map.get(k);
        if (list) list.push(row);
        else map.set(k, [row]);
      }
      this.keys.set(c, map);
    }
    return map;
  }

  /** @internal A column's values changed: its key index is rebuilt on next use. */
  forgetKeys(c: number): void {
    this.keys.delete(c);
  }

  /** Sheet rows whose cell in column `c` (0-based) reads as `key` (normalised): one TextFinder call, no cell brought back. */
  private search(c: number, key: string): number[] {
    this.searches++;
    const rows = this.sheet.getMaxRows() - 1;
    if (rows < 1) return [];
    return this.sheet
      .getRange(2, c + 1, rows, 1)
      .createTextFinder(cellPattern(key))
      .useRegularExpression(true)
      .matchCase(false)
      .findAll()
      .map((range) => range.getRow());
  }

  /** The last row that holds anything: from a whole read, or asked once. */
  private lastRow(): number {
    if (this.lastUsedRow === null) this.lastUsedRow = Math.max(1, this.sheet.getLastRow());
    return this.lastUsedRow;
  }

  /**
   * One column's text for every row of the tab, in sheet order (blank rows
   * included as ''): one getValues of that column, or the rows of a table read whole.
   */
  columnText(header: string): string[] {
    const c = this.requireIndex(header);
    if (this.complete) return this.known.map((r) => r.text(header));
    const n = this.lastRow() - 1;
    if (n < 1) return [];
    const values = this.sheet.getRange(2, c + 1, n, 1).getValues() as Cell[][];
    return values.map(([v], i) => {
      const row = this.byNumber.get(i + 2);
      if (row) return row.text(header);
      if (isDateValue(v)) return cellToCivil(v, this.timeZone) ?? '';
      return typeof v === 'string' ? v.trim() : String(v);
    });
  }

  /**
   * The value under `header` of every row whose `keyHeader` cell is `key` (a
   * departure's cases' Status, say) without reading those rows: one
   * TextFinder, then one getValues of that one column over the span of the
   * rows found. Rows this table holds give their value as it is now.
   */
  valuesWhere(keyHeader: string, key: unknown, header: string): Cell[] {
    const wanted = keyOf(key);
    const k = this.requireIndex(keyHeader);
    const c = this.requireIndex(header);
    if (wanted === '') return [];
    if (this.complete || this.searched.get(k)?.has(wanted))
      return this.find(keyHeader, key).map((r) => r.values[c] ?? '');
    const numbers = this.search(k, wanted).sort((a, b) => a - b);
    const span = numbers.length
      ? (this.sheet
          .getRange(numbers[0], c + 1, numbers[numbers.length - 1] - numbers[0] + 1, 1)
          .getValues() as Cell[][])
      : [];
    const found = numbers.map((n) => this.byNumber.get(n)?.values[c] ?? span[n - numbers[0]][0]);
    const added = this.known.filter((r) => r.isNew && keyOf(r.text(keyHeader)) === wanted);
    return [...found, ...added.map((r) => r.values[c] ?? '')];
  }

  /** Reads the rows not known yet, one getValues per run of consecutive row numbers. */
  private load(numbers: number[]): void {
    const wanted = [...new Set(numbers)].filter((n) => n > 1 && !this.byNumber.has(n)).sort((a, b) => a - b);
    if (!wanted.length) return;
    const width = this.headers.length;
    for (const run of consecutive(wanted, (n) => n)) {
      const grid = this.sheet.getRange(run[0], 1, run.length, width).getValues() as Cell[][];
      grid.forEach((values, i) => this.byNumber.set(run[i], new Row(this, run[i], values, false)));
    }
    const news = this.known.filter((r) => r.isNew);
    const old = [...this.byNumber.values()].sort((a, b) => a.rowNumber - b.rowNumber);
    this.known.length = 0;
    this.known.push(...old, ...news);
  }

  // ---- changing ----

  /** Declares columns this caller owns outright, so their changes are written as whole spans. */
  ownColumns(...headers: string[]): this {
    for (const h of headers) this.spanColumns.add(this.requireIndex(h));
    return this;
  }

  /**
   * Which columns are formatted Plain text, from the formats of the first data
   * row (a person formats a whole column): one call, made the first time text
   * that needs a guard is set or appended — while the job is still reading and
   * computing, so it flushes none of its writes — and never for tables of
   * names, dates and numbers.
   */
  learnPlainTextColumns(): ReadonlySet<number> {
    if (this.plainText) return this.plainText;
    const found = new Set<number>();
    const width = this.headers.length;
    if (width) {
      try {
        const formats = this.sheet.getRange(2, 1, 1, width).getNumberFormats()[0] ?? [];
        formats.forEach((f, c) => {
          if (f === PLAIN_TEXT) found.add(c);
        });
      } catch {
        // A tab of one row has no data row to ask: nothing is Plain text yet.
      }
    }
    this.plainText = found;
    return found;
  }

  /** A cell's value as it is written to column c. */
  private writable(v: Cell | null | undefined, c: number): Cell {
    return toWritable(v, needsGuard(v) && this.learnPlainTextColumns().has(c));
  }

  /** Adds a row below the data; it is written at commit. */
  append(record: Record<string, Cell | null>): Row {
    const values: Cell[] = this.headers.map(() => '');
    for (const [header, v] of Object.entries(record)) values[this.requireIndex(header)] = v ?? '';
    if (values.some(needsGuard)) this.learnPlainTextColumns();
    // Where the data ends is asked now, before any write of this action, never at commit.
    const lastAppended = this.appended.length ? this.appended[this.appended.length - 1].rowNumber : 0;
    const row = new Row(this, Math.max(this.lastRow(), lastAppended) + 1, values, true);
    this.known.push(row);
    this.appended.push(row);
    this.keys.clear();
    return row;
  }

  /** @internal */
  markDirty(row: Row, column: number): void {
    this.forgetKeys(column);
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
    // A span covers the rows between the changed ones: only a table read whole knows what they hold.
    const spans = this.complete ? [...byColumn.keys()].filter((c) => this.spanColumns.has(c)) : [];
    const shared = [...byColumn.keys()].filter((c) => !spans.includes(c)).sort((a, b) => a - b);
    let calls = this.writeSpans(
      spans.sort((a, b) => a - b),
      byColumn,
    );
    if (rows.length === 1) return calls + this.writeOneRow(rows[0], shared);
    // Columns people also edit: only the changed cells. A few runs of consecutive rows are written
    // one by one; scattered changes are merged into the column's current content (read right before
    // the write), so the cost stays flat however many rows changed.
    for (const c of shared) {
      const changed = byColumn.get(c) ?? [];
      const runs = consecutive(changed, (r) => r.rowNumber);
      if (runs.length > MAX_SEPARATE_RUNS) {
        calls += this.mergeIntoColumn(c, changed);
        continue;
      }
      for (const run of runs) {
        this.sheet
          .getRange(run[0].rowNumber, c + 1, run.length, 1)
          .setValues(run.map((r) => [this.writable(r.values[c], c)]));
        calls++;
      }
    }
    return calls;
  }

  /** Owned columns: one rectangle per block of adjacent owned columns, over the changed span. */
  private writeSpans(owned: number[], byColumn: Map<number, Row[]>): number {
    let calls = 0;
    for (const block of adjacentBlocks(owned)) {
      const touched = block.flatMap((c) => byColumn.get(c) ?? []);
      const first = Math.min(...touched.map((r) => r.rowNumber));
      const last = Math.max(...touched.map((r) => r.rowNumber));
      const grid: Cell[][] = [];
      for (let n = first; n <= last; n++) {
        const row = this.byNumber.get(n);
        grid.push(block.map((c) => this.writable(row ? row.values[c] : '', c)));
      }
      this.sheet.getRange(first, block[0] + 1, grid.length, block.length).setValues(grid);
      calls++;
    }
    return calls;
  }

  /** One row (a case action): one write per block of adjacent changed columns. */
  private writeOneRow(row: Row, columns: number[]): number {
    const blocks = adjacentBlocks(columns);
    for (const block of blocks) {
      this.sheet
        .getRange(row.rowNumber, block[0] + 1, 1, block.length)
        .setValues([block.map((c) => this.writable(row.values[c], c))]);
    }
    return blocks.length;
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
      if (ours.has(n)) return [this.writable(ours.get(n), c)];
      return [formulas[i][0] ? formulas[i][0] : this.writable(cells[0], c)];
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
    const first = Math.max(others, this.lastUsedRow ?? 1) + 1;
    this.appended.forEach((r, i) => {
      r.rowNumber = first + i;
    });
    const last = first + this.appended.length - 1;
    const max = this.maxRows ?? this.sheet.getMaxRows();
    if (last > max) this.sheet.insertRowsAfter(max, last - max);
    this.maxRows = Math.max(max, last);
    const width = this.headers.length;
    const grid = this.appended.map((r) => r.values.slice(0, width).map((v, c) => this.writable(v, c)));
    this.sheet.getRange(first, 1, grid.length, width).setValues(grid);
    // Once written they are ordinary rows: later changes go through set/commit, later appends below them.
    for (const r of this.appended) {
      r.isNew = false;
      r.changed.clear();
      this.byNumber.set(r.rowNumber, r);
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
/** Searches by key a table makes before it reads its tab whole instead: a loop of lookups stays a few calls. */
const MAX_SEARCHES = 8;

function adjacentBlocks(sorted: number[]): number[][] {
  return consecutive(sorted, (c) => c);
}

/** Runs of items whose numbers follow one another (the items sorted by that number). */
function consecutive<T>(sorted: T[], number: (item: T) => number): T[][] {
  const runs: T[][] = [];
  for (const item of sorted) {
    const run = runs[runs.length - 1];
    if (run && number(run[run.length - 1]) === number(item) - 1) run.push(item);
    else runs.push([item]);
  }
  return runs;
}
