/**
 * The email engine through the built bundle: preview, test sends, dry runs,
 * escaping, placeholders, flags, households and "never twice".
 */
import { setSetting } from '../../../support/hub';
import {
  NOTICE,
  DEPARTURE,
  caseRows,
  continuations,
  duplicates,
  fork,
  noticeHub,
  plainClients,
  records,
  ref,
  sendNotices,
  setCell,
} from '../../../support/email';

interface Report {
  sent: number;
  emails: number;
  skipped: number;
  failed: number;
  remaining: number;
  quotaLeft: number;
  flagged: { ref: string; reason: string }[];
  unconfirmed: string[];
  dryRun: boolean;
  continuing: boolean;
  message: string;
}
interface Preview {
  to: string;
  subject: string;
  htmlBody: string;
  textBody: string;
  warnings: string[];
}

describe('previewEmail', () => {
  it("renders a case's notice to its client with the therapist, the last day as a long date and the front desk", () => {
    const hub = noticeHub(plainClients(2));
    const p = hub.call<Preview>('previewEmail', NOTICE, ref(0));
    expect(p.to).toBe('client1@mail.example.org');
    expect(p.subject).toBe('An update about your care at Lakeside Wellness');
    expect(p.textBody).toContain('Dear Client1,');
    expect(p.textBody).toContain('Dana Whitfield will be leaving Lakeside Wellness');
    expect(p.textBody).toContain('December 18, 2026');
    expect(p.htmlBody).toContain('(555) 010-0100');
    expect(p.warnings).toEqual([]);
  });

  it('escapes hostile names into the HTML body and never expands placeholders inside a value', () => {
    const hub = noticeHub([
      { first: '<script>alert(1)</script>', email: 'a@mail.example.org' },
      { first: '{{Practice Name}}', last: '<img src=x onerror=alert(1)>', email: 'b@mail.example.org' },
    ]);
    const p = hub.call<Preview>('previewEmail', NOTICE, ref(0));
    expect(p.htmlBody).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(p.htmlBody).not.toMatch(/<script/i);
    expect(p.textBody).toContain('Dear <script>alert(1)</script>,');
    const q = hub.call<Preview>('previewEmail', NOTICE, ref(1));
    expect(q.textBody).toContain('Dear {{Practice Name}},');
    hub.call('sendDepartureNotices', DEPARTURE, {});
    const sent = hub.emu.mail.outbox.find((m) => m.to === 'a@mail.example.org');
    expect(sent?.htmlBody).toContain('&lt;script&gt;');
    expect(sent?.htmlBody).not.toMatch(/<script|<img/i);
  });

  it('fails on an unknown placeholder, naming it, and a batch with it sends nothing', () => {
    const hub = noticeHub(plainClients(3));
    setCell(
      hub.emu,
      hub.hubId,
      'Templates',
      { header: 'Key', value: NOTICE },
      'Body',
      'Dear {{Greeting Name}}, {{Therapist Nmae}} is leaving.',
      hub.admin,
    );
    expect(() => hub.call('previewEmail', NOTICE, ref(0))).toThrow(/unknown placeholder \{\{Therapist Nmae\}\}/);
    expect(() => hub.call('sendDepartureNotices', DEPARTURE, {})).toThrow(/Therapist Nmae/);
    expect(hub.emu.mail.outbox).toHaveLength(0);
    expect(records(hub.emu, hub.hubId, 'Email Ledger')).toEqual([]);
    expect(caseRows(hub.emu, hub.hubId).every((c) => c['Notice Sent'] === '')).toBe(true);
  });

  it('reports a blank Subject on the Templates tab as an error naming the key', () => {
    const hub = noticeHub(plainClients(1));
    setCell(hub.emu, hub.hubId, 'Templates', { header: 'Key', value: NOTICE }, 'Subject', '', hub.admin);
    expect(() => hub.call('previewEmail', NOTICE, ref(0))).toThrow(
      /DEPARTURE_NOTICE template on the Templates tab has a blank Subject/,
    );
  });

  it('uses the default text for a key missing from the Templates tab', () => {
    const hub = noticeHub(plainClients(1));
    setCell(hub.emu, hub.hubId, 'Templates', { header: 'Key', value: NOTICE }, 'Key', 'OLD_NOTICE', hub.admin);
    expect(hub.call<Preview>('previewEmail', NOTICE, ref(0)).subject).toBe(
      'An update about your care at Lakeside Wellness',
    );
  });

  it('warns when a client-facing template carries Insurance', () => {
    const hub = noticeHub(plainClients(1));
    setCell(
      hub.emu,
      hub.hubId,
      'Templates',
      { header: 'Key', value: NOTICE },
      'Body',
      'Dear {{Greeting Name}}, your plan {{Insurance}} is on file.',
      hub.admin,
    );
    const p = hub.call<Preview>('previewEmail', NOTICE, ref(0));
    expect(p.warnings.join(' ')).toMatch(/\{\{Insurance\}\}.*minimum necessary/);
  });

  it('an empty required field is an error at preview, and that case is flagged, not sent', () => {
    const hub = noticeHub(plainClients(2));
    setSetting(hub, 'Front Desk Phone', '');
    expect(() => hub.call('previewEmail', NOTICE, ref(0))).toThrow(
      /empty required placeholder \{\{Front Desk Phone\}\}/,
    );
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r).toMatchObject({ sent: 0, failed: 2 });
    expect(hub.emu.mail.outbox).toHaveLength(0);
    expect(caseRows(hub.emu, hub.hubId)[0].Flag).toMatch(/Front Desk Phone/);
  });

  it('refuses an unknown template key and an unknown case by name', () => {
    const hub = noticeHub(plainClients(1));
    expect(() => hub.call('previewEmail', 'WELCOME', ref(0))).toThrow(/"WELCOME" is not a template key/);
    expect(() => hub.call('previewEmail', NOTICE, 'R-999999')).toThrow(/no case "R-999999"/);
  });
});

describe('test sends and dry runs', () => {
  it('sendTestEmail sends the rendered email to the caller only, marked [TEST], and records nothing', () => {
    const hub = noticeHub(plainClients(2));
    const before = hub.snapshot();
    const r = hub.callAs<{ to: string; subject: string }>(hub.csr, 'sendTestEmail', NOTICE, ref(1));
    expect(r.to).toBe(hub.csr);
    expect(hub.emu.mail.outbox).toHaveLength(1);
    expect(hub.emu.mail.outbox[0]).toMatchObject({
      to: hub.csr,
      subject: '[TEST] An update about your care at Lakeside Wellness',
    });
    expect(hub.emu.mail.outbox[0].body).toContain('Dear Client2,');
    expect(hub.snapshot()).toBe(before);
  });

  it('testTo sends one sample notice (the first eligible case) to that address and records nothing', () => {
    const hub = noticeHub(plainClients(3));
    const before = hub.snapshot();
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, { testTo: 'me@lakeside.example.org' });
    expect(r.emails).toBe(1);
    expect(r.sent).toBe(0);
    expect(hub.emu.mail.outbox.map((m) => [m.to, m.subject])).toEqual([
      ['me@lakeside.example.org', '[TEST] An update about your care at Lakeside Wellness'],
    ]);
    expect(hub.emu.mail.outbox[0].body).toContain('Dear Client1,');
    expect(hub.snapshot()).toBe(before);
    expect(continuations(hub.emu)).toHaveLength(0);
  });

  it('a dry run renders and reports everything, sends nothing and writes nothing', () => {
    const hub = noticeHub([...plainClients(3), { first: 'Bad', email: 'bad@@mail.example.org' }]);
    const before = hub.snapshot();
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, sent: 3, emails: 3, failed: 1, remaining: 0, continuing: false });
    expect(r.flagged.map((f) => f.ref)).toEqual([ref(3)]);
    expect(r.message).toMatch(/^Dry run: would notify 3 cases/);
    expect(hub.emu.mail.outbox).toHaveLength(0);
    expect(hub.snapshot()).toBe(before);
  });

  it('the Dry Run setting makes every send a dry run', () => {
    const hub = noticeHub(plainClients(2));
    setSetting(hub, 'Dry Run', true);
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r.dryRun).toBe(true);
    expect(hub.emu.mail.outbox).toHaveLength(0);
    expect(records(hub.emu, hub.hubId, 'Email Ledger')).toEqual([]);
  });
});

describe('sendDepartureNotices', () => {
  it('sends one notice per case, from the Sender Name with the Reply-To, and stamps each case and the departure', () => {
    const hub = noticeHub(plainClients(3));
    setSetting(hub, 'Sender Name', 'Lakeside Front Desk');
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r).toMatchObject({
      sent: 3,
      emails: 3,
      skipped: 0,
      failed: 0,
      remaining: 0,
      quotaLeft: 97,
      continuing: false,
    });
    expect(hub.emu.mail.outbox.map((m) => m.to)).toEqual([
      'client1@mail.example.org',
      'client2@mail.example.org',
      'client3@mail.example.org',
    ]);
    expect(
      hub.emu.mail.outbox.every(
        (m) =>
          m.name === 'Lakeside Front Desk' && m.replyTo === 'frontdesk@lakeside.example.org' && m.via === 'MailApp',
      ),
    ).toBe(true);
    for (const c of caseRows(hub.emu, hub.hubId))
      expect([c.Status, c['Notice Sent'], c['Updated By']]).toEqual(['Notice sent', '11/26/2026', hub.admin]);
    expect(records(hub.emu, hub.hubId, 'Departures')[0]['Notices Sent']).toBe('3');
    const log = records(hub.emu, hub.hubId, 'Log').filter((l) => l.Action === 'Departure notices sent');
    expect(log).toHaveLength(1);
    expect(log[0].Details).toBe('Notified 3 cases of D-0001 in 3 emails.');
    const ledger = records(hub.emu, hub.hubId, 'Email Ledger');
    expect(ledger.map((l) => l.State)).toEqual(['sending', 'sent', 'sending', 'sent', 'sending', 'sent']);
    expect(continuations(hub.emu)).toHaveLength(0);
  });

  it('never emails a case twice: a second run sends nothing and skips every case', () => {
    const hub = noticeHub(plainClients(4));
    hub.call('sendDepartureNotices', DEPARTURE, {});
    const again = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(again).toMatchObject({ sent: 0, emails: 0 });
    expect(hub.emu.mail.outbox).toHaveLength(4);
    expect(duplicates(hub.emu)).toEqual([]);
  });

  it('never moves a Status backwards when stamping Notice Sent', () => {
    const hub = noticeHub(plainClients(2));
    setCell(hub.emu, hub.hubId, 'Reassignments', { header: 'Ref', value: ref(1) }, 'Status', 'Reached', hub.admin);
    hub.call('sendDepartureNotices', DEPARTURE, {});
    expect(caseRows(hub.emu, hub.hubId).map((c) => [c.Status, c['Notice Sent']])).toEqual([
      ['Notice sent', '11/26/2026'],
      ['Reached', '11/26/2026'],
    ]);
  });

  it('leaves closed cases out', () => {
    const hub = noticeHub(plainClients(2));
    setCell(hub.emu, hub.hubId, 'Reassignments', { header: 'Ref', value: ref(0) }, 'Status', 'Discharged', hub.admin);
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r.sent).toBe(1);
    expect(hub.emu.mail.outbox.map((m) => m.to)).toEqual(['client2@mail.example.org']);
  });

  it('flags a bad address and Email OK FALSE, and the batch goes on', () => {
    const hub = noticeHub([
      { first: 'Ana', email: 'ana@@mail.example.org' },
      { first: 'Ben', email: 'ben@mail.example.org', emailOk: false },
      { first: 'Cleo', email: '' },
      { first: 'Dev', email: 'dev@mail.example.org' },
    ]);
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r).toMatchObject({ sent: 1, emails: 1, failed: 1, skipped: 2 });
    expect(hub.emu.mail.outbox.map((m) => m.to)).toEqual(['dev@mail.example.org']);
    const flags = caseRows(hub.emu, hub.hubId).map((c) => c.Flag);
    expect(flags[0]).toMatch(/Bad email address "ana@@mail.example.org"/);
    expect(flags[1]).toMatch(/Email OK is FALSE/);
    expect(flags[2]).toMatch(/No email address/);
    expect(flags[3]).toBe('');
    expect(r.flagged.map((f) => f.ref)).toEqual([ref(0), ref(1), ref(2)]);
  });

  it('a household of two gets one email naming both, and both cases are stamped', () => {
    const hub = noticeHub([
      { first: 'Ana', last: 'Reyes', email: 'Parent@Mail.example.org' },
      { first: 'Sam', email: 'sam@mail.example.org' },
      { first: 'Ben', last: 'Reyes', email: 'parent@mail.example.org', preferred: 'Benny' },
    ]);
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r).toMatchObject({ sent: 3, emails: 2 });
    const toParent = hub.emu.mail.outbox.filter((m) => m.to.toLowerCase() === 'parent@mail.example.org');
    expect(toParent).toHaveLength(1);
    expect(toParent[0].body).toContain('Dear Ana and Benny,');
    expect(caseRows(hub.emu, hub.hubId).map((c) => c['Notice Sent'])).toEqual([
      '11/26/2026',
      '11/26/2026',
      '11/26/2026',
    ]);
    const ledger = records(hub.emu, hub.hubId, 'Email Ledger').filter((l) => l.State === 'sent');
    expect(ledger.map((l) => l.Ref).sort()).toEqual([ref(0), ref(1), ref(2)]);
  });

  it('leaves a household member whose Email OK is FALSE out of the shared notice', () => {
    const hub = noticeHub([
      { first: 'Ana', email: 'home@mail.example.org' },
      { first: 'Ben', email: 'home@mail.example.org', emailOk: false },
      { first: 'Cleo', email: 'home@mail.example.org' },
    ]);
    const r = hub.call<Report>('sendDepartureNotices', DEPARTURE, {});
    expect(r).toMatchObject({ sent: 2, emails: 1, skipped: 1 });
    expect(hub.emu.mail.outbox[0].body).toContain('Dear Ana and Cleo,');
    expect(hub.emu.mail.outbox[0].body).not.toContain('Ben');
    const cases = caseRows(hub.emu, hub.hubId);
    expect(cases.map((c) => c['Notice Sent'])).toEqual(['11/26/2026', '', '11/26/2026']);
    expect(cases[1].Flag).toMatch(/Email OK is FALSE/);
  });

  it("previews a household member's notice as the shared email", () => {
    const hub = noticeHub([
      { first: 'Ana', email: 'home@mail.example.org' },
      { first: 'Ben', email: 'home@mail.example.org' },
    ]);
    const p = hub.call<Preview>('previewEmail', NOTICE, ref(1));
    expect(p.textBody).toContain('Dear Ana and Ben,');
    expect(p.warnings.join(' ')).toMatch(/One email for 2 cases/);
  });

  it('refuses an unknown departure and bad options, writing nothing', () => {
    const hub = noticeHub(plainClients(1));
    const before = hub.snapshot();
    expect(() => hub.call('sendDepartureNotices', 'D-0404', {})).toThrow(/no departure "D-0404"/);
    expect(() => hub.call('sendDepartureNotices', DEPARTURE, { testTo: 'not an address' })).toThrow(
      /testTo must be one email address/,
    );
    expect(() => hub.call('sendDepartureNotices', DEPARTURE, { dryRun: 'yes' })).toThrow(
      /dryRun must be true or false/,
    );
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('is for admins: a CSR may preview but not send notices', () => {
    const hub = noticeHub(plainClients(1));
    expect(hub.callAs<Preview>(hub.csr, 'previewEmail', NOTICE, ref(0)).to).toBe('client1@mail.example.org');
    expect(() => hub.callAs(hub.csr, 'sendDepartureNotices', DEPARTURE, {})).toThrow(/needs a transition manager/);
    expect(() => hub.callAs('stranger@elsewhere.example', 'previewEmail', NOTICE, ref(0))).toThrow(
      /needs a CSR or transition manager/,
    );
    expect(hub.emu.mail.outbox).toHaveLength(0);
  });

  it('reports progress for the sidebar', () => {
    const hub = noticeHub(plainClients(6));
    expect(hub.call<{ running: boolean }>('getSendProgress').running).toBe(false);
    hub.call('sendDepartureNotices', DEPARTURE, {});
    const p = hub.callAs<{ running: boolean; sent: number; left: number; job: string }>(hub.csr, 'getSendProgress');
    expect(p).toMatchObject({ running: false, sent: 6, left: 0 });
    expect(p.job).toContain(DEPARTURE);
  });
});

describe('the Email Ledger tab', () => {
  it('is created on first use with its header frozen and a warning-only protection', () => {
    const hub = noticeHub(plainClients(1));
    expect(hub.emu.sheets.get(hub.hubId)?.sheetByName('Email Ledger') ?? null).toBeNull();
    hub.call('sendDepartureNotices', DEPARTURE, {});
    expect(hub.headers('Email Ledger')).toEqual([
      'Timestamp',
      'Ledger Key',
      'Ref',
      'Template',
      'To',
      'State',
      'Detail',
    ]);
    let frozen = 0;
    let warningOnly: boolean[] = [];
    hub.byHand((ss) => {
      const sheet = ss.getSheetByName('Email Ledger') as GoogleAppsScript.Spreadsheet.Sheet;
      frozen = sheet.getFrozenRows();
      warningOnly = sheet
        .getProtections('SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType)
        .map((p) => p.isWarningOnly());
    });
    expect(frozen).toBe(1);
    expect(warningOnly).toEqual([true]);
  });
});

describe('progress while a batch runs', () => {
  it('shows the sends so far while the batch runs, and an interrupted batch as stopped once it has gone quiet', () => {
    const hub = noticeHub(plainClients(40));
    const { emu, runner } = fork(hub.emu.save());
    emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 12, kind: 'kill-before' });
    expect(sendNotices(runner, hub.admin).killed).toBeTruthy();
    const during = runner.call<{ running: boolean; sent: number; left: number; stopped: string | null }>(
      'getSendProgress',
    );
    expect(during).toMatchObject({ running: true, sent: 10, left: 30, stopped: null });
    runner.advanceClock(8 * 60 * 1000);
    expect(runner.call<{ running: boolean; stopped: string | null }>('getSendProgress')).toMatchObject({
      running: false,
      stopped: 'interrupted',
    });
  });
});

describe('previews of the other case emails', () => {
  function completedCase() {
    const hub = noticeHub(plainClients(1));
    const newClinician = hub.practice.clinicians[1];
    setCell(
      hub.emu,
      hub.hubId,
      'Reassignments',
      { header: 'Ref', value: ref(0) },
      'New Clinician',
      newClinician.Name,
      hub.admin,
    );
    setCell(
      hub.emu,
      hub.hubId,
      'Reassignments',
      { header: 'Ref', value: ref(0) },
      'Next Session',
      '2026-12-03',
      hub.admin,
    );
    setCell(hub.emu, hub.hubId, 'Reassignments', { header: 'Ref', value: ref(0) }, 'Intake Required', true, hub.admin);
    return { hub, newClinician };
  }

  it('CLINICIAN_NEW goes to the new clinician with the client ID, initials, next session and intake', () => {
    const { hub, newClinician } = completedCase();
    const p = hub.call<Preview>('previewEmail', 'CLINICIAN_NEW', ref(0));
    expect(p.to).toBe(newClinician.Email);
    expect(p.subject).toBe('New client assigned to you: N0001 (R-000001)');
    expect(p.textBody).toContain('Client N0001 (C.L.) has been reassigned to you from Dana Whitfield.');
    expect(p.textBody).toContain('Next session: 12/3/2026');
    expect(p.textBody).toContain('Schedule as an intake: Yes');
    expect(p.textBody).not.toContain('Client1');
  });

  it('MANAGEMENT_REMOVE goes to the Management Email setting', () => {
    const { hub } = completedCase();
    setSetting(hub, 'Management Email', 'management@lakeside.example.org');
    const p = hub.call<Preview>('previewEmail', 'MANAGEMENT_REMOVE', ref(0));
    expect(p.to).toBe('management@lakeside.example.org');
    expect(p.subject).toBe('Please remove Dana Whitfield from client N0001 (R-000001)');
  });

  it('TERMINATION_NOTICE needs the Referral Resources setting, and carries it once set', () => {
    const hub = noticeHub(plainClients(1));
    expect(() => hub.call('previewEmail', 'TERMINATION_NOTICE', ref(0))).toThrow(
      /\{\{Referral Resources\}\}.*Settings tab/,
    );
    setSetting(hub, 'Referral Resources', 'County helpline: 555-0100');
    expect(hub.call<Preview>('previewEmail', 'TERMINATION_NOTICE', ref(0)).textBody).toContain(
      'County helpline: 555-0100',
    );
  });

  it('a staff email not about one case is not previewed for a case', () => {
    const hub = noticeHub(plainClients(1));
    expect(() => hub.call('previewEmail', 'STAFF_DIGEST', ref(0))).toThrow(/STAFF_DIGEST is not about one case/);
  });
});

describe('resolveUnconfirmed', () => {
  it('refuses to settle an email that is not unconfirmed', () => {
    const hub = noticeHub(plainClients(1));
    hub.call('sendDepartureNotices', DEPARTURE, {});
    expect(() => hub.call('resolveUnconfirmed', ref(0), NOTICE, { sent: true })).toThrow(
      /no unconfirmed DEPARTURE_NOTICE email to settle \(the Email Ledger says "sent"\)/,
    );
    expect(() => hub.call('resolveUnconfirmed', ref(0), NOTICE, {})).toThrow(/\{ sent: true \} or \{ sent: false \}/);
  });
});
