/** A1 notation: column letters, parsing 'Sheet'!A1:B2 forms, and printing. */
import { fail, MSG } from './errors';

/** A block of cells, 1-based. */
export interface Box {
  r: number;
  c: number;
  nr: number;
  nc: number;
}
/** How a range was named, so getA1Notation prints 'A:B' and '2:3' back. */
export type A1Form = 'cells' | 'cols' | 'rows';

export function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function boxA1(b: Box, form: A1Form = 'cells'): string {
  if (form === 'cols') return `${colLetters(b.c)}:${colLetters(b.c + b.nc - 1)}`;
  if (form === 'rows') return `${b.r}:${b.r + b.nr - 1}`;
  const first = `${colLetters(b.c)}${b.r}`;
  if (b.nr === 1 && b.nc === 1) return first;
  return `${first}:${colLetters(b.c + b.nc - 1)}${b.r + b.nr - 1}`;
}

/** Splits "'My Sheet'!A1:B2" into the sheet name (if any) and the reference. */
export function splitSheet(a1: string): { sheet?: string; ref: string } {
  const q = /^'((?:[^']|'')+)'!(.*)$/.exec(a1);
  if (q) return { sheet: q[1].replace(/''/g, "'"), ref: q[2] };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheet: a1.slice(0, bang), ref: a1.slice(bang + 1) };
  return { ref: a1 };
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Resolves a reference (no sheet part) against a grid of maxRows × maxCols.
 * Accepts A1, A1:B2, A:B, 2:3 and open-ended A2:B. Anything else is
 * "Range not found", as the service reports.
 */
export function parseRef(ref: string, maxRows: number, maxCols: number): { box: Box; form: A1Form } {
  const parts = ref.trim().split(':');
  if (parts.length > 2 || parts[0] === '') fail(MSG.rangeNotFound);
  const p = parts.map((s) => PART.exec(s));
  if (p.some((m) => !m || (!m[1] && !m[2]))) fail(MSG.rangeNotFound);
  const [a, b] = p as RegExpExecArray[];
  const colA = a[1] ? lettersCol(a[1]) : undefined;
  const rowA = a[2] ? Number(a[2]) : undefined;
  if (!b) {
    if (colA === undefined || rowA === undefined || rowA < 1) fail(MSG.rangeNotFound);
    return { box: { r: rowA, c: colA, nr: 1, nc: 1 }, form: 'cells' };
  }
  const colB = b[1] ? lettersCol(b[1]) : undefined;
  const rowB = b[2] ? Number(b[2]) : undefined;
  let form: A1Form = 'cells';
  let r1: number, r2: number, c1: number, c2: number;
  if (colA !== undefined && colB !== undefined) {
    c1 = colA;
    c2 = colB;
    if (rowA === undefined && rowB === undefined) {
      r1 = 1;
      r2 = maxRows;
      form = 'cols';
    } else if (rowA !== undefined && rowB !== undefined) {
      r1 = rowA;
      r2 = rowB;
    } else if (rowA !== undefined) {
      r1 = rowA;
      r2 = maxRows;
    } else fail(MSG.rangeNotFound);
  } else if (colA === undefined && colB === undefined) {
    r1 = rowA as number;
    r2 = rowB as number;
    c1 = 1;
    c2 = maxCols;
    form = 'rows';
  } else if (colA !== undefined && rowA !== undefined && rowB !== undefined) {
    // A2:5 — from A2 to the last column of row 5
    r1 = rowA;
    r2 = rowB;
    c1 = colA;
    c2 = maxCols;
  } else fail(MSG.rangeNotFound);
  if (r1 < 1 || r2 < 1) fail(MSG.rangeNotFound);
  const top = Math.min(r1, r2),
    left = Math.min(c1, c2);
  return { box: { r: top, c: left, nr: Math.abs(r2 - r1) + 1, nc: Math.abs(c2 - c1) + 1 }, form };
}

export const boxContains = (outer: Box, inner: Box): boolean =>
  inner.r >= outer.r &&
  inner.c >= outer.c &&
  inner.r + inner.nr <= outer.r + outer.nr &&
  inner.c + inner.nc <= outer.c + outer.nc;

export const boxesIntersect = (a: Box, b: Box): boolean =>
  a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
