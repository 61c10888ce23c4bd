/**
 * The therapist's own transition sheet: a separate spreadsheet holding one
 * tab of their cases. Read with one call, appended with one, and laid out
 * with the practice's dropdowns and a protection that leaves only Preference,
 * Recommended Clinician and Notes open to the therapist, and Email and Phone
 * correctable behind a warning. It never refers to
 * the hub (a validation range pointing there would expose the hub's data).
 */
import { asCellText } from '../../core/cellText';
import { PREFERENCE } from '../../core/schema';
import { normalizeHeader } from '../../core/text';
import { EDITABLE_COLUMNS, SHEET_COLUMNS, SheetColumn, SheetRow } from './plan';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SHEET_TAB = 'Clients';
/** Contact columns the therapist may correct (after a warning); corrections are flagged, never copied to Clients. */
const CORRECTABLE_COLUMNS: readonly SheetColumn[] = ['Email', 'Phone'];
const CONTACT_WARNING =
  "Corrections to a client's email or phone are flagged for the front desk to check; they do not change the client record.";
/** Row 1 holds the instructions; row 2 the headers; the cases start on row 3. */
const INSTRUCTIONS_ROW = 1;
const HEADER_ROW = 2;
/** How far down a moved header row is still found. */
const HEADER_SEARCH_ROWS = 10;

export interface TransitionSheet {
  file: Spreadsheet;
  sheet: Sheet;
  headerRow: number;
  /** 0-based column of each header present. */
  columns: Map<SheetColumn, number>;
  rows: SheetRow[];
  /** Last row holding anything (the header row when there are no cases). */
  lastRow: number;
}

export function openTransitionSheet(url: string, fileId: string): Spreadsheet {
  const where = url || fileId;
  try {
    return url ? SpreadsheetApp.openByUrl(url) : SpreadsheetApp.openById(fileId);
  } catch (e) {
    throw new Error(
      `The transition sheet ${where} cannot be opened (${(e as Error).message}). If it was deleted, clear the departure's Transition Sheet URL and share again to create a new one.`,
      { cause: e },
    );
  }
}

export function createTransitionSheet(title: string, caseCount: number): Spreadsheet {
  return SpreadsheetApp.create(title, Math.max(HEADER_ROW + caseCount, 10), SHEET_COLUMNS.length);
}

function cellString(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** Reads the sheet with one call; null when it has no header row yet (a new or emptied file). */
export function readTransitionSheet(file: Spreadsheet): TransitionSheet | null {
  const sheet = file.getSheetByName(SHEET_TAB) ?? file.getSheets()[0];
  const grid = sheet.getDataRange().getValues() as unknown[][];
  const headerIndex = grid
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => row.some((v) => normalizeHeader(cellString(v)) === 'ref'));
  if (headerIndex < 0) return null;
  const columns = new Map<SheetColumn, number>();
  grid[headerIndex].forEach((v, i) => {
    const header = SHEET_COLUMNS.find((h) => normalizeHeader(h) === normalizeHeader(cellString(v)));
    if (header && !columns.has(header)) columns.set(header, i);
  });
  const rows: SheetRow[] = [];
  let lastRow = headerIndex + 1;
  for (let r = headerIndex + 1; r < grid.length; r++) {
    if (grid[r].every((v) => cellString(v) === '')) continue;
    lastRow = r + 1;
    const get = (h: SheetColumn): string => {
      const i = columns.get(h);
      return i === undefined ? '' : cellString(grid[r][i]);
    };
    rows.push({
      rowNumber: r + 1,
      values: {
        Ref: get('Ref'),
        Preference: get('Preference'),
        'Recommended Clinician': get('Recommended Clinician'),
        Notes: get('Notes'),
        Email: get('Email'),
        Phone: get('Phone'),
      },
    });
  }
  return { file, sheet, headerRow: headerIndex + 1, columns, rows, lastRow };
}

/** Writes the instructions and the header row of a new (or emptied) file. */
export function layOutTransitionSheet(file: Spreadsheet, instructions: string): TransitionSheet {
  const sheet = file.getSheets()[0];
  sheet.setName(SHEET_TAB);
  const width = SHEET_COLUMNS.length;
  const grid: string[][] = [[asCellText(instructions), ...Array<string>(width - 1).fill('')], [...SHEET_COLUMNS]];
  sheet.getRange(INSTRUCTIONS_ROW, 1, 2, width).setValues(grid);
  sheet.getRange(INSTRUCTIONS_ROW, 1, 1, width).merge().setWrap(true).setVerticalAlignment('top');
  sheet.setRowHeight(INSTRUCTIONS_ROW, 60);
  sheet.getRange(HEADER_ROW, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(HEADER_ROW);
  const columns = new Map<SheetColumn, number>(SHEET_COLUMNS.map((h, i) => [h, i]));
  return { file, sheet, headerRow: HEADER_ROW, columns, rows: [], lastRow: HEADER_ROW };
}

/**
 * Appends rows (values by header) below the last row, in one write. Email and
 * Phone cells are plain-text formatted first, so what is written — and what the
 * therapist types there later, such as '+1 555 010 0199' — stays exactly text.
 */
export function appendToTransitionSheet(t: TransitionSheet, rows: Record<SheetColumn, string>[]): void {
  if (rows.length === 0) return;
  const width = Math.max(SHEET_COLUMNS.length, ...[...t.columns.values()].map((i) => i + 1));
  const plain = plainTextColumns(t);
  const grid = rows.map((r) => {
    const line: string[] = Array<string>(width).fill('');
    for (const h of SHEET_COLUMNS) {
      const i = t.columns.get(h);
      if (i !== undefined) line[i] = plain.includes(i) ? (r[h] ?? '') : asCellText(r[h] ?? '');
    }
    return line;
  });
  const first = t.lastRow + 1;
  const last = t.lastRow + rows.length;
  const max = t.sheet.getMaxRows();
  if (last > max) t.sheet.insertRowsAfter(max, last - max);
  setPlainText(t, plain, first, rows.length);
  t.sheet.getRange(first, 1, grid.length, width).setValues(grid);
  t.lastRow = last;
}

/** 0-based columns of the sheet kept as plain text ('@'): Email and Phone. */
function plainTextColumns(t: TransitionSheet): number[] {
  return CORRECTABLE_COLUMNS.map((h) => t.columns.get(h))
    .filter((i): i is number => i !== undefined)
    .sort((a, b) => a - b);
}

/** One setNumberFormat('@') per block of adjacent plain-text columns (Email and Phone sit side by side: one call). */
function setPlainText(t: TransitionSheet, columns: number[], firstRow: number, height: number): void {
  if (height < 1) return;
  let start = 0;
  for (let k = 1; k <= columns.length; k++) {
    if (k < columns.length && columns[k] === columns[k - 1] + 1) continue;
    t.sheet.getRange(firstRow, columns[start] + 1, height, k - start).setNumberFormat('@');
    start = k;
  }
}

/**
 * The dropdowns and the protection, over every case row: Preference from the
 * vocabulary, Recommended Clinician from a list of names (never a range in
 * the hub), everything but the three editable columns protected.
 */
export function applySheetRules(t: TransitionSheet, clinicianNames: readonly string[]): void {
  const first = t.headerRow + 1;
  const height = Math.max(1, t.sheet.getMaxRows() - t.headerRow);
  const columnRange = (h: SheetColumn): GoogleAppsScript.Spreadsheet.Range | null => {
    const i = t.columns.get(h);
    return i === undefined ? null : t.sheet.getRange(first, i + 1, height, 1);
  };

  const preference = columnRange('Preference');
  preference?.setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireValueInList([...PREFERENCE], true)
      .setAllowInvalid(false)
      .setHelpText("Choose the client's preference from the list.")
      .build(),
  );
  const recommended = columnRange('Recommended Clinician');
  if (recommended && clinicianNames.length) {
    recommended.setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList([...clinicianNames], true)
        .setAllowInvalid(false)
        .setHelpText('Choose an active clinician who is accepting new clients.')
        .build(),
    );
  }

  const protection =
    t.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ??
    t.sheet.protect().setDescription('Only Preference, Recommended Clinician and Notes are for the therapist to edit.');
  const present = (r: GoogleAppsScript.Spreadsheet.Range | null): r is GoogleAppsScript.Spreadsheet.Range => r !== null;
  const open = EDITABLE_COLUMNS.map(columnRange).filter(present);
  const contact = CORRECTABLE_COLUMNS.map(columnRange).filter(present);
  protection.setUnprotectedRanges([...open, ...contact]);
  // The process asks the therapist to verify the list and make corrections: contact details stay
  // correctable behind a warning, and the sync flags a correction for review instead of copying it.
  const warned = new Set(
    t.sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => p.getDescription() === CONTACT_WARNING)
      .map((p) => p.getRange().getA1Notation()),
  );
  for (const range of contact) {
    if (!warned.has(range.getA1Notation())) range.protect().setDescription(CONTACT_WARNING).setWarningOnly(true);
  }
  keepOnlyMeAsEditor(protection);
}

/**
 * Leaves the script's user the protection's only editor, in the documented
 * order (sheet#protect): keep me, then remove everyone else (the therapist
 * included), then the domain. The platform check probes it.
 */
export function keepOnlyMeAsEditor(protection: GoogleAppsScript.Spreadsheet.Protection): void {
  const me = Session.getEffectiveUser();
  const myEmail = me.getEmail().toLowerCase();
  protection.addEditor(me);
  const others = protection.getEditors().filter((u) => u.getEmail().toLowerCase() !== myEmail);
  if (others.length) protection.removeEditors(others.map((u) => u.getEmail()));
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}
