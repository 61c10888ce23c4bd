/**
 * What the Case panel reads: getCaseView (the whole case as JSON) and
 * getSelectedCase (the Ref of the selected Reassignments row, read cheaply
 * enough to be asked every two seconds).
 */
import { contactHub, FRONT_DESK, HOSTILE_FIRST, type ContactHub } from '../../support/contact';

interface View {
  ref: string;
  clientId: string;
  clientName: string;
  status: string;
  closed: boolean;
  preference: string;
  contact: {
    onRoster: boolean;
    email: string;
    phone: string;
    emailOk: boolean;
    textOk: boolean;
    canEmail: boolean;
    canText: boolean;
  };
  attempts: { label: string; date: string | null }[];
  notes: { at: string; author: string; channel: string; note: string }[];
  noteCount: number;
  next: { action: string; due: string | null; overdueDays: number; flags: string[] };
  lastDay: string | null;
  lastUpdated: string | null;
  updatedBy: string;
  followupEmail: { state: string; blocked: string };
  textMessage: { text: string; problem: string };
  closeStatuses: string[];
  closeOut: string;
  isAdmin: boolean;
}

describe('getCaseView', () => {
  let hub: ContactHub;
  beforeAll(() => {
    hub = contactHub();
    hub.callAs(hub.csr, 'logContact', hub.refs['50001'], { channel: 'call', outcome: 'no-answer', note: 'first try' });
    hub.callAs(hub.csr, 'addInteractionNote', hub.refs['50002'], 'about Ben only');
    hub.callAs(hub.csr, 'logContact', hub.refs['50001'], { channel: 'call', outcome: 'voicemail' });
  });

  it("returns the client, contact details, every attempt, that case's notes and the next action, as plain JSON", () => {
    const v = hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50001']);
    expect(v).toMatchObject({
      ref: hub.refs['50001'],
      clientId: '50001',
      clientName: 'Ana Alvarez',
      status: 'Contacting',
      closed: false,
      preference: '',
      contact: {
        onRoster: true,
        email: 'c50001@mail.example.com',
        phone: '555-010-2000',
        emailOk: true,
        textOk: true,
        canEmail: true,
        canText: true,
      },
      lastDay: '2026-12-18',
      updatedBy: hub.csr,
      next: { action: 'Send follow-up email and text', due: '2026-11-17', overdueDays: 0, flags: [] },
      followupEmail: { state: 'not sent', blocked: '' },
    });
    expect(v.attempts).toEqual([
      { label: 'Notice Sent', date: null },
      { label: 'Call 1', date: '2026-11-16' },
      { label: 'Call 2', date: '2026-11-16' },
      { label: 'Follow-up Email', date: null },
      { label: 'Follow-up Text', date: null },
      { label: 'Reached', date: null },
    ]);
    expect(v.notes.map((n) => [n.channel, n.note])).toEqual([
      ['Call', 'Call 1: no answer. first try'],
      ['Call', 'Call 2: left a voicemail.'],
    ]);
    expect(v.noteCount).toBe(2);
    expect(v.notes[0].at).toMatch(/^2026-11-16T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(v.lastUpdated).toMatch(/^2026-11-16T/);
  });

  it('renders the follow-up text message for this client, ready to copy', () => {
    const v = hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50001']);
    expect(v.textMessage.problem).toBe('');
    expect(v.textMessage.text).toBe(
      `Hi Ana, this is Lakeside Wellness. We have been trying to reach you about continuing your care after Dana Departing's last day on December 18, 2026. Please call us at ${FRONT_DESK} or reply to our email so we can help. Thank you!`,
    );
  });

  it('says why a client may not be texted or emailed instead of offering to', () => {
    const ben = hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50002']);
    expect(ben.contact).toMatchObject({ emailOk: false, canEmail: false });
    expect(ben.followupEmail.blocked).toBe('Email OK is FALSE for this client: call or text instead.');
    const cleo = hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50003']);
    expect(cleo.textMessage).toEqual({ text: '', problem: 'Text OK is FALSE for this client: do not text them.' });
    const doe = hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50004']);
    expect(doe.followupEmail.blocked).toBe('The client has no valid email address on the Clients tab.');
    expect(doe.next.flags).toContain('Phone only');
  });

  it('carries a hostile client name as the same text, never as markup or a formula', () => {
    const doe = hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50004']);
    expect(doe.clientName).toBe(`${HOSTILE_FIRST} Doe`);
  });

  it('offers a CSR only the closes a CSR may make, and an admin all three', () => {
    expect(hub.callAs<View>(hub.csr, 'getCaseView', hub.refs['50001']).closeStatuses).toEqual([
      'Referred out',
      'Discharged',
    ]);
    expect(hub.callAs<View>(hub.admin, 'getCaseView', hub.refs['50001']).closeStatuses).toEqual([
      'Services terminated',
      'Referred out',
      'Discharged',
    ]);
  });

  it('names a Ref that is not a case', () => {
    expect(() => hub.callAs(hub.csr, 'getCaseView', 'R-424242')).toThrow(/There is no case "R-424242"/);
  });
});

describe('getSelectedCase', () => {
  let hub: ContactHub;
  beforeAll(() => {
    hub = contactHub();
  });

  const select = (tab: string, a1: string): void => hub.emu.sheets.setSelection(hub.hubId, tab, a1);
  const selected = () => hub.callAs<{ ref: string | null; hint: string }>(hub.csr, 'getSelectedCase');

  it('gives the Ref of the row selected on the Reassignments tab, whichever cell of the row is selected', () => {
    const rows = hub.rows('Reassignments');
    const i = rows.findIndex((r) => r.Ref === hub.refs['50003']);
    select('Reassignments', `F${i + 2}`);
    expect(selected()).toEqual({ ref: hub.refs['50003'], hint: '' });
    select('Reassignments', `AD${i + 2}`);
    expect(selected().ref).toBe(hub.refs['50003']);
  });

  it('gives no Ref, with a hint, for the header row or another tab', () => {
    select('Reassignments', 'C1');
    expect(selected()).toEqual({ ref: null, hint: "Select a case's row (below the header) on the Reassignments tab." });
    select('Clients', 'B3');
    expect(selected()).toEqual({ ref: null, hint: "Select a case's row on the Reassignments tab." });
  });

  it('reads only the header row and the selected row, never the whole tab', () => {
    select('Reassignments', 'B3');
    const r = hub.runner.run('getSelectedCase', [], { user: hub.csr });
    expect(r.ok).toBe(true);
    // Settings (the role check), the header row, the one cell of the Ref.
    expect(r.counters.byMethod['Range.getValues'] ?? 0).toBe(2);
    expect(r.counters.byMethod['Range.getValue'] ?? 0).toBe(1);
    expect(r.counters.byMethod['Range.getDisplayValues'] ?? 0).toBe(0);
    // The one whole-tab read is Settings (for the role check).
    expect(r.counters.byMethod['Sheet.getDataRange']).toBe(1);
  });
});
