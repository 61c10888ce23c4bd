/**
 * The departure workflow's decisions, as plain values in and out: input
 * checks, who gets a case, what a therapist's sheet row holds, how a synced
 * cell is judged, and what the Departures panel says to do next. Nothing here
 * calls a service, so it is tested by the hundred.
 */
import { canonicalStatus } from '../../core/cadence';
import { Civil, daysBetween, formatCivil, isCivil } from '../../core/dates';
import { isTerminal, PREFERENCE } from '../../core/schema';
import { normalizeHeader, plural, sameName } from '../../core/text';
import { mergeFlags } from '../shared/caseFacts';

/** The process asks for "at least 2-4 weeks' notice". */
export const MIN_NOTICE_DAYS = 14;

export interface StartInput {
  clinician: string;
  noticeDate: string;
  lastDay: string;
}

/** Checks the start form; returns the problems as sentences (empty when fine). */
export function startInputProblems(input: unknown): string[] {
  if (input === null || typeof input !== 'object') {
    return ['Start therapist departure needs {clinician, noticeDate, lastDay}.'];
  }
  const i = input as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof i.clinician !== 'string' || i.clinician.trim() === '') {
    problems.push('Choose the departing clinician (their Name or Email on the Clinicians tab).');
  }
  const dates: [string, unknown][] = [
    ['notice date', i.noticeDate],
    ['last day', i.lastDay],
  ];
  for (const [what, v] of dates) {
    if (!isCivil(typeof v === 'string' ? v.trim() : v)) {
      problems.push(`The ${what} "${String(v ?? '')}" is not a date: write it as YYYY-MM-DD, e.g. 2026-12-18.`);
    }
  }
  if (problems.length === 0 && String(i.lastDay).trim() < String(i.noticeDate).trim()) {
    problems.push(`The last day ${String(i.lastDay).trim()} is before the notice date ${String(i.noticeDate).trim()}.`);
  }
  return problems;
}

/** Warnings that do not stop a departure: short notice, a last day already past. */
export function noticeWarnings(noticeDate: Civil, lastDay: Civil, today: Civil): string[] {
  const warnings: string[] = [];
  const days = daysBetween(noticeDate, lastDay);
  if (days < MIN_NOTICE_DAYS) {
    warnings.push(
      `Only ${plural(days, 'day')} between the notice (${formatCivil(noticeDate)}) and the last day (${formatCivil(lastDay)}): the process asks for at least two weeks. Contact clients promptly.`,
    );
  }
  if (lastDay < today) warnings.push(`The last day ${formatCivil(lastDay)} is already past.`);
  return warnings;
}

/** How a case names its client: Preferred Name (else First Name) and Last Name. */
export function clientDisplayName(first: string, last: string, preferred: string): string {
  return [preferred.trim() || first.trim(), last.trim()].filter((s) => s !== '').join(' ');
}

/** The Client Name a case gets from a Clients row (whose Preferred Name column is optional). */
export function clientNameOf(client: { text(header: string): string; has(header: string): boolean }): string {
  return clientDisplayName(
    client.text('First Name'),
    client.text('Last Name'),
    client.has('Preferred Name') ? client.text('Preferred Name') : '',
  );
}

/** 'Transition – Dana Whitfield – last day 2026-12-18'. */
export function transitionSheetTitle(clinician: string, lastDay: Civil | null): string {
  return `Transition – ${clinician.trim()} – last day ${lastDay ?? 'not set'}`;
}

/** The columns of the therapist's sheet, in order; only the last three are theirs to edit. */
export const SHEET_COLUMNS = [
  'Ref',
  'Client Name',
  'Email',
  'Phone',
  'Preference',
  'Recommended Clinician',
  'Notes',
] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];
export const EDITABLE_COLUMNS: readonly SheetColumn[] = ['Preference', 'Recommended Clinician', 'Notes'];

export function sheetInstructions(clinician: string, lastDay: Civil | null, deadline: Civil | null): string {
  const by = deadline ? ` by ${deadline}` : lastDay ? ` before your last day (${lastDay})` : '';
  return (
    `${clinician.trim()}: please check each client's contact details and, after talking with them, record their Preference, ` +
    `a Recommended Clinician and any Notes${by}. You may correct an Email or Phone (the front desk checks each correction); ` +
    'tell the transition manager about anything else that needs correcting (or write it in Notes). Do not delete rows.'
  );
}

// ---- Vocabularies typed past a dropdown ------------------------------------------

/** A preference as the vocabulary spells it; '' for blank; null when it is not one. */
export function canonicalPreference(v: string): string | null {
  const key = normalizeHeader(v);
  if (key === '') return '';
  return PREFERENCE.find((p) => p.toLowerCase() === key) ?? null;
}

/** A clinician's name as the Clinicians tab spells it; '' for blank; null when it is not one of the names. */
export function canonicalClinician(v: string, names: readonly string[]): string | null {
  if (v.trim() === '') return '';
  return names.find((n) => sameName(n, v)) ?? null;
}

// ---- Snapshot of what the therapist's sheet last held -------------------------------

/** The fields of a sheet row the snapshot remembers, as hashes (no client data is kept). */
export const SNAPSHOT_FIELDS = ['Preference', 'Recommended Clinician', 'Notes', 'Email', 'Phone'] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];
export type Snapshot = Record<SnapshotField, string>;

/** FNV-1a over the trimmed text, base 36: enough to tell "changed" from "not changed". */
export function cellHash(v: unknown): string {
  const s = String(v ?? '').trim();
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h >>> 0).toString(36);
}

export function snapshotOf(values: Record<SnapshotField, unknown>): Snapshot {
  const out = {} as Snapshot;
  for (const f of SNAPSHOT_FIELDS) out[f] = cellHash(values[f]);
  return out;
}

export function encodeSnapshot(s: Snapshot): string {
  return SNAPSHOT_FIELDS.map((f) => s[f]).join('.');
}

export function decodeSnapshot(text: string): Snapshot | null {
  const parts = String(text ?? '').split('.');
  if (parts.length !== SNAPSHOT_FIELDS.length || parts.some((p) => !/^[0-9a-z]+$/.test(p))) return null;
  const out = {} as Snapshot;
  SNAPSHOT_FIELDS.forEach((f, i) => {
    out[f] = parts[i];
  });
  return out;
}

// ---- Sync -------------------------------------------------------------------------------

/** One data row of the therapist's sheet, as read. */
export interface SheetRow {
  rowNumber: number;
  values: Record<SnapshotField | 'Ref', string>;
}

/** What the hub holds for a case of the departure, plus its client's contact details. */
export interface HubCase {
  ref: string;
  preference: string;
  recommended: string;
  notes: string;
  email: string;
  phone: string;
}

export interface SyncChange {
  ref: string;
  /** Hub values to write, by Reassignments header. */
  set: Partial<Record<'Preference' | 'Recommended Clinician' | 'Notes', string>>;
  /** The Log details: field names and vocabulary values, never the text of Notes. */
  details: string;
}

export interface ContactProposal {
  ref: string;
  email?: string;
  phone?: string;
  /** 'Contact change proposed by therapist: Email → a@b.org; Phone → 555-0100'. */
  text: string;
}

export interface InvalidCell {
  ref: string;
  rowNumber: number;
  header: string;
  value: string;
  message: string;
}

export interface SyncPlan {
  changes: SyncChange[];
  contacts: ContactProposal[];
  invalid: InvalidCell[];
  /** Refs of the departure's open cases that are not in the sheet (deleted rows). */
  missing: string[];
  /** Refs in the sheet that are not cases of this departure. */
  unknown: string[];
  /** Refs that appear on more than one row: the first row is used. */
  duplicates: string[];
  /** Rows with content but no Ref. */
  rowsWithoutRef: number[];
  /** The new snapshot of every row that was read. */
  snapshot: Map<string, Snapshot>;
}

export interface SyncInput {
  rows: readonly SheetRow[];
  /** The departure's cases by Ref (open and closed). */
  cases: ReadonlyMap<string, HubCase>;
  /** Refs of the departure's open cases, which the sheet should list. */
  openRefs: readonly string[];
  snapshot: ReadonlyMap<string, Snapshot>;
  /** Names a Recommended Clinician may be. */
  clinicianNames: readonly string[];
}

const CONTACT_FIELDS = ['Email', 'Phone'] as const;

/** The note a case gets when both the hub and the therapist changed its Notes since the last sync. */
export function mergeNotes(hub: string, therapist: string): string {
  const h = hub.trim();
  const t = therapist.trim();
  if (h === '' || h.includes(t)) return h === '' ? t : h;
  if (t.includes(h)) return t;
  return `${h}\nFrom the therapist's sheet: ${t}`;
}

/**
 * Compares the therapist's sheet with the hub and the last snapshot. A cell the
 * therapist did not change since the last sync never overwrites the hub (a
 * CSR's later edit stands); a changed Preference or Recommended Clinician must
 * be from its vocabulary; a changed Email or Phone is proposed, not applied.
 */
export function planSync(input: SyncInput): SyncPlan {
  const plan: SyncPlan = {
    changes: [],
    contacts: [],
    invalid: [],
    missing: [],
    unknown: [],
    duplicates: [],
    rowsWithoutRef: [],
    snapshot: new Map(),
  };
  const seen = new Set<string>();
  for (const row of input.rows) {
    const ref = row.values.Ref.trim().toUpperCase();
    if (ref === '') {
      if (SNAPSHOT_FIELDS.some((f) => row.values[f].trim() !== '')) plan.rowsWithoutRef.push(row.rowNumber);
      continue;
    }
    if (seen.has(ref)) {
      if (!plan.duplicates.includes(ref)) plan.duplicates.push(ref);
      continue;
    }
    seen.add(ref);
    const hub = input.cases.get(ref);
    if (!hub) {
      plan.unknown.push(ref);
      continue;
    }
    syncRow(input, plan, row, hub);
  }
  for (const ref of input.openRefs) if (!seen.has(ref)) plan.missing.push(ref);
  return plan;
}

function syncRow(input: SyncInput, plan: SyncPlan, row: SheetRow, hub: HubCase): void {
  const hubValues: Record<SnapshotField, string> = {
    Preference: hub.preference,
    'Recommended Clinician': hub.recommended,
    Notes: hub.notes,
    Email: hub.email,
    Phone: hub.phone,
  };
  // Without a snapshot (first sync of a row), the hub's values are the baseline.
  const base = input.snapshot.get(hub.ref) ?? snapshotOf(hubValues);
  const next: Snapshot = { ...base };
  const change: SyncChange = { ref: hub.ref, set: {}, details: '' };
  const said: string[] = [];
  const changedByTherapist = (f: SnapshotField): boolean => cellHash(row.values[f]) !== base[f];
  const hubEdited = (f: SnapshotField): boolean => cellHash(hubValues[f]) !== base[f];

  const vocab: [SnapshotField & ('Preference' | 'Recommended Clinician'), (v: string) => string | null, string][] = [
    ['Preference', canonicalPreference, `one of: ${PREFERENCE.join(', ')}`],
    ['Recommended Clinician', (v) => canonicalClinician(v, input.clinicianNames), 'the name of an active clinician'],
  ];
  for (const [field, canonical, expected] of vocab) {
    if (!changedByTherapist(field)) continue;
    const typed = row.values[field].trim();
    const value = canonical(typed);
    if (value === null) {
      plan.invalid.push({
        ref: hub.ref,
        rowNumber: row.rowNumber,
        header: field,
        value: typed,
        message: `${hub.ref}: "${typed}" is not a ${field}; expected ${expected}. It was not copied.`,
      });
      continue; // the snapshot keeps the old value, so the cell is reported until it is fixed
    }
    next[field] = cellHash(row.values[field]);
    if (value === hub[field === 'Preference' ? 'preference' : 'recommended'].trim()) continue;
    change.set[field] = value;
    const overrode = hubEdited(field) && hubValues[field].trim() !== '' ? ' (replacing an edit made in the hub)' : '';
    said.push(value === '' ? `${field} cleared${overrode}` : `${field}: ${value}${overrode}`);
  }

  if (changedByTherapist('Notes')) {
    next.Notes = cellHash(row.values.Notes);
    const typed = row.values.Notes.trim();
    const value = hubEdited('Notes') ? mergeNotes(hub.notes, typed) : typed;
    if (value !== hub.notes.trim()) {
      change.set.Notes = value;
      said.push(
        hubEdited('Notes') && hub.notes.trim() !== '' ? "Notes updated (merged with the hub's notes)" : 'Notes updated',
      );
    }
  }

  const proposal: ContactProposal = { ref: hub.ref, text: '' };
  const parts: string[] = [];
  for (const field of CONTACT_FIELDS) {
    if (!changedByTherapist(field)) continue;
    next[field] = cellHash(row.values[field]);
    const typed = row.values[field].trim();
    if (typed === hubValues[field].trim()) continue; // the roster already says so
    if (field === 'Email') proposal.email = typed;
    else proposal.phone = typed;
    parts.push(`${field} → ${typed === '' ? '(blank)' : typed}`);
  }
  if (parts.length) {
    proposal.text = `Contact change proposed by therapist: ${parts.join('; ')}`;
    plan.contacts.push(proposal);
  }

  if (said.length) {
    change.details = said.join('; ');
    plan.changes.push(change);
  }
  plan.snapshot.set(hub.ref, next);
}

// ---- The Departures panel ----------------------------------------------------------------

/** One case as the panel counts it. */
export interface CaseFacts {
  status: string;
  noticeSent: boolean;
  reached: boolean;
  nextSession: boolean;
  due: Civil | null;
  preference: string;
  flag: string;
}

export interface DepartureCounts {
  clients: number;
  open: number;
  noticesSent: number;
  reached: number;
  scheduled: number;
  reassigned: number;
  overdue: number;
  missingPreference: number;
  flagged: number;
  /** Open, unflagged cases whose notice has not gone out. */
  noticesPending: number;
  /** Closed cases by how they closed (Reassigned, Referred out, …): the departure's close-out summary. */
  closedAs: Record<string, number>;
}

const REACHED_STATUSES = new Set(['reached', 'scheduled', 'reassigned']);
const SCHEDULED_STATUSES = new Set(['scheduled', 'reassigned']);

export function countCases(cases: readonly CaseFacts[], today: Civil): DepartureCounts {
  const c: DepartureCounts = {
    clients: cases.length,
    open: 0,
    noticesSent: 0,
    reached: 0,
    scheduled: 0,
    reassigned: 0,
    overdue: 0,
    missingPreference: 0,
    flagged: 0,
    noticesPending: 0,
    closedAs: {},
  };
  for (const k of cases) {
    const status = normalizeHeader(k.status);
    const open = !isTerminal(canonicalStatus(k.status));
    if (open) c.open++;
    else c.closedAs[canonicalStatus(k.status)] = (c.closedAs[canonicalStatus(k.status)] ?? 0) + 1;
    if (k.noticeSent) c.noticesSent++;
    // A flagged case (no address, a bounced notice) waits for a person, not for another batch;
    // the nightly cadence's own flags (an overdue notice among them) are no such reason.
    else if (open && mergeFlags([], k.flag) === '') c.noticesPending++;
    if (k.reached || REACHED_STATUSES.has(status)) c.reached++;
    if (SCHEDULED_STATUSES.has(status) || (open && k.nextSession)) c.scheduled++;
    if (status === 'reassigned') c.reassigned++;
    if (open && k.due !== null && k.due < today) c.overdue++;
    if (open && (k.preference.trim() === '' || normalizeHeader(k.preference) === 'undecided')) c.missingPreference++;
    if (open && k.flag.trim() !== '') c.flagged++;
  }
  return c;
}

/** What the transition manager should do next for a departure. */
export function nextDepartureAction(c: DepartureCounts, shared: boolean): string {
  if (c.clients > 0 && c.open === 0) return 'Close out';
  if (!shared) return 'Share the list with the therapist';
  if (c.noticesPending > 0) return 'Send notices';
  if (c.overdue > 0) return `Follow up on ${plural(c.overdue, 'overdue case')}`;
  if (c.missingPreference > 0) return `Waiting for preferences (${c.missingPreference} missing)`;
  return `Keep contacting clients (${plural(c.open, 'open case')})`;
}
