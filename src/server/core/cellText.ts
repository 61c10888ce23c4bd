/**
 * Text that came from a person or a file must stay exactly that text in a cell.
 * Sheets parses script writes like typing: '=…' and '+1 555…' become formulas,
 * '00123' a number, '2026-01-02' or 'March 3' a date, 'true' a boolean. A
 * leading apostrophe makes Sheets keep the rest as text (and is not part of
 * the value), so every string that could be read as anything but text gets one.
 */

const MONTH_DATE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[\s,/-]*\d/i;
const BOOLEAN = /^(true|false)$/i;
/** A letter of any script: names and words start with one and are never parsed. */
const STARTS_WITH_LETTER = /^\p{L}/u;

export function needsTextGuard(s: string): boolean {
  if (s === '') return false;
  if (!STARTS_WITH_LETTER.test(s)) return true;
  const t = s.trim();
  return BOOLEAN.test(t) || MONTH_DATE.test(t);
}

/** The string to write so that the cell's value reads back as exactly `s`. */
export function asCellText(s: string): string {
  return needsTextGuard(s) ? `'${s}` : s;
}
