/**
 * The nightly run's cost does not grow with the caseload: the same number of
 * service calls over 100 and over 5,000 open cases (a mix of new, overdue,
 * reached and run-out cases, shared with the therapist), and well inside the
 * platform's 6-minute limit on the emulator's latency model.
 */
import type { RunResult } from '../../../dev/emulator/runner';
import { newHub, setSetting, type Hub } from '../../support/hub';
import { DANA, FRONT_DESK } from '../../support/contact';

const LIMIT_MS = 6 * 60 * 1000;

/** A departure of `n` clients on Tuesday 17 November: a quarter each new, overdue, reached, and out of attempts. */
function scaleHub(n: number): Hub {
  const hub = newHub({ clients: 4, clinicians: 2, messy: false, now: '2026-11-16T19:00:00.000Z' });
  setSetting(hub, 'Front Desk Phone', FRONT_DESK);
  hub.seed('Clinicians', [DANA]);
  hub.seed(
    'Clients',
    Array.from({ length: n }, (_, i) => ({
      'Client ID': String(700000 + i),
      'First Name': `First${i}`,
      'Last Name': `Last${i}`,
      Email: `client${i}@mail.example.com`,
      Phone: '555-010-3000',
      Clinician: DANA.Name,
      Status: 'Active',
      Insurance: 'Aetna',
      Medicaid: false,
      'Last Intake Date': '2026-06-01',
      'Portal Access': true,
      'Documents Complete': true,
    })),
  );
  const { departureId } = hub.call<{ departureId: string }>('startDeparture', {
    clinician: DANA.Name,
    noticeDate: '2026-11-10',
    lastDay: '2026-11-24',
  });
  hub.call('shareDepartureSheet', departureId);
  hub.byHand((ss) => {
    const sheet = ss.getSheetByName('Reassignments')!;
    const values = sheet.getDataRange().getValues();
    const h = values[0].map(String);
    const col = (name: string): number => h.indexOf(name);
    const day = (s: string): Date => new Date(`${s}T05:00:00.000Z`);
    values.slice(1).forEach((row, i) => {
      if (row[col('Departure ID')] !== departureId) return;
      if (i % 4 === 1) {
        row[col('Call 1')] = day('2026-11-02');
        row[col('Status')] = 'Contacting';
      }
      if (i % 4 === 2) {
        row[col('Reached')] = day('2026-11-10');
        row[col('Status')] = 'Reached';
        row[col('Preference')] = 'Refer out';
      }
      if (i % 4 === 3) {
        row[col('Call 1')] = day('2026-10-26');
        row[col('Call 2')] = day('2026-10-28');
        row[col('Follow-up Email')] = day('2026-10-29');
        row[col('Follow-up Text')] = day('2026-10-29');
        row[col('Status')] = 'Contacting';
      }
    });
    sheet.getRange(1, 1, values.length, h.length).setValues(values);
  });
  hub.runner.advanceClock('2026-11-17T07:00:00.000Z');
  hub.emu.kernel.resetCounters();
  return hub;
}

function nightlyRun(hub: Hub): RunResult {
  const r = hub.runner.run('runNightly', [], { user: hub.admin });
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('the nightly run at scale', () => {
  let small: RunResult;
  let large: RunResult;
  let digest = '';
  beforeAll(() => {
    small = nightlyRun(scaleHub(100));
    const hub = scaleHub(5000);
    large = nightlyRun(hub);
    digest = hub.emu.mail.outbox.filter((m) => m.to === hub.csr).pop()?.body ?? '';
  }, 240000);

  it('does the same work for 5,000 open cases as for 100', () => {
    expect(small.result).toMatchObject({ openCases: 100, complete: true });
    expect(large.result).toMatchObject({ openCases: 5000, complete: true, sheetsSynced: 1, dashboardRefreshed: true });
    expect((small.result as { markedUnresponsive: string[] }).markedUnresponsive).toHaveLength(25);
    expect((large.result as { markedUnresponsive: string[] }).markedUnresponsive).toHaveLength(1250);
    expect((large.result as { remindersSent: string[] }).remindersSent).toHaveLength(1);
  });

  it('makes the same number of data calls, and of service calls of every kind, whatever the count of cases', () => {
    expect(large.counters.data).toBe(small.counters.data);
    expect(large.counters.byMethod).toEqual(small.counters.byMethod);
  });

  it('keeps the digest short: each list stops at 50 cases and points to the tracker for the rest', () => {
    expect(digest).toContain('Overdue (5000):');
    expect(digest).toContain('…and 4950 more in the tracker');
    expect(digest.split('\n').length).toBeLessThan(250);
  });

  it('finishes 5,000 cases well inside the 6-minute limit', () => {
    expect(large.elapsedMs).toBeLessThan(LIMIT_MS / 4);
    // The figure, for the record: virtual seconds for 100 and for 5,000 cases.
    console.log(
      `nightly run: ${(small.elapsedMs / 1000).toFixed(1)} s virtual for 100 cases, ${(large.elapsedMs / 1000).toFixed(1)} s for 5,000; ${large.counters.data} data calls, ${large.counters.total} service calls`,
    );
  });
});
