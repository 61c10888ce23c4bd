/**
 * logContact and addInteractionNote on the built add-on: each contact fills
 * its own column, moves the Status forward only, stamps Last Updated/Updated
 * By and the next action, and leaves one Interaction Notes row and one Log
 * row; a refused contact writes nothing and sends nothing.
 */
import { columnLetter } from '../../support/hub';
import { caseRow, contactHub, FRONT_DESK, refusal, setSetting, shown, type ContactHub } from '../../support/contact';

type Result = {
  ref: string;
  status: string;
  stamped: string | null;
  sent: boolean;
  dryRun: boolean;
  nextAction: string;
  due: string | null;
  message: string;
};

const notesOf = (hub: ContactHub, ref: string) => hub.rows('Interaction Notes').filter((n) => n.Ref === ref);
const logOf = (hub: ContactHub, ref: string) =>
  hub.rows('Log').filter((l) => l.Ref === ref && l.Action === 'Log contact');
const call = (hub: ContactHub, ref: string, outcome: string, note?: string, user = hub.csr): Result =>
  hub.callAs<Result>(user, 'logContact', ref, { channel: 'call', outcome, ...(note === undefined ? {} : { note }) });

describe('logging calls', () => {
  let hub: ContactHub;
  let ana: string;
  beforeAll(() => {
    hub = contactHub();
    ana = hub.refs['50001'];
  });

  it('fills Call 1 on the first call, moves New to Contacting, stamps who and when, and says what is next', () => {
    const r = call(hub, ana, 'no-answer', 'Rang at 9, no voicemail box');
    expect(r).toMatchObject({
      ref: ana,
      status: 'Contacting',
      stamped: 'Call 1',
      nextAction: 'Call 2',
      due: '2026-11-18',
    });
    expect(shown(hub, ana, 'Call 1')).toBe('11/16/2026');
    const row = caseRow(hub, ana);
    expect(row.Status).toBe('Contacting');
    expect(row['Updated By']).toBe(hub.csr);
    expect(shown(hub, ana, 'Last Updated')).toMatch(/^11\/16\/2026 \d{1,2}:\d\d (AM|PM)$/);
    expect(row['Next Action']).toBe('Call 2');
    expect(shown(hub, ana, 'Due')).toBe('11/18/2026');
    const notes = notesOf(hub, ana);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      'Client ID': '50001',
      Author: hub.csr,
      Channel: 'Call',
      Note: 'Call 1: no answer. Rang at 9, no voicemail box',
    });
    const log = logOf(hub, ana);
    expect(log).toHaveLength(1);
    expect(log[0].Details).toBe('Call 1: no answer; Status New → Contacting.');
    // The Log carries what happened, never the CSR's note.
    expect(String(log[0].Details)).not.toContain('Rang at 9');
  });

  it('fills Call 2 on the second call, then only notes a third call', () => {
    expect(call(hub, ana, 'voicemail').stamped).toBe('Call 2');
    expect(shown(hub, ana, 'Call 2')).toBe('11/16/2026');
    const third = call(hub, ana, 'no-answer');
    expect(third.stamped).toBeNull();
    expect(notesOf(hub, ana).map((n) => n.Note)).toEqual([
      'Call 1: no answer. Rang at 9, no voicemail box',
      'Call 2: left a voicemail.',
      'Another call (Call 1 and Call 2 already logged): no answer.',
    ]);
    expect(shown(hub, ana, 'Call 1')).toBe('11/16/2026');
    expect(caseRow(hub, ana).Status).toBe('Contacting');
  });

  it('stamps Reached and sets Status Reached when a call reaches the client', () => {
    const cleo = hub.refs['50003'];
    const r = call(hub, cleo, 'reached');
    expect(r).toMatchObject({ status: 'Reached', stamped: 'Call 1' });
    expect(shown(hub, cleo, 'Call 1')).toBe('11/16/2026');
    expect(shown(hub, cleo, 'Reached')).toBe('11/16/2026');
    expect(caseRow(hub, cleo)['Next Action']).toBe('Match and schedule with a new clinician');
  });

  it('never moves the Status backwards: a call that gets no answer leaves a Reached case Reached', () => {
    const cleo = hub.refs['50003'];
    const r = call(hub, cleo, 'no-answer');
    expect(r.status).toBe('Reached');
    expect(caseRow(hub, cleo).Status).toBe('Reached');
    expect(shown(hub, cleo, 'Call 2')).toBe('11/16/2026');
  });

  it('lifts an Unresponsive case to Reached when the client finally answers, but not on another unanswered call', () => {
    const ben = hub.refs['50002'];
    hub.runner.edit(
      'Reassignments',
      `${columnLetter(hub.headers('Reassignments').indexOf('Status') + 1)}${rowNumber(hub, ben)}`,
      'Unresponsive',
      { user: hub.admin },
    );
    expect(call(hub, ben, 'no-answer').status).toBe('Unresponsive');
    expect(call(hub, ben, 'reached').status).toBe('Reached');
  });

  it('marks a case reached when the client answers the follow-up by email or text, without filling a call column', () => {
    const hub2 = contactHub();
    const ref = hub2.refs['50001'];
    const r = hub2.callAs<Result>(hub2.csr, 'logContact', ref, {
      channel: 'email',
      outcome: 'reached',
      note: 'Replied: wants Ana Able',
    });
    expect(r).toMatchObject({ status: 'Reached', stamped: 'Reached' });
    expect(shown(hub2, ref, 'Call 1')).toBe('');
    expect(shown(hub2, ref, 'Reached')).toBe('11/16/2026');
    expect(notesOf(hub2, ref)[0].Note).toBe('The client replied by email: reached. Replied: wants Ana Able');
  });
});

function rowNumber(hub: ContactHub, ref: string): number {
  return hub.rows('Reassignments').findIndex((r) => r.Ref === ref) + 2;
}

describe('refusals write nothing', () => {
  let hub: ContactHub;
  beforeAll(() => {
    hub = contactHub();
  });

  const refusedCleanly = (fn: () => unknown): string => {
    const before = hub.snapshot();
    const sent = hub.emu.mail.outbox.length;
    const message = refusal(fn);
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox.length).toBe(sent);
    return message;
  };

  it.each([
    [
      'an unknown channel',
      { channel: 'fax', outcome: 'sent' },
      /"fax" is not a contact channel: use "call", "email" or "text"/,
    ],
    [
      'an outcome the channel does not have',
      { channel: 'call', outcome: 'sent' },
      /"sent" is not an outcome of a call: use "no-answer", "voicemail", "reached"/,
    ],
    ['no outcome', { channel: 'text' }, /"" is not an outcome of a text/],
    ['no input at all', null, /logContact needs \{channel, outcome, note\?\}/],
    ['a note that is not text', { channel: 'call', outcome: 'reached', note: 42 }, /The note must be text/],
  ])('refuses %s with a message naming it', (_what, input, message) => {
    expect(refusedCleanly(() => hub.callAs(hub.csr, 'logContact', hub.refs['50001'], input))).toMatch(message);
  });

  it('refuses a Ref that is not a case, naming it', () => {
    expect(refusedCleanly(() => call(hub, 'R-999999', 'no-answer'))).toMatch(
      /There is no case "R-999999" on the Reassignments tab/,
    );
  });

  it('refuses any contact on a closed case', () => {
    const ref = hub.refs['50003'];
    hub.callAs(hub.csr, 'closeCase', ref, { status: 'Discharged' });
    expect(refusedCleanly(() => call(hub, ref, 'reached'))).toMatch(new RegExp(`${ref} is closed \\(Discharged\\)`));
  });

  it('refuses someone who is neither a CSR nor an admin', () => {
    expect(refusedCleanly(() => call(hub, hub.refs['50001'], 'no-answer', undefined, 'stranger@example.com'))).toMatch(
      /needs a CSR or transition manager/,
    );
  });

  it('refuses to log a text to a client whose Text OK is FALSE', () => {
    const hub2 = contactHub();
    const cleo = hub2.refs['50003'];
    const before = hub2.snapshot();
    expect(refusal(() => hub2.callAs(hub2.csr, 'logContact', cleo, { channel: 'text', outcome: 'sent' }))).toMatch(
      /Text OK is FALSE for client 50003/,
    );
    expect(hub2.snapshot()).toBe(before);
  });
});

describe('the follow-up email', () => {
  it('sends CONTACT_FOLLOWUP to the client and stamps Follow-up Email only once it has gone', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    const r = hub.callAs<Result>(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
    expect(r).toMatchObject({ sent: true, stamped: 'Follow-up Email', status: 'Contacting' });
    const mails = hub.emu.mail.outbox.filter((m) => m.to === 'c50001@mail.example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Following up about your care at Lakeside Wellness');
    expect(mails[0].body).toContain('Dear Ana,');
    expect(mails[0].body).toContain(FRONT_DESK);
    expect(shown(hub, ana, 'Follow-up Email')).toBe('11/16/2026');
    expect(notesOf(hub, ana).map((n) => n.Channel)).toEqual(['Email']);
  });

  it('never sends the follow-up email twice', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    hub.callAs(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
    const before = hub.snapshot();
    expect(refusal(() => hub.callAs(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' }))).toMatch(
      /the follow-up email was already sent on 2026-11-16; it is never sent twice/,
    );
    expect(hub.emu.mail.outbox.filter((m) => m.to === 'c50001@mail.example.com')).toHaveLength(1);
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses, sending and writing nothing, when the client must not or cannot be emailed', () => {
    const hub = contactHub();
    const before = hub.snapshot();
    expect(
      refusal(() => hub.callAs(hub.csr, 'logContact', hub.refs['50002'], { channel: 'email', outcome: 'sent' })),
    ).toMatch(/Email OK is FALSE for client 50002, so they are never emailed/);
    expect(
      refusal(() => hub.callAs(hub.csr, 'logContact', hub.refs['50004'], { channel: 'email', outcome: 'sent' })),
    ).toMatch(/the Email of client 50004 on the Clients tab, "not-an-address", is not a valid address/);
    expect(hub.emu.mail.outbox).toHaveLength(0);
    expect(hub.snapshot()).toBe(before);
  });

  it('with Dry Run on, renders the email but sends and records nothing', () => {
    const hub = contactHub();
    setSetting(hub, 'Dry Run', 'TRUE');
    const ana = hub.refs['50001'];
    const r = hub.callAs<Result>(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
    expect(r).toMatchObject({ sent: false, dryRun: true, stamped: null });
    expect(r.message).toMatch(/Dry Run is on/);
    expect(hub.emu.mail.outbox).toHaveLength(0);
    expect(shown(hub, ana, 'Follow-up Email')).toBe('');
    expect(notesOf(hub, ana)).toHaveLength(0);
  });

  it('never emails a case twice after a kill right after the send: unconfirmed, settled, then recorded without a second email', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    hub.emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'kill-after' });
    const killed = hub.runner.run('logContact', [ana, { channel: 'email', outcome: 'sent' }], { user: hub.csr });
    expect(killed.ok).toBe(false);
    expect(hub.emu.mail.outbox).toHaveLength(1);
    // The run ended before it could stamp the case: the ledger holds 'sending', so the engine will not send again.
    expect(shown(hub, ana, 'Follow-up Email')).toBe('');
    expect(refusal(() => hub.callAs(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' }))).toMatch(
      /an earlier follow-up email is unconfirmed/,
    );
    hub.call('resolveUnconfirmed', ana, 'CONTACT_FOLLOWUP', { sent: true });
    const r = hub.callAs<Result>(hub.csr, 'logContact', ana, { channel: 'email', outcome: 'sent' });
    expect(r).toMatchObject({ sent: true, stamped: 'Follow-up Email' });
    expect(hub.emu.mail.outbox).toHaveLength(1);
    expect(shown(hub, ana, 'Follow-up Email')).toBe('11/16/2026');
    expect(notesOf(hub, ana)[0].Note).toMatch(/recorded from the email ledger; not sent again/);
  });
});

describe('the follow-up text', () => {
  it('stamps Follow-up Text once and notes every later text', () => {
    const hub = contactHub();
    const ana = hub.refs['50001'];
    expect(hub.callAs<Result>(hub.csr, 'logContact', ana, { channel: 'text', outcome: 'sent' }).stamped).toBe(
      'Follow-up Text',
    );
    expect(shown(hub, ana, 'Follow-up Text')).toBe('11/16/2026');
    expect(hub.callAs<Result>(hub.csr, 'logContact', ana, { channel: 'text', outcome: 'sent' }).stamped).toBeNull();
    expect(notesOf(hub, ana).map((n) => n.Note)).toEqual([
      'Follow-up text message sent from the practice phone.',
      'Another follow-up text message sent from the practice phone.',
    ]);
    // Texts are sent by a person from the practice phone: nothing is emailed.
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });
});

describe('interaction notes', () => {
  it('adds one note row and one Log row without the note text, keeping hostile text exactly text', () => {
    const hub = contactHub();
    const ref = hub.refs['50004'];
    const note = '=IMPORTRANGE("x","y") +1 555 0100 <b>bold</b>';
    hub.callAs(hub.csr, 'addInteractionNote', ref, note);
    const notes = notesOf(hub, ref);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ Channel: 'Note', Note: note, Author: hub.csr, 'Client ID': '50004' });
    const log = hub.rows('Log').filter((l) => l.Ref === ref && l.Action === 'Interaction note');
    expect(log).toHaveLength(1);
    expect(String(log[0].Details)).not.toContain('IMPORTRANGE');
    expect(caseRow(hub, ref)['Updated By']).toBe(hub.csr);
  });

  it('refuses an empty note', () => {
    const hub = contactHub();
    const before = hub.snapshot();
    expect(refusal(() => hub.callAs(hub.csr, 'addInteractionNote', hub.refs['50001'], '   '))).toMatch(
      /Write the note first/,
    );
    expect(hub.snapshot()).toBe(before);
  });
});
