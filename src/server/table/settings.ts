/** The Settings tab as typed values, with the defaults of SPEC.md for anything blank. */
import { SETTINGS, SETTING_HEADERS, TAB } from '../core/schema';
import { normalizeHeader, splitList, parseBool } from '../core/text';
import { Cell, Table } from './table';

export class Settings {
  private readonly values = new Map<string, Cell>();

  constructor(readonly table: Table) {
    for (const row of table.rows) {
      const name = normalizeHeader(row.text('Setting'));
      if (name && !this.values.has(name)) this.values.set(name, row.get('Value'));
    }
  }

  static read(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): Settings {
    return new Settings(Table.read(ss, TAB.settings, timeZone, { required: SETTING_HEADERS }));
  }

  /** The raw value, or the documented default when the setting is missing or blank. */
  raw(name: string): Cell {
    const v = this.values.get(normalizeHeader(name));
    // A cell of spaces is blank too: Number('  ') would otherwise read it as 0.
    if (v !== undefined && !(typeof v === 'string' && v.trim() === '')) return v;
    return defaultOf(name) ?? '';
  }

  text(name: string): string {
    const v = this.raw(name);
    return typeof v === 'string' ? v.trim() : String(v);
  }

  number(name: string): number {
    const n = Number(this.raw(name));
    return Number.isFinite(n) ? n : Number(defaultOf(name) ?? 0);
  }

  /** A count (days, months): a whole number of 0 or more, else the documented default. */
  count(name: string): number {
    const n = this.number(name);
    return Number.isInteger(n) && n >= 0 ? n : Number(defaultOf(name) ?? 0);
  }

  bool(name: string): boolean {
    return parseBool(this.raw(name)) === true;
  }

  /** A comma/semicolon/newline separated list of emails, lower-cased. */
  emails(name: string): string[] {
    return splitList(this.text(name)).map((e) => e.toLowerCase());
  }

  /** Every setting by name, for template fields and cadence rules. */
  all(): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    for (const s of SETTINGS) out[s.name] = this.raw(s.name);
    return out;
  }

  practiceName(): string {
    return this.text('Practice Name');
  }
}

/** The default SPEC.md documents for a setting; undefined for a name it does not list. */
function defaultOf(name: string): Cell | undefined {
  return SETTINGS.find((s) => normalizeHeader(s.name) === normalizeHeader(name))?.default;
}
