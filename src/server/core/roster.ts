/**
 * The roster import plan: what an EHR client export would change on the
 * Clients tab, decided in memory before anything is written. Clients are
 * matched by Client ID as exact text ('00123' is not '123'); nothing is ever
 * deleted; a value the file does not give (a blank cell, an unreadable value)
 * never overwrites what the Clients tab already holds.
 */
import { CLIENT_CHECKBOXES, CLIENT_HEADERS, CLIENT_OPTIONAL_HEADERS, CLIENT_STATUS } from './schema';
import { isCivil, parseLooseDate } from './dates';
import { isValidEmail, nameKey, normalizeHeader, parseBool } from './text';

/** Our Clients header → the export's header. */
export type Mapping = Record<string, string>;

/** Our headers → normalised values: trimmed text, booleans, Civil dates, null for not provided. */
export interface ClientRecord {
  [header: string]: string | boolean | null;
}

export interface ImportPlan {
  /** Any here means nothing may be written. */
  headerProblems: string[];
  added: ClientRecord[];
  updated: { clientId: string; line: number; changes: { header: string; from: unknown; to: unknown }[] }[];
  unchanged: number;
  /** line = 1-based line of the CSV record. */
  problems: { line: number; clientId: string; message: string; skipped: boolean }[];
}

export const REQUIRED_IMPORT_HEADERS = ['Client ID', 'First Name', 'Last Name'] as const;
export const IMPORT_HEADERS: readonly string[] = [...CLIENT_HEADERS, ...CLIENT_OPTIONAL_HEADERS];
const CHECKBOXES: readonly string[] = [...CLIENT_CHECKBOXES, 'Email OK', 'Text OK'];
const DATES: readonly string[] = ['Last Intake Date', 'OMHC Assessment Date'];

/** Export headers seen in EHR exports for each of our headers, in order of preference. */
export const SYNONYMS: Record<string, readonly string[]> = {
  'Client ID': ['Client ID', 'Patient ID', 'Client Id', 'ID', 'Account Number', 'MRN'],
  'First Name': ['First Name', 'First', 'Given Name'],
  'Last Name': ['Last Name', 'Last', 'Surname', 'Family Name'],
  Email: ['Email', 'Email Address', 'E-mail'],
  Phone: ['Phone', 'Mobile Phone', 'Cell Phone', 'Phone Number', 'Home Phone'],
  Clinician: ['Clinician', 'Primary Clinician', 'Provider', 'Therapist', 'Assigned Clinician'],
  Status: ['Status', 'Client Status', 'Patient Status'],
  Insurance: ['Insurance', 'Primary Insurance', 'Insurance Plan', 'Payer'],
  Medicaid: ['Medicaid', 'Is Medicaid'],
  'Last Intake Date': ['Last Intake Date', 'Intake Date', 'Last Intake'],
  'Portal Access': ['Portal Access', 'Portal', 'Has Portal Access'],
  'Documents Complete': ['Documents Complete', 'Paperwork Complete', 'Docs Complete'],
  'OMHC Assessment Date': ['OMHC Assessment Date', 'OMHC Date'],
  'Email OK': ['Email OK', 'OK to Email', 'Email Consent', 'Allow Email'],
  'Text OK': ['Text OK', 'OK to Text', 'SMS OK', 'Text Consent', 'Allow Text'],
  'Preferred Name': ['Preferred Name', 'Nickname', 'Goes By'],
};

/**
 * Our header → the export header it most likely is. A remembered choice wins
 * while that export header still exists; each export column is used once.
 */
export function guessMapping(exportHeaders: string[], remembered?: Mapping): Mapping {
  const byKey = new Map<string, string>();
  for (const h of exportHeaders) {
    const key = normalizeHeader(h);
    if (key !== '' && !byKey.has(key)) byKey.set(key, h);
  }
  const used = new Set<string>();
  const mapping: Mapping = {};
  for (const ours of IMPORT_HEADERS) {
    const theirs = remembered?.[ours];
    const found = theirs === undefined ? undefined : byKey.get(normalizeHeader(theirs));
    if (found !== undefined && !used.has(normalizeHeader(found))) {
      mapping[ours] = found;
      used.add(normalizeHeader(found));
    }
  }
  for (const ours of IMPORT_HEADERS) {
    if (mapping[ours] !== undefined) continue;
    for (const synonym of SYNONYMS[ours] ?? [ours]) {
      const found = byKey.get(normalizeHeader(synonym));
      if (found !== undefined && !used.has(normalizeHeader(found))) {
        mapping[ours] = found;
        used.add(normalizeHeader(found));
        break;
      }
    }
  }
  return mapping;
}

// ---- The plan ---------------------------------------------------------------------

type Value = string | boolean | null;

/** One cell read for one of our headers: the value to write, or why it is not written. */
type Read = { value: Value } | { problem: string };

export function planImport(
  existing: ClientRecord[],
  csvRows: string[][],
  mapping: Mapping,
  opts?: {
    clinicianNames?: string[];
    /** file line of each row (CsvResult.lines); default: row index + 1 */ lines?: number[];
  },
): ImportPlan {
  const plan: ImportPlan = { headerProblems: [], added: [], updated: [], unchanged: 0, problems: [] };
  const header = csvRows[0];
  if (!header || header.every((h) => String(h ?? '').trim() === '')) {
    plan.headerProblems.push('The export is empty: it has no header row.');
    return plan;
  }
  const columns = resolveColumns(header, mapping, plan.headerProblems);
  if (plan.headerProblems.length > 0) return plan;

  const lineOf = (i: number) => opts?.lines?.[i] ?? i + 1;
  const idColumn = columns.get('Client ID')!;
  const clinicians = opts?.clinicianNames ? clinicianLookup(opts.clinicianNames) : null;

  // Where each Client ID appears in the file and on the Clients tab.
  const linesById = new Map<string, number[]>();
  csvRows.forEach((row, i) => {
    if (i === 0 || isBlankRow(row)) return;
    const id = String(row[idColumn] ?? '').trim();
    if (id !== '') linesById.set(id, [...(linesById.get(id) ?? []), lineOf(i)]);
  });
  const existingById = new Map<string, ClientRecord[]>();
  for (const rec of existing) {
    const id = String(rec['Client ID'] ?? '').trim();
    if (id !== '') existingById.set(id, [...(existingById.get(id) ?? []), rec]);
  }

  for (let i = 1; i < csvRows.length; i++) {
    const row = csvRows[i];
    const line = lineOf(i);
    if (isBlankRow(row)) continue; // an export's trailing ",,,," rows say nothing
    const clientId = String(row[idColumn] ?? '').trim();
    const skip = (message: string) => plan.problems.push({ line, clientId, message, skipped: true });
    if (row.length !== header.length) {
      skip(
        `Line ${line} has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${header.length}; it was not imported — fix the export and import again.`,
      );
      continue;
    }
    if (clientId === '') {
      skip(`Line ${line} has no Client ID; it was not imported.`);
      continue;
    }
    const dupLines = linesById.get(clientId) ?? [];
    if (dupLines.length > 1) {
      skip(
        `Client ID ${clientId} appears on lines ${listOf(dupLines)}; ${dupLines.length === 2 ? 'neither' : 'none'} was imported — fix the export and import again.`,
      );
      continue;
    }
    const matches = existingById.get(clientId) ?? [];
    if (matches.length > 1) {
      skip(
        `Client ID ${clientId} is on the Clients tab ${matches.length} times; line ${line} was not imported — remove the duplicate Clients row and import again.`,
      );
      continue;
    }

    const record: ClientRecord = {};
    for (const [ours, col] of columns) {
      const read = readCell(ours, row[col]);
      if ('problem' in read) {
        plan.problems.push({
          line,
          clientId,
          message: `Line ${line} (Client ID ${clientId}): ${read.problem}`,
          skipped: false,
        });
        record[ours] = null;
        continue;
      }
      record[ours] = read.value;
    }
    record['Client ID'] = clientId;
    const clinician = record['Clinician'];
    if (clinicians && typeof clinician === 'string') {
      const canonical = clinicians.get(nameKey(clinician));
      if (canonical !== undefined) record['Clinician'] = canonical;
      else {
        plan.problems.push({
          line,
          clientId,
          skipped: false,
          message: `Line ${line} (Client ID ${clientId}): Clinician "${clinician}" is not on the Clinicians tab; imported as given — add the clinician or correct the export.`,
        });
      }
    }

    const current = matches[0];
    if (!current) {
      plan.added.push(newClient(record, [...columns.keys()]));
      continue;
    }
    const changes: ImportPlan['updated'][number]['changes'] = [];
    for (const ours of columns.keys()) {
      const to = record[ours];
      if (to === null || to === undefined) continue; // not provided: keep what the Clients tab holds
      const from = normaliseExisting(ours, current[ours]);
      if (from !== to) changes.push({ header: ours, from, to });
    }
    if (changes.length === 0) plan.unchanged++;
    else plan.updated.push({ clientId, line, changes });
  }
  return plan;
}

/** Our header → the index of its export column; problems for anything that cannot be read. */
function resolveColumns(header: string[], mapping: Mapping, problems: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  const known = new Map(IMPORT_HEADERS.map((h) => [normalizeHeader(h), h] as const));
  for (const [oursRaw, theirsRaw] of Object.entries(mapping ?? {})) {
    const theirs = String(theirsRaw ?? '').trim();
    if (theirs === '') continue; // cleared in the mapping: not imported
    const ours = known.get(normalizeHeader(oursRaw));
    if (ours === undefined) {
      problems.push(`The mapping names "${oursRaw}", which is not a Clients column (${IMPORT_HEADERS.join(', ')}).`);
      continue;
    }
    const at: number[] = [];
    header.forEach((h, i) => {
      if (normalizeHeader(h) === normalizeHeader(theirs)) at.push(i);
    });
    if (at.length === 0)
      problems.push(
        `The export has no column "${theirs}" (mapped to ${ours}); pick another column or fix the mapping.`,
      );
    else if (at.length > 1)
      problems.push(
        `The export has ${at.length} columns named "${theirs}" (columns ${listOf(at.map((i) => i + 1))}); rename one so ${ours} can be read.`,
      );
    else columns.set(ours, at[0]);
  }
  for (const required of REQUIRED_IMPORT_HEADERS) {
    const mapped = Object.entries(mapping ?? {}).some(
      ([o, t]) => normalizeHeader(o) === normalizeHeader(required) && String(t ?? '').trim() !== '',
    );
    if (!mapped) problems.push(`The export has no column for ${required} (map one or add it).`);
  }
  return columns;
}

/** A cell read for one of our headers; blank is null (not provided). */
function readCell(header: string, raw: string | undefined): Read {
  const text = String(raw ?? '').trim();
  if (text === '') return { value: null };
  if (CHECKBOXES.includes(header)) {
    const b = parseBool(text);
    return b === null
      ? { problem: `${header} "${text}" is not a yes or no; ${header} was not imported.` }
      : { value: b };
  }
  if (DATES.includes(header)) {
    const d = parseLooseDate(text);
    return d === null ? { problem: `${header} "${text}" is not a date; ${header} was not imported.` } : { value: d };
  }
  if (header === 'Status') {
    const status = CLIENT_STATUS.find((s) => s.toLowerCase() === text.toLowerCase());
    return status === undefined
      ? { problem: `Status "${text}" is not one of ${CLIENT_STATUS.join(', ')}; Status was not imported.` }
      : { value: status };
  }
  if (header === 'Email' && !isValidEmail(text)) {
    return { problem: `"${text}" is not a valid email address; the email was not imported.` };
  }
  return { value: text };
}

/** A value already on the Clients tab, in the form an import would write it, for comparison. */
function normaliseExisting(header: string, v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return CHECKBOXES.includes(header) ? v : String(v).toUpperCase();
  const text = String(v).trim();
  if (text === '') return null;
  if (CHECKBOXES.includes(header)) return parseBool(text) ?? text;
  if (DATES.includes(header)) return (isCivil(text) ? text : parseLooseDate(text)) ?? text;
  if (header === 'Status') return CLIENT_STATUS.find((s) => s.toLowerCase() === text.toLowerCase()) ?? text;
  return text;
}

/** A new client: every Clients header, blank where the export does not say. */
function newClient(record: ClientRecord, mapped: string[]): ClientRecord {
  const out: ClientRecord = {};
  for (const h of CLIENT_HEADERS) out[h] = record[h] ?? null;
  for (const h of mapped) out[h] = record[h] ?? null;
  return out;
}

function clinicianLookup(names: string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const n of names) {
    const name = String(n ?? '').trim();
    const key = nameKey(name);
    if (key !== '' && !byKey.has(key)) byKey.set(key, name);
  }
  return byKey;
}

function isBlankRow(row: string[]): boolean {
  return row.every((c) => String(c ?? '').trim() === '');
}

/** '4 and 9', '4, 9 and 12'. */
function listOf(ns: number[]): string {
  return ns.length <= 1 ? ns.join('') : `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}
