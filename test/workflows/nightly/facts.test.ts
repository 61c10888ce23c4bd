/**
 * The nightly run's small rules as plain values: the Flag cell it rewrites
 * (its own flags first, everyone else's reasons kept), the formula that
 * colours overdue rows, the reminder window and the run status.
 */
import fc from 'fast-check';
import { addBusinessDays } from '../../../src/server/core/dates';
import { isCadenceFlag, mergeFlags } from '../../../src/server/workflows/shared/caseFacts';
import { columnLetter, overdueFormula } from '../../../src/server/workflows/nightly/nextActions';
import { reminderWindow } from '../../../src/server/workflows/nightly/reminders';
import { runStatus } from '../../../src/server/workflows/nightly';

describe('mergeFlags', () => {
  it("puts the cadence's flags first and keeps the other reasons in their order", () => {
    expect(
      mergeFlags(
        ['Overdue 2 days', 'Phone only'],
        'Stale 9 days; Bad email address "x": DEPARTURE_NOTICE not sent; Overdue 1 day',
      ),
    ).toBe('Overdue 2 days; Phone only; Bad email address "x": DEPARTURE_NOTICE not sent');
  });

  it('clears its own flags from a case that has none now, leaving other reasons', () => {
    expect(
      mergeFlags(
        [],
        'Overdue 3 days; Needs preference; Termination notice not emailed: call the client with the referral resources',
      ),
    ).toBe('Termination notice not emailed: call the client with the referral resources');
    expect(mergeFlags([], '')).toBe('');
  });

  it('is stable: merging again changes nothing', () => {
    const reason = fc
      .stringMatching(/^[A-Za-z][A-Za-z ":]{0,30}$/)
      .filter((s) => !isCadenceFlag(s) && !s.includes(';'));
    const flag = fc.constantFrom('Overdue 1 day', 'Overdue 4 days', 'Stale 8 days', 'Needs preference', 'Phone only');
    fc.assert(
      fc.property(fc.uniqueArray(flag, { maxLength: 4 }), fc.array(reason, { maxLength: 3 }), (flags, others) => {
        const once = mergeFlags(flags, others.join('; '));
        expect(mergeFlags(flags, once)).toBe(once);
        for (const o of others) if (o.trim()) expect(once).toContain(o.trim());
      }),
    );
  });

  it("knows its own flags from anyone else's text", () => {
    expect(
      ['Overdue 1 day', 'Overdue 12 days', 'Stale 8 days', 'Needs preference', 'Phone only'].every(isCadenceFlag),
    ).toBe(true);
    expect(['Overdue', 'Overdue soon', 'Phone only: call after 5', 'Email OK is FALSE'].some(isCadenceFlag)).toBe(
      false,
    );
  });
});

describe('the overdue colouring', () => {
  it('names the Flag column wherever it is, A to ZZ', () => {
    expect([1, 26, 27, 29, 52, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AC', 'AZ', 'ZZ']);
    expect(overdueFormula(29)).toBe('=LEFT($AC2,7)="Overdue"');
  });
});

describe('the reminder window', () => {
  it('opens two business days before the Preference Deadline and closes on the last day', () => {
    const holidays = new Set(['2026-12-10']);
    const w = reminderWindow('2026-12-18', holidays, addBusinessDays('2026-12-18', -5, holidays));
    // The deadline is Friday the 11th; two business days before it, the holiday on Thursday the 10th skipped, is Tuesday the 8th.
    expect(w).toEqual({ from: '2026-12-08', to: '2026-12-18' });
  });
});

describe('the run status', () => {
  it('is Complete with no failure, and names every failed step otherwise', () => {
    expect(runStatus([])).toBe('Complete');
    expect(
      runStatus([
        { step: 'Sync D-0002', message: 'file gone' },
        { step: 'Refresh dashboard', message: 'timed out' },
      ]),
    ).toBe('INCOMPLETE: Sync D-0002 failed (file gone); Refresh dashboard failed (timed out). See the Log tab.');
  });
});
