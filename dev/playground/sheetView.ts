/**
 * A tab as the playground page shows it: the displayed text of every cell,
 * and for each column the control a person would get in Sheets (a dropdown
 * for a list or range rule, a checkbox for a checkbox rule). Read from the
 * emulator's state directly, so looking costs the add-on no service calls.
 */
import type { Emulator } from '../emulator/index';
import type { EmSpreadsheet, RangeTag, ValidationData } from '../emulator/spreadsheet/model';

export type ColumnControl =
  { kind: 'text' } | { kind: 'checkbox' } | { kind: 'list'; options: string[]; strict: boolean };

export interface TabView {
  spreadsheetId: string;
  name: string;
  /** Displayed text, header row first; at most `limit` rows. */
  rows: string[][];
  totalRows: number;
  columns: ColumnControl[];
  frozenRows: number;
  /** 0-based index of the row holding the headers. */
  headerRow: number;
  /** 0-based row and column of the selected cell, when the selection is on this tab. */
  selected: { row: number; col: number } | null;
}

export interface BookView {
  id: string;
  name: string;
  tabs: string[];
  isHub: boolean;
}

/** The spreadsheets `user` may open, the hub first. */
export function booksFor(emu: Emulator, hubId: string, user: string): BookView[] {
  const books = emu.sheets.all() as EmSpreadsheet[];
  return books
    .filter((b) => b.canOpen(user))
    .sort((a, b) => Number(b.id === hubId) - Number(a.id === hubId))
    .map((b) => ({
      id: b.id,
      name: b.name,
      tabs: b.sheets.filter((s) => !s.hidden).map((s) => s.name),
      isHub: b.id === hubId,
    }));
}

function isRangeTag(v: unknown): v is RangeTag {
  return !!v && typeof v === 'object' && '$range' in (v as object);
}

/** The options a list or range rule offers, as text. */
function optionsOf(emu: Emulator, book: EmSpreadsheet, rule: ValidationData): string[] {
  if (rule.criteria === 'VALUE_IN_LIST') return ((rule.values[0] as unknown[] | undefined) ?? []).map(String);
  const tag = rule.values[0];
  if (!isRangeTag(tag)) return [];
  const source = book.sheetById(tag.$range.sheetId);
  if (!source) return [];
  const { display } = emu.sheets.peek(book.id, source.name);
  const out: string[] = [];
  // Boxes are 1-based, as A1 notation is; the display grid is 0-based.
  const { r, c, nr, nc } = tag.$range;
  for (let i = r - 1; i < Math.min(display.length, r - 1 + nr); i++) {
    for (let j = c - 1; j < c - 1 + nc; j++) {
      const v = display[i]?.[j] ?? '';
      if (v !== '' && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

function controlOf(emu: Emulator, book: EmSpreadsheet, rule: ValidationData | null | undefined): ColumnControl {
  if (!rule) return { kind: 'text' };
  if (rule.criteria === 'CHECKBOX') return { kind: 'checkbox' };
  if (rule.criteria === 'VALUE_IN_LIST' || rule.criteria === 'VALUE_IN_RANGE') {
    return { kind: 'list', options: optionsOf(emu, book, rule), strict: !rule.allowInvalid };
  }
  return { kind: 'text' };
}

export function tabView(emu: Emulator, spreadsheetId: string, tab: string, limit = 2000): TabView {
  const book = emu.sheets.get(spreadsheetId) as EmSpreadsheet | undefined;
  if (!book) throw new Error(`There is no spreadsheet ${spreadsheetId}.`);
  const sheet = book.sheetByName(tab);
  if (!sheet) throw new Error(`The "${tab}" tab does not exist in ${book.name}.`);
  const { display } = emu.sheets.peek(spreadsheetId, tab);
  const width = Math.max(1, ...display.map((r) => r.length));
  // The header is the last frozen row (the first row when none is frozen); rules are set on whole columns below it.
  const headerRow = Math.max(0, sheet.frozenRows - 1);
  const rules = sheet.style('validation');
  const columns: ColumnControl[] = [];
  for (let c = 0; c < width; c++)
    columns.push(controlOf(emu, book, rules.get(headerRow + 1, c) as ValidationData | undefined));
  const sel =
    book.selection && book.selection.sheetId === sheet.id
      ? { row: book.selection.box.r - 1, col: book.selection.box.c - 1 }
      : null;
  return {
    spreadsheetId,
    name: tab,
    rows: display.slice(0, limit).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
    totalRows: display.length,
    columns,
    frozenRows: sheet.frozenRows,
    headerRow,
    selected: sel,
  };
}
