/**
 * Data validation: the builder (SpreadsheetApp.newDataValidation()), the rule
 * value object, and the check Sheets applies to what a person types. Rules
 * are not enforced on script writes: the reference says validation applies to
 * values entered by users (Range.setValue writes whatever it is given).
 */
import { Ctx } from './ctx';
import { checkArgs, fail, isDateLike, MSG } from './errors';
import { EmSpreadsheet, RangeTag, ValidationData, DateTag } from './model';
import { instantToSerial } from './tz';
import { readDisplay } from './values';
import { Cell } from './cell';
import type { Range } from './range';
import { makeRange } from './facades';

export const DataValidationCriteria = Object.freeze({
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
});

const LIST_LIMIT = 500;

/** Stored form of a criteria argument: Dates and Ranges become JSON-safe tags. */
export function storeArg(v: unknown): unknown {
  if (isDateLike(v)) return { $date: v.getTime() } satisfies DateTag;
  if (v && typeof v === 'object' && '_box' in v && '_s' in v) {
    const r = v as Range;
    return { $range: { sheetId: r._s.id, ...r._box } } satisfies RangeTag;
  }
  if (Array.isArray(v)) return v.map(storeArg);
  return v;
}

/** Script-facing form of a stored criteria argument. */
export function loadArg(ctx: Ctx, book: EmSpreadsheet | null, v: unknown): unknown {
  if (v && typeof v === 'object' && '$date' in v) return new ctx.kernel.Date((v as DateTag).$date);
  if (v && typeof v === 'object' && '$range' in v) {
    const { sheetId, ...box } = (v as RangeTag).$range;
    const sh = book?.sheetById(sheetId);
    return book && sh ? makeRange(ctx, book, sh, box) : null;
  }
  if (Array.isArray(v)) return v.map((x) => loadArg(ctx, book, x));
  return v;
}

export class DataValidation {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet | null,
    readonly _d: ValidationData,
  ) {}
  getCriteriaType(): string {
    return this._d.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._d.values.map((v) => loadArg(this._x, this._b, v));
  }
  getHelpText(): string | null {
    return this._d.helpText;
  }
  getAllowInvalid(): boolean {
    return this._d.allowInvalid;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this._x, this._b, structuredClone(this._d));
  }
}

export class DataValidationBuilder extends DataValidation {
  constructor(ctx: Ctx, book: EmSpreadsheet | null, data?: ValidationData) {
    super(ctx, book, data ?? { criteria: '', values: [], allowInvalid: true, helpText: null });
  }

  _set(criteria: string, values: unknown[]): this {
    (this as { _d: ValidationData })._d = { ...this._d, criteria, values: values.map(storeArg) };
    return this;
  }
  _date(method: string, args: unknown[]): void {
    checkArgs(args.every(isDateLike), args, `SpreadsheetApp.DataValidationBuilder.${method}`);
  }
  _num(method: string, args: unknown[]): void {
    checkArgs(
      args.every((a) => typeof a === 'number'),
      args,
      `SpreadsheetApp.DataValidationBuilder.${method}`,
    );
  }

  build(): DataValidation {
    if (!this._d.criteria)
      fail('A data validation rule needs criteria: call one of the require… methods before build().');
    return new DataValidation(this._x, this._b, structuredClone(this._d));
  }
  override copy(): DataValidationBuilder {
    return new DataValidationBuilder(this._x, this._b, structuredClone(this._d));
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    (this as { _d: ValidationData })._d = { ...this._d, allowInvalid: Boolean(allowInvalidData) };
    return this;
  }
  setHelpText(helpText: string): this {
    (this as { _d: ValidationData })._d = { ...this._d, helpText: String(helpText) };
    return this;
  }
  withCriteria(criteria: string, args: unknown[]): this {
    checkArgs(
      Object.values(DataValidationCriteria).includes(criteria as never) && Array.isArray(args),
      [criteria, args],
      'SpreadsheetApp.DataValidationBuilder.withCriteria',
    );
    return this._set(criteria, args);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    return this._set(
      'CHECKBOX',
      [checkedValue, uncheckedValue].filter((v) => v !== undefined),
    );
  }
  requireDate(): this {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    this._date('requireDateAfter', [date]);
    return this._set('DATE_AFTER', [date]);
  }
  requireDateBefore(date: Date): this {
    this._date('requireDateBefore', [date]);
    return this._set('DATE_BEFORE', [date]);
  }
  requireDateBetween(start: Date, end: Date): this {
    this._date('requireDateBetween', [start, end]);
    return this._set('DATE_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: Date): this {
    this._date('requireDateEqualTo', [date]);
    return this._set('DATE_EQUAL_TO', [date]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    this._date('requireDateNotBetween', [start, end]);
    return this._set('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateOnOrAfter(date: Date): this {
    this._date('requireDateOnOrAfter', [date]);
    return this._set('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): this {
    this._date('requireDateOnOrBefore', [date]);
    return this._set('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): this {
    checkArgs(typeof formula === 'string', [formula], 'SpreadsheetApp.DataValidationBuilder.requireFormulaSatisfied');
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): this {
    this._num('requireNumberBetween', [start, end]);
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): this {
    this._num('requireNumberEqualTo', [n]);
    return this._set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): this {
    this._num('requireNumberGreaterThan', [n]);
    return this._set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    this._num('requireNumberGreaterThanOrEqualTo', [n]);
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): this {
    this._num('requireNumberLessThan', [n]);
    return this._set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    this._num('requireNumberLessThanOrEqualTo', [n]);
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    this._num('requireNumberNotBetween', [start, end]);
    return this._set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberNotEqualTo(n: number): this {
    this._num('requireNumberNotEqualTo', [n]);
    return this._set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): this {
    return this._set('TEXT_CONTAINS', [String(text)]);
  }
  requireTextDoesNotContain(text: string): this {
    return this._set('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  requireTextEqualTo(text: string): this {
    return this._set('TEXT_EQUAL_TO', [String(text)]);
  }
  requireTextIsEmail(): this {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: string[], showDropdown = true): this {
    checkArgs(
      Array.isArray(values) && typeof showDropdown === 'boolean',
      [values, showDropdown].slice(0, arguments.length),
      'SpreadsheetApp.DataValidationBuilder.requireValueInList',
    );
    return this._set('VALUE_IN_LIST', [values.slice(), showDropdown]);
  }
  requireValueInRange(range: Range, showDropdown = true): this {
    checkArgs(
      !!range && typeof range === 'object' && '_box' in range,
      [range, showDropdown].slice(0, arguments.length),
      'SpreadsheetApp.DataValidationBuilder.requireValueInRange',
    );
    (this as { _b: EmSpreadsheet | null })._b = range._b;
    return this._set('VALUE_IN_RANGE', [range, showDropdown]);
  }
}

/** The stored data of a rule handed to setDataValidation. */
export function validationData(rule: unknown, method: string): ValidationData {
  checkArgs(rule instanceof DataValidation && !(rule instanceof DataValidationBuilder), [rule], method);
  return (rule as DataValidation)._d;
}

export function listLimit(d: ValidationData): void {
  if (d.criteria === 'VALUE_IN_LIST' && Array.isArray(d.values[0]) && (d.values[0] as unknown[]).length > LIST_LIMIT)
    fail(MSG.listTooLong);
}

export function checkboxValues(d: ValidationData): { checked: unknown; unchecked: unknown } {
  if (d.values.length === 0) return { checked: true, unchecked: false };
  return { checked: d.values[0], unchecked: d.values.length > 1 ? d.values[1] : undefined };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/]+\.[^\s]+$/i;

/**
 * Whether a person's entry satisfies a rule. `cell` is the parsed entry,
 * `text` what they typed, `isDate` whether it parsed as a date.
 */
export function acceptsUserInput(
  ctx: Ctx,
  book: EmSpreadsheet,
  d: ValidationData,
  cell: Cell | undefined,
  text: string,
  isDate: boolean,
): boolean {
  if (cell === undefined) return true;
  const dayOf = (v: unknown) => Math.floor(instantToSerial((v as DateTag).$date, book.timeZone));
  const num = typeof cell === 'number' ? cell : null;
  const args = d.values;
  switch (d.criteria) {
    case 'VALUE_IN_LIST':
      return ((args[0] as unknown[]) ?? []).map(String).includes(text);
    case 'VALUE_IN_RANGE': {
      const { sheetId, ...box } = (args[0] as RangeTag).$range;
      const sh = book.sheetById(sheetId);
      return !!sh && readDisplay(book, sh, box).flat().includes(text);
    }
    case 'CHECKBOX': {
      const cb = checkboxValues(d);
      return (
        cell === cb.checked || cell === cb.unchecked || text === String(cb.checked) || text === String(cb.unchecked)
      );
    }
    case 'DATE_IS_VALID_DATE':
      return isDate;
    case 'DATE_AFTER':
      return isDate && Math.floor(num!) > dayOf(args[0]);
    case 'DATE_BEFORE':
      return isDate && Math.floor(num!) < dayOf(args[0]);
    case 'DATE_ON_OR_AFTER':
      return isDate && Math.floor(num!) >= dayOf(args[0]);
    case 'DATE_ON_OR_BEFORE':
      return isDate && Math.floor(num!) <= dayOf(args[0]);
    case 'DATE_EQUAL_TO':
      return isDate && Math.floor(num!) === dayOf(args[0]);
    case 'DATE_BETWEEN':
      return isDate && Math.floor(num!) >= dayOf(args[0]) && Math.floor(num!) <= dayOf(args[1]);
    case 'DATE_NOT_BETWEEN':
      return isDate && !(Math.floor(num!) >= dayOf(args[0]) && Math.floor(num!) <= dayOf(args[1]));
    case 'NUMBER_BETWEEN':
      return num !== null && num >= (args[0] as number) && num <= (args[1] as number);
    case 'NUMBER_NOT_BETWEEN':
      return num !== null && !(num >= (args[0] as number) && num <= (args[1] as number));
    case 'NUMBER_EQUAL_TO':
      return num === args[0];
    case 'NUMBER_NOT_EQUAL_TO':
      return num !== null && num !== args[0];
    case 'NUMBER_GREATER_THAN':
      return num !== null && num > (args[0] as number);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num !== null && num >= (args[0] as number);
    case 'NUMBER_LESS_THAN':
      return num !== null && num < (args[0] as number);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num !== null && num <= (args[0] as number);
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(String(args[0]).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(String(args[0]).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text === String(args[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return EMAIL.test(text);
    case 'TEXT_IS_VALID_URL':
      return URL_RE.test(text);
    default:
      return true; // custom formulas are not evaluated here
  }
}

/** The message Sheets shows when it rejects an entry. */
export function rejectionMessage(d: ValidationData): string {
  if (d.helpText) return d.helpText;
  switch (d.criteria) {
    case 'VALUE_IN_LIST':
    case 'VALUE_IN_RANGE':
      return 'Input must be an item on the specified list';
    case 'CHECKBOX':
      return 'Input must be a checkbox value';
    case 'TEXT_IS_VALID_EMAIL':
      return 'Input must be a valid email address';
    case 'TEXT_IS_VALID_URL':
      return 'Input must be a valid URL';
    default:
      return 'Input must fall within the specified criteria';
  }
}
