/**
 * The nightly run on the built add-on: the trigger (exactly one, at the
 * Nightly Hour), what one run writes (Next Action/Due/Flag only, Unresponsive
 * where the cadence ran out, the overdue colouring once), the digest (once a
 * day, refs and initials only), a step that fails, and a night the workbook
 * is busy.
 */
import type { RunResult } from '../../../dev/emulator/runner';
import { columnLetter } from '../../support/hub';
import { caseRow, contactHub, refusal, setSetting, shown, type ContactHub } from '../../support/contact';

interface Summary {
  date: string;
  source: string;
  skipped: string;
  complete: boolean;
  runStatus: string;
  failures: { step: string; message: string }[];
  openCases: number;
  overdue: number;
  markedUnresponsive: string[];
  dashboardRefreshed: boolean;
  remindersSent: string[];
  digestTo: string[];
  digestAlreadySent: string[];
  digestSkipped: string;
}
interface TriggerState {
  on: boolean;
  hour: number | null;
  timeZone: string;
  triggers: number;
  message: string;
}

const nightly = (hub: ContactHub) => hub.emu.triggers.list().filter((t) => t.handler === 'runNightly');
const digests = (hub: ContactHub) =>
  hub.emu.mail.outbox.filter((m) => /reassignments .*: \d+ overdue, \d+ open$/.test(m.subject));
/** 02:30 in New York on a November day (the nightly run starts at 02:00). */
const night = (day: string): string => `${day}T07:30:00.000Z`;

describe('turning the nightly run on and off', () => {
  let hub: ContactHub;
  beforeAll(() => {
    hub = contactHub();
  });

  it("leaves exactly one daily trigger at the Nightly Hour, in the spreadsheet's time zone, however often it is turned on", () => {
    for (let i = 0; i < 3; i++) {
      const s = hub.call<TriggerState>('installNightlyTrigger');
      expect(s).toMatchObject({ on: true, hour: 2, timeZone: 'America/New_York', triggers: 1 });
    }
    const [t, ...more] = nightly(hub);
    expect(more).toHaveLength(0);
    expect(t).toMatchObject({
      source: 'CLOCK',
      owner: hub.admin,
      timeZone: 'America/New_York',
      schedule: { kind: 'days', every: 1, hour: 2 },
    });
    expect(new Date(t.nextRunMs as number).toISOString()).toBe('2026-11-17T07:00:00.000Z');
  });

  it('moves the trigger when the Nightly Hour changes', () => {
    setSetting(hub, 'Nightly Hour', 5);
    hub.call('installNightlyTrigger');
    expect(nightly(hub).map((t) => (t.schedule as { hour: number }).hour)).toEqual([5]);
  });

  it('refuses a Nightly Hour that is not an hour, leaving the trigger as it was', () => {
    setSetting(hub, 'Nightly Hour', '25');
    expect(refusal(() => hub.call('installNightlyTrigger'))).toMatch(
      /Settings ▸ Nightly Hour is "25": it must be a whole hour from 0 to 23/,
    );
    expect(nightly(hub).map((t) => (t.schedule as { hour: number }).hour)).toEqual([5]);
    setSetting(hub, 'Nightly Hour', 2);
  });

  it('is for admins only', () => {
    expect(refusal(() => hub.callAs(hub.csr, 'installNightlyTrigger'))).toMatch(/needs a transition manager/);
    expect(refusal(() => hub.callAs(hub.csr, 'removeNightlyTrigger'))).toMatch(/needs a transition manager/);
  });

  it('turns off completely, and says so when it was already off', () => {
    expect(hub.call<TriggerState>('removeNightlyTrigger')).toMatchObject({
      on: false,
      triggers: 0,
      message: 'The nightly run is off.',
    });
    expect(nightly(hub)).toHaveLength(0);
    expect(hub.call<TriggerState>('removeNightlyTrigger').message).toBe('The nightly run was already off.');
    expect(
      hub
        .rows('Log')
        .filter((l) => String(l.Action).startsWith('Nightly run o'))
        .map((l) => l.Action),
    ).toEqual(['Nightly run on', 'Nightly run on', 'Nightly run on', 'Nightly run on', 'Nightly run off']);
  });

  it('can be turned on and off from the Handoff menu', () => {
    hub.runner.open({ user: hub.admin });
    expect(hub.runner.clickMenu('Handoff', 'Turn nightly run on').ok).toBe(true);
    expect(nightly(hub)).toHaveLength(1);
    expect(hub.runner.clickMenu('Handoff', 'Turn nightly run off').ok).toBe(true);
    expect(nightly(hub)).toHaveLength(0);
  });
});

describe('one night', () => {
  let hub: ContactHub;
  let runs: RunResult[];
  let before: Record<string, unknown>[];
  beforeAll(() => {
    hub = contactHub();
    hub.call('installNightlyTrigger');
    before = hub.rows('Reassignments');
    runs = hub.runner.advanceClock(night('2026-11-17'), { fireTriggers: true });
  });

  it('runs once, as the admin who turned it on, and returns a summary', () => {
    expect(runs).toHaveLength(1);
    expect(runs[0].ok).toBe(true);
    expect(runs[0].result).toMatchObject({
      date: '2026-11-17',
      source: 'trigger',
      complete: true,
      runStatus: 'Complete',
      openCases: 4,
      overdue: 2,
    });
  });

  it("writes each case's Next Action, Due and Flag from the cadence, and no other column", () => {
    const after = hub.rows('Reassignments');
    const own = new Set(['Next Action', 'Due', 'Flag']);
    after.forEach((row, i) => {
      for (const [header, value] of Object.entries(row))
        if (!own.has(header)) expect([row.Ref, header, value]).toEqual([row.Ref, header, before[i][header]]);
    });
    const { refs } = hub;
    // Ana can be emailed: her notice is the first step, due the day the case opened (Monday).
    expect(caseRow(hub, refs['50001'])).toMatchObject({
      'Next Action': 'Send departure notice',
      Flag: 'Overdue 1 day',
    });
    expect(shown(hub, refs['50001'], 'Due')).toBe('11/16/2026');
    // Ben may not be emailed: calls start from the day the case opened, two business days later.
    expect(caseRow(hub, refs['50002'])).toMatchObject({ 'Next Action': 'Call 1', Flag: 'Phone only' });
    expect(shown(hub, refs['50002'], 'Due')).toBe('11/18/2026');
    // An address that is not one is the same as none.
    expect(caseRow(hub, refs['50004'])).toMatchObject({ 'Next Action': 'Call 1', Flag: 'Phone only' });
  });

  it('colours overdue rows with one conditional format rule on the Flag column, set once', () => {
    const rules = () => {
      let out: { formula: unknown; background: string | null; a1: string[] }[] = [];
      hub.byHand((ss) => {
        out = ss
          .getSheetByName('Reassignments')!
          .getConditionalFormatRules()
          .map((r) => ({
            formula: r.getBooleanCondition()?.getCriteriaValues()[0],
            background: r.getBooleanCondition()?.getBackground() ?? null,
            a1: r.getRanges().map((x) => x.getA1Notation()),
          }));
      });
      return out;
    };
    const flag = columnLetter(hub.headers('Reassignments').indexOf('Flag') + 1);
    const first = rules().filter((r) => String(r.formula).includes('Overdue'));
    expect(first).toHaveLength(1);
    expect(first[0].formula).toBe(`=LEFT($${flag}2,7)="Overdue"`);
    expect(first[0].background).toBe('#fce8e6');
    expect(first[0].a1[0]).toMatch(/^A2:/);
    hub.call('runNightly');
    expect(rules().filter((r) => String(r.formula).includes('Overdue'))).toEqual(first);
  });

  it('sends one digest to each CSR and admin, naming cases by ref and initials only, with a link to the tracker', () => {
    const sent = digests(hub);
    expect(sent.map((m) => m.to).sort()).toEqual([hub.admin, hub.csr].sort());
    const body = sent[0].body;
    expect(sent[0].subject).toBe('Lakeside Wellness reassignments November 17, 2026: 2 overdue, 4 open');
    expect(body).toContain(
      `Overdue (2):\n  ${hub.refs['50001']} · A.A. · Send departure notice (due 11/16/2026, 1 day overdue)\n  ${hub.refs['50003']} · C.C. · Send departure notice (due 11/16/2026, 1 day overdue)`,
    );
    expect(body).toContain('Nightly run: Complete');
    expect(body).toContain(`${hub.departureId}: 4 clients`);
    let gid = 0;
    hub.byHand((ss) => {
      gid = ss.getSheetByName('Reassignments')!.getSheetId();
    });
    expect(body).toContain(`https://docs.google.com/spreadsheets/d/${hub.hubId}/edit#gid=${gid}`);
    for (const name of ['Alvarez', 'Brooks', 'Castro', 'HYPERLINK', 'Ana ', 'c50001@'])
      expect(body).not.toContain(name);
  });

  it('sends no second digest on the same day', () => {
    const count = digests(hub).length;
    const s = hub.call<Summary>('runNightly');
    expect(s.digestTo).toEqual([]);
    expect(s.digestAlreadySent.sort()).toEqual([hub.admin, hub.csr].sort());
    expect(digests(hub)).toHaveLength(count);
    expect(
      hub
        .rows('Log')
        .filter((l) => l.Action === 'Nightly run')
        .pop()?.Details,
    ).toMatch(/digest already sent today/);
  });

  it('writes one summary row to Log per run', () => {
    const rows = hub.rows('Log').filter((l) => l.Action === 'Nightly run');
    expect(rows).toHaveLength(3);
    expect(rows[0].Details).toBe(
      'Nightly: 4 open cases, 2 overdue; 0 therapist sheets synced; no therapist reminder; digest to 2 people; complete.',
    );
    expect(rows[0].User).toBe(hub.admin);
  });

  it('is refused to a CSR run by hand, writing nothing', () => {
    const snapshot = hub.snapshot();
    expect(refusal(() => hub.callAs(hub.csr, 'runNightly'))).toMatch(/"Nightly check" needs a transition manager/);
    expect(hub.snapshot()).toBe(snapshot);
  });
});

describe('when the cadence runs out', () => {
  it('marks the case Unresponsive with next action "Terminate services in TherapyNotes", and says so in the digest', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    const cleo = hub.refs['50003'];
    for (const [ref, outcome] of [
      [ana, 'no-answer'],
      [ana, 'voicemail'],
      [cleo, 'no-answer'],
    ] as const) {
      hub.callAs(hub.csr, 'logContact', ref, { channel: 'call', outcome });
    }
    hub.callAs(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
    hub.callAs(hub.csr, 'logContact', ana, { channel: 'text', outcome: 'sent' });
    // Five business days after Monday's follow-up is the next Monday: Tuesday's run finds the reply window passed.
    hub.runner.advanceClock(night('2026-11-24'));
    const s = hub.call<Summary>('runNightly');
    expect(s.markedUnresponsive).toEqual([ana]);
    // Nothing has happened on the case for eight days, too: it is stale as well.
    expect(caseRow(hub, ana)).toMatchObject({
      Status: 'Unresponsive',
      'Next Action': 'Terminate services in TherapyNotes',
      Flag: 'Overdue 1 day; Stale 8 days',
    });
    expect(shown(hub, ana, 'Due')).toBe('11/23/2026');
    expect(caseRow(hub, cleo).Status).toBe('Contacting');
    const body = digests(hub).pop()!.body;
    expect(body).toContain(`Marked Unresponsive tonight (next: terminate services in TherapyNotes) (1):\n  ${ana}`);
    // The next night it stays Unresponsive, and is no longer "newly" marked.
    hub.runner.advanceClock(night('2026-11-25'));
    expect(hub.call<Summary>('runNightly').markedUnresponsive).toEqual([]);
    expect(caseRow(hub, ana)).toMatchObject({ Status: 'Unresponsive', Flag: 'Overdue 2 days; Stale 9 days' });
  });

  it('keeps reasons other workflows put in Flag while it rewrites its own', () => {
    const hub = contactHub();
    const doe = hub.refs['50004'];
    hub.call('sendDepartureNotices', hub.departureId, {});
    const flagged = String(caseRow(hub, doe).Flag);
    expect(flagged).toMatch(/Bad email address "not-an-address"/);
    hub.call('runNightly');
    expect(caseRow(hub, doe).Flag).toBe(`Phone only; ${flagged}`);
    hub.call('runNightly');
    expect(caseRow(hub, doe).Flag).toBe(`Phone only; ${flagged}`);
  });
});

describe('the digest lists what the admin still has to do', () => {
  it('names terminated cases still to close in TherapyNotes (by Client ID), until they are marked done', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    hub.call('closeCase', ana, { status: 'Services terminated' });
    hub.runner.advanceClock(night('2026-11-17'));
    hub.call('runNightly');
    expect(digests(hub).pop()!.body).toContain(
      `Services terminated, still to close in TherapyNotes (1):\n  ${ana} · A.A. · client 50001: Close the case in TherapyNotes`,
    );
    hub.call('markClosedInTherapyNotes', ana);
    hub.runner.advanceClock(night('2026-11-18'));
    hub.call('runNightly');
    expect(digests(hub).pop()!.body).not.toContain('still to close in TherapyNotes');
  });

  it('names emails left unconfirmed by an interrupted run', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    hub.emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'kill-after' });
    hub.runner.run('logContact', [ana, { channel: 'email', outcome: 'sent' }], { user: hub.csr });
    hub.call('runNightly');
    expect(digests(hub).pop()!.body).toContain(
      `Emails left unconfirmed: check the Sent mail, then settle them (1):\n  ${ana} · CONTACT_FOLLOWUP`,
    );
  });
});

describe('a step that fails', () => {
  it('is logged, the other steps still run, and the digest says the run was incomplete', () => {
    const hub = contactHub();
    hub.emu.kernel.injectFault({
      method: 'Sheet.getCharts',
      nth: 1,
      kind: 'throw',
      message: 'Service Spreadsheets timed out',
    });
    const s = hub.call<Summary>('runNightly');
    expect(s.complete).toBe(false);
    expect(s.dashboardRefreshed).toBe(false);
    expect(s.failures).toEqual([{ step: 'Refresh dashboard', message: 'Service Spreadsheets timed out' }]);
    expect(caseRow(hub, hub.refs['50002'])['Next Action']).toBe('Call 1');
    const body = digests(hub).pop()!.body;
    expect(body).toContain(
      'Nightly run: INCOMPLETE: Refresh dashboard failed (Service Spreadsheets timed out). See the Log tab.',
    );
    const log = hub.rows('Log');
    expect(log.find((l) => l.Action === 'Nightly step failed')?.Details).toBe(
      'Refresh dashboard: Service Spreadsheets timed out',
    );
    expect(log.filter((l) => l.Action === 'Nightly run').pop()?.Details).toMatch(/INCOMPLETE\.$/);
  });
});

describe('a night the workbook is busy', () => {
  it('writes nothing to the workbook, retries later, and the retry says in Log that the night was skipped', () => {
    const hub = contactHub();
    hub.call('installNightlyTrigger');
    hub.emu.locks.holdElsewhere('document', { subject: hub.hubId });
    const snapshot = hub.snapshot();
    const [skipped] = hub.runner.advanceClock('2026-11-17T07:05:00.000Z', { fireTriggers: true });
    expect(skipped.ok).toBe(true);
    expect((skipped.result as Summary).skipped).toMatch(
      /did not run: another change to the workbook was in progress\. It was tried again 15 minutes later\./,
    );
    expect(hub.snapshot()).toBe(snapshot);
    expect(digests(hub)).toHaveLength(0);
    expect(
      hub.emu.triggers
        .list()
        .map((t) => t.handler)
        .sort(),
    ).toEqual(['runNightly', 'runNightlyRetry']);

    hub.emu.locks.release('document', hub.hubId);
    const [retry] = hub.runner.advanceClock('2026-11-17T07:30:00.000Z', { fireTriggers: true });
    expect(retry.fn).toBe('runNightlyRetry');
    expect(retry.result as Summary).toMatchObject({ source: 'retry', complete: true });
    const log = hub.rows('Log').slice(-2);
    expect(log.map((l) => l.Action)).toEqual(['Nightly run skipped', 'Nightly run']);
    expect(log[0].Details).toMatch(/^The nightly run at 2026-11-17T07:0\d:\d\d\.\d{3}Z did not run/);
    expect(digests(hub)).toHaveLength(2);
    expect(hub.emu.triggers.list().map((t) => t.handler)).toEqual(['runNightly']);
  });

  it('refuses a run by hand while the workbook is busy, writing nothing', () => {
    const hub = contactHub();
    hub.emu.locks.holdElsewhere('document', { subject: hub.hubId });
    const snapshot = hub.snapshot();
    expect(refusal(() => hub.call('runNightly'))).toMatch(
      /Another change to the workbook is in progress, so "Nightly check" did not start/,
    );
    expect(hub.snapshot()).toBe(snapshot);
  });
});
