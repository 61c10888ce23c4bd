/**
 * The nightly recompute of every case's Next Action, Due and Flag from the
 * cadence, as one block write of those three columns (the nightly run owns
 * them), the Unresponsive status of cases whose cadence ran out, and the
 * conditional format that colours overdue rows (set once, not per row).
 */
import type { Env } from '../../services/context';
import { isTerminal, TERMINATE_ACTION } from '../../core/schema';
import { Row, Table } from '../../table/table';
import { closeOutPending } from '../close/plan';
import { canonicalStatus } from '../../core/contactPlan';
import { casesTable, clientsTable, departuresTable } from '../shared/email/tables';
import { cadenceSettings, CaseLookup, mergeFlags } from '../shared/caseFacts';

export interface NextActionsResult {
  /** Open cases (not Reassigned, Services terminated, Referred out or Discharged). */
  open: number;
  overdue: number;
  /** Refs marked Unresponsive by this run. */
  unresponsive: string[];
  /** Rows whose Next Action, Due or Flag changed. */
  changed: number;
  /** Cadence settings that could not be used as typed (the defaults were). */
  settingsProblems: string[];
  /** The overdue colouring rule was (re)made by this run. */
  coloursSet: boolean;
}

const UNRESPONSIVE = 'Unresponsive';

export function updateNextActions(env: Env): NextActionsResult {
  const { today } = env.ctx;
  // The execution's shared tables: the steps after this one see what it wrote without reading the tabs again.
  const cases = casesTable(env).ownColumns('Next Action', 'Due', 'Flag');
  const lookup = new CaseLookup(clientsTable(env), departuresTable(env));
  const { settings, problems } = cadenceSettings(env);
  const result: NextActionsResult = {
    open: 0,
    overdue: 0,
    unresponsive: [],
    changed: 0,
    settingsProblems: problems,
    coloursSet: false,
  };
  const newlyUnresponsive: Row[] = [];
  const changedRows = new Set<Row>();
  const set = (row: Row, header: string, value: string | Date | null): void => {
    const before = row.get(header);
    row.set(header, value);
    if (row.get(header) !== before) changedRows.add(row);
  };

  for (const row of cases.rows) {
    if (row.text('Ref') === '') continue;
    if (isTerminal(row.text('Status'))) {
      tidyClosed(row, set);
      continue;
    }
    result.open++;
    const c = lookup.cadence(row, settings, today);
    if (c.overdueDays > 0) result.overdue++;
    if (c.becomesUnresponsive && canonicalStatus(row.text('Status')) !== UNRESPONSIVE) newlyUnresponsive.push(row);
    set(row, 'Next Action', c.becomesUnresponsive ? TERMINATE_ACTION : c.nextAction);
    const before = row.get('Due');
    row.setDate('Due', c.due);
    if (row.get('Due') !== before) changedRows.add(row);
    set(row, 'Flag', mergeFlags(c.flags, row.text('Flag')));
  }
  result.changed = changedRows.size;
  cases.commit();
  markUnresponsive(cases, newlyUnresponsive);
  result.unresponsive = newlyUnresponsive.map((r) => r.text('Ref'));
  result.coloursSet = ensureOverdueColours(cases);
  return result;
}

/** A closed case keeps only its close-out reminder; the cadence's own flags leave it. */
function tidyClosed(row: Row, set: (row: Row, header: string, value: string | Date | null) => void): void {
  if (!closeOutPending(row)) {
    set(row, 'Next Action', '');
    set(row, 'Due', '');
  }
  set(row, 'Flag', mergeFlags([], row.text('Flag')));
}

/**
 * Status is a person's column, so only the cells that change are written:
 * the same word into every such cell is one RangeList call however many
 * cases ran out tonight (a constant from the vocabulary, nothing to guard).
 * The rows in memory take it too, so the later steps (the Dashboard's counts)
 * see the new status.
 */
function markUnresponsive(cases: Table, rows: Row[]): void {
  if (rows.length === 0) return;
  const column = columnLetter(cases.requireIndex('Status') + 1);
  cases.sheet.getRangeList(rows.map((r) => `${column}${r.rowNumber}`)).setValue(UNRESPONSIVE);
  for (const r of rows) r.written('Status', UNRESPONSIVE);
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export const OVERDUE_BACKGROUND = '#fce8e6';
const OUR_FORMULA = /^=LEFT\(\$[A-Z]+2,\s*7\)="Overdue"$/;

/** The formula that colours a row whose Flag starts with "Overdue". */
export function overdueFormula(flagColumn: number): string {
  return `=LEFT($${columnLetter(flagColumn)}2,7)="Overdue"`;
}

/**
 * One conditional format rule over the data rows: a row is coloured while its
 * Flag starts with "Overdue". It is (re)made only when missing, when the Flag
 * column moved, or when the tab grew past it; other rules are left alone.
 */
export function ensureOverdueColours(cases: Table): boolean {
  const sheet = cases.sheet;
  // The header row as read is the tab's width (its data range): no call to ask again.
  const width = cases.headers.length;
  const rows = Math.max(1, sheet.getMaxRows() - 1);
  const formula = overdueFormula(cases.requireIndex('Flag') + 1);
  const rules = sheet.getConditionalFormatRules();
  const isOurs = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): boolean => {
    const values = rule.getBooleanCondition()?.getCriteriaValues() ?? [];
    return typeof values[0] === 'string' && OUR_FORMULA.test(values[0]);
  };
  const ours = rules.filter(isOurs);
  if (ours.length === 1) {
    const values = ours[0].getBooleanCondition()?.getCriteriaValues() ?? [];
    const ranges = ours[0].getRanges();
    const covers =
      ranges.length === 1 &&
      ranges[0].getRow() === 2 &&
      ranges[0].getColumn() === 1 &&
      ranges[0].getNumRows() >= rows &&
      ranges[0].getNumColumns() >= width;
    if (values[0] === formula && covers) return false;
  }
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(OVERDUE_BACKGROUND)
    .setRanges([sheet.getRange(2, 1, rows, width)])
    .build();
  sheet.setConditionalFormatRules([...rules.filter((r) => !isOurs(r)), rule]);
  return true;
}
