/**
 * Six weeks of one departure on the virtual clock, the nightly trigger
 * installed and firing at 02:00 every night: weekends, and the practice's
 * Thanksgiving holidays (Thursday 26 and Friday 27 November), which are not
 * business days. The CSR works the cases on the days a CSR would; the
 * therapist records preferences in their own sheet. Every night's Next
 * Action, Due, Flag and Status is recorded and checked against the calendar
 * worked out by hand, with the digests and the therapist's reminders.
 *
 *   Nov 16 Mon  departure starts, list shared, notices sent (Ana, Cleo; Ben may not be emailed; Doe's address is not one)
 *   Nov 18 Wed  CSR: Ana no answer (Call 1); Cleo reached
 *   Nov 19 Thu  therapist: Cleo "Refer out"
 *   Nov 20 Fri  CSR: Ana voicemail (Call 2)
 *   Nov 23 Mon  CSR: Ana follow-up email; Cleo closed Referred out
 *   Nov 24 Tue  CSR: Ana follow-up text → reply due 5 business days later, skipping the holidays: Thu Dec 3
 *   Dec  4 Fri  nightly: Ana Unresponsive; admin: Ana Services terminated
 *   Dec  9 Wed  reminders start (2 business days before the Preference Deadline, Fri Dec 11)
 *   Dec 10 Thu  therapist: Ben "Discharge"
 *   Dec 18 Fri  last day; Dec 19 Dana is Left; Dec 25 (last day + 7) her access to the sheet ends
 */
import { contactHub, DANA, setSetting, type ContactHub } from '../../support/contact';

type Row = { status: string; action: string; due: string; flag: string };

/** 'YYYY-MM-DD' of each day from the first to the last. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T12:00:00Z`); t <= Date.parse(`${last}T12:00:00Z`); t += 86400000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
/** 11/18/2026 as the sheet shows a date. */
const md = (day: string): string => `${+day.slice(5, 7)}/${+day.slice(8, 10)}/${day.slice(0, 4)}`;

describe('six weeks of a departure, night by night', () => {
  let hub: ContactHub;
  const nights = new Map<string, Record<string, Row>>();
  const runs: { day: string; ok: boolean; result: unknown }[] = [];
  let ana: string;
  let ben: string;
  let cleo: string;
  let doe: string;
  let sheetId = '';
  const editorsByDay = new Map<string, string[]>();

  /** The therapist typing a preference into their transition sheet. */
  const therapistSets = (ref: string, preference: string): void => {
    const { values } = hub.emu.sheets.peek(sheetId, 'Clients');
    const header = values[1].map(String);
    const row = values.findIndex((r) => r[header.indexOf('Ref')] === ref);
    const col = String.fromCharCode(65 + header.indexOf('Preference'));
    const edit = hub.emu.sheets.userEdit(sheetId, 'Clients', `${col}${row + 1}`, preference, DANA.Email);
    if (edit.rejected) throw new Error(edit.rejected);
  };

  const actions: Record<string, () => void> = {
    '2026-11-18': () => {
      hub.callAs(hub.csr, 'logContact', ana, { channel: 'call', outcome: 'no-answer' });
      hub.callAs(hub.csr, 'logContact', cleo, {
        channel: 'call',
        outcome: 'reached',
        note: 'Wants a referral closer to home',
      });
    },
    '2026-11-19': () => therapistSets(cleo, 'Refer out'),
    '2026-11-20': () => {
      hub.callAs(hub.csr, 'logContact', ana, { channel: 'call', outcome: 'voicemail' });
    },
    '2026-11-23': () => {
      hub.callAs(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
      hub.callAs(hub.csr, 'closeCase', cleo, {
        status: 'Referred out',
        note: 'Referral to Community Counseling Center',
      });
    },
    '2026-11-24': () => {
      hub.callAs(hub.csr, 'logContact', ana, { channel: 'text', outcome: 'sent' });
    },
    '2026-12-04': () => {
      hub.call('closeCase', ana, { status: 'Services terminated' });
    },
    '2026-12-09': () => {
      hub.call('runNightly');
    }, // an admin's extra run by hand: no second digest or reminder
    '2026-12-10': () => therapistSets(ben, 'Discharge'),
  };

  beforeAll(() => {
    hub = contactHub();
    setSetting(hub, 'Holidays', '2026-11-26, 2026-11-27');
    ({ '50001': ana, '50002': ben, '50003': cleo, '50004': doe } = hub.refs);
    const url = hub.call<{ url: string }>('shareDepartureSheet', hub.departureId).url;
    sheetId = /\/d\/([^/]+)/.exec(url)![1];
    hub.call('sendDepartureNotices', hub.departureId, {});
    hub.call('installNightlyTrigger');
    for (const day of days('2026-11-17', '2026-12-26')) {
      // 02:30 in New York (EST all along): the night's run has fired.
      for (const r of hub.runner.advanceClock(`${day}T07:30:00.000Z`, { fireTriggers: true }))
        runs.push({ day, ok: r.ok, result: r.result ?? r.error });
      const record: Record<string, Row> = {};
      for (const c of hub.rows('Reassignments', { display: true })) {
        if (c['Departure ID'] !== hub.departureId) continue;
        record[String(c.Ref)] = {
          status: String(c.Status),
          action: String(c['Next Action']),
          due: String(c.Due),
          flag: String(c.Flag),
        };
      }
      nights.set(day, record);
      editorsByDay.set(day, [...(hub.emu.sheets.get(sheetId)?.editors ?? [])]);
      // 10 am: the day's work.
      hub.runner.advanceClock(`${day}T15:00:00.000Z`);
      actions[day]?.();
    }
  }, 120000);

  const on = (day: string, ref: string): Row => nights.get(day)![ref];
  /** The cadence's own flags, without the reasons the notice batch added. */
  const cadenceFlags = (row: Row): string =>
    row.flag
      .split('; ')
      .filter((f) => /^(Overdue|Stale|Needs preference|Phone only)/.test(f))
      .join('; ');

  it('fires the nightly run exactly once a night, every night, and every run completes', () => {
    const nightly = runs.filter((r) => (r.result as { source?: string }).source === 'trigger');
    expect(nightly.map((r) => r.day)).toEqual(days('2026-11-17', '2026-12-26'));
    expect(runs.every((r) => r.ok && (r.result as { complete: boolean }).complete)).toBe(true);
  });

  it('walks Ana through two calls, the follow-ups and the reply window, skipping the weekend and the holidays', () => {
    const expected: [string, string, string, string, string][] = [
      // night         status          next action                        due           flags
      ['2026-11-17', 'Notice sent', 'Call 1', '2026-11-18', ''],
      ['2026-11-18', 'Notice sent', 'Call 1', '2026-11-18', ''],
      ['2026-11-19', 'Contacting', 'Call 2', '2026-11-20', ''],
      ['2026-11-20', 'Contacting', 'Call 2', '2026-11-20', ''],
      ['2026-11-21', 'Contacting', 'Send follow-up email and text', '2026-11-23', ''],
      ['2026-11-22', 'Contacting', 'Send follow-up email and text', '2026-11-23', ''],
      ['2026-11-23', 'Contacting', 'Send follow-up email and text', '2026-11-23', ''],
      ['2026-11-24', 'Contacting', 'Send follow-up text', '2026-11-23', 'Overdue 1 day'],
      ['2026-11-25', 'Contacting', 'Await reply', '2026-12-03', ''],
      ['2026-11-26', 'Contacting', 'Await reply', '2026-12-03', ''],
      ['2026-12-01', 'Contacting', 'Await reply', '2026-12-03', ''],
      ['2026-12-02', 'Contacting', 'Await reply', '2026-12-03', 'Stale 8 days'],
      ['2026-12-03', 'Contacting', 'Await reply', '2026-12-03', 'Stale 9 days'],
      [
        '2026-12-04',
        'Unresponsive',
        'Terminate services in TherapyNotes',
        '2026-12-03',
        'Overdue 1 day; Stale 10 days',
      ],
      ['2026-12-05', 'Services terminated', 'Close the case in TherapyNotes', '2026-12-04', ''],
      ['2026-12-26', 'Services terminated', 'Close the case in TherapyNotes', '2026-12-04', ''],
    ];
    for (const [day, status, action, due, flags] of expected) {
      const row = on(day, ana);
      expect([day, row.status, row.action, row.due, row.flag]).toEqual([day, status, action, md(due), flags]);
    }
  });

  it("counts how late Ben's first call is in business days: not on the weekend, not on the holidays", () => {
    const expected: [string, string][] = [
      ['2026-11-17', 'Phone only'],
      ['2026-11-18', 'Phone only'],
      ['2026-11-19', 'Overdue 1 day; Phone only'],
      ['2026-11-20', 'Overdue 2 days; Phone only'],
      ['2026-11-21', 'Overdue 2 days; Phone only'],
      ['2026-11-22', 'Overdue 2 days; Phone only'],
      ['2026-11-23', 'Overdue 3 days; Phone only'],
      ['2026-11-24', 'Overdue 4 days; Stale 8 days; Phone only'],
      ['2026-11-25', 'Overdue 5 days; Stale 9 days; Phone only'],
      ['2026-11-26', 'Overdue 5 days; Stale 10 days; Phone only'],
      ['2026-11-27', 'Overdue 5 days; Stale 11 days; Phone only'],
      ['2026-11-29', 'Overdue 5 days; Stale 13 days; Phone only'],
      ['2026-11-30', 'Overdue 6 days; Stale 14 days; Phone only'],
    ];
    for (const [day, flags] of expected) {
      const row = on(day, ben);
      expect([day, row.action, row.due, cadenceFlags(row)]).toEqual([day, 'Call 1', md('2026-11-18'), flags]);
    }
    // The notice batch's reason stays in the Flag, after the cadence's own flags.
    expect(on('2026-11-30', ben).flag).toMatch(/^Overdue 6 days; Stale 14 days; Phone only; Email OK is FALSE/);
  });

  it("takes Cleo from reached to the therapist's preference to closed, and then leaves her row alone", () => {
    expect(on('2026-11-19', cleo)).toEqual({
      status: 'Reached',
      action: 'Match and schedule with a new clinician',
      due: md('2026-11-20'),
      flag: '',
    });
    // The therapist's "Refer out" of Thursday afternoon is synced on Friday night's run.
    expect(on('2026-11-20', cleo)).toEqual({
      status: 'Reached',
      action: 'Send referral and close as Referred out',
      due: md('2026-11-20'),
      flag: '',
    });
    expect(on('2026-11-21', cleo).flag).toBe('Overdue 1 day');
    expect(on('2026-11-24', cleo)).toEqual({ status: 'Referred out', action: '', due: '', flag: '' });
    expect(on('2026-12-26', cleo)).toEqual({ status: 'Referred out', action: '', due: '', flag: '' });
  });

  it('flags a missing preference from the Preference Deadline (Friday December 11), not before', () => {
    expect(on('2026-12-10', doe).flag).not.toContain('Needs preference');
    expect(on('2026-12-11', doe).flag).toContain('Needs preference');
    expect(on('2026-12-18', doe).flag).toContain('Needs preference');
    // Ben's "Discharge" reached the hub on the night of the 11th: his preference is no longer missing.
    expect(on('2026-12-11', ben).flag).not.toContain('Needs preference');
  });

  it('sends one digest a night to each CSR and admin, never two on one day', () => {
    const digests = hub.emu.mail.outbox.filter((m) => / reassignments .*: \d+ overdue, \d+ open$/.test(m.subject));
    const perDay = new Map<string, string[]>();
    for (const m of digests) {
      const day = new Date(Date.parse(m.at) - 5 * 3600000).toISOString().slice(0, 10);
      perDay.set(day, [...(perDay.get(day) ?? []), m.to]);
    }
    expect([...perDay.keys()]).toEqual(days('2026-11-17', '2026-12-26'));
    for (const [day, to] of perDay) expect([day, to.sort()]).toEqual([day, [hub.admin, hub.csr].sort()]);
    const dec5 = digests.find((m) => m.subject.includes('December 5, 2026'))!;
    expect(dec5.body).toContain(
      `Services terminated, still to close in TherapyNotes (1):\n  ${ana} · A.A. · client 50001: Close the case in TherapyNotes`,
    );
    const dec4 = digests.find((m) => m.subject.includes('December 4, 2026'))!;
    expect(dec4.body).toContain(
      `Marked Unresponsive tonight (next: terminate services in TherapyNotes) (1):\n  ${ana}`,
    );
    expect(dec4.body).toContain(`${ana} · A.A. · Terminate services in TherapyNotes (due 12/3/2026, 1 day overdue)`);
  });

  it('reminds Dana on business days from December 9 to her last day, with the count and her sheet, once a day', () => {
    const reminders = hub.emu.mail.outbox.filter((m) => m.to === DANA.Email && m.subject.startsWith('Reminder:'));
    const sentOn = reminders.map((m) => new Date(Date.parse(m.at) - 5 * 3600000).toISOString().slice(0, 10));
    expect(sentOn).toEqual([
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-14',
      '2026-12-15',
      '2026-12-16',
      '2026-12-17',
      '2026-12-18',
    ]);
    expect(reminders[0].subject).toBe('Reminder: client preferences needed by December 11, 2026 (2 to record)');
    expect(reminders[0].body).toContain('Preferences still blank or undecided on your transition sheet: 2 of 2.');
    expect(reminders[0].body).toContain(`https://docs.google.com/spreadsheets/d/${sheetId}/edit`);
    // Ben's "Discharge" of Thursday afternoon counts from Friday's run on.
    expect(reminders.map((m) => /\((\d+) to record\)$/.exec(m.subject)![1])).toEqual([
      '2',
      '2',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
    ]);
  });

  it('marks Dana Left after her last day and takes her off the transition sheet on the last day plus Therapist Access Days', () => {
    expect(hub.rows('Clinicians').find((c) => c.Name === DANA.Name)?.Status).toBe('Left');
    expect(editorsByDay.get('2026-12-24')).toContain(DANA.Email);
    expect(editorsByDay.get('2026-12-25')).not.toContain(DANA.Email);
    const removed = hub.rows('Log').filter((l) => l.Action === 'Therapist access removed');
    expect(removed).toHaveLength(1);
  });

  it('keeps the Dashboard current without adding charts night after night', () => {
    let charts = -1;
    hub.byHand((ss) => {
      charts = ss.getSheetByName('Dashboard')!.getCharts().length;
    });
    expect(charts).toBe(1);
    const dashboard = hub.emu.sheets.peek(hub.hubId, 'Dashboard').display;
    const row = dashboard.find((r) => r[0] === hub.departureId)!;
    const header = dashboard.find((r) => r[0] === 'Departure ID')!;
    const at = (h: string): string => row[header.indexOf(h)];
    expect([at('Cases'), at('Open'), at('Services terminated'), at('Referred out')]).toEqual(['4', '2', '1', '1']);
  });
});
