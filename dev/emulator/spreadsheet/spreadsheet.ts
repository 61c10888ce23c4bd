/** The emulated Spreadsheet (one file). */
import { parseRef, splitSheet } from './a1';
import { Ctx } from './ctx';
import { checkArgs, fail, isInt, MSG } from './errors';
import { makeRange, makeSheet } from './facades';
import { instrument } from './instrument';
import { EmSpreadsheet } from './model';
import { checkRangeName, NamedRange } from './namedrange';
import { Protection } from './protection';
import { Range } from './range';
import { RangeList } from './rangelist';
import { bookFromJSON, bookToJSON, sheetFromJSON, sheetToJSON } from './serialize';
import { Sheet } from './sheet';
import { TextFinder } from './textfinder';
import { isValidTimeZone } from './tz';
import { emailOf, sameEmail, User } from './users';

export class Spreadsheet {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
  ) {}

  _meta(fn: () => void): void {
    this._x.recordMeta(this._b);
    fn();
  }

  _sheet(sheet: unknown, method: string): Sheet {
    checkArgs(sheet instanceof Sheet, [sheet], `SpreadsheetApp.Spreadsheet.${method}`);
    return sheet as Sheet;
  }

  _resolveA1(a1: string): Range {
    const { sheet, ref } = splitSheet(a1);
    const sh = sheet === undefined ? this._b.activeSheet() : this._b.sheetByName(sheet);
    if (!sh) fail(MSG.rangeNotFound);
    const { box, form } = parseRef(ref, sh.maxRows, sh.maxCols);
    if (box.r + box.nr - 1 > sh.maxRows || box.c + box.nc - 1 > sh.maxCols) fail(MSG.rangeNotFound);
    return makeRange(this._x, this._b, sh, box, form);
  }

  _emails(v: unknown, method: string): string[] {
    const list = Array.isArray(v) ? v : [v];
    const emails = list.map(emailOf);
    checkArgs(
      emails.every((e) => e !== null && /@/.test(e)),
      [v],
      `SpreadsheetApp.Spreadsheet.${method}`,
    );
    return emails as string[];
  }

  _setActive(range: Range): Range {
    return range._select();
  }

  _activeRange(): Range {
    const sel = this._b.selection;
    const sh = this._b.activeSheet();
    if (sel && sel.sheetId === sh.id) return makeRange(this._x, this._b, sh, sel.box);
    return makeRange(this._x, this._b, sh, { r: 1, c: 1, nr: 1, nc: 1 });
  }

  // ---- the file ----
  getId(): string {
    return this._b.id;
  }
  getName(): string {
    return this._b.name;
  }
  getUrl(): string {
    return this._b.url;
  }
  getFormUrl(): null {
    return null;
  }
  getSpreadsheetLocale(): string {
    return this._b.locale;
  }
  getSpreadsheetTimeZone(): string {
    return this._b.timeZone;
  }
  rename(newName: string): void {
    checkArgs(typeof newName === 'string', [newName], 'SpreadsheetApp.Spreadsheet.rename');
    this._meta(() => {
      this._b.name = newName;
    });
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(timezone)) fail(`Invalid argument: ${timezone}`);
    // Serials keep their wall time: dates read back as new instants (as in Sheets).
    this._meta(() => {
      this._b.timeZone = timezone;
    });
  }
  setSpreadsheetLocale(locale: string): void {
    this._meta(() => {
      this._b.locale = String(locale);
    });
  }

  /** A copy of the whole file, owned by the script's user. */
  copy(name: string): Spreadsheet {
    checkArgs(typeof name === 'string', [name], 'SpreadsheetApp.Spreadsheet.copy');
    const j = bookToJSON(this._b);
    const copy = bookFromJSON({ ...j, id: this._x.newId(), name, owner: this._x.env.effectiveUser() });
    copy.editors = [];
    copy.viewers = [];
    copy.protections = copy.protections.map((p) => ({ ...p }));
    this._x.books.set(copy.id, copy);
    return new Spreadsheet(this._x, copy);
  }

  // ---- sheets ----
  getSheets(): Sheet[] {
    return this._b.sheets.map((s) => makeSheet(this._x, this._b, s));
  }
  getNumSheets(): number {
    return this._b.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    const sh = this._b.sheetByName(String(name));
    return sh ? makeSheet(this._x, this._b, sh) : null;
  }
  getSheetById(id: number): Sheet | null {
    const sh = this._b.sheetById(Number(id));
    return sh ? makeSheet(this._x, this._b, sh) : null;
  }
  getActiveSheet(): Sheet {
    return makeSheet(this._x, this._b, this._b.activeSheet());
  }

  /**
   * insertSheet(), (index), (name), (name, index), (options), (name, options),
   * (index, options), (name, index, options). Indexes are 0-based; the new
   * sheet becomes the active sheet.
   */
  insertSheet(...args: unknown[]): Sheet {
    let name: string | undefined, index: number | undefined, options: { template?: Sheet } | undefined;
    for (const a of args) {
      if (typeof a === 'string' && name === undefined && index === undefined) name = a;
      else if (typeof a === 'number' && index === undefined) index = a;
      else if (a && typeof a === 'object' && !Array.isArray(a)) options = a as { template?: Sheet };
      else checkArgs(false, args, 'SpreadsheetApp.Spreadsheet.insertSheet');
    }
    const sheets = this._b.sheets;
    if (name !== undefined && sheets.some((s) => s.name.toLowerCase() === name!.toLowerCase()))
      fail(MSG.duplicateSheet(name));
    if (index !== undefined && (index < 0 || index > sheets.length)) fail(`Invalid argument: sheetIndex`);
    if (name === undefined) {
      let n = sheets.length + 1;
      while (sheets.some((s) => s.name === `Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    this._x.recordMeta(this._b);
    const sh = this._b.addSheet(name, index ?? sheets.length);
    if (options?.template instanceof Sheet) {
      const copy = sheetFromJSON(sheetToJSON(options.template._s));
      Object.assign(sh, {
        values: copy.values,
        styles: copy.styles,
        maxRows: copy.maxRows,
        maxCols: copy.maxCols,
        frozenRows: copy.frozenRows,
        frozenCols: copy.frozenCols,
        colWidths: copy.colWidths,
        rowHeights: copy.rowHeights,
        condRules: copy.condRules,
      });
    }
    this._b.activeSheetId = sh.id;
    this._b.selection = { sheetId: sh.id, box: { r: 1, c: 1, nr: 1, nc: 1 } };
    return makeSheet(this._x, this._b, sh);
  }

  deleteSheet(sheet: Sheet): void {
    const s = this._sheet(sheet, 'deleteSheet')._s;
    if (!this._b.sheets.includes(s)) fail('Sheet not found');
    if (this._b.sheets.length === 1) fail(MSG.deleteOnlySheet);
    this._x.assertScriptCanEdit(this._b, s, null);
    this._meta(() => {
      this._b.sheets = this._b.sheets.filter((x) => x !== s);
      this._b.protections = this._b.protections.filter((p) => p.sheetId !== s.id);
      this._b.namedRanges = this._b.namedRanges.filter((n) => n.sheetId !== s.id);
      if (this._b.activeSheetId === s.id) this._b.activeSheetId = this._b.sheets[0].id;
      if (this._b.selection?.sheetId === s.id) this._b.selection = null;
    });
  }

  setActiveSheet(sheet: Sheet, _restoreSelection?: boolean): Sheet {
    const s = this._sheet(sheet, 'setActiveSheet');
    this._b.activeSheetId = s._s.id;
    if (this._b.selection?.sheetId !== s._s.id)
      this._b.selection = { sheetId: s._s.id, box: { r: 1, c: 1, nr: 1, nc: 1 } };
    return s;
  }

  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    checkArgs(isInt(pos), [pos], 'SpreadsheetApp.Spreadsheet.moveActiveSheet');
    if (pos < 1 || pos > this._b.sheets.length) fail('Invalid argument: pos');
    const active = this._b.activeSheet();
    this._meta(() => {
      const rest = this._b.sheets.filter((s) => s !== active);
      rest.splice(pos - 1, 0, active);
      this._b.sheets = rest;
    });
  }

  // ---- ranges and selection ----
  getRange(a1Notation: string): Range {
    checkArgs(typeof a1Notation === 'string', [a1Notation], 'SpreadsheetApp.Spreadsheet.getRange');
    return this._resolveA1(a1Notation);
  }
  getRangeList(a1Notations: string[]): RangeList {
    checkArgs(Array.isArray(a1Notations), [a1Notations], 'SpreadsheetApp.Spreadsheet.getRangeList');
    return new RangeList(
      this._x,
      a1Notations.map((a) => this._resolveA1(String(a))),
    );
  }
  getActiveRange(): Range {
    return this._activeRange();
  }
  getSelection(): unknown {
    return selectionOf(this._x, this);
  }
  getCurrentCell(): Range {
    const r = this._activeRange();
    return makeRange(this._x, this._b, r._s, { r: r._box.r, c: r._box.c, nr: 1, nc: 1 });
  }
  getActiveCell(): Range {
    const r = this._activeRange();
    return makeRange(this._x, this._b, r._s, { r: r._box.r, c: r._box.c, nr: 1, nc: 1 });
  }
  setActiveRange(range: Range): Range {
    checkArgs(range instanceof Range, [range], 'SpreadsheetApp.Spreadsheet.setActiveRange');
    return this._setActive(range);
  }
  setActiveSelection(range: unknown): Range {
    const r = typeof range === 'string' ? this._resolveA1(range) : range;
    checkArgs(r instanceof Range, [range], 'SpreadsheetApp.Spreadsheet.setActiveSelection');
    return this._setActive(r as Range);
  }
  setCurrentCell(cell: Range): Range {
    checkArgs(cell instanceof Range, [cell], 'SpreadsheetApp.Spreadsheet.setCurrentCell');
    return this._setActive(cell);
  }
  createTextFinder(findText: string): TextFinder {
    return new TextFinder(
      this._x,
      this._b,
      this._b.sheets.map((sheet) => ({ sheet, box: { r: 1, c: 1, nr: sheet.maxRows, nc: sheet.maxCols } })),
      String(findText),
    );
  }
  toast(msg: unknown, title?: unknown, timeoutSeconds?: unknown): void {
    this._x.ui.toasts.push({
      spreadsheetId: this._b.id,
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : 5,
    });
  }

  // ---- named ranges ----
  getRangeByName(name: string): Range | null {
    const d = this._b.namedRanges.find((n) => n.name === name);
    const sh = d && this._b.sheetById(d.sheetId);
    return d && sh ? makeRange(this._x, this._b, sh, d.box) : null;
  }
  setNamedRange(name: string, range: Range): void {
    const n = checkRangeName(name);
    checkArgs(range instanceof Range, [name, range], 'SpreadsheetApp.Spreadsheet.setNamedRange');
    this._meta(() => {
      const existing = this._b.namedRanges.find((x) => x.name === n);
      if (existing) {
        existing.sheetId = range._s.id;
        existing.box = { ...range._box };
      } else this._b.namedRanges.push({ name: n, sheetId: range._s.id, box: { ...range._box } });
    });
  }
  getNamedRanges(): NamedRange[] {
    return this._b.namedRanges.map((n) => new NamedRange(this._x, this._b, n.name));
  }
  removeNamedRange(name: string): void {
    if (!this._b.namedRanges.some((n) => n.name === name)) fail(`The named range ${name} does not exist.`);
    this._meta(() => {
      this._b.namedRanges = this._b.namedRanges.filter((n) => n.name !== name);
    });
  }

  // ---- protections ----
  getProtections(type: string): Protection[] {
    checkArgs(type === 'RANGE' || type === 'SHEET', [type], 'SpreadsheetApp.Spreadsheet.getProtections');
    return this._b.protections.filter((p) => p.type === type).map((p) => new Protection(this._x, this._b, p.id));
  }

  // ---- sharing ----
  getOwner(): User {
    return new User(this._b.owner);
  }
  getEditors(): User[] {
    const list = [this._b.owner, ...this._b.editors];
    return list.filter((e, i) => list.findIndex((x) => sameEmail(x, e)) === i).map((e) => new User(e));
  }
  getViewers(): User[] {
    return this._b.viewers.map((e) => new User(e));
  }
  addEditor(emailAddress: unknown): Spreadsheet {
    return this._share(this._emails(emailAddress, 'addEditor'), 'editor');
  }
  addEditors(emailAddresses: unknown[]): Spreadsheet {
    return this._share(this._emails(emailAddresses, 'addEditors'), 'editor');
  }
  addViewer(emailAddress: unknown): Spreadsheet {
    return this._share(this._emails(emailAddress, 'addViewer'), 'viewer');
  }
  addViewers(emailAddresses: unknown[]): Spreadsheet {
    return this._share(this._emails(emailAddresses, 'addViewers'), 'viewer');
  }
  removeEditor(emailAddress: unknown): Spreadsheet {
    const [email] = this._emails(emailAddress, 'removeEditor');
    this._meta(() => {
      this._b.editors = this._b.editors.filter((e) => !sameEmail(e, email));
    });
    return this;
  }
  removeViewer(emailAddress: unknown): Spreadsheet {
    const [email] = this._emails(emailAddress, 'removeViewer');
    this._meta(() => {
      this._b.viewers = this._b.viewers.filter((e) => !sameEmail(e, email));
    });
    return this;
  }

  /** An editor added as viewer stays an editor; a viewer made editor leaves the viewers. */
  _share(emails: string[], role: 'editor' | 'viewer'): Spreadsheet {
    this._meta(() => {
      for (const email of emails) {
        if (sameEmail(email, this._b.owner)) continue;
        const isEditor = this._b.editors.some((e) => sameEmail(e, email));
        if (role === 'editor') {
          if (!isEditor) this._b.editors.push(email);
          this._b.viewers = this._b.viewers.filter((e) => !sameEmail(e, email));
        } else if (!isEditor && !this._b.viewers.some((e) => sameEmail(e, email))) this._b.viewers.push(email);
      }
    });
    return this;
  }
}

/** SpreadsheetApp.getSelection() / Spreadsheet.getSelection(). */
export function selectionOf(ctx: Ctx, ss: Spreadsheet) {
  const range = ss._activeRange();
  return {
    getActiveRange: () => range,
    getActiveRangeList: () => new RangeList(ctx, [range]),
    getActiveSheet: () => makeSheet(ctx, ss._b, range._s),
    getCurrentCell: () => makeRange(ctx, ss._b, range._s, { r: range._box.r, c: range._box.c, nr: 1, nc: 1 }),
  };
}

const WRITES = [
  'rename',
  'setSpreadsheetTimeZone',
  'setSpreadsheetLocale',
  'insertSheet',
  'deleteSheet',
  'moveActiveSheet',
  'setNamedRange',
  'removeNamedRange',
];
instrument(
  Spreadsheet,
  'Spreadsheet',
  {
    ...Object.fromEntries(WRITES.map((m) => [m, 'write' as const])),
    getProtections: 'read',
  },
  ((s: Spreadsheet) => ({ kernel: s._x.kernel, spreadsheetId: s._b.id, cells: 0 })) as never,
);
