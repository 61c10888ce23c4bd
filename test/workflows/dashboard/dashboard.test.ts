/**
 * refreshDashboard on the built add-on: per open departure, cases by status,
 * overdue and missing preferences, with one native bar chart each; refreshed
 * in place — one block write, the same charts updated, never more of them,
 * rows an earlier dashboard used cleared when it shrinks.
 */
import { contactHub, DANA, refusal, type ContactHub } from '../../support/contact';

interface Result {
  departures: {
    departureId: string;
    clinician: string;
    lastDay: string | null;
    cases: number;
    open: number;
    overdue: number;
    missingPreference: number;
    byStatus: Record<string, number>;
  }[];
  charts: number;
  rows: number;
  updated: string;
}
interface ChartInfo {
  id: number;
  type: string;
  title: unknown;
  ranges: string[];
  anchorRow: number;
}

const HOSTILE_CLINICIAN = { ...DANA, Name: '+Reese =Iverson', Email: 'reese@clinic.example.com' };

function charts(hub: ContactHub): ChartInfo[] {
  let out: ChartInfo[] = [];
  hub.byHand((ss) => {
    const sheet = ss.getSheetByName('Dashboard');
    out = (sheet?.getCharts() ?? []).map((c) => ({
      id: c.getChartId() as number,
      type: String(c.modify().getChartType()),
      title: c.getOptions().get('title'),
      ranges: c.getRanges().map((r) => r.getA1Notation()),
      anchorRow: c.getContainerInfo().getAnchorRow(),
    }));
  });
  return out;
}

const grid = (hub: ContactHub) => hub.emu.sheets.peek(hub.hubId, 'Dashboard');
const rowOf = (hub: ContactHub, first: string): string[] | undefined => grid(hub).display.find((r) => r[0] === first);

describe('the Dashboard', () => {
  let hub: ContactHub;
  let first: Result;
  beforeAll(() => {
    hub = contactHub();
    hub.callAs(hub.csr, 'logContact', hub.refs['50001'], { channel: 'call', outcome: 'reached' });
    hub.callAs(hub.csr, 'closeCase', hub.refs['50002'], { status: 'Discharged' });
    hub.emu.kernel.resetCounters();
    first = hub.callAs<Result>(hub.csr, 'refreshDashboard');
  });

  it("counts each open departure's cases by status, with the open, overdue and missing preferences", () => {
    expect(first.departures).toEqual([
      {
        departureId: hub.departureId,
        clinician: DANA.Name,
        lastDay: '2026-12-18',
        cases: 4,
        open: 3,
        overdue: 0,
        missingPreference: 3,
        byStatus: {
          New: 2,
          'Notice sent': 0,
          Contacting: 0,
          Reached: 1,
          Scheduled: 0,
          Reassigned: 0,
          Unresponsive: 0,
          'Services terminated': 0,
          'Referred out': 0,
          Discharged: 1,
        },
      },
    ]);
    const header = rowOf(hub, 'Departure ID')!;
    const row = rowOf(hub, hub.departureId)!;
    const at = (h: string): string => row[header.indexOf(h)];
    expect([
      at('Clinician'),
      at('Last Day'),
      at('Cases'),
      at('Open'),
      at('Overdue'),
      at('Missing preference'),
      at('New'),
      at('Reached'),
      at('Discharged'),
    ]).toEqual([DANA.Name, '12/18/2026', '4', '3', '0', '3', '2', '1', '1']);
  });

  it("draws one bar chart of the departure's statuses, reading the status labels and its column of counts", () => {
    const [chart, ...more] = charts(hub);
    expect(more).toHaveLength(0);
    expect(chart.type).toBe('BAR');
    expect(chart.title).toBe(`${hub.departureId} ${DANA.Name}: cases by status`);
    const labelsAt = grid(hub).display.findIndex((r) => r[0] === 'Status') + 1;
    expect(chart.ranges).toEqual([`A${labelsAt}:A${labelsAt + 10}`, `B${labelsAt}:B${labelsAt + 10}`]);
    expect(grid(hub).display[labelsAt - 1].slice(0, 2)).toEqual(['Status', hub.departureId]);
    expect(grid(hub).display[labelsAt].slice(0, 2)).toEqual(['New', '2']);
  });

  it('writes the whole block with one setValues', () => {
    hub.emu.kernel.resetCounters();
    hub.callAs(hub.csr, 'refreshDashboard');
    expect(hub.emu.kernel.counters.byMethod['Range.setValues']).toBe(1);
  });

  it('refreshes in place: the same chart updated, none added or removed, nothing cleared, the tab no longer', () => {
    const before = { charts: charts(hub), rows: grid(hub).values.length };
    hub.callAs(hub.csr, 'logContact', hub.refs['50003'], { channel: 'call', outcome: 'no-answer' });
    hub.emu.kernel.resetCounters();
    const again = hub.callAs<Result>(hub.csr, 'refreshDashboard');
    const calls = hub.emu.kernel.counters.byMethod;
    expect([
      calls['Sheet.insertChart'] ?? 0,
      calls['Sheet.removeChart'] ?? 0,
      calls['Sheet.updateChart'] ?? 0,
      calls['Range.clearContent'] ?? 0,
    ]).toEqual([0, 0, 1, 0]);
    expect(charts(hub).map((c) => c.id)).toEqual(before.charts.map((c) => c.id));
    expect(grid(hub).values.length).toBe(before.rows);
    expect(again.departures[0].byStatus.Contacting).toBe(1);
  });

  it('is for CSRs and admins only', () => {
    const snapshot = hub.snapshot();
    expect(refusal(() => hub.callAs('stranger@example.com', 'refreshDashboard'))).toMatch(
      /needs a CSR or transition manager/,
    );
    expect(hub.snapshot()).toBe(snapshot);
  });
});

describe('when departures come and go', () => {
  it('adds a chart for a new departure, then, when one completes, drops its row and chart and clears the rows it used', () => {
    const hub = contactHub();
    hub.seed('Clinicians', [HOSTILE_CLINICIAN]);
    hub.seed('Clients', [
      {
        'Client ID': '60001',
        'First Name': 'Ed',
        'Last Name': 'Eng',
        Email: 'e@mail.example.com',
        Phone: '555',
        Clinician: HOSTILE_CLINICIAN.Name,
        Status: 'Active',
        Insurance: 'Aetna',
        Medicaid: false,
      },
    ]);
    const second = hub.call<{ departureId: string }>('startDeparture', {
      clinician: HOSTILE_CLINICIAN.Email,
      noticeDate: '2026-11-16',
      lastDay: '2026-12-30',
    }).departureId;
    const two = hub.call<Result>('refreshDashboard');
    expect(two.departures.map((d) => d.departureId)).toEqual([hub.departureId, second]);
    expect(charts(hub).map((c) => c.title)).toEqual([
      `${hub.departureId} ${DANA.Name}: cases by status`,
      `${second} ${HOSTILE_CLINICIAN.Name}: cases by status`,
    ]);
    // A clinician's name that looks like a formula stays that text.
    const { values, formulas } = grid(hub);
    const r = values.findIndex((row) => row[0] === second);
    expect(values[r][1]).toBe(HOSTILE_CLINICIAN.Name);
    expect(formulas[r][1]).toBe('');
    const rowsBefore = values.length;

    for (const ref of Object.values(hub.refs)) hub.callAs(hub.csr, 'closeCase', ref, { status: 'Discharged' });
    hub.emu.kernel.resetCounters();
    const one = hub.call<Result>('refreshDashboard');
    expect(one.departures.map((d) => d.departureId)).toEqual([second]);
    expect(charts(hub).map((c) => c.title)).toEqual([`${second} ${HOSTILE_CLINICIAN.Name}: cases by status`]);
    expect(hub.emu.kernel.counters.byMethod['Sheet.insertChart'] ?? 0).toBe(0);
    const after = grid(hub).values;
    expect(after.slice(one.rows).every((row) => row.every((v) => v === ''))).toBe(true);
    expect(one.rows).toBeLessThan(rowsBefore);
    expect(rowOf(hub, hub.departureId)).toBeUndefined();
  });

  it("reuses a completed departure's chart for a new one instead of adding another", () => {
    const hub = contactHub();
    hub.call('refreshDashboard');
    const [old] = charts(hub);
    for (const ref of Object.values(hub.refs)) hub.callAs(hub.csr, 'closeCase', ref, { status: 'Referred out' });
    hub.seed('Clinicians', [HOSTILE_CLINICIAN]);
    hub.seed('Clients', [
      {
        'Client ID': '60001',
        'First Name': 'Ed',
        'Last Name': 'Eng',
        Email: 'e@mail.example.com',
        Phone: '555',
        Clinician: HOSTILE_CLINICIAN.Name,
        Status: 'Active',
        Insurance: 'Aetna',
        Medicaid: false,
      },
    ]);
    const next = hub.call<{ departureId: string }>('startDeparture', {
      clinician: HOSTILE_CLINICIAN.Email,
      noticeDate: '2026-11-16',
      lastDay: '2026-12-30',
    }).departureId;
    hub.emu.kernel.resetCounters();
    hub.call('refreshDashboard');
    const calls = hub.emu.kernel.counters.byMethod;
    expect([calls['Sheet.insertChart'] ?? 0, calls['Sheet.removeChart'] ?? 0]).toEqual([0, 0]);
    expect(charts(hub).map((c) => [c.id, c.title])).toEqual([
      [old.id, `${next} ${HOSTILE_CLINICIAN.Name}: cases by status`],
    ]);
  });

  it('lists open client requests on their own row, without a chart', () => {
    const hub = contactHub();
    const clientId = String(
      hub.rows('Clients').find((c) => c.Clinician !== DANA.Name && c.Status === 'Active')!['Client ID'],
    );
    hub.callAs(hub.csr, 'requestReassignment', { clientId, reason: 'Schedule conflict' });
    const r = hub.call<Result>('refreshDashboard');
    expect(r.departures.map((d) => [d.departureId, d.open])).toEqual([
      [hub.departureId, 4],
      ['Client requests', 1],
    ]);
    expect(charts(hub)).toHaveLength(1);
  });
});
