/**
 * What a well-formed hub looks like beyond its headers: the dropdowns, the
 * checkboxes, the columns the add-on writes (protected, warning only), the
 * column widths and the header colour. Set-up creates and repairs from this
 * table; nothing else in the add-on decides the workbook's shape.
 */
import {
  CASE_ANSWER_HEADERS,
  CASE_CHECKBOXES,
  CASE_STATUS,
  CLIENT_CHECKBOXES,
  CLIENT_OPTIONAL_HEADERS,
  CLIENT_STATUS,
  CLINICIAN_CHECKBOXES,
  CLINICIAN_STATUS,
  DEPARTURE_STATUS,
  PREFERENCE,
  REASON,
  REQUIRED_HEADERS,
  SOURCE,
  TAB,
} from './schema';

export type HubTab = keyof typeof REQUIRED_HEADERS;

/** Tabs set-up creates, in the order they appear in a new workbook (the Dashboard is made by refreshDashboard). */
export const SETUP_TABS: readonly HubTab[] = [
  TAB.cases,
  TAB.departures,
  TAB.clients,
  TAB.clinicians,
  TAB.notes,
  TAB.templates,
  TAB.settings,
  TAB.log,
];

/** Headers a new tab starts with: the required ones plus the optional ones the add-on honours. */
export function initialHeaders(tab: HubTab): readonly string[] {
  return tab === TAB.clients ? [...REQUIRED_HEADERS[tab], ...CLIENT_OPTIONAL_HEADERS] : repairedHeaders(tab);
}

/** Headers set-up adds back to an existing tab: the required ones and the add-on's own optional columns. */
export function repairedHeaders(tab: HubTab): readonly string[] {
  return tab === TAB.cases ? [...REQUIRED_HEADERS[tab], ...CASE_ANSWER_HEADERS] : REQUIRED_HEADERS[tab];
}

export type Rule =
  | { kind: 'list'; values: readonly string[] }
  /** A dropdown drawn from a column of another tab, so it stays current as that tab changes. */
  | { kind: 'range'; tab: HubTab; header: string }
  | { kind: 'checkbox' };

export interface ColumnRule {
  readonly tab: HubTab;
  readonly header: string;
  readonly rule: Rule;
}

const list = (values: readonly string[]): Rule => ({ kind: 'list', values });
const clinicianNames: Rule = { kind: 'range', tab: TAB.clinicians, header: 'Name' };
const checkbox: Rule = { kind: 'checkbox' };

/** Every dropdown and checkbox column of the hub (SPEC.md "Vocabularies"). */
export const COLUMN_RULES: readonly ColumnRule[] = [
  { tab: TAB.cases, header: 'Source', rule: list(SOURCE) },
  { tab: TAB.cases, header: 'Reason', rule: list(REASON) },
  { tab: TAB.cases, header: 'Preference', rule: list(PREFERENCE) },
  { tab: TAB.cases, header: 'Recommended Clinician', rule: clinicianNames },
  { tab: TAB.cases, header: 'Status', rule: list(CASE_STATUS) },
  { tab: TAB.cases, header: 'New Clinician', rule: clinicianNames },
  ...CASE_CHECKBOXES.map((header) => ({ tab: TAB.cases, header, rule: checkbox })),
  { tab: TAB.departures, header: 'Status', rule: list(DEPARTURE_STATUS) },
  { tab: TAB.clients, header: 'Clinician', rule: clinicianNames },
  { tab: TAB.clients, header: 'Status', rule: list(CLIENT_STATUS) },
  ...CLIENT_CHECKBOXES.map((header) => ({ tab: TAB.clients, header, rule: checkbox })),
  { tab: TAB.clinicians, header: 'Status', rule: list(CLINICIAN_STATUS) },
  ...CLINICIAN_CHECKBOXES.map((header) => ({ tab: TAB.clinicians, header, rule: checkbox })),
];

/** Help text shown under a dropdown: says where the choices come from. */
export function helpText(c: ColumnRule): string {
  if (c.rule.kind === 'list') return `Pick one of: ${c.rule.values.join(', ')}.`;
  if (c.rule.kind === 'range') return `Pick a name from the ${c.rule.tab} tab (${c.rule.header} column).`;
  return 'Tick when done.';
}

/**
 * Columns the add-on fills in itself. People may still type in them (warning
 * only: the practice stays in charge of its data), but Sheets asks first.
 */
export const ADDON_COLUMNS: Readonly<Partial<Record<HubTab, readonly string[]>>> = {
  [TAB.cases]: [
    'Ref',
    'Opened',
    'Notice Sent',
    'Clinicians Notified',
    'Removal Requested',
    'Next Action',
    'Due',
    'Flag',
    'Last Updated',
    'Updated By',
    ...CASE_ANSWER_HEADERS,
  ],
  [TAB.departures]: ['Departure ID', 'Transition Sheet URL', 'Active Clients', 'Notices Sent', 'Open'],
  [TAB.templates]: ['Key'],
  [TAB.settings]: ['Setting'],
};

/** Tabs protected whole (warning only): the audit log is written by the add-on alone. */
export const PROTECTED_TABS: readonly HubTab[] = [TAB.log];

/** Every protection set-up owns is found again by this description prefix. */
export const PROTECTION_PREFIX = 'Caseload Handoff: ';
export const columnProtectionName = (tab: string, header: string): string =>
  `${PROTECTION_PREFIX}${tab} ▸ ${header} is filled in by the add-on`;
export const tabProtectionName = (tab: string): string =>
  `${PROTECTION_PREFIX}the ${tab} tab is written by the add-on only`;

const WIDE = 260;
const NARROW = 90;
const DEFAULT_WIDTH = 130;
/** Widths (pixels) for columns whose content is much wider or narrower than a name. */
const WIDTHS: Readonly<Record<string, number>> = {
  Ref: NARROW,
  'Departure ID': NARROW,
  'Client ID': NARROW,
  Channel: NARROW,
  Key: 180,
  Notes: WIDE,
  Note: 420,
  Details: 420,
  Body: 520,
  Subject: 300,
  Description: 420,
  Value: 260,
  'Next Action': WIDE,
  Flag: 200,
  'Transition Sheet URL': WIDE,
  Insurances: 200,
  Email: 220,
  'Supervisor Email': 220,
  Setting: 200,
  Preference: 240,
  'Client Answer': WIDE,
  Reason: 200,
  'Updated By': 200,
  User: 200,
  Action: 200,
  Timestamp: 150,
  'Last Updated': 150,
};

export const columnWidth = (header: string): number => WIDTHS[header] ?? DEFAULT_WIDTH;

export const HEADER_BACKGROUND = '#e8eef7';

/** How a date column shows a day, and a day with its time (the practice reads 2:30 PM, not 14:30:00). */
export const DATE_FORMAT = 'M/d/yyyy';
export const DATE_TIME_FORMAT = 'M/d/yyyy h:mm AM/PM';

const dates = (...headers: string[]): Record<string, string> =>
  Object.fromEntries(headers.map((h) => [h, DATE_FORMAT]));
const times = (...headers: string[]): Record<string, string> =>
  Object.fromEntries(headers.map((h) => [h, DATE_TIME_FORMAT]));

/**
 * The number format of each date column, from the first data row to the end
 * of the grid. Set-up puts it where a cell has none of its own; the emails
 * show these columns with the same text (email/fields displayText).
 */
export const COLUMN_FORMATS: Readonly<Partial<Record<HubTab, Readonly<Record<string, string>>>>> = {
  [TAB.cases]: {
    ...dates(
      'Opened',
      'Notice Sent',
      'Call 1',
      'Call 2',
      'Follow-up Email',
      'Follow-up Text',
      'Reached',
      'Clinicians Notified',
      'Removal Requested',
      'Due',
    ),
    ...times('Next Session', 'Last Updated'),
  },
  [TAB.departures]: dates('Notice Received', 'Last Day'),
  [TAB.clients]: dates('Last Intake Date', 'OMHC Assessment Date'),
  [TAB.clinicians]: dates('Last Day'),
  [TAB.notes]: times('Timestamp'),
  [TAB.log]: times('Timestamp'),
};
