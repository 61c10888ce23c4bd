import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseCsv, type Delimiter } from '../../src/server/core/csv';
import { BLNS as blns } from '../support/blns';

/** RFC 4180 writer: quotes a field holding a quote, a line break or any delimiter the reader may detect. */
function serialise(table: string[][], delimiter: Delimiter = ',', eol = '\r\n'): string {
  const quote = (f: string) => (/^\uFEFF|[",;\t\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return table.map((row) => (row.length === 1 && row[0] === '' ? '""' : row.map(quote).join(delimiter))).join(eol);
}

describe('parseCsv', () => {
  it('reads a simple comma-separated table', () => {
    const r = parseCsv('a,b,c\n1,2,3\n');
    expect(r.rows).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.delimiter).toBe(',');
  });

  it('strips a byte order mark from the first header', () => {
    expect(parseCsv('\uFEFFClient ID,Name\r\n1,A').rows[0]).toEqual(['Client ID', 'Name']);
  });

  it('accepts CRLF, LF and lone CR line ends in one file', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('adds no row for a trailing line end', () => {
    expect(parseCsv('a,b\r\n1,2\r\n').rows).toHaveLength(2);
    expect(parseCsv('a,b\n1,2\n').rows).toHaveLength(2);
  });

  it('skips blank lines but keeps a row of empty fields', () => {
    const r = parseCsv('a,b\n\n\r\n1,2\n,\n');
    expect(r.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['', ''],
    ]);
    expect(r.lines).toEqual([1, 4, 5]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const r = parseCsv('id,name\n1,"Kate, Jr."\n2,"Zoë ""Zo"""\n3,"Li\r\nWei"\n');
    expect(r.rows.slice(1)).toEqual([
      ['1', 'Kate, Jr.'],
      ['2', 'Zoë "Zo"'],
      ['3', 'Li\r\nWei'],
    ]);
  });

  it('keeps empty quoted and unquoted fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n"",x,\n').rows[1]).toEqual(['', 'x', '']);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    expect(parseCsv('a,b\nRob "Bobby" Lee,5\'10"\n').rows[1]).toEqual(['Rob "Bobby" Lee', '5\'10"']);
  });

  it('keeps text after a closing quote literally', () => {
    expect(parseCsv('a,b\n"Ann" Marie,2\n').rows[1]).toEqual(['Ann Marie', '2']);
  });

  it('keeps surrounding spaces, which RFC 4180 says are part of the field', () => {
    expect(parseCsv('a,b\n  x , y\n').rows[1]).toEqual(['  x ', ' y']);
  });

  it('reports an unterminated quote on the line where the field began and guesses nothing after it', () => {
    const r = parseCsv('a,b\n1,ok\n2,"never closed\n3,x\n4,y\n');
    expect(r.rows).toEqual([
      ['a', 'b'],
      ['1', 'ok'],
    ]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(3);
    expect(r.errors[0].message).toMatch(/^Line 3: .*closing quote is missing/);
  });

  it('counts line breaks inside quoted fields when naming the line of an error', () => {
    const r = parseCsv('a,b\n1,"two\nlines"\n2,"open\n');
    expect(r.errors[0].line).toBe(4);
    expect(r.lines).toEqual([1, 2]);
  });

  it('detects tab-separated text pasted from a spreadsheet', () => {
    const r = parseCsv('Client ID\tFirst Name\tLast Name\n00123\tAna, María\tSousa\n');
    expect(r.delimiter).toBe('\t');
    expect(r.rows[1]).toEqual(['00123', 'Ana, María', 'Sousa']);
  });

  it('detects semicolon-separated exports', () => {
    const r = parseCsv('Client ID;First Name;Last Name\r\n00123;Ana;Sousa, Jr.\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.rows[1]).toEqual(['00123', 'Ana', 'Sousa, Jr.']);
  });

  it('ignores delimiters inside quoted headers when detecting', () => {
    const r = parseCsv('"Name; full","Notes; more",ID\nA,B,C\n');
    expect(r.delimiter).toBe(',');
    expect(r.rows[0]).toEqual(['Name; full', 'Notes; more', 'ID']);
  });

  it('falls back to the comma for a single-column file', () => {
    expect(parseCsv('Client ID\n00123\n').delimiter).toBe(',');
  });

  it('returns no rows for empty text or only line ends', () => {
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('\uFEFF\r\n\r\n').rows).toEqual([]);
  });

  it('reads the shared messy EHR export fixture', () => {
    const text = fs.readFileSync(path.join(__dirname, '../fixtures/roster/messy-export.csv'), 'utf8');
    const r = parseCsv(text);
    expect(r.errors).toEqual([]);
    expect(r.rows[0][0]).toBe('Patient ID');
    expect(r.rows).toHaveLength(30);
    const byId = new Map(r.rows.map((row, i) => [row[0], { row, line: r.lines[i] }]));
    expect(byId.get('00202')!.row[1]).toBe('Mary-Kate, Jr.');
    expect(byId.get('00203')!.row[1]).toBe('Zoë "Zo"');
    expect(byId.get('00204')!.row[1]).toBe('Li\r\nWei');
    expect(byId.get('00207')!.row[1]).toBe('=HYPERLINK("http://x","y")');
    expect(byId.get('00310')!.row).toHaveLength(4);
    expect(byId.get('00205')!.line).toBe(11);
  });

  describe('round trip', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(...blns),
      fc.constantFrom('', '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', ' ', 'a"b', '"x"'),
    );
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) =>
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
      );

    it.each([',', '\t', ';'] as Delimiter[])('returns the same table after quoting with %j', (delimiter) => {
      fc.assert(
        fc.property(table, fc.constantFrom('\r\n', '\n'), fc.boolean(), (t, eol, trailing) => {
          const text = serialise(t, delimiter, eol) + (trailing ? eol : '');
          const r = parseCsv(text);
          expect(r.errors).toEqual([]);
          expect(r.rows).toEqual(t);
          if (t[0].length > 1) expect(r.delimiter).toBe(delimiter);
        }),
        { numRuns: 300 },
      );
    });

    it('returns every naughty string intact', () => {
      const t = [['id', 'value'], ...blns.map((s, i) => [String(i), s])];
      expect(parseCsv('\uFEFF' + serialise(t)).rows).toEqual(t);
    });
  });
});
