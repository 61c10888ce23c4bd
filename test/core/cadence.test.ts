import fc from 'fast-check';
import {
  CadenceSettings,
  cadenceSettingsFrom,
  CaseFacts,
  computeCadence,
  DEFAULT_CADENCE,
  flagText,
  preferenceDueDate,
} from '../../src/server/core/cadence';
import { addDays, isBusinessDay } from '../../src/server/core/dates';
import { TERMINATE_ACTION } from '../../src/server/core/schema';

// November 2026: Mon 2, Fri 6, Mon 9, Fri 13, Mon 16, Fri 20, Mon 23, Thu 26 (Thanksgiving), Fri 27, Mon 30.
const S = DEFAULT_CADENCE;
const withHolidays = (...days: string[]): CadenceSettings => ({ ...S, holidays: new Set(days) });

const departure = (change: Partial<CaseFacts> = {}): CaseFacts => ({
  source: 'Departure',
  status: 'New',
  opened: '2026-11-02',
  noticeSent: null,
  call1: null,
  call2: null,
  followupEmail: null,
  followupText: null,
  reached: null,
  nextSession: null,
  lastUpdated: '2026-11-02',
  preference: 'Client will choose',
  lastDay: '2026-12-18',
  canEmail: true,
  canText: true,
  ...change,
});
const request = (change: Partial<CaseFacts> = {}): CaseFacts =>
  departure({ source: 'Client request', preference: '', lastDay: null, ...change });
/** A departure case whose two calls went unanswered. */
const afterCalls = (change: Partial<CaseFacts> = {}): CaseFacts =>
  departure({
    status: 'Contacting',
    noticeSent: '2026-11-02',
    call1: '2026-11-04',
    call2: '2026-11-06',
    lastUpdated: '2026-11-06',
    ...change,
  });

describe('DEFAULT_CADENCE', () => {
  it('takes the Settings defaults: 2, 2, 1, 5, 5, 7 and no holidays', () => {
    expect(S).toMatchObject({
      call1Due: 2,
      call2Due: 2,
      followupDue: 1,
      unresponsiveAfter: 5,
      preferenceDeadline: 5,
      staleAfter: 7,
    });
    expect(S.holidays.size).toBe(0);
  });
});

describe('cadenceSettingsFrom', () => {
  it('uses the defaults when nothing is set', () => {
    const r = cadenceSettingsFrom({});
    expect(r.settings).toEqual({ ...S, holidays: new Set() });
    expect(r.problems).toEqual([]);
  });

  it('reads numbers typed as numbers or text, and setting names in any case', () => {
    const r = cadenceSettingsFrom({
      'Call 1 Due': 3,
      'call 2 due': ' 4 ',
      'Follow-up Due': '0',
      'Unresponsive After': 10,
      'Preference Deadline': '7',
      'STALE AFTER': 14,
    });
    expect(r.settings).toMatchObject({
      call1Due: 3,
      call2Due: 4,
      followupDue: 0,
      unresponsiveAfter: 10,
      preferenceDeadline: 7,
      staleAfter: 14,
    });
    expect(r.problems).toEqual([]);
  });

  it('treats a blank value as the default, without a complaint', () => {
    const r = cadenceSettingsFrom({ 'Call 1 Due': '', Holidays: '  ' });
    expect(r.settings.call1Due).toBe(2);
    expect(r.problems).toEqual([]);
  });

  it.each([['two'], [-1], [2.5], ['2.5'], [400], [true]])(
    'falls back to the default for %p and names the setting',
    (bad) => {
      const r = cadenceSettingsFrom({ 'Call 2 Due': bad });
      expect(r.settings.call2Due).toBe(2);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toContain('"Call 2 Due"');
      expect(r.problems[0]).toContain('using 2');
    },
  );

  it('reads the Holidays text and names what is not a date, keeping the rest', () => {
    const r = cadenceSettingsFrom({ Holidays: '2026-11-26, 12/25/2026, Boxing Day' });
    expect([...r.settings.holidays].sort()).toEqual(['2026-11-26', '2026-12-25']);
    expect(r.problems).toEqual([
      'Setting "Holidays" has "Boxing Day", which is not a date: write dates as YYYY-MM-DD, separated by commas; the others are used.',
    ]);
  });

  it('reads a single holiday Sheets turned into a Date, in the spreadsheet zone', () => {
    const midnightInNewYork = new Date('2026-11-26T05:00:00Z');
    expect([...cadenceSettingsFrom({ Holidays: midnightInNewYork }, 'America/New_York').settings.holidays]).toEqual([
      '2026-11-26',
    ]);
  });

  it('does not share its holiday set with the defaults', () => {
    cadenceSettingsFrom({ Holidays: '2026-11-26' });
    expect(DEFAULT_CADENCE.holidays.size).toBe(0);
  });
});

describe('computeCadence: closed cases', () => {
  it.each(['Reassigned', 'Services terminated', 'Referred out', 'Discharged', ' discharged '])(
    'has no next action, due or flag when %p',
    (status) => {
      const r = computeCadence(departure({ status, canEmail: false, lastUpdated: '2026-01-01' }), S, '2026-11-30');
      expect(r).toEqual({
        nextAction: '',
        step: 'closed',
        due: null,
        overdueDays: 0,
        flags: [],
        becomesUnresponsive: false,
      });
    },
  );
});

describe('computeCadence: the departure notice', () => {
  it('sends the notice first, due the day the case opened', () => {
    const r = computeCadence(departure(), S, '2026-11-02');
    expect(r).toMatchObject({ nextAction: 'Send departure notice', due: '2026-11-02', overdueDays: 0, flags: [] });
  });

  it('is one day overdue the next business day', () => {
    const r = computeCadence(departure(), S, '2026-11-03');
    expect(r.overdueDays).toBe(1);
    expect(r.flags).toEqual(['Overdue 1 day']);
  });

  it('skips the notice for a client who cannot be emailed: calls start from the day the case opened', () => {
    const r = computeCadence(departure({ canEmail: false }), S, '2026-11-02');
    expect(r).toMatchObject({ nextAction: 'Call 1', due: '2026-11-04', flags: ['Phone only'] });
  });

  it('moves on to the calls once call 1 is logged, even if the notice never went out', () => {
    const r = computeCadence(departure({ call1: '2026-11-03' }), S, '2026-11-03');
    expect(r).toMatchObject({ nextAction: 'Call 2', due: '2026-11-05' });
  });
});

describe('computeCadence: calls', () => {
  it('makes call 1 due Call 1 Due business days after the notice, across a weekend', () => {
    const r = computeCadence(departure({ status: 'Notice sent', noticeSent: '2026-11-06' }), S, '2026-11-06');
    expect(r).toMatchObject({ nextAction: 'Call 1', due: '2026-11-10' });
  });

  it('does not count a call due today as overdue', () => {
    const r = computeCadence(
      departure({ status: 'Notice sent', noticeSent: '2026-11-06', lastUpdated: '2026-11-10' }),
      S,
      '2026-11-10',
    );
    expect(r.overdueDays).toBe(0);
    expect(r.flags).toEqual([]);
  });

  it('makes call 2 due Call 2 Due business days after call 1, stepping over a holiday', () => {
    const facts = departure({ status: 'Contacting', noticeSent: '2026-11-23', call1: '2026-11-25' });
    expect(computeCadence(facts, S, '2026-11-25').due).toBe('2026-11-27');
    expect(computeCadence(facts, withHolidays('2026-11-26'), '2026-11-25')).toMatchObject({
      nextAction: 'Call 2',
      due: '2026-11-30',
    });
  });

  it('follows the Call 1 Due setting', () => {
    const r = computeCadence(departure({ noticeSent: '2026-11-02' }), { ...S, call1Due: 4 }, '2026-11-02');
    expect(r.due).toBe('2026-11-06');
  });
});

describe('computeCadence: follow-ups', () => {
  it('sends the follow-up email and text one business day after call 2 (Friday + 1 = Monday)', () => {
    const r = computeCadence(afterCalls(), S, '2026-11-06');
    expect(r).toMatchObject({
      nextAction: 'Send follow-up email and text',
      due: '2026-11-09',
      becomesUnresponsive: false,
    });
  });

  it('asks only for what is still missing', () => {
    expect(computeCadence(afterCalls({ followupEmail: '2026-11-09' }), S, '2026-11-09').nextAction).toBe(
      'Send follow-up text',
    );
    expect(computeCadence(afterCalls({ followupText: '2026-11-09' }), S, '2026-11-09').nextAction).toBe(
      'Send follow-up email',
    );
  });

  it('asks only for the channels the client may be sent', () => {
    expect(computeCadence(afterCalls({ canText: false }), S, '2026-11-06').nextAction).toBe('Send follow-up email');
    const phoneOnly = computeCadence(afterCalls({ canEmail: false }), S, '2026-11-06');
    expect(phoneOnly.nextAction).toBe('Send follow-up text');
    expect(phoneOnly.flags).toEqual(['Phone only']);
  });

  it('goes straight to waiting when the client can receive neither', () => {
    const r = computeCadence(afterCalls({ canEmail: false, canText: false }), S, '2026-11-06');
    expect(r).toMatchObject({ nextAction: 'Await reply', due: '2026-11-13' });
  });
});

describe('computeCadence: waiting and unresponsive', () => {
  const followedUp = (change: Partial<CaseFacts> = {}) =>
    afterCalls({ followupEmail: '2026-11-09', followupText: '2026-11-10', lastUpdated: '2026-11-10', ...change });

  it('waits Unresponsive After business days from the latest follow-up', () => {
    const r = computeCadence(followedUp(), S, '2026-11-12');
    expect(r).toMatchObject({
      nextAction: 'Await reply',
      due: '2026-11-17',
      overdueDays: 0,
      becomesUnresponsive: false,
    });
  });

  it('still waits on the due day itself', () => {
    const r = computeCadence(followedUp(), S, '2026-11-17');
    expect(r).toMatchObject({ nextAction: 'Await reply', becomesUnresponsive: false, overdueDays: 0 });
  });

  it('ends the cadence the day after: the case becomes Unresponsive and services are to be terminated', () => {
    const r = computeCadence(followedUp(), S, '2026-11-18');
    expect(r).toMatchObject({
      nextAction: TERMINATE_ACTION,
      due: '2026-11-17',
      overdueDays: 1,
      becomesUnresponsive: true,
    });
  });

  it('gives an Unresponsive case the terminate action, due from the last follow-up, counting overdue days', () => {
    const r = computeCadence(followedUp({ status: 'Unresponsive', lastUpdated: '2026-11-18' }), S, '2026-11-23');
    expect(r).toMatchObject({
      nextAction: TERMINATE_ACTION,
      due: '2026-11-17',
      overdueDays: 4,
      becomesUnresponsive: false,
    });
    expect(r.flags).toEqual(['Overdue 4 days']);
  });

  it('counts an Unresponsive case without follow-ups from call 2', () => {
    const r = computeCadence(afterCalls({ status: 'Unresponsive', canEmail: false, canText: false }), S, '2026-11-13');
    expect(r).toMatchObject({ nextAction: TERMINATE_ACTION, due: '2026-11-13', overdueDays: 0 });
  });

  it('agrees with itself once the caller marks the case Unresponsive', () => {
    const today = '2026-11-18';
    const before = computeCadence(followedUp(), S, today);
    const after = computeCadence(followedUp({ status: 'Unresponsive' }), S, today);
    expect(after).toEqual({ ...before, becomesUnresponsive: false });
  });
});

describe('computeCadence: client requests', () => {
  it('works the reassignment checklist first, due Call 1 Due business days after opening', () => {
    const r = computeCadence(request(), S, '2026-11-02');
    expect(r).toMatchObject({ nextAction: 'Work the reassignment checklist', due: '2026-11-04', flags: [] });
  });

  it('never sends a departure notice nor asks for a preference', () => {
    const r = computeCadence(request({ status: 'Contacting', lastDay: '2026-11-06' }), S, '2026-11-30');
    expect(r.nextAction).toBe('Call 1');
    expect(r.flags).not.toContain('Needs preference');
  });
});

describe('computeCadence: reached and scheduled', () => {
  const reached = (change: Partial<CaseFacts> = {}) =>
    departure({
      status: 'Reached',
      noticeSent: '2026-11-02',
      call1: '2026-11-04',
      reached: '2026-11-04',
      lastUpdated: '2026-11-04',
      ...change,
    });

  it.each([
    ['Refer out', 'Send referral and close as Referred out'],
    ['Discharge', 'Close as Discharged'],
    ['Reassign to recommended clinician', 'Match and schedule with a new clinician'],
    ['Client will choose', 'Match and schedule with a new clinician'],
    ['', 'Match and schedule with a new clinician'],
  ])('acts on the preference %p: %s', (preference, action) => {
    const r = computeCadence(reached({ preference }), S, '2026-11-04');
    expect(r).toMatchObject({ nextAction: action, due: '2026-11-06' });
  });

  it('treats a Reached date as reached whatever the status says', () => {
    expect(computeCadence(reached({ status: 'Contacting' }), S, '2026-11-04').nextAction).toBe(
      'Match and schedule with a new clinician',
    );
  });

  it('counts from the last update when the status is Reached but no date was logged', () => {
    expect(computeCadence(reached({ reached: null, lastUpdated: '2026-11-05' }), S, '2026-11-05').due).toBe(
      '2026-11-09',
    );
  });

  it('completes a scheduled case by its next session', () => {
    const r = computeCadence(reached({ status: 'Scheduled', nextSession: '2026-11-12' }), S, '2026-11-05');
    expect(r).toMatchObject({ nextAction: 'Complete the reassignment', due: '2026-11-12' });
  });

  it('falls back to Call 1 Due after reaching the client when the next session is missing', () => {
    const r = computeCadence(reached({ status: 'Scheduled' }), S, '2026-11-05');
    expect(r.due).toBe('2026-11-06');
  });
});

describe('computeCadence: flags', () => {
  it('counts business days late, not calendar days', () => {
    const r = computeCadence(
      departure({ status: 'Notice sent', noticeSent: '2026-11-04', lastUpdated: '2026-11-11' }),
      S,
      '2026-11-11',
    );
    // Due Friday 11-06; Monday, Tuesday, Wednesday late.
    expect(r.overdueDays).toBe(3);
    expect(r.flags).toEqual(['Overdue 3 days']);
  });

  it('calls a weekend past a Friday due date at least one day late', () => {
    const facts = departure({ status: 'Notice sent', noticeSent: '2026-11-04', lastUpdated: '2026-11-07' });
    expect(computeCadence(facts, S, '2026-11-07').flags).toEqual(['Overdue 1 day']);
    expect(computeCadence(facts, S, '2026-11-09').flags).toEqual(['Overdue 1 day']);
  });

  it('does not count a holiday as a day late', () => {
    const facts = departure({ status: 'Notice sent', noticeSent: '2026-11-23', lastUpdated: '2026-11-27' });
    expect(computeCadence(facts, withHolidays('2026-11-26'), '2026-11-27').overdueDays).toBe(1);
    expect(computeCadence(facts, S, '2026-11-27').overdueDays).toBe(2);
  });

  it('flags a case not updated for more than Stale After calendar days', () => {
    const facts = departure({ canEmail: false, call1: '2026-11-02', lastUpdated: '2026-11-02' });
    expect(computeCadence(facts, S, '2026-11-09').flags).not.toContain('Stale 7 days');
    expect(computeCadence(facts, S, '2026-11-10').flags).toContain('Stale 8 days');
  });

  it('measures staleness from the day the case opened when it was never updated', () => {
    expect(computeCadence(departure({ lastUpdated: null }), S, '2026-11-12').flags).toContain('Stale 10 days');
  });

  it('asks for a preference from Preference Deadline business days before the last day', () => {
    const facts = departure({ preference: '', lastUpdated: '2026-12-10', canEmail: false, call1: '2026-12-09' });
    expect(preferenceDueDate('2026-12-18', S)).toBe('2026-12-11');
    expect(computeCadence(facts, S, '2026-12-10').flags).not.toContain('Needs preference');
    expect(computeCadence(facts, S, '2026-12-11').flags).toContain('Needs preference');
    expect(computeCadence({ ...facts, preference: 'Undecided' }, S, '2026-12-11').flags).toContain('Needs preference');
    expect(computeCadence({ ...facts, preference: 'Refer out' }, S, '2026-12-11').flags).not.toContain(
      'Needs preference',
    );
  });

  it('moves the preference deadline back over a holiday', () => {
    expect(preferenceDueDate('2026-11-30', withHolidays('2026-11-26'))).toBe('2026-11-20');
    expect(preferenceDueDate('2026-11-30', S)).toBe('2026-11-23');
  });

  it('lists flags in a fixed order and joins them for the Flag cell', () => {
    const r = computeCadence(
      departure({ preference: 'Undecided', lastDay: '2026-11-20', canEmail: false, lastUpdated: '2026-11-01' }),
      S,
      '2026-11-16',
    );
    expect(r.flags).toEqual(['Overdue 8 days', 'Stale 15 days', 'Needs preference', 'Phone only']);
    expect(flagText(r)).toBe('Overdue 8 days; Stale 15 days; Needs preference; Phone only');
  });

  it('writes an empty Flag cell when nothing is wrong', () => {
    expect(flagText(computeCadence(departure(), S, '2026-11-02'))).toBe('');
  });
});

describe('computeCadence: untidy input', () => {
  it('reads statuses and sources in any case', () => {
    expect(computeCadence(request({ status: ' new ', source: 'client REQUEST' }), S, '2026-11-02').nextAction).toBe(
      'Work the reassignment checklist',
    );
    expect(computeCadence(departure({ status: 'REACHED', reached: '2026-11-03' }), S, '2026-11-03').nextAction).toBe(
      'Match and schedule with a new clinician',
    );
  });

  it('treats a date cell that is not a date as not recorded, rather than failing the nightly run', () => {
    const r = computeCadence(
      departure({ noticeSent: '2026-11-02', call1: 'called', lastUpdated: '2026-02-30' }),
      S,
      '2026-11-03',
    );
    expect(r).toMatchObject({ nextAction: 'Call 1', due: '2026-11-04' });
  });

  it('has no due date, and so no overdue flag, when the start date is missing', () => {
    const r = computeCadence(departure({ opened: null, canEmail: false, lastUpdated: '2026-11-02' }), S, '2026-11-03');
    expect(r).toMatchObject({ nextAction: 'Call 1', due: null, overdueDays: 0, flags: ['Phone only'] });
  });

  it('refuses a today that is not a date', () => {
    expect(() => computeCadence(departure(), S, '11/03/2026')).toThrow('Today "11/03/2026" is not a date');
  });
});

describe('computeCadence: properties', () => {
  const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-01-01', n));
  const maybeDay = fc.option(day, { nil: null });
  const facts: fc.Arbitrary<CaseFacts> = fc.record({
    source: fc.constantFrom('Departure', 'Client request', ''),
    status: fc.constantFrom(
      'New',
      'Notice sent',
      'Contacting',
      'Reached',
      'Scheduled',
      'Unresponsive',
      'Reassigned',
      'Discharged',
    ),
    opened: maybeDay,
    noticeSent: maybeDay,
    call1: maybeDay,
    call2: maybeDay,
    followupEmail: maybeDay,
    followupText: maybeDay,
    reached: maybeDay,
    nextSession: maybeDay,
    lastUpdated: maybeDay,
    preference: fc.constantFrom('', 'Undecided', 'Refer out', 'Discharge', 'Client will choose'),
    lastDay: maybeDay,
    canEmail: fc.boolean(),
    canText: fc.boolean(),
  });
  const settings: fc.Arbitrary<CadenceSettings> = fc.record({
    call1Due: fc.integer({ min: 0, max: 10 }),
    call2Due: fc.integer({ min: 0, max: 10 }),
    followupDue: fc.integer({ min: 0, max: 10 }),
    unresponsiveAfter: fc.integer({ min: 0, max: 15 }),
    preferenceDeadline: fc.integer({ min: 0, max: 15 }),
    staleAfter: fc.integer({ min: 0, max: 30 }),
    holidays: fc.uniqueArray(day, { maxLength: 20 }).map((d) => new Set(d)),
  });

  it('is overdue exactly when today is past the due date, and says so in the flags', () => {
    fc.assert(
      fc.property(facts, settings, day, (f, s, today) => {
        const r = computeCadence(f, s, today);
        expect(r.overdueDays > 0).toBe(r.due !== null && today > r.due);
        expect(r.flags.some((x) => x.startsWith('Overdue'))).toBe(r.overdueDays > 0);
        expect(r.flags.includes('Phone only')).toBe(r.nextAction !== '' && !f.canEmail);
        if (r.becomesUnresponsive) expect(r.nextAction).toBe(TERMINATE_ACTION);
        if (r.nextAction === '')
          expect(r).toEqual({
            nextAction: '',
            step: 'closed',
            due: null,
            overdueDays: 0,
            flags: [],
            becomesUnresponsive: false,
          });
      }),
      { numRuns: 500 },
    );
  });

  it('takes a case worked on each due day from the notice to termination in the order the process sets', () => {
    const spans = fc.record({
      call1Due: fc.integer({ min: 1, max: 10 }),
      call2Due: fc.integer({ min: 1, max: 10 }),
      followupDue: fc.integer({ min: 1, max: 10 }),
      unresponsiveAfter: fc.integer({ min: 1, max: 15 }),
    });
    const walkSettings = fc.tuple(settings, spans).map(([s, sp]) => ({ ...s, ...sp }));
    fc.assert(
      fc.property(day, walkSettings, fc.boolean(), fc.boolean(), (opened, s, canEmail, canText) => {
        let f = departure({ opened, lastUpdated: opened, canEmail, canText, lastDay: null });
        const seen: string[] = [];
        let today = opened;
        for (let i = 0; i < 10; i++) {
          const r = computeCadence(f, s, today);
          if (r.due !== null && r.due > today) today = r.due; // the CSR acts on the day it is due
          const now = computeCadence(f, s, today);
          seen.push(now.nextAction);
          // After the notice (due the day the case opened), every due date is a business day.
          if (now.nextAction !== 'Send departure notice')
            expect(isBusinessDay(now.due as string, s.holidays)).toBe(true);
          if (now.nextAction === 'Send departure notice') f = { ...f, noticeSent: today, status: 'Notice sent' };
          else if (now.nextAction === 'Call 1') f = { ...f, call1: today, status: 'Contacting' };
          else if (now.nextAction === 'Call 2') f = { ...f, call2: today };
          else if (now.nextAction.startsWith('Send follow-up'))
            f = { ...f, followupEmail: canEmail ? today : null, followupText: canText ? today : null };
          else if (now.nextAction === 'Await reply') today = addDays(now.due as string, 1);
          else break;
          f = { ...f, lastUpdated: today };
        }
        const expected = [
          ...(canEmail ? ['Send departure notice'] : []),
          'Call 1',
          'Call 2',
          ...(canEmail || canText
            ? [`Send follow-up ${[canEmail && 'email', canText && 'text'].filter(Boolean).join(' and ')}`]
            : []),
          'Await reply',
          TERMINATE_ACTION,
        ];
        expect(seen).toEqual(expected);
        expect(computeCadence(f, s, today).becomesUnresponsive).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
