/**
 * The Departures panel after a nightly run: the cadence's own flags on a
 * case (Overdue, Stale, Needs preference) do not hide a notice still to be
 * sent, so the panel still says to send the notices; a reason a person must
 * act on (a bad address the batch flagged) still does.
 */
import { D1, departureHub, ok, run, START } from '../../support/departure';
import type { Hub } from '../../support/hub';

interface Summary {
  departureId: string;
  counts: Record<string, number>;
  nextAction: string;
}

describe('the Departures panel the morning after the nightly run', () => {
  let hub: Hub;
  let view: Summary;

  beforeAll(() => {
    hub = departureHub().hub;
    ok(run(hub, 'startDeparture', START));
    ok(run(hub, 'shareDepartureSheet', D1));
    hub.runner.advanceClock('2026-11-30T12:00:00.000Z');
    ok(run(hub, 'runNightly'));
    view = hub.call<{ departures: Summary[] }>('getDepartures').departures[0];
  });

  it('has flagged the cases whose notice is overdue', () => {
    const flags = hub.rows('Reassignments').map((c) => String(c.Flag));
    expect(flags.filter((f) => f.startsWith('Overdue')).length).toBeGreaterThan(0);
  });

  it('still counts their notices as pending and says to send them', () => {
    const notSent = hub
      .rows('Reassignments')
      .filter((c) => c['Notice Sent'] === '' && !/Phone only/.test(String(c.Flag)));
    expect(view.counts.noticesPending).toBeGreaterThanOrEqual(notSent.length);
    expect(view.counts.noticesPending).toBeGreaterThan(0);
    expect(view.nextAction).toBe('Send notices');
  });

  it('stops counting them once the batch has sent or flagged each one', () => {
    ok(run(hub, 'sendDepartureNotices', D1, {}));
    const after = hub.call<{ departures: Summary[] }>('getDepartures').departures[0];
    expect(after.counts.noticesPending).toBe(0);
    expect(after.nextAction).not.toBe('Send notices');
  });
});

describe('overdue cases before any nightly run', () => {
  it('are counted by the Departures panel as the Dashboard counts them, from the cadence', () => {
    const hub = departureHub().hub;
    ok(run(hub, 'startDeparture', START));
    hub.runner.advanceClock('2026-12-04T15:00:00.000Z');
    const panel = hub.call<{ departures: Summary[] }>('getDepartures').departures[0];
    const dashboard = hub
      .call<{ departures: { departureId: string; overdue: number }[] }>('refreshDashboard')
      .departures.find((d) => d.departureId === D1)!;
    expect(dashboard.overdue).toBeGreaterThan(0);
    expect(panel.counts.overdue).toBe(dashboard.overdue);
  });
});
