/**
 * The notices view on the built bundle (getDepartureNotices): each case of a
 * departure with where its notice stands, as a mail-merge tool shows a row's
 * status; and sending in slices (maxEmails), as the sidebar does to show its
 * progress bar: every case once, a continuation left for a sidebar that went
 * away, none left when the batch is done; a dry run spends no quota.
 */
import { setSetting } from '../../support/hub';
import {
  DEPARTURE,
  caseRows,
  continuations,
  duplicates,
  noticeHub,
  plainClients,
  ref,
  setCell,
  type NoticeClient,
} from '../../support/email';

interface Row {
  ref: string;
  state: string;
  why: string;
  sentOn: string | null;
}
interface List {
  rows: Row[];
  counts: Record<string, number>;
  toSend: { cases: number; emails: number };
  quotaLeft: number;
}
interface Report {
  sent: number;
  emails: number;
  remaining: number;
  quotaLeft: number;
  stopped: string | null;
  continuing: boolean;
  message: string;
}

const CLIENTS: NoticeClient[] = [
  ...plainClients(3),
  { first: 'Noemail', email: '' },
  { first: 'Optedout', email: 'opted@mail.example.org', emailOk: false },
  { first: 'Sib1', email: 'family@mail.example.org' },
  { first: 'Sib2', email: 'family@mail.example.org' },
  { first: 'Broken', email: 'not an address' },
];

describe('getDepartureNotices: every case with its send state', () => {
  it('says to send, skipped and why, and households, before anything is sent', () => {
    const hub = noticeHub(CLIENTS);
    const list = hub.call<List>('getDepartureNotices', DEPARTURE);
    const by = new Map(list.rows.map((r) => [r.ref, r]));
    expect(by.get(ref(0))).toMatchObject({ state: 'to send', why: '' });
    expect(by.get(ref(3))).toMatchObject({ state: 'skipped', why: expect.stringMatching(/No email address/) });
    expect(by.get(ref(4))).toMatchObject({ state: 'skipped', why: 'Email OK is FALSE: call the client instead.' });
    expect(by.get(ref(5))).toMatchObject({ state: 'to send', why: `One email to the household, with ${ref(6)}.` });
    expect(by.get(ref(7))).toMatchObject({
      state: 'skipped',
      why: expect.stringMatching(/"not an address" is not valid/),
    });
    expect(list.counts).toEqual({ 'to send': 5, sent: 0, skipped: 3, flagged: 0, unconfirmed: 0 });
    expect(list.toSend).toEqual({ cases: 5, emails: 4 });
    expect(list.quotaLeft).toBe(100);
  });

  it('says sent (with the day), flagged and closed after a batch, naming the notice, not its template key', () => {
    const hub = noticeHub(CLIENTS);
    hub.call('sendDepartureNotices', DEPARTURE, {});
    setCell(hub.emu, hub.hubId, 'Reassignments', { header: 'Ref', value: ref(2) }, 'Status', 'Discharged', hub.admin);
    const list = hub.call<List>('getDepartureNotices', DEPARTURE);
    const by = new Map(list.rows.map((r) => [r.ref, r]));
    expect(by.get(ref(0))).toMatchObject({ state: 'sent', sentOn: '2026-11-26' });
    expect(by.get(ref(2))?.state).toBe('sent');
    expect(by.get(ref(7))).toMatchObject({ state: 'flagged' });
    expect(by.get(ref(7))?.why).not.toContain('DEPARTURE_NOTICE');
    expect(list.toSend).toEqual({ cases: 0, emails: 0 });
  });

  it('is for transition managers only', () => {
    const hub = noticeHub(CLIENTS);
    expect(() => hub.callAs(hub.csr, 'getDepartureNotices', DEPARTURE)).toThrow(/transition manager/);
  });
});

describe('sending in slices (maxEmails), as the sidebar does', () => {
  it('sends every case once across slices, leaves a continuation between them and none after', () => {
    const hub = noticeHub(plainClients(7));
    const first = hub.call<Report>('sendDepartureNotices', DEPARTURE, { maxEmails: 3 });
    expect(first).toMatchObject({ sent: 3, emails: 3, remaining: 4, stopped: 'slice', continuing: true });
    expect(first.message).toContain('4 left to send');
    // A sidebar that went away: the continuation finishes the batch later.
    expect(continuations(hub.emu)).toHaveLength(1);
    const second = hub.call<Report>('sendDepartureNotices', DEPARTURE, { maxEmails: 3 });
    expect(second).toMatchObject({ sent: 3, remaining: 1, stopped: 'slice' });
    const last = hub.call<Report>('sendDepartureNotices', DEPARTURE, { maxEmails: 3 });
    expect(last).toMatchObject({ sent: 1, remaining: 0, stopped: null });
    expect(hub.emu.mail.outbox).toHaveLength(7);
    expect(duplicates(hub.emu)).toEqual([]);
    expect(continuations(hub.emu)).toHaveLength(0);
    expect(caseRows(hub.emu, hub.hubId).every((r) => r['Notice Sent'] !== '')).toBe(true);
  });

  it.each([0, -1, 1.5, 501, '3'])('refuses maxEmails %p, sending nothing', (n) => {
    const hub = noticeHub(plainClients(2));
    expect(() => hub.call('sendDepartureNotices', DEPARTURE, { maxEmails: n })).toThrow(
      /maxEmails must be a whole number from 1 to 500\. Nothing was sent\./,
    );
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('a dry run reports the quota left now, not what would be left after it', () => {
    const hub = noticeHub(plainClients(4));
    setSetting(hub, 'Dry Run', false);
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, { dryRun: true });
    expect(r).toMatchObject({ sent: 4, emails: 4, quotaLeft: 100 });
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });
});
