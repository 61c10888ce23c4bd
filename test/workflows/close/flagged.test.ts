/**
 * Closing a case by completing it leaves the tracker as every other close
 * does: the cadence's own flags (Overdue, Stale, Needs preference, Phone
 * only) leave the row at once, so a reassigned case is not coloured overdue
 * until the next nightly run; every other reason in the Flag cell stays.
 */
import { setCellByHand, type Hub } from '../../support/hub';
import { complete, only, openRequest, requestHub } from '../../support/request';

describe('completing a case that was flagged', () => {
  let hub: Hub;
  let ref: string;

  beforeAll(() => {
    hub = requestHub();
    ref = openRequest(hub, '00901');
    setCellByHand(
      hub,
      'Reassignments',
      { header: 'Ref', value: ref },
      'Flag',
      "Overdue 3 days; Stale 9 days; Phone changed in the therapist's sheet: review",
    );
    complete(hub, ref, { newClinician: 'Ana Able', nextSession: '2026-12-02T14:30' });
  });

  it('drops the overdue and stale flags, so the reassigned row is no longer coloured overdue', () => {
    const flag = String(only(hub, 'Reassignments', 'Ref', ref).Flag);
    expect(flag).not.toMatch(/Overdue|Stale/);
  });

  it('keeps a reason the cadence did not write', () => {
    expect(only(hub, 'Reassignments', 'Ref', ref).Flag).toBe("Phone changed in the therapist's sheet: review");
  });
});
