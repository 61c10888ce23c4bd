/**
 * Files, sheets, ranges and navigation: developers.google.com/apps-script/reference/spreadsheet/
 * spreadsheet-app (create, openById), spreadsheet (insertSheet, getSheetByName, setNamedRange,
 * addEditor…), sheet (getRange, getLastRow, insertRowsAfter, deleteRows…), range (offset, getCell,
 * getA1Notation), text-finder and range-list.
 */
import { ADMIN, CSR, setup, THERAPIST, thrown } from './spreadsheet-setup';
import { expectProbePasses } from './probes';

const a1 = (r: { getA1Notation(): string }) => r.getA1Notation();

describe('creating and opening files', () => {
  it("creates a file owned by the script's user with one 1000 × 26 Sheet1 (spreadsheetapp#createname)", () => {
    const { app, users, store } = setup();
    users.effective = CSR;
    const ss = app.create('Transition — Dr. Lee');
    const sheet = ss.getSheets()[0];
    expect([
      ss.getName(),
      ss.getOwner().getEmail(),
      sheet.getName(),
      sheet.getMaxRows(),
      sheet.getMaxColumns(),
    ]).toEqual(['Transition — Dr. Lee', CSR, 'Sheet1', 1000, 26]);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(store.get(ss.getId())?.owner).toBe(CSR);
  });

  it('creates a file of the given rows and columns (spreadsheetapp#createname,-rows,-columns)', () => {
    const { app } = setup();
    const sheet = app.create('Small', 50, 5).getSheets()[0];
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([50, 5]);
  });

  it('opens a file the user edits or views, by id and by URL', () => {
    const { app, store, users } = setup();
    const theirs = store.create('Transition', { owner: THERAPIST });
    theirs.editors.push(CSR);
    theirs.viewers.push(ADMIN);
    expect(app.openById(theirs.id).getName()).toBe('Transition');
    users.effective = CSR;
    expect(app.openByUrl(theirs.url).getId()).toBe(theirs.id);
  });

  it('returns the bound spreadsheet as the active one, and null when none is bound', () => {
    const { app, hub, store, env } = setup();
    expect(app.getActiveSpreadsheet().getId()).toBe(hub.id);
    const unbound = new (store.constructor as typeof import('../../dev/emulator/spreadsheet/index').SpreadsheetStore)(
      env,
    );
    expect((unbound.app as never as { getActiveSpreadsheet(): unknown }).getActiveSpreadsheet()).toBeNull();
  });
});

describe('sheets of a spreadsheet', () => {
  it('inserts sheets at a 0-based index and makes the new one active (spreadsheet#insertsheetsheetname,-sheetindex)', () => {
    const { ss } = setup();
    ss.insertSheet('Clients', 0);
    ss.insertSheet();
    expect(ss.getSheets().map((s: { getName(): string }) => s.getName())).toEqual(['Clients', 'Sheet1', 'Sheet3']);
    expect(ss.getActiveSheet().getName()).toBe('Sheet3');
    expect(ss.getSheetByName('Clients').getIndex()).toBe(1);
  });

  it('returns null for a missing sheet name (spreadsheet#getsheetbynamename)', () => {
    const { ss } = setup();
    expect(ss.getSheetByName('Missing')).toBeNull();
  });

  it('finds a sheet by id (gid) and the first sheet has gid 0', () => {
    const { ss, sheet } = setup();
    const log = ss.insertSheet('Log');
    expect(sheet.getSheetId()).toBe(0);
    expect(ss.getSheetById(log.getSheetId()).getName()).toBe('Log');
    expect(ss.getSheetById(12345)).toBeNull();
  });

  it("copies a template sheet's content and formats with insertSheet({template})", () => {
    const { ss, sheet } = setup();
    sheet.getRange('A1').setValue('Ref').setFontWeight('bold');
    const copy = ss.insertSheet('Copy', { template: sheet });
    expect([copy.getRange('A1').getValue(), copy.getRange('A1').getFontWeight()]).toEqual(['Ref', 'bold']);
  });

  it('moves the active sheet and deletes sheets', () => {
    const { ss } = setup();
    const log = ss.insertSheet('Log');
    ss.setActiveSheet(log);
    ss.moveActiveSheet(1);
    expect(ss.getSheets()[0].getName()).toBe('Log');
    ss.deleteSheet(log);
    expect(ss.getSheets().map((s: { getName(): string }) => s.getName())).toEqual(['Sheet1']);
  });

  it('renames the file and validates the time zone', () => {
    const { ss } = setup();
    ss.rename('Caseload Hub');
    expect(ss.getName()).toBe('Caseload Hub');
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow(/Invalid argument/);
  });
});

describe('sharing (spreadsheet#addeditoremailaddress, #addviewer, #geteditors)', () => {
  it('shares and unshares as the live probe asserts', () => {
    expectProbePasses('sharing and unsharing a spreadsheet');
  });

  it('lists the owner and editors, viewers separately; adding an editor upgrades a viewer', () => {
    const { ss } = setup();
    ss.addViewer(THERAPIST);
    ss.addEditors([CSR, THERAPIST]);
    ss.addViewer(CSR);
    expect(ss.getEditors().map((u: { getEmail(): string }) => u.getEmail())).toEqual([ADMIN, CSR, THERAPIST]);
    expect(ss.getViewers()).toEqual([]);
  });

  it('accepts User objects as well as emails', () => {
    const { ss } = setup();
    ss.addEditor({ getEmail: () => CSR });
    expect(ss.getEditors()).toHaveLength(2);
  });
});

describe('ranges and A1 notation', () => {
  it('prints back whole-column, whole-row and cell forms (range#geta1notation)', () => {
    const { sheet } = setup();
    expect([
      a1(sheet.getRange('A:C')),
      a1(sheet.getRange('2:3')),
      a1(sheet.getRange('b2:c4')),
      a1(sheet.getRange('$A$1')),
    ]).toEqual(['A:C', '2:3', 'B2:C4', 'A1']);
    expect(sheet.getRange('A:C').getNumRows()).toBe(1000);
    expect(a1(sheet.getRange('A2:C'))).toBe('A2:C1000');
  });

  it('resolves sheet-qualified A1 on the spreadsheet, quoting names with spaces', () => {
    const { ss } = setup();
    ss.insertSheet('Interaction Notes').getRange('B2').setValue('called');
    expect(ss.getRange("'Interaction Notes'!B2").getValue()).toBe('called');
  });

  it('offsets and picks cells relative to a range (range#offsetrowoffset,-columnoffset, range#getcellrow,-column)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D4');
    expect(a1(r.offset(1, 1))).toBe('C3:E5');
    expect(a1(r.offset(0, 0, 1, 1))).toBe('B2');
    expect(a1(r.getCell(3, 3))).toBe('D4');
    expect(thrown(() => r.getCell(4, 1))).toBe('Cell reference out of range');
    expect([r.getRow(), r.getColumn(), r.getLastRow(), r.getLastColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([
      2, 2, 4, 4, 3, 3,
    ]);
  });

  it('finds the last row and column with content and the data range (sheet#getlastrow, #getdatarange)', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn(), a1(sheet.getDataRange())]).toEqual([0, 0, 'A1']);
    sheet.getRange('C7').setValue('x');
    sheet.getRange('E2').setValue('y');
    expect([sheet.getLastRow(), sheet.getLastColumn(), a1(sheet.getDataRange())]).toEqual([7, 5, 'A1:E7']);
  });

  it('reads with getSheetValues', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(sheet.getSheetValues(1, 1, 2, 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('reports an empty range as blank (range#isblank)', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1:C3').isBlank()).toBe(true);
    sheet.getRange('B2').setValue(0);
    expect(sheet.getRange('A1:C3').isBlank()).toBe(false);
  });
});

describe('inserting and deleting rows and columns', () => {
  it('inserts rows after a position, growing the grid and moving content down (sheet#insertrowsafterafterposition,-howmany)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['a', '', '', 'b', 'c']);
  });

  it('inserts before a position, and at the very end of the grid', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('a');
    sheet.insertRowBefore(1);
    sheet.insertRowsAfter(1001, 5);
    expect([sheet.getRange('A2').getValue(), sheet.getMaxRows()]).toEqual(['a', 1006]);
  });

  it('deletes rows, moving content up and shrinking the grid (sheet#deleterowsrowposition,-howmany)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A4').setValues([['a'], ['b'], ['c'], ['d']]);
    sheet.getRange('A4').setBackground('#ff0000');
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A2').getValues().flat()).toEqual(['a', 'd']);
    expect(sheet.getRange('A2').getBackground()).toBe('#ff0000');
    expect(sheet.getMaxRows()).toBe(998);
  });

  it('inserts and deletes columns with their formats and validation', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.getRange('B1').setDataValidation(app.newDataValidation().requireTextIsEmail().build());
    sheet.insertColumnsBefore(2, 1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['a', '', 'b', 'c']]);
    expect(sheet.getRange('C1').getDataValidation().getCriteriaType()).toBe('TEXT_IS_VALID_EMAIL');
    sheet.deleteColumn(1);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', 'b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  it('moves named ranges with inserted rows and drops them when their rows are deleted', () => {
    const { ss, sheet } = setup();
    ss.setNamedRange('Totals', sheet.getRange('B5:C6'));
    sheet.insertRowsBefore(1, 2);
    expect(a1(ss.getRangeByName('Totals'))).toBe('B7:C8');
    sheet.deleteRows(7, 2);
    expect(ss.getRangeByName('Totals')).toBeNull();
  });
});

describe('named ranges (spreadsheet#setnamedrangename,-range)', () => {
  it('sets, lists, renames and removes named ranges', () => {
    const { ss, sheet } = setup();
    ss.setNamedRange('Cases', sheet.getRange('A1:B2'));
    const [named] = ss.getNamedRanges();
    expect([named.getName(), a1(named.getRange())]).toEqual(['Cases', 'A1:B2']);
    named.setName('OpenCases');
    expect(ss.getRangeByName('Cases')).toBeNull();
    ss.removeNamedRange('OpenCases');
    expect(ss.getNamedRanges()).toEqual([]);
  });

  it('refuses a name that looks like a cell reference', () => {
    const { ss, sheet } = setup();
    expect(() => ss.setNamedRange('A1', sheet.getRange('A1'))).toThrow(/Invalid name/);
  });
});

describe('TextFinder (text-finder)', () => {
  function seeded() {
    const t = setup();
    t.sheet.getRange('A1:B3').setValues([
      ['Ref', 'Status'],
      ['R-000001', 'Reassigned'],
      ['R-000002', 'reassigned later'],
    ]);
    return t;
  }

  it('finds cells case-insensitively in row order', () => {
    const { sheet } = seeded();
    expect(sheet.createTextFinder('reassigned').findAll().map(a1)).toEqual(['B2', 'B3']);
  });

  it('honours matchCase, matchEntireCell and regular expressions', () => {
    const { sheet } = seeded();
    expect(sheet.createTextFinder('reassigned').matchCase(true).findAll().map(a1)).toEqual(['B3']);
    expect(sheet.createTextFinder('reassigned').matchEntireCell(true).findAll().map(a1)).toEqual(['B2']);
    expect(sheet.createTextFinder('^R-\\d{6}$').useRegularExpression(true).findAll().map(a1)).toEqual(['A2', 'A3']);
  });

  it('steps through matches with findNext and returns null after the last', () => {
    const { sheet } = seeded();
    const f = sheet.createTextFinder('R-0');
    expect([a1(f.findNext()), a1(f.findNext()), f.findNext()]).toEqual(['A2', 'A3', null]);
  });

  it('replaces every match and reports the count', () => {
    const { sheet, ss } = seeded();
    expect(ss.createTextFinder('Reassigned').matchEntireCell(true).replaceAllWith('Scheduled')).toBe(1);
    expect(sheet.getRange('B2').getValue()).toBe('Scheduled');
  });

  it('searches within a range only', () => {
    const { sheet } = seeded();
    expect(sheet.getRange('A1:A3').createTextFinder('R').findAll().map(a1)).toEqual(['A1', 'A2', 'A3']);
  });
});

describe('RangeList (range-list)', () => {
  it('applies one action to each range', () => {
    const { sheet } = setup();
    const list = sheet.getRangeList(['A1', 'B2:C2']);
    list.setValue('x');
    expect(list.getRanges().map(a1)).toEqual(['A1', 'B2:C2']);
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['x', '', ''],
      ['', 'x', 'x'],
    ]);
    list.clear();
    expect(sheet.getRange('A1:C2').isBlank()).toBe(true);
  });
});

describe('the active sheet, range and current cell', () => {
  it('follow what a person clicks (store.setSelection)', () => {
    const { app, store, hub, ss } = setup();
    ss.insertSheet('Reassignments');
    store.setSelection(hub.id, 'Reassignments', 'A5:C5');
    expect(app.getActiveSheet().getName()).toBe('Reassignments');
    expect(a1(app.getActiveRange())).toBe('A5:C5');
    expect(a1(app.getCurrentCell())).toBe('A5');
    expect(a1(app.getSelection().getActiveRange())).toBe('A5:C5');
  });

  it('follow activate() and setActiveSheet()', () => {
    const { app, ss, sheet } = setup();
    const log = ss.insertSheet('Log');
    ss.setActiveSheet(sheet);
    expect(app.getActiveSheet().getName()).toBe('Sheet1');
    log.getRange('B3').activate();
    expect([app.getActiveSheet().getName(), a1(app.getActiveRange())]).toEqual(['Log', 'B3']);
  });
});
