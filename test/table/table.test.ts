/**
 * The table layer on the emulated Sheets: columns found by header text, clear
 * errors for a missing tab or header, text that comes back exactly as it was
 * written (formulas, numbers, dates and booleans in disguise included), writes
 * of only the changed cells, and appends that grow the grid.
 */
import fc from 'fast-check';
import { createEmulator, Emulator } from '../../dev/emulator/index';
import { MissingHeaderError, MissingTabError, Table } from '../../src/server/table/table';
import { BLNS } from '../support/blns';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const TZ = 'America/New_York';
const OWNER = 'admin@example.com';

interface Book {
  emu: Emulator;
  id: string;
  ss: Spreadsheet;
}

function book(tabs: Record<string, unknown[][]> = {}): Book {
  const emu = createEmulator({ users: { owner: OWNER } });
  const b = emu.sheets.create('Table test', { owner: OWNER, timeZone: TZ });
  for (const [name, rows] of Object.entries(tabs)) emu.sheets.seed(b.id, name, rows);
  const ss = emu.sheets.app.openById(b.id) as unknown as Spreadsheet;
  emu.kernel.resetCounters();
  return { emu, id: b.id, ss };
}

const peek = (b: Book, tab: string) => b.emu.sheets.peek(b.id, tab);
/** The setValues calls made since the counters were last reset. */
const writes = (b: Book): number => b.emu.kernel.counters.byMethod['Range.setValues'] ?? 0;

/** Strings that Sheets would read as something other than text if typed. */
const DISGUISED = [
  '=1+1',
  '=HYPERLINK("http://example.invalid","click")',
  '+1 555 0100',
  '+15550100',
  '-2+3',
  '+SUM(1)',
  '@x',
  '00123',
  '123',
  '1,000',
  '1.50',
  '.5',
  '1e5',
  '12%',
  '$5.00',
  '2026-01-02',
  '1/2/2026',
  '11/26/26',
  '2026-11-26 14:30',
  'March 3',
  'jan 5',
  'TRUE',
  'false',
  "'quoted",
  "''twice",
  '  padded  ',
  ' ',
  '#REF!',
  '#N/A',
  'line\nbreak',
  'Zoë 🙂',
  '<script>alert(1)</script>',
  '{{Practice Name}}',
  '-',
  '+',
  '=',
];

describe('Finding columns', () => {
  it('finds columns by header text whatever their order, case and spacing, and leaves other columns alone', () => {
    const b = book({
      Cases: [
        ['  status ', 'Our column', 'Notes', 'REF'],
        ['New', 'keep me', 'n1', 'R-000001'],
        ['New', 'me too', 'n2', 'R-000002'],
      ],
    });
    const t = Table.read(b.ss, 'Cases', TZ, { required: ['Ref', 'Status', 'Notes'] });
    expect(t.rows.map((r) => [r.text('Ref'), r.text('Status'), r.text('Notes')])).toEqual([
      ['R-000001', 'New', 'n1'],
      ['R-000002', 'New', 'n2'],
    ]);
    t.indexBy('Ref').get('R-000002')!.set('Status', 'Reached');
    t.commit();
    expect(peek(b, 'Cases').values).toEqual([
      ['  status ', 'Our column', 'Notes', 'REF'],
      ['New', 'keep me', 'n1', 'R-000001'],
      ['Reached', 'me too', 'n2', 'R-000002'],
    ]);
  });

  it('names the tab when it is missing', () => {
    const b = book({ Cases: [['Ref']] });
    expect(() => Table.read(b.ss, 'Clients', TZ)).toThrow(MissingTabError);
    expect(() => Table.read(b.ss, 'Clients', TZ)).toThrow(
      'The "Clients" tab is missing. Run Handoff ▸ Set up workbook to add it back; nothing was changed.',
    );
  });

  it('names the tab and every missing header', () => {
    const b = book({
      Cases: [
        ['Ref', 'Notes'],
        ['R-000001', ''],
      ],
    });
    expect(() => Table.read(b.ss, 'Cases', TZ, { required: ['Ref', 'Status', 'Flag'] })).toThrow(MissingHeaderError);
    expect(() => Table.read(b.ss, 'Cases', TZ, { required: ['Ref', 'Status', 'Flag'] })).toThrow(
      /^The "Cases" tab has no "Status", "Flag" columns\./,
    );
    const t = Table.read(b.ss, 'Cases', TZ);
    expect(() => t.rows[0].set('Status', 'New')).toThrow(/The "Cases" tab has no "Status" column/);
    expect(t.hasChanges()).toBe(false);
  });
});

describe('Text written through the table comes back exactly', () => {
  function roundTrip(strings: string[]): { values: unknown[]; display: string[]; formulas: string[] } {
    const b = book({ Notes: [['Ref', 'Note']] });
    const t = Table.read(b.ss, 'Notes', TZ);
    strings.forEach((s, i) => t.append({ Ref: `N${i}`, Note: s }));
    t.commit();
    const p = peek(b, 'Notes');
    const width = p.values[0].length;
    const rows = strings.map((_, i) => i + 1);
    return {
      values: rows.map((r) => (p.values[r] ?? Array(width).fill(''))[1]),
      display: rows.map((r) => (p.display[r] ?? Array(width).fill(''))[1]),
      formulas: rows.map((r) => (p.formulas[r] ?? Array(width).fill(''))[1]),
    };
  }

  it('keeps formulas, numbers, dates and booleans in disguise as the text they are, when appended', () => {
    const back = roundTrip(DISGUISED);
    expect(back.values).toEqual(DISGUISED);
    expect(back.display).toEqual(DISGUISED);
    expect(back.formulas.filter((f) => f !== '')).toEqual([]);
  });

  it('keeps them exact when set on an existing row, and re-reads them as the same text', () => {
    const b = book({ Notes: [['Ref', 'Note'], ...DISGUISED.map((_, i) => [`N${i}`, 'plain'])] });
    const t = Table.read(b.ss, 'Notes', TZ);
    t.rows.forEach((r, i) => r.set('Note', DISGUISED[i]));
    t.commit();
    const again = Table.read(b.ss, 'Notes', TZ);
    expect(again.rows.map((r) => r.get('Note'))).toEqual(DISGUISED);
    // Nothing changed, so a second commit writes nothing.
    again.rows.forEach((r, i) => r.set('Note', DISGUISED[i]));
    expect(again.hasChanges()).toBe(false);
  });

  it('keeps every string of the Big List of Naughty Strings', () => {
    const back = roundTrip(BLNS);
    const wrong = BLNS.filter((s, i) => back.values[i] !== s);
    expect(wrong).toEqual([]);
    expect(back.formulas.filter((f) => f !== '')).toEqual([]);
  });

  it('keeps any string at all (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...DISGUISED)), {
          minLength: 1,
          maxLength: 20,
        }),
        (strings) => {
          const back = roundTrip(strings);
          expect(back.values).toEqual(strings);
          expect(back.formulas.every((f) => f === '')).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("Text written into a column formatted Plain text ('@')", () => {
  const plainText = (b: Book, a1: string): void => {
    b.ss.getSheetByName('Notes')?.getRange(a1).setNumberFormat('@');
  };
  /** A Notes tab whose Note column (B) is Plain text over rows 2–`rows`, as a person formatting the column leaves it. */
  function plainBook(platform: 'kept' | 'dropped', rows = 200): Book {
    const b = book({ Notes: [['Ref', 'Note']] });
    b.emu.sheets.platform.plainTextApostrophe = platform;
    plainText(b, `B2:B${rows}`);
    b.emu.kernel.resetCounters();
    return b;
  }
  const notes = (b: Book): unknown[] =>
    peek(b, 'Notes')
      .values.slice(1)
      .map((r) => r[1]);

  function writeAndRewrite(b: Book): { appended: unknown[]; set: unknown[]; formulas: string[] } {
    const t = Table.read(b.ss, 'Notes', TZ);
    DISGUISED.forEach((s, i) => t.append({ Ref: `N${i}`, Note: s }));
    t.commit();
    const appended = notes(b);
    const again = Table.read(b.ss, 'Notes', TZ);
    const reversed = [...DISGUISED].reverse();
    again.rows.forEach((r, i) => r.set('Note', reversed[i]));
    again.commit();
    return {
      appended,
      set: notes(b),
      formulas: peek(b, 'Notes')
        .formulas.flat()
        .filter((f) => f !== ''),
    };
  }

  it('comes back exactly, with no apostrophe added, appended or set (the platform as the emulator models it)', () => {
    const back = writeAndRewrite(plainBook('kept'));
    expect(back.appended).toEqual(DISGUISED);
    expect(back.set).toEqual([...DISGUISED].reverse());
    expect(back.formulas).toEqual([]);
  });

  it('on a platform that drops a leading apostrophe there too, only text that itself begins with one loses it (the platform check names such a platform)', () => {
    const back = writeAndRewrite(plainBook('dropped'));
    const expected = DISGUISED.map((s) => (s.startsWith("'") ? s.slice(1) : s));
    expect(back.appended).toEqual(expected);
    expect(back.formulas).toEqual([]);
  });

  it('still guards the other columns of the same rows', () => {
    const b = book({ Notes: [['Ref', 'Note']] });
    plainText(b, 'B2:B20');
    const t = Table.read(b.ss, 'Notes', TZ);
    t.append({ Ref: '00123', Note: '00123' });
    t.commit();
    expect(peek(b, 'Notes').values[1]).toEqual(['00123', '00123']);
  });

  it('rewrites the untouched cells of a merged column without adding an apostrophe', () => {
    const b = plainBook('kept', 40);
    b.emu.sheets.seed(
      b.id,
      'Notes',
      Array.from({ length: 30 }, (_, i) => [`R-${i}`, `0${i}`]),
      2,
    );
    const t = Table.read(b.ss, 'Notes', TZ);
    t.rows.forEach((r, i) => {
      if (i % 3 === 0) r.set('Note', `+1 555 01${i}`);
    });
    t.commit();
    expect(notes(b)).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `+1 555 01${i}` : `0${i}`)));
  });

  it('asks for the formats once per table, and never when no text needs a guard', () => {
    const b = plainBook('kept');
    const names = Table.read(b.ss, 'Notes', TZ);
    names.append({ Ref: 'R-1', Note: 'Ms. Rivera' });
    names.commit();
    expect(b.emu.kernel.counters.byMethod['Range.getNumberFormats'] ?? 0).toBe(0);
    const guarded = Table.read(b.ss, 'Notes', TZ);
    for (let i = 0; i < 5; i++) guarded.append({ Ref: `R-${i}`, Note: `00${i}` });
    guarded.commit();
    expect(b.emu.kernel.counters.byMethod['Range.getNumberFormats']).toBe(1);
  });
});

describe('Writing back', () => {
  function hundredRows(): Book {
    const rows: unknown[][] = [['Ref', 'Status', 'Notes', 'Flag']];
    for (let i = 1; i <= 100; i++) rows.push([`R-${String(i).padStart(6, '0')}`, 'New', `note ${i}`, '']);
    return book({ Cases: rows });
  }

  it('writes only the cells that changed, one call per run of consecutive rows in a column', () => {
    const b = hundredRows();
    const before = peek(b, 'Cases').values.map((r) => [...r]);
    const t = Table.read(b.ss, 'Cases', TZ);
    t.rows[9].set('Status', 'Reached');
    t.rows[19].set('Status', 'Reached');
    t.rows[29].set('Status', 'New'); // the same value: not a change
    t.rows[39].set('Notes', 'called');
    t.rows[40].set('Notes', 'called again');
    b.emu.kernel.resetCounters();
    expect(t.commit()).toBe(3);
    expect(writes(b)).toBe(3);
    const after = peek(b, 'Cases').values;
    const changed: string[] = [];
    after.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== before[r][c]) changed.push(`${r + 1}:${c + 1}=${String(v)}`);
      }),
    );
    expect(changed).toEqual(['11:2=Reached', '21:2=Reached', '41:3=called', '42:3=called again']);
  });

  it('writes the columns a job owns as one block per run of adjacent columns, however scattered the rows', () => {
    const b = hundredRows();
    const t = Table.read(b.ss, 'Cases', TZ).ownColumns('Notes', 'Flag');
    for (const i of [3, 47, 88]) {
      t.rows[i].set('Flag', 'Stale');
      t.rows[i].set('Notes', `n${i}`);
    }
    t.rows[60].set('Status', 'Reached');
    b.emu.kernel.resetCounters();
    expect(t.commit()).toBe(2); // Notes+Flag as one block, Status on its own
    const after = Table.read(b.ss, 'Cases', TZ);
    expect(after.rows.filter((r) => r.text('Flag') === 'Stale').map((r) => r.text('Ref'))).toEqual([
      'R-000004',
      'R-000048',
      'R-000089',
    ]);
    expect(after.rows[50].text('Notes')).toBe('note 51'); // inside the block, untouched in value
  });

  it('grows the grid past row 1000 for appended rows, in one block, and later appends go below', () => {
    const b = book({ Log: [['Timestamp', 'Action', 'Details']] });
    const ss = b.ss;
    const sheet = ss.getSheetByName('Log')!;
    expect(sheet.getMaxRows()).toBe(1000);
    const first = Table.forAppend(ss, 'Log', TZ);
    for (let i = 0; i < 1500; i++)
      first.append({ Timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)), Action: 'Test', Details: `00${i}` });
    b.emu.kernel.resetCounters();
    first.commit();
    expect(writes(b)).toBe(1);
    const second = Table.forAppend(ss, 'Log', TZ);
    second.append({ Action: 'After', Details: '=last' });
    second.commit();
    expect(sheet.getMaxRows()).toBeGreaterThanOrEqual(1502);
    const values = peek(b, 'Log').values;
    expect(values).toHaveLength(1502);
    expect(values[1500][2]).toBe('001499');
    expect(values[1501].slice(1)).toEqual(['After', '=last']);
  });

  it('reads only the header row of a tab it only appends to', () => {
    const rows: unknown[][] = [['Timestamp', 'Action', 'Details']];
    for (let i = 0; i < 3000; i++) rows.push([new Date(Date.UTC(2026, 0, 1)), 'Old', String(i)]);
    const b = book({ Log: rows });
    const t = Table.forAppend(b.ss, 'Log', TZ, { required: ['Action'] });
    t.append({ Action: 'New' });
    t.commit();
    expect(b.emu.kernel.counters.byMethod['Range.getValues']).toBe(1);
    expect(b.emu.kernel.counters.cellsRead).toBe(3);
    expect(peek(b, 'Log').values[3001].slice(1)).toEqual(['New', '']);
  });
});

describe('Appending from two tables on one tab in one execution', () => {
  it("never writes one table's new rows over the other's (two Logs open at once)", () => {
    const b = book({
      Log: [
        ['Timestamp', 'Action'],
        ['t0', 'earlier'],
      ],
    });
    const first = Table.forAppend(b.ss, 'Log', TZ);
    const second = Table.forAppend(b.ss, 'Log', TZ);
    first.append({ Timestamp: 't1', Action: 'first' });
    first.commit();
    second.append({ Timestamp: 't2', Action: 'second' });
    second.commit();
    first.append({ Timestamp: 't3', Action: 'first again' });
    first.commit();
    expect(peek(b, 'Log').values.map((r) => r[1])).toEqual(['Action', 'earlier', 'first', 'second', 'first again']);
  });

  it('writes later changes to an appended row once it has been committed', () => {
    const b = book({ Cases: [['Ref', 'Status']] });
    const t = Table.read(b.ss, 'Cases', TZ);
    const row = t.append({ Ref: 'R-000001', Status: 'New' });
    t.commit();
    row.set('Status', 'Reached');
    t.commit();
    expect(peek(b, 'Cases').values).toEqual([
      ['Ref', 'Status'],
      ['R-000001', 'Reached'],
    ]);
  });
});

describe('Writing columns people also edit', () => {
  const tab = (n: number): unknown[][] => [
    ['Ref', 'Notes'],
    ...Array.from({ length: n }, (_, i) => [`R-${i}`, `note ${i}`]),
  ];

  it('writes scattered changes to a column in the same few calls for 10 rows or 1,000', () => {
    const cost = (n: number): number => {
      const b = book({ Cases: tab(n) });
      const t = Table.read(b.ss, 'Cases', TZ);
      t.rows.forEach((r, i) => {
        if (i % 2 === 0) r.set('Notes', `changed ${i}`);
      });
      b.emu.kernel.resetCounters();
      t.commit();
      expect(peek(b, 'Cases').values[1 + 2][1]).toBe('changed 2');
      expect(peek(b, 'Cases').values[1 + 3][1]).toBe('note 3');
      return b.emu.kernel.counters.data;
    };
    expect(cost(1000)).toBe(cost(10));
    expect(cost(10)).toBeLessThanOrEqual(3);
  });

  it('keeps what a person typed meanwhile in the cells it did not change, formulas and exact text included', () => {
    const b = book({ Cases: tab(12) });
    const t = Table.read(b.ss, 'Cases', TZ);
    t.rows.forEach((r, i) => {
      if (i % 3 === 0) r.set('Notes', `ours ${i}`);
    });
    b.emu.sheets.userEdit(b.id, 'Cases', 'B3', 'typed meanwhile', OWNER);
    b.emu.sheets.userEdit(b.id, 'Cases', 'B6', '=1+1', OWNER);
    b.emu.sheets.userEdit(b.id, 'Cases', 'B9', "'00123", OWNER);
    t.commit();
    const after = peek(b, 'Cases');
    expect(after.values[2][1]).toBe('typed meanwhile');
    expect(after.formulas[5][1]).toBe('=1+1');
    expect(after.values[8][1]).toBe('00123');
    expect(after.values[1][1]).toBe('ours 0');
    expect(after.values[10][1]).toBe('ours 9');
  });

  it("writes a single row's adjacent changed columns in one call", () => {
    const b = book({
      Cases: [
        ['Ref', 'Status', 'Call 1', 'Notes'],
        ['R-1', 'New', '', ''],
      ],
    });
    const t = Table.read(b.ss, 'Cases', TZ);
    const row = t.rows[0];
    row.set('Status', 'Contacting');
    row.set('Call 1', 'today');
    row.set('Notes', 'left a voicemail');
    b.emu.kernel.resetCounters();
    expect(t.commit()).toBe(1);
    expect(peek(b, 'Cases').values[1]).toEqual(['R-1', 'Contacting', 'today', 'left a voicemail']);
  });
});

describe('Finding a row by a key a person typed', () => {
  it('matches case and spacing aside, and finds nothing for a blank key', () => {
    const b = book({
      Cases: [
        ['Ref', 'Status'],
        ['R-000001', 'New'],
        ['R-000002', 'Reached'],
      ],
    });
    const t = Table.read(b.ss, 'Cases', TZ);
    expect(t.findRow('Ref', '  r-000002 ')?.text('Status')).toBe('Reached');
    expect(t.findRow('Ref', 'R-000009')).toBeUndefined();
    expect(t.findRow('Ref', '')).toBeUndefined();
  });
});

describe('Reading rows by key, never the whole tab', () => {
  /** A tab of `n` cases: Ref, Client ID, Status, Notes; every third client has two cases. */
  function cases(n: number): unknown[][] {
    const rows: unknown[][] = [['Ref', 'Client ID', 'Status', 'Notes']];
    for (let i = 1; i <= n; i++)
      rows.push([`R-${String(i).padStart(6, '0')}`, String(1000 + (i % 3 === 0 ? i - 1 : i)), 'New', `n${i}`]);
    return rows;
  }
  const counters = (b: Book) => b.emu.kernel.counters;

  it.each([100, 5000])('finds a case and reads only its row in a tab of %i', (n) => {
    const b = book({ Cases: cases(n) });
    const t = Table.open(b.ss, 'Cases', TZ, { required: ['Ref', 'Status'] });
    const row = t.findRow('Ref', 'r-000042 ');
    expect(row?.text('Notes')).toBe('n42');
    expect(row?.rowNumber).toBe(43);
    // The header row and the one row: as many cells and calls whatever the tab's length.
    expect({ cellsRead: counters(b).cellsRead, data: counters(b).data }).toEqual({ cellsRead: 8, data: 4 });
    expect(t.isWhole).toBe(false);
  });

  it('finds every row of a key, in sheet order, and answers again without another search', () => {
    const b = book({ Cases: cases(300) });
    const t = Table.open(b.ss, 'Cases', TZ);
    expect(t.find('Client ID', '1002').map((r) => r.text('Ref'))).toEqual(['R-000002', 'R-000003']);
    const calls = counters(b).data;
    expect(t.find('Client ID', ' 1002').map((r) => r.rowNumber)).toEqual([3, 4]);
    expect(counters(b).data).toBe(calls);
    expect(t.find('Client ID', '999999')).toEqual([]);
  });

  it('finds keys that are regular-expression syntax or hostile text literally', () => {
    const syntax = ['a.c', '(x)', '[1]', '*', '+1 555', '^$', 'a|b', '\\d', 'R-1?', 'a/b', '{2}'];
    const keys = [...new Set([...syntax, ...BLNS])].filter((k) => k.trim() !== '' && !/[\n\r]/.test(k));
    const b = book({
      Keys: [
        ['Key', 'Value'],
        ['abc', 'decoy'],
        ['x', 'decoy'],
        ['1', 'decoy'],
        ['ad', 'decoy'],
      ],
    });
    const writer = Table.open(b.ss, 'Keys', TZ);
    keys.forEach((k, i) => writer.append({ Key: k, Value: `v${i}` }));
    writer.commit();
    // A fresh table per key, so every one is a search (a table reads whole after a few).
    const search = (k: string) => Table.open(b.ss, 'Keys', TZ).find('Key', k);
    const missed = keys.filter((k, i) => !search(k).some((r) => r.text('Value') === `v${i}`));
    expect(missed).toEqual([]);
    expect(search('a.c').map((r) => r.text('Value'))).toEqual(['v0']);
    expect(b.emu.kernel.counters.byMethod['TextFinder.findAll']).toBe(keys.length + 1);
  });

  it('keeps a found row, with its unwritten change, when the tab is then read whole', () => {
    const b = book({ Cases: cases(50) });
    const t = Table.open(b.ss, 'Cases', TZ);
    const row = t.findRow('Ref', 'R-000010')!;
    row.set('Status', 'Reached');
    expect(t.rows).toHaveLength(50);
    expect(t.rows[9]).toBe(row);
    expect(t.rows[9].text('Status')).toBe('Reached');
    t.commit();
    expect(peek(b, 'Cases').values[10][2]).toBe('Reached');
  });

  it('reads the tab whole instead after a few searches, so a loop of lookups stays a few calls', () => {
    const b = book({ Cases: cases(2000) });
    const t = Table.open(b.ss, 'Cases', TZ);
    for (let i = 1; i <= 200; i++) expect(t.findRow('Ref', `R-${String(i).padStart(6, '0')}`)?.rowNumber).toBe(i + 1);
    expect(t.isWhole).toBe(true);
    expect(counters(b).data).toBeLessThan(30);
  });

  it('writes a found row back cell by cell, never blanking the rows it did not read (owned columns included)', () => {
    const b = book({ Cases: cases(20) });
    const t = Table.open(b.ss, 'Cases', TZ).ownColumns('Status');
    t.findRow('Ref', 'R-000003')!.set('Status', 'Reached');
    t.findRow('Ref', 'R-000017')!.set('Status', 'Contacting');
    t.commit();
    const values = peek(b, 'Cases').values;
    expect(values.map((r) => r[2])).toEqual([
      'Status',
      'New',
      'New',
      'Reached',
      ...Array(13).fill('New'),
      'Contacting',
      'New',
      'New',
      'New',
    ]);
    expect(counters(b).cellsWritten).toBe(2);
  });

  it('appends below the data of a tab it has not read, asking where the data ends before any write', () => {
    const b = book({ Cases: cases(30) });
    const t = Table.open(b.ss, 'Cases', TZ);
    const row = t.append({ Ref: 'R-000031', Status: 'New' });
    expect(row.rowNumber).toBe(32);
    const reads = counters(b).byMethod['Sheet.getLastRow'];
    t.commit();
    expect(counters(b).byMethod['Sheet.getLastRow']).toBe(reads);
    expect(peek(b, 'Cases').values[31].slice(0, 3)).toEqual(['R-000031', '', 'New']);
    expect(t.findRow('Ref', 'R-000031')).toBe(row);
  });

  it("reads one column of every row (a tab's Refs) with one call", () => {
    const b = book({ Cases: cases(500) });
    const t = Table.open(b.ss, 'Cases', TZ);
    const refs = t.columnText('Ref');
    expect(refs).toHaveLength(500);
    expect(refs[499]).toBe('R-000500');
    expect(counters(b).cellsRead).toBe(4 + 500);
  });

  it('reads the Status of every case of a key without reading their rows, preferring what it holds now', () => {
    const b = book({ Cases: cases(400) });
    const t = Table.open(b.ss, 'Cases', TZ);
    t.findRow('Ref', 'R-000005')!.set('Status', 'Reassigned');
    const before = counters(b).cellsRead;
    expect(t.valuesWhere('Client ID', '1005', 'Status')).toEqual(['Reassigned', 'New']);
    expect(counters(b).cellsRead - before).toBe(2);
    expect(t.valuesWhere('Client ID', 'nobody', 'Status')).toEqual([]);
  });
});
