/**
 * The simple onEdit trigger on the Reassignments tab: stamps Last Updated and
 * Updated By on every edited row, and puts a vocabulary value typed in any
 * case back into its canonical spelling ("reached" → "Reached").
 *
 * It runs on every keystroke-commit of every person (AuthMode.LIMITED, 30 s,
 * no mail, the editor's email possibly unknown), so it reads only the header
 * row and the edited rows, and writes one block per run of columns.
 */
import { asCellText } from '../../core/cellText';
import { TAB } from '../../core/schema';
import { normalizeHeader } from '../../core/text';
import { COLUMN_RULES } from '../../core/hubSpec';
import { columnOf } from '../setup/tabs';

type Range = GoogleAppsScript.Spreadsheet.Range;

export interface EditEvent {
  range?: Range;
  user?: { getEmail(): string } | null;
}

/** Columns whose typed values are corrected to the vocabulary's spelling: the tab's dropdown lists, as set-up lays them out. */
export const VOCABULARY_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  COLUMN_RULES.flatMap((c) => (c.tab === TAB.cases && c.rule.kind === 'list' ? [[c.header, c.rule.values]] : [])),
);

export const STAMP_COLUMNS = ['Last Updated', 'Updated By'] as const;
export const UNKNOWN_EDITOR = 'unknown';

/** The canonical spelling of a typed value, or null when it needs no change (or is not in the list). */
export function canonical(value: unknown, vocabulary: readonly string[]): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const key = normalizeHeader(value);
  const hit = vocabulary.find((v) => normalizeHeader(v) === key);
  return hit !== undefined && hit !== value ? hit : null;
}

export function handleEdit(e: EditEvent | undefined): void {
  const range = e?.range;
  if (!range) return;
  const sheet = range.getSheet();
  if (sheet.getName() !== TAB.cases) return;
  const firstRow = Math.max(2, range.getRow());
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow) return; // the header row only

  const width = Math.max(1, sheet.getLastColumn());
  const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] as unknown[]).map((h) => String(h ?? '').trim());
  const firstColumn = range.getColumn();
  const editedColumns = Array.from({ length: range.getNumColumns() }, (_, i) => firstColumn + i);
  const stampColumns = STAMP_COLUMNS.map((h) => columnOf(headers, h));
  if (editedColumns.every((c) => stampColumns.includes(c))) return; // a person correcting the stamp itself

  const block = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
  correctVocabulary(sheet, headers, editedColumns, firstRow, block);
  stamp(sheet, stampColumns, firstRow, block, editorOf(e));
}

function editorOf(e: EditEvent | undefined): string {
  let email: string;
  try {
    email = e?.user?.getEmail() || Session.getActiveUser().getEmail() || '';
  } catch {
    email = '';
  }
  return email.trim().toLowerCase() || UNKNOWN_EDITOR;
}

function correctVocabulary(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  edited: number[],
  firstRow: number,
  block: unknown[][],
): void {
  for (const [header, vocabulary] of Object.entries(VOCABULARY_COLUMNS)) {
    const column = columnOf(headers, header);
    if (!column || !edited.includes(column)) continue;
    // One write per run of consecutive corrected cells: never rewrite a cell that needs no change.
    let run: { start: number; values: string[] } | null = null;
    const flush = (): void => {
      if (!run) return;
      sheet
        .getRange(firstRow + run.start, column, run.values.length, 1)
        .setValues(run.values.map((v) => [asCellText(v)]));
      run = null;
    };
    block.forEach((row, i) => {
      const fixed = canonical(row[column - 1], vocabulary);
      if (fixed === null) {
        flush();
        return;
      }
      row[column - 1] = fixed;
      if (run && run.start + run.values.length === i) run.values.push(fixed);
      else {
        flush();
        run = { start: i, values: [fixed] };
      }
    });
    flush();
  }
}

/** Last Updated and Updated By for every edited row that holds anything (clearing a row leaves it blank). */
function stamp(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: number[],
  firstRow: number,
  block: unknown[][],
  editor: string,
): void {
  const [updatedAt, updatedBy] = columns;
  if (!updatedAt && !updatedBy) return;
  const now = new Date();
  const by = asCellText(editor);
  const live = block.map((row) => row.some((v, c) => v !== '' && c + 1 !== updatedAt && c + 1 !== updatedBy));
  // Runs of rows with content: a blank row in a paste is not stamped.
  let i = 0;
  while (i < block.length) {
    if (!live[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < block.length && live[j + 1]) j++;
    const rows = j - i + 1;
    if (updatedAt && updatedBy && Math.abs(updatedAt - updatedBy) === 1) {
      const left = Math.min(updatedAt, updatedBy);
      const pair = (): unknown[] => (left === updatedAt ? [now, by] : [by, now]);
      sheet.getRange(firstRow + i, left, rows, 2).setValues(Array.from({ length: rows }, pair));
    } else {
      if (updatedAt)
        sheet.getRange(firstRow + i, updatedAt, rows, 1).setValues(Array.from({ length: rows }, () => [now]));
      if (updatedBy)
        sheet.getRange(firstRow + i, updatedBy, rows, 1).setValues(Array.from({ length: rows }, () => [by]));
    }
    i = j + 1;
  }
}
