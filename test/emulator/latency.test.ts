/**
 * The latency model against the published figures it is calibrated to
 * (dev/emulator/kernel.ts, LatencyModel): each reproduced within 2x.
 *
 * - developers.google.com/apps-script/guides/support/best-practices, "Use batch
 *   operations": a background per cell of a 100 x 100 grid, one call a cell
 *   and a flush a row, about 70 s; the same in one setBackgrounds, about 1 s.
 * - A getValues of 120,000 rows x 2 text columns measured at 7.4 s.
 * - gas.excelspeedup.com/gas-spreadsheet-speedup, example 1: 100 rows of
 *   getValue, getValue, setValue interleaved, 24 s (every read first applies
 *   the write cache: "Optimizing Spreadsheet Operations", Apps Script blog, 2010).
 */
import { DEFAULT_LATENCY } from '../../dev/emulator/kernel';
import { setup, type Any } from './spreadsheet-setup';

const within2x = (ms: number, publishedMs: number): boolean => ms >= publishedMs / 2 && ms <= publishedMs * 2;

/** A sheet 100 columns wide, its structure change applied before the clock starts. */
function wide() {
  const s = setup();
  s.sheet.insertColumnsAfter(26, 74);
  s.sheet.getRange('A1').getValue();
  return s;
}

function grid(n: number, f: (r: number, c: number) => string): string[][] {
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => f(r, c)));
}
const colour = (r: number, c: number): string =>
  `#${((r * 2) % 256).toString(16).padStart(2, '0')}${((c * 2) % 256).toString(16).padStart(2, '0')}80`;

describe('the latency model reproduces the published figures', () => {
  it('a 100 x 100 grid coloured cell by cell, flushing each row: about 70 s', () => {
    const { sheet, kernel, app } = wide();
    const t0 = kernel.now();
    const cell = sheet.getRange('A1');
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 100; x++) cell.offset(y, x).setBackground(colour(y, x));
      app.flush();
    }
    const ms = kernel.now() - t0;
    expect({ seconds: ms / 1000, within2x: within2x(ms, 70_000) }).toEqual({ seconds: ms / 1000, within2x: true });
    expect(kernel.counters.cellsWritten).toBe(10_000);
  });

  it('the same grid in one setBackgrounds: about 1 s', () => {
    const { sheet, kernel, app } = wide();
    const t0 = kernel.now();
    sheet.getRange(1, 1, 100, 100).setBackgrounds(grid(100, colour));
    app.flush();
    const ms = kernel.now() - t0;
    expect({ seconds: ms / 1000, within2x: within2x(ms, 1_000) }).toEqual({ seconds: ms / 1000, within2x: true });
    expect(kernel.counters.cellsWritten).toBe(10_000);
  });

  it('240,000 text cells read with one getValues: about 7.4 s', () => {
    const { sheet, kernel } = setup();
    const rows = Array.from({ length: 120_000 }, (_, i) => [`name ${i}`, `note ${i}`]);
    sheet.insertRowsAfter(1000, 119_000);
    sheet.getRange(1, 1, rows.length, 2).setValues(rows);
    sheet.getRange('A1').getValue(); // applies the write first
    const t0 = kernel.now();
    const read = sheet.getRange(1, 1, 120_000, 2).getValues() as Any[][];
    const ms = kernel.now() - t0;
    expect(read.length).toBe(120_000);
    expect({ seconds: ms / 1000, within2x: within2x(ms, 7_400) }).toEqual({ seconds: ms / 1000, within2x: true });
  });

  it('reads interleaved with writes: each read applies the write before it, 100 rows in about 24 s', () => {
    const { sheet, kernel } = setup();
    sheet.getRange(1, 1, 100, 2).setValues(Array.from({ length: 100 }, (_, i) => [i, 2 * i]));
    sheet.getRange('A1').getValue();
    const t0 = kernel.now();
    for (let y = 1; y <= 100; y++) {
      const a = sheet.getRange(y, 1).getValue() as number;
      const b = sheet.getRange(y, 2).getValue() as number;
      sheet.getRange(y, 3).setValue(a + b);
    }
    const ms = kernel.now() - t0;
    expect({ seconds: ms / 1000, within2x: within2x(ms, 24_000) }).toEqual({ seconds: ms / 1000, within2x: true });
    expect(sheet.getRange('C100').getValue()).toBe(297);
  });
});

describe('what the model charges', () => {
  it('counts the cells each read brings back and each write sets', () => {
    const { sheet, kernel } = setup();
    sheet.getRange(1, 1, 10, 3).setValues(grid(10, () => 'x').map((r) => r.slice(0, 3)));
    sheet.getRange(1, 1, 4, 2).getValues();
    sheet.getRange('A1').getValue();
    expect(kernel.counters).toMatchObject({ cellsWritten: 30, cellsRead: 9 });
  });

  it('charges a write call little, its cells and the commit the next read pays', () => {
    const { sheet, kernel } = setup();
    const m = DEFAULT_LATENCY;
    let t = kernel.now();
    sheet.getRange(1, 1, 10, 10).setValues(grid(10, () => 'x'));
    expect(kernel.now() - t).toBeCloseTo(m.navCallMs + m.writeCallMs + 100 * m.perCellWrittenMs, 6);
    t = kernel.now();
    sheet.getRange(1, 1, 10, 10).getValues();
    expect(kernel.now() - t).toBeCloseTo(m.navCallMs + m.readCallMs + 100 * m.perCellReadMs + m.commitMs, 6);
    t = kernel.now();
    sheet.getRange(1, 1, 10, 10).getValues();
    expect(kernel.now() - t).toBeCloseTo(m.navCallMs + m.readCallMs + 100 * m.perCellReadMs, 6);
  });

  it('a TextFinder pays for the cells it searches, not as cells read', () => {
    const { sheet, kernel } = setup();
    sheet.getRange(1, 1, 500, 1).setValues(Array.from({ length: 500 }, (_, i) => [`R-${i}`]));
    sheet.getRange('A1').getValue();
    kernel.resetCounters();
    const hits = sheet.getRange(1, 1, 1000, 1).createTextFinder('R-42').matchEntireCell(true).findAll();
    expect(hits.map((h: Any) => h.getRow())).toEqual([43]);
    expect(kernel.counters).toMatchObject({ cellsSearched: 500, cellsRead: 0 });
  });
});
