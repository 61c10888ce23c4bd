/**
 * The values a template's placeholders take, as the sheet displays them:
 * every header of the case's Reassignments row and of its client's Clients row,
 * the settings, and the derived fields of core/fields (Greeting Name, Client
 * Names, Therapist Name = Previous Clinician, Last Day, Reassignment Options …).
 * Dates are shown in the spreadsheet's time zone with the format set-up gives
 * their column (core/hubSpec COLUMN_FORMATS: M/d/yyyy, or M/d/yyyy h:mm AM/PM for
 * Next Session, Last Updated and Timestamp), so an email says what the sheet
 * shows; computed with core/dates, never a per-row Utilities.formatDate.
 */
import type { Env } from '../../../services/context';
import { caseFields as coreCaseFields, FIELD, joinNames, reassignmentOptionsText } from '../../../core/fields';
import { civilToDate, clockTime, isCivil, toCivil, formatCivil } from '../../../core/dates';
import type { Fields } from '../../../core/templates';
import { normalizeHeader } from '../../../core/text';
import { type Cell, type Row, isDateValue } from '../../../table/table';
import { COLUMN_FORMATS, DATE_FORMAT, DATE_TIME_FORMAT } from '../../../core/hubSpec';
import { perExecution } from './memo';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The format set-up gives each date column, by header (the same header is a date on every tab that has it). */
const FORMAT_OF = new Map<string, string>(
  Object.values(COLUMN_FORMATS)
    .flatMap((columns) => Object.entries(columns ?? {}))
    .map(([h, f]) => [normalizeHeader(h), f]),
);

/** The number format set-up gives a column ('' for a column that is not a date column). */
export function columnFormat(header: string): string {
  return FORMAT_OF.get(normalizeHeader(header)) ?? '';
}

/**
 * A cell as Sheets displays it: with `format` one of set-up's date formats
 * ('M/d/yyyy', 'M/d/yyyy h:mm AM/PM' → '12/1/2026 2:30 PM'), else with the
 * default formats: dates M/d/yyyy (and H:mm:ss when there is a time), TRUE/FALSE.
 */
export function displayText(v: Cell | null | undefined, timeZone: string, format = ''): string {
  if (v === null || v === undefined) return '';
  if (isDateValue(v)) {
    if (Number.isNaN(v.getTime())) return '';
    const day = toCivil(v, timeZone);
    if (format === DATE_FORMAT) return formatCivil(day);
    if (format === DATE_TIME_FORMAT) {
      const t = clockTime(v, timeZone);
      return `${formatCivil(day)} ${((t.hour + 11) % 12) + 1}:${pad2(t.minute)} ${t.hour < 12 ? 'AM' : 'PM'}`;
    }
    const sinceMidnight = v.getTime() - civilToDate(day, timeZone).getTime();
    if (sinceMidnight === 0) return formatCivil(day);
    const s = Math.floor(sinceMidnight / 1000);
    return `${formatCivil(day)} ${Math.floor(s / 3600)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** A row as displayed values keyed by header. */
export function displayRecord(row: Row | undefined, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!row) return out;
  for (const [header, v] of Object.entries(row.record())) out[header] = displayText(v, timeZone, columnFormat(header));
  return out;
}

/** The hub's address, for staff emails that link to the tracker (one call per execution). */
export function trackerUrl(env: Env): string {
  return perExecution(env, 'trackerUrl', () => env.ctx.ss.getUrl());
}

/**
 * Every field of a case-level email for one case. `extra` wins over the rows:
 * the workflow passes what it knows beyond them (a departure's 'Last Day',
 * given as 'YYYY-MM-DD' or already displayed; 'Therapist Name'; 'New Clinician' …).
 */
export function caseFields(env: Env, caseRow: Row, client: Row | undefined, extra: Fields = {}): Fields {
  const tz = env.ctx.timeZone;
  const caseRecord = displayRecord(caseRow, tz);
  const lastDayText = valueOf(extra, FIELD.lastDay);
  const lastDay = isCivil(lastDayText.trim()) ? lastDayText.trim() : null;
  const rest: Fields = { [FIELD.trackerUrl]: trackerUrl(env) };
  for (const [k, v] of Object.entries(extra)) {
    if (lastDay && normalizeHeader(k) === normalizeHeader(FIELD.lastDay)) continue;
    rest[k] = v;
  }
  return coreCaseFields({
    settings: env.settings.all(),
    members: [{ caseRow: caseRecord, client: displayRecord(client, tz) }],
    therapistName: valueOf(extra, FIELD.therapistName) || caseRecord['Previous Clinician'] || '',
    lastDay,
    extra: rest,
  });
}

/**
 * One notice naming each member of a household that shares an address: the
 * first member's fields, with the names, initials and refs of all of them
 * ('Ana and Ben'). Pass only members who may be emailed (Email OK not FALSE).
 */
export function householdFields(members: Fields[]): Fields {
  if (members.length === 0) throw new Error('A household email needs at least one member.');
  const base: Fields = { ...members[0] };
  const all = (name: string) => members.map((m) => valueOf(m, name));
  base[FIELD.greetingName] = joinNames(all(FIELD.greetingName));
  base[FIELD.clientNames] = joinNames(all(FIELD.clientNames));
  base[FIELD.clientInitials] = all(FIELD.clientInitials)
    .filter((s) => s.trim() !== '')
    .join(', ');
  base[FIELD.caseRef] = all(FIELD.caseRef)
    .filter((s) => s.trim() !== '')
    .join(', ');
  // Different recommendations in one household: the general wording, as core/fields does.
  const recommended = new Set(all('Recommended Clinician').map((s) => s.trim()));
  if (recommended.size > 1)
    base[FIELD.reassignmentOptions] = reassignmentOptionsText(valueOf(base, 'Practice Name'), '');
  return base;
}

/** A field by name, case- and space-insensitively; '' when absent. */
export function valueOf(fields: Fields, name: string): string {
  const want = normalizeHeader(name);
  for (const [k, v] of Object.entries(fields)) if (normalizeHeader(k) === want) return v ?? '';
  return '';
}
