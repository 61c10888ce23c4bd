/**
 * Display values: Range.getDisplayValues returns what the sheet shows, with the
 * cell's number format in the spreadsheet's time zone
 * (developers.google.com/apps-script/reference/spreadsheet/range#getdisplayvalues,
 * number format patterns: developers.google.com/sheets/api/guides/formats).
 */
import { setup } from './spreadsheet-setup';
import { expectProbePasses } from './probes';

function shown(value: unknown, format?: string, tz?: string): string {
  const { sheet } = setup({ tz });
  const cell = sheet.getRange('A1');
  if (format) cell.setNumberFormat(format);
  cell.setValue(value);
  return cell.getDisplayValue();
}

describe('numbers (automatic format)', () => {
  it.each([
    [1000, '1000'],
    [0.5, '0.5'],
    [-7, '-7'],
    [0.1 + 0.2, '0.3'],
    [15551234567, '15551234567'],
  ])('shows %p as %s with no trailing zeros', (n, text) => expect(shown(n)).toBe(text));

  it('reports the automatic format as 0.###############', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });
});

describe('number formats (range#setnumberformatnumberformat)', () => {
  it.each([
    [1.5, '0.00', '1.50'],
    [2.4, '0', '2'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [0.125, '0%', '13%'],
    [0.125, '0.00%', '12.50%'],
    [5, '$#,##0.00', '$5.00'],
    [-5, '$#,##0.00', '-$5.00'],
    [12345, '0.00E+00', '1.23E+04'],
    ['text', '0.00', 'text'],
  ])('shows %p under %s as %s', (v, fmt, text) => expect(shown(v, fmt)).toBe(text));

  it("shows a number under '@' without formatting", () => expect(shown(42, '@')).toBe('42'));
});

describe('dates', () => {
  const nov26 = new Date(Date.UTC(2026, 10, 26, 19, 30, 5)); // 14:30:05 in New York

  it('shows a written Date with a time part as M/d/yyyy H:mm:ss in the spreadsheet zone', () => {
    expect(shown(nov26)).toBe('11/26/2026 14:30:05');
  });

  it("gives a midnight Date written into an automatic cell the format M/d/yyyy, and shows the hub's date formats, as the live probe asserts", () => {
    expectProbePasses('dates and their formats in the hub time zone');
  });

  it.each([
    ['yyyy-mm-dd', '2026-11-26'],
    ['yyyy-mm-dd hh:mm', '2026-11-26 14:30'],
    ['M/d/yyyy', '11/26/2026'],
    ['mmm d, yyyy', 'Nov 26, 2026'],
    ['dddd', 'Thursday'],
    ['h:mm am/pm', '2:30 PM'],
    ['hh:mm:ss', '14:30:05'],
  ])("uses 'mm' as months unless it follows an hour: %s → %s", (fmt, text) => expect(shown(nov26, fmt)).toBe(text));

  it("shows the same instant in another spreadsheet zone at that zone's wall time", () => {
    expect(shown(nov26, 'yyyy-mm-dd hh:mm', 'Europe/London')).toBe('2026-11-26 19:30');
  });

  it('keeps wall times across a daylight-saving change', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([['2026-03-07 09:00'], ['2026-03-09 09:00']]);
    const [[before], [after]] = sheet.getRange('A1:A2').getValues();
    expect(after.getTime() - before.getTime()).toBe(2 * 86400000 - 3600000);
    expect(sheet.getRange('A1:A2').getDisplayValues()).toEqual([['3/7/2026 9:00:00'], ['3/9/2026 9:00:00']]);
  });

  it('keeps the wall time when the spreadsheet zone changes, so the instant moves (Sheets stores serials)', () => {
    const { sheet, ss } = setup();
    sheet.getRange('A1').setValue('2026-11-26 09:00');
    ss.setSpreadsheetTimeZone('America/Los_Angeles');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('11/26/2026 9:00:00');
    expect(sheet.getRange('A1').getValue().getTime()).toBe(Date.UTC(2026, 10, 26, 17));
  });

  it('reads a number written into a date-formatted cell back as a Date (the format decides)', () => {
    const { sheet } = setup();
    const cell = sheet.getRange('A1').setNumberFormat('yyyy-mm-dd');
    cell.setValue(46352);
    expect(cell.getValue()).toBeInstanceOf(Date);
    expect(cell.getDisplayValue()).toBe('2026-11-26');
  });
});

describe('booleans, text and formulas', () => {
  it('shows booleans as TRUE and FALSE', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([[true, false]]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['TRUE', 'FALSE']]);
  });

  it('shows a formula as its computed value, formatted', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('0.00').setFormula('=1/4');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('0.25');
  });

  it('shows text exactly, apostrophe excluded', () => {
    expect(shown("'=not a formula")).toBe('=not a formula');
  });
});
