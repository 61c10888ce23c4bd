/** The emulated Range: a block of cells on one sheet. */
import { A1Form, Box, boxA1 } from './a1';
import { Formula } from './cell';
import { Ctx } from './ctx';
import { checkArgs, fail, isInt, MSG } from './errors';
import { instrument } from './instrument';
import { EmSpreadsheet, SheetState, ValidationData } from './model';
import { FORMAT_LAYERS, rgbHex, STYLE_APIS } from './styles';
import { readDisplay, readFormulas, readValues, writeValues, computed } from './values';
import { DataValidation, validationData, checkboxValues, listLimit } from './validation';
import { Protection, createProtection } from './protection';
import { TextFinder } from './textfinder';
import { makeSheet } from './facades';
import { sortRows, SortSpec } from './sort';

export class Range {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    readonly _s: SheetState,
    readonly _box: Box,
    readonly _form: A1Form = 'cells',
  ) {}

  _range(box: Box, form: A1Form = 'cells'): Range {
    return new Range(this._x, this._b, this._s, box, form);
  }

  /** Checks that a 2-D array matches this range's shape, as setValues does. */
  _checkShape(values: unknown, method: string): unknown[][] {
    checkArgs(Array.isArray(values), [values], `SpreadsheetApp.Range.${method}`);
    const rows = values as unknown[];
    if (rows.length !== this._box.nr) fail(MSG.dataRows(rows.length, this._box.nr));
    for (const row of rows) {
      checkArgs(Array.isArray(row), [values], `SpreadsheetApp.Range.${method}`);
      if ((row as unknown[]).length !== this._box.nc) fail(MSG.dataCols((row as unknown[]).length, this._box.nc));
    }
    return rows as unknown[][];
  }

  _fill<T>(v: T): T[][] {
    return Array.from({ length: this._box.nr }, () => new Array(this._box.nc).fill(v));
  }

  _writeLayer(layer: string, block: unknown[][]): void {
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    this._x.recordCells(this._b, this._s, [layer], this._box);
    this._s.style(layer).write(this._box.r - 1, this._box.c - 1, block);
  }

  _clearLayers(layers: string[]): void {
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    const present = layers.filter((l) => l === 'values' || this._s.styles[l]);
    this._x.recordCells(this._b, this._s, present, this._box);
    const { r, c, nr, nc } = this._box;
    for (const l of present) (l === 'values' ? this._s.values : this._s.style(l)).fill(r - 1, c - 1, nr, nc, undefined);
  }

  _setValues(values: unknown[][], asFormulas = false): void {
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    writeValues(this._x, this._b, this._s, this._box, values, asFormulas);
  }

  _layerBlock(layer: string): unknown[][] {
    const g = this._s.styles[layer];
    if (!g) return this._fill(undefined);
    return g.read(this._box.r - 1, this._box.c - 1, this._box.nr, this._box.nc);
  }

  // ---- geometry ----
  getA1Notation(): string {
    return boxA1(this._box, this._form);
  }
  getRow(): number {
    return this._box.r;
  }
  getRowIndex(): number {
    return this._box.r;
  }
  getColumn(): number {
    return this._box.c;
  }
  getColumnIndex(): number {
    return this._box.c;
  }
  getNumRows(): number {
    return this._box.nr;
  }
  getNumColumns(): number {
    return this._box.nc;
  }
  getHeight(): number {
    return this._box.nr;
  }
  getWidth(): number {
    return this._box.nc;
  }
  getLastRow(): number {
    return this._box.r + this._box.nr - 1;
  }
  getLastColumn(): number {
    return this._box.c + this._box.nc - 1;
  }
  getGridId(): number {
    return this._s.id;
  }
  getSheet(): unknown {
    return makeSheet(this._x, this._b, this._s);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    checkArgs(
      isInt(rowOffset) &&
        isInt(columnOffset) &&
        (numRows === undefined || isInt(numRows)) &&
        (numColumns === undefined || isInt(numColumns)),
      [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined),
      'SpreadsheetApp.Range.offset',
    );
    return this._range(
      checkBox(
        this._s,
        this._box.r + rowOffset,
        this._box.c + columnOffset,
        numRows ?? this._box.nr,
        numColumns ?? this._box.nc,
      ),
    );
  }

  getCell(row: number, column: number): Range {
    checkArgs(isInt(row) && isInt(column), [row, column], 'SpreadsheetApp.Range.getCell');
    if (row < 1 || column < 1 || row > this._box.nr || column > this._box.nc) fail('Cell reference out of range');
    return this._range({ r: this._box.r + row - 1, c: this._box.c + column - 1, nr: 1, nc: 1 });
  }

  activate(): Range {
    return this._select();
  }

  /** Makes this range the selection and its sheet the active one (uncounted: for the other selection setters). */
  _select(): Range {
    this._b.activeSheetId = this._s.id;
    this._b.selection = { sheetId: this._s.id, box: { ...this._box } };
    return this;
  }

  activateAsCurrentCell(): Range {
    return this.activate();
  }

  createTextFinder(findText: string): TextFinder {
    return new TextFinder(this._x, this._b, [{ sheet: this._s, box: this._box }], String(findText));
  }

  // ---- values ----
  getValue(): unknown {
    return readValues(this._x, this._b, this._s, { ...this._box, nr: 1, nc: 1 })[0][0];
  }
  getValues(): unknown[][] {
    return readValues(this._x, this._b, this._s, this._box);
  }
  getDisplayValue(): string {
    return readDisplay(this._b, this._s, { ...this._box, nr: 1, nc: 1 })[0][0];
  }
  getDisplayValues(): string[][] {
    return readDisplay(this._b, this._s, this._box);
  }
  getFormula(): string {
    return readFormulas(this._s, { ...this._box, nr: 1, nc: 1 })[0][0];
  }
  getFormulas(): string[][] {
    return readFormulas(this._s, this._box);
  }

  isBlank(): boolean {
    return !this._s.values.any(this._box.r - 1, this._box.c - 1, this._box.nr, this._box.nc);
  }

  setValue(value: unknown): Range {
    this._setValues(this._fill(value));
    return this;
  }

  setValues(values: unknown[][]): Range {
    this._setValues(this._checkShape(values, 'setValues'));
    return this;
  }

  setFormula(formula: string): Range {
    checkArgs(typeof formula === 'string', [formula], 'SpreadsheetApp.Range.setFormula');
    this._setValues(this._fill(formula), true);
    return this;
  }

  setFormulas(formulas: string[][]): Range {
    this._setValues(this._checkShape(formulas, 'setFormulas'), true);
    return this;
  }

  // ---- formats and notes (get/set X and Xs are generated below) ----
  setBackgroundRGB(red: number, green: number, blue: number): Range {
    this._writeLayer('background', this._fill(rgbHex(red, green, blue)));
    return this;
  }

  getWrap(): boolean {
    return (this._layerBlock('wrapStrategy')[0][0] ?? 'OVERFLOW') === 'WRAP';
  }
  getWraps(): boolean[][] {
    return this._layerBlock('wrapStrategy').map((r) => r.map((v) => v === 'WRAP'));
  }
  setWrap(isWrapEnabled: boolean): Range {
    this._writeLayer('wrapStrategy', this._fill(isWrapEnabled ? 'WRAP' : undefined));
    return this;
  }
  setWraps(values: boolean[][]): Range {
    this._writeLayer(
      'wrapStrategy',
      this._checkShape(values, 'setWraps').map((r) => r.map((v) => (v ? 'WRAP' : undefined))),
    );
    return this;
  }

  _setStyles(stem: string, values: unknown[][]): Range {
    const api = STYLE_APIS.find((a) => a.stem === stem)!;
    this._writeLayer(
      api.layer,
      this._checkShape(values, `set${api.plural}`).map((r) => r.map(api.write)),
    );
    return this;
  }

  setBorder(..._args: unknown[]): Range {
    this._writeLayer('border', this._fill(true));
    return this;
  }

  setTextStyle(_style: unknown): Range {
    this._writeLayer('textStyle', this._fill(true));
    return this;
  }

  merge(): Range {
    this._writeLayer('merge', this._fill(true));
    return this;
  }
  breakApart(): Range {
    this._clearLayers(['merge']);
    return this;
  }

  // ---- clearing ----
  clear(options?: Record<string, unknown>): Range {
    const o = options ?? {};
    const layers: string[] = [];
    const only = o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly;
    if (!only || o.contentsOnly) layers.push('values');
    if (!only || o.formatOnly) layers.push(...FORMAT_LAYERS);
    if (o.commentsOnly) layers.push('note');
    if (o.validationsOnly) layers.push('validation');
    this._clearLayers(layers);
    return this;
  }

  clearContent(): Range {
    this._clearLayers(['values']);
    return this;
  }
  clearFormat(): Range {
    this._clearLayers(FORMAT_LAYERS);
    return this;
  }
  clearNote(): Range {
    this._clearLayers(['note']);
    return this;
  }
  clearDataValidations(): Range {
    this._clearLayers(['validation']);
    return this;
  }

  // ---- data validation ----
  getDataValidation(): DataValidation | null {
    const d = this._layerBlock('validation')[0][0] as ValidationData | undefined;
    return d ? new DataValidation(this._x, this._b, d) : null;
  }

  getDataValidations(): (DataValidation | null)[][] {
    return this._layerBlock('validation').map((r) =>
      r.map((d) => (d ? new DataValidation(this._x, this._b, d as ValidationData) : null)),
    );
  }

  setDataValidation(rule: DataValidation | null): Range {
    const d = rule === null ? undefined : validationData(rule, 'SpreadsheetApp.Range.setDataValidation');
    if (d) listLimit(d);
    this._writeLayer('validation', this._fill(d));
    return this;
  }

  setDataValidations(rules: (DataValidation | null)[][]): Range {
    const block = this._checkShape(rules, 'setDataValidations').map((r) =>
      r.map((rule) =>
        rule === null ? undefined : validationData(rule as DataValidation, 'SpreadsheetApp.Range.setDataValidations'),
      ),
    );
    block.forEach((r) => r.forEach((d) => d && listLimit(d as ValidationData)));
    this._writeLayer('validation', block);
    return this;
  }

  // ---- checkboxes ----
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): Range {
    const values: unknown[] = [];
    if (checkedValue !== undefined) values.push(checkedValue);
    if (uncheckedValue !== undefined) values.push(uncheckedValue);
    const data: ValidationData = { criteria: 'CHECKBOX', values, allowInvalid: false, helpText: null };
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    this._x.recordCells(this._b, this._s, ['validation', 'values'], this._box);
    this._s.style('validation').fill(this._box.r - 1, this._box.c - 1, this._box.nr, this._box.nc, data);
    // Every cell starts unchecked (the unchecked value, or FALSE).
    const unchecked = checkboxValues(data).unchecked;
    this._s.values.fill(this._box.r - 1, this._box.c - 1, this._box.nr, this._box.nc, unchecked as never);
    return this;
  }

  removeCheckboxes(): Range {
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    this._x.recordCells(this._b, this._s, ['validation', 'values'], this._box);
    this._eachCheckbox((r, c, data, v) => {
      const cb = checkboxValues(data);
      this._s.style('validation').set(r, c, undefined);
      if (v === cb.checked || v === cb.unchecked) this._s.values.set(r, c, undefined);
    });
    return this;
  }

  check(): Range {
    return this._setChecked(true);
  }
  uncheck(): Range {
    return this._setChecked(false);
  }

  _setChecked(on: boolean): Range {
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    this._x.recordCells(this._b, this._s, ['values'], this._box);
    this._eachCheckbox((r, c, data, v) => {
      const cb = checkboxValues(data);
      if (v === cb.checked || v === cb.unchecked) this._s.values.set(r, c, (on ? cb.checked : cb.unchecked) as never);
    });
    return this;
  }

  _eachCheckbox(fn: (r: number, c: number, data: ValidationData, v: unknown) => void): void {
    const g = this._s.styles.validation;
    if (!g) return;
    for (let r = this._box.r - 1; r < this._box.r - 1 + this._box.nr; r++) {
      for (let c = this._box.c - 1; c < this._box.c - 1 + this._box.nc; c++) {
        const d = g.get(r, c) as ValidationData | undefined;
        if (d?.criteria === 'CHECKBOX') fn(r, c, d, this._s.values.get(r, c));
      }
    }
  }

  isChecked(): boolean | null {
    let checked = 0,
      unchecked = 0;
    const g = this._s.styles.validation;
    for (let r = this._box.r - 1; r < this._box.r - 1 + this._box.nr; r++) {
      for (let c = this._box.c - 1; c < this._box.c - 1 + this._box.nc; c++) {
        const d = g?.get(r, c) as ValidationData | undefined;
        if (d?.criteria !== 'CHECKBOX') return null;
        const cb = checkboxValues(d);
        const v = this._s.values.get(r, c);
        if (v === cb.checked) checked++;
        else unchecked++;
      }
    }
    return unchecked === 0 ? true : checked === 0 ? false : null;
  }

  // ---- protection ----
  protect(): Protection {
    return createProtection(this._x, this._b, this._s, 'RANGE', { ...this._box });
  }

  // ---- moving data ----
  sort(sortSpecObj: SortSpec): Range {
    this._x.assertScriptCanEdit(this._b, this._s, this._box);
    sortRows(this._x, this._b, this._s, this._box, sortSpecObj);
    return this;
  }

  copyTo(destination: Range, options?: unknown, transposed?: boolean): void {
    checkArgs(destination instanceof Range, [destination], 'SpreadsheetApp.Range.copyTo');
    const dst = destination;
    if (dst._b !== this._b) fail('Target range and source range must be on the same spreadsheet.');
    const box = { r: dst._box.r, c: dst._box.c, nr: this._box.nr, nc: this._box.nc };
    if (box.r + box.nr - 1 > dst._s.maxRows || box.c + box.nc - 1 > dst._s.maxCols) fail(MSG.outsideGrid);
    const o = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
    const type = typeof options === 'string' ? options : null;
    const contents = !(o.formatOnly || type === 'PASTE_FORMAT');
    const formats = !(o.contentsOnly || type === 'PASTE_VALUES' || type === 'PASTE_FORMULA');
    const layers = [
      ...(contents ? ['values'] : []),
      ...(formats ? Object.keys(this._s.styles).filter((l) => l !== 'validation' || type !== 'PASTE_VALUES') : []),
    ];
    dst._x.assertScriptCanEdit(dst._b, dst._s, box);
    dst._x.recordCells(dst._b, dst._s, layers, box);
    const r0 = this._box.r - 1,
      c0 = this._box.c - 1;
    for (const layer of layers) {
      const src = layer === 'values' ? this._s.values : this._s.styles[layer];
      if (!src) continue;
      let block = src.read(r0, c0, this._box.nr, this._box.nc) as unknown[][];
      if (layer === 'values' && type === 'PASTE_VALUES') {
        block = block.map((row, i) =>
          row.map((v, j) =>
            v instanceof Formula ? plain(computed(this._b, this._s, v, r0 + i, c0 + j, new Set())) : v,
          ),
        );
      }
      if (transposed) block = block[0].map((_, j) => block.map((row) => row[j]));
      (layer === 'values' ? dst._s.values : dst._s.style(layer)).write(box.r - 1, box.c - 1, block as never);
    }
  }
}

function plain(v: unknown): unknown {
  if (v === null) return undefined;
  if (typeof v === 'object' && v && 'code' in v) return (v as { code: string }).code;
  return v;
}

/** Validates a block against the sheet's grid, with the service's messages. */
export function checkBox(sh: SheetState, r: number, c: number, nr: number, nc: number): Box {
  if (r < 1) fail(MSG.startRowTooSmall);
  if (c < 1) fail(MSG.startColTooSmall);
  if (nr < 1) fail(MSG.rowsAtLeastOne);
  if (nc < 1) fail(MSG.colsAtLeastOne);
  if (r + nr - 1 > sh.maxRows || c + nc - 1 > sh.maxCols) fail(MSG.outsideGrid);
  return { r: Math.floor(r), c: Math.floor(c), nr: Math.floor(nr), nc: Math.floor(nc) };
}

// get/set X and Xs for each style: getBackground, getBackgrounds, setBackground, setBackgrounds …
for (const api of STYLE_APIS) {
  const proto = Range.prototype as unknown as Record<string, unknown>;
  proto[`get${api.stem}`] ??= function (this: Range) {
    return api.read(this._layerBlock(api.layer)[0][0]);
  };
  proto[`get${api.plural}`] ??= function (this: Range) {
    return this._layerBlock(api.layer).map((r) => r.map(api.read));
  };
  proto[`set${api.stem}`] ??= function (this: Range, v: unknown) {
    this._writeLayer(api.layer, this._fill(api.write(v)));
    return this;
  };
  proto[`set${api.plural}`] ??= function (this: Range, vs: unknown[][]) {
    return this._setStyles(api.stem, vs);
  };
}

const writeCells = (self: Range) => ({
  kernel: self._x.kernel,
  spreadsheetId: self._b.id,
  cells: self._box.nr * self._box.nc,
});
const READS = [
  'getValue',
  'getValues',
  'getDisplayValue',
  'getDisplayValues',
  'getFormula',
  'getFormulas',
  'isBlank',
  'isChecked',
  'getDataValidation',
  'getDataValidations',
  'getWrap',
  'getWraps',
  ...STYLE_APIS.flatMap((a) => [`get${a.stem}`, `get${a.plural}`]),
];
const WRITES = [
  'setValue',
  'setValues',
  'setFormula',
  'setFormulas',
  'setBackgroundRGB',
  'setWrap',
  'setWraps',
  'setBorder',
  'setTextStyle',
  'merge',
  'breakApart',
  'clear',
  'clearContent',
  'clearFormat',
  'clearNote',
  'clearDataValidations',
  'setDataValidation',
  'setDataValidations',
  'insertCheckboxes',
  'removeCheckboxes',
  'check',
  'uncheck',
  'protect',
  'sort',
  'copyTo',
  ...STYLE_APIS.flatMap((a) => [`set${a.stem}`, `set${a.plural}`]),
];
instrument(
  Range,
  'Range',
  {
    ...Object.fromEntries(READS.map((m) => [m, 'read' as const])),
    ...Object.fromEntries(WRITES.map((m) => [m, 'write' as const])),
  },
  writeCells as never,
);
