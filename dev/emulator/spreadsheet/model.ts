/**
 * The emulator's state: spreadsheets (EmSpreadsheet) and their sheets
 * (SheetState). A sheet keeps its cells in sparse layers (Grid): 'values'
 * plus one grid per style ('numberFormat', 'background', 'note',
 * 'validation' …). Everything else about a sheet or a spreadsheet is
 * "meta": small, plain, cloneable data (names, sizes, frozen rows, named
 * ranges, protections, conditional format rules, charts), which is what a
 * write snapshots for its undo step.
 */
import { Box } from './a1';
import { Cell } from './cell';
import { Grid } from './grid';

/** A date carried in stored criteria (JSON-safe). */
export interface DateTag {
  $date: number;
}
/** A range carried in stored criteria (JSON-safe). */
export interface RangeTag {
  $range: { sheetId: number } & Box;
}
export type Stored = unknown;

export interface ValidationData {
  criteria: string;
  values: Stored[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ProtectionData {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  box: Box | null;
  description: string;
  warningOnly: boolean;
  /** Until the editors are changed, a new protection mirrors the file's editors (so it protects nothing). */
  mirrorsFile: boolean;
  editors: string[];
  unprotected: Box[];
  domainEdit: boolean;
  rangeName: string | null;
}

export interface NamedRangeData {
  name: string;
  sheetId: number;
  box: Box;
}

export interface CondFormat {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
  underline?: boolean | null;
}
export interface CondRuleData {
  criteria: string | null;
  values: Stored[];
  format: CondFormat;
  ranges: Box[];
}

export interface ChartData {
  chartId: number;
  type: string;
  ranges: ({ sheetId: number } & Box)[];
  options: Record<string, unknown>;
  position: { row: number; col: number; offsetX: number; offsetY: number };
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
  numHeaders: number;
  transpose: boolean;
}

export const STYLE_DEFAULTS: Record<string, unknown> = {
  numberFormat: undefined,
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontLine: 'none',
  fontSize: 10,
  fontFamily: 'Arial',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrapStrategy: 'OVERFLOW',
  textRotation: 0,
  note: '',
  validation: null,
  border: null,
};

const SHEET_META = [
  'id',
  'name',
  'hidden',
  'tabColor',
  'maxRows',
  'maxCols',
  'frozenRows',
  'frozenCols',
  'colWidths',
  'rowHeights',
  'hiddenCols',
  'hiddenRows',
  'condRules',
  'charts',
  'gridlinesHidden',
] as const;

export class SheetState {
  hidden = false;
  tabColor: string | null = null;
  frozenRows = 0;
  frozenCols = 0;
  gridlinesHidden = false;
  colWidths: Record<number, number> = {};
  rowHeights: Record<number, number> = {};
  hiddenCols: number[] = [];
  hiddenRows: number[] = [];
  condRules: CondRuleData[] = [];
  charts: ChartData[] = [];
  values = new Grid<Cell>();
  styles: Record<string, Grid<unknown>> = {};

  constructor(
    public id: number,
    public name: string,
    public maxRows = 1000,
    public maxCols = 26,
  ) {}

  style(key: string): Grid<unknown> {
    return (this.styles[key] ??= new Grid<unknown>());
  }

  /** Every grid of the sheet, keyed by layer ('values' and each style). */
  grids(): [string, Grid<unknown>][] {
    return [['values', this.values as Grid<unknown>], ...Object.entries(this.styles)];
  }

  meta(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of SHEET_META) out[k] = (this as Record<string, unknown>)[k];
    return structuredClone(out);
  }

  setMeta(m: Record<string, unknown>): void {
    Object.assign(this, structuredClone(m));
  }
}

const BOOK_META = [
  'name',
  'timeZone',
  'locale',
  'editors',
  'viewers',
  'namedRanges',
  'protections',
  'nextSheetId',
  'nextChartId',
  'nextProtectionId',
  'activeSheetId',
  'selection',
] as const;

/** One spreadsheet file. */
export class EmSpreadsheet {
  locale = 'en_US';
  editors: string[] = [];
  viewers: string[] = [];
  sheets: SheetState[] = [];
  namedRanges: NamedRangeData[] = [];
  protections: ProtectionData[] = [];
  nextSheetId = 1;
  nextChartId = 1;
  nextProtectionId = 1;
  activeSheetId: number | null = null;
  selection: { sheetId: number; box: Box } | null = null;

  constructor(
    public id: string,
    public name: string,
    public owner: string,
    public timeZone: string,
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  sheetByName(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  sheetById(id: number): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** Adds a sheet (no service call: for setup). */
  addSheet(name: string, index = this.sheets.length, rows = 1000, cols = 26): SheetState {
    // The first sheet of a file has id 0 (gid=0); later ones get fresh ids.
    const id = this.sheets.length === 0 && this.nextSheetId === 1 ? 0 : this.nextSheetIdValue();
    const sh = new SheetState(id, name, rows, cols);
    this.sheets.splice(index, 0, sh);
    if (this.activeSheetId === null) this.activeSheetId = id;
    return sh;
  }

  private nextSheetIdValue(): number {
    // Deterministic, gid-looking ids.
    const n = this.nextSheetId++;
    return (n * 1_234_567_891) % 2_000_000_000;
  }

  activeSheet(): SheetState {
    return this.sheetById(this.activeSheetId ?? -1) ?? this.sheets.find((s) => !s.hidden) ?? this.sheets[0];
  }

  /** Owner, editors and viewers may open the file; editors and the owner may edit it. */
  canOpen(user: string): boolean {
    const u = user.toLowerCase();
    return [this.owner, ...this.editors, ...this.viewers].some((e) => e.toLowerCase() === u);
  }

  canEdit(user: string): boolean {
    const u = user.toLowerCase();
    return [this.owner, ...this.editors].some((e) => e.toLowerCase() === u);
  }

  meta(): { book: Record<string, unknown>; sheets: [SheetState, Record<string, unknown>][] } {
    const book: Record<string, unknown> = {};
    for (const k of BOOK_META) book[k] = (this as Record<string, unknown>)[k];
    return { book: structuredClone(book), sheets: this.sheets.map((s) => [s, s.meta()]) };
  }

  setMeta(m: ReturnType<EmSpreadsheet['meta']>): void {
    Object.assign(this, structuredClone(m.book));
    this.sheets = m.sheets.map(([s, meta]) => {
      s.setMeta(meta);
      return s;
    });
  }
}
