/**
 * Handoff ▸ Set up workbook on the built bundle in the emulator: a new hub,
 * a second run that writes nothing, and repairs of a damaged hub that never
 * touch a person's data.
 */
import { DEFAULT_TEMPLATES } from '../../../src/server/core/defaultTemplates';
import { defaultHolidays } from '../../../src/server/core/holidays';
import {
  CASE_STATUS,
  CLIENT_OPTIONAL_HEADERS,
  LOG_HEADERS,
  PREFERENCE,
  REASON,
  REQUIRED_HEADERS,
  SETTINGS,
  SOURCE,
  TAB,
  TEMPLATE_KEYS,
} from '../../../src/server/core/schema';
import { Hub, newHub, writeCalls } from '../../support/hub';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type SetupReport = { created: string[]; repaired: string[]; unchanged: boolean; admin: string | null };

const SPEC_TABS = Object.keys(REQUIRED_HEADERS);

function freshHub(): Hub {
  return newHub({ setUp: false, clients: 5 });
}

function setUp(hub: Hub, user = hub.admin): SetupReport {
  return hub.callAs<SetupReport>(user, 'setUpWorkbook');
}

function column(sheet: Sheet, header: string): number {
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no ${header} on ${sheet.getName()}`);
  return i + 1;
}

function ruleAt(
  hub: Hub,
  tab: string,
  header: string,
  row: number,
): { type: string; values: unknown[]; source?: string } | null {
  return hub.byHand((ss) => {
    const sheet = ss.getSheetByName(tab)!;
    const v = sheet.getRange(row, column(sheet, header)).getDataValidation();
    if (!v) return null;
    const values = v.getCriteriaValues();
    const first = values[0] as GoogleAppsScript.Spreadsheet.Range | undefined;
    const source =
      first && typeof first === 'object' && 'getA1Notation' in first
        ? `${first.getSheet().getName()}!C${first.getColumn()}R${first.getRow()}`
        : undefined;
    return { type: String(v.getCriteriaType()), values, source };
  });
}

describe('Set up workbook on an empty spreadsheet', () => {
  let hub: Hub;
  let report: SetupReport;
  beforeAll(() => {
    hub = freshHub();
    report = setUp(hub);
  });

  it('creates every tab of the spec with its required headers in the spec order, and no Dashboard', () => {
    for (const tab of SPEC_TABS)
      expect(hub.headers(tab).slice(0, REQUIRED_HEADERS[tab as keyof typeof REQUIRED_HEADERS].length)).toEqual(
        REQUIRED_HEADERS[tab as keyof typeof REQUIRED_HEADERS],
      );
    const names = hub.emu.sheets.get(hub.hubId)!.sheets.map((s) => s.name);
    expect(names).not.toContain(TAB.dashboard);
    expect(report.created.sort()).toEqual([...SPEC_TABS].sort());
    expect(report.unchanged).toBe(false);
  });

  it('removes the empty Sheet1 a new spreadsheet comes with, so the hub shows only its own tabs', () => {
    const names = hub.emu.sheets.get(hub.hubId)!.sheets.map((s) => s.name);
    expect(names).not.toContain('Sheet1');
    const kept = freshHub();
    kept.byHand((ss) => ss.getSheetByName('Sheet1')!.getRange('C3').setValue('our notes'));
    setUp(kept);
    expect(kept.emu.sheets.get(kept.hubId)!.sheets.map((s) => s.name)).toContain('Sheet1');
  });

  it('gives a new Clients tab the optional Email OK, Text OK and Preferred Name headers', () => {
    expect(hub.headers(TAB.clients).slice(-3)).toEqual([...CLIENT_OPTIONAL_HEADERS]);
  });

  it('freezes and emphasises the header row of every tab', () => {
    for (const tab of SPEC_TABS) {
      const { frozen, weight } = hub.byHand((ss) => {
        const s = ss.getSheetByName(tab)!;
        return { frozen: s.getFrozenRows(), weight: s.getRange(1, 1).getFontWeight() };
      });
      expect([tab, frozen, weight]).toEqual([tab, 1, 'bold']);
    }
  });

  it('puts a dropdown of the vocabulary on every vocabulary column, from the first data row to the last row of the grid', () => {
    const expectations: [string, string, readonly string[]][] = [
      [TAB.cases, 'Status', CASE_STATUS],
      [TAB.cases, 'Preference', PREFERENCE],
      [TAB.cases, 'Source', SOURCE],
      [TAB.cases, 'Reason', REASON],
      [TAB.clients, 'Status', ['Active', 'Inactive', 'Discharged']],
      [TAB.clinicians, 'Status', ['Active', 'Departing', 'Left']],
      [TAB.departures, 'Status', ['Open', 'Complete']],
    ];
    for (const [tab, header, vocabulary] of expectations) {
      for (const row of [2, 1000]) {
        const rule = ruleAt(hub, tab, header, row);
        expect([tab, header, rule?.type, rule?.values[0]]).toEqual([tab, header, 'VALUE_IN_LIST', [...vocabulary]]);
      }
    }
    expect(ruleAt(hub, TAB.cases, 'Status', 1)).toBeNull(); // never on the header
  });

  it('draws the clinician dropdowns from the Clinicians Name column, so new clinicians appear without set-up', () => {
    const nameColumn = hub.byHand((ss) => column(ss.getSheetByName(TAB.clinicians)!, 'Name'));
    for (const [tab, header] of [
      [TAB.cases, 'Recommended Clinician'],
      [TAB.cases, 'New Clinician'],
      [TAB.clients, 'Clinician'],
    ]) {
      const rule = ruleAt(hub, tab, header, 2);
      expect([header, rule?.type, rule?.source]).toEqual([header, 'VALUE_IN_RANGE', `Clinicians!C${nameColumn}R2`]);
    }
  });

  it('makes the checkbox columns checkboxes', () => {
    for (const [tab, header] of [
      [TAB.cases, 'Contact Verified'],
      [TAB.cases, 'Insurance Verified'],
      [TAB.cases, 'Portal & Docs Complete'],
      [TAB.clients, 'Medicaid'],
      [TAB.clients, 'Portal Access'],
      [TAB.clients, 'Documents Complete'],
      [TAB.clinicians, 'Accepting New Clients'],
      [TAB.clinicians, 'Medicaid'],
    ]) {
      expect([tab, header, ruleAt(hub, tab, header, 2)?.type]).toEqual([tab, header, 'CHECKBOX']);
    }
  });

  it('protects the Log tab and the columns the add-on fills in, warning only', () => {
    const found = hub.byHand((ss) => {
      const log = ss.getSheetByName(TAB.log)!.getProtections(SpreadsheetAppEnum(hub).SHEET);
      const cases = ss.getSheetByName(TAB.cases)!;
      const ranges = cases.getProtections(SpreadsheetAppEnum(hub).RANGE);
      return {
        log: log.map((p) => p.isWarningOnly()),
        columns: ranges.map((p) => ({
          header: cases.getRange(1, p.getRange().getColumn()).getValue(),
          warningOnly: p.isWarningOnly(),
        })),
      };
    });
    expect(found.log).toEqual([true]);
    const protectedHeaders = found.columns.map((c) => c.header);
    expect(protectedHeaders).toEqual(
      expect.arrayContaining([
        'Ref',
        'Opened',
        'Notice Sent',
        'Next Action',
        'Due',
        'Flag',
        'Last Updated',
        'Updated By',
      ]),
    );
    expect(protectedHeaders).not.toContain('Status');
    expect(protectedHeaders).not.toContain('Notes');
    expect(found.columns.every((c) => c.warningOnly)).toBe(true);
  });

  it('sizes columns to their content: notes wide, refs narrow', () => {
    const w = hub.byHand((ss) => {
      const s = ss.getSheetByName(TAB.cases)!;
      return { notes: s.getColumnWidth(column(s, 'Notes')), ref: s.getColumnWidth(column(s, 'Ref')) };
    });
    expect(w.notes).toBeGreaterThan(w.ref);
  });

  it('writes every setting with its default and description, and makes the first person to set up the admin', () => {
    const rows = hub.rows(TAB.settings);
    expect(rows.map((r) => r.Setting)).toEqual(SETTINGS.map((s) => s.name));
    const { today } = hub.call<{ today: string }>('whoAmI');
    for (const s of SETTINGS) {
      const row = rows.find((r) => r.Setting === s.name)!;
      expect(row.Description).toBe(s.description);
      const expected =
        s.name === 'Admin Emails' ? hub.admin : s.name === 'Holidays' ? defaultHolidays(today) : s.default;
      expect(row.Value).toEqual(expected);
    }
    expect(report.admin).toBe(hub.admin);
  });

  it('writes every template with its default subject, body and description, exactly', () => {
    const rows = hub.rows(TAB.templates);
    expect(rows.map((r) => r.Key)).toEqual([...TEMPLATE_KEYS]);
    for (const key of TEMPLATE_KEYS) {
      const row = rows.find((r) => r.Key === key)!;
      expect({ Subject: row.Subject, Body: row.Body, Description: row.Description }).toEqual({
        Subject: DEFAULT_TEMPLATES[key].subject,
        Body: DEFAULT_TEMPLATES[key].body,
        Description: DEFAULT_TEMPLATES[key].description,
      });
    }
  });

  it('logs one row saying what it did, as the person who ran it', () => {
    const log = hub.rows(TAB.log);
    expect(hub.headers(TAB.log)).toEqual([...LOG_HEADERS]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ User: hub.admin, Action: 'Set up workbook' });
    expect(String(log[0].Details)).toContain('created');
  });
});

describe('Set up workbook run again', () => {
  it('writes nothing and reports the workbook unchanged', () => {
    const hub = freshHub();
    setUp(hub);
    const before = hub.snapshot();
    const run = hub.runner.run('setUpWorkbook', [], { user: hub.admin });
    expect(run.ok).toBe(true);
    expect(run.result).toEqual({ created: [], repaired: [], unchanged: true, admin: null });
    expect(writeCalls(run.counters)).toEqual({});
    expect(hub.snapshot()).toBe(before);
  });

  it('on a hub full of clients and cases still writes nothing', () => {
    const hub = newHub({ clients: 60 });
    hub.seed(TAB.cases, [{ Ref: 'R-000001', 'Client ID': '00123', Status: 'New', Notes: '=not a formula' }]);
    const before = hub.snapshot();
    const run = hub.runner.run('setUpWorkbook', [], { user: hub.admin });
    expect(run.result).toMatchObject({ unchanged: true });
    expect(writeCalls(run.counters)).toEqual({});
    expect(hub.snapshot()).toBe(before);
  });
});

describe('Set up workbook on a damaged hub', () => {
  let hub: Hub;
  let report: SetupReport;
  let casesBefore: Record<string, unknown>[];
  beforeAll(() => {
    hub = newHub({ clients: 12 });
    hub.seed(TAB.cases, [
      {
        Ref: 'R-000001',
        'Client ID': '00123',
        Status: 'Contacting',
        Flag: 'Call 1 overdue',
        Notes: 'Prefers evenings',
      },
      { Ref: 'R-000002', 'Client ID': '10002', Status: 'New', Notes: '+1 555 0100' },
    ]);
    hub.byHand((ss) => {
      const cases = ss.getSheetByName(TAB.cases)!;
      cases.deleteColumn(column(cases, 'Flag'));
      cases.getRange(2, column(cases, 'Status'), cases.getMaxRows() - 1, 1).clearDataValidations();
      cases.insertColumnAfter(cases.getLastColumn());
      cases.getRange(1, cases.getLastColumn() + 1).setValue('Our own column');
      ss.deleteSheet(ss.getSheetByName(TAB.departures)!);
      const settings = ss.getSheetByName(TAB.settings)!;
      const names = settings
        .getRange(1, 1, settings.getLastRow(), 1)
        .getValues()
        .map((r) => r[0]);
      settings.getRange(names.indexOf('Practice Name') + 1, 2).setValue('Sunrise Counseling');
      settings.deleteRow(names.indexOf('Holidays') + 1);
      const templates = ss.getSheetByName(TAB.templates)!;
      const keys = templates
        .getRange(1, 1, templates.getLastRow(), 1)
        .getValues()
        .map((r) => r[0]);
      templates.getRange(keys.indexOf('DEPARTURE_NOTICE') + 1, 2).setValue('A note from Sunrise');
      templates.deleteRow(keys.indexOf('STAFF_DIGEST') + 1);
      for (const p of ss.getSheetByName(TAB.log)!.getProtections(SpreadsheetAppEnum(hub).SHEET)) p.remove();
    });
    casesBefore = hub.rows(TAB.cases);
    report = setUp(hub);
  });

  it('recreates a deleted tab', () => {
    expect(report.created).toEqual([TAB.departures]);
    expect(hub.headers(TAB.departures)).toEqual([...REQUIRED_HEADERS[TAB.departures]]);
  });

  it('appends a missing header after the last column, keeping the order and data of every other column', () => {
    const headers = hub.headers(TAB.cases);
    expect(headers[headers.length - 1]).toBe('Flag');
    expect(headers[headers.length - 2]).toBe('Our own column');
    const after = hub.rows(TAB.cases);
    for (const [i, row] of casesBefore.entries()) expect(after[i]).toEqual({ ...row, Flag: '' });
    expect(report.repaired).toContain(`${TAB.cases}: added the "Flag" header after the last column`);
  });

  it('restores a removed dropdown', () => {
    expect(ruleAt(hub, TAB.cases, 'Status', 2)?.values[0]).toEqual([...CASE_STATUS]);
    expect(report.repaired).toContain(`${TAB.cases}: restored the Status dropdown where it was missing`);
  });

  it("adds back a deleted setting and template with their defaults, and keeps a person's edited setting and template", () => {
    const settings = hub.rows(TAB.settings);
    // A re-added Holidays row starts with the federal holidays of this year and next, Thanksgiving among them.
    expect(settings.find((r) => r.Setting === 'Holidays')?.Value).toContain('2026-11-26');
    expect(settings.find((r) => r.Setting === 'Practice Name')).toMatchObject({ Value: 'Sunrise Counseling' });
    const templates = hub.rows(TAB.templates);
    expect(templates.find((r) => r.Key === 'STAFF_DIGEST')).toMatchObject({
      Body: DEFAULT_TEMPLATES.STAFF_DIGEST.body,
    });
    expect(templates.find((r) => r.Key === 'DEPARTURE_NOTICE')).toMatchObject({
      Subject: 'A note from Sunrise',
      Body: DEFAULT_TEMPLATES.DEPARTURE_NOTICE.body,
    });
    expect(report.repaired).toEqual(
      expect.arrayContaining(['Settings: added the "Holidays" row', 'Templates: added the STAFF_DIGEST template']),
    );
  });

  it('restores a removed protection', () => {
    expect(hub.byHand((ss) => ss.getSheetByName(TAB.log)!.getProtections(SpreadsheetAppEnum(hub).SHEET).length)).toBe(
      1,
    );
    expect(report.repaired).toContain(`${TAB.log}: protected the tab (warning only)`);
  });

  it('keeps the admin it already has', () => {
    expect(report.admin).toBeNull();
    expect(hub.rows(TAB.settings).find((r) => r.Setting === 'Admin Emails')?.Value).toBe(hub.admin);
  });

  it('logs the repairs, and a run after the repair writes nothing', () => {
    expect(
      hub
        .rows(TAB.log)
        .filter((r) => r.Action === 'Set up workbook')
        .pop()?.Details,
    ).toContain('repaired');
    const run = hub.runner.run('setUpWorkbook', [], { user: hub.admin });
    expect(run.result).toMatchObject({ unchanged: true });
    expect(writeCalls(run.counters)).toEqual({});
  });
});

describe('Who may set up the workbook', () => {
  it('once there is an admin, refuses a CSR and a stranger, naming the role needed, and writes nothing', () => {
    const hub = newHub({ clients: 3 });
    hub.byHand((ss) => ss.getSheetByName(TAB.clients)!.getRange(1, 1).setValue('')); // damage only an admin may repair
    const before = hub.snapshot();
    for (const user of [hub.csr, 'stranger@elsewhere.example']) {
      expect(() => setUp(hub, user)).toThrow(/Set up workbook.*transition manager \(Admin Emails\)/);
    }
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses to make an unknown person the admin of a new workbook, and creates nothing', () => {
    const hub = freshHub();
    const before = hub.snapshot();
    expect(() => setUp(hub, '')).toThrow(/did not tell the add-on who you are/);
    expect(hub.snapshot()).toBe(before);
  });

  it('lets only the spreadsheet owner repair a hub whose Settings tab is gone', () => {
    const hub = newHub({ clients: 3 });
    hub.byHand((ss) => ss.deleteSheet(ss.getSheetByName(TAB.settings)!));
    const before = hub.snapshot();
    expect(() => setUp(hub, hub.csr)).toThrow(/Only the spreadsheet's owner \(admin@example\.com\)/);
    expect(hub.snapshot()).toBe(before);
    const report = setUp(hub, hub.admin);
    expect(report.created).toEqual([TAB.settings]);
    expect(report.admin).toBe(hub.admin);
  });

  it('runs from the menu and shows a short summary', () => {
    const hub = freshHub();
    hub.runner.open({ user: hub.admin });
    const run = hub.runner.clickMenu('Handoff', 'Set up workbook');
    expect(run.ok).toBe(true);
    const toast = hub.emu.sheets.ui.toasts.pop();
    expect(toast?.message).toMatch(/^Created Reassignments, .*admin@example\.com is now the workbook's admin/);
    hub.runner.clickMenu('Handoff', 'Set up workbook');
    expect(hub.emu.sheets.ui.toasts.pop()?.message).toBe('The workbook is complete: nothing needed to change.');
  });
});

/** SpreadsheetApp's enums as the emulator exposes them. */
function SpreadsheetAppEnum(hub: Hub): typeof SpreadsheetApp.ProtectionType {
  return (hub.emu.sheets.app as unknown as typeof SpreadsheetApp).ProtectionType;
}
