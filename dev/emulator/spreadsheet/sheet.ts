/** The emulated Sheet (one tab of a spreadsheet). */
import { Box, parseRef, splitSheet } from './a1';
import { chartData, EmbeddedChart, EmbeddedChartBuilder } from './charts';
import { ConditionalFormatRule, ruleData } from './conditional';
import { Ctx } from './ctx';
import { checkArgs, fail, isInt, MSG } from './errors';
import { makeRange, makeSpreadsheet } from './facades';
import { instrument } from './instrument';
import { EmSpreadsheet, SheetState } from './model';
import { createProtection, Protection } from './protection';
import { checkBox, Range } from './range';
import { RangeList } from './rangelist';
import { deleteLines, insertLines } from './structure';
import { FORMAT_LAYERS, normalizeColor } from './styles';
import { TextFinder } from './textfinder';
import { readDisplay, readValues, writeValues } from './values';
import { sortRows } from './sort';
import { NamedRange } from './namedrange';

const DEFAULT_COL_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

export class Sheet {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    readonly _s: SheetState,
  ) {}

  _edit(box: Box | null = null): void {
    this._x.assertScriptCanEdit(this._b, this._s, box);
  }

  _meta(fn: () => void): this {
    this._edit();
    this._x.recordMeta(this._b);
    fn();
    return this;
  }

  _fullBox(): Box {
    return { r: 1, c: 1, nr: this._s.maxRows, nc: this._s.maxCols };
  }

  _resolveA1(a1: string): Range {
    const { sheet, ref } = splitSheet(a1);
    const sh = sheet === undefined ? this._s : this._b.sheetByName(sheet);
    if (!sh) fail(MSG.rangeNotFound);
    const { box, form } = parseRef(ref, sh.maxRows, sh.maxCols);
    if (box.r + box.nr - 1 > sh.maxRows || box.c + box.nc - 1 > sh.maxCols) fail(MSG.rangeNotFound);
    return makeRange(this._x, this._b, sh, box, form);
  }

  _lastRow(): number {
    return this._s.values.lastRow() + 1;
  }
  _lastCol(): number {
    return this._s.values.lastCol() + 1;
  }

  // ---- identity and navigation ----
  getName(): string {
    return this._s.name;
  }
  getSheetName(): string {
    return this._s.name;
  }
  getSheetId(): number {
    return this._s.id;
  }
  getIndex(): number {
    return this._b.sheets.indexOf(this._s) + 1;
  }
  getParent(): unknown {
    return makeSpreadsheet(this._x, this._b);
  }
  getType(): string {
    return 'GRID';
  }
  getMaxRows(): number {
    return this._s.maxRows;
  }
  getMaxColumns(): number {
    return this._s.maxCols;
  }
  getFrozenRows(): number {
    return this._s.frozenRows;
  }
  getFrozenColumns(): number {
    return this._s.frozenCols;
  }
  isSheetHidden(): boolean {
    return this._s.hidden;
  }
  getTabColor(): string | null {
    return this._s.tabColor;
  }
  getColumnWidth(columnPosition: number): number {
    return this._s.colWidths[columnPosition] ?? DEFAULT_COL_WIDTH;
  }
  getRowHeight(rowPosition: number): number {
    return this._s.rowHeights[rowPosition] ?? DEFAULT_ROW_HEIGHT;
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._s.hiddenCols.includes(columnPosition);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this._s.hiddenRows.includes(rowPosition);
  }
  getFilter(): null {
    return null;
  }

  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): Range {
    const args = [a, b, c, d].slice(0, arguments.length);
    if (typeof a === 'string' && arguments.length === 1) return this._resolveA1(a);
    checkArgs(arguments.length >= 2 && args.every(isInt), args, 'SpreadsheetApp.Sheet.getRange');
    const box = checkBox(
      this._s,
      a as number,
      b as number,
      (c as number | undefined) ?? 1,
      (d as number | undefined) ?? 1,
    );
    return makeRange(this._x, this._b, this._s, box);
  }

  getRangeList(a1Notations: string[]): RangeList {
    checkArgs(
      Array.isArray(a1Notations) && a1Notations.every((s) => typeof s === 'string'),
      [a1Notations],
      'SpreadsheetApp.Sheet.getRangeList',
    );
    return new RangeList(
      this._x,
      a1Notations.map((s) => this._resolveA1(s)),
    );
  }

  getDataRange(): Range {
    return makeRange(this._x, this._b, this._s, {
      r: 1,
      c: 1,
      nr: Math.max(1, this._lastRow()),
      nc: Math.max(1, this._lastCol()),
    });
  }

  getLastRow(): number {
    return this._lastRow();
  }
  getLastColumn(): number {
    return this._lastCol();
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    checkArgs(
      [startRow, startColumn, numRows, numColumns].every(isInt),
      [startRow, startColumn, numRows, numColumns],
      'SpreadsheetApp.Sheet.getSheetValues',
    );
    // -1 means "to the last row/column with content".
    const nr = numRows === -1 ? this._lastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? this._lastCol() - startColumn + 1 : numColumns;
    return readValues(this._x, this._b, this._s, checkBox(this._s, startRow, startColumn, nr, nc));
  }

  activate(): Sheet {
    this._b.activeSheetId = this._s.id;
    if (this._b.selection?.sheetId !== this._s.id)
      this._b.selection = { sheetId: this._s.id, box: { r: 1, c: 1, nr: 1, nc: 1 } };
    return this;
  }

  getActiveRange(): Range {
    return this._activeRange();
  }
  _activeRange(): Range {
    const sel = this._b.selection;
    if (!sel || sel.sheetId !== this._s.id) return makeRange(this._x, this._b, this._s, { r: 1, c: 1, nr: 1, nc: 1 });
    return makeRange(this._x, this._b, this._s, sel.box);
  }
  getActiveCell(): Range {
    const r = this._activeRange();
    return makeRange(this._x, this._b, this._s, { r: r._box.r, c: r._box.c, nr: 1, nc: 1 });
  }
  setActiveRange(range: Range): Range {
    checkArgs(range instanceof Range, [range], 'SpreadsheetApp.Sheet.setActiveRange');
    return range._select();
  }
  setActiveSelection(range: unknown): Range {
    const r = typeof range === 'string' ? this._resolveA1(range) : (range as Range);
    checkArgs(r instanceof Range, [range], 'SpreadsheetApp.Sheet.setActiveSelection');
    return r._select();
  }
  setCurrentCell(cell: Range): Range {
    checkArgs(cell instanceof Range, [cell], 'SpreadsheetApp.Sheet.setCurrentCell');
    return cell._select();
  }

  createTextFinder(findText: string): TextFinder {
    return new TextFinder(this._x, this._b, [{ sheet: this._s, box: this._fullBox() }], String(findText));
  }

  getNamedRanges(): NamedRange[] {
    return this._b.namedRanges
      .filter((n) => n.sheetId === this._s.id)
      .map((n) => new NamedRange(this._x, this._b, n.name));
  }

  // ---- structure ----
  setName(name: string): Sheet {
    checkArgs(typeof name === 'string', [name], 'SpreadsheetApp.Sheet.setName');
    if (name === this._s.name) return this;
    if (!name.trim()) fail('Invalid argument: name');
    if (this._b.sheets.some((s) => s !== this._s && s.name.toLowerCase() === name.toLowerCase()))
      fail(MSG.duplicateSheet(name));
    return this._meta(() => {
      this._s.name = name;
    });
  }

  insertRows(rowIndex: number, numRows = 1): void {
    this._lines('rows', rowIndex, numRows, 'insertRows');
  }
  insertRowBefore(beforePosition: number): Sheet {
    this._lines('rows', beforePosition, 1, 'insertRowBefore');
    return this;
  }
  insertRowAfter(afterPosition: number): Sheet {
    this._lines('rows', afterPosition + 1, 1, 'insertRowAfter');
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this._lines('rows', beforePosition, howMany, 'insertRowsBefore');
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this._lines('rows', afterPosition + 1, howMany, 'insertRowsAfter');
    return this;
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this._lines('cols', columnIndex, numColumns, 'insertColumns');
  }
  insertColumnBefore(beforePosition: number): Sheet {
    this._lines('cols', beforePosition, 1, 'insertColumnBefore');
    return this;
  }
  insertColumnAfter(afterPosition: number): Sheet {
    this._lines('cols', afterPosition + 1, 1, 'insertColumnAfter');
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this._lines('cols', beforePosition, howMany, 'insertColumnsBefore');
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this._lines('cols', afterPosition + 1, howMany, 'insertColumnsAfter');
    return this;
  }

  _lines(dim: 'rows' | 'cols', at: number, n: number, method: string): void {
    checkArgs(isInt(at) && isInt(n), [at, n], `SpreadsheetApp.Sheet.${method}`);
    insertLines(this._x, this._b, this._s, dim, at, n);
  }

  deleteRow(rowPosition: number): Sheet {
    return this._delete('rows', [rowPosition, 1], 'deleteRow');
  }
  deleteRows(rowPosition: number, howMany: number): Sheet {
    return this._delete('rows', [rowPosition, howMany], 'deleteRows');
  }
  deleteColumn(columnPosition: number): Sheet {
    return this._delete('cols', [columnPosition, 1], 'deleteColumn');
  }
  deleteColumns(columnPosition: number, howMany: number): Sheet {
    return this._delete('cols', [columnPosition, howMany], 'deleteColumns');
  }

  _delete(dim: 'rows' | 'cols', [at, n]: [number, number], method: string): Sheet {
    checkArgs(isInt(at) && isInt(n), [at, n], `SpreadsheetApp.Sheet.${method}`);
    deleteLines(this._x, this._b, this._s, dim, at, n);
    return this;
  }

  /**
   * Appends a row after the last row with content, growing the grid when it
   * is full; values are parsed like typing.
   */
  appendRow(rowContents: unknown[]): Sheet {
    checkArgs(Array.isArray(rowContents), [rowContents], 'SpreadsheetApp.Sheet.appendRow');
    const row = this._lastRow() + 1;
    const n = Math.max(1, rowContents.length);
    const box = { r: row, c: 1, nr: 1, nc: n };
    this._edit(box);
    if (row > this._s.maxRows || n > this._s.maxCols) {
      this._x.recordMeta(this._b);
      const oldRows = this._s.maxRows,
        oldCols = this._s.maxCols;
      this._s.maxRows = Math.max(oldRows, row);
      this._s.maxCols = Math.max(oldCols, n);
    }
    if (rowContents.length) writeValues(this._x, this._b, this._s, box, [rowContents]);
    return this;
  }

  clear(options?: Record<string, unknown>): Sheet {
    makeRange(this._x, this._b, this._s, this._fullBox())._clearLayers(clearLayers(options));
    return this;
  }
  clearContents(): Sheet {
    makeRange(this._x, this._b, this._s, this._fullBox())._clearLayers(['values']);
    return this;
  }
  clearFormats(): Sheet {
    makeRange(this._x, this._b, this._s, this._fullBox())._clearLayers(FORMAT_LAYERS);
    return this;
  }
  clearNotes(): Sheet {
    makeRange(this._x, this._b, this._s, this._fullBox())._clearLayers(['note']);
    return this;
  }

  setFrozenRows(rows: number): void {
    checkArgs(isInt(rows), [rows], 'SpreadsheetApp.Sheet.setFrozenRows');
    if (rows < 0 || rows >= this._s.maxRows) fail(`You can't freeze all visible rows on the sheet.`);
    this._meta(() => {
      this._s.frozenRows = rows;
    });
  }
  setFrozenColumns(columns: number): void {
    checkArgs(isInt(columns), [columns], 'SpreadsheetApp.Sheet.setFrozenColumns');
    if (columns < 0 || columns >= this._s.maxCols) fail(`You can't freeze all visible columns on the sheet.`);
    this._meta(() => {
      this._s.frozenCols = columns;
    });
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    return this._widths(columnPosition, 1, width);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    return this._widths(startColumn, numColumns, width);
  }
  _widths(startColumn: number, numColumns: number, width: number): Sheet {
    checkArgs(
      [startColumn, numColumns, width].every(isInt),
      [startColumn, numColumns, width],
      'SpreadsheetApp.Sheet.setColumnWidths',
    );
    checkBox(this._s, 1, startColumn, 1, numColumns);
    return this._meta(() => {
      for (let i = 0; i < numColumns; i++) this._s.colWidths[startColumn + i] = width;
    });
  }
  setRowHeight(rowPosition: number, height: number): Sheet {
    return this._heights(rowPosition, 1, height);
  }
  setRowHeights(startRow: number, numRows: number, height: number): Sheet {
    return this._heights(startRow, numRows, height);
  }
  _heights(startRow: number, numRows: number, height: number): Sheet {
    checkArgs(
      [startRow, numRows, height].every(isInt),
      [startRow, numRows, height],
      'SpreadsheetApp.Sheet.setRowHeights',
    );
    checkBox(this._s, startRow, 1, numRows, 1);
    return this._meta(() => {
      for (let i = 0; i < numRows; i++) this._s.rowHeights[startRow + i] = height;
    });
  }
  autoResizeColumn(columnPosition: number): Sheet {
    return this._autoResize(columnPosition, 1);
  }
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    return this._autoResize(startColumn, numColumns);
  }
  _autoResize(startColumn: number, numColumns: number): Sheet {
    checkArgs(
      [startColumn, numColumns].every(isInt),
      [startColumn, numColumns],
      'SpreadsheetApp.Sheet.autoResizeColumns',
    );
    checkBox(this._s, 1, startColumn, 1, numColumns);
    const last = Math.max(1, this._lastRow());
    const shown = readDisplay(this._b, this._s, { r: 1, c: startColumn, nr: last, nc: numColumns });
    return this._meta(() => {
      for (let j = 0; j < numColumns; j++) {
        const longest = shown.reduce((m, row) => Math.max(m, row[j].length), 0);
        this._s.colWidths[startColumn + j] = Math.max(30, Math.min(600, longest * 7 + 12));
      }
    });
  }

  hideSheet(): Sheet {
    if (!this._s.hidden && this._b.sheets.filter((s) => !s.hidden).length === 1)
      fail("You can't hide all the sheets in a document.");
    return this._meta(() => {
      this._s.hidden = true;
      if (this._b.activeSheetId === this._s.id)
        this._b.activeSheetId = this._b.sheets.find((s) => !s.hidden)?.id ?? null;
    });
  }
  showSheet(): Sheet {
    return this._meta(() => {
      this._s.hidden = false;
    });
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this._hide('hiddenCols', columnIndex, numColumns, true);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this._hide('hiddenCols', columnIndex, numColumns, false);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this._hide('hiddenRows', rowIndex, numRows, true);
  }
  showRows(rowIndex: number, numRows = 1): void {
    this._hide('hiddenRows', rowIndex, numRows, false);
  }
  hideColumn(column: Range): void {
    this._hide('hiddenCols', column._box.c, column._box.nc, true);
  }
  unhideColumn(column: Range): void {
    this._hide('hiddenCols', column._box.c, column._box.nc, false);
  }
  hideRow(row: Range): void {
    this._hide('hiddenRows', row._box.r, row._box.nr, true);
  }
  unhideRow(row: Range): void {
    this._hide('hiddenRows', row._box.r, row._box.nr, false);
  }

  _hide(key: 'hiddenCols' | 'hiddenRows', start: number, n: number, hide: boolean): void {
    checkArgs(
      isInt(start) && isInt(n),
      [start, n],
      `SpreadsheetApp.Sheet.${hide ? 'hide' : 'show'}${key === 'hiddenCols' ? 'Columns' : 'Rows'}`,
    );
    if (key === 'hiddenCols') checkBox(this._s, 1, start, 1, n);
    else checkBox(this._s, start, 1, n, 1);
    this._meta(() => {
      const set = new Set(this._s[key]);
      for (let i = start; i < start + n; i++) {
        if (hide) set.add(i);
        else set.delete(i);
      }
      this._s[key] = [...set].sort((x, y) => x - y);
    });
  }

  setTabColor(color: string | null): Sheet {
    return this._meta(() => {
      this._s.tabColor = normalizeColor(color) ?? null;
    });
  }
  setHiddenGridlines(hideGridlines: boolean): Sheet {
    return this._meta(() => {
      this._s.gridlinesHidden = Boolean(hideGridlines);
    });
  }
  hasHiddenGridlines(): boolean {
    return this._s.gridlinesHidden;
  }

  sort(columnPosition: number, ascending = true): Sheet {
    checkArgs(isInt(columnPosition), [columnPosition], 'SpreadsheetApp.Sheet.sort');
    const first = this._s.frozenRows + 1;
    const last = this._lastRow();
    if (last < first) return this;
    const box = { r: first, c: 1, nr: last - first + 1, nc: Math.max(this._lastCol(), columnPosition) };
    this._edit(box);
    sortRows(this._x, this._b, this._s, box, { column: columnPosition, ascending });
    return this;
  }

  // ---- protection ----
  protect(): Protection {
    return createProtection(this._x, this._b, this._s, 'SHEET', null);
  }
  getProtections(type: string): Protection[] {
    checkArgs(type === 'RANGE' || type === 'SHEET', [type], 'SpreadsheetApp.Sheet.getProtections');
    return this._b.protections
      .filter((p) => p.type === type && p.sheetId === this._s.id)
      .map((p) => new Protection(this._x, this._b, p.id));
  }

  // ---- conditional formats ----
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this._s.condRules.map((d) => new ConditionalFormatRule(this._x, this._b, this._s, structuredClone(d)));
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    const data = ruleData(rules, 'SpreadsheetApp.Sheet.setConditionalFormatRules');
    this._meta(() => {
      this._s.condRules = data;
    });
  }
  clearConditionalFormatRules(): void {
    this._meta(() => {
      this._s.condRules = [];
    });
  }

  // ---- charts ----
  newChart(): EmbeddedChartBuilder {
    return EmbeddedChartBuilder._blank(this._x, this._b, this._s);
  }
  getCharts(): EmbeddedChart[] {
    return this._s.charts.map((d) => new EmbeddedChart(this._x, this._b, this._s, structuredClone(d)));
  }
  insertChart(chart: EmbeddedChart): void {
    const d = chartData(chart, 'SpreadsheetApp.Sheet.insertChart');
    this._meta(() => {
      d.chartId = this._b.nextChartId++;
      this._s.charts.push(d);
    });
  }
  updateChart(chart: EmbeddedChart): void {
    const d = chartData(chart, 'SpreadsheetApp.Sheet.updateChart');
    const i = this._s.charts.findIndex((c) => c.chartId === d.chartId);
    if (i < 0) fail('The chart is not on this sheet.');
    this._meta(() => {
      this._s.charts[i] = d;
    });
  }
  removeChart(chart: EmbeddedChart): void {
    const d = chartData(chart, 'SpreadsheetApp.Sheet.removeChart');
    this._meta(() => {
      this._s.charts = this._s.charts.filter((c) => c.chartId !== d.chartId);
    });
  }
}

export function clearLayers(options?: Record<string, unknown>): string[] {
  const o = options ?? {};
  const only = o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly;
  const layers: string[] = [];
  if (!only || o.contentsOnly) layers.push('values');
  if (!only || o.formatOnly) layers.push(...FORMAT_LAYERS);
  if (o.commentsOnly) layers.push('note');
  if (o.validationsOnly) layers.push('validation');
  return layers;
}

const self = (s: Sheet) => ({ kernel: s._x.kernel, spreadsheetId: s._b.id, cells: 0 });
const READS = [
  'getDataRange',
  'getLastRow',
  'getLastColumn',
  'getProtections',
  'getConditionalFormatRules',
  'getCharts',
];
const WRITES = [
  'setName',
  'insertRows',
  'insertRowBefore',
  'insertRowAfter',
  'insertRowsBefore',
  'insertRowsAfter',
  'insertColumns',
  'insertColumnBefore',
  'insertColumnAfter',
  'insertColumnsBefore',
  'insertColumnsAfter',
  'deleteRow',
  'deleteRows',
  'deleteColumn',
  'deleteColumns',
  'clear',
  'clearContents',
  'clearFormats',
  'clearNotes',
  'setFrozenRows',
  'setFrozenColumns',
  'setColumnWidth',
  'setColumnWidths',
  'setRowHeight',
  'setRowHeights',
  'autoResizeColumn',
  'autoResizeColumns',
  'hideSheet',
  'showSheet',
  'hideColumns',
  'showColumns',
  'hideRows',
  'showRows',
  'hideColumn',
  'unhideColumn',
  'hideRow',
  'unhideRow',
  'setTabColor',
  'setHiddenGridlines',
  'sort',
  'protect',
  'setConditionalFormatRules',
  'clearConditionalFormatRules',
  'insertChart',
  'updateChart',
  'removeChart',
];
instrument(
  Sheet,
  'Sheet',
  {
    ...Object.fromEntries(READS.map((m) => [m, 'read' as const])),
    ...Object.fromEntries(WRITES.map((m) => [m, 'write' as const])),
    getSheetValues: ((s: Sheet, a: unknown[]) => ({
      data: true,
      read: true,
      spreadsheetId: s._b.id,
      cells: Math.max(0, Number(a[2]) * Number(a[3])) || 0,
    })) as never,
    appendRow: ((s: Sheet, a: unknown[]) => ({
      data: true,
      spreadsheetId: s._b.id,
      cells: Array.isArray(a[0]) ? a[0].length : 0,
    })) as never,
  },
  self as never,
);
