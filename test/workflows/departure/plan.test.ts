/** The departure workflow's pure decisions: input checks, sync judgement, panel counts and next actions. */
import fc from 'fast-check';
import {
  canonicalClinician,
  canonicalPreference,
  cellHash,
  clientDisplayName,
  clientNameOf,
  countCases,
  decodeSnapshot,
  encodeSnapshot,
  HubCase,
  mergeNotes,
  nextDepartureAction,
  noticeWarnings,
  planSync,
  SheetRow,
  Snapshot,
  snapshotOf,
  startInputProblems,
  transitionSheetTitle,
} from '../../../src/server/workflows/departure/plan';

describe('startInputProblems', () => {
  it('accepts a clinician with a notice date and a later last day', () => {
    expect(
      startInputProblems({ clinician: 'Dana Whitfield', noticeDate: '2026-11-02', lastDay: '2026-12-18' }),
    ).toEqual([]);
  });

  it('names a date that is not YYYY-MM-DD', () => {
    const problems = startInputProblems({ clinician: 'Dana', noticeDate: '11/02/2026', lastDay: '2026-02-30' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('notice date "11/02/2026"');
    expect(problems[1]).toContain('last day "2026-02-30"');
  });

  it('refuses a last day before the notice date', () => {
    expect(
      startInputProblems({ clinician: 'Dana', noticeDate: '2026-12-18', lastDay: '2026-12-01' }).join(' '),
    ).toContain('before the notice date');
  });

  it('asks for a clinician when none is given, and for an object when given none', () => {
    expect(startInputProblems({ clinician: '  ', noticeDate: '2026-11-02', lastDay: '2026-12-18' })[0]).toContain(
      'Choose the departing clinician',
    );
    expect(startInputProblems(null)).toHaveLength(1);
    expect(startInputProblems('Dana')).toHaveLength(1);
  });
});

describe('noticeWarnings', () => {
  it('warns when the notice is shorter than two weeks, and only then', () => {
    expect(noticeWarnings('2026-12-05', '2026-12-18', '2026-12-05')[0]).toContain('Only 13 days');
    expect(noticeWarnings('2026-12-04', '2026-12-18', '2026-12-04')).toEqual([]);
  });

  it('warns when the last day is already past', () => {
    expect(noticeWarnings('2026-10-01', '2026-11-01', '2026-11-20')).toEqual([expect.stringContaining('already past')]);
  });
});

describe('names', () => {
  it('uses the preferred name before the first name', () => {
    expect(clientDisplayName('Samuel', 'Okafor', 'Sam')).toBe('Sam Okafor');
    expect(clientDisplayName('Samuel', 'Okafor', ' ')).toBe('Samuel Okafor');
    expect(clientDisplayName('', 'Okafor', '')).toBe('Okafor');
  });

  it('names a Clients row by its Preferred Name when the tab has that column, else by its First Name', () => {
    const row = (cells: Record<string, string>) => ({
      text: (h: string) => cells[h] ?? '',
      has: (h: string) => h in cells,
    });
    expect(clientNameOf(row({ 'First Name': 'Samuel', 'Last Name': 'Okafor', 'Preferred Name': 'Sam' }))).toBe(
      'Sam Okafor',
    );
    expect(clientNameOf(row({ 'First Name': 'Samuel', 'Last Name': 'Okafor', 'Preferred Name': '' }))).toBe(
      'Samuel Okafor',
    );
    expect(clientNameOf(row({ 'First Name': 'Samuel', 'Last Name': 'Okafor' }))).toBe('Samuel Okafor');
  });

  it('titles the sheet for the therapist and the last day', () => {
    expect(transitionSheetTitle('Dana Whitfield', '2026-12-18')).toBe(
      'Transition – Dana Whitfield – last day 2026-12-18',
    );
  });
});

describe('vocabularies typed past a dropdown', () => {
  it('spells a preference as the vocabulary does, whatever the case typed', () => {
    expect(canonicalPreference('  client WILL choose ')).toBe('Client will choose');
    expect(canonicalPreference('')).toBe('');
    expect(canonicalPreference('Maybe later')).toBeNull();
  });

  it('accepts only names of the list for Recommended Clinician', () => {
    const names = ['Morgan Ambrose', 'Riley Calloway'];
    expect(canonicalClinician('morgan  ambrose', names)).toBe('Morgan Ambrose');
    expect(canonicalClinician('Dr. Nobody', names)).toBeNull();
    expect(canonicalClinician(' ', names)).toBe('');
  });
});

describe('snapshot', () => {
  it('round-trips through its stored form', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), fc.string(), (p, r, n, e, ph) => {
        const s = snapshotOf({ Preference: p, 'Recommended Clinician': r, Notes: n, Email: e, Phone: ph });
        expect(decodeSnapshot(encodeSnapshot(s))).toEqual(s);
      }),
    );
  });

  it('tells changed text from unchanged, ignoring surrounding spaces', () => {
    expect(cellHash(' Call after 5 ')).toBe(cellHash('Call after 5'));
    expect(cellHash('Call after 5')).not.toBe(cellHash('Call after 6'));
    expect(cellHash(5550100)).toBe(cellHash('5550100'));
  });

  it('rejects a damaged stored form', () => {
    expect(decodeSnapshot('abc.def')).toBeNull();
    expect(decodeSnapshot('A.B.C.D.E')).toBeNull();
  });
});

// ---- planSync ----------------------------------------------------------------------

const hubCase = (ref: string, over: Partial<HubCase> = {}): HubCase => ({
  ref,
  preference: '',
  recommended: '',
  notes: '',
  email: `${ref.toLowerCase()}@mail.example.com`,
  phone: '555-0100',
  ...over,
});

const sheetRow = (c: HubCase, over: Partial<SheetRow['values']> = {}, rowNumber = 3): SheetRow => ({
  rowNumber,
  values: {
    Ref: c.ref,
    Preference: c.preference,
    'Recommended Clinician': c.recommended,
    Notes: c.notes,
    Email: c.email,
    Phone: c.phone,
    ...over,
  },
});

const snap = (c: HubCase): Snapshot =>
  snapshotOf({
    Preference: c.preference,
    'Recommended Clinician': c.recommended,
    Notes: c.notes,
    Email: c.email,
    Phone: c.phone,
  });

const NAMES = ['Morgan Ambrose', 'Riley Calloway'];

function plan(rows: SheetRow[], cases: HubCase[], snapshot: Map<string, Snapshot>, openRefs = cases.map((c) => c.ref)) {
  return planSync({ rows, cases: new Map(cases.map((c) => [c.ref, c])), openRefs, snapshot, clinicianNames: NAMES });
}

describe('planSync', () => {
  it('copies a preference, a recommendation and notes the therapist changed', () => {
    const c = hubCase('R-000001');
    const p = plan(
      [
        sheetRow(c, {
          Preference: 'Reassign to recommended clinician',
          'Recommended Clinician': 'Riley Calloway',
          Notes: 'Prefers evenings',
        }),
      ],
      [c],
      new Map([[c.ref, snap(c)]]),
    );
    expect(p.changes).toEqual([
      {
        ref: 'R-000001',
        set: {
          Preference: 'Reassign to recommended clinician',
          'Recommended Clinician': 'Riley Calloway',
          Notes: 'Prefers evenings',
        },
        details: 'Preference: Reassign to recommended clinician; Recommended Clinician: Riley Calloway; Notes updated',
      },
    ]);
  });

  it('never names the text of Notes in the log details', () => {
    const c = hubCase('R-000001');
    const p = plan([sheetRow(c, { Notes: 'Discussed grief after a loss' })], [c], new Map([[c.ref, snap(c)]]));
    expect(p.changes[0].details).toBe('Notes updated');
  });

  it("keeps a CSR's later hub edit when the therapist left that cell unchanged", () => {
    const shared = hubCase('R-000001', { preference: 'Undecided' });
    const hubNow = { ...shared, preference: 'Client will choose' };
    const p = plan([sheetRow(shared)], [hubNow], new Map([[shared.ref, snap(shared)]]));
    expect(p.changes).toEqual([]);
  });

  it('copies nothing twice: a second sync of the same sheet changes nothing', () => {
    const c = hubCase('R-000001');
    const row = sheetRow(c, { Preference: 'Refer out' });
    const first = plan([row], [c], new Map([[c.ref, snap(c)]]));
    const applied = { ...c, preference: 'Refer out' };
    const second = plan([row], [applied], first.snapshot);
    expect(first.changes).toHaveLength(1);
    expect(second.changes).toEqual([]);
  });

  it('reports a preference typed past the dropdown and keeps reporting it until fixed', () => {
    const c = hubCase('R-000001');
    const row = sheetRow(c, { Preference: 'Wants to think', 'Recommended Clinician': 'Dr. Nobody' }, 7);
    const first = plan([row], [c], new Map([[c.ref, snap(c)]]));
    expect(first.changes).toEqual([]);
    expect(first.invalid.map((i) => [i.header, i.value, i.rowNumber])).toEqual([
      ['Preference', 'Wants to think', 7],
      ['Recommended Clinician', 'Dr. Nobody', 7],
    ]);
    expect(plan([row], [c], first.snapshot).invalid).toHaveLength(2);
  });

  it('proposes a changed email or phone instead of applying it', () => {
    const c = hubCase('R-000001');
    const p = plan(
      [sheetRow(c, { Email: 'new@mail.example.com', Phone: '555-0199' })],
      [c],
      new Map([[c.ref, snap(c)]]),
    );
    expect(p.changes).toEqual([]);
    expect(p.contacts).toEqual([
      {
        ref: 'R-000001',
        email: 'new@mail.example.com',
        phone: '555-0199',
        text: 'Contact change proposed by therapist: Email → new@mail.example.com; Phone → 555-0199',
      },
    ]);
    // Once seen, the same proposal is not raised again.
    expect(plan([sheetRow(c, { Email: 'new@mail.example.com', Phone: '555-0199' })], [c], p.snapshot).contacts).toEqual(
      [],
    );
  });

  it('matches rows by Ref whatever their order, and reports deleted, unknown, duplicate and Ref-less rows', () => {
    const a = hubCase('R-000001');
    const b = hubCase('R-000002');
    const gone = hubCase('R-000003');
    const snapshot = new Map([a, b, gone].map((c) => [c.ref, snap(c)]));
    const rows = [
      sheetRow(b, { Preference: 'Discharge' }, 3),
      sheetRow(a, { Preference: 'Refer out' }, 4),
      sheetRow(a, { Preference: 'Undecided' }, 5),
      {
        rowNumber: 6,
        values: {
          Ref: 'R-999999',
          Preference: 'Refer out',
          'Recommended Clinician': '',
          Notes: '',
          Email: '',
          Phone: '',
        },
      },
      {
        rowNumber: 7,
        values: { Ref: '', Preference: '', 'Recommended Clinician': '', Notes: 'new client Jo', Email: '', Phone: '' },
      },
    ];
    const p = plan(rows, [a, b, gone], snapshot);
    expect(Object.fromEntries(p.changes.map((c) => [c.ref, c.set.Preference]))).toEqual({
      'R-000001': 'Refer out',
      'R-000002': 'Discharge',
    });
    expect(p.missing).toEqual(['R-000003']);
    expect(p.unknown).toEqual(['R-999999']);
    expect(p.duplicates).toEqual(['R-000001']);
    expect(p.rowsWithoutRef).toEqual([7]);
  });

  it('takes the hub as the baseline for a row it has no snapshot of', () => {
    const c = hubCase('R-000001', { preference: 'Undecided' });
    expect(plan([sheetRow(c)], [c], new Map()).changes).toEqual([]);
    expect(plan([sheetRow(c, { Preference: 'Refer out' })], [c], new Map()).changes).toHaveLength(1);
  });

  it("merges notes changed both in the hub and in the therapist's sheet", () => {
    const shared = hubCase('R-000001', { notes: 'Prefers mornings' });
    const hubNow = { ...shared, notes: 'Prefers mornings\nLeft voicemail' };
    const p = plan(
      [sheetRow(shared, { Notes: 'Prefers mornings; wants a female clinician' })],
      [hubNow],
      new Map([[shared.ref, snap(shared)]]),
    );
    const notes = p.changes[0].set.Notes as string;
    expect(notes).toContain('Left voicemail');
    expect(notes).toContain('wants a female clinician');
  });

  it('never loses a hub note or a therapist note when merging', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (hub, therapist) => {
        const merged = mergeNotes(hub, therapist);
        expect(merged).toContain(hub.trim());
        expect(merged).toContain(therapist.trim());
      }),
    );
  });
});

// ---- the panel ---------------------------------------------------------------------

const facts = (over: Partial<Parameters<typeof countCases>[0][number]> = {}) => ({
  status: 'New',
  noticeSent: false,
  reached: false,
  nextSession: false,
  due: null,
  preference: '',
  flag: '',
  ...over,
});

describe('countCases and nextDepartureAction', () => {
  it('counts notices, reached, scheduled, reassigned, overdue and missing preferences', () => {
    const c = countCases(
      [
        facts({ status: 'Notice sent', noticeSent: true, due: '2026-11-01', preference: 'Refer out' }),
        facts({ status: 'Reached', noticeSent: true, reached: true, due: '2026-12-01' }),
        facts({ status: 'Scheduled', noticeSent: true, reached: true, nextSession: true, flag: 'Phone only' }),
        facts({ status: 'Reassigned', noticeSent: true, reached: true, due: '2026-01-01' }),
        facts({ status: 'New' }),
      ],
      '2026-11-20',
    );
    expect(c).toEqual({
      clients: 5,
      open: 4,
      noticesSent: 4,
      reached: 3,
      scheduled: 2,
      reassigned: 1,
      overdue: 1,
      missingPreference: 3,
      flagged: 1,
      noticesPending: 1,
      closedAs: { Reassigned: 1 },
    });
  });

  it('says what to do next, in the order of the process', () => {
    const base = countCases([facts()], '2026-11-20');
    expect(nextDepartureAction(base, false)).toBe('Share the list with the therapist');
    expect(nextDepartureAction(base, true)).toBe('Send notices');
    // A case the notice could not reach is flagged for a person: no batch will send it.
    const flaggedOnly = countCases([facts({ flag: 'No email address' }), facts({ noticeSent: true })], '2026-11-20');
    expect(nextDepartureAction(flaggedOnly, true)).toBe('Waiting for preferences (2 missing)');
    const overdue = countCases(
      [facts({ noticeSent: true, due: '2026-11-01' }), facts({ noticeSent: true, due: '2026-11-02' })],
      '2026-11-20',
    );
    expect(nextDepartureAction(overdue, true)).toBe('Follow up on 2 overdue cases');
    const waiting = countCases(
      [facts({ noticeSent: true }), facts({ noticeSent: true, preference: 'Undecided' })],
      '2026-11-20',
    );
    expect(nextDepartureAction(waiting, true)).toBe('Waiting for preferences (2 missing)');
    const done = countCases([facts({ status: 'Reassigned' }), facts({ status: 'Discharged' })], '2026-11-20');
    expect(nextDepartureAction(done, true)).toBe('Close out');
  });
});
