/**
 * TextFinder: find and replace over a range, a sheet or the whole
 * spreadsheet, in row order, sheet by sheet. Matches what cells display
 * (or formula text with matchFormulaText); case-insensitive by default.
 */
import { Box } from './a1';
import { Formula } from './cell';
import { Ctx } from './ctx';
import { checkArgs } from './errors';
import { makeRange } from './facades';
import { instrument } from './instrument';
import { EmSpreadsheet, SheetState } from './model';
import type { Range } from './range';
import { readDisplay, writeValues } from './values';

export interface Scope {
  sheet: SheetState;
  box: Box;
}
interface Hit {
  sheet: SheetState;
  r: number;
  c: number;
  text: string;
}

export class TextFinder {
  _case = false;
  _entire = false;
  _regex = false;
  _formulas = false;
  _diacritics = false;
  _cursor = -1;
  _start: { sheet: SheetState; r: number; c: number } | null = null;

  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    readonly _scopes: Scope[],
    readonly _text: string,
  ) {}

  _pattern(): RegExp {
    const flags = this._case ? 'g' : 'gi';
    const src = this._regex ? this._text : this._text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(this._entire ? `^(?:${src})$` : src, flags);
  }

  /** The cells a search looks through: the part of each scope that holds anything. */
  _searched(): number {
    let n = 0;
    for (const { sheet, box } of this._scopes) {
      const nr = Math.min(box.nr, sheet.values.lastRow() + 1 - box.r + 1);
      const nc = Math.min(box.nc, sheet.values.lastCol() + 1 - box.c + 1);
      if (nr > 0 && nc > 0) n += nr * nc;
    }
    return n;
  }

  _hits(): Hit[] {
    const re = this._pattern();
    const hits: Hit[] = [];
    const norm = (s: string) => (this._diacritics ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s);
    for (const { sheet, box } of this._scopes) {
      // Only the part of the scope that holds anything.
      const nr = Math.min(box.nr, sheet.values.lastRow() + 1 - box.r + 1);
      const nc = Math.min(box.nc, sheet.values.lastCol() + 1 - box.c + 1);
      if (nr < 1 || nc < 1) continue;
      const shown = readDisplay(this._b, sheet, { r: box.r, c: box.c, nr, nc });
      for (let i = 0; i < nr; i++) {
        for (let j = 0; j < nc; j++) {
          const raw = sheet.values.get(box.r - 1 + i, box.c - 1 + j);
          const text = this._formulas && raw instanceof Formula ? raw.text : shown[i][j];
          if (text === '') continue;
          re.lastIndex = 0;
          if (re.test(norm(text))) hits.push({ sheet, r: box.r + i, c: box.c + j, text });
        }
      }
    }
    return hits;
  }

  _range(h: Hit): Range {
    return makeRange(this._x, this._b, h.sheet, { r: h.r, c: h.c, nr: 1, nc: 1 });
  }

  findAll(): Range[] {
    return this._hits().map((h) => this._range(h));
  }

  findNext(): Range | null {
    const hits = this._hits();
    if (this._cursor < 0 && this._start) {
      const s = this._start;
      const idx = hits.findIndex((h) => h.sheet === s.sheet && (h.r > s.r || (h.r === s.r && h.c > s.c)));
      this._cursor = idx < 0 ? hits.length : idx - 1;
    }
    this._cursor++;
    if (this._cursor >= hits.length) {
      this._cursor = hits.length;
      return null;
    }
    return this._range(hits[this._cursor]);
  }

  findPrevious(): Range | null {
    const hits = this._hits();
    if (this._cursor < 0) this._cursor = hits.length;
    this._cursor--;
    if (this._cursor < 0) {
      this._cursor = -1;
      return null;
    }
    return this._range(hits[this._cursor]);
  }

  getCurrentMatch(): Range | null {
    const hits = this._hits();
    return this._cursor >= 0 && this._cursor < hits.length ? this._range(hits[this._cursor]) : null;
  }

  matchCase(matchCase: boolean): this {
    this._case = Boolean(matchCase);
    return this;
  }
  matchEntireCell(entire: boolean): this {
    this._entire = Boolean(entire);
    return this;
  }
  matchFormulaText(f: boolean): this {
    this._formulas = Boolean(f);
    return this;
  }
  ignoreDiacritics(d: boolean): this {
    this._diacritics = Boolean(d);
    return this;
  }
  useRegularExpression(r: boolean): this {
    this._regex = Boolean(r);
    return this;
  }
  startFrom(startRange: Range): this {
    checkArgs(
      !!startRange && typeof startRange === 'object' && '_box' in startRange,
      [startRange],
      'SpreadsheetApp.TextFinder.startFrom',
    );
    this._start = { sheet: startRange._s, r: startRange._box.r, c: startRange._box.c };
    this._cursor = -1;
    return this;
  }

  _replace(hits: Hit[], replaceText: string): number {
    const re = this._pattern();
    for (const h of hits) {
      const box = { r: h.r, c: h.c, nr: 1, nc: 1 };
      this._x.assertScriptCanEdit(this._b, h.sheet, box);
      const next = this._regex ? h.text.replace(re, replaceText) : h.text.replace(re, () => replaceText);
      writeValues(this._x, this._b, h.sheet, box, [[next]]);
    }
    return hits.length;
  }

  replaceAllWith(replaceText: string): number {
    return this._replace(this._hits(), String(replaceText));
  }

  replaceWith(replaceText: string): number {
    const hits = this._hits();
    const h = hits[this._cursor];
    return h ? this._replace([h], String(replaceText)) : 0;
  }
}

const search = (kind: 'read' | 'write') => (self: TextFinder) => ({
  data: true,
  read: kind === 'read',
  spreadsheetId: self._b.id,
  cells: 0,
  searched: self._searched(),
});
instrument(
  TextFinder,
  'TextFinder',
  {
    findAll: search('read'),
    findNext: search('read'),
    findPrevious: search('read'),
    getCurrentMatch: search('read'),
    replaceAllWith: search('write'),
    replaceWith: search('write'),
  } as never,
  ((self: TextFinder) => ({ kernel: self._x.kernel, spreadsheetId: self._b.id })) as never,
);
