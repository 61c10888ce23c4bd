/**
 * Utilities.parseCsv (developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String,Char)):
 * RFC 4180 fields — quoted fields may hold the delimiter, line breaks and ""
 * for a quote; rows end at CRLF, LF or CR; a final line break adds no row.
 * Unbalanced quotes are refused, as the platform refuses them ("Could not parse text.").
 */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  if (delimiter.length !== 1) throw new Error(`Invalid argument: delimiter`);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < csv.length) {
    const c = csv[i];
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        // After a closing quote only a delimiter or a line break may follow.
        const next = csv[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r')
          throw new Error('Could not parse text.');
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && csv[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new Error('Could not parse text.');
  if (fieldStarted || field !== '' || row.length > 0) endRow();
  return rows;
}
