/**
 * Starting and sharing a departure: every refusal names what is wrong and
 * writes nothing, a short notice is allowed but warned about and logged, a
 * client already being worked is not given a second case, and a run cut
 * short is finished by running it again, never duplicated.
 */
import { D1, DANA, DANA_EMAIL, departureHub, fileAt, ok, run, sheetRecords, START } from '../../support/departure';
import { setCell } from '../../support/email';

const text = (v: unknown): string => String(v ?? '').trim();

describe('startDeparture refuses, naming the problem, and writes nothing', () => {
  const { hub } = departureHub();
  hub.seed('Clinicians', [
    { Name: 'Pat Empty', Email: 'pat.empty@clinic.example.com', Status: 'Active', 'Accepting New Clients': true },
  ]);
  setCell(hub.emu, hub.hubId, 'Clinicians', { header: 'Name', value: 'Quinn Whitfield' }, 'Status', 'Left', hub.admin);

  const refused = (input: unknown, user = hub.admin): string => {
    const before = hub.snapshot();
    const r = hub.runner.run('startDeparture', [input], { user });
    expect(r.ok).toBe(false);
    expect(hub.snapshot()).toBe(before);
    return r.error ?? '';
  };

  it.each([
    ['an unknown clinician', { ...START, clinician: 'Nobody Here' }, 'No clinician "Nobody Here"'],
    ['an unknown clinician email', { ...START, clinician: 'nobody@clinic.example.com' }, 'by Email'],
    ['a clinician already Left', { ...START, clinician: 'Quinn Whitfield' }, 'marked Left'],
    [
      'a notice date not written YYYY-MM-DD',
      { ...START, noticeDate: '11/20/2026' },
      'notice date "11/20/2026" is not a date',
    ],
    ['a last day that is no date', { ...START, lastDay: '2026-02-30' }, 'last day "2026-02-30" is not a date'],
    [
      'a last day before the notice date',
      { ...START, noticeDate: '2026-12-18', lastDay: '2026-12-01' },
      'before the notice date',
    ],
    ['a clinician with no Active clients', { ...START, clinician: 'Pat Empty' }, 'has no Active clients'],
    ['no input at all', null, 'needs {clinician, noticeDate, lastDay}'],
  ])('refuses %s', (_what, input, message) => {
    const error = refused(input);
    expect(error).toContain(message);
    expect(error).toContain('Nothing was changed');
  });

  it('refuses a CSR: starting a departure is for a transition manager', () => {
    expect(refused(START, hub.csr)).toContain('transition manager');
  });

  it('finds the clinician by email as well as by name', () => {
    const r = ok<{ departureId: string; added: number }>(
      run(hub, 'startDeparture', { ...START, clinician: DANA_EMAIL.toUpperCase() }),
    );
    expect(r.departureId).toBe(D1);
    expect(r.added).toBeGreaterThan(0);
  });
});

describe('a short notice', () => {
  it('is allowed, with a warning in the result and a Log row', () => {
    const { hub, listed } = departureHub();
    const r = ok<{ added: number; warnings: string[] }>(
      run(hub, 'startDeparture', { clinician: DANA, noticeDate: '2026-11-26', lastDay: '2026-12-04' }),
    );
    expect(r.added).toBe(listed.length);
    expect(r.warnings).toEqual([
      expect.stringContaining('Only 8 days between the notice (11/26/2026) and the last day (12/4/2026)'),
    ]);
    expect(r.warnings[0]).toContain('two weeks');
    const logged = hub.rows('Log').filter((x) => x.Action === 'Departure warning');
    expect(logged).toEqual([expect.objectContaining({ Ref: D1, Details: r.warnings[0] })]);
  });

  it('is not warned about when the notice is two weeks or more', () => {
    const { hub } = departureHub();
    const r = ok<{ warnings: string[] }>(
      run(hub, 'startDeparture', { clinician: DANA, noticeDate: '2026-11-20', lastDay: '2026-12-04' }),
    );
    expect(r.warnings).toEqual([]);
    expect(hub.rows('Log').filter((x) => x.Action === 'Departure warning')).toEqual([]);
  });
});

describe('a client already being worked', () => {
  it('gets no second case: the open client-request case carries the departure', () => {
    const { hub, listed } = departureHub();
    const client = listed[0];
    hub.seed('Reassignments', [
      {
        Ref: 'R-000500',
        Opened: '2026-11-10',
        Source: 'Client request',
        'Client ID': text(client['Client ID']),
        'Client Name': 'x',
        'Previous Clinician': DANA,
        Reason: 'Schedule conflict',
        Status: 'Contacting',
      },
    ]);
    const r = ok<{ added: number; warnings: string[] }>(run(hub, 'startDeparture', START));
    expect(r.added).toBe(listed.length - 1);
    expect(r.warnings).toEqual([
      expect.stringContaining(`Client ${text(client['Client ID'])} already has an open case R-000500`),
    ]);
    const refs = hub
      .rows('Reassignments')
      .filter((c) => text(c['Client ID']) === text(client['Client ID']))
      .map((c) => c.Ref);
    expect(refs).toEqual(['R-000500']);
    // New Refs continue after the highest on the tab.
    expect(hub.rows('Reassignments').map((c) => c.Ref)).toContain('R-000501');
  });
});

describe('a run cut short', () => {
  it('of startDeparture leaves nothing behind, and running it again lists everyone once', () => {
    const { hub, listed } = departureHub({ danaActive: 20 });
    const before = hub.snapshot();
    hub.emu.kernel.injectFault({ method: 'Range.setValues', nth: 2, kind: 'kill-after' });
    const cut = run(hub, 'startDeparture', START);
    expect(cut.killed).toBeTruthy();
    expect(hub.snapshot()).toBe(before);
    ok(run(hub, 'startDeparture', START));
    expect(hub.rows('Departures')).toHaveLength(1);
    expect(hub.rows('Reassignments')).toHaveLength(listed.length);
  });

  it('of shareDepartureSheet after the file was made reuses that file when run again', () => {
    const { hub, listed } = departureHub({ danaActive: 20 });
    ok(run(hub, 'startDeparture', START));
    hub.emu.kernel.injectFault({ method: 'Spreadsheet.addEditor', nth: 1, kind: 'kill-before' });
    const cut = run(hub, 'shareDepartureSheet', D1);
    expect(cut.killed).toBeTruthy();
    const share = ok<{ url: string; created: boolean }>(run(hub, 'shareDepartureSheet', D1));
    expect(share.created).toBe(false);
    const files = hub.emu.sheets.all().filter((b) => b.id !== hub.hubId);
    expect(files).toHaveLength(1);
    const fileId = fileAt(hub.emu, share.url);
    expect(sheetRecords(hub.emu, fileId)).toHaveLength(listed.length);
    expect(hub.emu.sheets.get(fileId)!.editors).toEqual([DANA_EMAIL]);
    expect(hub.rows('Departures')[0]['Transition Sheet URL']).toBe(share.url);
  });
});

describe('sharing refuses, naming the problem', () => {
  it('an unknown departure, one not shared yet for sync, and a therapist without a valid email', () => {
    const { hub } = departureHub();
    expect(run(hub, 'shareDepartureSheet', 'D-0099').error).toContain('There is no departure "D-0099"');
    ok(run(hub, 'startDeparture', START));
    expect(run(hub, 'syncDepartureSheet', D1).error).toContain('has not been shared with the therapist yet');
    setCell(
      hub.emu,
      hub.hubId,
      'Departures',
      { header: 'Departure ID', value: D1 },
      'Email',
      'dana at clinic',
      hub.admin,
    );
    const before = hub.emu.sheets.all().length;
    expect(run(hub, 'shareDepartureSheet', D1).error).toContain('no valid therapist Email');
    expect(hub.emu.sheets.all()).toHaveLength(before);
  });
});
