/**
 * Stable ids: a case's Ref ('R-000123') and a departure's ID ('D-0007'). They
 * survive sorting and filtering, so every cross-reference uses them, never a
 * row number. The next id is one past the largest already on the tab.
 */

function formatId(prefix: string, width: number, n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`${what} number must be a whole number from 1, not ${String(n)}.`);
  return prefix + String(n).padStart(width, '0');
}

function parseId(prefix: string, id: unknown): number | null {
  if (typeof id !== 'string') return null;
  const m = new RegExp(`^${prefix}(\\d{1,15})$`, 'i').exec(id.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

function nextNumber(prefix: string, existing: Iterable<unknown>): number {
  let max = 0;
  for (const id of existing) {
    const n = parseId(prefix, id);
    if (n !== null && n > max) max = n;
  }
  return max + 1;
}

/** 123 → 'R-000123'. */
export function formatRef(n: number): string {
  return formatId('R-', 6, n, 'A Ref');
}

/** 'R-000123' → 123 (trimmed, any case); anything else → null. */
export function parseRefNumber(ref: string): number | null {
  return parseId('R-', ref);
}

/** One past the largest Ref among the values (1 when there is none); blanks and junk are ignored. */
export function nextRefNumber(existing: Iterable<unknown>): number {
  return nextNumber('R-', existing);
}

/** 7 → 'D-0007'. */
export function formatDepartureId(n: number): string {
  return formatId('D-', 4, n, 'A Departure ID');
}

/** 'D-0007' → 7; anything else → null. */
export function parseDepartureNumber(id: string): number | null {
  return parseId('D-', id);
}

/** One past the largest Departure ID among the values (1 when there is none). */
export function nextDepartureNumber(existing: Iterable<unknown>): number {
  return nextNumber('D-', existing);
}
