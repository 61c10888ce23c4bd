/**
 * The benchmark works on 5,000 rows × 32 columns: block reads and writes are
 * O(cells) with small constants, and undo steps capture only the written block.
 */
import { setup } from './spreadsheet-setup';

const ROWS = 5000,
  COLS = 32;

function bigSheet() {
  const t = setup();
  t.sheet.insertRowsAfter(1000, ROWS - 1000);
  t.sheet.insertColumnsAfter(26, COLS - 26);
  const values = Array.from({ length: ROWS }, (_, r) =>
    Array.from({ length: COLS }, (_, c) =>
      c === 0
        ? `R-${String(r).padStart(6, '0')}`
        : c === 1
          ? new Date(Date.UTC(2026, 0, 1 + (r % 300)))
          : c % 3 === 0
            ? r * c
            : `text ${r}:${c}`,
    ),
  );
  return { ...t, values };
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

describe('large ranges', () => {
  it('writes and reads 5,000 × 32 cells in well under a second each', () => {
    const { sheet, values } = bigSheet();
    const range = sheet.getRange(1, 1, ROWS, COLS);
    const write = timed(() => range.setValues(values));
    let read: unknown[][] = [];
    const readMs = timed(() => {
      read = range.getValues();
    });
    const displayMs = timed(() => range.getDisplayValues());
    expect(read[4999][0]).toBe('R-004999');
    expect((read[10][1] as Date).getTime()).toBe(Date.UTC(2026, 0, 11));
    expect(write).toBeLessThan(1500);
    expect(readMs).toBeLessThan(1000);
    expect(displayMs).toBeLessThan(1500);
  });

  it('records an undo step of only the block a write covers, inside an execution', () => {
    const { sheet, values, kernel, store, hub } = bigSheet();
    sheet.getRange(1, 1, ROWS, COLS).setValues(values);
    kernel.beginExecution();
    const oneRow = timed(() => {
      for (let i = 0; i < 200; i++) sheet.getRange(2 + i, 3).setValue(i);
    });
    expect(() => kernel.kill('test')).toThrow();
    kernel.endExecution();
    expect(oneRow).toBeLessThan(300);
    expect(store.peek(hub.id, 'Sheet1').values[2][2]).toBe(values[2][2]);
  });
});
