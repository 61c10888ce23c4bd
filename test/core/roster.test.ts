import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseCsv } from '../../src/server/core/csv';
import {
  guessMapping,
  planImport,
  type ClientRecord,
  type ImportPlan,
  type Mapping,
} from '../../src/server/core/roster';
import { CLIENT_HEADERS } from '../../src/server/core/schema';
import { BLNS as blns } from '../support/blns';

const CLINICIANS = ['Jordan Avery', 'Priya Raman', 'Marcus Bell', 'Elena Ruiz'];
const HEADERS = [...CLIENT_HEADERS];
const IDENTITY: Mapping = Object.fromEntries(HEADERS.map((h) => [h, h]));

/** A CSV table with our own headers; each row gives only the fields that matter to the test. */
function table(...rows: Partial<Record<(typeof HEADERS)[number], string>>[]): string[][] {
  return [HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h] ?? ''))];
}
const client = (over: ClientRecord): ClientRecord => ({
  'Client ID': '',
  'First Name': '',
  'Last Name': '',
  Email: null,
  Phone: null,
  Clinician: null,
  Status: null,
  Insurance: null,
  Medicaid: null,
  'Last Intake Date': null,
  'Portal Access': null,
  'Documents Complete': null,
  'OMHC Assessment Date': null,
  ...over,
});
const problemsOf = (p: ImportPlan) => p.problems.map((x) => [x.line, x.clientId, x.skipped]);

describe('guessMapping', () => {
  const fixtureHeaders = [
    'Patient ID',
    'First Name',
    'Last Name',
    'Email Address',
    'Mobile Phone',
    'Primary Clinician',
    'Client Status',
    'Primary Insurance',
    'Medicaid',
    'Intake Date',
    'Portal Access',
    'Documents Complete',
    'OMHC Date',
  ];

  it('maps TherapyNotes-like export headers onto the Clients headers', () => {
    expect(guessMapping(fixtureHeaders)).toEqual({
      'Client ID': 'Patient ID',
      'First Name': 'First Name',
      'Last Name': 'Last Name',
      Email: 'Email Address',
      Phone: 'Mobile Phone',
      Clinician: 'Primary Clinician',
      Status: 'Client Status',
      Insurance: 'Primary Insurance',
      Medicaid: 'Medicaid',
      'Last Intake Date': 'Intake Date',
      'Portal Access': 'Portal Access',
      'Documents Complete': 'Documents Complete',
      'OMHC Assessment Date': 'OMHC Date',
    });
  });

  it("matches case- and space-insensitively and returns the export's own spelling", () => {
    const m = guessMapping(['  patient   id ', 'GIVEN NAME', 'surname', 'e-mail', 'OK to Text', 'nickname']);
    expect(m).toEqual({
      'Client ID': '  patient   id ',
      'First Name': 'GIVEN NAME',
      'Last Name': 'surname',
      Email: 'e-mail',
      'Text OK': 'OK to Text',
      'Preferred Name': 'nickname',
    });
  });

  it('prefers the earlier synonym when an export has several', () => {
    expect(guessMapping(['Home Phone', 'Mobile Phone', 'MRN', 'ID']).Phone).toBe('Mobile Phone');
    expect(guessMapping(['Home Phone', 'Mobile Phone', 'MRN', 'ID'])['Client ID']).toBe('ID');
  });

  it('lets a remembered choice win while its column still exists', () => {
    const headers = ['Patient ID', 'Account Number', 'Phone', 'Cell Phone'];
    expect(guessMapping(headers, { 'Client ID': 'account number', Phone: 'Cell Phone' })).toMatchObject({
      'Client ID': 'Account Number',
      Phone: 'Cell Phone',
    });
    expect(guessMapping(headers, { 'Client ID': 'Chart Number' })['Client ID']).toBe('Patient ID');
  });

  it('uses each export column for one header only', () => {
    const m = guessMapping(['ID', 'First', 'Last'], { 'Preferred Name': 'First' });
    expect(m['Preferred Name']).toBe('First');
    expect(m['First Name']).toBeUndefined();
  });

  it('leaves out headers the export does not have', () => {
    expect(guessMapping(['Client ID', 'Date of Birth'])).toEqual({ 'Client ID': 'Client ID' });
  });
});

describe('planImport of the messy EHR export', () => {
  const parsed = parseCsv(fs.readFileSync(path.join(__dirname, '../fixtures/roster/messy-export.csv'), 'utf8'));
  const mapping = guessMapping(parsed.rows[0]);
  const existing: ClientRecord[] = [
    client({
      'Client ID': '00123',
      'First Name': 'Ana',
      'Last Name': 'Sousa',
      Email: 'ana.sousa@example.com',
      Phone: '+1 555 010 0199',
      Clinician: 'Jordan Avery',
      Status: 'Active',
      Insurance: 'Aetna',
      Medicaid: false,
      'Last Intake Date': '2025-11-03',
      'Portal Access': true,
      'Documents Complete': true,
    }),
    client({
      'Client ID': '00124',
      'First Name': 'Ben',
      'Last Name': 'Sousa',
      Email: 'ana.sousa@example.com',
      Phone: '555-010-0000',
      Clinician: 'Jordan Avery',
      Status: 'Active',
      Insurance: 'Aetna',
      Medicaid: false,
      'Last Intake Date': '2025-11-26',
      'Portal Access': true,
      'Documents Complete': false,
    }),
    client({
      'Client ID': '00205',
      'First Name': 'Fatima',
      'Last Name': 'Haddad',
      Email: 'fatima.h@example.com',
      Phone: '555-010-0171',
      Clinician: 'Jordan Avery',
      Status: 'Active',
      Insurance: 'Medicaid',
      Medicaid: true,
      'Last Intake Date': '2025-12-01',
      'Portal Access': false,
      'Documents Complete': false,
      'OMHC Assessment Date': '2025-12-05',
    }),
    client({ 'Client ID': '00300', 'First Name': 'Dana', 'Last Name': 'Whitaker' }),
    client({ 'Client ID': '00999', 'First Name': 'Not', 'Last Name': 'Exported' }),
  ];
  const plan = planImport(existing, parsed.rows, mapping, { clinicianNames: CLINICIANS, lines: parsed.lines });
  const added = new Map(plan.added.map((c) => [c['Client ID'], c]));
  const messages = plan.problems.map((p) => p.message);

  it('has no header problems', () => {
    expect(plan.headerProblems).toEqual([]);
  });

  it('reports each problem on the file line of its record', () => {
    expect(problemsOf(plan)).toEqual([
      [11, '00205', false],
      [12, '00206', false],
      [17, '00300', true],
      [18, '', true],
      [19, '00310', true],
      [21, '00300', true],
      [22, '00311', false],
      [23, '00312', false],
      [24, '00313', false],
      [25, '00314', false],
      [29, '00318', false],
    ]);
  });

  it('skips both rows of a duplicated Client ID, naming the lines', () => {
    expect(messages[2]).toBe(
      'Client ID 00300 appears on lines 17 and 21; neither was imported — fix the export and import again.',
    );
    expect(messages[5]).toBe(messages[2]);
    expect(added.has('00300')).toBe(false);
    expect(plan.updated.map((u) => u.clientId)).not.toContain('00300');
  });

  it('skips a row without a Client ID and a short row', () => {
    expect(messages[3]).toBe('Line 18 has no Client ID; it was not imported.');
    expect(messages[4]).toBe(
      'Line 19 has 4 fields but the header has 13; it was not imported — fix the export and import again.',
    );
    expect(added.has('00310')).toBe(false);
  });

  it('adds every other new client, keeping IDs as text', () => {
    expect([...added.keys()]).toEqual([
      '00125',
      '123',
      '00201',
      '00202',
      '00203',
      '00204',
      '00206',
      '00207',
      '00208',
      '00209',
      '00210',
      '00311',
      '00312',
      '00313',
      '00314',
      '00315',
      '00316',
      '00317',
      '00318',
      '00319',
      'A-1007',
      '00320',
    ]);
    expect(plan.unchanged).toBe(2); // 00123, and 00205 whose only difference is an invalid email
    expect(plan.updated.map((u) => u.clientId)).toEqual(['00124']);
  });

  it('keeps names exactly as given: commas, quotes, line breaks, accents, emoji and formula-like text', () => {
    expect(added.get('00202')!['First Name']).toBe('Mary-Kate, Jr.');
    expect(added.get('00202')!['Last Name']).toBe("O'Brien");
    expect(added.get('00203')!['First Name']).toBe('Zoë "Zo"');
    expect(added.get('00204')!['First Name']).toBe('Li\r\nWei');
    expect(added.get('00201')!['Last Name']).toBe('Núñez-García');
    expect(added.get('00207')!['First Name']).toBe('=HYPERLINK("http://x","y")');
    expect(added.get('00208')!['First Name']).toBe('+SUM(1)');
    expect(added.get('00208')!['Last Name']).toBe('@x');
    expect(added.get('00209')!['First Name']).toBe('<script>alert(1)</script>');
    expect(added.get('00210')!['First Name']).toBe('Noa 🌿');
    expect(added.get('00204')!.Phone).toBe('+15550100188');
  });

  it('normalises statuses, checkboxes and dates', () => {
    expect(added.get('00125')).toMatchObject({
      Status: 'Active',
      Medicaid: false,
      'Portal Access': false,
      'Last Intake Date': '2025-11-26',
    });
    expect(added.get('00201')).toMatchObject({
      Medicaid: true,
      'Portal Access': true,
      'Documents Complete': false,
      'Last Intake Date': '2025-03-14',
      'OMHC Assessment Date': '2025-04-02',
    });
    expect(added.get('00202')).toMatchObject({ Medicaid: true, 'Portal Access': true, 'Documents Complete': true });
    expect(added.get('00316')!.Status).toBe('Discharged');
    expect(added.get('A-1007')!['Last Intake Date']).toBe('2026-01-05');
  });

  it('trims surrounding whitespace only', () => {
    expect(added.get('00317')).toMatchObject({
      'First Name': 'Hannah',
      'Last Name': 'Osei',
      Email: 'hannah.osei@example.com',
      Clinician: 'Elena Ruiz',
    });
  });

  it('imports a client with an invalid email but not the email', () => {
    expect(added.get('00206')!.Email).toBeNull();
    expect(messages[1]).toBe(
      'Line 12 (Client ID 00206): "tomas ortega@example.com" is not a valid email address; the email was not imported.',
    );
    // 00205 is on the Clients tab: her address there stays, so nothing about her changes.
    expect(messages[0]).toBe(
      'Line 11 (Client ID 00205): "fatima.haddad@@example.com" is not a valid email address; the email was not imported.',
    );
    expect(plan.updated.find((u) => u.clientId === '00205')).toBeUndefined();
  });

  it('writes no unreadable status, checkbox or date', () => {
    expect(added.get('00311')!.Status).toBeNull();
    expect(messages[6]).toBe(
      'Line 22 (Client ID 00311): Status "On hold" is not one of Active, Inactive, Discharged; Status was not imported.',
    );
    expect(added.get('00312')!.Medicaid).toBeNull();
    expect(messages[7]).toBe(
      'Line 23 (Client ID 00312): Medicaid "maybe" is not a yes or no; Medicaid was not imported.',
    );
    expect(added.get('00313')!['Last Intake Date']).toBeNull();
    expect(messages[8]).toBe(
      'Line 24 (Client ID 00313): Last Intake Date "last spring" is not a date; Last Intake Date was not imported.',
    );
    expect(added.get('00318')!['OMHC Assessment Date']).toBeNull();
  });

  it('imports an unknown clinician as given with a problem, and spells a known one as the Clinicians tab does', () => {
    expect(added.get('00314')!.Clinician).toBe('Dr. Whitfield');
    expect(messages[9]).toBe(
      'Line 25 (Client ID 00314): Clinician "Dr. Whitfield" is not on the Clinicians tab; imported as given — add the clinician or correct the export.',
    );
    expect(added.get('00318')!.Clinician).toBe('Priya Raman');
  });

  it('treats blank cells as not provided', () => {
    expect(added.get('00319')).toEqual(
      client({
        'Client ID': '00319',
        'First Name': 'Aisha',
        'Last Name': 'Bello',
        Clinician: 'Jordan Avery',
        Status: 'Active',
      }),
    );
  });

  it('lists what changes for an existing client, values compared after normalising', () => {
    const ben = plan.updated.find((u) => u.clientId === '00124')!;
    expect(ben.line).toBe(3);
    expect(ben.changes).toEqual([{ header: 'Phone', from: '555-010-0000', to: '+1 555 010 0199' }]);
  });

  it('never mentions a client missing from the file', () => {
    expect(JSON.stringify(plan)).not.toContain('00999');
  });
});

describe('planImport', () => {
  it('refuses the whole file when a required column is not mapped', () => {
    const mapping = { ...IDENTITY };
    delete (mapping as Partial<Mapping>)['Client ID'];
    const plan = planImport([], table({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B' }), mapping);
    expect(plan.headerProblems).toEqual(['The export has no column for Client ID (map one or add it).']);
    expect(plan.added).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('treats a column cleared in the mapping as not mapped', () => {
    const plan = planImport([], table({ 'Client ID': '1' }), { ...IDENTITY, 'Last Name': ' ' });
    expect(plan.headerProblems).toEqual(['The export has no column for Last Name (map one or add it).']);
  });

  it('names a mapped column the export does not have, an unknown Clients column and a doubled export column', () => {
    const rows = [['ID', 'First', 'Last', 'Phone', 'phone']];
    const plan = planImport([], rows, {
      'Client ID': 'ID',
      'First Name': 'First',
      'Last Name': 'Surname',
      Phone: 'Phone',
      'Date of Birth': 'DOB',
    });
    expect(plan.headerProblems).toEqual([
      'The export has no column "Surname" (mapped to Last Name); pick another column or fix the mapping.',
      'The export has 2 columns named "Phone" (columns 4 and 5); rename one so Phone can be read.',
      expect.stringMatching(/^The mapping names "Date of Birth", which is not a Clients column \(Client ID, /),
    ]);
  });

  it('refuses an empty export', () => {
    expect(planImport([], [], IDENTITY).headerProblems).toEqual(['The export is empty: it has no header row.']);
  });

  it('matches Client IDs as exact text, never as numbers', () => {
    const plan = planImport(
      [client({ 'Client ID': '123', 'First Name': 'Omar', 'Last Name': 'F' })],
      table({ 'Client ID': '00123', 'First Name': 'Ana', 'Last Name': 'S' }),
      IDENTITY,
    );
    expect(plan.added.map((c) => c['Client ID'])).toEqual(['00123']);
    expect(plan.updated).toEqual([]);
  });

  it('matches an existing Client ID read from the sheet as a number or with spaces', () => {
    const plan = planImport(
      [
        { 'Client ID': 123 as unknown as string, 'First Name': 'Omar', 'Last Name': 'F' },
        { 'Client ID': ' A7 ', 'First Name': 'B', 'Last Name': 'C' },
      ],
      table(
        { 'Client ID': '123', 'First Name': 'Omar', 'Last Name': 'F' },
        { 'Client ID': 'A7', 'First Name': 'B', 'Last Name': 'C' },
      ),
      IDENTITY,
    );
    expect(plan.added).toEqual([]);
    expect(plan.unchanged).toBe(2);
  });

  it('names every line of an ID that appears three times', () => {
    const rows = table(
      { 'Client ID': '7', 'First Name': 'A', 'Last Name': 'B' },
      { 'Client ID': '8', 'First Name': 'C', 'Last Name': 'D' },
      { 'Client ID': '7', 'First Name': 'A', 'Last Name': 'B' },
      { 'Client ID': '7', 'First Name': 'A', 'Last Name': 'B' },
    );
    const plan = planImport([], rows, IDENTITY);
    expect(plan.problems.map((p) => p.message)).toEqual(
      Array(3).fill('Client ID 7 appears on lines 2, 4 and 5; none was imported — fix the export and import again.'),
    );
    expect(plan.added.map((c) => c['Client ID'])).toEqual(['8']);
  });

  it('skips a row with more fields than the header', () => {
    const rows = table({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B' });
    rows[1].push('extra');
    const plan = planImport([], rows, IDENTITY);
    expect(plan.problems).toEqual([
      {
        line: 2,
        clientId: '1',
        skipped: true,
        message: 'Line 2 has 14 fields but the header has 13; it was not imported — fix the export and import again.',
      },
    ]);
    expect(plan.added).toEqual([]);
  });

  it('ignores rows with every cell blank', () => {
    const rows = table({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B' }, {});
    const plan = planImport([], rows, IDENTITY);
    expect(plan.problems).toEqual([]);
    expect(plan.added).toHaveLength(1);
  });

  it('refuses to guess which Clients row to update when the tab holds an ID twice', () => {
    const twice = client({ 'Client ID': '5', 'First Name': 'A', 'Last Name': 'B' });
    const plan = planImport(
      [twice, { ...twice }],
      table({ 'Client ID': '5', 'First Name': 'A', 'Last Name': 'Z' }),
      IDENTITY,
    );
    expect(plan.updated).toEqual([]);
    expect(plan.problems[0]).toMatchObject({ line: 2, skipped: true });
    expect(plan.problems[0].message).toMatch(/^Client ID 5 is on the Clients tab 2 times; line 2 was not imported/);
  });

  it("keeps an existing email when the export's one is invalid", () => {
    const plan = planImport(
      [client({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B', Email: 'a@example.com' })],
      table({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B', Email: 'a@example' }),
      IDENTITY,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.problems).toEqual([
      {
        line: 2,
        clientId: '1',
        skipped: false,
        message: 'Line 2 (Client ID 1): "a@example" is not a valid email address; the email was not imported.',
      },
    ]);
  });

  it('never erases a value with a blank cell, and leaves unmapped columns alone', () => {
    const before = client({
      'Client ID': '1',
      'First Name': 'A',
      'Last Name': 'B',
      Phone: '555-010-0001',
      Insurance: 'Aetna',
      Medicaid: true,
    });
    const mapping = { ...IDENTITY };
    delete (mapping as Partial<Mapping>).Insurance;
    const rows = [HEADERS.filter((h) => h !== 'Insurance'), ['1', 'A', 'B', '', '', '', '', '', '', '', '', '']];
    const plan = planImport([before], rows, mapping);
    expect(plan.unchanged).toBe(1);
    expect(plan.updated).toEqual([]);
  });

  it('leaves unmapped columns blank on a new client', () => {
    const plan = planImport(
      [],
      [
        ['ID', 'First', 'Last'],
        ['9', 'A', 'B'],
      ],
      { 'Client ID': 'ID', 'First Name': 'First', 'Last Name': 'Last' },
    );
    expect(plan.added).toEqual([client({ 'Client ID': '9', 'First Name': 'A', 'Last Name': 'B' })]);
  });

  it('includes the optional Email OK, Text OK and Preferred Name columns when mapped', () => {
    const rows = [
      ['ID', 'First', 'Last', 'OK to Email', 'SMS OK', 'Goes By'],
      ['9', 'Alexandra', 'B', 'No', 'yes', 'Sasha'],
    ];
    const plan = planImport([], rows, guessMapping(rows[0]));
    expect(plan.added[0]).toMatchObject({ 'Email OK': false, 'Text OK': true, 'Preferred Name': 'Sasha' });
  });

  it('compares booleans and dates as values, not as text', () => {
    const before = client({
      'Client ID': '1',
      'First Name': 'A',
      'Last Name': 'B',
      Status: 'active',
      Medicaid: 'TRUE',
      'Portal Access': true,
      'Last Intake Date': '11/3/2025',
      'OMHC Assessment Date': '2025-12-05',
    });
    const rows = table({
      'Client ID': '1',
      'First Name': 'A',
      'Last Name': 'B',
      Status: 'ACTIVE',
      Medicaid: 'yes',
      'Portal Access': '1',
      'Last Intake Date': '2025-11-03',
      'OMHC Assessment Date': '12/05/2025',
    });
    expect(planImport([before], rows, IDENTITY).unchanged).toBe(1);
  });

  it('reports a checkbox that changed as booleans', () => {
    const before = client({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B', Medicaid: false });
    const plan = planImport(
      [before],
      table({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B', Medicaid: 'Yes' }),
      IDENTITY,
    );
    expect(plan.updated).toEqual([
      { clientId: '1', line: 2, changes: [{ header: 'Medicaid', from: false, to: true }] },
    ]);
  });

  it('checks clinicians only when the names are given', () => {
    const rows = table({ 'Client ID': '1', 'First Name': 'A', 'Last Name': 'B', Clinician: 'Nobody' });
    expect(planImport([], rows, IDENTITY).problems).toEqual([]);
    expect(planImport([], rows, IDENTITY, { clinicianNames: [] }).problems).toHaveLength(1);
  });

  it('counts lines from the header when no file lines are given', () => {
    const plan = planImport([], table({ 'Client ID': '', 'First Name': 'A', 'Last Name': 'B' }), IDENTITY);
    expect(plan.problems[0].line).toBe(2);
  });

  it('keeps any hostile or unusual name exactly as given, trimmed of surrounding whitespace only', () => {
    const name = fc
      .oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.constantFrom(...blns))
      .filter((s) => s.trim() !== '');
    const id = fc.stringMatching(/^0{0,3}[0-9]{1,6}$/);
    fc.assert(
      fc.property(id, name, name, (clientId, first, last) => {
        const plan = planImport([], table({ 'Client ID': clientId, 'First Name': first, 'Last Name': last }), IDENTITY);
        expect(plan.added).toHaveLength(1);
        expect(plan.added[0]['Client ID']).toBe(clientId);
        expect(plan.added[0]['First Name']).toBe(first.trim());
        expect(plan.added[0]['Last Name']).toBe(last.trim());
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every naughty name through the CSV reader and the plan', () => {
    const names = blns.filter((s) => s.trim() !== '');
    const csv = [
      'Client ID,First Name,Last Name',
      ...names.map((s, i) => `${String(i).padStart(5, '0')},"${s.replace(/"/g, '""')}",X`),
    ].join('\r\n');
    const parsed = parseCsv(csv);
    const plan = planImport([], parsed.rows, guessMapping(parsed.rows[0]), { lines: parsed.lines });
    expect(plan.problems).toEqual([]);
    expect(plan.added.map((c) => c['First Name'])).toEqual(names.map((s) => s.trim()));
    expect(plan.added[0]['Client ID']).toBe('00000');
  });
});
