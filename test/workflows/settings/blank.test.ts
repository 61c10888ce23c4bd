/**
 * A setting whose cell holds only spaces is blank: the documented default
 * applies, never a zero read out of the spaces (an Intake Lookback of 0
 * months would make every session an intake).
 */
import { setSetting } from '../../support/hub';
import { requestHub } from '../../support/request';

describe('a setting left as spaces', () => {
  it('takes the default Intake Lookback Months of 6', () => {
    const hub = requestHub();
    setSetting(hub, 'Intake Lookback Months', '   ');
    const facts = hub.callAs<{ lookbackMonths: number; intakeRequired: boolean }>(
      hub.csr,
      'checkSchedule',
      '00901',
      '2026-11-30',
    );
    expect(facts.lookbackMonths).toBe(6);
    // Last intake 2026-06-01 is within six months of 2026-11-30 (a lookback of 0 would make it an intake).
    expect(facts.intakeRequired).toBe(false);
  });

  it('takes the default too when the count is not a whole number of 0 or more', () => {
    const hub = requestHub();
    for (const bad of ['2.5', '-3']) {
      setSetting(hub, 'Intake Lookback Months', bad);
      expect(
        hub.callAs<{ lookbackMonths: number }>(hub.csr, 'checkSchedule', '00901', '2026-11-30').lookbackMonths,
      ).toBe(6);
    }
  });
});
