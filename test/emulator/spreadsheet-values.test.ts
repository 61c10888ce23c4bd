/**
 * Values and parsing. Writes behave like typing (Range.setValue/setValues and
 * Sheet.appendRow — developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue);
 * reads return numbers, booleans, Dates and '' for empty cells
 * (range#getvalues: "Returns a two-dimensional array of values ... Empty cells are represented by an empty string").
 */
import vm from 'node:vm';
import { setup } from './spreadsheet-setup';
import { BLNS as blns } from '../support/blns';
import { expectProbePasses } from './probes';

const write = (v: unknown) => {
  const t = setup();
  const cell = t.sheet.getRange('A1');
  cell.setValue(v);
  return {
    ...t,
    value: cell.getValue(),
    display: cell.getDisplayValue(),
    formula: cell.getFormula(),
    format: cell.getNumberFormat(),
  };
};

describe('Range.getValues (range#getvalues)', () => {
  it('returns an empty string for every empty cell', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });

  it('returns numbers, booleans and text as they were written', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([[1.5, true, 'Ms. Rivera']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[1.5, true, 'Ms. Rivera']]);
  });

  it('returns a Date of the sandbox clock class for a date cell', () => {
    const { sheet, kernel } = setup();
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 10, 26, 17)));
    const v = sheet.getRange('A1').getValue();
    expect(v).toBeInstanceOf(kernel.Date);
    expect(v.getTime()).toBe(Date.UTC(2026, 10, 26, 17));
  });

  it('hands out a fresh array each call, so a script mutating it changes nothing', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x');
    sheet.getRange('A1').getValues()[0][0] = 'changed';
    expect(sheet.getRange('A1').getValue()).toBe('x');
  });
});

describe('writes parsed like typing (range#setvaluevalue)', () => {
  // The live probe says it once for here and for a practice's account: 00123 a number,
  // 2026-01-02 a date, =1+1 a formula, TRUE a boolean, '00123 the text 00123.
  it('as the live probe "a script write is parsed like typing" asserts', () => {
    expectProbePasses('a script write is parsed like typing');
  });

  it.each([
    ['+15551234567', 15551234567, '15551234567'],
    ['1,000', 1000, '1,000'],
    ['1.5', 1.5, '1.5'],
    ['-7', -7, '-7'],
    ['12%', 0.12, '12%'],
    ['$5.00', 5, '$5.00'],
  ])('turns the text %s into the number %p shown as %s', (text, value, shown) => {
    const r = write(text);
    expect(r.value).toBe(value);
    expect(r.display).toBe(shown);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
  ])('turns %s into a boolean', (text, value) => {
    expect(write(text).value).toBe(value);
  });

  it('shows a text forced by a leading apostrophe without the apostrophe', () => {
    expect(write("'00123").display).toBe('00123');
  });

  it("writes '=…' as a formula and reads back its computed value", () => {
    const r = write('=2*(3+4)');
    expect(r.formula).toBe('=2*(3+4)');
    expect(r.value).toBe(14);
  });

  it("reads '+' and '-' text that is not a number as a formula (a phone number becomes #ERROR!)", () => {
    expect(write('+1 555 0100')).toMatchObject({ formula: '=+1 555 0100', value: '#ERROR!' });
    expect(write('-2+3')).toMatchObject({ formula: '=-2+3', value: 1 });
  });

  it.each([
    ['2026-11-26', Date.UTC(2026, 10, 26, 5), '11/26/2026'],
    ['11/26/2026', Date.UTC(2026, 10, 26, 5), '11/26/2026'],
    ['11/26/26', Date.UTC(2026, 10, 26, 5), '11/26/2026'],
    ['2026-11-26 14:30', Date.UTC(2026, 10, 26, 19, 30), '11/26/2026 14:30:00'],
  ])('turns %s into a Date at that wall time in the spreadsheet time zone', (text, ms, shown) => {
    const r = write(text);
    expect(r.value.getTime()).toBe(ms);
    expect(r.display).toBe(shown);
  });

  it('sets a date number format on a cell that receives a typed date', () => {
    expect(write('2026-11-26').format).toBe('M/d/yyyy');
    expect(write('2026-11-26 14:30').format).toBe('M/d/yyyy H:mm:ss');
  });

  it('leaves an impossible date as text', () => {
    expect(write('2026-02-30').value).toBe('2026-02-30');
  });

  it('leaves everything else as the exact text', () => {
    for (const s of ['R-000123', '555-0100', 'Refer out', '  padded  ', 'a=b', '1 555 0100']) {
      expect(write(s).value).toBe(s);
    }
  });

  it("keeps text exactly in a column formatted '@' (plain text), a leading apostrophe included, as the live probe asserts", () => {
    expectProbePasses('text stays text in a Plain-text column');
  });

  it("strips the apostrophe in a Plain-text cell too when the emulator is switched to (platform.plainTextApostrophe 'dropped')", () => {
    const { sheet, store } = setup();
    const cell = sheet.getRange('A1').setNumberFormat('@');
    store.platform.plainTextApostrophe = 'dropped';
    cell.setValue("'00123");
    expect(cell.getValue()).toBe('00123');
  });

  it("clears a cell written with '' , null or undefined", () => {
    const { sheet } = setup();
    for (const empty of ['', null, undefined]) {
      sheet.getRange('A1').setValue('x');
      sheet.getRange('A1').setValue(empty);
      expect(sheet.getRange('A1').getValue()).toBe('');
      expect(sheet.getLastRow()).toBe(0);
    }
  });

  it('stores numbers, booleans and Dates handed over as JS values without parsing', () => {
    const { sheet } = setup();
    const d = new Date(Date.UTC(2026, 0, 5, 15, 0, 0));
    sheet.getRange('A1:C1').setValues([[123, false, d]]);
    const [[n, b, date]] = sheet.getRange('A1:C1').getValues();
    expect([n, b, date.getTime()]).toEqual([123, false, d.getTime()]);
  });

  it('accepts a Date from another realm (anything whose tag is [object Date])', () => {
    const { sheet } = setup();
    const foreign = vm.runInNewContext(`new Date(${Date.UTC(2026, 5, 1, 16)})`);
    expect(foreign instanceof Date).toBe(false);
    sheet.getRange('A1').setValue(foreign);
    expect(sheet.getRange('A1').getValue().getTime()).toBe(Date.UTC(2026, 5, 1, 16));
  });

  it('survives every string of the Big List of Naughty Strings that is not parsed (round trip with an apostrophe)', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, blns.length, 1);
    range.setValues(blns.map((s) => ["'" + s]));
    expect(range.getValues().map((r: unknown[]) => r[0])).toEqual(blns.map((s) => (s === '' ? '' : s)));
  });
});

describe('Sheet.appendRow (sheet#appendrowrowcontents)', () => {
  it('writes after the last row with content, parsing like typing', () => {
    const { sheet } = setup();
    sheet.getRange('A3').setValue('header');
    sheet.appendRow(['R-000001', '00123', '2026-03-02']);
    const [[ref, n, d]] = sheet.getRange('A4:C4').getValues();
    expect([ref, n, d instanceof Date]).toEqual(['R-000001', 123, true]);
  });

  it('grows the grid when the sheet is full', () => {
    const { sheet } = setup();
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['one more']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1).getValue()).toBe('one more');
  });

  it('grows the columns when the row is wider than the grid', () => {
    const { sheet } = setup();
    sheet.appendRow(Array.from({ length: 30 }, (_, i) => i));
    expect(sheet.getMaxColumns()).toBe(30);
    expect(sheet.getRange(1, 30).getValue()).toBe(29);
  });
});

describe('formulas', () => {
  it('evaluates references to cells of the same sheet and of other sheets', () => {
    const { sheet, ss } = setup();
    sheet.getRange('A1:A3').setValues([[2], [3], ['=A1*A2']]);
    const other = ss.insertSheet('Totals');
    other.getRange('A1').setFormula('=SUM(Sheet1!A1:A3)');
    expect(sheet.getRange('A3').getValue()).toBe(6);
    expect(other.getRange('A1').getValue()).toBe(11);
  });

  it('counts with COUNTIF over whole columns', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A4').setValues([['Status'], ['Reassigned'], ['New'], ['Reassigned']]);
    sheet.getRange('B1').setFormula('=COUNTIF(A:A,"Reassigned")');
    expect(sheet.getRange('B1').getValue()).toBe(2);
  });

  it('shows #NAME? for an unknown function and #DIV/0! for a division by zero', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setFormulas([['=NOPE(1)'], ['=1/0']]);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['#NAME?'], ['#DIV/0!']]);
  });

  // support.google.com/docs/answer/3094079 (LEFT) and /3094087 (RIGHT): count defaults to 1; a negative count is #VALUE!.
  it('takes the first or last characters with LEFT and RIGHT, as the overdue row colour formula does', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('Overdue 3 days');
    sheet
      .getRange('B1:B5')
      .setFormulas([['=LEFT(A1,7)="Overdue"'], ['=LEFT(A1)'], ['=RIGHT(A1,4)'], ['=RIGHT(A1,0)'], ['=LEFT(A1,-1)']]);
    expect(sheet.getRange('B1:B5').getValues()).toEqual([[true], ['O'], ['days'], [''], ['#VALUE!']]);
  });

  it('reports a circular reference as #REF!', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('=A1+1');
    expect(sheet.getRange('A1').getValue()).toBe('#REF!');
  });

  it('counts formula cells as content for getLastRow', () => {
    const { sheet } = setup();
    sheet.getRange('A5').setFormula('=1');
    expect(sheet.getLastRow()).toBe(5);
  });
});
