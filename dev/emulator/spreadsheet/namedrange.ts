/** Named ranges (Spreadsheet.setNamedRange / getRangeByName / getNamedRanges). */
import { Ctx } from './ctx';
import { checkArgs, fail } from './errors';
import { makeRange } from './facades';
import { instrument } from './instrument';
import { EmSpreadsheet } from './model';
import type { Range } from './range';

/** Sheets accepts letters, digits, '_' and '.', not starting with a digit, and not an A1 or R1C1 reference. */
export function checkRangeName(name: unknown): string {
  const n = String(name);
  if (
    !/^[A-Za-z_][A-Za-z0-9_.]{0,249}$/.test(n) ||
    /^[A-Za-z]{1,3}\d+$/.test(n) ||
    /^R\d*C\d*$/i.test(n) ||
    /^(true|false)$/i.test(n)
  ) {
    fail(
      `Invalid name: ${n}. Named ranges can contain letters, numbers and underscores, and can't look like a cell reference.`,
    );
  }
  return n;
}

export class NamedRange {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    public _name: string,
  ) {}

  _data() {
    const d = this._b.namedRanges.find((n) => n.name === this._name);
    if (!d) fail(`The named range ${this._name} no longer exists.`);
    return d;
  }

  getName(): string {
    return this._data().name;
  }

  getRange(): Range {
    const d = this._data();
    return makeRange(this._x, this._b, this._b.sheetById(d.sheetId)!, d.box);
  }

  remove(): void {
    this._x.recordMeta(this._b);
    this._b.namedRanges = this._b.namedRanges.filter((n) => n.name !== this._name);
  }

  setName(name: string): this {
    const n = checkRangeName(name);
    if (this._b.namedRanges.some((x) => x.name === n && x.name !== this._name))
      fail(`A named range called ${n} already exists.`);
    this._x.recordMeta(this._b);
    this._data().name = n;
    this._name = n;
    return this;
  }

  setRange(range: Range): this {
    checkArgs(!!range && typeof range === 'object' && '_box' in range, [range], 'SpreadsheetApp.NamedRange.setRange');
    this._x.recordMeta(this._b);
    const d = this._data();
    d.sheetId = range._s.id;
    d.box = { ...range._box };
    return this;
  }
}

instrument(NamedRange, 'NamedRange', { remove: 'write', setName: 'write', setRange: 'write' }, ((self: NamedRange) => ({
  kernel: self._x.kernel,
  spreadsheetId: self._b.id,
})) as never);
