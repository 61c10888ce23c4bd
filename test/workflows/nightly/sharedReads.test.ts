/**
 * The nightly run's steps share one read of each hub tab: what one step
 * writes, the next sees in memory (the Dashboard counts a case marked
 * Unresponsive the same night), and a step that fails leaves nothing
 * half-changed for the steps after it to write.
 */
import type { RunResult } from '../../../dev/emulator/runner';
import type { CallCost } from '../../../dev/emulator/kernel';
import { SUMMARY_ROW } from '../../../src/server/workflows/dashboard';
import { caseRow, contactHub, type ContactHub } from '../../support/contact';

interface Summary {
  complete: boolean;
  failures: { step: string; message: string }[];
  markedUnresponsive: string[];
  dashboardRefreshed: boolean;
}

/** 02:30 in New York on a November day. */
const night = (day: string): string => `${day}T07:30:00.000Z`;

/** Runs the nightly check as the admin, counting the whole-tab reads (getDataRange) per tab. */
function nightlyReads(hub: ContactHub): { run: RunResult; reads: Map<string, number> } {
  const kernel = hub.emu.kernel;
  const invoke = kernel.invoke;
  const reads = new Map<string, number>();
  kernel.invoke = <T>(method: string, cost: CallCost, impl: () => T): T => {
    const result: T = invoke.call(kernel, method, cost, impl) as T;
    if (method === 'Sheet.getDataRange') {
      const tab = (result as unknown as { _s: { name: string } })._s.name;
      reads.set(tab, (reads.get(tab) ?? 0) + 1);
    }
    return result;
  };
  try {
    return { run: hub.runner.run('runNightly', [], { user: hub.admin }), reads };
  } finally {
    kernel.invoke = invoke;
  }
}

/** The Dashboard's summary row of a departure, keyed by the summary headers. */
function dashboardRow(hub: ContactHub, departureId: string): Record<string, unknown> {
  const { values } = hub.emu.sheets.peek(hub.hubId, 'Dashboard');
  const headers = values[SUMMARY_ROW - 1].map(String);
  const row = values.find((r) => r[0] === departureId);
  if (!row) throw new Error(`no Dashboard row for ${departureId}`);
  return Object.fromEntries(headers.map((h, i) => [h, row[i]]));
}

describe('the nightly run shares its reads across its steps', () => {
  it('reads each hub tab once, though every step uses the cases and most the departures and clients', () => {
    const hub = contactHub();
    const { run, reads } = nightlyReads(hub);
    expect(run.ok).toBe(true);
    expect((run.result as Summary).complete).toBe(true);
    for (const tab of ['Settings', 'Reassignments', 'Departures', 'Clients', 'Templates'])
      expect([tab, reads.get(tab)]).toEqual([tab, 1]);
    expect([...reads].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('counts a case marked Unresponsive on the Dashboard the same night', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    for (const outcome of ['no-answer', 'voicemail'] as const)
      hub.callAs(hub.csr, 'logContact', ana, { channel: 'call', outcome });
    hub.callAs(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
    hub.callAs(hub.csr, 'logContact', ana, { channel: 'text', outcome: 'sent' });
    hub.runner.advanceClock(night('2026-11-24'));
    const { run } = nightlyReads(hub);
    expect((run.result as Summary).markedUnresponsive).toEqual([ana]);
    expect(caseRow(hub, ana).Status).toBe('Unresponsive');
    expect(dashboardRow(hub, hub.departureId)).toMatchObject({ Cases: 4, Open: 4, Unresponsive: 1 });
  });

  it('after a step fails, writes none of what it changed in memory, and the later steps see the sheet as it is', () => {
    const hub = contactHub();
    // Every case of the departure closed by hand: tonight's close-out would make the departure Complete.
    const status = hub.headers('Reassignments').indexOf('Status') + 1;
    const rows = hub
      .rows('Reassignments')
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(({ c }) => c['Departure ID'] === hub.departureId);
    hub.byHand((ss) => {
      for (const { row } of rows) ss.getSheetByName('Reassignments')!.getRange(row, status).setValue('Reassigned');
    });
    // The night's first cell write is the Departures row (the closed cases' Next Action and Due are blank already): it fails.
    hub.emu.kernel.injectFault({
      method: 'Range.setValues',
      nth: 1,
      kind: 'throw',
      message: 'Service Spreadsheets timed out',
    });
    const { run } = nightlyReads(hub);
    const s = run.result as Summary;
    expect(s.failures).toEqual([{ step: 'Close out departures', message: 'Service Spreadsheets timed out' }]);
    expect(hub.rows('Departures').find((d) => d['Departure ID'] === hub.departureId)?.Status).not.toBe('Complete');
    expect(hub.rows('Log').filter((l) => l.Action === 'Departure complete')).toEqual([]);
    // The Dashboard, built after the failure, still shows the departure the sheet says is open.
    expect(s.dashboardRefreshed).toBe(true);
    expect(dashboardRow(hub, hub.departureId)).toMatchObject({ Cases: 4, Open: 0, Reassigned: 4 });
    expect(
      hub
        .rows('Log')
        .filter((l) => l.Action === 'Nightly step failed')
        .map((l) => l.Details),
    ).toEqual(['Close out departures: Service Spreadsheets timed out']);
  });
});
