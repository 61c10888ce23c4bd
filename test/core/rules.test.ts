import fc from 'fast-check';
import { addDays, addMonths } from '../../src/server/core/dates';
import { completionProblems, CompletionInput, intakeRequired, omhcRequired } from '../../src/server/core/rules';

describe('intakeRequired', () => {
  it('is required when there is no intake on record', () => {
    expect(intakeRequired(null, '2026-11-30', 6)).toBe(true);
  });

  it('is not required when the last intake is exactly the lookback before the session', () => {
    expect(intakeRequired('2026-05-30', '2026-11-30', 6)).toBe(false);
  });

  it('is required one day past the lookback', () => {
    expect(intakeRequired('2026-05-29', '2026-11-30', 6)).toBe(true);
  });

  it('is not required for a recent intake', () => {
    expect(intakeRequired('2026-10-01', '2026-11-30', 6)).toBe(false);
  });

  it('measures the lookback from month ends the way a calendar does', () => {
    // Six months before 2026-08-31 is 2026-02-28 (February has no 31st).
    expect(intakeRequired('2026-02-28', '2026-08-31', 6)).toBe(false);
    expect(intakeRequired('2026-02-27', '2026-08-31', 6)).toBe(true);
  });

  it('follows the Intake Lookback Months setting', () => {
    expect(intakeRequired('2026-01-15', '2026-11-30', 12)).toBe(false);
    expect(intakeRequired('2026-10-15', '2026-11-30', 1)).toBe(true);
  });

  it('flips exactly at the boundary for any session and lookback', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n)),
        fc.integer({ min: 1, max: 24 }),
        (session, months) => {
          const boundary = addMonths(session, -months);
          expect(intakeRequired(boundary, session, months)).toBe(false);
          expect(intakeRequired(addDays(boundary, -1), session, months)).toBe(true);
        },
      ),
    );
  });

  it('names a next session that is not a date', () => {
    expect(() => intakeRequired(null, '11/30/2026', 6)).toThrow('Next session "11/30/2026" is not a date');
    expect(() => intakeRequired('2026-02-30', '2026-11-30', 6)).toThrow('Last intake date "2026-02-30" is not a date');
  });
});

describe('omhcRequired', () => {
  it('is required for Medicaid clients only', () => {
    expect(omhcRequired(true)).toBe(true);
    expect(omhcRequired(false)).toBe(false);
  });
});

describe('completionProblems', () => {
  const ready: CompletionInput = {
    currentClinician: 'Dana Reyes',
    newClinician: 'Sam Lee',
    newClinicianStatus: 'Active',
    nextSession: '2026-12-03',
    contactVerified: true,
    insuranceVerified: true,
    portalDocsComplete: true,
    medicaid: false,
    omhcDate: null,
    caseStatus: 'Reached',
  };
  const problems = (change: Partial<CompletionInput>) => completionProblems({ ...ready, ...change });

  it('finds nothing wrong with a case that is ready', () => {
    expect(completionProblems(ready)).toEqual([]);
  });

  it('asks for a new clinician when none is chosen', () => {
    expect(problems({ newClinician: '  ', newClinicianStatus: null })).toEqual(['Choose the new clinician.']);
  });

  it('refuses a name that is not on the Clinicians tab', () => {
    expect(problems({ newClinician: 'Sam Leigh', newClinicianStatus: null })).toEqual([
      '"Sam Leigh" is not on the Clinicians tab: choose a clinician from the list.',
    ]);
  });

  it('refuses a clinician who is not Active, saying their status', () => {
    expect(problems({ newClinicianStatus: 'Departing' })).toEqual([
      'Sam Lee is not an Active clinician (Status is Departing): choose an Active clinician.',
    ]);
    expect(problems({ newClinicianStatus: 'Left' })[0]).toContain('Status is Left');
  });

  it('accepts Active typed in another case', () => {
    expect(problems({ newClinicianStatus: ' active ' })).toEqual([]);
  });

  it('refuses the current clinician however the name is typed', () => {
    expect(problems({ newClinician: ' dana  REYES ' })).toEqual([
      "dana  REYES is already the client's clinician: choose a different clinician.",
    ]);
  });

  it('asks for the next session when it is missing', () => {
    expect(problems({ nextSession: null })).toEqual(['Enter the date of the next session.']);
    expect(problems({ nextSession: '' })).toEqual(['Enter the date of the next session.']);
  });

  it('refuses a next session that is not a date', () => {
    expect(problems({ nextSession: 'next Tuesday' })).toEqual([
      'The next session "next Tuesday" is not a date: use YYYY-MM-DD.',
    ]);
    expect(problems({ nextSession: '2026-02-30' })).toHaveLength(1);
  });

  it('names each unchecked checklist item', () => {
    const list = problems({ contactVerified: false, insuranceVerified: false, portalDocsComplete: false });
    expect(list).toHaveLength(3);
    expect(list[0]).toContain('Contact Verified');
    expect(list[0]).toContain('phone number and email');
    expect(list[1]).toContain('Insurance Verified');
    expect(list[2]).toContain('Portal & Docs Complete');
  });

  it('refuses a Medicaid client without an OMHC assessment date', () => {
    expect(problems({ medicaid: true, omhcDate: null })).toEqual([
      'This client is on Medicaid: record the OMHC assessment date before completing the reassignment.',
    ]);
    expect(problems({ medicaid: true, omhcDate: '2026-10-01' })).toEqual([]);
  });

  it('refuses an OMHC date that is not a date', () => {
    expect(problems({ medicaid: true, omhcDate: 'done' })).toEqual([
      'The OMHC assessment date "done" is not a date: use YYYY-MM-DD.',
    ]);
  });

  it('ignores the OMHC date for a client not on Medicaid', () => {
    expect(problems({ medicaid: false, omhcDate: 'done' })).toEqual([]);
  });

  it.each(['Reassigned', 'Services terminated', 'Referred out', 'Discharged'])(
    'refuses a case already closed as %s',
    (status) => {
      expect(problems({ caseStatus: status })).toEqual([
        `This case is already closed (${status}); it cannot be completed again.`,
      ]);
    },
  );

  it.each(['New', 'Notice sent', 'Contacting', 'Reached', 'Scheduled', 'Unresponsive'])(
    'lets an open %s case be completed',
    (status) => {
      expect(problems({ caseStatus: status })).toEqual([]);
    },
  );

  it('lists every problem at once, so the CSR fixes them in one pass', () => {
    const list = completionProblems({
      currentClinician: 'Dana Reyes',
      newClinician: 'Dana Reyes',
      newClinicianStatus: 'Departing',
      nextSession: null,
      contactVerified: false,
      insuranceVerified: false,
      portalDocsComplete: false,
      medicaid: true,
      omhcDate: null,
      caseStatus: 'Discharged',
    });
    expect(list).toHaveLength(8);
  });
});
