/**
 * Set-up, part 3: the default rows of Settings and Templates. A row is added
 * only when its setting or template key is missing; a row a person has edited
 * is theirs and is never overwritten.
 */
import type { Civil } from '../../core/dates';
import { DEFAULT_TEMPLATES } from '../../core/defaultTemplates';
import { defaultHolidays } from '../../core/holidays';
import { SETTINGS, SETTING_HEADERS, TAB, TEMPLATE_HEADERS, TEMPLATE_KEYS } from '../../core/schema';
import { normalizeHeader } from '../../core/text';
import { Table } from '../../table/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RowsReport {
  /** Setting names or template keys added to a tab that already existed. */
  added: string[];
  /** The email written into an empty Admin Emails, if any. */
  admin: string | null;
  tables: Table[];
}

/** What a new row of a setting starts with: the schema's default, and for Holidays the US federal holidays of this year and next. */
function startingValue(
  name: string,
  schemaDefault: string | number | boolean,
  today: Civil,
): string | number | boolean {
  return name === 'Holidays' ? defaultHolidays(today) : schemaDefault;
}

/** Adds missing settings with their defaults, and makes `user` the admin when there is none. */
export function ensureSettings(ss: Spreadsheet, timeZone: string, user: string, today: Civil): RowsReport {
  const table = Table.read(ss, TAB.settings, timeZone, { required: SETTING_HEADERS });
  const byName = new Map(table.rows.map((r) => [normalizeHeader(r.text('Setting')), r] as const));
  const added: string[] = [];
  for (const s of SETTINGS) {
    if (byName.has(normalizeHeader(s.name))) continue;
    byName.set(
      normalizeHeader(s.name),
      table.append({ Setting: s.name, Value: startingValue(s.name, s.default, today), Description: s.description }),
    );
    added.push(s.name);
  }
  let admin: string | null = null;
  const admins = byName.get(normalizeHeader('Admin Emails'));
  if (admins && admins.text('Value') === '' && user) {
    admins.set('Value', user);
    admin = user;
  }
  return { added, admin, tables: [table] };
}

/** Adds a row with the default text for every template key that has none. */
export function ensureTemplates(ss: Spreadsheet, timeZone: string): RowsReport {
  const table = Table.read(ss, TAB.templates, timeZone, { required: TEMPLATE_HEADERS });
  const keys = new Set(table.rows.map((r) => r.text('Key').toUpperCase()));
  const added: string[] = [];
  for (const key of TEMPLATE_KEYS) {
    if (keys.has(key)) continue;
    const t = DEFAULT_TEMPLATES[key];
    table.append({ Key: key, Subject: t.subject, Body: t.body, Description: t.description });
    added.push(key);
  }
  return { added, admin: null, tables: [table] };
}
