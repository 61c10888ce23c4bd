/**
 * Roster import on the built bundle: a messy EHR export, its preview, a
 * re-import, updates, refusals, and a cost that does not grow with the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportCsv, samplePractice } from '../../../dev/sample/practice';
import { TAB } from '../../../src/server/core/schema';
import { Hub, newHub, writeCalls } from '../../support/hub';

const FIXTURE = fs.readFileSync(path.join(__dirname, '../../fixtures/roster/messy-export.csv'), 'utf8');
const FIXTURE_CLINICIANS = ['Jordan Avery', 'Priya Raman', 'Marcus Bell', 'Elena Ruiz'];

interface Problem {
  line: number;
  clientId: string;
  message: string;
  skipped: boolean;
}
interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: Problem[];
  problemCount: number;
  mapping: Record<string, string>;
  notImported: string[];
}
interface Preview {
  exportHeaders: string[];
  mapping: Record<string, string>;
  headerProblems: string[];
  added: number;
  updated: number;
  unchanged: number;
  problems: Problem[];
  problemCount: number;
  newClients: { clientId: string; name: string }[];
  changes: { clientId: string; changes: { header: string; from: unknown; to: unknown }[] }[];
}

/** A set-up hub with the fixture's clinicians and no clients yet. */
function emptyHub(): Hub {
  const hub = newHub({ clients: 0, importClients: false });
  hub.seed(
    TAB.clinicians,
    FIXTURE_CLINICIANS.map((Name) => ({ Name, Status: 'Active' })),
  );
  return hub;
}

function clientById(hub: Hub, id: string, display = false): Record<string, unknown> | undefined {
  return hub.rows(TAB.clients, { display }).find((r) => r['Client ID'] === id);
}

/** The CSV with one column removed (by header). */
function withoutColumn(csv: string, header: string): string {
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  const i = lines[0].split(',').indexOf(header);
  return [
    lines[0]
      .split(',')
      .filter((_, j) => j !== i)
      .join(','),
    'X1,Ann,ann@example.com',
  ].join('\r\n');
}

describe('Importing a messy EHR export', () => {
  let hub: Hub;
  let result: ImportResult;
  beforeAll(() => {
    hub = emptyHub();
    result = hub.call<ImportResult>('importRoster', FIXTURE);
  });

  it('adds every readable client and counts what it did', () => {
    expect(result).toMatchObject({ added: 25, updated: 0, unchanged: 0, skipped: 4 });
    expect(hub.rows(TAB.clients)).toHaveLength(25);
  });

  it('keeps IDs, phones and names exactly as the file has them: no numbers, no formulas', () => {
    const peek = hub.emu.sheets.peek(hub.hubId, TAB.clients);
    expect(peek.formulas.flat().filter((f) => f !== '')).toEqual([]);
    expect(clientById(hub, '00123')).toMatchObject({
      'Client ID': '00123',
      Phone: '+1 555 010 0199',
      'First Name': 'Ana',
    });
    expect(clientById(hub, '123')).toMatchObject({ 'First Name': 'Omar' }); // a different client from 00123
    expect(clientById(hub, '00204')).toMatchObject({ 'First Name': 'Li\r\nWei', Phone: '+15550100188' });
    expect(clientById(hub, '00207')).toMatchObject({ 'First Name': '=HYPERLINK("http://x","y")' });
    expect(clientById(hub, '00208')).toMatchObject({ 'First Name': '+SUM(1)', 'Last Name': '@x' });
    expect(clientById(hub, '00209')).toMatchObject({ 'First Name': '<script>alert(1)</script>' });
    expect(clientById(hub, '00203')).toMatchObject({
      'First Name': 'Zoë "Zo"',
      'Last Name': 'Åkesson',
      Insurance: 'United Healthcare, Choice Plus',
    });
    expect(clientById(hub, '00210')).toMatchObject({ 'First Name': 'Noa 🌿' });
    expect(clientById(hub, '00207', true)).toMatchObject({ 'First Name': '=HYPERLINK("http://x","y")' });
  });

  it('writes dates as dates, checkboxes as booleans and statuses in their canonical spelling', () => {
    const jose = clientById(hub, '00201')!;
    expect(Object.prototype.toString.call(jose['Last Intake Date'])).toBe('[object Date]');
    expect(clientById(hub, '00201', true)).toMatchObject({
      'Last Intake Date': '3/14/2025',
      'OMHC Assessment Date': '4/2/2025',
    });
    expect(jose).toMatchObject({ Medicaid: true, 'Portal Access': true, 'Documents Complete': false });
    expect(clientById(hub, '00124')).toMatchObject({ Status: 'Active' });
    expect(clientById(hub, '00316')).toMatchObject({ Status: 'Discharged' });
  });

  it('skips duplicate Client IDs, rows without an ID and short rows, naming the lines', () => {
    expect(clientById(hub, '00300')).toBeUndefined();
    expect(clientById(hub, '00310')).toBeUndefined();
    const skipped = result.problems.filter((p) => p.skipped);
    expect(skipped.map((p) => p.line).sort((a, b) => a - b)).toEqual([17, 18, 19, 21]);
    expect(skipped.find((p) => p.line === 17)?.message).toMatch(/00300 appears on lines 17 and 21/);
  });

  it('imports a client with an invalid email without the email, and says so', () => {
    expect(clientById(hub, '00205')).toMatchObject({ 'First Name': 'Fatima', Email: '' });
    expect(result.problems.find((p) => p.clientId === '00205')?.message).toMatch(/not a valid email address/);
  });

  it('adds one Log row with counts and no client details', () => {
    const log = hub.rows(TAB.log).filter((r) => r.Action === 'Import client roster');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      User: hub.admin,
      Details: '25 clients added, 0 updated, 0 unchanged, 4 rows skipped, 7 values not imported',
    });
  });

  it('remembers the column mapping for the next export', () => {
    const info = hub.call<{ remembered: Record<string, string>; headers: string[]; required: string[] }>(
      'getImportMapping',
    );
    expect(info.remembered).toEqual(result.mapping);
    expect(info.remembered['Client ID']).toBe('Patient ID');
    expect(info.required).toEqual(['Client ID', 'First Name', 'Last Name']);
  });

  it('importing the same export again changes no client and adds only its Log row', () => {
    const before = hub.rows(TAB.clients);
    const run = hub.runner.run('importRoster', [FIXTURE], { user: hub.admin });
    expect(run.result).toMatchObject({ added: 0, updated: 0, unchanged: 25 });
    expect(hub.rows(TAB.clients)).toEqual(before);
    expect(writeCalls(run.counters)).toEqual({ 'Range.setValues': 1 }); // the Log row
  });
});

describe('Previewing an import', () => {
  it('writes nothing, and the import then does what the preview said', () => {
    const hub = emptyHub();
    const before = hub.snapshot();
    const preview = hub.call<Preview>('previewImport', FIXTURE);
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.properties.get('document')).toEqual({});
    expect(preview.exportHeaders[0]).toBe('Patient ID');
    expect(preview.mapping).toMatchObject({ 'Client ID': 'Patient ID', Email: 'Email Address', Phone: 'Mobile Phone' });
    expect(preview.newClients[0]).toEqual({ clientId: '00123', name: 'Ana Sousa' });
    const result = hub.call<ImportResult>('importRoster', FIXTURE);
    expect([result.added, result.updated, result.unchanged, result.problemCount]).toEqual([
      preview.added,
      preview.updated,
      preview.unchanged,
      preview.problemCount,
    ]);
  });

  it('shows what would change on existing clients', () => {
    const hub = emptyHub();
    hub.call('importRoster', FIXTURE);
    const changed = FIXTURE.replace('555-010-0123', '555-010-9999');
    const preview = hub.call<Preview>('previewImport', changed);
    expect(preview.updated).toBe(1);
    expect(preview.changes).toEqual([
      { clientId: '123', line: 5, changes: [{ header: 'Phone', from: '555-010-0123', to: '555-010-9999' }] },
    ]);
  });

  it('reports a missing required column instead of throwing, so the panel can show it', () => {
    const hub = emptyHub();
    const preview = hub.call<Preview>('previewImport', withoutColumn(FIXTURE, 'First Name'));
    expect(preview.headerProblems).toEqual(['The export has no column for First Name (map one or add it).']);
  });
});

describe('Updating the roster', () => {
  it("changes only the changed cells, keeps clients missing from the file and a person's own column", () => {
    const hub = emptyHub();
    hub.call('importRoster', FIXTURE);
    hub.byHand((ss) => {
      const clients = ss.getSheetByName(TAB.clients)!;
      clients.getRange(1, clients.getLastColumn() + 1).setValue('Front desk notes');
      clients.getRange(2, clients.getLastColumn()).setValue('Call after 5');
    });
    const before = hub.rows(TAB.clients);
    const lines = FIXTURE.split('\r\n');
    const edited = [lines[0], lines[1].replace('+1 555 010 0199', '555-010-7777'), lines[4]].join('\r\n');
    const result = hub.call<ImportResult>('importRoster', edited);
    expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const after = hub.rows(TAB.clients);
    expect(after).toHaveLength(before.length);
    expect(after[0]).toEqual({ ...before[0], Phone: '555-010-7777', 'Front desk notes': 'Call after 5' });
    expect(after.slice(1)).toEqual(before.slice(1));
  });

  it('uses a mapping the admin gives, and remembers it', () => {
    const hub = emptyHub();
    const csv = 'Acct,Given,Family,Mail\r\n0042,Ana,Reyes,ana@example.com\r\n';
    const mapping = { 'Client ID': 'Acct', 'First Name': 'Given', 'Last Name': 'Family', Email: 'Mail' };
    expect(hub.call<ImportResult>('importRoster', csv, mapping)).toMatchObject({ added: 1 });
    expect(clientById(hub, '0042')).toMatchObject({
      'First Name': 'Ana',
      'Last Name': 'Reyes',
      Email: 'ana@example.com',
    });
    expect(hub.call<Preview>('previewImport', csv).mapping).toEqual(mapping);
  });
});

describe('Refused imports write nothing', () => {
  let hub: Hub;
  beforeAll(() => {
    hub = emptyHub();
  });

  it('refuses an export with a missing required column, naming it', () => {
    const before = hub.snapshot();
    expect(() => hub.call('importRoster', withoutColumn(FIXTURE, 'Last Name'))).toThrow(
      /nothing was changed.*no column for Last Name/,
    );
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses a file whose quote is never closed, naming the line', () => {
    const before = hub.snapshot();
    expect(() => hub.call('importRoster', 'Client ID,First Name,Last Name\r\n1,"Ann,Lee\r\n2,Bo,Kim\r\n')).toThrow(
      /Line 2: a quoted field starts here/,
    );
    expect(hub.snapshot()).toBe(before);
  });

  it("refuses a mapping that is not our headers to the export's", () => {
    const before = hub.snapshot();
    expect(() => hub.call('importRoster', FIXTURE, ['Patient ID'])).toThrow(/column mapping must be an object/);
    expect(() => hub.call('importRoster', FIXTURE, { 'Client ID': 'Nope' })).toThrow(/no column "Nope"/);
    expect(hub.snapshot()).toBe(before);
  });

  it('refuses a CSR and a stranger for every import function, naming the role', () => {
    const before = hub.snapshot();
    for (const user of [hub.csr, 'stranger@elsewhere.example']) {
      for (const [fn, args] of [
        ['importRoster', [FIXTURE]],
        ['previewImport', [FIXTURE]],
        ['getImportMapping', []],
        ['showImportPanel', []],
      ] as const) {
        expect(() => hub.callAs(user, fn, ...args)).toThrow(/needs a transition manager \(Admin Emails\)/);
      }
    }
    expect(hub.snapshot()).toBe(before);
    expect(hub.emu.properties.get('document')).toEqual({});
  });
});

describe('The cost of an import', () => {
  function dataCalls(clients: number): { first: number; update: number; ms: number } {
    const hub = newHub({ clients: 0, importClients: false });
    const practice = samplePractice({ clients, seed: 3, messy: true });
    const first = hub.runner.run('importRoster', [exportCsv(practice.clients)], { user: hub.admin });
    expect(first.ok).toBe(true);
    for (const c of practice.clients) c.Phone = `555-020-${c['Client ID'].slice(-4)}`;
    const update = hub.runner.run('importRoster', [exportCsv(practice.clients)], { user: hub.admin });
    expect(update.result).toMatchObject({ added: 0 });
    expect((update.result as ImportResult).updated).toBeGreaterThan(clients / 2);
    // Growing the grid past its 1,000 rows is one call, made once, whatever the count.
    const grows = (r: typeof first): number => r.counters.byMethod['Sheet.insertRowsAfter'] ?? 0;
    expect(grows(first)).toBe(clients >= 1000 ? 1 : 0);
    expect(grows(update)).toBe(0);
    return { first: first.counters.data - grows(first), update: update.counters.data, ms: first.elapsedMs };
  }

  it('makes as many data calls for 5,000 clients as for 100 (besides growing the grid once), well inside the time limit', () => {
    const small = dataCalls(100);
    const large = dataCalls(5000);
    expect(large.first).toBe(small.first);
    expect(large.update).toBe(small.update);
    expect(large.ms).toBeLessThan(60_000);
  });
});
