/**
 * Conditional format rules: the builder (SpreadsheetApp.newConditionalFormatRule()),
 * the rule and its BooleanCondition. Rules are stored on the sheet and read
 * back; they do not change what getBackground reports (neither do the real ones).
 */
import { Box } from './a1';
import { Ctx } from './ctx';
import { checkArgs, fail } from './errors';
import { makeRange } from './facades';
import { CondFormat, CondRuleData, EmSpreadsheet, SheetState } from './model';
import type { Range } from './range';
import { normalizeColor } from './styles';
import { loadArg, storeArg } from './validation';

export const BooleanCriteria = Object.freeze(
  Object.fromEntries(
    [
      'CELL_EMPTY',
      'CELL_NOT_EMPTY',
      'DATE_AFTER',
      'DATE_BEFORE',
      'DATE_EQUAL_TO',
      'DATE_NOT_EQUAL_TO',
      'DATE_AFTER_RELATIVE',
      'DATE_BEFORE_RELATIVE',
      'DATE_EQUAL_TO_RELATIVE',
      'NUMBER_BETWEEN',
      'NUMBER_EQUAL_TO',
      'NUMBER_GREATER_THAN',
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      'NUMBER_LESS_THAN',
      'NUMBER_LESS_THAN_OR_EQUAL_TO',
      'NUMBER_NOT_BETWEEN',
      'NUMBER_NOT_EQUAL_TO',
      'TEXT_CONTAINS',
      'TEXT_DOES_NOT_CONTAIN',
      'TEXT_EQUAL_TO',
      'TEXT_NOT_EQUAL_TO',
      'TEXT_STARTS_WITH',
      'TEXT_ENDS_WITH',
      'CUSTOM_FORMULA',
    ].map((k) => [k, k]),
  ) as Record<string, string>,
);

export class BooleanCondition {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet | null,
    readonly _d: CondRuleData,
  ) {}
  getCriteriaType(): string | null {
    return this._d.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._d.values.map((v) => loadArg(this._x, this._b, v));
  }
  getBackground(): string | null {
    return this._d.format.background ?? null;
  }
  getFontColor(): string | null {
    return this._d.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this._d.format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this._d.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this._d.format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this._d.format.underline ?? null;
  }
}

export class ConditionalFormatRule {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet | null,
    readonly _sh: SheetState | null,
    readonly _d: CondRuleData,
  ) {}
  getBooleanCondition(): BooleanCondition | null {
    return this._d.criteria ? new BooleanCondition(this._x, this._b, this._d) : null;
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges(): Range[] {
    if (!this._b || !this._sh) return [];
    return this._d.ranges.map((b) => makeRange(this._x, this._b!, this._sh!, b));
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._x, this._b, this._sh, structuredClone(this._d));
  }
}

export class ConditionalFormatRuleBuilder extends ConditionalFormatRule {
  constructor(ctx: Ctx, book: EmSpreadsheet | null = null, sh: SheetState | null = null, data?: CondRuleData) {
    super(ctx, book, sh, data ?? { criteria: null, values: [], format: {}, ranges: [] });
  }
  _with(patch: Partial<CondRuleData>): this {
    (this as { _d: CondRuleData })._d = { ...this._d, ...patch };
    return this;
  }
  _fmt(patch: CondFormat): this {
    return this._with({ format: { ...this._d.format, ...patch } });
  }
  _when(criteria: string, values: unknown[]): this {
    return this._with({ criteria, values: values.map(storeArg) });
  }

  build(): ConditionalFormatRule {
    if (!this._d.criteria)
      fail('A conditional format rule needs a condition: call one of the when… methods before build().');
    return new ConditionalFormatRule(this._x, this._b, this._sh, structuredClone(this._d));
  }
  override copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this._x, this._b, this._sh, structuredClone(this._d));
  }

  setRanges(ranges: Range[]): this {
    checkArgs(
      Array.isArray(ranges) && ranges.every((r) => r && typeof r === 'object' && '_box' in r),
      [ranges],
      'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges',
    );
    (this as { _b: EmSpreadsheet | null })._b = ranges[0]?._b ?? this._b;
    (this as { _sh: SheetState | null })._sh = ranges[0]?._s ?? this._sh;
    return this._with({ ranges: ranges.map((r) => ({ ...r._box })) });
  }
  setBackground(color: string | null): this {
    return this._fmt({ background: normalizeColor(color) ?? null });
  }
  setFontColor(color: string | null): this {
    return this._fmt({ fontColor: normalizeColor(color) ?? null });
  }
  setBold(bold: boolean | null): this {
    return this._fmt({ bold });
  }
  setItalic(italic: boolean | null): this {
    return this._fmt({ italic });
  }
  setStrikethrough(s: boolean | null): this {
    return this._fmt({ strikethrough: s });
  }
  setUnderline(u: boolean | null): this {
    return this._fmt({ underline: u });
  }

  whenCellEmpty(): this {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenDateAfter(date: unknown): this {
    return this._when('DATE_AFTER', [date]);
  }
  whenDateBefore(date: unknown): this {
    return this._when('DATE_BEFORE', [date]);
  }
  whenDateEqualTo(date: unknown): this {
    return this._when('DATE_EQUAL_TO', [date]);
  }
  whenFormulaSatisfied(formula: string): this {
    checkArgs(
      typeof formula === 'string',
      [formula],
      'SpreadsheetApp.ConditionalFormatRuleBuilder.whenFormulaSatisfied',
    );
    return this._when('CUSTOM_FORMULA', [formula]);
  }
  whenNumberBetween(start: number, end: number): this {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(n: number): this {
    return this._when('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): this {
    return this._when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): this {
    return this._when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this._when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberNotEqualTo(n: number): this {
    return this._when('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenTextContains(text: string): this {
    return this._when('TEXT_CONTAINS', [String(text)]);
  }
  whenTextDoesNotContain(text: string): this {
    return this._when('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  whenTextEndsWith(text: string): this {
    return this._when('TEXT_ENDS_WITH', [String(text)]);
  }
  whenTextEqualTo(text: string): this {
    return this._when('TEXT_EQUAL_TO', [String(text)]);
  }
  whenTextStartsWith(text: string): this {
    return this._when('TEXT_STARTS_WITH', [String(text)]);
  }
  withCriteria(criteria: string, args: unknown[]): this {
    checkArgs(
      typeof criteria === 'string' && criteria in BooleanCriteria && Array.isArray(args),
      [criteria, args],
      'SpreadsheetApp.ConditionalFormatRuleBuilder.withCriteria',
    );
    return this._when(criteria, args);
  }
}

/** Stored data of the rules handed to Sheet.setConditionalFormatRules. */
export function ruleData(rules: unknown, method: string): CondRuleData[] {
  checkArgs(
    Array.isArray(rules) &&
      rules.every((r) => r instanceof ConditionalFormatRule && !(r instanceof ConditionalFormatRuleBuilder)),
    [rules],
    method,
  );
  return (rules as ConditionalFormatRule[]).map((r) => structuredClone(r._d));
}

export type { Box };
