/**
 * The names a template may use (SPEC.md "Emails"). A case-level email can use
 * every Reassignments header (the case's own row), every Clients header (its
 * client's row), a few settings, and the derived fields below; the digest and
 * the therapist reminder are not about one case and get only settings and
 * their own fields. Preview and lint use knownFieldsFor(key) to tell an
 * unknown placeholder from a known one.
 */
import { CASE_HEADERS, CLIENT_HEADERS, CLIENT_OPTIONAL_HEADERS, type TemplateKey } from './schema';
import { type Civil, formatCivil } from './dates';
import { initials, normalizeHeader } from './text';

/** Settings a template may use. */
export const SETTING_FIELDS = [
  'Practice Name',
  'Front Desk Phone',
  'Reply-To',
  'Sender Name',
  'Referral Resources',
] as const;

/** Fields a case-level email takes from the case's Reassignments row and its client's Clients row. */
export const CASE_ROW_FIELDS: readonly string[] = CASE_HEADERS;
export const CLIENT_ROW_FIELDS: readonly string[] = [...CLIENT_HEADERS, ...CLIENT_OPTIONAL_HEADERS];

/** Derived fields, by the name a template writes. */
export const FIELD = {
  // about the client(s) the email is for
  greetingName: 'Greeting Name', // Preferred Name, else First Name; a household's joined 'Ana and Ben'
  clientNames: 'Client Names', // full names, joined the same way
  clientInitials: 'Client Initials', // 'A.S.', a household's 'A.S., B.S.'
  therapistName: 'Therapist Name', // the departing or previous clinician
  therapistFirstName: 'Therapist First Name',
  lastDay: 'Last Day', // long form: 'December 18, 2026'
  reassignmentOptions: 'Reassignment Options', // multi-line list of the four options
  answerLink: 'Answer Link', // the sentence with the personal answer link(s); '' when the practice has no answer page
  answerUrl: 'Answer URL', // the link alone
  // staff only
  caseRef: 'Case Ref', // one Ref, or a household's refs joined ', '
  trackerUrl: 'Tracker URL',
  transitionSheetUrl: 'Transition Sheet URL',
  departureId: 'Departure ID',
  runDate: 'Run Date',
  caseList: 'Case List', // multi-line: one case per line, refs/IDs/initials and the action only
  overdueCount: 'Overdue Count',
  openCount: 'Open Count',
  runStatus: 'Run Status', // 'Complete' or 'INCOMPLETE: …'
  missingCount: 'Missing Count', // cases with no Preference yet
  preferenceDeadline: 'Preference Deadline',
  newClinician: 'New Clinician',
  previousClinician: 'Previous Clinician',
  nextSession: 'Next Session',
  intakeRequired: 'Intake Required', // 'Yes' / 'No'
  removalRequest: 'Removal Request', // one sentence: remove <previous clinician> from client <ID>'s list
} as const;

const F = FIELD;
/** Fields whose value is a URL the add-on made (never a person's text): shown as a link in an HTML email. */
export const LINK_FIELDS: readonly string[] = [FIELD.answerLink, FIELD.answerUrl];

const CLIENT_DERIVED = [
  F.greetingName,
  F.clientNames,
  F.clientInitials,
  F.therapistName,
  F.therapistFirstName,
  F.lastDay,
  F.reassignmentOptions,
  F.caseRef,
] as const;
const CLINICIAN_DERIVED = [
  F.caseRef,
  F.clientInitials,
  F.therapistName,
  F.therapistFirstName,
  F.newClinician,
  F.previousClinician,
  F.nextSession,
  F.intakeRequired,
  F.trackerUrl,
] as const;

/** What each key's renderer provides beyond the settings (and, for case-level keys, the case and client rows). */
export const TEMPLATE_FIELDS: Record<TemplateKey, readonly string[]> = {
  DEPARTURE_NOTICE: [...CLIENT_DERIVED, F.answerLink, F.answerUrl],
  CONTACT_FOLLOWUP: [...CLIENT_DERIVED, F.answerLink, F.answerUrl],
  TEXT_FOLLOWUP: CLIENT_DERIVED,
  TERMINATION_NOTICE: CLIENT_DERIVED,
  CLINICIAN_NEW: CLINICIAN_DERIVED,
  CLINICIAN_PREVIOUS: CLINICIAN_DERIVED,
  MANAGEMENT_REMOVE: [...CLINICIAN_DERIVED, F.removalRequest],
  THERAPIST_REMINDER: [
    F.therapistName,
    F.therapistFirstName,
    F.lastDay,
    F.preferenceDeadline,
    F.transitionSheetUrl,
    F.departureId,
    F.missingCount,
    F.openCount,
    F.caseList,
  ],
  STAFF_DIGEST: [F.runDate, F.runStatus, F.openCount, F.overdueCount, F.missingCount, F.caseList, F.trackerUrl],
};

/** Keys rendered for one case (or one household), so the case and client rows are fields too. */
export const CASE_LEVEL_TEMPLATES: readonly TemplateKey[] = [
  'DEPARTURE_NOTICE',
  'CONTACT_FOLLOWUP',
  'TEXT_FOLLOWUP',
  'TERMINATION_NOTICE',
  'CLINICIAN_NEW',
  'CLINICIAN_PREVIOUS',
  'MANAGEMENT_REMOVE',
];

/** Every field name a template with this key may use, without duplicates. */
export function knownFieldsFor(key: TemplateKey): string[] {
  const caseLevel = CASE_LEVEL_TEMPLATES.includes(key);
  const all = [
    ...SETTING_FIELDS,
    ...(caseLevel ? [...CASE_ROW_FIELDS, ...CLIENT_ROW_FIELDS] : []),
    ...(TEMPLATE_FIELDS[key] ?? []),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of all) {
    if (seen.has(normalizeHeader(f))) continue;
    seen.add(normalizeHeader(f));
    out.push(f);
  }
  return out;
}

/**
 * Fields a client-facing email should not carry (minimum necessary): payer and
 * clinical-adjacent facts, internal reasons, notes and flags.
 */
export const SENSITIVE_FIELDS: readonly string[] = [
  'Insurance',
  'Medicaid',
  'OMHC Assessment Date',
  'OMHC Required',
  'Insurance Verified',
  'Reason',
  'Notes',
  'Interaction Notes',
  'Note',
  'Flag',
  'Next Action',
  'Last Intake Date',
  'Intake Required',
];

/** The only fields the default client-facing templates use. */
export const CLIENT_FACING_FIELDS: readonly string[] = [
  F.greetingName,
  F.clientNames,
  F.therapistName,
  F.therapistFirstName,
  F.lastDay,
  F.reassignmentOptions,
  F.answerLink,
  'Practice Name',
  'Front Desk Phone',
  'Referral Resources',
];

// ---- Derived values -----------------------------------------------------------

/** 'Ana', 'Ana and Ben', 'Ana, Ben and Cleo' (blanks dropped). */
export function joinNames(names: readonly string[]): string {
  const xs = names.map((n) => String(n ?? '').trim()).filter((n) => n !== '');
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Fields by name, looked up case- and space-insensitively. */
function getter(row: Record<string, unknown>): (name: string) => string {
  const byKey = new Map<string, string>();
  for (const [k, v] of Object.entries(row ?? {})) {
    const key = normalizeHeader(k);
    if (!byKey.has(key)) byKey.set(key, v === null || v === undefined ? '' : String(v).trim());
  }
  return (name) => byKey.get(normalizeHeader(name)) ?? '';
}

/** How a client is addressed: Preferred Name, else First Name. */
export function greetingName(client: Record<string, unknown>): string {
  const get = getter(client);
  return get('Preferred Name') || get('First Name');
}

export function fullName(client: Record<string, unknown>): string {
  const get = getter(client);
  return [get('First Name'), get('Last Name')].filter((s) => s !== '').join(' ');
}

const TITLES = new Set(['dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'mx', 'mx.']);

/** 'Dr. Jordan Avery' → 'Jordan'. */
export function firstName(name: string): string {
  const words = String(name ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const first = words.find((w) => !TITLES.has(w.toLowerCase()));
  return first ?? words[0] ?? '';
}

/** The four options of the departure notice, one per line. */
export function reassignmentOptionsText(practiceName: string, recommended?: string): string {
  const practice = String(practiceName ?? '').trim() || 'the practice';
  const rec = String(recommended ?? '').trim();
  return [
    rec
      ? `1. Continue your care at ${practice} with ${rec}, the clinician we recommend for you.`
      : `1. Continue your care at ${practice} with a clinician we recommend for you.`,
    `2. Choose another clinician at ${practice}: we will help you find someone who fits your needs, schedule and insurance.`,
    `3. Ask us for a referral to a provider outside ${practice}.`,
    '4. End services for now. You are always welcome to come back.',
  ].join('\n');
}

/** One case of a case-level email: its Reassignments row and its client's Clients row, as the sheet displays them. */
export interface CaseMember {
  caseRow: Record<string, unknown>;
  client: Record<string, unknown>;
}

export interface CaseFieldsInput {
  /** Settings by name (Practice Name, Front Desk Phone, …). */
  settings: Record<string, unknown>;
  /** The case, or every case of a household that shares one address (in the order they are named). */
  members: readonly CaseMember[];
  /** The departing or previous clinician. */
  therapistName: string;
  lastDay?: Civil | null;
  /** Anything else the workflow knows (Tracker URL, New Clinician …); wins over the rows. */
  extra?: Record<string, string>;
}

/**
 * The fields of a case-level email: settings, the first member's case and
 * client rows, and the derived fields (names joined across a household).
 * Sender Name falls back to the Practice Name, as the setting documents.
 */
export function caseFields(i: CaseFieldsInput): Record<string, string> {
  const out: Record<string, string> = {};
  const first = i.members[0] ?? { caseRow: {}, client: {} };
  for (const [k, v] of Object.entries(first.client ?? {})) out[k] = v === null || v === undefined ? '' : String(v);
  for (const [k, v] of Object.entries(first.caseRow ?? {})) out[k] = v === null || v === undefined ? '' : String(v);
  const setting = getter(i.settings);
  for (const name of SETTING_FIELDS) out[name] = setting(name);
  if (!out['Sender Name']) out['Sender Name'] = out['Practice Name'];

  const recommended = new Set(i.members.map((m) => getter(m.caseRow)('Recommended Clinician')));
  out[F.greetingName] = joinNames(i.members.map((m) => greetingName(m.client)));
  out[F.clientNames] = joinNames(i.members.map((m) => fullName(m.client)));
  out[F.clientInitials] = i.members
    .map((m) => initials(getter(m.client)('First Name'), getter(m.client)('Last Name')))
    .join(', ');
  out[F.caseRef] = i.members
    .map((m) => getter(m.caseRow)('Ref'))
    .filter((r) => r !== '')
    .join(', ');
  out[F.therapistName] = String(i.therapistName ?? '').trim();
  out[F.therapistFirstName] = firstName(i.therapistName);
  out[F.lastDay] = i.lastDay ? formatCivil(i.lastDay, 'MMMM d, yyyy') : '';
  // A household with different recommendations gets the general wording.
  out[F.reassignmentOptions] = reassignmentOptionsText(
    out['Practice Name'],
    recommended.size === 1 ? [...recommended][0] : '',
  );
  // Filled in by the notices and the follow-up email when the practice has an answer page.
  out[F.answerLink] = '';
  out[F.answerUrl] = '';
  for (const [k, v] of Object.entries(i.extra ?? {})) out[k] = v;
  return out;
}
