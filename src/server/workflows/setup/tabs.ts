/**
 * Set-up, part 1: the tabs and their header rows. A missing tab is added with
 * its headers, frozen header row and column widths; an existing tab only gets
 * the required headers it lacks (and the add-on's own optional columns, such
 * as Client Answer), appended after the last column, so a
 * person's columns, order and data are never touched.
 */
import { asCellText } from '../../core/cellText';
import { normalizeHeader } from '../../core/text';
import { columnWidth, HEADER_BACKGROUND, HubTab, initialHeaders, repairedHeaders } from '../../core/hubSpec';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TabState {
  readonly tab: HubTab;
  readonly sheet: Sheet;
  /** Header texts of row 1 after set-up, as they stand in the sheet. */
  readonly headers: string[];
  readonly created: boolean;
}

/** Column (1-based) of a header in a header row, or 0. */
export function columnOf(headers: readonly string[], header: string): number {
  const key = normalizeHeader(header);
  return headers.findIndex((h) => normalizeHeader(h) === key) + 1;
}

/** Makes sure a tab exists with its headers; reports what it changed into `repaired`. */
export function ensureTab(ss: Spreadsheet, tab: HubTab, repaired: string[]): TabState {
  const existing = ss.getSheetByName(tab);
  if (!existing) {
    const sheet = ss.insertSheet(tab, ss.getSheets().length);
    const headers = [...initialHeaders(tab)];
    writeHeaderCells(sheet, 1, headers);
    sheet.setFrozenRows(1);
    setWidths(sheet, headers);
    return { tab, sheet, headers, created: true };
  }
  const sheet = existing;
  const width = Math.max(1, sheet.getLastColumn());
  const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] as unknown[]).map((h) => String(h ?? '').trim());
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  const wanted = headers.length === 0 ? initialHeaders(tab) : repairedHeaders(tab);
  const missing = wanted.filter((h) => columnOf(headers, h) === 0);
  if (missing.length) {
    writeHeaderCells(sheet, headers.length + 1, missing);
    if (headers.length === 0) setWidths(sheet, missing);
    repaired.push(
      `${tab}: added the ${missing.map((h) => `"${h}"`).join(', ')} header${missing.length > 1 ? 's' : ''} after the last column`,
    );
    headers.push(...missing);
  }
  if (sheet.getFrozenRows() === 0) {
    sheet.setFrozenRows(1);
    repaired.push(`${tab}: froze the header row`);
  }
  return { tab, sheet, headers, created: false };
}

/** Writes header texts from a column on, growing the grid when the tab is too narrow. */
function writeHeaderCells(sheet: Sheet, fromColumn: number, headers: readonly string[]): void {
  const lastColumn = fromColumn + headers.length - 1;
  const max = sheet.getMaxColumns();
  if (lastColumn > max) sheet.insertColumnsAfter(max, lastColumn - max);
  const range = sheet.getRange(1, fromColumn, 1, headers.length);
  range.setValues([headers.map((h) => asCellText(h))]);
  range.setFontWeight('bold');
  range.setBackground(HEADER_BACKGROUND);
}

/** Column widths, one call per run of adjacent columns of the same width. */
function setWidths(sheet: Sheet, headers: readonly string[]): void {
  let start = 0;
  for (let i = 1; i <= headers.length; i++) {
    if (i < headers.length && columnWidth(headers[i]) === columnWidth(headers[start])) continue;
    sheet.setColumnWidths(start + 1, i - start, columnWidth(headers[start]));
    start = i;
  }
}
