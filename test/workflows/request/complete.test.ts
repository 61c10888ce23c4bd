/**
 * completeReassignment on the built bundle: what a completion writes and
 * sends, every refusal (nothing written, nothing sent), Medicaid and OMHC,
 * the previous clinician who left, departure cases, and "never twice" across
 * double calls and kills.
 */
import type { Hub } from '../../support/hub';
import { setSetting } from '../../support/hub';
import {
  CHECKED,
  complete,
  MANAGEMENT,
  only,
  openRequest,
  refusal,
  requestHub,
  sentTo,
  type CompleteResultLike,
} from '../../support/request';

const ANA = 'ana@clinic.example.com';
const GUS = 'gus@clinic.example.com';

const subjects = (hub: Hub): string[] => hub.emu.mail.outbox.map((m) => `${m.to} | ${m.subject}`);

describe('completing a client request', () => {
  let hub: Hub;
  let ref: string;
  let result: CompleteResultLike;

  beforeAll(() => {
    hub = requestHub();
    ref = openRequest(hub, '00901', 'Not a good fit', 'Would like a different approach.');
    result = complete(hub, ref, { newClinician: 'Ana Able', nextSession: '2026-12-02T14:30' });
  });

  it('assigns the new clinician on the Clients tab', () => {
    expect(only(hub, 'Clients', 'Client ID', '00901').Clinician).toBe('Ana Able');
  });

  it('records the new clinician, the next session, intake and OMHC, the checklist and Status Reassigned on the case', () => {
    const c = only(hub, 'Reassignments', 'Ref', ref, true);
    expect(c).toMatchObject({
      Status: 'Reassigned',
      'New Clinician': 'Ana Able',
      'Previous Clinician': 'Gus Current',
      'Next Session': '12/2/2026 2:30 PM',
      'Intake Required': 'TRUE',
      'OMHC Required': 'FALSE',
      'Contact Verified': 'TRUE',
      'Insurance Verified': 'TRUE',
      'Portal & Docs Complete': 'TRUE',
      'Updated By': hub.csr,
      'Next Action': '',
      Due: '',
    });
    expect(c['Clinicians Notified']).not.toBe('');
    expect(c['Removal Requested']).not.toBe('');
    expect(result).toMatchObject({
      intakeRequired: true,
      omhcRequired: false,
      cliniciansNotified: true,
      removalRequested: true,
      alreadyComplete: false,
    });
  });

  it('emails the new clinician, the previous clinician and management, once each', () => {
    expect(sentTo(hub)).toEqual({ [ANA]: 1, [GUS]: 1, [MANAGEMENT]: 1 });
    expect(subjects(hub)).toEqual([
      `${ANA} | New client assigned to you: 00901 (${ref})`,
      `${GUS} | Client 00901 reassigned to Ana Able (${ref})`,
      `${MANAGEMENT} | Please remove Gus Current from client 00901 (${ref})`,
    ]);
    expect(result.emails.map((e) => [e.key, e.outcome])).toEqual([
      ['CLINICIAN_NEW', 'sent'],
      ['CLINICIAN_PREVIOUS', 'sent'],
      ['MANAGEMENT_REMOVE', 'sent'],
    ]);
  });

  it('tells the new clinician the session is an intake, naming the client by ID and initials only', () => {
    const mail = hub.emu.mail.outbox.find((m) => m.to === ANA)!;
    expect(mail.body).toContain('Schedule as an intake: Yes');
    expect(mail.body).toContain('00901 (M.T.)');
    expect(mail.body).not.toContain('Tester');
  });

  it('writes one Interaction Notes row and the Log rows, with no clinical detail in the Log', () => {
    const notes = hub.rows('Interaction Notes').filter((n) => n.Ref === ref && n.Channel === 'Reassignment');
    expect(notes).toHaveLength(1);
    expect(String(notes[0].Note)).toContain('Reassigned from Gus Current to Ana Able');
    const log = hub
      .rows('Log')
      .filter((l) => l.Ref === ref)
      .map((l) => l.Action);
    expect(log).toEqual(['Reassignment requested', 'Complete reassignment', 'Reassignment emails']);
    expect(
      hub
        .rows('Log')
        .map((l) => String(l.Details))
        .join(' '),
    ).not.toContain('different approach');
  });

  it('sends nothing again and writes nothing more when called a second time', () => {
    const log = hub.rows('Log').length;
    const again = complete(hub, ref, { newClinician: 'Ana Able', nextSession: '2026-12-02T14:30' });
    expect(again.alreadyComplete).toBe(true);
    expect(again.emails.every((e) => e.outcome === 'already sent')).toBe(true);
    expect(hub.emu.mail.outbox).toHaveLength(3);
    expect(hub.rows('Log')).toHaveLength(log);
    expect(again.message).toContain('no email was sent again');
  });

  it('refuses completing it again to someone else', () => {
    const message = refusal(() => complete(hub, ref, { newClinician: 'Dee Plain' }));
    expect(message).toContain('already closed (Reassigned)');
    expect(hub.emu.mail.outbox).toHaveLength(3);
  });
});

describe('refusals: the reason is given, nothing is written and nothing is sent', () => {
  let hub: Hub;
  let ref: string;
  beforeAll(() => {
    hub = requestHub();
    ref = openRequest(hub, '00901');
  });

  it.each([
    [
      'contact details unconfirmed',
      { newClinician: 'Ana Able', contactVerified: false },
      /Contact Verified is not checked/,
    ],
    [
      'insurance unconfirmed',
      { newClinician: 'Ana Able', insuranceVerified: false },
      /Insurance Verified is not checked/,
    ],
    [
      'portal and documents incomplete',
      { newClinician: 'Ana Able', portalDocsComplete: false },
      /Portal & Docs Complete is not checked/,
    ],
    [
      'the new clinician is the current one',
      { newClinician: 'Gus Current' },
      /Gus Current is already the client's clinician/,
    ],
    [
      'a Departing clinician',
      { newClinician: 'Eve Departing', outsideListReason: 'asked for her' },
      /Eve Departing is not an Active clinician \(Status is Departing\)/,
    ],
    [
      'a clinician who Left',
      { newClinician: 'Hal Gone', outsideListReason: 'asked for him' },
      /Hal Gone is not an Active clinician \(Status is Left\)/,
    ],
    ['someone not on the Clinicians tab', { newClinician: 'Zed Nobody' }, /"Zed Nobody" is not on the Clinicians tab/],
    ['no clinician', { newClinician: '' }, /Choose the new clinician/],
    [
      'a next session that is not a date',
      { newClinician: 'Ana Able', nextSession: 'next Tuesday' },
      /"next Tuesday" is not a date/,
    ],
    ['no next session', { newClinician: 'Ana Able', nextSession: '' }, /Enter the date of the next session/],
    [
      'a next session already past (1/5/2026 typed in November)',
      { newClinician: 'Ana Able', nextSession: '2026-01-05' },
      /The next session 1\/5\/2026 is before today \(\d+\/\d+\/2026\): enter the date of the session still to come/,
    ],
    [
      'a clinician outside the list without a reason',
      { newClinician: 'Ben Busy' },
      /Ben Busy is not on the matching list for this client \(Not accepting new clients\): give the reason/,
    ],
  ])('%s', (_what, input, message) => {
    const before = hub.snapshot();
    const text = refusal(() => complete(hub, ref, input));
    expect(text).toMatch(message);
    expect(text).toMatch(new RegExp(`^${ref} was not completed: .*Nothing was changed and no email was sent\\.$`));
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('lists every problem at once', () => {
    const text = refusal(() =>
      complete(hub, ref, { newClinician: 'Gus Current', contactVerified: false, insuranceVerified: false }),
    );
    expect(text).toContain('Contact Verified');
    expect(text).toContain('Insurance Verified');
    expect(text).toContain("already the client's clinician");
  });

  it('refuses an unknown case by its Ref', () => {
    expect(refusal(() => complete(hub, 'R-999999', { newClinician: 'Ana Able' }))).toContain('no case "R-999999"');
  });

  it('refuses someone who is not a CSR or admin', () => {
    const before = hub.snapshot();
    expect(
      refusal(() =>
        hub.callAs(ANA, 'completeReassignment', ref, {
          newClinician: 'Ana Able',
          nextSession: '2026-12-01',
          ...CHECKED,
        }),
      ),
    ).toMatch(/needs a CSR/);
    expect(hub.snapshot()).toBe(before);
  });
});

describe('Management Email', () => {
  it('is required before anything is written, and the message names the setting', () => {
    const hub = requestHub({ noManagement: true });
    const ref = openRequest(hub, '00901');
    const before = hub.snapshot();
    const text = refusal(() => complete(hub, ref, { newClinician: 'Ana Able' }));
    expect(text).toContain('Management Email setting');
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('must be an email address', () => {
    const hub = requestHub();
    setSetting(hub, 'Management Email', 'the office');
    const ref = openRequest(hub, '00901');
    expect(refusal(() => complete(hub, ref, { newClinician: 'Ana Able' }))).toContain(
      'The Management Email setting "the office" is not an email address',
    );
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });
});

describe('Medicaid: "ensure the client has completed their OMHC assessment"', () => {
  it('refuses a Medicaid client without an OMHC assessment date, writing and sending nothing', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00902');
    const before = hub.snapshot();
    expect(refusal(() => complete(hub, ref, { newClinician: 'Ana Able' }))).toContain(
      'record the OMHC assessment date',
    );
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('completes with the OMHC date, stores it on the Clients tab and marks OMHC Required', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00902');
    const r = complete(hub, ref, { newClinician: 'Ana Able', omhcDate: '2026-11-20' });
    expect(r.omhcRequired).toBe(true);
    expect(only(hub, 'Clients', 'Client ID', '00902', true)['OMHC Assessment Date']).toBe('11/20/2026');
    expect(only(hub, 'Reassignments', 'Ref', ref, true)['OMHC Required']).toBe('TRUE');
  });

  it('accepts the OMHC date already on the Clients tab', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00909');
    const r = complete(hub, ref, { newClinician: 'Ana Able' });
    expect(r.omhcRequired).toBe(true);
    expect(only(hub, 'Reassignments', 'Ref', ref).Status).toBe('Reassigned');
  });

  it('refuses an OMHC assessment dated after today: it has not been completed yet', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00902');
    expect(refusal(() => complete(hub, ref, { newClinician: 'Ana Able', omhcDate: '2026-12-15' }))).toContain(
      'is after today',
    );
  });

  it('does not ask for an OMHC date for a client who is not on Medicaid', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    expect(complete(hub, ref, { newClinician: 'Dee Plain' }).omhcRequired).toBe(false);
  });
});

describe('the intake rule at completion', () => {
  it('records Intake Required FALSE when the last intake is exactly the lookback before the session', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    expect(complete(hub, ref, { newClinician: 'Dee Plain', nextSession: '2026-12-01' }).intakeRequired).toBe(false);
    expect(only(hub, 'Reassignments', 'Ref', ref, true)['Intake Required']).toBe('FALSE');
    expect(hub.emu.mail.outbox.find((m) => m.to === 'dee@clinic.example.com')!.body).toContain(
      'Schedule as an intake: No',
    );
  });
});

describe('a clinician outside the matching list', () => {
  it('may be chosen with a stated reason, recorded in the Interaction Notes and the Log', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    complete(hub, ref, {
      newClinician: 'ben@clinic.example.com',
      outsideListReason: 'Client saw Ben before and asked for him.',
    });
    expect(only(hub, 'Clients', 'Client ID', '00901').Clinician).toBe('Ben Busy');
    const note = hub.rows('Interaction Notes').find((n) => n.Ref === ref && n.Channel === 'Reassignment')!;
    expect(String(note.Note)).toContain('Chosen outside the matching list: Client saw Ben before and asked for him.');
    const log = hub.rows('Log').find((l) => l.Ref === ref && l.Action === 'Complete reassignment')!;
    expect(String(log.Details)).toContain('asked for him');
  });
});

describe('the previous clinician', () => {
  it('is skipped with a note when they Left and have no email; the others are emailed and Clinicians Notified is stamped', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00903');
    const r = complete(hub, ref, { newClinician: 'Ana Able' });
    expect(sentTo(hub)).toEqual({ [ANA]: 1, [MANAGEMENT]: 1 });
    expect(r.emails.find((e) => e.key === 'CLINICIAN_PREVIOUS')).toMatchObject({ outcome: 'not needed' });
    expect(r.cliniciansNotified).toBe(true);
    const note = hub.rows('Interaction Notes').find((n) => n.Ref === ref && n.Channel === 'Reassignment')!;
    expect(String(note.Note)).toContain('Finn Left has left the practice and has no email');
  });

  it('is not needed for a client who had no clinician: only the new clinician is emailed, and no removal is requested', () => {
    const hub = requestHub();
    hub.seed('Clients', [
      {
        'Client ID': '00960',
        'First Name': 'Rae',
        'Last Name': 'Newcomer',
        Clinician: '',
        Status: 'Active',
        Insurance: 'Aetna',
        Medicaid: false,
        'Last Intake Date': '2026-09-01',
      },
    ]);
    const ref = openRequest(hub, '00960');
    const r = complete(hub, ref, { newClinician: 'Ana Able' });
    expect(sentTo(hub)).toEqual({ [ANA]: 1 });
    expect(hub.emu.mail.outbox[0].body).toContain('reassigned to you from no previous clinician');
    expect(r).toMatchObject({ cliniciansNotified: true, removalRequested: false });
    expect(r.emails.filter((e) => e.outcome === 'not needed').map((e) => e.key)).toEqual([
      'CLINICIAN_PREVIOUS',
      'MANAGEMENT_REMOVE',
    ]);
  });

  it('is still emailed when they Left but an email is on file', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00906');
    complete(hub, ref, { newClinician: 'Ana Able' });
    expect(sentTo(hub)['hal@clinic.example.com']).toBe(1);
  });
});

describe('departure cases', () => {
  it('completes a departure case and, with its last case, the departure', () => {
    const hub = requestHub();
    const started = hub.call<{ departureId: string; added: number }>('startDeparture', {
      clinician: 'Ana Able',
      noticeDate: '2026-11-26',
      lastDay: '2026-12-18',
    });
    expect(started.added).toBe(2);
    const refs = hub
      .rows('Reassignments')
      .filter((c) => c['Departure ID'] === started.departureId)
      .map((c) => String(c.Ref));
    const first = complete(hub, refs[0], { newClinician: 'Dee Plain' });
    expect(first.departuresCompleted).toEqual([]);
    const second = complete(hub, refs[1], { newClinician: 'Dee Plain' });
    expect(second.departuresCompleted).toEqual([started.departureId]);
    expect(only(hub, 'Departures', 'Departure ID', started.departureId)).toMatchObject({ Status: 'Complete', Open: 0 });
    expect(hub.rows('Clients').filter((c) => c.Clinician === 'Ana Able')).toEqual([]);
    expect(sentTo(hub)[ANA]).toBe(2);
    expect(only(hub, 'Reassignments', 'Ref', refs[0])['Previous Clinician']).toBe('Ana Able');
  });

  it('refuses a second request for a client whose departure case is open, naming it', () => {
    const hub = requestHub();
    hub.call('startDeparture', { clinician: 'Ana Able', noticeDate: '2026-11-26', lastDay: '2026-12-18' });
    const open = only(hub, 'Reassignments', 'Client ID', '00907').Ref as string;
    expect(refusal(() => openRequest(hub, '00907'))).toContain(open);
  });
});

describe('drafts', () => {
  it('completing the case clears the draft of that request', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    hub.callAs(hub.csr, 'saveRequestDraft', { step: 5, clientId: '00901', ref });
    complete(hub, ref, { newClinician: 'Ana Able' });
    expect(hub.callAs(hub.csr, 'loadRequestDraft')).toBeNull();
  });
});

describe('never twice, even after a kill', () => {
  const faults = [
    { method: 'SpreadsheetApp.flush', nth: 1, kind: 'kill-before' },
    { method: 'SpreadsheetApp.flush', nth: 1, kind: 'kill-after' },
    { method: 'MailApp.sendEmail', nth: 1, kind: 'kill-before' },
    { method: 'MailApp.sendEmail', nth: 1, kind: 'kill-after' },
    { method: 'MailApp.sendEmail', nth: 2, kind: 'kill-after' },
    { method: 'MailApp.sendEmail', nth: 3, kind: 'kill-before' },
    { method: 'MailApp.sendEmail', nth: 3, kind: 'kill-after' },
    { method: 'SpreadsheetApp.flush', nth: 3, kind: 'kill-before' },
  ] as const;

  it.each(faults)(
    'a run killed at $kind call $nth of $method, then retried, emails no one twice and records the completion once',
    (fault) => {
      const hub = requestHub();
      const ref = openRequest(hub, '00901');
      hub.emu.kernel.injectFault({ ...fault });
      expect(() => complete(hub, ref, { newClinician: 'Ana Able' })).toThrow(/killed|Execution ended/);
      const retry = complete(hub, ref, { newClinician: 'Ana Able' });

      const counts = sentTo(hub);
      for (const n of Object.values(counts)) expect(n).toBeLessThanOrEqual(1);
      for (const e of retry.emails) {
        const delivered = counts[e.to] ?? 0;
        // An email whose send straddled the kill is unconfirmed (delivered at most once, never resent); every other one went exactly once.
        if (e.outcome === 'unconfirmed') expect(delivered).toBeLessThanOrEqual(1);
        else expect(delivered).toBe(1);
      }
      expect(retry.emails.filter((e) => e.outcome === 'unconfirmed').length).toBeLessThanOrEqual(1);
      expect(only(hub, 'Reassignments', 'Ref', ref).Status).toBe('Reassigned');
      expect(only(hub, 'Clients', 'Client ID', '00901').Clinician).toBe('Ana Able');
      expect(hub.rows('Log').filter((l) => l.Ref === ref && l.Action === 'Complete reassignment')).toHaveLength(1);
      expect(hub.rows('Interaction Notes').filter((n) => n.Ref === ref && n.Channel === 'Reassignment')).toHaveLength(
        1,
      );

      // A third call changes nothing.
      const outbox = hub.emu.mail.outbox.length;
      complete(hub, ref, { newClinician: 'Ana Able' });
      expect(hub.emu.mail.outbox).toHaveLength(outbox);
    },
  );

  it('a kill before the sheet writes are flushed leaves the case open and the client unassigned', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    hub.emu.kernel.injectFault({ method: 'SpreadsheetApp.flush', nth: 1, kind: 'kill-before' });
    expect(() => complete(hub, ref, { newClinician: 'Ana Able' })).toThrow();
    expect(only(hub, 'Reassignments', 'Ref', ref).Status).toBe('New');
    expect(only(hub, 'Clients', 'Client ID', '00901').Clinician).toBe('Gus Current');
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('an email interrupted before it went out is sent once after an admin settles it as not sent', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    hub.emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'kill-before' });
    expect(() => complete(hub, ref, { newClinician: 'Ana Able' })).toThrow();
    const retry = complete(hub, ref, { newClinician: 'Ana Able' });
    expect(retry.emails.find((e) => e.key === 'CLINICIAN_NEW')?.outcome).toBe('unconfirmed');
    expect(retry.cliniciansNotified).toBe(false);
    expect(sentTo(hub)[ANA]).toBeUndefined();

    hub.call('resolveUnconfirmed', ref, 'CLINICIAN_NEW', { sent: false });
    const settled = complete(hub, ref, { newClinician: 'Ana Able' });
    expect(settled.emails.find((e) => e.key === 'CLINICIAN_NEW')?.outcome).toBe('sent');
    expect(settled.cliniciansNotified).toBe(true);
    expect(sentTo(hub)).toEqual({ [ANA]: 1, [GUS]: 1, [MANAGEMENT]: 1 });
  });

  it('an email that went out just before the kill is stamped when an admin settles it as sent, and never resent', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    hub.emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'kill-after' });
    expect(() => complete(hub, ref, { newClinician: 'Ana Able' })).toThrow();
    complete(hub, ref, { newClinician: 'Ana Able' });
    expect(only(hub, 'Reassignments', 'Ref', ref)['Clinicians Notified']).toBe('');
    hub.call('resolveUnconfirmed', ref, 'CLINICIAN_NEW', { sent: true });
    expect(only(hub, 'Reassignments', 'Ref', ref)['Clinicians Notified']).not.toBe('');
    complete(hub, ref, { newClinician: 'Ana Able' });
    expect(sentTo(hub)).toEqual({ [ANA]: 1, [GUS]: 1, [MANAGEMENT]: 1 });
  });
});

describe('cost', () => {
  const dataCalls = (clients: number): { request: number; complete: number } => {
    const hub = requestHub({ clients, importClients: false });
    const opened = hub.runner.run('requestReassignment', [{ clientId: '00901', reason: 'Other' }], { user: hub.csr });
    expect(opened.ok).toBe(true);
    const ref = (opened.result as { ref: string }).ref;
    const done = hub.runner.run(
      'completeReassignment',
      [ref, { newClinician: 'Ana Able', nextSession: '2026-12-01', ...CHECKED }],
      { user: hub.csr },
    );
    expect(done.error).toBeUndefined();
    return { request: opened.counters.data, complete: done.counters.data };
  };

  it('makes the same number of data calls for 5,000 clients as for 100', () => {
    expect(dataCalls(5000)).toEqual(dataCalls(100));
  });
});
