/**
 * Errors a script sees, with the service's own texts (reference pages and the
 * messages widely reported from real executions).
 */
import { setup, thrown, THERAPIST } from './spreadsheet-setup';

describe('ranges outside the grid or empty (sheet#getrangerow,-column,-numrows,-numcolumns)', () => {
  it('refuses a range of 0 rows or 0 columns', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(1, 1, 0, 1))).toBe('The number of rows in the range must be at least 1.');
    expect(thrown(() => sheet.getRange(1, 1, 1, 0))).toBe('The number of columns in the range must be at least 1.');
  });

  it('refuses a range beyond the sheet (a new sheet is 1000 rows × 26 columns)', () => {
    const { sheet } = setup();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(thrown(() => sheet.getRange(1000, 1, 2, 1))).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange(1, 27))).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  it('refuses a starting row or column below 1', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(0, 1))).toBe('The starting row of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 0))).toBe('The starting column of the range is too small.');
  });

  it('names the argument types when they do not match the signature (a header that was not found)', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(2, undefined, 1, 1))).toBe(
      "The parameters (number,undefined,number,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  it('reports an unknown A1 reference as "Range not found"', () => {
    const { sheet, ss } = setup();
    expect(thrown(() => sheet.getRange('A1:'))).toBe('Range not found');
    expect(thrown(() => ss.getRange('Missing!A1'))).toBe('Range not found');
  });
});

describe('Range.setValues shape (range#setvaluesvalues)', () => {
  it('names the row counts when the data has the wrong number of rows', () => {
    const { sheet } = setup();
    expect(
      thrown(() =>
        sheet.getRange('A1:B3').setValues([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });

  it('names the column counts when a row has the wrong number of columns', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange('A1:B2').setValues([[1, 2], [3]]))).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('writes nothing when the shape is wrong', () => {
    const { sheet } = setup();
    thrown(() => sheet.getRange('A1:B2').setValues([[1, 2], [3]]));
    expect(sheet.getLastRow()).toBe(0);
  });

  it('refuses a value that is not a 2-D array', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange('A1').setValues('x'))).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  it('refuses more than 50000 characters in one cell', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange('A1').setValue('x'.repeat(50001)))).toBe(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });
});

describe('sheets (spreadsheet#insertsheetsheetname, #deletesheetsheet)', () => {
  it('refuses a duplicate sheet name', () => {
    const { ss } = setup();
    ss.insertSheet('Clients');
    expect(thrown(() => ss.insertSheet('Clients'))).toBe(
      'A sheet with the name "Clients" already exists. Please enter another name.',
    );
  });

  it('refuses renaming a sheet to an existing name', () => {
    const { ss } = setup();
    const s = ss.insertSheet('Log');
    expect(thrown(() => s.setName('Sheet1'))).toBe(
      'A sheet with the name "Sheet1" already exists. Please enter another name.',
    );
  });

  it('refuses deleting the only sheet', () => {
    const { ss, sheet } = setup();
    expect(thrown(() => ss.deleteSheet(sheet))).toBe("You can't remove all the sheets in a document.");
  });

  it('refuses deleting every non-frozen row', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(thrown(() => sheet.deleteRows(2, 999))).toBe('Sorry, it is not possible to delete all non-frozen rows.');
  });

  it('refuses deleting rows beyond the grid', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.deleteRows(999, 5))).toBe('Those rows are out of bounds.');
  });
});

describe('opening files (spreadsheetapp#openbyidid, #openbyurlurl)', () => {
  it('fails on an unknown id with the service text', () => {
    const { app } = setup();
    expect(thrown(() => app.openById('nope'))).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  });

  it('refuses a file the user may not access', () => {
    const { app, store } = setup();
    const theirs = store.create('Private', { owner: THERAPIST });
    expect(thrown(() => app.openById(theirs.id))).toBe('You do not have permission to access the requested document.');
  });

  it('opens by the /d/ID/edit URL', () => {
    const { app, hub } = setup();
    expect(app.openByUrl(`https://docs.google.com/spreadsheets/d/${hub.id}/edit#gid=0`).getId()).toBe(hub.id);
  });

  it('refuses a malformed URL', () => {
    const { app } = setup();
    expect(thrown(() => app.openByUrl('not a url'))).toBe('Invalid argument: url');
  });
});

describe('data validation limits (datavalidationbuilder#requirevalueinlistvalues)', () => {
  it('refuses a dropdown list of more than 500 items', () => {
    const { app, sheet } = setup();
    const rule = app
      .newDataValidation()
      .requireValueInList(Array.from({ length: 501 }, (_, i) => `c${i}`))
      .build();
    expect(thrown(() => sheet.getRange('A1').setDataValidation(rule))).toMatch(/more items than the limit of 500/);
  });

  it('refuses an unbuilt builder where a rule is expected', () => {
    const { app, sheet } = setup();
    expect(thrown(() => sheet.getRange('A1').setDataValidation(app.newDataValidation().requireTextIsEmail()))).toBe(
      "The parameters (SpreadsheetApp.DataValidationBuilder) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
    );
  });
});

it('throws errors named Exception, as the platform prints them', () => {
  const { sheet } = setup();
  try {
    sheet.getRange(0, 1);
  } catch (e) {
    expect((e as Error).name).toBe('Exception');
  }
  expect.assertions(1);
});
