/**
 * RFC 4180 CSV reading for the roster import. EHR exports arrive with a BOM,
 * any line ending, quoted fields holding commas, quotes and line breaks, and
 * sometimes as tab-separated text pasted from a spreadsheet or ';' exports.
 */

export type Delimiter = ',' | '\t' | ';';

export interface CsvResult {
  rows: string[][];
  errors: { line: number; message: string }[];
  delimiter: Delimiter;
  /** 1-based line of the file on which each row begins (rows[i] starts on lines[i]). */
  lines: number[];
}

const CANDIDATES: readonly Delimiter[] = [',', '\t', ';'];

export function parseCsv(text: string): CsvResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(src);
  const rows: string[][] = [];
  const lines: number[] = [];
  const errors: CsvResult['errors'] = [];

  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    // A line with no characters is blank: skipped, it is not a row of one empty field.
    const blankEnd = lineEndLength(src, i);
    if (blankEnd > 0) {
      i += blankEnd;
      line++;
      continue;
    }
    const rowLine = line;
    const row: string[] = [];
    let rowDone = false;
    while (!rowDone) {
      let field = '';
      if (src[i] === '"') {
        const fieldLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          const le = lineEndLength(src, i);
          if (le > 0) line++;
          field += src.slice(i, i + (le || 1));
          i += le || 1;
        }
        if (!closed) {
          errors.push({
            line: fieldLine,
            message: `Line ${fieldLine}: a quoted field starts here but its closing quote is missing, so nothing from line ${fieldLine} on was read. Check the export for a stray " character.`,
          });
          return { rows, errors, delimiter, lines };
        }
      }
      // Unquoted text, or anything after a closing quote, is kept literally (lenient).
      while (i < n && src[i] !== delimiter && lineEndLength(src, i) === 0) {
        field += src[i];
        i++;
      }
      row.push(field);
      if (i < n && src[i] === delimiter) {
        i++;
        continue;
      }
      const le = i < n ? lineEndLength(src, i) : 0;
      if (le > 0) {
        i += le;
        line++;
      }
      rowDone = true;
    }
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, errors, delimiter, lines };
}

/** Length of the line end at i: 2 for CRLF, 1 for LF or a lone CR, 0 for none. */
function lineEndLength(s: string, i: number): number {
  const c = s[i];
  if (c === '\n') return 1;
  if (c === '\r') return s[i + 1] === '\n' ? 2 : 1;
  return 0;
}

/**
 * The delimiter occurring most often outside quotes on the header line (ties
 * and a single-column header fall back to the comma).
 */
function detectDelimiter(src: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let i = 0;
  while (i < src.length && lineEndLength(src, i) > 0) i++;
  let inQuotes = false;
  let atFieldStart = true; // as in parsing, only a quote that opens a field quotes it
  for (; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && atFieldStart) inQuotes = true;
    else if (lineEndLength(src, i) > 0) break;
    else if (c === ',' || c === '\t' || c === ';') counts[c]++;
    atFieldStart = c === ',' || c === '\t' || c === ';';
  }
  let best: Delimiter = ',';
  for (const d of CANDIDATES) if (counts[d] > counts[best]) best = d;
  return best;
}
