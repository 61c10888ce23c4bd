/**
 * A sparse layer of a sheet (values, number formats, backgrounds, notes …):
 * rows as arrays, 0-based, holes for untouched cells. Block reads and writes
 * are O(cells); inserting and deleting rows or columns splices arrays.
 */
export type Row<T> = (T | undefined)[];

export class Grid<T> {
  rows: (Row<T> | undefined)[] = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = this.rows[r] = [];
    }
    row[c] = v;
  }

  /** A copy of a block (for undo and reads). */
  read(r: number, c: number, nr: number, nc: number): Row<T>[] {
    const out: Row<T>[] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const row = this.rows[r + i];
      const copy: Row<T> = new Array(nc);
      // Dense (no holes), so callers can map over every cell.
      for (let j = 0; j < nc; j++) copy[j] = row === undefined ? undefined : row[c + j];
      out[i] = copy;
    }
    return out;
  }

  write(r: number, c: number, block: Row<T>[]): void {
    for (let i = 0; i < block.length; i++) {
      const src = block[i];
      let row = this.rows[r + i];
      if (row === undefined) {
        if (src.every((v) => v === undefined)) continue;
        row = this.rows[r + i] = [];
      }
      for (let j = 0; j < src.length; j++) row[c + j] = src[j];
    }
  }

  /** Sets every cell of a block to one value (undefined clears). */
  fill(r: number, c: number, nr: number, nc: number, v: T | undefined): void {
    for (let i = 0; i < nr; i++) {
      let row = this.rows[r + i];
      if (row === undefined) {
        if (v === undefined) continue;
        row = this.rows[r + i] = [];
      }
      for (let j = 0; j < nc; j++) row[c + j] = v;
    }
  }

  /** True when any cell of the block holds something. */
  any(r: number, c: number, nr: number, nc: number): boolean {
    for (let i = 0; i < nr; i++) {
      const row = this.rows[r + i];
      if (row === undefined) continue;
      const end = Math.min(row.length, c + nc);
      for (let j = c; j < end; j++) if (row[j] !== undefined) return true;
    }
    return false;
  }

  insertRows(at: number, n: number): void {
    if (at >= this.rows.length) return;
    const tail = this.rows.splice(at);
    this.rows.length = at + n;
    for (const row of tail) this.rows.push(row);
  }

  deleteRows(at: number, n: number): (Row<T> | undefined)[] {
    const removed = this.rows.splice(at, n);
    removed.length = n;
    return removed;
  }

  restoreRows(at: number, removed: (Row<T> | undefined)[]): void {
    if (this.rows.length < at) this.rows.length = at;
    const tail = this.rows.splice(at);
    for (let i = 0; i < removed.length; i++) this.rows[at + i] = removed[i];
    this.rows.length = at + removed.length;
    for (const row of tail) this.rows.push(row);
  }

  insertCols(at: number, n: number): void {
    for (const row of this.rows) {
      if (row === undefined || row.length <= at) continue;
      const tail = row.splice(at);
      row.length = at + n;
      for (const v of tail) row.push(v);
    }
  }

  deleteCols(at: number, n: number): Map<number, Row<T>> {
    const removed = new Map<number, Row<T>>();
    this.rows.forEach((row, r) => {
      if (row === undefined || row.length <= at) return;
      const cut = row.splice(at, n);
      if (cut.some((v) => v !== undefined)) removed.set(r, cut);
    });
    return removed;
  }

  restoreCols(at: number, n: number, removed: Map<number, Row<T>>): void {
    this.rows.forEach((row, r) => {
      if (row === undefined) return;
      const cut = removed.get(r);
      if (row.length <= at && !cut) return;
      if (row.length < at) row.length = at;
      const tail = row.splice(at);
      row.length = at + n;
      if (cut) for (let j = 0; j < cut.length; j++) row[at + j] = cut[j];
      for (const v of tail) row.push(v);
    });
  }

  /** Index of the last row holding something, or -1. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (row !== undefined && row.some((v) => v !== undefined)) return r;
    }
    return -1;
  }

  /** Index of the last column holding something, or -1. */
  lastCol(): number {
    let last = -1;
    for (const row of this.rows) {
      if (row === undefined) continue;
      for (let c = row.length - 1; c > last; c--)
        if (row[c] !== undefined) {
          last = c;
          break;
        }
    }
    return last;
  }

  /** Drops everything beyond the grid (after the grid shrinks). */
  truncate(maxRows: number, maxCols: number): void {
    if (this.rows.length > maxRows) this.rows.length = maxRows;
    for (const row of this.rows) if (row !== undefined && row.length > maxCols) row.length = maxCols;
  }

  /** Canonical JSON: rows as arrays with null holes, trailing empties trimmed (equal grids give equal JSON). */
  toJSON(encode: (v: T) => unknown): unknown[] {
    const out: unknown[] = [];
    let lastRow = -1;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      let last = -1;
      if (row !== undefined)
        for (let c = row.length - 1; c >= 0; c--)
          if (row[c] !== undefined) {
            last = c;
            break;
          }
      if (last < 0) {
        out.push(null);
        continue;
      }
      const enc: unknown[] = new Array(last + 1);
      for (let c = 0; c <= last; c++) enc[c] = row![c] === undefined ? null : encode(row![c] as T);
      out.push(enc);
      lastRow = r;
    }
    out.length = lastRow + 1;
    return out;
  }

  static fromJSON<T>(json: unknown, decode: (v: unknown) => T): Grid<T> {
    const g = new Grid<T>();
    if (!Array.isArray(json)) return g;
    g.rows = json.map((row) => {
      if (!Array.isArray(row)) return undefined;
      const out: Row<T> = new Array(row.length);
      for (let j = 0; j < row.length; j++) if (row[j] !== null) out[j] = decode(row[j]);
      return out;
    });
    for (let r = 0; r < g.rows.length; r++) if (g.rows[r] === undefined) delete g.rows[r];
    return g;
  }
}
