/**
 * Inserting and deleting rows and columns: every layer of the sheet moves,
 * and so do the things that point at cells (named ranges, protections,
 * conditional format ranges, chart ranges and anchors, the selection).
 * Formulas are not rewritten (their references keep their text).
 */
import { Box } from './a1';
import { Ctx } from './ctx';
import { fail, MSG } from './errors';
import { EmSpreadsheet, SheetState } from './model';

type Dim = 'rows' | 'cols';

/** A box after inserting (n > 0) or deleting (n < 0) lines at 1-based `at`; null when deleted entirely. */
export function shiftBox(b: Box, dim: Dim, at: number, n: number): Box | null {
  const startKey = dim === 'rows' ? 'r' : 'c';
  const lenKey = dim === 'rows' ? 'nr' : 'nc';
  const start = b[startKey],
    len = b[lenKey];
  const out = { ...b };
  if (n > 0) {
    if (at <= start) out[startKey] = start + n;
    else if (at < start + len) out[lenKey] = len + n;
    return out;
  }
  const k = -n,
    end = start + len - 1,
    delEnd = at + k - 1;
  if (delEnd < start) {
    out[startKey] = start - k;
    return out;
  }
  if (at > end) return out;
  const overlap = Math.min(end, delEnd) - Math.max(start, at) + 1;
  if (len - overlap <= 0) return null;
  out[startKey] = Math.min(start, at);
  out[lenKey] = len - overlap;
  return out;
}

function shiftIndexMap(m: Record<number, number>, at: number, n: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(m)) {
    const i = Number(k);
    if (i < at) out[i] = v;
    else if (n > 0) out[i + n] = v;
    else if (i >= at - n) out[i + n] = v;
  }
  return out;
}

function shiftIndexList(list: number[], at: number, n: number): number[] {
  return list.flatMap((i) => (i < at ? [i] : n > 0 ? [i + n] : i >= at - n ? [i + n] : []));
}

function shiftRefs(book: EmSpreadsheet, sh: SheetState, dim: Dim, at: number, n: number): void {
  const move = (b: Box) => shiftBox(b, dim, at, n);
  book.namedRanges = book.namedRanges.flatMap((nr) => {
    if (nr.sheetId !== sh.id) return [nr];
    const box = move(nr.box);
    return box ? [{ ...nr, box }] : [];
  });
  book.protections = book.protections.flatMap((p) => {
    if (p.sheetId !== sh.id) return [p];
    const unprotected = p.unprotected.map(move).filter((b): b is Box => b !== null);
    if (!p.box) return [{ ...p, unprotected }];
    const box = move(p.box);
    return box ? [{ ...p, box, unprotected }] : [];
  });
  sh.condRules = sh.condRules.flatMap((rule) => {
    const ranges = rule.ranges.map(move).filter((b): b is Box => b !== null);
    return ranges.length ? [{ ...rule, ranges }] : [];
  });
  for (const other of book.sheets) {
    for (const chart of other.charts) {
      chart.ranges = chart.ranges.flatMap((r) => {
        if (r.sheetId !== sh.id) return [r];
        const box = move(r);
        return box ? [{ ...box, sheetId: r.sheetId }] : [];
      });
      if (other === sh) {
        const key = dim === 'rows' ? 'row' : 'col';
        const pos = chart.position[key];
        if (pos >= at) chart.position[key] = n > 0 ? pos + n : Math.max(at, pos + n);
      }
    }
  }
  if (book.selection?.sheetId === sh.id) {
    const box = move(book.selection.box);
    book.selection = box ? { sheetId: sh.id, box } : null;
  }
  if (dim === 'rows') {
    sh.rowHeights = shiftIndexMap(sh.rowHeights, at, n);
    sh.hiddenRows = shiftIndexList(sh.hiddenRows, at, n);
  } else {
    sh.colWidths = shiftIndexMap(sh.colWidths, at, n);
    sh.hiddenCols = shiftIndexList(sh.hiddenCols, at, n);
  }
}

/** Inserts `n` blank rows or columns before 1-based position `at` (at may be max+1). */
export function insertLines(ctx: Ctx, book: EmSpreadsheet, sh: SheetState, dim: Dim, at: number, n: number): void {
  ctx.assertScriptCanEdit(book, sh, null);
  if (!(n >= 1)) fail(dim === 'rows' ? MSG.rowsAtLeastOne : MSG.colsAtLeastOne);
  const max = dim === 'rows' ? sh.maxRows : sh.maxCols;
  if (at < 1 || at > max + 1)
    fail(dim === 'rows' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.');
  ctx.recordMeta(book);
  if (ctx.kernel.inExecution()) {
    ctx.recordUndo(book, () => {
      for (const [, g] of sh.grids()) {
        if (dim === 'rows') g.deleteRows(at - 1, n);
        else g.deleteCols(at - 1, n);
      }
    });
  }
  for (const [, g] of sh.grids()) {
    if (dim === 'rows') g.insertRows(at - 1, n);
    else g.insertCols(at - 1, n);
  }
  if (dim === 'rows') sh.maxRows += n;
  else sh.maxCols += n;
  shiftRefs(book, sh, dim, at, n);
}

/** Deletes `n` rows or columns starting at 1-based position `at`. */
export function deleteLines(ctx: Ctx, book: EmSpreadsheet, sh: SheetState, dim: Dim, at: number, n: number): void {
  ctx.assertScriptCanEdit(book, sh, null);
  const max = dim === 'rows' ? sh.maxRows : sh.maxCols;
  if (!(n >= 1)) fail(dim === 'rows' ? MSG.rowsAtLeastOne : MSG.colsAtLeastOne);
  if (at < 1 || at + n - 1 > max)
    fail(dim === 'rows' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.');
  const frozen = dim === 'rows' ? sh.frozenRows : sh.frozenCols;
  if (n >= max - frozen && at <= frozen + 1 && at + n - 1 >= max)
    fail(dim === 'rows' ? MSG.deleteAllRows : MSG.deleteAllColumns);
  ctx.recordMeta(book);
  const saved = new Map<string, unknown>();
  for (const [k, g] of sh.grids()) saved.set(k, dim === 'rows' ? g.deleteRows(at - 1, n) : g.deleteCols(at - 1, n));
  if (ctx.kernel.inExecution()) {
    ctx.recordUndo(book, () => {
      for (const [k, g] of sh.grids()) {
        const s = saved.get(k);
        if (dim === 'rows') g.restoreRows(at - 1, (s as never) ?? new Array(n));
        else g.restoreCols(at - 1, n, (s as never) ?? new Map());
      }
    });
  }
  if (dim === 'rows') sh.maxRows -= n;
  else sh.maxCols -= n;
  if (dim === 'rows' && sh.frozenRows > sh.maxRows) sh.frozenRows = sh.maxRows;
  shiftRefs(book, sh, dim, at, -n);
}
