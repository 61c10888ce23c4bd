/** The SpreadsheetApp global: opening and creating files, the active file and selection, builders and enums. */
import { ConditionalFormatRuleBuilder, BooleanCriteria } from './conditional';
import { Ctx } from './ctx';
import { checkArgs, fail, isInt, MSG } from './errors';
import { makeRange, makeSheet, makeSpreadsheet } from './facades';
import { instrument } from './instrument';
import { EmSpreadsheet } from './model';
import { ProtectionType } from './protection';
import { Range } from './range';
import { Sheet } from './sheet';
import { selectionOf, Spreadsheet } from './spreadsheet';
import { Ui } from './ui';
import { DataValidationBuilder, DataValidationCriteria } from './validation';

const names = (...keys: string[]) =>
  Object.freeze(Object.fromEntries(keys.map((k) => [k, k])) as Record<string, string>);

export class SpreadsheetAppImpl {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly BooleanCriteria = BooleanCriteria;
  readonly BorderStyle = names('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
  readonly WrapStrategy = names('WRAP', 'OVERFLOW', 'CLIP');
  readonly Dimension = names('COLUMNS', 'ROWS');
  readonly SheetType = names('GRID', 'OBJECT', 'DATASOURCE');
  readonly CopyPasteType = names(
    'PASTE_NORMAL',
    'PASTE_NO_BORDERS',
    'PASTE_FORMAT',
    'PASTE_FORMULA',
    'PASTE_DATA_VALIDATION',
    'PASTE_VALUES',
    'PASTE_CONDITIONAL_FORMATTING',
    'PASTE_COLUMN_WIDTHS',
  );
  readonly Direction = names('UP', 'DOWN', 'PREVIOUS', 'NEXT');
  readonly TextDirection = names('LEFT_TO_RIGHT', 'RIGHT_TO_LEFT');
  readonly AutoFillSeries = names('DEFAULT_SERIES', 'ALTERNATE_SERIES');

  constructor(readonly _x: Ctx) {}

  _active(): EmSpreadsheet | null {
    return this._x.activeId ? (this._x.book(this._x.activeId) ?? null) : null;
  }

  _open(id: string, unknownMessage: string): Spreadsheet {
    const book = this._x.book(id);
    if (!book) fail(unknownMessage);
    if (!book.canOpen(this._x.env.effectiveUser())) fail(MSG.noPermission);
    return makeSpreadsheet(this._x, book);
  }

  getActiveSpreadsheet(): Spreadsheet | null {
    const b = this._active();
    return b ? makeSpreadsheet(this._x, b) : null;
  }
  getActive(): Spreadsheet | null {
    const b = this._active();
    return b ? makeSpreadsheet(this._x, b) : null;
  }
  getActiveSheet(): Sheet | null {
    const b = this._active();
    return b ? makeSheet(this._x, b, b.activeSheet()) : null;
  }
  getActiveRange(): Range | null {
    const b = this._active();
    return b ? makeSpreadsheet(this._x, b)._activeRange() : null;
  }
  getCurrentCell(): Range | null {
    const b = this._active();
    if (!b) return null;
    const r = makeSpreadsheet(this._x, b)._activeRange();
    return makeRange(this._x, b, r._s, { r: r._box.r, c: r._box.c, nr: 1, nc: 1 });
  }
  getSelection(): unknown {
    const b = this._active();
    return b ? selectionOf(this._x, makeSpreadsheet(this._x, b)) : null;
  }
  setActiveSpreadsheet(newActiveSpreadsheet: Spreadsheet): void {
    checkArgs(
      newActiveSpreadsheet instanceof Spreadsheet,
      [newActiveSpreadsheet],
      'SpreadsheetApp.setActiveSpreadsheet',
    );
    this._x.activeId = newActiveSpreadsheet._b.id;
  }
  setActiveSheet(sheet: Sheet): Sheet {
    checkArgs(sheet instanceof Sheet, [sheet], 'SpreadsheetApp.setActiveSheet');
    sheet._b.activeSheetId = sheet._s.id;
    return sheet;
  }
  setActiveRange(range: Range): Range {
    checkArgs(range instanceof Range, [range], 'SpreadsheetApp.setActiveRange');
    return range._select();
  }
  setCurrentCell(cell: Range): Range {
    checkArgs(cell instanceof Range, [cell], 'SpreadsheetApp.setCurrentCell');
    return cell._select();
  }

  /** A new file owned by the script's user, with one 'Sheet1' of rows × columns (default 1000 × 26). */
  create(name: string, rows?: number, columns?: number): Spreadsheet {
    const args = [name, rows, columns].slice(0, arguments.length);
    checkArgs(
      typeof name === 'string' && (rows === undefined || isInt(rows)) && (columns === undefined || isInt(columns)),
      args,
      'SpreadsheetApp.create',
    );
    if ((rows !== undefined && rows < 1) || (columns !== undefined && columns < 1))
      fail('Invalid argument: rows and columns must be at least 1.');
    const book = new EmSpreadsheet(this._x.newId(), name, this._x.env.effectiveUser(), this._x.env.scriptTimeZone);
    book.addSheet('Sheet1', 0, rows ?? 1000, columns ?? 26);
    this._x.books.set(book.id, book);
    return makeSpreadsheet(this._x, book);
  }

  openById(id: string): Spreadsheet {
    checkArgs(typeof id === 'string', [id], 'SpreadsheetApp.openById');
    return this._open(id, MSG.openById);
  }

  openByUrl(url: string): Spreadsheet {
    checkArgs(typeof url === 'string', [url], 'SpreadsheetApp.openByUrl');
    const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)(?:[/?#].*)?$/.exec(url.trim());
    if (!m) fail('Invalid argument: url');
    return this._open(m[1], MSG.openByUrl);
  }

  open(file: { getId(): string }): Spreadsheet {
    checkArgs(!!file && typeof file.getId === 'function', [file], 'SpreadsheetApp.open');
    return this._open(file.getId(), MSG.openById);
  }

  /** Applies all pending spreadsheet changes. */
  flush(): void {
    this._x.kernel.applyPending();
  }

  getUi(): Ui {
    if (!this._x.ui.available) fail(MSG.noUi);
    return new Ui(this._x);
  }

  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this._x, null);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._x);
  }
}

instrument(SpreadsheetAppImpl, 'SpreadsheetApp', { flush: (() => ({ flush: true })) as never }, ((
  a: SpreadsheetAppImpl,
) => ({ kernel: a._x.kernel })) as never);
