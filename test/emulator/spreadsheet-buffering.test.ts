/**
 * Buffered writes, kills and call counting. Sheets batches a script's writes
 * and applies them on a read, on SpreadsheetApp.flush()
 * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush)
 * or at the end of the execution; an execution ended from outside (the
 * 6-minute limit) loses what was not applied.
 */
import { DEFAULT_LATENCY, KillSignal } from '../../dev/emulator/kernel';
import { setup, thrown } from './spreadsheet-setup';

describe('counting calls', () => {
  it('counts reads and writes of cells as data calls, per method', () => {
    const { sheet, kernel } = setup();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet.getRange('A1:B2').getValues();
    expect(kernel.counters.byMethod['Range.setValues']).toBe(1);
    expect(kernel.counters.byMethod['Range.getValues']).toBe(1);
    expect(kernel.counters.data).toBe(2);
  });

  it('does not count getRange, getSheetByName or getName as data calls', () => {
    const { ss, kernel } = setup();
    ss.getSheetByName('Sheet1').getRange('A1:C3').getA1Notation();
    ss.getName();
    expect(kernel.counters.data).toBe(0);
    expect(kernel.counters.total).toBe(4);
  });

  it('counts formats, notes, validation and protections as data calls', () => {
    const { app, sheet, kernel } = setup();
    const r = sheet.getRange('A1');
    r.setBackground('#ff0000');
    r.getBackground();
    r.setNote('n');
    r.setDataValidation(app.newDataValidation().requireTextIsEmail().build());
    r.protect();
    sheet.getProtections('RANGE');
    expect(kernel.counters.data).toBe(6);
  });

  it('does not count builder steps, only the call that creates the builder', () => {
    const { app, kernel } = setup();
    app.newDataValidation().requireValueInList(['a']).setAllowInvalid(false).setHelpText('x').build();
    expect(kernel.counters.total).toBe(1);
    expect(kernel.counters.byMethod['SpreadsheetApp.newDataValidation']).toBe(1);
  });

  it('advances the virtual clock by the latency model (a read round trip + per cell, a navigation call)', () => {
    const { sheet, kernel } = setup();
    const t0 = kernel.now();
    const range = sheet.getRange(1, 1, 100, 10);
    range.getValues();
    const expected = DEFAULT_LATENCY.navCallMs + DEFAULT_LATENCY.readCallMs + 1000 * DEFAULT_LATENCY.perCellReadMs;
    expect(kernel.now() - t0).toBeCloseTo(expected, 6);
  });

  it('counts a RangeList action as one call for all its ranges', () => {
    const { sheet, kernel } = setup();
    const list = sheet.getRangeList(['A1', 'C3:D4']);
    kernel.resetCounters();
    list.setBackground('#eeeeee');
    expect(kernel.counters.total).toBe(1);
    expect(sheet.getRange('D4').getBackground()).toBe('#eeeeee');
  });
});

describe('buffered writes and kills', () => {
  it('undoes every unapplied write when the execution is killed before a later call', () => {
    const { sheet, kernel, store, hub } = setup();
    sheet.getRange('A1').setValue('before');
    const snapshot = JSON.stringify(store.toJSON());
    kernel.beginExecution();
    kernel.injectFault({ method: 'Range.getValue', nth: 1, kind: 'kill-before' });
    sheet.getRange('A1:B2').setValues([
      ['x', 'y'],
      ['z', 'w'],
    ]);
    sheet.getRange('A1').setNumberFormat('0.00');
    sheet.appendRow(['appended']);
    expect(() => sheet.getRange('A1').getValue()).toThrow(KillSignal);
    kernel.endExecution();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([['before']]);
    expect(JSON.stringify(store.toJSON())).toBe(snapshot);
  });

  it('keeps writes made before a read: a read applies the pending writes of that spreadsheet', () => {
    const { sheet, kernel, store, hub } = setup();
    kernel.beginExecution();
    kernel.injectFault({ method: 'Range.setValue', nth: 2, kind: 'kill-before' });
    sheet.getRange('A1').setValue('kept');
    sheet.getRange('A1').getValue();
    expect(() => sheet.getRange('A2').setValue('never')).toThrow(KillSignal);
    kernel.endExecution();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([['kept']]);
  });

  it('keeps writes applied by SpreadsheetApp.flush()', () => {
    const { app, sheet, kernel, store, hub } = setup();
    kernel.beginExecution();
    kernel.injectFault({ method: 'Range.setValue', nth: 2, kind: 'kill-after' });
    sheet.getRange('A1').setValue('flushed');
    app.flush();
    expect(() => sheet.getRange('A2').setValue('lost')).toThrow(KillSignal);
    kernel.endExecution();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([['flushed']]);
  });

  it('loses the write of a call killed right after it ran', () => {
    const { sheet, kernel, store, hub } = setup();
    kernel.beginExecution();
    kernel.injectFault({ method: 'Range.setValues', nth: 1, kind: 'kill-after' });
    expect(() => sheet.getRange('A1').setValues([['gone']])).toThrow(KillSignal);
    kernel.endExecution();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([]);
  });

  it('applies everything at the normal end of an execution', () => {
    const { sheet, kernel, store, hub } = setup();
    kernel.beginExecution();
    sheet.getRange('A1').setValue('done');
    expect(kernel.endExecution().killed).toBeNull();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([['done']]);
  });

  it("does not apply one spreadsheet's writes on a read of another", () => {
    const { app, sheet, kernel, store, hub } = setup();
    const other = app.create('Transition');
    kernel.beginExecution();
    kernel.injectFault({ method: 'Spreadsheet.getName', nth: 1, kind: 'kill-before' });
    sheet.getRange('A1').setValue('pending');
    other.getSheets()[0].getRange('A1').getValue();
    expect(() => other.getName()).toThrow(KillSignal);
    kernel.endExecution();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([]);
  });

  it('undoes structural changes too: new sheets, inserted and deleted rows and columns, renames, protections', () => {
    const { ss, sheet, kernel, store, app } = setup();
    sheet.getRange('A1:C3').setValues([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    sheet.getRange('B2').setBackground('#ff0000');
    ss.setNamedRange('Middle', sheet.getRange('B2'));
    const before = JSON.stringify(store.toJSON());
    kernel.beginExecution();
    kernel.injectFault({ method: 'SpreadsheetApp.flush', nth: 1, kind: 'kill-before' });
    ss.insertSheet('Log').appendRow(['t', 'x']);
    sheet.deleteRows(1, 1);
    sheet.insertColumnsBefore(1, 2);
    sheet.setName('Renamed');
    sheet.setFrozenRows(1);
    sheet.getRange('A1:A2').protect().setDescription('p');
    sheet.getRange('C1').setFormula('=1+1');
    sheet.getRange('D1:D2').insertCheckboxes();
    sheet.getRange('A1:E3').sort(3);
    expect(() => app.flush()).toThrow(KillSignal);
    kernel.endExecution();
    expect(JSON.stringify(store.toJSON())).toBe(before);
  });

  it("refuses every call after a kill, even inside the script's own try/catch", () => {
    const { sheet, kernel } = setup();
    kernel.beginExecution();
    kernel.injectFault({ method: 'Range.getValue', nth: 1, kind: 'kill-before' });
    thrown(() => sheet.getRange('A1').getValue());
    expect(() => sheet.getRange('A1')).toThrow(KillSignal);
    kernel.endExecution();
  });

  it('surfaces an injected failure as a thrown error without writing', () => {
    const { sheet, kernel, store, hub } = setup();
    kernel.beginExecution();
    kernel.injectFault({ method: 'Range.setValues', nth: 1, kind: 'throw', message: 'Service Spreadsheets failed' });
    expect(thrown(() => sheet.getRange('A1').setValues([['x']]))).toBe('Service Spreadsheets failed');
    kernel.endExecution();
    expect(store.peek(hub.id, 'Sheet1').values).toEqual([]);
  });
});
