/**
 * Formats, notes, sheet layout, conditional formats and charts.
 * Range: developers.google.com/apps-script/reference/spreadsheet/range (setBackground, setFontWeight, setNote, clear…);
 * Sheet: …/sheet (setFrozenRows, setColumnWidth, hideColumns, setTabColor, newChart…);
 * ConditionalFormatRuleBuilder: …/conditional-format-rule-builder; EmbeddedChartBuilder: …/embedded-chart-builder.
 */
import { chartsGlobal } from '../../dev/emulator/spreadsheet/index';
import { setup } from './spreadsheet-setup';
import { expectProbePasses } from './probes';

describe('cell formats (range#setbackgroundcolor, #setfontweightfontweight, #setnotenote)', () => {
  it('reads back defaults for untouched cells: white, black, normal, no note', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1');
    expect([r.getBackground(), r.getFontColor(), r.getFontWeight(), r.getNote(), r.getWrap()]).toEqual([
      '#ffffff',
      '#000000',
      'normal',
      '',
      false,
    ]);
  });

  it('stores backgrounds as lower-case hex and resets with null', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setBackground('#FFCC00');
    sheet.getRange('B1').setBackground(null);
    expect(sheet.getRange('A1:B1').getBackgrounds()).toEqual([['#ffcc00', '#ffffff']]);
    sheet.getRange('C1').setBackgroundRGB(255, 0, 0);
    expect(sheet.getRange('C1').getBackground()).toBe('#ff0000');
    sheet.getRange('D1').setBackground('red');
    expect(sheet.getRange('D1').getBackground()).toBe('#ff0000');
  });

  it('sets per-cell formats with the plural setters, shape-checked', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setFontWeights([['bold', 'normal']]);
    sheet.getRange('A1:B1').setNotes([['first', '']]);
    expect(sheet.getRange('A1:B1').getFontWeights()).toEqual([['bold', 'normal']]);
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['first', '']]);
    expect(() => sheet.getRange('A1:B1').setBackgrounds([['#000000']])).toThrow(/columns in the data/);
  });

  it('sets font colour, wrap and alignment', () => {
    const { app, sheet } = setup();
    const r = sheet
      .getRange('A1')
      .setFontColor('#333333')
      .setWrap(true)
      .setHorizontalAlignment('center')
      .setVerticalAlignment('top');
    expect([
      r.getFontColor(),
      r.getWrap(),
      r.getWrapStrategy(),
      r.getHorizontalAlignment(),
      r.getVerticalAlignment(),
    ]).toEqual(['#333333', true, app.WrapStrategy.WRAP, 'center', 'top']);
  });

  it('keeps formats on clearContent, drops them on clear, keeps values on clearFormat (range#clear)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1').setValue(1.5).setNumberFormat('0.00').setBackground('#ff0000');
    r.clearContent();
    expect([r.getValue(), r.getBackground(), r.getNumberFormat()]).toEqual(['', '#ff0000', '0.00']);
    r.setValue(2).clearFormat();
    expect([r.getValue(), r.getBackground(), r.getNumberFormat()]).toEqual([2, '#ffffff', '0.###############']);
    r.setBackground('#00ff00').clear();
    expect([r.getValue(), r.getBackground()]).toEqual(['', '#ffffff']);
  });

  it('clears only what the options name (range#clearoptions)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1').setValue('x').setBackground('#ff0000').setNote('n');
    r.clear({ formatOnly: true });
    expect([r.getValue(), r.getBackground(), r.getNote()]).toEqual(['x', '#ffffff', 'n']);
    r.clear({ commentsOnly: true });
    expect(r.getNote()).toBe('');
  });

  it('copies values and formats with copyTo, values only with contentsOnly', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:B1')
      .setValues([[1, '=A1+1']])
      .setBackground('#ff0000');
    sheet.getRange('A1:B1').copyTo(sheet.getRange('A3'));
    sheet.getRange('A1:B1').copyTo(sheet.getRange('A5'), { contentsOnly: true });
    expect(sheet.getRange('A3:B3').getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(sheet.getRange('A5:B5').getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
    expect(sheet.getRange('B3').getFormula()).toBe('=A1+1');
  });

  it('sorts rows of a range with their formats, blanks last', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B4').setValues([
      ['Cruz', 3],
      ['', 9],
      ['Abel', 1],
      ['Baker', 2],
    ]);
    sheet.getRange('A3').setBackground('#ff0000');
    sheet.getRange('A1:B4').sort({ column: 1, ascending: true });
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['Abel', 1],
      ['Baker', 2],
      ['Cruz', 3],
      ['', 9],
    ]);
    expect(sheet.getRange('A1').getBackground()).toBe('#ff0000');
    sheet.getRange('A1:B4').sort({ column: 2, ascending: false });
    expect(sheet.getRange('B1:B4').getValues().flat()).toEqual([9, 3, 2, 1]);
  });
});

describe('sheet layout (sheet#setfrozenrowsrows, #setcolumnwidth, #hidecolumnscolumnindex, #settabcolorcolor)', () => {
  it('freezes rows and columns', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
  });

  it('sets column widths (default 100) and row heights (default 21)', () => {
    const { sheet } = setup();
    sheet.setColumnWidth(2, 240);
    sheet.setColumnWidths(3, 2, 80);
    sheet.setRowHeight(1, 30);
    expect([
      sheet.getColumnWidth(1),
      sheet.getColumnWidth(2),
      sheet.getColumnWidth(4),
      sheet.getRowHeight(1),
      sheet.getRowHeight(2),
    ]).toEqual([100, 240, 80, 30, 21]);
  });

  it('auto-resizes a column to its longest text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([['x'], ['a much longer client name']]);
    sheet.autoResizeColumns(1, 1);
    expect(sheet.getColumnWidth(1)).toBeGreaterThan(100);
  });

  it('hides and shows columns and sheets; the last visible sheet cannot be hidden', () => {
    const { sheet, ss } = setup();
    sheet.hideColumns(2, 2);
    expect([sheet.isColumnHiddenByUser(2), sheet.isColumnHiddenByUser(3), sheet.isColumnHiddenByUser(4)]).toEqual([
      true,
      true,
      false,
    ]);
    sheet.showColumns(2);
    expect(sheet.isColumnHiddenByUser(2)).toBe(false);
    expect(() => sheet.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    const log = ss.insertSheet('Log');
    log.hideSheet();
    expect(log.isSheetHidden()).toBe(true);
  });

  it('hides and shows gridlines (sheet#sethiddengridlineshidegridlines)', () => {
    const { sheet } = setup();
    expect(sheet.hasHiddenGridlines()).toBe(false);
    sheet.setHiddenGridlines(true);
    expect(sheet.hasHiddenGridlines()).toBe(true);
  });

  it('sets and clears the tab colour', () => {
    const { sheet } = setup();
    sheet.setTabColor('#FF0000');
    expect(sheet.getTabColor()).toBe('#ff0000');
    sheet.setTabColor(null);
    expect(sheet.getTabColor()).toBeNull();
  });
});

describe('conditional format rules (sheet#setconditionalformatrulesrules)', () => {
  it('stores a formula rule and reads back its condition, formula and ranges, as the live probe asserts', () => {
    expectProbePasses('a conditional format formula');
  });

  it("reads back a rule's format, colours in lower case", () => {
    const { app, sheet } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$Y2="Overdue"')
      .setBackground('#F4CCCC')
      .setBold(true)
      .setRanges([sheet.getRange('A2:Z1000')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const cond = sheet.getConditionalFormatRules()[0].getBooleanCondition();
    expect([cond.getBackground(), cond.getBold()]).toEqual(['#f4cccc', true]);
  });

  it('replaces all rules on set, copies a rule with copy(), and clears them', () => {
    const { app, sheet } = setup();
    const a = app
      .newConditionalFormatRule()
      .whenTextEqualTo('New')
      .setFontColor('#0000ff')
      .setRanges([sheet.getRange('K:K')])
      .build();
    const b = a.copy().whenCellEmpty().build();
    sheet.setConditionalFormatRules([a, b]);
    expect(
      sheet
        .getConditionalFormatRules()
        .map((r: Record<string, () => { getCriteriaType(): string }>) => r.getBooleanCondition().getCriteriaType()),
    ).toEqual(['TEXT_EQUAL_TO', 'CELL_EMPTY']);
    sheet.setConditionalFormatRules([b]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toHaveLength(0);
  });

  it("does not change what getBackground reports (the cell's own format)", () => {
    const { app, sheet } = setup();
    sheet.getRange('A1').setValue('New');
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenTextEqualTo('New')
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A1')])
        .build(),
    ]);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });
});

describe('embedded charts (sheet#newchart, embedded-chart-builder)', () => {
  it('inserts a chart and reads back its id, ranges, options and position', () => {
    const { sheet } = setup();
    const chart = sheet
      .newChart()
      .setChartType(chartsGlobal.ChartType.BAR)
      .addRange(sheet.getRange('A1:B5'))
      .setPosition(2, 4, 0, 0)
      .setOption('title', 'Open cases')
      .build();
    sheet.insertChart(chart);
    const [got] = sheet.getCharts();
    expect(typeof got.getChartId()).toBe('number');
    expect(got.getRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual(['A1:B5']);
    expect(got.getOptions().get('title')).toBe('Open cases');
    expect(got.getContainerInfo().getAnchorColumn()).toBe(4);
    expect(got.modify().getChartType()).toBe('BAR');
  });

  it('updates a chart through modify() and removes it', () => {
    const { sheet } = setup();
    sheet.insertChart(sheet.newChart().asPieChart().setTitle('By status').addRange(sheet.getRange('A1:B3')).build());
    const [chart] = sheet.getCharts();
    sheet.updateChart(chart.modify().setOption('title', 'Renamed').build());
    expect(sheet.getCharts()[0].getOptions().get('title')).toBe('Renamed');
    expect(sheet.getCharts()[0].modify().getChartType()).toBe('PIE');
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toHaveLength(0);
  });

  it('exposes the Charts.ChartType enum', () => {
    expect(['BAR', 'COLUMN', 'PIE', 'LINE', 'TABLE'].every((k) => chartsGlobal.ChartType[k] === k)).toBe(true);
  });
});
