/**
 * The practice's process document, start to finish, on the built bundle: one
 * hub, one virtual calendar, the people doing each step as they would (the
 * transition manager in the hub, the therapist typing in her own sheet, the
 * CSR working cases, the nightly trigger firing at 02:00). Each `describe` is
 * a section of the document and each `it` one of its steps, in order; later
 * steps build on what earlier ones did.
 *
 *   Mon Nov  2  set-up, Dana's notice (3 weeks, last day Mon Nov 23), Morgan's (1 week);
 *               Dana's sheet shared, her corrections and preferences, notices sent
 *   Wed Nov  4  CSR: first calls (most reached)       Fri Nov 6  second calls
 *   Mon Nov  9  CSR: follow-up email and text to the one client who never answers
 *   Tue Nov 10  reached clients reassigned, referred out or discharged
 *   Wed Nov 11  a holiday (Settings): not a business day
 *   Nov 12–18   the therapist's reminders before the Preference Deadline (Mon Nov 16)
 *   Wed Nov 18  the silent client is Unresponsive; services terminated
 *   Tue Nov 24  Dana is Left; Mon Nov 30 her access to the sheet ends
 *   Tue Dec  1  client-initiated reassignments
 */
import { REQUIRED_HEADERS } from '../../src/server/core/schema';
import { type Hub, newHub, setSetting } from '../support/hub';
import { thrown } from '../support/thrown';
import { DANA_EMAIL, fileAt, leaksOf, SHARED_PARENT, sheetRecords, therapistTypes } from '../support/departure';
import {
  caseOf,
  clientOf,
  daysAfter,
  ehrExport,
  emailable,
  FRONT_DESK,
  HOLIDAY,
  MANAGEMENT,
  MONDAY_NOV_2,
  PRACTICE,
  REFERRALS,
  REPLY_TO,
  RETURNING,
  type Rec,
  sentOn,
  shown,
  text,
  textable,
} from '../support/process';

const DANA = 'Dana Whitfield';
const MORGAN = 'Morgan Whitfield';
const D1 = 'D-0001';
const CHECKED = { contactVerified: true, insuranceVerified: true, portalDocsComplete: true };
/** Words only a clinician or client would say: they must never reach a staff email or the Log. */
const CLINICAL = ['panic attacks', 'grief work', 'custody hearing'];

interface Match {
  name: string;
}
interface Night {
  day: string;
  cases: Record<string, { status: string; action: string; due: string; flag: string }>;
  editors: string[];
  dana: string;
}

let hub: Hub;
let today = '2026-11-02';
const nights: Night[] = [];
let sheetId = '';
/** Every call a person made that went through (a refusal throws first), with the Ref it was about, for the Log check. */
const acted: { fn: string; ref: string }[] = [];

/** Dana's cases, in Ref order, and the parts they play. */
let danaCases: Rec[] = [];
let silent = ''; // never answers: Unresponsive, then Services terminated
let late = ''; // reached on the second call
let noEmail = ''; // Email OK FALSE: called, never emailed
const plan = new Map<string, { preference: string; recommended: string }>();

function act<T>(user: string, fn: string, ...args: unknown[]): T {
  const result = hub.callAs<T>(user, fn, ...args);
  const ref =
    typeof args[0] === 'string' && /^R-\d+$/.test(args[0]) ? args[0] : text((result as { ref?: unknown })?.ref);
  acted.push({ fn, ref });
  return result;
}
const admin = <T>(fn: string, ...args: unknown[]): T => act<T>(hub.admin, fn, ...args);
const csr = <T>(fn: string, ...args: unknown[]): T => act<T>(hub.csr, fn, ...args);

/** Night after night up to `day`: the trigger fires at 02:30, what the sheet shows is noted, then 10 am. */
function liveUntil(day: string): void {
  for (const d of daysAfter(today, day)) {
    for (const r of hub.runner.advanceClock(`${d}T07:30:00.000Z`, { fireTriggers: true })) {
      if (!r.ok) throw new Error(`the night of ${d}: ${r.fn} failed: ${r.error}`);
    }
    const cases: Night['cases'] = {};
    for (const c of hub.rows('Reassignments', { display: true })) {
      cases[text(c.Ref)] = {
        status: text(c.Status),
        action: text(c['Next Action']),
        due: text(c.Due),
        flag: text(c.Flag),
      };
    }
    const dana = text(hub.rows('Clinicians').find((c) => c.Name === DANA)?.Status);
    nights.push({ day: d, cases, editors: sheetId ? [...(hub.emu.sheets.get(sheetId)?.editors ?? [])] : [], dana });
    hub.runner.advanceClock(`${d}T15:00:00.000Z`);
  }
  today = day;
}
const night = (day: string): Night => {
  const n = nights.find((x) => x.day === day);
  if (!n) throw new Error(`no night ${day} recorded`);
  return n;
};

/** Dana typing into one cell of her transition sheet. */
function danaTypes(ref: string, header: string, value: string): { rejected?: string; warning?: string } {
  const row = sheetRecords(hub.emu, sheetId).find((r) => r.Ref === ref);
  if (!row) throw new Error(`${ref} is not on Dana's sheet`);
  return therapistTypes(hub.emu, sheetId, header, Number(row.row), value);
}

const client = (c: Rec): Rec => clientOf(hub, text(c['Client ID']));
const outbox = () => hub.emu.mail.outbox;

beforeAll(() => {
  hub = newHub({ clients: 40, clinicians: 8, seed: 7, messy: true, now: MONDAY_NOV_2, setUp: false });
});

describe('Set-up by the transition manager', () => {
  it('sets up the workbook and becomes its admin', () => {
    const report = hub.call<{ admin: string }>('setUpWorkbook');
    expect(report.admin).toBe(hub.admin);
    expect(hub.rows('Settings').find((s) => s.Setting === 'Admin Emails')?.Value).toBe(hub.admin);
    for (const [tab, headers] of Object.entries(REQUIRED_HEADERS)) {
      expect([tab, headers.filter((h) => !hub.headers(tab).includes(h))]).toEqual([tab, []]);
    }
  });

  it('fills in Settings: the practice, the CSRs, management, the front desk, referral resources and a holiday', () => {
    setSetting(hub, 'Practice Name', PRACTICE);
    setSetting(hub, 'CSR Emails', hub.csr);
    setSetting(hub, 'Management Email', MANAGEMENT);
    setSetting(hub, 'Reply-To', REPLY_TO);
    setSetting(hub, 'Front Desk Phone', FRONT_DESK);
    setSetting(hub, 'Referral Resources', REFERRALS);
    setSetting(hub, 'Holidays', HOLIDAY);
    const settings = hub.call<{ settings: { name: string; value: unknown }[] }>('getSettings');
    const value = (name: string) => text(settings.settings.find((s) => s.name === name)?.value);
    expect([
      value('Practice Name'),
      value('CSR Emails'),
      value('Management Email'),
      value('Reply-To'),
      value('Front Desk Phone'),
      value('Referral Resources'),
    ]).toEqual([PRACTICE, hub.csr, MANAGEMENT, REPLY_TO, FRONT_DESK, REFERRALS]);
    expect(value('Holidays')).toContain(HOLIDAY);
  });

  it('lists the clinicians and imports the client roster from the EHR export, messy as it is', () => {
    hub.seed('Clinicians', hub.practice.clinicians as unknown as Rec[]);
    const csv = ehrExport(hub.practice.clients);
    const result = admin<{ added: number; problems: { clientId: string; message: string }[] }>('importRoster', csv);
    const clients = hub.rows('Clients');
    expect(result.added).toBe(clients.length);
    expect(clients.length).toBe(csv.trim().split('\r\n').length - 1);
    // Leading zeros, hostile names and phone formats arrive exactly as the export has them.
    expect(clientOf(hub, '00001')['First Name']).toBe('Mateo');
    expect(clients.some((c) => c['First Name'] === '=HYPERLINK("http://example.invalid","click")')).toBe(true);
    expect(clients.filter((c) => /^\+1 555/.test(text(c.Phone))).length).toBeGreaterThan(0);
    expect(clientOf(hub, RETURNING['Client ID']).Status).toBe('Inactive');
    // An address that is not one is reported and left out, never imported as if it worked.
    expect(result.problems.find((p) => p.clientId === '70004')?.message).toContain(
      '"no-at-sign.mail.example.org" is not a valid email address',
    );
    expect(clientOf(hub, '70004').Email).toBe('');
  });

  it('turns the nightly run on', () => {
    admin('installNightlyTrigger');
    admin('installNightlyTrigger'); // clicked twice: still one trigger
    expect(hub.call<{ on: boolean }>('getNightlyState')).toMatchObject({ on: true });
    expect(hub.emu.triggers.list().filter((t) => t.handler === 'runNightly')).toHaveLength(1);
  });
});

describe('If a therapist decides to terminate employment', () => {
  it("Provide at least 2-4 weeks' notice, if possible: three weeks is taken as is, one week is taken with a warning", () => {
    const dana = admin<{ departureId: string; added: number; warnings: string[] }>('startDeparture', {
      clinician: DANA,
      noticeDate: '2026-11-02',
      lastDay: '2026-11-23',
    });
    expect(dana).toMatchObject({ departureId: D1, warnings: [] });
    const morgan = admin<{ departureId: string; warnings: string[] }>('startDeparture', {
      clinician: MORGAN,
      noticeDate: '2026-11-02',
      lastDay: '2026-11-09',
    });
    expect(morgan.departureId).toBe('D-0002');
    expect(morgan.warnings).toHaveLength(1);
    expect(morgan.warnings[0]).toMatch(/two weeks/);
    expect(hub.rows('Log').filter((l) => l.Ref === 'D-0002' && /two weeks/.test(text(l.Details)))).toHaveLength(1);
    const status = (name: string) => hub.rows('Clinicians').find((c) => c.Name === name)?.Status;
    expect([status(DANA), status(MORGAN)]).toEqual(['Departing', 'Departing']);
  });

  it('Create a Google Sheet listing all active clients of the therapist', () => {
    const active = hub.rows('Clients').filter((c) => c.Clinician === DANA && c.Status === 'Active');
    danaCases = hub.rows('Reassignments').filter((c) => c['Departure ID'] === D1);
    expect(danaCases.map((c) => text(c['Client ID'])).sort()).toEqual(active.map((c) => text(c['Client ID'])).sort());
    expect(danaCases.every((c) => c.Source === 'Departure' && c.Status === 'New')).toBe(true);
    expect(danaCases.map((c) => text(c['Client ID']))).not.toContain(RETURNING['Client ID']);
    expect(hub.rows('Departures', { display: true }).find((d) => d['Departure ID'] === D1)).toMatchObject({
      Clinician: DANA,
      'Notice Received': '11/2/2026',
      'Last Day': '11/23/2026',
      'Active Clients': String(active.length),
    });
  });

  it('Share the Google Sheet with the therapist to verify accuracy and make corrections: her file holds only her clients', () => {
    const { url } = admin<{ url: string }>('shareDepartureSheet', D1);
    sheetId = fileAt(hub.emu, url);
    expect(sheetId).not.toBe(hub.hubId);
    expect(hub.emu.sheets.get(sheetId)?.editors).toContain(DANA_EMAIL);
    const rows = sheetRecords(hub.emu, sheetId);
    expect(rows.map((r) => r.Ref).sort()).toEqual(danaCases.map((c) => text(c.Ref)).sort());
    const all = hub.rows('Clients');
    const hers = new Set(danaCases.map((c) => text(c['Client ID'])));
    expect(
      leaksOf(
        hub.emu,
        sheetId,
        all.filter((c) => !hers.has(text(c['Client ID']))),
        all.filter((c) => hers.has(text(c['Client ID']))),
      ),
    ).toEqual([]);
  });

  it('the therapist corrects an email in her sheet: the correction is flagged for review, not copied to Clients', () => {
    const wrong = danaCases.find((c) => text(c['Client ID']) === '70004')!;
    const ref = text(wrong.Ref);
    const edit = danaTypes(ref, 'Email', 'theo.nguyen@mail.example.org');
    expect(edit.rejected).toBeUndefined();
    expect(edit.warning).toBeTruthy(); // contact cells are corrected past a warning, on purpose
    const sync = admin<{ flagged: number }>('syncDepartureSheet', D1);
    expect(sync.flagged).toBe(1);
    expect(caseOf(hub, ref).Flag).toContain(
      'Contact change proposed by therapist: Email → theo.nguyen@mail.example.org',
    );
    expect(client(wrong).Email).toBe('');
  });

  it("Send an email to the therapist's active clients notifying them of the departure and the reassignment options", () => {
    const household = danaCases.filter((c) => text(client(c).Email) === SHARED_PARENT).map((c) => text(c.Ref));
    expect(household).toHaveLength(2);
    const preview = hub.call<{ to: string; textBody: string }>('previewEmail', 'DEPARTURE_NOTICE', household[0]);
    expect(preview.to).toBe(SHARED_PARENT);
    expect(preview.textBody).toContain(`${DANA} will be leaving ${PRACTICE}`);
    hub.call('sendTestEmail', 'DEPARTURE_NOTICE', household[0]);
    const dry = admin<{ sent: number }>('sendDepartureNotices', D1, { dryRun: true });
    expect(dry.sent).toBeGreaterThan(0);
    expect(outbox().filter((m) => !m.subject.startsWith('[TEST]'))).toHaveLength(0);

    const sent = admin<{ sent: number; emails: number; flagged: { ref: string; reason: string }[] }>(
      'sendDepartureNotices',
      D1,
      {},
    );
    const notices = outbox().filter((m) => m.subject === `An update about your care at ${PRACTICE}`);
    expect(notices).toHaveLength(sent.emails);
    const canEmail = danaCases.filter((c) => emailable(client(c)));
    expect(sent.sent).toBe(canEmail.length);
    expect(new Set(notices.map((m) => m.to))).toEqual(new Set(canEmail.map((c) => text(client(c).Email))));
    // A household gets one notice naming each of its clients; both cases record it.
    const toParent = notices.filter((m) => m.to === SHARED_PARENT);
    expect(toParent).toHaveLength(1);
    const siblings = danaCases.filter((c) => household.includes(text(c.Ref))).map((c) => text(client(c)['First Name']));
    expect(toParent[0].body).toMatch(
      new RegExp(`^Dear (${siblings[0]} and ${siblings[1]}|${siblings[1]} and ${siblings[0]}),`),
    );
    for (const ref of household) expect(caseOf(hub, ref)['Notice Sent']).toBe('11/2/2026');
    for (const m of notices) {
      expect(m.body).toContain(`Choose another clinician at ${PRACTICE}`);
      expect(m.body).toMatch(/Their last day with the practice is (11\/23\/2026|November 23, 2026)\./);
      expect(m.replyTo).toBe(REPLY_TO);
    }
    // A client with Email OK FALSE is not emailed: the case is flagged for a call.
    const neverEmail = danaCases.find((c) => client(c)['Email OK'] === false)!;
    noEmail = text(neverEmail.Ref);
    expect(notices.map((m) => m.to)).not.toContain(text(client(neverEmail).Email));
    expect(caseOf(hub, noEmail)['Notice Sent']).toBe('');
    expect(caseOf(hub, noEmail).Flag).toContain('Email OK is FALSE');
    expect(sent.flagged.map((f) => f.ref)).toContain(noEmail);
  });

  it('Therapist: discuss reassignment options with clients and document their preferences in the shared Google Sheet', () => {
    liveUntil('2026-11-03');
    danaCases = hub.rows('Reassignments').filter((c) => c['Departure ID'] === D1);
    // The one who will never answer, and one reached only on the second call: clients she can be emailed and texted.
    const reachable = danaCases.filter(
      (c) =>
        emailable(client(c)) &&
        textable(client(c)) &&
        text(client(c).Email) !== SHARED_PARENT &&
        hub.rows('Clients').filter((x) => text(x.Email) === text(client(c).Email)).length === 1,
    );
    silent = text(reachable[0].Ref);
    late = text(reachable[1].Ref);
    const others = danaCases.map((c) => text(c.Ref)).filter((r) => r !== silent);
    others.forEach((ref, i) => {
      const c = danaCases.find((x) => x.Ref === ref)!;
      const matches = hub.call<{ matches: Match[] }>('getRequestClient', text(c['Client ID'])).matches;
      const preference =
        i === 0 ? 'Discharge' : i === 1 || matches.length === 0 ? 'Refer out' : 'Reassign to recommended clinician';
      const recommended = preference === 'Reassign to recommended clinician' ? matches[0].name : '';
      plan.set(ref, { preference, recommended });
      expect(danaTypes(ref, 'Preference', preference).rejected).toBeUndefined();
      if (recommended) expect(danaTypes(ref, 'Recommended Clinician', recommended).rejected).toBeUndefined();
    });
    expect(danaTypes(others[2], 'Notes', 'Client wants to keep grief work going').rejected).toBeUndefined();
    expect(danaTypes(others[0], 'Preference', 'Maybe later').rejected).toBeTruthy(); // the dropdown holds

    const sync = admin<{ updated: number }>('syncDepartureSheet', D1);
    expect(sync.updated).toBe(others.length);
    for (const [ref, p] of plan) {
      const c = caseOf(hub, ref);
      expect([ref, c.Preference, c['Recommended Clinician']]).toEqual([ref, p.preference, p.recommended]);
    }
    expect(caseOf(hub, silent).Preference).toBe('');
    expect(caseOf(hub, others[2]).Notes).toContain('grief work');
    expect(
      [...plan.values()].filter((p) => p.preference === 'Reassign to recommended clinician').length,
    ).toBeGreaterThan(3);
  });

  it('CSRs begin contacting clients: first calls, most of them reached', () => {
    liveUntil('2026-11-04');
    expect(night('2026-11-04').cases[silent]).toMatchObject({
      status: 'Notice sent',
      action: 'Call 1',
      due: shown('2026-11-04'),
    });
    for (const c of danaCases) {
      const ref = text(c.Ref);
      const answered = ref !== silent && ref !== late;
      const r = csr<{ status: string; stamped: string }>('logContact', ref, {
        channel: 'call',
        outcome: answered ? 'reached' : 'no-answer',
      });
      expect([ref, r.status, r.stamped]).toEqual([ref, answered ? 'Reached' : 'Contacting', 'Call 1']);
    }
    expect(caseOf(hub, noEmail)).toMatchObject({ Status: 'Reached', 'Call 1': '11/4/2026', Reached: '11/4/2026' });
    // On the phone, the CSR confirms the email the therapist proposed and saves it: the review is done.
    const corrected = text(danaCases.find((c) => text(c['Client ID']) === '70004')!.Ref);
    csr('updateClientContact', '70004', { email: 'theo.nguyen@mail.example.org', ref: corrected });
    expect(clientOf(hub, '70004').Email).toBe('theo.nguyen@mail.example.org');
    expect(caseOf(hub, corrected).Flag).not.toContain('Contact change proposed');
    expect(hub.rows('Log').filter((l) => l.Ref === corrected && l.Action === 'Client contact updated')).toHaveLength(1);
    expect(caseOf(hub, silent)).toMatchObject({ Status: 'Contacting', 'Call 1': '11/4/2026', Reached: '' });
  });

  it('Attempt to contact clients twice by phone and send a follow-up email and text message if no response', () => {
    liveUntil('2026-11-06');
    const corrected = text(danaCases.find((c) => text(c['Client ID']) === '70004')!.Ref);
    expect(night('2026-11-05').cases[corrected].flag).not.toContain('Contact change proposed');
    csr('logContact', late, {
      channel: 'call',
      outcome: 'reached',
      note: 'Prefers mornings, has a custody hearing next week',
    });
    csr('logContact', silent, { channel: 'call', outcome: 'voicemail' });
    liveUntil('2026-11-09');
    expect(night('2026-11-09').cases[silent]).toMatchObject({
      action: 'Send follow-up email and text',
      due: shown('2026-11-09'),
    });
    const email = csr<{ sent: boolean }>('logContact', silent, { channel: 'email', outcome: 'sent' });
    expect(email.sent).toBe(true);
    // The text message is written by the add-on for the CSR to copy into the practice's texting tool.
    const view = hub.callAs<{ textMessage: { text: string; problem: string } }>(hub.csr, 'getCaseView', silent);
    expect(view.textMessage.problem).toBe('');
    expect(view.textMessage.text).toContain(FRONT_DESK);
    expect(view.textMessage.text).toContain(DANA);
    expect(view.textMessage.text).not.toContain('{{');
    csr('logContact', silent, { channel: 'text', outcome: 'sent' });
    expect(caseOf(hub, late)).toMatchObject({ Status: 'Reached', 'Call 2': '11/6/2026', Reached: '11/6/2026' });
    // What the client said is kept where it belongs: the Interaction Notes.
    expect(
      hub
        .rows('Interaction Notes')
        .filter((n) => n.Ref === late)
        .map((n) => text(n.Note))
        .join('\n'),
    ).toContain('custody hearing');
    expect(caseOf(hub, silent)).toMatchObject({
      Status: 'Contacting',
      'Call 1': '11/4/2026',
      'Call 2': '11/6/2026',
      'Follow-up Email': '11/9/2026',
      'Follow-up Text': '11/9/2026',
      Reached: '',
    });
    const silentEmail = text(clientOf(hub, text(caseOf(hub, silent)['Client ID'])).Email);
    const followUps = outbox().filter((m) => m.subject === `Following up about your care at ${PRACTICE}`);
    expect(followUps.map((m) => m.to)).toEqual([silentEmail]);
    const notes = hub.rows('Interaction Notes').filter((n) => n.Ref === silent);
    expect(notes.map((n) => n.Channel)).toHaveLength(4);
    expect(notes.every((n) => n.Author === hub.csr)).toBe(true);
  });

  it('reached clients are reassigned to the recommended clinician, the others referred out or discharged', () => {
    liveUntil('2026-11-10');
    for (const [ref, p] of plan) {
      const c = caseOf(hub, ref);
      const id = text(c['Client ID']);
      if (p.preference === 'Reassign to recommended clinician') {
        const medicaid = clientOf(hub, id).Medicaid === true && text(clientOf(hub, id)['OMHC Assessment Date']) === '';
        const r = csr<{ cliniciansNotified: boolean; removalRequested: boolean }>('completeReassignment', ref, {
          newClinician: p.recommended,
          nextSession: '2026-11-24T10:00',
          ...CHECKED,
          ...(medicaid ? { omhcDate: '2026-11-05' } : {}),
        });
        expect([ref, r.cliniciansNotified, r.removalRequested]).toEqual([ref, true, true]);
        expect([ref, clientOf(hub, id).Clinician]).toEqual([ref, p.recommended]);
        expect(caseOf(hub, ref)).toMatchObject({ Status: 'Reassigned', 'New Clinician': p.recommended });
        const newEmail = hub.practice.clinicians.find((x) => x.Name === p.recommended)!.Email;
        expect(outbox().filter((m) => m.to === newEmail && m.subject.includes(`(${ref})`))).toHaveLength(1);
        expect(
          outbox().filter(
            (m) => m.to === DANA_EMAIL && m.subject === `Client ${id} reassigned to ${p.recommended} (${ref})`,
          ),
        ).toHaveLength(1);
        expect(
          outbox().filter(
            (m) => m.to === MANAGEMENT && m.subject === `Please remove ${DANA} from client ${id} (${ref})`,
          ),
        ).toHaveLength(1);
      } else {
        const status = p.preference === 'Discharge' ? 'Discharged' : 'Referred out';
        csr('closeCase', ref, {
          status,
          note: p.preference === 'Refer out' ? 'Referral to a provider nearer home' : 'Ending services for now',
        });
        expect([ref, caseOf(hub, ref).Status]).toEqual([ref, status]);
      }
    }
    expect(outbox().filter((m) => m.subject === `Your services at ${PRACTICE}`)).toHaveLength(0);
  });

  it('Transition Manager follow-up: the nightly run flags stalled cases, sends one digest a day and reminds the therapist near the Preference Deadline', () => {
    liveUntil('2026-11-17');
    // Morgan's cases, opened on Nov 2 and never worked, are stale after 7 days.
    const morganRefs = hub
      .rows('Reassignments')
      .filter((c) => c['Departure ID'] === 'D-0002')
      .map((c) => text(c.Ref));
    expect(morganRefs.length).toBeGreaterThan(0);
    for (const ref of morganRefs) {
      expect(night('2026-11-09').cases[ref].flag).not.toContain('Stale');
      expect(night('2026-11-10').cases[ref].flag).toContain('Stale 8 days');
    }
    // The silent client's reply window skips the holiday: due Tue Nov 17, not Mon Nov 16.
    expect(night('2026-11-10').cases[silent]).toMatchObject({ action: 'Await reply', due: shown('2026-11-17') });

    const digests = outbox().filter((m) => m.subject.startsWith(`${PRACTICE} reassignments `));
    const days = daysAfter('2026-11-02', '2026-11-17');
    expect([...new Set(digests.map((m) => sentOn(m.at)))]).toEqual(days);
    for (const d of days)
      expect([
        d,
        digests
          .filter((m) => sentOn(m.at) === d)
          .map((m) => m.to)
          .sort(),
      ]).toEqual([d, [hub.admin, hub.csr].sort()]);

    const reminders = outbox().filter((m) => m.to === DANA_EMAIL && m.subject.startsWith('Reminder:'));
    expect(reminders.map((m) => sentOn(m.at))).toEqual(['2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17']);
    expect(reminders[0].subject).toContain('needed by November 16, 2026');
    expect(reminders[0].body).toContain(silent);
    expect(reminders[0].body).toContain(`https://docs.google.com/spreadsheets/d/${sheetId}/edit`);
    expect(night('2026-11-16').cases[silent].flag).toContain('Needs preference');
    // The Dashboard the transition manager reviews is kept current by the nightly run.
    const dashboard = JSON.stringify(hub.emu.sheets.peek(hub.hubId, 'Dashboard').display);
    expect(dashboard).toContain(D1);
    expect(dashboard).toContain(DANA);
  });

  it('If a client is unresponsive, services are terminated in TherapyNotes, and the client gets the referral resources', () => {
    liveUntil('2026-11-18');
    expect(night('2026-11-18').cases[silent]).toMatchObject({
      status: 'Unresponsive',
      action: 'Terminate services in TherapyNotes',
    });
    const closed = admin<{ emailed: boolean; reminders: string[]; departuresCompleted: string[] }>(
      'closeCase',
      silent,
      { status: 'Services terminated' },
    );
    expect(closed.emailed).toBe(true);
    expect(closed.reminders.join(' ')).toContain('TherapyNotes');
    expect(closed.departuresCompleted).toEqual([D1]);
    const to = text(clientOf(hub, text(caseOf(hub, silent)['Client ID'])).Email);
    const notice = outbox().filter((m) => m.subject === `Your services at ${PRACTICE}`);
    expect(notice.map((m) => m.to)).toEqual([to]);
    expect(notice[0].body).toContain(REFERRALS);
    expect(caseOf(hub, silent)).toMatchObject({
      Status: 'Services terminated',
      'Next Action': 'Close the case in TherapyNotes',
    });
    admin('markClosedInTherapyNotes', silent, 'Closed in TherapyNotes');
    expect(caseOf(hub, silent)['Next Action']).toBe('');
    expect(thrown(() => admin('closeCase', silent, { status: 'Services terminated' }))).toContain('already closed');
  });

  it('close-out: the departure is Complete, the therapist Left after her last day, her access removed Therapist Access Days later', () => {
    expect(hub.rows('Departures').find((d) => d['Departure ID'] === D1)).toMatchObject({ Status: 'Complete' });
    liveUntil('2026-12-01');
    expect([night('2026-11-23').dana, night('2026-11-24').dana]).toEqual(['Departing', 'Left']);
    expect(night('2026-11-29').editors).toContain(DANA_EMAIL);
    expect(night('2026-11-30').editors).not.toContain(DANA_EMAIL);
    expect(hub.rows('Departures', { display: true }).find((d) => d['Departure ID'] === D1)).toMatchObject({
      Status: 'Complete',
      Open: '0',
    });
  });
});

describe('Client-Initiated Reassignment', () => {
  /** Each common reason, with a client of the roster it fits. */
  const requests = [
    { id: '00008', reason: 'Not a good fit', details: 'Looking for someone who works with panic attacks' },
    { id: '00015', reason: 'Schedule conflict', details: 'Needs evening sessions' },
    { id: '10039', reason: 'Insurance change', details: 'Now on Medicaid' },
    { id: RETURNING['Client ID'], reason: 'Clinician no longer with practice', details: 'Coming back after a break' },
  ];
  const refs: Record<string, string> = {};

  it('Common reasons for reassignment: each one opens a case in the tracker', () => {
    for (const r of requests) {
      refs[r.id] = csr<{ ref: string }>('requestReassignment', {
        clientId: r.id,
        reason: r.reason,
        details: r.details,
      }).ref;
      expect(caseOf(hub, refs[r.id])).toMatchObject({
        Source: 'Client request',
        Reason: r.reason,
        Status: 'New',
        'Client ID': r.id,
        Opened: '12/1/2026',
      });
    }
    expect(caseOf(hub, refs[RETURNING['Client ID']])['Previous Clinician']).toBe(DANA);
  });

  it('Clarifying client needs: the question is asked and the answer recorded in Interaction Notes', () => {
    const { prompt } = hub.callAs<{ prompt: string }>(hub.csr, 'getRequestClients');
    expect(prompt).toBe("Can you tell me more about what you're looking for in a therapist or a different approach?");
    for (const r of requests) {
      const notes = hub.rows('Interaction Notes').filter((n) => n.Ref === refs[r.id]);
      expect(notes.map((n) => n.Note)).toEqual([expect.stringContaining(r.details)]);
    }
  });

  it('Verify client information: a corrected phone goes back to Clients exactly as typed', () => {
    const ref = refs['00008'];
    const r = csr<{ changed: string[] }>('updateClientContact', '00008', { phone: '+1 555 010 0199', ref });
    expect(r.changed).toEqual(['Phone']);
    expect(clientOf(hub, '00008').Phone).toBe('+1 555 010 0199');
  });

  it('Confirm insurance details and check portal & documentation: completing with either unchecked is refused, nothing written', () => {
    const ref = refs['00008'];
    const before = hub.snapshot();
    const sentBefore = outbox().length;
    expect(
      thrown(() =>
        csr('completeReassignment', ref, {
          newClinician: 'Riley Whitfield',
          nextSession: '2026-12-03T10:00',
          ...CHECKED,
          insuranceVerified: false,
        }),
      ),
    ).toMatch(/Insurance Verified is not checked/);
    expect(
      thrown(() =>
        csr('completeReassignment', ref, {
          newClinician: 'Riley Whitfield',
          nextSession: '2026-12-03T10:00',
          ...CHECKED,
          portalDocsComplete: false,
        }),
      ),
    ).toMatch(/Portal & Docs Complete is not checked/);
    expect(hub.snapshot()).toBe(before);
    expect(outbox()).toHaveLength(sentBefore);
  });

  it("Match: only Active clinicians who take the client's insurance, Medicaid-credentialed for a Medicaid client, never the current one", () => {
    const roster = hub.rows('Clinicians');
    for (const r of requests) {
      const c = clientOf(hub, r.id);
      const { matches } = hub.callAs<{ matches: Match[] }>(hub.csr, 'getRequestClient', r.id);
      expect(matches.length).toBeGreaterThan(0);
      // Worked out by hand from the Clinicians tab: every clinician who qualifies is offered.
      const qualifies = roster.filter(
        (x) =>
          x.Status === 'Active' &&
          x['Accepting New Clients'] === true &&
          text(x.Insurances).split(/,\s*/).includes(text(c.Insurance)) &&
          (c.Medicaid !== true || x.Medicaid === true) &&
          x.Name !== c.Clinician,
      );
      expect([r.id, matches.map((m) => m.name).sort()]).toEqual([r.id, qualifies.map((x) => text(x.Name)).sort()]);
      for (const m of matches) {
        const who = roster.find((x) => x.Name === m.name)!;
        expect([r.id, m.name, who.Status, who['Accepting New Clients']]).toEqual([r.id, m.name, 'Active', true]);
        expect(text(who.Insurances).split(/,\s*/)).toContain(text(c.Insurance));
        expect(m.name).not.toBe(c.Clinician);
        if (c.Medicaid === true) expect(who.Medicaid).toBe(true);
      }
      expect(matches.map((m) => m.name)).not.toContain(DANA);
      expect(matches.map((m) => m.name)).not.toContain(MORGAN);
    }
  });

  it('Schedule: as an intake when the last intake was over 6 months before the next session', () => {
    expect(
      hub.callAs<{ intakeRequired: boolean }>(hub.csr, 'checkSchedule', '00008', '2026-12-03T10:00').intakeRequired,
    ).toBe(true); // last intake Dec 2024
    expect(
      hub.callAs<{ intakeRequired: boolean }>(hub.csr, 'checkSchedule', '00015', '2026-12-03T10:00').intakeRequired,
    ).toBe(false); // Sep 2026
  });

  it('For Medicaid clients: completion is refused until the OMHC assessment is recorded', () => {
    const ref = refs['10039'];
    const match = hub.callAs<{ matches: Match[] }>(hub.csr, 'getRequestClient', '10039').matches[0].name;
    const before = hub.snapshot();
    expect(
      thrown(() =>
        csr('completeReassignment', ref, { newClinician: match, nextSession: '2026-12-03T11:00', ...CHECKED }),
      ),
    ).toContain('record the OMHC assessment date');
    expect(hub.snapshot()).toBe(before);
    const done = csr<{ omhcRequired: boolean }>('completeReassignment', ref, {
      newClinician: match,
      nextSession: '2026-12-03T11:00',
      ...CHECKED,
      omhcDate: '2026-11-30',
    });
    expect(done.omhcRequired).toBe(true);
    expect(
      hub.rows('Clients', { display: true }).find((c) => c['Client ID'] === '10039')?.['OMHC Assessment Date'],
    ).toBe('11/30/2026');
  });

  it('Update clinician assignments, notify both clinicians, request management to remove the previous clinician, track it', () => {
    for (const r of requests.filter((x) => x.id !== '10039')) {
      const ref = refs[r.id];
      const previous = text(clientOf(hub, r.id).Clinician);
      const match = hub.callAs<{ matches: Match[] }>(hub.csr, 'getRequestClient', r.id).matches[0].name;
      const done = csr<{ intakeRequired: boolean; cliniciansNotified: boolean; removalRequested: boolean }>(
        'completeReassignment',
        ref,
        {
          newClinician: match,
          nextSession: '2026-12-03T10:00',
          ...CHECKED,
        },
      );
      expect([ref, done.cliniciansNotified, done.removalRequested]).toEqual([ref, true, true]);
      expect(clientOf(hub, r.id).Clinician).toBe(match);
      expect(caseOf(hub, ref)).toMatchObject({
        Status: 'Reassigned',
        'New Clinician': match,
        'Previous Clinician': previous,
        'Contact Verified': 'TRUE',
        'Insurance Verified': 'TRUE',
        'Portal & Docs Complete': 'TRUE',
      });
      const emailOf = (name: string) => hub.practice.clinicians.find((x) => x.Name === name)!.Email;
      expect(
        outbox()
          .filter((m) => m.subject.includes(`(${ref})`))
          .map((m) => m.to)
          .sort(),
      ).toEqual([emailOf(match), emailOf(previous), MANAGEMENT].sort());
      const notes = hub.rows('Interaction Notes').filter((n) => n.Ref === ref && n.Channel === 'Reassignment');
      expect(notes.map((n) => text(n.Note))).toEqual([expect.stringContaining(`to ${match}`)]);
    }
    expect(caseOf(hub, refs['00008'])['Intake Required']).toBe('TRUE');
    expect(caseOf(hub, refs['00015'])['Intake Required']).toBe('FALSE');
  });
});

describe('Key considerations', () => {
  it('Keep thorough records: every action has its Log row', () => {
    const log = hub.rows('Log');
    const byRef = new Map<string, number>();
    for (const l of log) byRef.set(text(l.Ref), (byRef.get(text(l.Ref)) ?? 0) + 1);
    const calls = new Map<string, number>();
    for (const a of acted) if (a.ref) calls.set(a.ref, (calls.get(a.ref) ?? 0) + 1);
    for (const [ref, n] of calls) expect([ref, (byRef.get(ref) ?? 0) >= n]).toEqual([ref, true]);
    // Every case a person worked (all of Dana's, every client request) has its history in the Log.
    const worked = hub.rows('Reassignments').filter((c) => c['Departure ID'] === D1 || c.Source === 'Client request');
    for (const ref of worked.map((c) => text(c.Ref))) expect([ref, byRef.has(ref)]).toEqual([ref, true]);
    for (const dep of [D1, 'D-0002']) expect([dep, byRef.has(dep)]).toEqual([dep, true]);
    expect(log.filter((l) => /import/i.test(text(l.Action)))).toHaveLength(1);
    const details = log.map((l) => text(l.Details)).join('\n');
    for (const words of CLINICAL) expect(details).not.toContain(words);
  });

  it('no clinical detail and no client names in staff emails: refs and initials only', () => {
    const clients = new Set(hub.rows('Clients').map((c) => text(c.Email).toLowerCase()));
    const staff = outbox().filter((m) => !clients.has(m.to.toLowerCase()) && !m.subject.startsWith('[TEST]'));
    expect(staff.length).toBeGreaterThan(20);
    const names = hub.rows('Clients').map((c) => `${text(c['First Name'])} ${text(c['Last Name'])}`);
    for (const m of staff) {
      const all = `${m.subject}\n${m.body}\n${m.htmlBody}`;
      for (const name of names)
        expect([m.to, m.subject, all.includes(name) ? name : '']).toEqual([m.to, m.subject, '']);
      for (const words of CLINICAL) expect(all).not.toContain(words);
    }
  });

  it('no email is sent twice across the whole run', () => {
    const daily = (s: string) => s.startsWith('Reminder:') || s.startsWith(`${PRACTICE} reassignments `);
    const keys = outbox().map((m) => {
      const refs = [...new Set(`${m.subject}\n${m.body}`.match(/R-\d{6}/g) ?? [])].sort().join(',');
      return `${m.to}|${m.subject}|${daily(m.subject) ? sentOn(m.at) : refs}`;
    });
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(twice).toEqual([]);
  });
});
