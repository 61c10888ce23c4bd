/**
 * Opening a client's request, the wizard's reads (client list, one client
 * with their matches, the schedule check), contact corrections and drafts —
 * on the built bundle in the emulator.
 */
import { setSetting } from '../../support/hub';
import { only, openRequest, refusal, requestHub } from '../../support/request';

describe('requestReassignment', () => {
  it('opens a Client request case: Status New, opened today, the reason, the current clinician as Previous Clinician', () => {
    const hub = requestHub();
    const r = hub.callAs<{ ref: string; clientName: string; previousClinician: string; warnings: string[] }>(
      hub.csr,
      'requestReassignment',
      { clientId: '00901', reason: 'Schedule conflict', details: 'Needs evenings; prefers CBT.' },
    );
    expect(r.ref).toMatch(/^R-\d{6}$/);
    expect(r.previousClinician).toBe('Gus Current');
    expect(r.warnings).toEqual([]);
    const c = only(hub, 'Reassignments', 'Ref', r.ref, true);
    expect(c).toMatchObject({
      Source: 'Client request',
      Status: 'New',
      Opened: '11/26/2026',
      'Client ID': '00901',
      'Client Name': 'Mia Tester',
      'Previous Clinician': 'Gus Current',
      Reason: 'Schedule conflict',
      'Updated By': hub.csr,
      'Departure ID': '',
    });
  });

  it('keeps what the client is looking for in the Interaction Notes, and out of the Log', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901', 'Not a good fit', 'Wants someone with trauma experience.');
    const note = only(hub, 'Interaction Notes', 'Ref', ref);
    expect(note).toMatchObject({
      'Client ID': '00901',
      Author: hub.csr,
      Channel: 'Client request',
      Note: 'Wants someone with trauma experience.',
    });
    const log = hub.rows('Log').filter((l) => l.Ref === ref);
    expect(log.map((l) => l.Action)).toEqual(['Reassignment requested']);
    expect(String(log[0].Details)).not.toContain('trauma');
  });

  it('writes no note when the client said nothing more', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    expect(hub.rows('Interaction Notes').filter((n) => n.Ref === ref)).toEqual([]);
  });

  it('gives each new case the next Ref after the largest on the tab', () => {
    const hub = requestHub();
    const a = openRequest(hub, '00901');
    const b = openRequest(hub, '00903');
    expect(Number(b.slice(2))).toBe(Number(a.slice(2)) + 1);
  });

  it('accepts the reason in any capitalisation and records the vocabulary spelling', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901', '  insurance CHANGE ');
    expect(only(hub, 'Reassignments', 'Ref', ref).Reason).toBe('Insurance change');
  });

  it('keeps a hostile name exactly as text in Client Name', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00905');
    expect(only(hub, 'Reassignments', 'Ref', ref)['Client Name']).toBe(
      '=HYPERLINK("http://example.invalid","x") +SUM(1)',
    );
  });

  it('warns, without refusing, for a client who is not Active', () => {
    const hub = requestHub();
    const r = hub.callAs<{ warnings: string[] }>(hub.csr, 'requestReassignment', {
      clientId: '00904',
      reason: 'Other',
    });
    expect(r.warnings.join(' ')).toContain('00904 is Inactive');
  });

  it.each([
    ['an unknown client', { clientId: '99999', reason: 'Other' }, /no client with Client ID "99999"/],
    ['a blank client', { clientId: '  ', reason: 'Other' }, /Choose the client/],
    [
      'a reason outside the vocabulary',
      { clientId: '00901', reason: 'Bored' },
      /"Bored" is not a reason.*Not a good fit, Schedule conflict, Insurance change, Clinician no longer with practice, Other/,
    ],
    ['no reason', { clientId: '00901' }, /Choose the reason/],
    ['details far too long', { clientId: '00901', reason: 'Other', details: 'x'.repeat(5001) }, /5001 characters/],
  ])('refuses %s and writes nothing', (_what, input, message) => {
    const hub = requestHub();
    const before = hub.snapshot();
    expect(refusal(() => hub.callAs(hub.csr, 'requestReassignment', input))).toMatch(message);
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses a client who already has an open case, naming that case, and writes nothing', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    const before = hub.snapshot();
    const message = refusal(() => openRequest(hub, '00901', 'Other'));
    expect(message).toContain(`already has an open case ${ref}`);
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses someone who is neither a CSR nor an admin, before writing anything', () => {
    const hub = requestHub();
    const before = hub.snapshot();
    expect(
      refusal(() =>
        hub.callAs('ana@clinic.example.com', 'requestReassignment', { clientId: '00901', reason: 'Other' }),
      ),
    ).toMatch(/needs a CSR/);
    expect(hub.snapshot()).toBe(before);
  });
});

describe('the wizard reads', () => {
  type Choice = { clientId: string; name: string; status: string; clinician: string; openRef: string };

  it('lists every client once, Active ones first, inactive ones marked, with their open case', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00903');
    const list = hub.callAs<{ clients: Choice[]; reasons: string[]; prompt: string }>(hub.csr, 'getRequestClients');
    const ids = list.clients.map((c) => c.clientId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['00901', '00904', '00905']));
    const firstInactive = list.clients.findIndex((c) => c.status !== 'Active');
    expect(list.clients.slice(firstInactive).every((c) => c.status !== 'Active')).toBe(true);
    expect(list.clients.find((c) => c.clientId === '00904')).toMatchObject({
      status: 'Inactive',
      name: 'Ivy Inactive',
    });
    expect(list.clients.find((c) => c.clientId === '00903')?.openRef).toBe(ref);
    expect(list.clients.find((c) => c.clientId === '00901')?.openRef).toBe('');
    expect(list.reasons).toEqual([
      'Not a good fit',
      'Schedule conflict',
      'Insurance change',
      'Clinician no longer with practice',
      'Other',
    ]);
    expect(list.prompt).toBe(
      "Can you tell me more about what you're looking for in a therapist or a different approach?",
    );
  });

  type Client = {
    email: string;
    phone: string;
    insurance: string;
    medicaid: boolean;
    portalAccess: boolean;
    documentsComplete: boolean;
    lastIntake: string | null;
    openCase: { ref: string; source: string } | null;
    matches: { name: string; reasons: string[]; activeClients: number }[];
    excluded: { name: string; why: string }[];
  };
  const why = (c: Client, name: string): string => c.excluded.find((x) => x.name === name)?.why ?? '(matched)';
  const names = (c: Client): string[] => c.matches.map((m) => m.name);

  it('matches only Active clinicians who accept new clients and take the insurance, never the current one', () => {
    const hub = requestHub();
    const c = hub.callAs<Client>(hub.csr, 'getRequestClient', '00901');
    expect(names(c)).toEqual(expect.arrayContaining(['Ana Able', 'Dee Plain']));
    for (const out of ['Ben Busy', 'Cy Cigna', 'Eve Departing', 'Finn Left', 'Gus Current'])
      expect(names(c)).not.toContain(out);
    expect(why(c, 'Ben Busy')).toBe('Not accepting new clients');
    expect(why(c, 'Cy Cigna')).toBe('Does not take Aetna');
    expect(why(c, 'Eve Departing')).toContain('Not active (Status is Departing)');
    expect(why(c, 'Gus Current')).toBe('Current clinician');
  });

  it('asks for Medicaid credentials only for a Medicaid client', () => {
    const hub = requestHub();
    const medicaid = hub.callAs<Client>(hub.csr, 'getRequestClient', '00902');
    expect(names(medicaid)).toContain('Ana Able');
    expect(names(medicaid)).not.toContain('Dee Plain');
    expect(why(medicaid, 'Dee Plain')).toBe('Not Medicaid-credentialed');
    expect(medicaid.matches.find((m) => m.name === 'Ana Able')?.reasons).toContain('Medicaid-credentialed');
    expect(names(hub.callAs<Client>(hub.csr, 'getRequestClient', '00901'))).toContain('Dee Plain');
  });

  it('ranks the clinician with fewer Active clients first, counted from the Clients tab', () => {
    const hub = requestHub();
    const c = hub.callAs<Client>(hub.csr, 'getRequestClient', '00901');
    const ana = c.matches.find((m) => m.name === 'Ana Able')!;
    const dee = c.matches.find((m) => m.name === 'Dee Plain')!;
    expect(ana.activeClients).toBe(2);
    expect(dee.activeClients).toBe(0);
    expect(names(c).indexOf('Dee Plain')).toBeLessThan(names(c).indexOf('Ana Able'));
    const counts = c.matches.map((m) => m.activeClients);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('shows the contact details and checklist facts as the Clients tab has them', () => {
    const hub = requestHub();
    const c = hub.callAs<Client>(hub.csr, 'getRequestClient', '00905');
    expect(c).toMatchObject({
      email: '00905@mail.example.com',
      phone: '+15550100',
      insurance: 'Aetna',
      medicaid: false,
      portalAccess: true,
      documentsComplete: true,
      lastIntake: '2026-06-01',
      openCase: null,
    });
    expect(hub.callAs<Client>(hub.csr, 'getRequestClient', '00901').documentsComplete).toBe(false);
  });

  it('names the open case of a client so the wizard completes it instead of opening another', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    expect(hub.callAs<Client>(hub.csr, 'getRequestClient', '00901').openCase).toMatchObject({
      ref,
      source: 'Client request',
    });
  });

  it('refuses an unknown client with a message naming the ID', () => {
    const hub = requestHub();
    expect(refusal(() => hub.callAs(hub.csr, 'getRequestClient', 'nope'))).toContain('"nope"');
  });
});

describe('checkSchedule: "if the last intake was over 6 months ago, schedule the next session as an intake"', () => {
  type Facts = {
    intakeRequired: boolean;
    intakeBoundary: string;
    omhcRequired: boolean;
    omhcDate: string | null;
    notes: string[];
    nextSession: string;
  };

  it('is not an intake when the last intake is exactly the lookback before the session', () => {
    const hub = requestHub();
    const f = hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2026-12-01');
    expect(f.intakeBoundary).toBe('2026-06-01');
    expect(f.intakeRequired).toBe(false);
  });

  it('is an intake when the last intake is one day older than the lookback', () => {
    const hub = requestHub();
    const f = hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2026-12-02T09:00');
    expect(f.intakeRequired).toBe(true);
    expect(f.nextSession).toBe('2026-12-02 09:00');
    expect(f.notes[0]).toMatch(/^Schedule as intake/);
  });

  it('follows the Intake Lookback Months setting', () => {
    const hub = requestHub();
    setSetting(hub, 'Intake Lookback Months', 12);
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2026-12-02').intakeRequired).toBe(false);
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2027-06-02').intakeRequired).toBe(true);
  });

  it('is an intake when there is no Last Intake Date', () => {
    const hub = requestHub();
    hub.seed('Clients', [
      {
        'Client ID': '00950',
        'First Name': 'New',
        'Last Name': 'Person',
        Clinician: 'Gus Current',
        Status: 'Active',
        Insurance: 'Aetna',
      },
    ]);
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00950', '2026-12-01').intakeRequired).toBe(true);
  });

  it('says OMHC is required for a Medicaid client and shows the date on record', () => {
    const hub = requestHub();
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00902', '2026-12-01')).toMatchObject({
      omhcRequired: true,
      omhcDate: null,
    });
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00909', '2026-12-01')).toMatchObject({
      omhcRequired: true,
      omhcDate: '2026-10-01',
    });
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2026-12-01').omhcRequired).toBe(false);
  });

  // The hub's clock reads Thursday 11/26/2026 2:00 PM in New York.
  it('refuses a next session already past, where it is typed, naming both dates as the sheet shows them', () => {
    const hub = requestHub();
    const before = hub.snapshot();
    expect(refusal(() => hub.callAs(hub.csr, 'checkSchedule', '00901', '2026-01-05'))).toBe(
      'The next session 1/5/2026 is before today (11/26/2026): enter the date of the session still to come. Nothing was changed.',
    );
    expect(refusal(() => hub.callAs(hub.csr, 'checkSchedule', '00901', '2026-11-26T09:30'))).toMatch(
      /^The next session at 9:30 AM today has already passed/,
    );
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2026-11-26T16:00').nextSession).toBe(
      '2026-11-26 16:00',
    );
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00901', '2026-11-26').nextSession).toBe('2026-11-26');
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses an OMHC assessment dated after today where it is typed, and takes one up to today', () => {
    const hub = requestHub();
    expect(refusal(() => hub.callAs(hub.csr, 'checkSchedule', '00902', '2026-12-01', '2026-11-27'))).toMatch(
      /^The OMHC assessment date 11\/27\/2026 is after today \(11\/26\/2026\)/,
    );
    expect(hub.callAs<Facts>(hub.csr, 'checkSchedule', '00902', '2026-12-01', '2026-11-26').omhcRequired).toBe(true);
    expect(refusal(() => hub.callAs(hub.csr, 'checkSchedule', '00902', '2026-12-01', 'soon'))).toMatch(
      /OMHC assessment date "soon" is not a date/,
    );
  });

  it.each(['12/01/2026', '2026-02-30', '2026-12-01T25:00', ''])(
    'refuses the next session "%s" with a message saying the format',
    (value) => {
      const hub = requestHub();
      expect(refusal(() => hub.callAs(hub.csr, 'checkSchedule', '00901', value))).toMatch(/YYYY-MM-DD|time of day/);
    },
  );
});

describe('updateClientContact', () => {
  it('writes the email and phone to Clients exactly as typed, with one Log row', () => {
    const hub = requestHub();
    const r = hub.callAs<{ changed: string[]; phone: string }>(hub.csr, 'updateClientContact', '00901', {
      email: ' mia.new@mail.example.com ',
      phone: '+1 555 010 9999',
      ref: 'R-000001',
    });
    expect(r.changed).toEqual(['Email', 'Phone']);
    const c = only(hub, 'Clients', 'Client ID', '00901');
    expect(c.Email).toBe('mia.new@mail.example.com');
    expect(c.Phone).toBe('+1 555 010 9999');
    const log = hub.rows('Log').filter((l) => l.Action === 'Client contact updated');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ User: hub.csr, Ref: 'R-000001' });
    expect(String(log[0].Details)).toContain('Client 00901');
  });

  it('keeps a phone that Sheets would turn into a number or a formula as text', () => {
    const hub = requestHub();
    hub.callAs(hub.csr, 'updateClientContact', '00901', { phone: '+15550100' });
    expect(only(hub, 'Clients', 'Client ID', '00901').Phone).toBe('+15550100');
    hub.callAs(hub.csr, 'updateClientContact', '00901', { phone: '0015550100' });
    expect(only(hub, 'Clients', 'Client ID', '00901').Phone).toBe('0015550100');
  });

  it('changes only what was given and writes no Log row when nothing changed', () => {
    const hub = requestHub();
    const r = hub.callAs<{ changed: string[] }>(hub.csr, 'updateClientContact', '00901', {
      email: '00901@mail.example.com',
    });
    expect(r.changed).toEqual([]);
    expect(hub.rows('Log').filter((l) => l.Action === 'Client contact updated')).toEqual([]);
    expect(only(hub, 'Clients', 'Client ID', '00901').Phone).toBe('555-010-0000');
  });

  it.each([
    [{ email: 'not an email' }, /"not an email" is not an email address/],
    [{ email: 'a@b' }, /is not an email address/],
    [{ phone: '=1+1' }, /is not a phone number/],
    [{ phone: '123' }, /is not a phone number/],
  ])('refuses %j and writes nothing', (input, message) => {
    const hub = requestHub();
    const before = hub.snapshot();
    expect(refusal(() => hub.callAs(hub.csr, 'updateClientContact', '00901', input))).toMatch(message);
    expect(hub.snapshot()).toBe(before);
  });
});

describe('request drafts', () => {
  it('keeps a half-finished request for the person who saved it, and resumes it', () => {
    const hub = requestHub();
    hub.callAs(hub.csr, 'saveRequestDraft', {
      step: 2,
      clientId: '00901',
      reason: 'Other',
      details: 'Café ☕ evenings',
    });
    expect(hub.callAs<Record<string, unknown>>(hub.csr, 'loadRequestDraft')).toMatchObject({
      step: 2,
      clientId: '00901',
      details: 'Café ☕ evenings',
    });
    expect(hub.callAs(hub.admin, 'loadRequestDraft')).toBeNull();
  });

  it('is cleared by cancelling', () => {
    const hub = requestHub();
    hub.callAs(hub.csr, 'saveRequestDraft', { step: 1, clientId: '00901' });
    expect(hub.callAs(hub.csr, 'clearRequestDraft')).toEqual({ cleared: true });
    expect(hub.callAs(hub.csr, 'loadRequestDraft')).toBeNull();
  });

  it('refuses a draft too large to keep, and keeps the earlier one', () => {
    const hub = requestHub();
    hub.callAs(hub.csr, 'saveRequestDraft', { step: 1, clientId: '00901' });
    expect(refusal(() => hub.callAs(hub.csr, 'saveRequestDraft', { step: 1, details: 'x'.repeat(9000) }))).toMatch(
      /is 9\d{3} characters; at most 8000 can be kept/,
    );
    expect(hub.callAs(hub.csr, 'loadRequestDraft')).toMatchObject({ clientId: '00901' });
  });

  it('writes nothing to the workbook', () => {
    const hub = requestHub();
    const before = hub.snapshot();
    hub.callAs(hub.csr, 'saveRequestDraft', { step: 1, clientId: '00901' });
    expect(hub.snapshot()).toBe(before);
  });
});
