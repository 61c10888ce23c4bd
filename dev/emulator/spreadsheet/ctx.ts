/**
 * Shared internals of the emulated SpreadsheetApp: the spreadsheets, the UI
 * record, the environment (kernel, users, zone), undo recording for buffered
 * writes, and the edit-permission checks that protections impose.
 */
import type { Kernel } from '../kernel';
import { Box, boxContains, boxesIntersect } from './a1';
import { fail, MSG } from './errors';
import { EmSpreadsheet, ProtectionData, SheetState } from './model';
import { newUiState, UiState } from './uistate';

export interface SpreadsheetEnv {
  kernel: Kernel;
  /** The person at the keyboard (Session.getActiveUser). */
  activeUser(): string;
  /** The account the script runs as (Session.getEffectiveUser). */
  effectiveUser(): string;
  scriptTimeZone: string;
  /** A published Editor add-on (not a bound script): its menus live under Extensions only. */
  isAddOn?(): boolean;
}

/**
 * Platform behaviour the documentation leaves open, modelled the stricter way
 * by default; a test may switch one to show what the other way would do.
 */
export interface PlatformModel {
  /**
   * A string written with a leading apostrophe into a cell formatted Plain
   * text ('@'). The apostrophe forcing text is documented for automatic cells
   * (support.google.com/docs/answer/3094285: "equivalent to prefixing a number
   * with an apostrophe"); in a Plain-text cell nothing is parsed, so 'kept'
   * (the default) keeps it as a literal character; 'dropped' strips it as an
   * automatic cell does. The platform check's probe tells which Google does.
   */
  plainTextApostrophe: 'kept' | 'dropped';
}

export const DEFAULT_PLATFORM: Readonly<PlatformModel> = { plainTextApostrophe: 'kept' };

export class Ctx {
  books = new Map<string, EmSpreadsheet>();
  activeId: string | null = null;
  ui: UiState = newUiState();
  seq = 0;
  platform: PlatformModel = { ...DEFAULT_PLATFORM };

  constructor(readonly env: SpreadsheetEnv) {}

  get kernel(): Kernel {
    return this.env.kernel;
  }

  /** A deterministic 44-character file id, shaped like Drive's. */
  newId(): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let x = (++this.seq * 2654435761) >>> 0;
    let id = '1';
    while (id.length < 44) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      id += abc[x % 64];
    }
    return id;
  }

  book(id: string): EmSpreadsheet | undefined {
    return this.books.get(id);
  }

  /** The current year in a zone, for dates typed without one ('3/4'). */
  currentYear(tz: string): number {
    const y = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric' }).format(new Date(this.kernel.now()));
    return Number(y);
  }

  // ---- buffered writes: every write leaves an undo step with the kernel ----

  recordUndo(book: EmSpreadsheet, undo: () => void): void {
    this.kernel.recordWrite(book.id, undo);
  }

  /** Snapshot of the spreadsheet's meta before a write that changes it. */
  recordMeta(book: EmSpreadsheet): void {
    if (!this.kernel.inExecution()) return;
    const snap = book.meta();
    this.recordUndo(book, () => book.setMeta(snap));
  }

  /** Snapshot of the blocks of some layers before a write over them. */
  recordCells(book: EmSpreadsheet, sh: SheetState, layers: string[], box: Box): void {
    if (!this.kernel.inExecution()) return;
    const r = box.r - 1,
      c = box.c - 1;
    const saved = layers.map((k) => {
      const g = k === 'values' ? sh.values : sh.style(k);
      return [g, g.any(r, c, box.nr, box.nc) ? g.read(r, c, box.nr, box.nc) : null] as const;
    });
    this.recordUndo(book, () => {
      for (const [g, block] of saved) {
        if (block) g.write(r, c, block);
        else g.fill(r, c, box.nr, box.nc, undefined);
      }
    });
  }

  // ---- permissions ----

  /** True when the user may edit what the protection covers. */
  protectionAllows(book: EmSpreadsheet, p: ProtectionData, user: string): boolean {
    const u = user.toLowerCase();
    if (u === book.owner.toLowerCase()) return true;
    return (p.mirrorsFile ? book.editors : p.editors).some((e) => e.toLowerCase() === u);
  }

  /** Protections that stop `user` editing any of `box` (box null: the sheet's structure). */
  blockingProtections(book: EmSpreadsheet, sh: SheetState, box: Box | null, user: string): ProtectionData[] {
    const out: ProtectionData[] = [];
    for (const p of book.protections) {
      if (p.sheetId !== sh.id) continue;
      // Warning-based protection: "every user can edit data in the area, except editing prompts a
      // warning asking the user to confirm the edit" (Protection.setWarningOnly) — editors included.
      if (!p.warningOnly && this.protectionAllows(book, p, user)) continue;
      if (p.type === 'RANGE') {
        if (box && p.box && boxesIntersect(p.box, box)) out.push(p);
        continue;
      }
      if (!box || !coveredBy(box, p.unprotected)) out.push(p);
    }
    return out;
  }

  /**
   * A script edit of protected cells by someone who is not an editor of the
   * protection fails (warning-only protections let it through).
   */
  assertScriptCanEdit(book: EmSpreadsheet, sh: SheetState, box: Box | null): void {
    if (!book.protections.length) return;
    const blocking = this.blockingProtections(book, sh, box, this.env.effectiveUser());
    if (blocking.some((p) => !p.warningOnly)) fail(MSG.protectedCell);
  }
}

/** True when every cell of `box` lies in one of `areas`. */
function coveredBy(box: Box, areas: Box[]): boolean {
  if (!areas.length) return false;
  if (areas.some((a) => boxContains(a, box))) return true;
  if (box.nr * box.nc > 20000) return false;
  for (let r = box.r; r < box.r + box.nr; r++) {
    for (let c = box.c; c < box.c + box.nc; c++) {
      const cell = { r, c, nr: 1, nc: 1 };
      if (!areas.some((a) => boxContains(a, cell))) return false;
    }
  }
  return true;
}
