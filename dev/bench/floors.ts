/**
 * The physical floor of each measured operation: the data calls it cannot do
 * without — one read per tab it needs, one write per block of adjacent
 * columns it writes, and the structure, rules and protections it must set —
 * and, for every operation measured above it, one line saying why.
 *
 * Counted as the emulator counts data calls (dev/emulator/kernel.ts), which
 * is how the platform pays for them: a round trip to the sheet each.
 *   read(tab)    2  getDataRange (the sheet's extent) + getValues
 *   tail(tab)    3  last column + header row + last row: appending to a tab
 *                   (Log, Interaction Notes) without reading its rows
 *   header(tab)  2  last column + header row
 *   write        1  setValues of one rectangle
 *
 * Nothing here depends on the number of rows: that is the point. What does
 * vary from run to run is listed as `variable` (emails sent: each is written
 * ahead in the Email Ledger, so a kill never sends twice; rules restored;
 * a full grid grown once per tab appended to), and is the only difference the
 * flatness test allows between a hub of 100 clients and one of 5,000.
 */

export const OPERATIONS = [
  'setUpWorkbook',
  'importRoster',
  'setUpWorkbook (again)',
  'startDeparture',
  'shareDepartureSheet',
  'syncDepartureSheet',
  'sendDepartureNotices',
  'runNightly',
  'refreshDashboard',
  'getSelectedCase',
  'getCaseView',
  'logContact',
  'requestReassignment',
  'completeReassignment',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** [data calls, what for] */
export type Part = readonly [number, string];

/** What a measured run did that sets its cost besides the rows: counted from its calls. */
export interface RunFacts {
  data: number;
  dataByMethod: Record<string, number>;
  gridGrowth: number;
  emails: number;
}

export interface Floor {
  op: OperationName;
  /** What the operation is measured doing. */
  what: string;
  parts: Part[];
  /** Tabs it appends rows to: growing a full grid is one call each, at most. */
  appendsTo: string[];
  /** Calls set by what this run did (emails, rules restored), never by the rows. */
  variable?: (m: RunFacts) => Part[];
  /** Why the measured data calls are above the floor; required when they are. */
  above?: string;
  /** Set when the calls follow the size of the departure (never the hub's): what they grow with. */
  growsWithDeparture?: string;
}

const read = (...tabs: string[]): Part[] => tabs.map((t) => [2, `read ${t}`] as const);
const tail = (...tabs: string[]): Part[] => tabs.map((t) => [3, `find the end of ${t}`] as const);
const header = (...tabs: string[]): Part[] => tabs.map((t) => [2, `header of ${t}`] as const);
const write = (...blocks: string[]): Part[] => blocks.map((b) => [1, `write ${b}`] as const);
/** The table layer asks a tab written with text that could be read as a number, date or formula for one row's formats: a Plain-text column takes it without an apostrophe. */
const plainText = (...tabs: string[]): Part[] =>
  tabs.map((t) => [1, `number formats of one row of ${t} (Plain-text columns)`] as const);

/** Each email is recorded in the Email Ledger (and flushed) before it goes, and the last one after: emails + 1 writes. */
const ledgerWrites = (m: RunFacts): Part[] =>
  m.emails ? [[m.emails + 1, 'Email Ledger writes (one ahead of each send, one after the last)']] : [];
const HUB_TABS = 8;

export const FLOORS: Floor[] = [
  {
    op: 'setUpWorkbook',
    what: 'first run on an empty spreadsheet',
    parts: [
      [HUB_TABS, 'new tabs'],
      [1, 'widen Reassignments to 34 columns (with Client Answer, Answer Link ID)'],
      ...write(...Array(HUB_TABS).fill('a header row')),
      [2 * HUB_TABS, 'header bold + background'],
      [HUB_TABS, 'freeze the header'],
      [45, 'column widths, one per run of equal widths'],
      [18, 'dropdown and checkbox rules, one per column'],
      [7, 'date formats: one RangeList per format per tab with date columns'],
      [20 * 3, 'protections: protect, describe, warning only'],
      [3, "the new spreadsheet's empty Sheet1: its last row and column, then delete it"],
      ...read('Settings', 'Templates'),
      ...tail('Log'),
      // Settings: its Holidays default (a list of dates) is text that needs a guard.
      ...plainText('Settings', 'Templates'),
      ...write('default Settings', 'default Templates', 'the Log row'),
    ],
    appendsTo: [],
  },
  {
    op: 'importRoster',
    what: 'every client of the export new (upsert by Client ID)',
    parts: [
      ...read('Settings', 'Clients', 'Clinicians'),
      ...tail('Log'),
      ...plainText('Clients', 'Log'),
      ...write('Clients (one block of the mapped columns)', 'the Log row'),
    ],
    appendsTo: ['Clients', 'Log'],
  },
  {
    op: 'setUpWorkbook (again)',
    what: 'a second run on the full hub (repairs what is missing)',
    parts: [
      ...read('Settings', 'Templates'),
      ...header(
        'Reassignments',
        'Departures',
        'Clients',
        'Clinicians',
        'Interaction Notes',
        'Templates',
        'Settings',
        'Log',
      ),
      [4, 'rules: one getDataValidations per tab with rules'],
      [6, 'date formats: one getNumberFormats per tab with date columns'],
      [5, 'protections of each protected tab'],
      [18, 'the description of each protection'],
    ],
    appendsTo: ['Log'],
    // Rows added by growing a grid (an import past 1,000 clients) have no dropdowns and no date formats until set-up restores them.
    variable: (m) => {
      const rules = m.dataByMethod['Range.setDataValidation'] ?? 0;
      const formats = m.dataByMethod['RangeList.setNumberFormat'] ?? 0;
      const parts: Part[] = [];
      if (rules) parts.push([rules, 'rules restored on grown rows']);
      if (formats) parts.push([formats, 'date formats restored on grown rows (one per format per tab)']);
      if (rules || formats) parts.push([3 + 1, 'calls for the Log row saying so']);
      return parts;
    },
    above:
      "reads each column's rule with its own getDataValidations (18 calls where one per tab, 4, would do) and Settings twice (the role check, then the default rows)",
  },
  {
    op: 'startDeparture',
    what: 'a case per Active client of the departing therapist',
    parts: [
      ...read('Settings', 'Clinicians', 'Departures', 'Clients', 'Reassignments'),
      ...tail('Log'),
      ...plainText('Reassignments'),
      ...write(
        'the Departures row',
        'the new cases (one block)',
        'Clinicians Status',
        'Clinicians Last Day',
        'the Log row',
      ),
    ],
    appendsTo: ['Departures', 'Reassignments', 'Log'],
  },
  {
    op: 'shareDepartureSheet',
    what: 'a new transition sheet of every open case, shared with the therapist',
    parts: [
      ...read('Settings', 'Departures', 'Reassignments', 'Clinicians', 'Clients', 'the new file'),
      ...tail('Log'),
      ...write(
        "the sheet's instructions and header",
        "the sheet's cases (one block)",
        'Departures Transition Sheet URL',
        'the Log row',
      ),
      [7, 'layout: tab name, merge, wrap, alignment, row height, bold, freeze'],
      [2, 'Preference and Recommended Clinician dropdowns'],
      [8, 'protection: find, protect, describe, open 5 columns, editors (add, list, remove), no domain edit'],
      [7, 'warning-only protection of Email and Phone: find, then protect, describe, warn for each of the 2 columns'],
      [1, 'Email and Phone cells of the new rows formatted plain text, so a typed +1 … phone stays text'],
    ],
    appendsTo: ['Log'],
  },
  {
    op: 'syncDepartureSheet',
    what: "the therapist's first answers: a preference on every row, a recommendation on every other",
    parts: [
      ...read('Settings', 'Departures', 'the transition sheet', 'Clients', 'Reassignments', 'Clinicians'),
      ...tail('Log'),
      ...plainText('Log'),
      ...write('Preference + Recommended Clinician', 'Last Updated + Updated By + Notes', 'the Log rows (one block)'),
    ],
    appendsTo: ['Log'],
    above:
      "Preference, Recommended Clinician and Notes are typed in by people too, so their scattered changes are merged into each column's current content, read just before the write (values and formulas), then written once: 3 calls a column instead of 1, flat however many rows changed",
    growsWithDeparture:
      'one write per run of consecutive rows the therapist changed, per column (Recommended Clinician, Notes)',
  },
  {
    op: 'sendDepartureNotices',
    what: 'one batch of notices (the daily quota: up to 100 recipients)',
    parts: [
      ...read('Settings', 'Departures', 'Reassignments', 'Clients', 'Templates', 'Email Ledger'),
      ...tail('Log'),
      [6, 'Email Ledger tab on first use: insert, header, freeze, protect, describe, warning only'],
      ...write('Status + Notice Sent', 'Flag + Last Updated + Updated By', 'Departures Notices Sent', 'the Log row'),
    ],
    appendsTo: ['Email Ledger', 'Log'],
    variable: ledgerWrites,
    above:
      'Status, Notice Sent, Last Updated and Updated By are written per column, and per run of notified cases (a case skipped for its address breaks the run)',
  },
  {
    // Every step works on the execution's one read of each tab (email/tables), so what the run reads
    // is the union of what its steps need, however many of them use the cases, departures and clients.
    op: 'runNightly',
    what: 'the daily trigger: sync, next actions, access removal, close-out, dashboard, reminders, digest',
    parts: [
      ...read(
        'Settings',
        'Departures',
        'the transition sheet',
        'Clients',
        'Reassignments',
        'Clinicians',
        'Email Ledger',
        'Templates',
      ),
      ...tail('Log'),
      ...write('Next Action + Due + Flag (one span)'),
      [1, 'Dashboard tab on first use'],
      [2, 'Dashboard extent'],
      ...write('the Dashboard (one block)'),
      [2, 'overdue colouring rules (get, set)'],
      [2, "the departure's chart (find, insert)"],
      ...write('the Log row'),
    ],
    appendsTo: ['Email Ledger', 'Log'],
    variable: ledgerWrites,
  },
  {
    op: 'refreshDashboard',
    what: 'the Dashboard rebuilt in place',
    parts: [
      ...read('Settings', 'Departures', 'Reassignments', 'Clients'),
      [2, 'Dashboard extent'],
      ...write('the Dashboard (one block)'),
      [2, "the departure's chart (find, update)"],
    ],
    appendsTo: [],
  },
  {
    op: 'getSelectedCase',
    what: 'the Case panel: which case is selected',
    parts: [...read('Settings'), ...header('Reassignments'), [1, "the selected row's Ref"]],
    appendsTo: [],
  },
  {
    op: 'getCaseView',
    what: 'the Case panel: one case with its client, attempts, notes, emails and text to copy',
    parts: [
      ...read('Settings', 'Reassignments', 'Clients', 'Departures', 'Interaction Notes', 'Email Ledger', 'Templates'),
    ],
    appendsTo: [],
  },
  {
    op: 'logContact',
    what: 'a call that reached the client',
    parts: [
      ...read('Settings', 'Reassignments', 'Clients', 'Departures'),
      ...tail('Interaction Notes', 'Log'),
      ...plainText('Interaction Notes'),
      ...write(
        'Status',
        'Call 1',
        'Reached',
        'Next Action + Due',
        'Last Updated + Updated By',
        'the note',
        'the Log row',
      ),
    ],
    appendsTo: ['Interaction Notes', 'Log'],
    above:
      "the case row's changed columns are written one call each: Next Action + Due and Last Updated + Updated By are adjacent but not merged",
  },
  {
    op: 'requestReassignment',
    what: 'a client request opened',
    parts: [
      ...read('Settings', 'Clients', 'Reassignments'),
      ...tail('Interaction Notes', 'Log'),
      ...plainText('Reassignments', 'Interaction Notes'),
      ...write('the case', 'the note', 'the Log row'),
    ],
    appendsTo: ['Reassignments', 'Interaction Notes', 'Log'],
  },
  {
    op: 'completeReassignment',
    what: 'a departure case reassigned: three emails (new and previous clinician, management)',
    parts: [
      ...read('Settings', 'Reassignments', 'Clients', 'Clinicians', 'Email Ledger', 'Departures', 'Templates'),
      ...tail('Interaction Notes', 'Log'),
      ...plainText('Interaction Notes'),
      ...write(
        'Status',
        'checklist + Intake/OMHC + New Clinician + Next Session',
        'Next Action + Due + Flag + Last Updated + Updated By',
        'Clients Clinician',
        'the note',
        'the Log row',
      ),
      ...write(
        'Clinicians Notified + Removal Requested (after the emails)',
        'Departures Open',
        'the Log row of the emails',
      ),
    ],
    appendsTo: ['Interaction Notes', 'Log', 'Email Ledger'],
    variable: ledgerWrites,
  },
];

export function floorOf(op: OperationName): Floor {
  const f = FLOORS.find((x) => x.op === op);
  if (!f) throw new Error(`${op} has no floor in dev/bench/floors.ts`);
  return f;
}

const sum = (parts: Part[]): number => parts.reduce((n, [c]) => n + c, 0);

/** The floor of one measured run: the fixed parts plus what this run did. */
export function floorCalls(op: OperationName, m: RunFacts): number {
  const f = floorOf(op);
  return sum(f.parts) + sum(f.variable?.(m) ?? []);
}

/**
 * Data calls set by what the run did rather than by the hub's rows: grown
 * grids and the variable parts. The flatness test compares data calls
 * without them.
 */
export function runDependentCalls(op: OperationName, m: RunFacts): number {
  return m.gridGrowth + sum(floorOf(op).variable?.(m) ?? []);
}
