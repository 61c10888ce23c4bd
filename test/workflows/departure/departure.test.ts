/**
 * A therapist's departure walked end to end on the built bundle: Dana
 * Whitfield leaves with 60 Active clients on a messy roster. Start lists
 * them, Share gives her a sheet of her own cases only, she records
 * preferences, Sync brings them back, the hub's own edits stand, and
 * close-out and the nightly run finish the departure and end her access.
 */
import { PREFERENCE } from '../../../src/server/core/schema';
import {
  byHandOn,
  D1,
  DANA,
  DANA_EMAIL,
  SHARED_PARENT,
  departureHub,
  DepartureHub,
  fileAt,
  leaksOf,
  ok,
  Rec,
  run,
  sheetCell,
  sheetRecords,
  START,
  therapistTypes,
} from '../../support/departure';
import { setCell } from '../../support/email';

const text = (v: unknown): string => String(v ?? '').trim();
const cases = (d: DepartureHub): Rec[] => d.hub.rows('Reassignments');
const logRows = (d: DepartureHub, action: string): Rec[] => d.hub.rows('Log').filter((r) => r.Action === action);
const clinician = (d: DepartureHub, name: string): Rec => d.hub.rows('Clinicians').find((c) => c.Name === name) as Rec;
const caseOf = (d: DepartureHub, ref: string): Rec => cases(d).find((c) => c.Ref === ref) as Rec;
const expectedName = (c: Rec): string =>
  [text(c['Preferred Name']) || text(c['First Name']), text(c['Last Name'])].filter(Boolean).join(' ');

interface StartResult {
  departureId: string;
  added: number;
  alreadyListed: number;
  warnings: string[];
  message: string;
}
interface ShareResult {
  url: string;
  added: number;
  created: boolean;
  warnings: string[];
}
interface SyncResult {
  updated: number;
  flagged: number;
  invalid: { ref: string; header: string; value: string }[];
  missing: string[];
  messages: string[];
}

describe('a departure of 60 clients, end to end', () => {
  const d = departureHub({ danaActive: 60 });
  const { hub } = d;
  let url = '';
  let fileId = '';
  let start: StartResult;

  it('lists every Active client of the therapist as a New case, and nobody else', () => {
    start = ok<StartResult>(run(hub, 'startDeparture', START));
    expect(start).toMatchObject({ departureId: D1, added: 60, alreadyListed: 0, warnings: [] });
    const rows = cases(d);
    expect(rows).toHaveLength(60);
    expect(rows.map((c) => text(c['Client ID'])).sort()).toEqual(d.listed.map((c) => text(c['Client ID'])).sort());
    expect(new Set(rows.map((c) => c.Ref)).size).toBe(60);
    const byId = new Map(d.listed.map((c) => [text(c['Client ID']), c]));
    for (const c of rows) {
      expect(c).toMatchObject({
        Source: 'Departure',
        'Departure ID': D1,
        'Previous Clinician': DANA,
        Reason: 'Clinician no longer with practice',
        Status: 'New',
        'Updated By': hub.admin,
      });
      expect(c.Ref).toMatch(/^R-\d{6}$/);
      // Names come across exactly, hostile ones included; Preferred Name first.
      expect(c['Client Name']).toBe(expectedName(byId.get(text(c['Client ID'])) as Rec));
    }
    expect(rows.some((c) => text(c['Client ID']).startsWith('0'))).toBe(true);
  });

  it('adds the Departures row and marks the clinician Departing with her last day', () => {
    const [dep, ...more] = hub.rows('Departures', { display: true });
    expect(more).toEqual([]);
    expect(dep).toMatchObject({
      'Departure ID': D1,
      Clinician: DANA,
      Email: DANA_EMAIL,
      'Notice Received': '11/20/2026',
      'Last Day': '12/18/2026',
      'Transition Sheet URL': '',
      'Active Clients': '60',
      'Notices Sent': '0',
      Open: '60',
      Status: 'Open',
    });
    const dana = hub.rows('Clinicians', { display: true }).find((c) => c.Name === DANA) as Rec;
    expect(dana).toMatchObject({ Status: 'Departing', 'Last Day': '12/18/2026' });
    expect(logRows(d, 'Start departure').map((r) => r.Ref)).toEqual([D1]);
  });

  it('run again, adds nobody and says they are all listed', () => {
    const again = ok<StartResult>(run(hub, 'startDeparture', START));
    expect(again).toMatchObject({ departureId: D1, added: 0, alreadyListed: 60 });
    expect(again.message).toContain('already listed');
    expect(cases(d)).toHaveLength(60);
    expect(hub.rows('Departures')).toHaveLength(1);
  });

  it('run again after the roster gained two clients, adds only those two', () => {
    hub.seed('Clients', [
      {
        'Client ID': '09901',
        'First Name': 'Late',
        'Last Name': 'Addition',
        Email: 'late.addition@mail.example.org',
        Phone: '555-040-0001',
        Clinician: DANA,
        Status: 'Active',
        Insurance: 'Aetna',
      },
      {
        'Client ID': '99902',
        'First Name': 'Second',
        'Last Name': 'Late',
        Email: 'second.late@mail.example.org',
        Phone: '555-040-0002',
        Clinician: DANA,
        Status: 'Active',
        Insurance: 'Aetna',
      },
    ]);
    d.listed.push(...hub.rows('Clients').filter((c) => ['09901', '99902'].includes(text(c['Client ID']))));
    const again = ok<StartResult>(run(hub, 'startDeparture', START));
    expect(again).toMatchObject({ added: 2, alreadyListed: 60 });
    expect(cases(d).map((c) => text(c['Client ID']))).toEqual(expect.arrayContaining(['09901', '99902']));
    expect(cases(d)).toHaveLength(62);
    expect(hub.rows('Departures', { display: true })[0]['Active Clients']).toBe('62');
  });

  it('shares a separate spreadsheet named for the therapist and last day, with only her cases and the columns she needs', () => {
    const share = ok<ShareResult>(run(hub, 'shareDepartureSheet', D1));
    expect(share).toMatchObject({ added: 62, created: true });
    url = share.url;
    fileId = fileAt(hub.emu, url);
    expect(fileId).not.toBe(hub.hubId);
    const book = hub.emu.sheets.get(fileId)!;
    expect(book.name).toBe('Transition – Dana Whitfield – last day 2026-12-18');
    expect(book.sheets.map((s) => s.name)).toEqual(['Clients']);
    expect(book.editors.map((e) => e.toLowerCase())).toEqual([DANA_EMAIL]);
    expect(hub.rows('Departures')[0]['Transition Sheet URL']).toBe(url);

    const { values } = hub.emu.sheets.peek(fileId, 'Clients');
    expect(text(values[0][0])).toContain('record their Preference');
    expect(values[1]).toEqual(['Ref', 'Client Name', 'Email', 'Phone', 'Preference', 'Recommended Clinician', 'Notes']);
    const rows = sheetRecords(hub.emu, fileId);
    expect(rows.map((r) => r.Ref).sort()).toEqual(
      cases(d)
        .map((c) => c.Ref)
        .sort(),
    );
    const clientById = new Map(d.listed.map((c) => [text(c['Client ID']), c]));
    for (const r of rows) {
      const c = caseOf(d, r.Ref);
      const client = clientById.get(text(c['Client ID'])) as Rec;
      // Exactly the roster's text: '+1 555 …' phones and '=…' names stay text.
      expect([r['Client Name'], r.Email, r.Phone]).toEqual([c['Client Name'], text(client.Email), text(client.Phone)]);
    }
  });

  it('holds nothing of any other client: no cell, note, validation list, sheet or name', () => {
    expect(d.others.length).toBeGreaterThan(30);
    expect(leaksOf(hub.emu, fileId, d.others, d.listed)).toEqual([]);
    // The scan does find a client's data when it is there.
    expect(leaksOf(hub.emu, fileId, d.listed.slice(0, 3), [])).not.toEqual([]);
  });

  it("gives Preference and Recommended Clinician the practice's dropdowns, as lists of values", () => {
    const book = hub.emu.sheets.get(fileId)!;
    const sheet = book.sheets[0];
    const rules = JSON.stringify(sheet.styles.validation?.toJSON((v: unknown) => v) ?? []);
    const accepting = hub
      .rows('Clinicians')
      .filter((c) => c.Status === 'Active' && c['Accepting New Clients'] === true && c.Name !== DANA)
      .map((c) => text(c.Name))
      .sort();
    expect(accepting.length).toBeGreaterThan(2);
    for (const p of PREFERENCE) expect(rules).toContain(JSON.stringify(p));
    for (const name of accepting) expect(rules).toContain(JSON.stringify(name));
    expect(rules).not.toContain(JSON.stringify(DANA));
    expect(rules).not.toContain('"Jamie Whitfield"'); // Active but not accepting new clients
    expect(rules).not.toContain('$range'); // never a range: it would point at the hub
    // The dropdown refuses what is not on it.
    const bad = therapistTypes(hub.emu, fileId, 'Preference', 3, 'Maybe later');
    expect(bad.rejected).toBeTruthy();
  });

  it('lets the therapist edit Preference, Recommended Clinician and Notes, correct contact details only past a warning, and nothing else', () => {
    const row = 20;
    const edit = (header: string, value: string) => therapistTypes(hub.emu, fileId, header, row, value);
    expect(edit('Preference', 'Client will choose').rejected).toBeUndefined();
    expect(edit('Recommended Clinician', 'Morgan Whitfield').rejected).toBeUndefined();
    expect(edit('Notes', 'Talked on the phone').rejected).toBeUndefined();
    for (const header of ['Ref', 'Client Name']) expect(edit(header, 'changed').rejected).toBeTruthy();
    const before = sheetRecords(hub.emu, fileId).find((r) => r.row === String(row))!;
    for (const header of ['Email', 'Phone'] as const) {
      const r = edit(header, before[header] as string); // retyped as it was (plain-text cells): she confirms rather than corrects
      expect(r.rejected).toBeUndefined();
      expect(r.warning).toMatch(/should not be changed accidentally/);
    }
    const protection = hub.emu.sheets.get(fileId)!.protections[0];
    expect(protection.editors.map((e) => e.toLowerCase())).not.toContain(DANA_EMAIL);
  });

  describe('syncing her sheet back', () => {
    let sheet: ReturnType<typeof sheetRecords>;
    const at = (i: number) => sheet[i];
    let deletedRef = '';
    let contactRef = '';
    let invalidRef = '';

    it("copies the preferences, recommendations and notes she recorded, one Log row per case, never the notes' text", () => {
      sheet = sheetRecords(hub.emu, fileId);
      const type = (i: number, header: string, value: string) => {
        const r = therapistTypes(hub.emu, fileId, header, Number(at(i).row), value);
        expect(r.rejected).toBeUndefined();
      };
      type(0, 'Preference', 'Reassign to recommended clinician');
      type(0, 'Recommended Clinician', 'Riley Whitfield');
      type(1, 'Preference', 'Refer out');
      type(2, 'Notes', 'Grieving; prefers a calm, slow start');
      const result = ok<SyncResult>(run(hub, 'syncDepartureSheet', D1));
      // Row 20 was typed in the protection test above: four cases in all.
      expect(result.updated).toBe(4);
      expect(result.flagged).toBe(0);
      expect(caseOf(d, at(0).Ref)).toMatchObject({
        Preference: 'Reassign to recommended clinician',
        'Recommended Clinician': 'Riley Whitfield',
        'Updated By': DANA_EMAIL,
      });
      expect(caseOf(d, at(1).Ref).Preference).toBe('Refer out');
      expect(caseOf(d, at(2).Ref).Notes).toBe('Grieving; prefers a calm, slow start');
      const logs = logRows(d, 'Therapist sheet sync');
      const typedInProtectionTest = sheet.find((r) => r.row === '20')!.Ref;
      expect(logs.map((r) => r.Ref).sort()).toEqual([at(0).Ref, at(1).Ref, at(2).Ref, typedInProtectionTest].sort());
      const notesLog = logs.find((r) => r.Ref === at(2).Ref) as Rec;
      expect(notesLog.Details).toContain('Notes updated');
      expect(JSON.stringify(hub.rows('Log'))).not.toContain('Grieving');
      expect(text(logs.find((r) => r.Ref === at(0).Ref)?.Details)).toContain(
        'Preference: Reassign to recommended clinician',
      );
    });

    it('changes nothing when synced again with nothing new', () => {
      const before = cases(d);
      const result = ok<SyncResult>(run(hub, 'syncDepartureSheet', D1));
      expect(result).toMatchObject({ updated: 0, flagged: 0, invalid: [], missing: [] });
      expect(cases(d)).toEqual(before);
    });

    it('syncs from the menu too (Handoff ▸ Sync therapist sheets), with a toast saying what changed', () => {
      const type = therapistTypes(hub.emu, fileId, 'Preference', Number(at(3).row), 'Discharge');
      expect(type.rejected).toBeUndefined();
      hub.emu.users.setActive(hub.admin);
      expect(hub.runner.open({ user: hub.admin }).ok).toBe(true);
      const toastsBefore = hub.emu.sheets.ui.toasts.length;
      const click = hub.runner.clickMenu('Handoff', 'Sync therapist sheets');
      expect(click.ok).toBe(true);
      expect(caseOf(d, at(3).Ref).Preference).toBe('Discharge');
      const toast = hub.emu.sheets.ui.toasts
        .slice(toastsBefore)
        .map((t) => JSON.stringify(t))
        .join(' ');
      expect(toast).toContain('Synced 1 sheet: 1 case updated, 0 flagged for review.');
    });

    it("keeps a CSR's later edit in the hub when her cell is unchanged", () => {
      setCell(
        hub.emu,
        hub.hubId,
        'Reassignments',
        { header: 'Ref', value: at(1).Ref },
        'Preference',
        'Client will choose',
        hub.csr,
      );
      ok(run(hub, 'syncDepartureSheet', D1));
      expect(caseOf(d, at(1).Ref).Preference).toBe('Client will choose');
    });

    it('flags a corrected email or phone on the case and in the Log, and leaves the Clients roster alone', () => {
      contactRef = at(5).Ref;
      const clientId = text(caseOf(d, contactRef)['Client ID']);
      const rosterBefore = hub.rows('Clients').find((c) => text(c['Client ID']) === clientId) as Rec;
      // She types the corrections herself, the phone in international form: it stays text, never a formula.
      therapistTypes(hub.emu, fileId, 'Email', Number(at(5).row), 'corrected.address@mail.example.org');
      therapistTypes(hub.emu, fileId, 'Phone', Number(at(5).row), '+1 555 099 0000');
      const result = ok<SyncResult>(run(hub, 'syncDepartureSheet', D1));
      expect(result.flagged).toBe(1);
      const c = caseOf(d, contactRef);
      expect(text(c.Flag)).toContain(
        'Contact change proposed by therapist: Email → corrected.address@mail.example.org',
      );
      expect(text(c.Flag)).toContain('Phone → +1 555 099 0000');
      expect(text(c.Notes)).toContain('Contact change proposed by therapist');
      expect(hub.rows('Clients').find((x) => text(x['Client ID']) === clientId)).toEqual(rosterBefore);
      expect(logRows(d, 'Contact change proposed').map((r) => r.Ref)).toEqual([contactRef]);
      // Flagged once, not again on the next sync.
      expect(ok<SyncResult>(run(hub, 'syncDepartureSheet', D1)).flagged).toBe(0);
    });

    it('reports a value typed past the dropdown and does not copy it', () => {
      invalidRef = at(6).Ref;
      byHandOn(hub.emu, fileId, (ss) =>
        ss
          .getSheetByName('Clients')!
          .getRange(sheetCell(hub.emu, fileId, 'Preference', Number(at(6).row)))
          .setValue('Maybe in January'),
      );
      const result = ok<SyncResult>(run(hub, 'syncDepartureSheet', D1));
      expect(result.invalid).toEqual([
        expect.objectContaining({ ref: invalidRef, header: 'Preference', value: 'Maybe in January' }),
      ]);
      expect(result.messages.join(' ')).toContain('not copied');
      expect(caseOf(d, invalidRef).Preference).toBe('');
    });

    it('matches rows by Ref after she sorts the sheet, and reports a deleted row without losing anything', () => {
      deletedRef = at(7).Ref;
      const hubBefore = cases(d);
      byHandOn(hub.emu, fileId, (ss) => {
        const s = ss.getSheetByName('Clients')!;
        s.deleteRow(Number(at(7).row));
        s.getRange(3, 1, s.getLastRow() - 2, 7).sort({ column: 2, ascending: false });
      });
      const result = ok<SyncResult>(run(hub, 'syncDepartureSheet', D1));
      expect(result.missing).toEqual([deletedRef]);
      expect(result.updated).toBe(0);
      expect(cases(d)).toEqual(hubBefore);
      expect(caseOf(d, at(0).Ref).Preference).toBe('Reassign to recommended clinician');
    });

    it('shares again into the same file: the deleted row comes back, nothing is duplicated, nothing she typed is overwritten', () => {
      const typedBefore = sheetRecords(hub.emu, fileId)
        .filter((r) => r.Preference || r.Notes)
        .map((r) => [r.Ref, r.Preference, r.Notes]);
      const share = ok<ShareResult>(run(hub, 'shareDepartureSheet', D1));
      expect(share).toMatchObject({ url, added: 1, created: false });
      expect(hub.emu.sheets.all().filter((b) => b.id !== hub.hubId)).toHaveLength(1);
      const after = sheetRecords(hub.emu, fileId);
      expect(after.map((r) => r.Ref).sort()).toEqual(
        cases(d)
          .map((c) => c.Ref)
          .sort(),
      );
      expect(new Set(after.map((r) => r.Ref)).size).toBe(after.length);
      for (const [ref, pref, notes] of typedBefore) {
        expect(after.find((r) => r.Ref === ref)).toMatchObject({ Preference: pref, Notes: notes });
      }
      expect(leaksOf(hub.emu, fileId, d.others, d.listed)).toEqual([]);
      const result = ok<SyncResult>(run(hub, 'syncDepartureSheet', D1));
      expect(result.missing).toEqual([]);
    });
  });

  describe('notices', () => {
    interface Report {
      sent: number;
      emails: number;
      skipped: number;
      failed: number;
      flagged: { ref: string; reason: string }[];
    }
    const refOfClient = (pred: (c: Rec) => boolean): string[] => {
      const ids = new Set(d.listed.filter(pred).map((c) => text(c['Client ID'])));
      return cases(d)
        .filter((c) => ids.has(text(c['Client ID'])))
        .map((c) => String(c.Ref));
    };

    it("previews a client's notice, sends one per household after a dry run, and flags the clients it cannot email", () => {
      const siblings = refOfClient((c) => c.Email === SHARED_PARENT);
      expect(siblings).toHaveLength(2);
      const preview = hub.call<{ to: string; subject: string; textBody: string }>(
        'previewEmail',
        'DEPARTURE_NOTICE',
        siblings[0],
      );
      expect(preview.to).toBe(SHARED_PARENT);
      expect(preview.textBody).toContain(DANA);

      const dry = hub.call<Report>('sendDepartureNotices', D1, { dryRun: true });
      expect(hub.emu.mail.outbox).toHaveLength(0);
      const sent = hub.call<Report>('sendDepartureNotices', D1, {});
      expect(sent.sent).toBe(dry.sent);
      expect(sent.sent).toBeGreaterThan(50);
      expect(hub.emu.mail.outbox.filter((m) => m.to === SHARED_PARENT)).toHaveLength(1);
      const cannot = refOfClient((c) => !String(c.Email ?? '').includes('@') || c['Email OK'] === false);
      expect(cannot.length).toBeGreaterThanOrEqual(3);
      for (const ref of cannot) expect(text(caseOf(d, ref).Flag)).not.toBe('');
      expect(hub.rows('Departures')[0]['Notices Sent']).toBe(sent.sent);
    });
  });

  describe('the Departures panel', () => {
    interface Summary {
      departureId: string;
      counts: Record<string, number>;
      nextAction: string;
      url: string;
    }
    it('shows the open departure with its counts and the next thing to do, as plain JSON', () => {
      const view = hub.callAs<{ departures: Summary[] }>(hub.csr, 'getDepartures');
      expect(view.departures).toHaveLength(1);
      const sent = cases(d).filter((c) => c['Notice Sent'] !== '').length;
      expect(sent).toBeGreaterThan(50);
      expect(view.departures[0].counts.noticesSent).toBe(sent);
      expect(view.departures[0]).toMatchObject({
        departureId: D1,
        url,
        nextAction: expect.stringMatching(/^Waiting for preferences \(\d+ missing\)$/),
        counts: expect.objectContaining({ clients: 62, reached: 0, scheduled: 0, reassigned: 0, overdue: 0 }),
      });
    });

    it("lists the departure's cases for the notices flow, flags included", () => {
      const { cases: list } = hub.callAs<{ cases: { ref: string; flag: string; open: boolean }[] }>(
        hub.csr,
        'getDepartureCases',
        D1,
      );
      expect(list).toHaveLength(62);
      expect(list.filter((c) => c.flag).map((c) => c.ref)).toContain(
        cases(d).find((c) => text(c.Flag).includes('Contact change'))?.Ref,
      );
    });

    it('offers every clinician not yet Left to start a departure for, with their Active client counts', () => {
      const options = hub.call<{ clinicians: { name: string; activeClients: number; status: string }[] }>(
        'getDepartureStartOptions',
      );
      expect(options.clinicians.find((c) => c.name === DANA)).toMatchObject({ activeClients: 62, status: 'Departing' });
      expect(options.clinicians).toHaveLength(6);
    });
  });

  describe('close-out', () => {
    const closeAll = (status: string): void => {
      for (const c of cases(d))
        setCell(
          hub.emu,
          hub.hubId,
          'Reassignments',
          { header: 'Ref', value: String(c.Ref) },
          'Status',
          status,
          hub.admin,
        );
    };

    it('keeps the departure Open while any case is open, with its Open count current', () => {
      const [first] = cases(d);
      setCell(
        hub.emu,
        hub.hubId,
        'Reassignments',
        { header: 'Ref', value: String(first.Ref) },
        'Status',
        'Reassigned',
        hub.admin,
      );
      const result = ok<{ completed: string[]; left: string[] }>(run(hub, 'closeOutDepartures'));
      expect(result).toEqual({ completed: [], left: [] });
      expect(hub.rows('Departures')[0]).toMatchObject({ Status: 'Open', Open: 61 });
    });

    it('completes the departure once every case is closed', () => {
      closeAll('Discharged');
      const result = ok<{ completed: string[]; left: string[] }>(run(hub, 'closeOutDepartures'));
      expect(result.completed).toEqual([D1]);
      expect(hub.rows('Departures')[0]).toMatchObject({ Status: 'Complete', Open: 0 });
      expect(clinician(d, DANA).Status).toBe('Departing'); // her last day has not come yet
      expect(logRows(d, 'Departure complete').map((r) => r.Ref)).toEqual([D1]);
      const view = hub.call<{ departures: { status: string; nextAction: string }[] }>('getDepartures');
      expect(view.departures[0].status).toBe('Complete');
    });

    it('marks the clinician Left the day after her last day', () => {
      hub.emu.kernel.setNow(Date.parse('2026-12-18T20:00:00Z'));
      expect(ok<{ left: string[] }>(run(hub, 'closeOutDepartures')).left).toEqual([]);
      hub.emu.kernel.setNow(Date.parse('2026-12-19T14:00:00Z'));
      expect(ok<{ left: string[] }>(run(hub, 'closeOutDepartures')).left).toEqual([DANA]);
      expect(clinician(d, DANA).Status).toBe('Left');
    });

    it('removes her from the transition sheet on the first nightly run on or after the last day plus Therapist Access Days, once', () => {
      const nightly = () => ok<{ accessRemoved: string[] }>(hub.runner.run('runNightly', [], { user: hub.admin }));
      hub.emu.kernel.setNow(Date.parse('2026-12-24T07:00:00Z'));
      expect(nightly().accessRemoved).toEqual([]);
      expect(hub.emu.sheets.get(fileId)!.editors).toContain(DANA_EMAIL);
      hub.emu.kernel.setNow(Date.parse('2026-12-25T07:00:00Z'));
      expect(nightly().accessRemoved).toEqual([D1]);
      expect(hub.emu.sheets.get(fileId)!.editors).not.toContain(DANA_EMAIL);
      expect(logRows(d, 'Therapist access removed').map((r) => r.Ref)).toEqual([D1]);
      hub.emu.kernel.setNow(Date.parse('2026-12-26T07:00:00Z'));
      expect(nightly().accessRemoved).toEqual([]);
      expect(logRows(d, 'Therapist access removed')).toHaveLength(1);
    });

    it('will not give her access back by sharing again', () => {
      setCell(hub.emu, hub.hubId, 'Departures', { header: 'Departure ID', value: D1 }, 'Status', 'Open', hub.admin);
      const again = run(hub, 'shareDepartureSheet', D1);
      expect(again.error).toContain('access to the transition sheet was removed on 2026-12-25');
      expect(hub.emu.sheets.get(fileId)!.editors).not.toContain(DANA_EMAIL);
    });
  });
});
