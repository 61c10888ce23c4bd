/**
 * Set-up, part 3: the number formats of the date columns (core/hubSpec
 * COLUMN_FORMATS), from the first data row to the end of the grid.
 *
 * A cell gets our format only where it has none of its own: left on
 * automatic, or on the format Sheets itself puts on a date typed or written
 * into an automatic cell (M/d/yyyy, M/d/yyyy H:mm:ss). Any other format is a
 * person's choice and stays. One read of the formats per existing tab and one
 * RangeList call per format written, so a second run only reads.
 */
import { COLUMN_FORMATS, HubTab } from '../../core/hubSpec';
import { columnOf, TabState } from './tabs';

/** Formats that are no one's choice (compared lower-case): automatic, and Sheets' own date defaults. */
const NOT_CHOSEN = new Set(['', '0.###############', 'general', 'm/d/yyyy', 'm/d/yyyy h:mm:ss']);

/** Whether a cell's format should become ours: it has none of its own, and is not ours already. */
export function formatMissing(current: unknown, ours: string): boolean {
  const f = String(current ?? '').trim();
  return f !== ours && NOT_CHOSEN.has(f.toLowerCase());
}

/** 1 → A, 27 → AA. */
function letter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

interface FormatColumn {
  header: string;
  column: number;
  format: string;
}

/** Gives every date column its format where a cell has none; reports each repaired tab into `repaired`. */
export function ensureFormats(tabs: ReadonlyMap<HubTab, TabState>, repaired: string[]): void {
  for (const state of tabs.values()) {
    const wanted = COLUMN_FORMATS[state.tab];
    if (!wanted) continue;
    const columns: FormatColumn[] = Object.entries(wanted)
      .map(([header, format]) => ({ header, format, column: columnOf(state.headers, header) }))
      .filter((c) => c.column > 0);
    const rows = state.sheet.getMaxRows() - 1;
    if (columns.length === 0 || rows < 1) continue;
    const ranges = state.created ? wholeColumns(columns, rows) : missingRuns(state, columns, rows);
    if (ranges.size === 0) continue;
    const fixed = new Set<string>();
    for (const [format, list] of ranges) {
      state.sheet.getRangeList(list.map((r) => r.a1)).setNumberFormat(format);
      for (const r of list) fixed.add(r.header);
    }
    if (!state.created) {
      const names = columns.filter((c) => fixed.has(c.header)).map((c) => c.header);
      repaired.push(`${state.tab}: set the date format of ${names.join(', ')} where a cell had none`);
    }
  }
}

type Runs = Map<string, { header: string; a1: string }[]>;

function add(out: Runs, format: string, header: string, a1: string): void {
  const list = out.get(format) ?? [];
  list.push({ header, a1 });
  out.set(format, list);
}

/** A new tab: every date column whole. */
function wholeColumns(columns: FormatColumn[], rows: number): Runs {
  const out: Runs = new Map();
  for (const c of columns) add(out, c.format, c.header, `${letter(c.column)}2:${letter(c.column)}${rows + 1}`);
  return out;
}

/** An existing tab: the runs of rows, per column, whose cells have no format of their own (one read for the tab). */
function missingRuns(state: TabState, columns: FormatColumn[], rows: number): Runs {
  const first = Math.min(...columns.map((c) => c.column));
  const last = Math.max(...columns.map((c) => c.column));
  const formats = state.sheet.getRange(2, first, rows, last - first + 1).getNumberFormats();
  const out: Runs = new Map();
  for (const c of columns) {
    const col = letter(c.column);
    let start = 0;
    for (let i = 0; i <= rows; i++) {
      const missing = i < rows && formatMissing(formats[i][c.column - first], c.format);
      if (missing && start === 0) start = i + 2;
      if (!missing && start !== 0) {
        add(out, c.format, c.header, `${col}${start}:${col}${i + 1}`);
        start = 0;
      }
    }
  }
  return out;
}
