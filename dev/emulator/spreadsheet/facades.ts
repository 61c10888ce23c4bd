/**
 * Factories for the script-facing objects, in one place so the classes can
 * refer to each other (the imports are only used at call time, so the
 * module cycle is harmless).
 */
import type { A1Form, Box } from './a1';
import type { Ctx } from './ctx';
import type { EmSpreadsheet, SheetState } from './model';
import { Range } from './range';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';

export function makeRange(ctx: Ctx, book: EmSpreadsheet, sh: SheetState, box: Box, form: A1Form = 'cells'): Range {
  return new Range(ctx, book, sh, box, form);
}

export function makeSheet(ctx: Ctx, book: EmSpreadsheet, sh: SheetState): Sheet {
  return new Sheet(ctx, book, sh);
}

export function makeSpreadsheet(ctx: Ctx, book: EmSpreadsheet): Spreadsheet {
  return new Spreadsheet(ctx, book);
}
