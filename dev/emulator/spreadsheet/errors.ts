/**
 * Errors thrown into the script. The platform's service errors carry the name
 * 'Exception' and print as "Exception: <message>"; the texts below are the ones
 * the real service shows (reference pages and widely reported messages).
 */

export const MSG = {
  rowsAtLeastOne: 'The number of rows in the range must be at least 1.',
  colsAtLeastOne: 'The number of columns in the range must be at least 1.',
  outsideGrid: 'The coordinates of the range are outside the dimensions of the sheet.',
  startRowTooSmall: 'The starting row of the range is too small.',
  startColTooSmall: 'The starting column of the range is too small.',
  rangeNotFound: 'Range not found',
  dataRows: (has: number, want: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${has} but the range has ${want}.`,
  dataCols: (has: number, want: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${has} but the range has ${want}.`,
  duplicateSheet: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  openById: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  openByUrl: 'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
  noPermission: 'You do not have permission to access the requested document.',
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  deleteOnlySheet: "You can't remove all the sheets in a document.",
  listTooLong:
    'The data validation rule has more items than the limit of 500. Use the "List from a range" criteria instead.',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  signature: (args: unknown[], method: string) =>
    `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`,
};

/** How the platform names an argument's type in a signature mismatch. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return v.length && Array.isArray(v[0]) ? 'Object[][]' : 'Object[]';
  if (isDateLike(v)) return 'Date';
  const cls = (v as { constructor?: { name?: string } }).constructor?.name;
  return cls && cls !== 'Object' ? `SpreadsheetApp.${cls}` : 'Object';
}

export function isDateLike(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Throws an error the way a service does. */
export function fail(message: string): never {
  const e = new Error(message);
  e.name = 'Exception';
  throw e;
}

/** Throws the platform's signature-mismatch error unless `ok`. */
export function checkArgs(ok: boolean, args: unknown[], method: string): void {
  if (!ok) fail(MSG.signature(args, method));
}

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
