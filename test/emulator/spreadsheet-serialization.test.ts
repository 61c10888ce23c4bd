/** The whole store as JSON: everything round-trips exactly, Dates included. */
import { SpreadsheetStore } from '../../dev/emulator/spreadsheet/index';
import { CSR, setup } from './spreadsheet-setup';

function populated() {
  const t = setup();
  const { app, ss, sheet } = t;
  sheet.getRange('D2:D5').insertCheckboxes();
  sheet.getRange('A1:E2').setValues([
    ['Ref', 'Opened', 'Count', 'Done', 'Formula'],
    ['R-000001', new Date(Date.UTC(2026, 2, 2, 15, 4, 5, 123)), 3, true, '=C2*2'],
  ]);
  sheet.getRange('A1:E1').setFontWeight('bold').setBackground('#eeeeee');
  sheet.getRange('B2').setNumberFormat('yyyy-mm-dd hh:mm');
  sheet.getRange('A2').setNote('first case');
  sheet.getRange('F2').setDataValidation(
    app
      .newDataValidation()
      .requireDateOnOrAfter(new Date(Date.UTC(2026, 0, 1)))
      .build(),
  );
  sheet
    .getRange('G2')
    .setDataValidation(app.newDataValidation().requireValueInRange(sheet.getRange('A2:A'), true).build());
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(1, 140);
  sheet.hideColumns(5);
  sheet.setTabColor('#00ff00');
  ss.setNamedRange('Cases', sheet.getRange('A1:E2'));
  ss.addEditor(CSR);
  const p = sheet.protect().setDescription('hub');
  p.setUnprotectedRanges([sheet.getRange('C2:C9')]);
  p.removeEditor(CSR);
  sheet.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenDateBefore(new Date(Date.UTC(2026, 1, 1)))
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('B2:B')])
      .build(),
  ]);
  sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:C2')).setPosition(1, 8, 0, 0).build());
  ss.insertSheet('Log').appendRow(['t']);
  app.getUi().createMenu('Handoff').addItem('Run', 'run').addToUi();
  t.store.setSelection(t.hub.id, 'Sheet1', 'B2:C3');
  return t;
}

describe('SpreadsheetStore.toJSON / fromJSON', () => {
  it('round-trips exactly through JSON text', () => {
    const { store, env } = populated();
    const json = store.toJSON();
    const again = SpreadsheetStore.fromJSON(env, JSON.parse(JSON.stringify(json)));
    expect(again.toJSON()).toEqual(json);
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(json));
  });

  it('restores values, Dates to the millisecond, formulas, formats and validation that scripts read back', () => {
    const { store, env, hub } = populated();
    const again = SpreadsheetStore.fromJSON(env, JSON.parse(JSON.stringify(store.toJSON())));
    const app = again.app as never as Record<string, () => any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const sheet = app.getActiveSpreadsheet().getSheetByName('Sheet1');
    const [[ref, opened, count, done, formula]] = sheet.getRange('A2:E2').getValues();
    expect([ref, opened.getTime(), count, done, formula]).toEqual([
      'R-000001',
      Date.UTC(2026, 2, 2, 15, 4, 5, 123),
      3,
      true,
      6,
    ]);
    expect(sheet.getRange('E2').getFormula()).toBe('=C2*2');
    expect(sheet.getRange('B2').getDisplayValue()).toBe('2026-03-02 10:04');
    expect(sheet.getRange('F2').getDataValidation().getCriteriaValues()[0].getTime()).toBe(Date.UTC(2026, 0, 1));
    expect(sheet.getRange('G2').getDataValidation().getCriteriaValues()[0].getA1Notation()).toBe('A2:A1000');
    expect(sheet.getProtections('SHEET')[0].getUnprotectedRanges()[0].getA1Notation()).toBe('C2:C9');
    expect(again.peek(hub.id, 'Log').values).toEqual([['t']]);
    expect(again.ui.menus[0].caption).toBe('Handoff');
    expect(app.getActiveRange().getA1Notation()).toBe('B2:C3');
  });

  it('keeps ids unique after loading: new files get fresh ids', () => {
    const { store, env } = populated();
    const again = SpreadsheetStore.fromJSON(env, store.toJSON());
    const fresh = again.create('New');
    expect(store.all().map((b) => b.id)).not.toContain(fresh.id);
  });

  it('refuses something that is not a store snapshot', () => {
    const { env } = setup();
    expect(() => SpreadsheetStore.fromJSON(env, { version: 2 })).toThrow(/snapshot/);
  });
});
