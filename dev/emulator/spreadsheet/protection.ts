/**
 * Protected sheets and ranges (Sheet.protect, Range.protect). As the
 * reference describes: a new protection mirrors the file's editors until its
 * editor list is changed; neither the owner nor the current user can be
 * removed; the owner can always edit; a sheet protection may leave
 * unprotected ranges; warning-only protections let everyone edit.
 */
import { Box } from './a1';
import { Ctx } from './ctx';
import { checkArgs, fail } from './errors';
import { makeRange } from './facades';
import { instrument } from './instrument';
import { EmSpreadsheet, ProtectionData, SheetState } from './model';
import type { Range } from './range';
import { emailOf, sameEmail, User } from './users';

export const ProtectionType = Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' });

export function createProtection(
  ctx: Ctx,
  book: EmSpreadsheet,
  sh: SheetState,
  type: 'RANGE' | 'SHEET',
  box: Box | null,
): Protection {
  if (type === 'SHEET') {
    // An already protected sheet returns its existing protection.
    const existing = book.protections.find((p) => p.type === 'SHEET' && p.sheetId === sh.id);
    if (existing) return new Protection(ctx, book, existing.id);
  }
  ctx.recordMeta(book);
  const p: ProtectionData = {
    id: book.nextProtectionId++,
    type,
    sheetId: sh.id,
    box,
    description: '',
    warningOnly: false,
    mirrorsFile: true,
    editors: [],
    unprotected: [],
    domainEdit: false,
    rangeName: null,
  };
  book.protections.push(p);
  return new Protection(ctx, book, p.id);
}

export class Protection {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    readonly _id: number,
  ) {}

  _p(): ProtectionData {
    const p = this._b.protections.find((q) => q.id === this._id);
    if (!p) fail('This protection has been removed.');
    return p;
  }

  _editors(p: ProtectionData): string[] {
    const list = [this._b.owner, ...(p.mirrorsFile ? this._b.editors : p.editors)];
    return list.filter((e, i) => list.findIndex((x) => sameEmail(x, e)) === i);
  }

  _change(fn: (p: ProtectionData) => void): this {
    this._x.recordMeta(this._b);
    fn(this._p());
    return this;
  }

  /** Materialises the mirrored editor list before the first change to it. */
  _own(p: ProtectionData): void {
    if (!p.mirrorsFile) return;
    p.editors = this._editors(p).filter((e) => !sameEmail(e, this._b.owner));
    const me = this._x.env.effectiveUser();
    if (!p.editors.some((e) => sameEmail(e, me)) && !sameEmail(me, this._b.owner)) p.editors.push(me);
    p.mirrorsFile = false;
  }

  getDescription(): string {
    return this._p().description;
  }
  setDescription(description: string): this {
    return this._change((p) => {
      p.description = String(description);
    });
  }
  isWarningOnly(): boolean {
    return this._p().warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    return this._change((p) => {
      p.warningOnly = Boolean(warningOnly);
    });
  }
  canDomainEdit(): boolean {
    this._mustEdit();
    return this._p().domainEdit;
  }
  /** Throws for files owned by a consumer (gmail.com) account, which have no domain. */
  setDomainEdit(editable: boolean): this {
    if (/@(gmail|googlemail)\.com$/i.test(this._b.owner))
      fail('This spreadsheet does not belong to a Google Workspace domain.');
    return this._change((p) => {
      this._own(p);
      p.domainEdit = Boolean(editable);
    });
  }

  /** getEditors and canDomainEdit throw for a user who cannot edit the protected area. */
  _mustEdit(): void {
    if (!this._x.protectionAllows(this._b, this._p(), this._x.env.effectiveUser()))
      fail('You do not have permission to perform that action.');
  }
  getProtectionType(): string {
    return this._p().type;
  }
  getRangeName(): string | null {
    return this._p().rangeName;
  }

  canEdit(): boolean {
    return this._x.protectionAllows(this._b, this._p(), this._x.env.effectiveUser());
  }

  getEditors(): User[] {
    this._mustEdit();
    return this._editors(this._p()).map((e) => new User(e));
  }

  addEditor(emailAddress: unknown): this {
    const email = emailOf(emailAddress);
    checkArgs(email !== null, [emailAddress], 'SpreadsheetApp.Protection.addEditor');
    return this._change((p) => {
      this._own(p);
      if (!sameEmail(email!, this._b.owner) && !p.editors.some((e) => sameEmail(e, email!))) p.editors.push(email!);
    });
  }

  addEditors(emailAddresses: unknown[]): this {
    checkArgs(Array.isArray(emailAddresses), [emailAddresses], 'SpreadsheetApp.Protection.addEditors');
    const emails = emailAddresses.map(emailOf);
    checkArgs(
      emails.every((e) => e !== null),
      [emailAddresses],
      'SpreadsheetApp.Protection.addEditors',
    );
    return this._change((p) => {
      this._own(p);
      for (const email of emails as string[]) {
        if (!sameEmail(email, this._b.owner) && !p.editors.some((e) => sameEmail(e, email))) p.editors.push(email);
      }
    });
  }

  removeEditor(emailAddress: unknown): this {
    const email = emailOf(emailAddress);
    checkArgs(email !== null, [emailAddress], 'SpreadsheetApp.Protection.removeEditor');
    return this._change((p) => this._remove(p, [email!]));
  }

  removeEditors(emailAddresses: unknown[]): this {
    checkArgs(Array.isArray(emailAddresses), [emailAddresses], 'SpreadsheetApp.Protection.removeEditors');
    const emails = emailAddresses.map(emailOf);
    checkArgs(
      emails.every((e) => e !== null),
      [emailAddresses],
      'SpreadsheetApp.Protection.removeEditors',
    );
    return this._change((p) => this._remove(p, emails as string[]));
  }

  _remove(p: ProtectionData, emails: string[]): void {
    this._own(p);
    const me = this._x.env.effectiveUser();
    // The owner and the current user cannot be removed.
    const drop = emails.filter((e) => !sameEmail(e, this._b.owner) && !sameEmail(e, me));
    p.editors = p.editors.filter((e) => !drop.some((d) => sameEmail(d, e)));
  }

  getRange(): Range {
    const p = this._p();
    const sh = this._b.sheetById(p.sheetId)!;
    return makeRange(this._x, this._b, sh, p.box ?? { r: 1, c: 1, nr: sh.maxRows, nc: sh.maxCols });
  }

  setRange(range: Range): this {
    checkArgs(!!range && typeof range === 'object' && '_box' in range, [range], 'SpreadsheetApp.Protection.setRange');
    return this._change((p) => {
      p.sheetId = range._s.id;
      p.box = { ...range._box };
    });
  }

  getUnprotectedRanges(): Range[] {
    const p = this._p();
    const sh = this._b.sheetById(p.sheetId)!;
    return p.unprotected.map((b) => makeRange(this._x, this._b, sh, b));
  }

  setUnprotectedRanges(ranges: Range[]): this {
    checkArgs(
      Array.isArray(ranges) && ranges.every((r) => r && typeof r === 'object' && '_box' in r),
      [ranges],
      'SpreadsheetApp.Protection.setUnprotectedRanges',
    );
    const p = this._p();
    if (p.type !== 'SHEET') fail('Unprotected ranges can only be set on a protected sheet.');
    if (ranges.some((r) => r._s.id !== p.sheetId || r._b !== this._b))
      fail('The unprotected ranges must be on the protected sheet.');
    return this._change((q) => {
      q.unprotected = ranges.map((r) => ({ ...r._box }));
    });
  }

  setRangeName(rangeName: string): this {
    return this._setRangeName(rangeName);
  }
  _setRangeName(rangeName: string): this {
    const p = this._p();
    const named = this._b.namedRanges.find((n) => n.name === rangeName);
    if (!named) fail(`The named range ${rangeName} does not exist.`);
    if (p.type !== 'RANGE' || named.sheetId !== p.sheetId)
      fail('The named range must be on the same sheet as the protected range.');
    return this._change((q) => {
      q.rangeName = named.name;
      q.box = { ...named.box };
    });
  }

  setNamedRange(namedRange: { _name?: string }): this {
    checkArgs(
      !!namedRange && typeof namedRange._name === 'string',
      [namedRange],
      'SpreadsheetApp.Protection.setNamedRange',
    );
    return this._setRangeName(namedRange._name as string);
  }

  remove(): void {
    if (!this._x.protectionAllows(this._b, this._p(), this._x.env.effectiveUser()))
      fail('You do not have permission to remove this protection.');
    this._x.recordMeta(this._b);
    this._b.protections = this._b.protections.filter((q) => q.id !== this._id);
  }
}

const READS = [
  'getDescription',
  'isWarningOnly',
  'canDomainEdit',
  'getProtectionType',
  'getRangeName',
  'canEdit',
  'getEditors',
  'getRange',
  'getUnprotectedRanges',
];
const WRITES = [
  'setDescription',
  'setWarningOnly',
  'setDomainEdit',
  'addEditor',
  'addEditors',
  'removeEditor',
  'removeEditors',
  'setRange',
  'setUnprotectedRanges',
  'setRangeName',
  'setNamedRange',
  'remove',
];
instrument(
  Protection,
  'Protection',
  {
    ...Object.fromEntries(READS.map((m) => [m, 'read' as const])),
    ...Object.fromEntries(WRITES.map((m) => [m, 'write' as const])),
  },
  ((self: Protection) => ({ kernel: self._x.kernel, spreadsheetId: self._b.id, cells: 0 })) as never,
);
