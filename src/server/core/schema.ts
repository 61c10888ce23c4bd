/**
 * The hub workbook's contract (SPEC.md "The hub workbook"): tab names, required
 * headers, vocabularies and settings. Everything that names a tab or a header
 * reads it from here, so a rename is one edit.
 */
import { normalizeHeader } from './text';

export const TAB = {
  clients: 'Clients',
  clinicians: 'Clinicians',
  departures: 'Departures',
  cases: 'Reassignments',
  templates: 'Templates',
  settings: 'Settings',
  notes: 'Interaction Notes',
  log: 'Log',
  dashboard: 'Dashboard',
} as const;
export type TabName = (typeof TAB)[keyof typeof TAB];

export const CLIENT_HEADERS = [
  'Client ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone',
  'Clinician',
  'Status',
  'Insurance',
  'Medicaid',
  'Last Intake Date',
  'Portal Access',
  'Documents Complete',
  'OMHC Assessment Date',
] as const;
/** Optional Clients headers honoured when present. */
export const CLIENT_OPTIONAL_HEADERS = ['Email OK', 'Text OK', 'Preferred Name'] as const;

export const CLINICIAN_HEADERS = [
  'Name',
  'Email',
  'Supervisor Email',
  'Status',
  'Accepting New Clients',
  'Insurances',
  'Medicaid',
  'Last Day',
] as const;

export const DEPARTURE_HEADERS = [
  'Departure ID',
  'Clinician',
  'Email',
  'Notice Received',
  'Last Day',
  'Transition Sheet URL',
  'Active Clients',
  'Notices Sent',
  'Open',
  'Status',
] as const;

export const CASE_HEADERS = [
  'Ref',
  'Opened',
  'Source',
  'Departure ID',
  'Client ID',
  'Client Name',
  'Previous Clinician',
  'Reason',
  'Preference',
  'Recommended Clinician',
  'Status',
  'Notice Sent',
  'Call 1',
  'Call 2',
  'Follow-up Email',
  'Follow-up Text',
  'Reached',
  'Contact Verified',
  'Insurance Verified',
  'Portal & Docs Complete',
  'Intake Required',
  'OMHC Required',
  'New Clinician',
  'Next Session',
  'Clinicians Notified',
  'Removal Requested',
  'Next Action',
  'Due',
  'Flag',
  'Last Updated',
  'Updated By',
  'Notes',
] as const;

/**
 * Reassignments columns of the client answer page: what the client answered
 * through their personal link, and the case's link id (the nonce signed into
 * every link; clearing it retires them). Set-up creates and repairs them; a
 * hub without them works as before, with no links in its notices.
 */
export const CASE_ANSWER_HEADERS = ['Client Answer', 'Answer Link ID'] as const;

export const TEMPLATE_HEADERS = ['Key', 'Subject', 'Body', 'Description'] as const;
export const SETTING_HEADERS = ['Setting', 'Value', 'Description'] as const;
export const NOTE_HEADERS = ['Timestamp', 'Ref', 'Client ID', 'Author', 'Channel', 'Note'] as const;
export const LOG_HEADERS = ['Timestamp', 'User', 'Action', 'Ref', 'Details'] as const;

/** Required headers per tab; the Dashboard is built by the add-on and has none. */
export const REQUIRED_HEADERS: Record<Exclude<TabName, 'Dashboard'>, readonly string[]> = {
  [TAB.clients]: CLIENT_HEADERS,
  [TAB.clinicians]: CLINICIAN_HEADERS,
  [TAB.departures]: DEPARTURE_HEADERS,
  [TAB.cases]: CASE_HEADERS,
  [TAB.templates]: TEMPLATE_HEADERS,
  [TAB.settings]: SETTING_HEADERS,
  [TAB.notes]: NOTE_HEADERS,
  [TAB.log]: LOG_HEADERS,
};

// ---- Vocabularies ----------------------------------------------------------

export const CLIENT_STATUS = ['Active', 'Inactive', 'Discharged'] as const;
export type ClientStatus = (typeof CLIENT_STATUS)[number];

export const CLINICIAN_STATUS = ['Active', 'Departing', 'Left'] as const;
export type ClinicianStatus = (typeof CLINICIAN_STATUS)[number];

export const SOURCE = ['Departure', 'Client request'] as const;
export type Source = (typeof SOURCE)[number];

export const REASON = [
  'Not a good fit',
  'Schedule conflict',
  'Insurance change',
  'Clinician no longer with practice',
  'Other',
] as const;
export type Reason = (typeof REASON)[number];

export const PREFERENCE = [
  'Reassign to recommended clinician',
  'Client will choose',
  'Refer out',
  'Discharge',
  'Undecided',
] as const;
export type Preference = (typeof PREFERENCE)[number];

export const CASE_STATUS = [
  'New',
  'Notice sent',
  'Contacting',
  'Reached',
  'Scheduled',
  'Reassigned',
  'Unresponsive',
  'Services terminated',
  'Referred out',
  'Discharged',
] as const;
export type CaseStatus = (typeof CASE_STATUS)[number];
export const TERMINAL_STATUS: readonly CaseStatus[] = [
  'Reassigned',
  'Services terminated',
  'Referred out',
  'Discharged',
];
/** Whether a case status closes the case; spelling, case and spacing as a person might type them do not matter. */
export const isTerminal = (s: string): boolean => {
  const key = normalizeHeader(s);
  return TERMINAL_STATUS.some((t) => t.toLowerCase() === key);
};

export const DEPARTURE_STATUS = ['Open', 'Complete'] as const;
export type DepartureStatus = (typeof DEPARTURE_STATUS)[number];

/** Clients columns that are checkboxes. */
export const CLIENT_CHECKBOXES = ['Medicaid', 'Portal Access', 'Documents Complete'] as const;
/** Clinicians columns that are checkboxes. */
export const CLINICIAN_CHECKBOXES = ['Accepting New Clients', 'Medicaid'] as const;
/** The three checklist columns of a case. */
export const CASE_CHECKBOXES = ['Contact Verified', 'Insurance Verified', 'Portal & Docs Complete'] as const;

/** The next action written when a case's contact cadence is exhausted. */
export const TERMINATE_ACTION = 'Terminate services in TherapyNotes';

// ---- Settings --------------------------------------------------------------

export interface SettingDef {
  readonly name: string;
  readonly default: string | number | boolean;
  readonly description: string;
}

export const SETTINGS: readonly SettingDef[] = [
  { name: 'Practice Name', default: 'Our Practice', description: 'Shown in every email to clients and staff.' },
  {
    name: 'Admin Emails',
    default: '',
    description: 'Transition managers (comma-separated). They start departures, send notices and edit settings.',
  },
  {
    name: 'CSR Emails',
    default: '',
    description: 'Client service representatives (comma-separated). They contact clients and complete reassignments.',
  },
  {
    name: 'Management Email',
    default: '',
    description: "Receives requests to remove a previous clinician from a client's list.",
  },
  { name: 'Reply-To', default: '', description: 'Address client replies go to (the front desk).' },
  {
    name: 'Sender Name',
    default: '',
    description: 'Name shown as the sender of every email (defaults to the Practice Name).',
  },
  { name: 'Front Desk Phone', default: '', description: 'Phone number clients are told to call.' },
  {
    name: 'Nightly Hour',
    default: 2,
    description: 'Hour of the day (0-23, spreadsheet time zone) the nightly run starts.',
  },
  { name: 'Call 1 Due', default: 2, description: 'Business days after the notice is sent that the first call is due.' },
  { name: 'Call 2 Due', default: 2, description: 'Business days after call 1 that the second call is due.' },
  {
    name: 'Follow-up Due',
    default: 1,
    description: 'Business days after call 2 that the follow-up email and text are due.',
  },
  {
    name: 'Unresponsive After',
    default: 5,
    description: 'Business days after the follow-up with no reply before a case is Unresponsive.',
  },
  {
    name: 'Preference Deadline',
    default: 5,
    description: 'Business days before the last day by which the therapist records each preference.',
  },
  {
    name: 'Stale After',
    default: 7,
    description: 'Calendar days without an update before an open case is flagged stale.',
  },
  {
    name: 'Intake Lookback Months',
    default: 6,
    description: 'A client whose last intake is older than this is scheduled as an intake.',
  },
  {
    name: 'Holidays',
    default: '',
    description:
      "Dates that are not business days, comma-separated (M/d/yyyy or YYYY-MM-DD). Set-up fills in the US federal holidays of this year and next; add the practice's own closures.",
  },
  {
    name: 'Therapist Access Days',
    default: 7,
    description: 'Calendar days after the last day that the therapist keeps access to their transition sheet.',
  },
  {
    name: 'Referral Resources',
    default: '',
    description: 'Referral resources included in the termination notice (one per line).',
  },
  { name: 'Dry Run', default: false, description: 'TRUE: emails are rendered and logged but not sent.' },
  {
    name: 'Answer Page URL',
    default: '',
    description:
      "The client answer page's web app address (https://script.google.com/…/exec), once deployed (README: Client answer page). Blank: notices carry no link.",
  },
  {
    name: 'Answer Link Days',
    default: 14,
    description: "Calendar days after the therapist's last day that a client's personal answer link keeps working.",
  },
];

export const TEMPLATE_KEYS = [
  'DEPARTURE_NOTICE',
  'CONTACT_FOLLOWUP',
  'TEXT_FOLLOWUP',
  'CLINICIAN_NEW',
  'CLINICIAN_PREVIOUS',
  'MANAGEMENT_REMOVE',
  'THERAPIST_REMINDER',
  'STAFF_DIGEST',
  'TERMINATION_NOTICE',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
/** Templates whose recipient is a client: minimum-necessary warnings apply to them. */
export const CLIENT_FACING_TEMPLATES: readonly TemplateKey[] = [
  'DEPARTURE_NOTICE',
  'CONTACT_FOLLOWUP',
  'TEXT_FOLLOWUP',
  'TERMINATION_NOTICE',
];

/** Roles a server function may require. */
export type Role = 'admin' | 'csr';
