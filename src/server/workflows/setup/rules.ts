/**
 * Set-up, part 2: dropdowns, checkboxes and protections. Each is checked first
 * and written only when missing or broken, so a second set-up writes nothing.
 * A dropdown covers the data rows of its column (row 2 to the end of the grid).
 */
import { normalizeHeader } from '../../core/text';
import {
  ADDON_COLUMNS,
  COLUMN_RULES,
  ColumnRule,
  columnProtectionName,
  helpText,
  HubTab,
  PROTECTED_TABS,
  PROTECTION_PREFIX,
  tabProtectionName,
} from '../../core/hubSpec';
import { columnOf, TabState } from './tabs';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Validation = GoogleAppsScript.Spreadsheet.DataValidation;

/** The data rows of one column: row 2 down to the last row of the grid. */
function dataColumn(state: TabState, column: number): Range | null {
  const rows = state.sheet.getMaxRows() - 1;
  return rows > 0 ? state.sheet.getRange(2, column, rows, 1) : null;
}

function sourceRange(rule: ColumnRule, tabs: ReadonlyMap<HubTab, TabState>): Range | null {
  if (rule.rule.kind !== 'range') return null;
  const source = tabs.get(rule.rule.tab);
  if (!source) return null;
  const column = columnOf(source.headers, rule.rule.header);
  return column ? dataColumn(source, column) : null;
}

function build(rule: ColumnRule, source: Range | null): Validation | null {
  const b = SpreadsheetApp.newDataValidation();
  if (rule.rule.kind === 'checkbox') return b.requireCheckbox().build();
  // Warning only: a value typed outside the list is kept and marked, and onEdit fixes its spelling.
  b.setAllowInvalid(true).setHelpText(helpText(rule));
  if (rule.rule.kind === 'list') return b.requireValueInList([...rule.rule.values], true).build();
  return source ? b.requireValueInRange(source, true).build() : null;
}

// Read when needed: SpreadsheetApp must not be touched while the bundle loads.
const criteria = (): typeof SpreadsheetApp.DataValidationCriteria => SpreadsheetApp.DataValidationCriteria;
const same = (a: unknown, b: unknown): boolean => String(a) === String(b);

/** Whether a cell has a rule of the right kind (no service call: a rule is a local value). */
function sameKind(v: Validation | null, rule: ColumnRule): boolean {
  if (!v) return false;
  const kind = { checkbox: criteria().CHECKBOX, list: criteria().VALUE_IN_LIST, range: criteria().VALUE_IN_RANGE }[
    rule.rule.kind
  ];
  return same(v.getCriteriaType(), kind);
}

/**
 * Whether a rule is exactly the one set-up would put there. Checked on the
 * column's first cell only: a range rule's source costs service calls to
 * inspect, and a column's cells share one rule unless a person set another.
 */
function matches(v: Validation | null, rule: ColumnRule, source: Range | null): boolean {
  if (!v) return false;
  const type = v.getCriteriaType();
  const args = v.getCriteriaValues();
  if (rule.rule.kind === 'checkbox') return same(type, criteria().CHECKBOX);
  if (rule.rule.kind === 'list') {
    const values = (args[0] ?? []) as unknown[];
    return (
      same(type, criteria().VALUE_IN_LIST) &&
      values.length === rule.rule.values.length &&
      rule.rule.values.every((x, i) => String(values[i]) === x)
    );
  }
  const r = args[0] as Range | undefined;
  return (
    same(type, criteria().VALUE_IN_RANGE) &&
    !!r &&
    !!source &&
    r.getSheet().getName() === source.getSheet().getName() &&
    r.getColumn() === source.getColumn() &&
    r.getRow() === source.getRow()
  );
}

/** Adds every dropdown and checkbox column that is missing or has lost its rule. */
export function ensureRules(tabs: ReadonlyMap<HubTab, TabState>, repaired: string[]): void {
  for (const rule of COLUMN_RULES) {
    const state = tabs.get(rule.tab);
    if (!state) continue;
    const column = columnOf(state.headers, rule.header);
    const target = column ? dataColumn(state, column) : null;
    if (!target) continue;
    const source = sourceRange(rule, tabs);
    if (!state.created) {
      const current = target.getDataValidations().map((row) => row[0]);
      if (current.every((v) => sameKind(v, rule)) && matches(current[0], rule, source)) continue;
    }
    const validation = build(rule, source);
    if (!validation) continue;
    target.setDataValidation(validation);
    if (!state.created)
      repaired.push(
        `${rule.tab}: restored the ${rule.header} ${rule.rule.kind === 'checkbox' ? 'checkboxes' : 'dropdown'} where it was missing`,
      );
  }
}

/** Protects (warning only) the columns the add-on fills in and the tabs it alone writes. */
export function ensureProtections(tabs: ReadonlyMap<HubTab, TabState>, repaired: string[]): void {
  const range = SpreadsheetApp.ProtectionType.RANGE;
  const whole = SpreadsheetApp.ProtectionType.SHEET;
  for (const state of tabs.values()) {
    const columns = ADDON_COLUMNS[state.tab] ?? [];
    if (columns.length) {
      const have = descriptions(state.created ? [] : state.sheet.getProtections(range));
      for (const header of columns) {
        const column = columnOf(state.headers, header);
        const name = columnProtectionName(state.tab, header);
        if (!column || have.has(normalizeHeader(name))) continue;
        state.sheet
          .getRange(1, column, state.sheet.getMaxRows(), 1)
          .protect()
          .setDescription(name)
          .setWarningOnly(true);
        if (!state.created) repaired.push(`${state.tab}: protected the ${header} column (warning only)`);
      }
    }
    if (PROTECTED_TABS.includes(state.tab)) {
      const name = tabProtectionName(state.tab);
      const have = descriptions(state.created ? [] : state.sheet.getProtections(whole));
      if (have.has(normalizeHeader(name))) continue;
      state.sheet.protect().setDescription(name).setWarningOnly(true);
      if (!state.created) repaired.push(`${state.tab}: protected the tab (warning only)`);
    }
  }
}

function descriptions(ps: GoogleAppsScript.Spreadsheet.Protection[]): Set<string> {
  return new Set(
    ps.map((p) => normalizeHeader(p.getDescription())).filter((d) => d.startsWith(normalizeHeader(PROTECTION_PREFIX))),
  );
}
