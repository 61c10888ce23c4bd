/**
 * The emulated SpreadsheetApp and everything under it. `SpreadsheetStore`
 * holds the spreadsheets; `store.app` is the SpreadsheetApp global for the
 * sandbox. Setup and inspection helpers (create, seed, peek, userEdit,
 * setSelection) cost no service calls and do not move the clock.
 */
import { A1Form, Box, parseRef, splitSheet } from './a1';
import { SpreadsheetAppImpl } from './app';
import { Ctx, PlatformModel, SpreadsheetEnv } from './ctx';
import { makeRange } from './facades';
import { EmSpreadsheet, SheetState, ValidationData } from './model';
import { bookFromJSON, bookToJSON, BookJSON } from './serialize';
import { readDisplay, readFormulas, readValues, writeValues, convertIn } from './values';
import { UiState } from './uistate';
import { isValidTimeZone } from './tz';
import { Range } from './range';
import { acceptsUserInput, rejectionMessage } from './validation';
import { isDateFormat } from './numfmt';
import { Formula } from './cell';
import { display } from './numfmt';

export type { SpreadsheetEnv, PlatformModel } from './ctx';
export { EmSpreadsheet, SheetState } from './model';
export type { UiState, UiAnswer, MenuRecord, MenuEntry } from './uistate';
export { chartsGlobal } from './charts';
export { Formula } from './cell';

/** What a person's edit did, for the onEdit event object. */
export interface EditResult {
  /** The edited cell (an emulated Range). */
  range: Range;
  /** New value as the edit event carries it (a string; undefined when cleared). */
  value: string | undefined;
  /** Old value as the edit event carries it (undefined when the cell was empty). */
  oldValue: string | undefined;
  /** True when the edit changed the cell. */
  applied: boolean;
  /** Why Sheets refused the edit (data validation or protection); the cell is unchanged. */
  rejected?: string;
  /** A warning shown but the edit kept (allowInvalid rule, warning-only protection). */
  warning?: string;
}

export interface StoreJSON {
  version: 1;
  seq: number;
  activeId: string | null;
  ui: UiState;
  books: BookJSON[];
  /** Absent in snapshots older than the platform model: the defaults apply. */
  platform?: PlatformModel;
}

export class SpreadsheetStore {
  private readonly ctx: Ctx;
  /** The SpreadsheetApp global for the sandbox. */
  readonly app: SpreadsheetAppImpl;

  constructor(env: SpreadsheetEnv) {
    this.ctx = new Ctx(env);
    this.app = new SpreadsheetAppImpl(this.ctx);
  }

  get ui(): UiState {
    return this.ctx.ui;
  }

  /** Behaviour the documentation leaves open (ctx.ts PlatformModel); tests may switch it. */
  get platform(): PlatformModel {
    return this.ctx.platform;
  }

  /** A new spreadsheet with one empty 'Sheet1' (setup: no service call counted). */
  create(
    name: string,
    opts: { owner?: string; timeZone?: string; rows?: number; columns?: number } = {},
  ): EmSpreadsheet {
    const tz = opts.timeZone ?? this.ctx.env.scriptTimeZone;
    if (!isValidTimeZone(tz)) throw new Error(`Unknown time zone ${tz}`);
    const book = new EmSpreadsheet(this.ctx.newId(), name, opts.owner ?? this.ctx.env.effectiveUser(), tz);
    book.addSheet('Sheet1', 0, opts.rows ?? 1000, opts.columns ?? 26);
    this.ctx.books.set(book.id, book);
    return book;
  }

  get(id: string): EmSpreadsheet | undefined {
    return this.ctx.books.get(id);
  }

  all(): EmSpreadsheet[] {
    return [...this.ctx.books.values()];
  }

  /** Makes a spreadsheet the open one: SpreadsheetApp.getActiveSpreadsheet() returns it (null: none is open). */
  setActive(id: string | null): void {
    if (id !== null) this.mustGet(id);
    this.ctx.activeId = id;
  }

  activeId(): string | null {
    return this.ctx.activeId;
  }

  /**
   * Writes rows into a sheet from `startRow` (default 1), creating the sheet
   * if missing and growing the grid as needed. Strings are parsed like typing.
   * Setup only: no service call counted.
   */
  seed(id: string, sheetName: string, rows: unknown[][], startRow = 1): void {
    const book = this.mustGet(id);
    const sh = book.sheetByName(sheetName) ?? book.addSheet(sheetName);
    if (!rows.length) return;
    const width = Math.max(...rows.map((r) => r.length));
    const block = rows.map((r) => Array.from({ length: width }, (_, j) => r[j]));
    sh.maxRows = Math.max(sh.maxRows, startRow + rows.length - 1);
    sh.maxCols = Math.max(sh.maxCols, width);
    writeValues(this.ctx, book, sh, { r: startRow, c: 1, nr: rows.length, nc: width }, block);
  }

  /** The whole grid of a sheet up to its last row and column with content. */
  peek(id: string, sheetName: string): { values: unknown[][]; display: string[][]; formulas: string[][] } {
    const book = this.mustGet(id);
    const sh = this.mustSheet(book, sheetName);
    const nr = sh.values.lastRow() + 1,
      nc = sh.values.lastCol() + 1;
    if (nr === 0 || nc === 0) return { values: [], display: [], formulas: [] };
    const box = { r: 1, c: 1, nr, nc };
    return {
      values: readValues(this.ctx, book, sh, box),
      display: readDisplay(book, sh, box),
      formulas: readFormulas(sh, box),
    };
  }

  /** A Range object for tests (no call counted). */
  range(id: string, sheetName: string, a1: string): Range {
    const book = this.mustGet(id);
    const sh = this.mustSheet(book, sheetName);
    const { box, form } = parseRef(a1, sh.maxRows, sh.maxCols);
    return makeRange(this.ctx, book, sh, box, form as A1Form);
  }

  /** What a person clicking a cell or range does: getActiveRange/getActiveSheet/getCurrentCell follow it. */
  setSelection(id: string, sheetName: string, a1: string): void {
    const book = this.mustGet(id);
    const sh = this.mustSheet(book, sheetName);
    const { box } = parseRef(a1, sh.maxRows, sh.maxCols);
    book.activeSheetId = sh.id;
    book.selection = { sheetId: sh.id, box };
  }

  /**
   * What a person typing into one cell does: the text is parsed like typing
   * (non-strings are stored as they are: `true` is clicking a checkbox), data
   * validation and protections apply, and the result carries what onEdit's
   * event object needs. Not a service call.
   */
  userEdit(id: string, sheetName: string, a1: string, value: unknown, user: string): EditResult {
    const book = this.mustGet(id);
    const sh = this.mustSheet(book, sheetName);
    const ref = splitSheet(a1).ref;
    const { box } = parseRef(ref, sh.maxRows, sh.maxCols);
    const cellBox: Box = { r: box.r, c: box.c, nr: 1, nc: 1 };
    const range = makeRange(this.ctx, book, sh, cellBox);
    const r = box.r - 1,
      c = box.c - 1;
    const oldValue = this.eventValue(book, sh, r, c);
    const result = (extra: Partial<EditResult>): EditResult => ({
      range,
      value: this.eventValue(book, sh, r, c),
      oldValue,
      applied: false,
      ...extra,
    });

    if (!book.canEdit(user)) return result({ rejected: 'You need permission to edit this spreadsheet.' });
    const blocking = this.ctx.blockingProtections(book, sh, cellBox, user);
    const hard = blocking.find((p) => !p.warningOnly);
    if (hard)
      return result({
        rejected:
          "You're trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      });
    const warnings: string[] = [];
    if (blocking.length)
      warnings.push('You are trying to edit part of this sheet that should not be changed accidentally.');

    const fmt = sh.styles.numberFormat?.get(r, c) as string | undefined;
    const conv = convertIn(value, fmt, book.timeZone, () => this.ctx.currentYear(book.timeZone), this.ctx.platform);
    const rule = sh.styles.validation?.get(r, c) as ValidationData | undefined;
    if (rule) {
      const text =
        typeof value === 'string'
          ? value
          : display(conv.cell instanceof Formula ? undefined : conv.cell, conv.format ?? fmt);
      const isDate = typeof conv.cell === 'number' && isDateFormat(conv.format ?? fmt);
      if (!acceptsUserInput(this.ctx, book, rule, conv.cell, text, isDate)) {
        if (!rule.allowInvalid) return result({ rejected: rejectionMessage(rule) });
        warnings.push(rejectionMessage(rule));
      }
    }
    writeValues(this.ctx, book, sh, cellBox, [[value]]);
    book.activeSheetId = sh.id;
    book.selection = { sheetId: sh.id, box: cellBox };
    return result({ applied: true, ...(warnings.length ? { warning: warnings.join(' ') } : {}) });
  }

  /** The value an edit event reports for a cell: text as shown for text, numbers and dates as their number, booleans TRUE/FALSE. */
  private eventValue(book: EmSpreadsheet, sh: SheetState, r: number, c: number): string | undefined {
    const v = readValues(this.ctx, book, sh, { r: r + 1, c: c + 1, nr: 1, nc: 1 })[0][0];
    if (v === '') return undefined;
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    const raw = sh.values.get(r, c);
    if (typeof raw === 'number') return String(raw);
    return String(v);
  }

  /** Everything (spreadsheets, UI record, the active file) as plain JSON; Dates included. */
  toJSON(): StoreJSON {
    return {
      version: 1,
      seq: this.ctx.seq,
      activeId: this.ctx.activeId,
      ui: structuredClone(this.ctx.ui),
      books: this.all().map(bookToJSON),
      platform: { ...this.ctx.platform },
    };
  }

  static fromJSON(env: SpreadsheetEnv, json: unknown): SpreadsheetStore {
    const j = json as StoreJSON;
    if (!j || j.version !== 1 || !Array.isArray(j.books))
      throw new Error('Not a spreadsheet store snapshot (version 1).');
    const store = new SpreadsheetStore(env);
    store.ctx.seq = j.seq;
    store.ctx.activeId = j.activeId;
    Object.assign(store.ctx.ui, structuredClone(j.ui));
    Object.assign(store.ctx.platform, j.platform ?? {});
    for (const b of j.books) store.ctx.books.set(b.id, bookFromJSON(structuredClone(b)));
    return store;
  }

  private mustGet(id: string): EmSpreadsheet {
    const book = this.ctx.books.get(id);
    if (!book) throw new Error(`No spreadsheet with id ${id}`);
    return book;
  }

  private mustSheet(book: EmSpreadsheet, name: string): SheetState {
    const sh = book.sheetByName(name);
    if (!sh) throw new Error(`No sheet named "${name}" in ${book.name}`);
    return sh;
  }
}
