/**
 * closeCase and markClosedInTherapyNotes on the built add-on: Services
 * terminated (admin) emails the client the termination notice with the
 * referral resources and leaves a reminder to close the case in
 * TherapyNotes; Referred out and Discharged (admin or CSR) send nothing; a
 * closed case is never closed again.
 */
import { caseRow, contactHub, REFERRALS, refusal, setSetting, shown, type ContactHub } from '../../support/contact';

interface Closed {
  ref: string;
  status: string;
  emailed: boolean;
  callClient: boolean;
  dryRun: boolean;
  reminders: string[];
  departuresCompleted: string[];
  message: string;
}

const mailTo = (hub: ContactHub, to: string) => hub.emu.mail.outbox.filter((m) => m.to === to);

describe('Services terminated', () => {
  let hub: ContactHub;
  let ana: string;
  let result: Closed;
  beforeAll(() => {
    hub = contactHub();
    ana = hub.refs['50001'];
    result = hub.call<Closed>('closeCase', ana, {
      status: 'Services terminated',
      note: 'No reply after every attempt',
    });
  });

  it("emails the client the termination notice with the practice's referral resources", () => {
    expect(result).toMatchObject({
      ref: ana,
      status: 'Services terminated',
      emailed: true,
      callClient: false,
      dryRun: false,
    });
    const mails = mailTo(hub, 'c50001@mail.example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your services at Lakeside Wellness');
    expect(mails[0].body).toContain(REFERRALS);
    expect(mails[0].body).toContain('Dear Ana,');
  });

  it('closes the case and reminds the admin, in the result and on the case, to close it in TherapyNotes', () => {
    expect(result.reminders).toEqual(['Close client 50001 in TherapyNotes, then mark it done in the Case panel.']);
    expect(result.message).toMatch(/closed as Services terminated\. Close client 50001 in TherapyNotes/);
    const row = caseRow(hub, ana);
    expect(row).toMatchObject({
      Status: 'Services terminated',
      'Next Action': 'Close the case in TherapyNotes',
      'Updated By': hub.admin,
    });
    expect(shown(hub, ana, 'Due')).toBe('11/16/2026');
  });

  it("writes an Interaction Notes row with the admin's note and a Log row without it", () => {
    const notes = hub.rows('Interaction Notes').filter((n) => n.Ref === ana);
    expect(notes.map((n) => [n.Channel, n.Note])).toEqual([
      [
        'Close',
        'Closed as Services terminated; termination notice with referral resources emailed. No reply after every attempt',
      ],
    ]);
    const log = hub.rows('Log').filter((l) => l.Ref === ana && l.Action === 'Close case');
    expect(log.map((l) => l.Details)).toEqual([
      'Closed as Services terminated; termination notice with referral resources emailed; Status New → Services terminated.',
    ]);
  });

  it('refuses to close it again, and sends nothing', () => {
    const before = hub.snapshot();
    const sent = hub.emu.mail.outbox.length;
    expect(refusal(() => hub.call('closeCase', ana, { status: 'Services terminated' }))).toBe(
      `${ana} is already closed (Services terminated), so it cannot be closed again. Nothing was sent or changed.`,
    );
    expect(refusal(() => hub.call('closeCase', ana, { status: 'Discharged' }))).toMatch(/already closed/);
    expect(hub.emu.mail.outbox.length).toBe(sent);
    expect(hub.snapshot()).toBe(before);
  });

  it('clears the reminder once the admin marks it closed in TherapyNotes, and only once', () => {
    expect(refusal(() => hub.callAs(hub.csr, 'markClosedInTherapyNotes', ana))).toMatch(/needs a transition manager/);
    const done = hub.call<{ message: string }>('markClosedInTherapyNotes', ana);
    expect(done.message).toBe(`${ana}: Case closed in TherapyNotes.`);
    expect(caseRow(hub, ana)).toMatchObject({ Status: 'Services terminated', 'Next Action': '', Due: '' });
    expect(refusal(() => hub.call('markClosedInTherapyNotes', ana))).toMatch(
      /has nothing left to close in TherapyNotes/,
    );
  });
});

describe('who may close how', () => {
  it('refuses a CSR Services terminated, writing and sending nothing', () => {
    const hub = contactHub();
    const before = hub.snapshot();
    expect(
      refusal(() => hub.callAs(hub.csr, 'closeCase', hub.refs['50001'], { status: 'Services terminated' })),
    ).toMatch(/"Close a case as Services terminated" needs a transition manager/);
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it.each(['Referred out', 'Discharged'])('lets a CSR close a case as %s, without any email', (status) => {
    const hub = contactHub();
    const ref = hub.refs['50001'];
    const r = hub.callAs<Closed>(hub.csr, 'closeCase', ref, { status: status.toLowerCase() });
    expect(r).toMatchObject({ status, emailed: false, callClient: false, reminders: [] });
    expect(caseRow(hub, ref)).toMatchObject({ Status: status, 'Next Action': '', Due: '', 'Updated By': hub.csr });
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it.each([
    ['Reassigned', /is not closed as Reassigned here: use Complete reassignment/],
    [
      'Contacting',
      /"Contacting" is not a status that closes a case: use "Services terminated", "Referred out", "Discharged"/,
    ],
    ['', /"" is not a status that closes a case/],
  ])('refuses the status "%s" with a message saying what to do', (status, message) => {
    const hub = contactHub();
    const before = hub.snapshot();
    expect(refusal(() => hub.call('closeCase', hub.refs['50001'], { status }))).toMatch(message);
    expect(hub.snapshot()).toBe(before);
  });
});

describe('a client who cannot be emailed', () => {
  it('is still closed, and the result and the case say to call them with the referral resources', () => {
    const hub = contactHub();
    const ben = hub.refs['50002'];
    const r = hub.call<Closed>('closeCase', ben, { status: 'Services terminated' });
    expect(r).toMatchObject({ emailed: false, callClient: true });
    expect(r.reminders[0]).toBe(
      'Call the client (50002) and give them the referral resources: the termination notice was not emailed (Email OK is FALSE).',
    );
    const row = caseRow(hub, ben);
    expect(row.Status).toBe('Services terminated');
    expect(row['Next Action']).toBe('Call the client with the referral resources, then close the case in TherapyNotes');
    expect(row.Flag).toContain('Termination notice not emailed: call the client with the referral resources');
    expect(hub.emu.mail.outbox).toHaveLength(0);
    hub.call('markClosedInTherapyNotes', ben, 'Called, gave the clinic number');
    expect(String(caseRow(hub, ben).Flag)).not.toContain('Termination notice not emailed');
    expect(
      hub
        .rows('Interaction Notes')
        .filter((n) => n.Ref === ben)
        .pop()?.Note,
    ).toBe('Client called with the referral resources; case closed in TherapyNotes. Called, gave the clinic number');
  });
});

describe('refusals that protect the client', () => {
  it('refuses Services terminated while Referral Resources is empty: no client is closed without options', () => {
    const hub = contactHub();
    setSetting(hub, 'Referral Resources', '');
    const before = hub.snapshot();
    expect(refusal(() => hub.call('closeCase', hub.refs['50001'], { status: 'Services terminated' }))).toMatch(
      /Referral Resources is empty/,
    );
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('with Dry Run on, renders the notice but neither sends it nor closes the case', () => {
    const hub = contactHub();
    setSetting(hub, 'Dry Run', 'TRUE');
    const ref = hub.refs['50001'];
    const r = hub.call<Closed>('closeCase', ref, { status: 'Services terminated' });
    expect(r).toMatchObject({ dryRun: true, emailed: false });
    expect(caseRow(hub, ref).Status).toBe('New');
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });
});

describe('close-out', () => {
  it('completes the departure when its last open case is closed', () => {
    const hub = contactHub();
    const refs = Object.values(hub.refs);
    for (const ref of refs.slice(0, -1)) hub.callAs(hub.csr, 'closeCase', ref, { status: 'Discharged' });
    const departure = () => hub.rows('Departures').find((d) => d['Departure ID'] === hub.departureId);
    expect(departure()?.Status).toBe('Open');
    const last = hub.callAs<Closed>(hub.csr, 'closeCase', refs[refs.length - 1], { status: 'Referred out' });
    expect(last.departuresCompleted).toEqual([hub.departureId]);
    expect(departure()).toMatchObject({ Status: 'Complete', Open: 0 });
  });
});
