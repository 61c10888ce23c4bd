/** Range.sort: rows of a block reordered by one or more columns (values and formats move together). */
import { Box } from './a1';
import { Ctx } from './ctx';
import { checkArgs, fail } from './errors';
import { ErrorValue, Value } from './formula';
import { EmSpreadsheet, SheetState } from './model';
import { computed } from './values';

export type SortSpec =
  number | { column: number; ascending?: boolean } | (number | { column: number; ascending?: boolean })[];

/** Sheets' ascending order: numbers (and dates), then text, then booleans; blanks always last. */
function rank(v: Value): number {
  if (v === null || v === '') return 4;
  if (typeof v === 'number') return 0;
  if (typeof v === 'string' || v instanceof ErrorValue) return 1;
  return 2;
}

function compare(a: Value, b: Value): number {
  const ra = rank(a),
    rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = a instanceof ErrorValue ? a.code : String(a),
    sb = b instanceof ErrorValue ? b.code : String(b);
  return sa.localeCompare(sb, 'en', { sensitivity: 'base' });
}

export function sortRows(ctx: Ctx, book: EmSpreadsheet, sh: SheetState, box: Box, spec: SortSpec): void {
  const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
    typeof s === 'number' ? { column: s, ascending: true } : s,
  );
  checkArgs(
    specs.length > 0 && specs.every((s) => s && typeof s.column === 'number'),
    [spec],
    'SpreadsheetApp.Range.sort',
  );
  for (const s of specs) {
    if (s.column < box.c || s.column >= box.c + box.nc)
      fail(`The specified column (${s.column}) must be part of the range being sorted.`);
  }
  const r0 = box.r - 1,
    c0 = box.c - 1;
  const visiting = new Set<string>();
  const keys = Array.from({ length: box.nr }, (_, i) =>
    specs.map((s) => computed(book, sh, sh.values.get(r0 + i, s.column - 1), r0 + i, s.column - 1, visiting)),
  );
  const order = keys
    .map((_, i) => i)
    .sort((i, j) => {
      for (let k = 0; k < specs.length; k++) {
        const a = keys[i][k],
          b = keys[j][k];
        const blankA = a === null || a === '',
          blankB = b === null || b === '';
        if (blankA || blankB) {
          if (blankA !== blankB) return blankA ? 1 : -1;
          continue;
        }
        const c = compare(a, b);
        if (c) return specs[k].ascending === false ? -c : c;
      }
      return i - j;
    });
  const grids = sh.grids();
  ctx.recordCells(
    book,
    sh,
    grids.map(([k]) => k),
    box,
  );
  for (const [, g] of grids) {
    const block = g.read(r0, c0, box.nr, box.nc);
    g.write(
      r0,
      c0,
      order.map((i) => block[i]),
    );
  }
}
