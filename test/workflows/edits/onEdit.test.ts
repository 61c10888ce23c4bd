/**
 * The simple onEdit trigger on the built bundle: Last Updated / Updated By
 * stamps on every edited Reassignments row, vocabulary spelling fixed on
 * entry, and a cost that stays small however large the paste.
 */
import { CASE_HEADERS, TAB } from '../../../src/server/core/schema';
import { columnLetter, Hub, newHub, writeCalls } from '../../support/hub';

const col = (header: string): string => columnLetter(CASE_HEADERS.indexOf(header as never) + 1);

function caseRows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    Ref: `R-${String(i + 1).padStart(6, '0')}`,
    'Client ID': String(10000 + i),
    Source: 'Departure',
    Status: 'New',
    Notes: '',
  }));
}

function hubWithCases(n = 5): Hub {
  const hub = newHub({ clients: 3 });
  hub.seed(TAB.cases, caseRows(n));
  return hub;
}

const at = (hub: Hub, row: number): Record<string, unknown> => hub.rows(TAB.cases)[row - 2];
const isDate = (v: unknown): boolean => Object.prototype.toString.call(v) === '[object Date]';

describe('Editing a case row by hand', () => {
  it('stamps Last Updated with now and Updated By with the editor', () => {
    const hub = hubWithCases();
    const now = hub.emu.kernel.now();
    const [run] = hub.runner.edit(TAB.cases, `${col('Notes')}3`, 'Left a voicemail', { user: hub.csr });
    expect(run.ok).toBe(true);
    const row = at(hub, 3);
    expect(row['Updated By']).toBe(hub.csr);
    expect(isDate(row['Last Updated'])).toBe(true);
    expect(Math.abs((row['Last Updated'] as Date).getTime() - now)).toBeLessThan(5000);
    expect(at(hub, 2)['Updated By']).toBe('');
    expect(at(hub, 4)['Updated By']).toBe('');
  });

  it('corrects a status, preference, source or reason typed in another case to its canonical spelling', () => {
    const hub = hubWithCases();
    hub.runner.edit(TAB.cases, `${col('Status')}2`, 'reached', { user: hub.csr });
    hub.runner.edit(TAB.cases, `${col('Preference')}3`, '  client WILL choose ', { user: hub.csr });
    hub.runner.edit(TAB.cases, `${col('Source')}4`, 'CLIENT REQUEST', { user: hub.csr });
    hub.runner.edit(TAB.cases, `${col('Reason')}5`, 'not a good fit', { user: hub.csr });
    expect(at(hub, 2).Status).toBe('Reached');
    expect(at(hub, 3).Preference).toBe('Client will choose');
    expect(at(hub, 4).Source).toBe('Client request');
    expect(at(hub, 5).Reason).toBe('Not a good fit');
  });

  it('leaves a value that is not in the vocabulary as typed (the dropdown marks it)', () => {
    const hub = hubWithCases();
    const [run] = hub.runner.edit(TAB.cases, `${col('Status')}2`, 'Waiting on insurance', { user: hub.csr });
    expect(writeCalls(run.counters)).toEqual({ 'Range.setValues': 1 }); // the stamp only
    expect(at(hub, 2).Status).toBe('Waiting on insurance');
  });

  it('records an editor Google does not name as unknown', () => {
    const hub = hubWithCases();
    hub.paste(TAB.cases, `${col('Notes')}2`, [['Called back']], '');
    expect(at(hub, 2)['Updated By']).toBe('unknown');
  });

  it('ignores the header row, the other tabs, and a correction of the stamp itself', () => {
    const hub = hubWithCases();
    const header = hub.paste(TAB.cases, `${col('Notes')}1`, [['Notes']]);
    expect(writeCalls(header.counters)).toEqual({});
    const [other] = hub.runner.edit(TAB.clients, 'B2', 'Ann', { user: hub.admin });
    expect(writeCalls(other.counters)).toEqual({});
    const stamp = hub.paste(TAB.cases, `${col('Updated By')}2`, [['front desk']]);
    expect(writeCalls(stamp.counters)).toEqual({});
    expect(at(hub, 2)['Updated By']).toBe('front desk');
    expect(at(hub, 2)['Last Updated']).toBe('');
  });
});

describe('Pasting many rows', () => {
  it('stamps every pasted row and fixes every status, one write per column block', () => {
    const hub = hubWithCases(6);
    const run = hub.paste(
      TAB.cases,
      `${col('Status')}2`,
      [['contacting'], ['Reached'], ['scheduled'], ['Unresponsive']],
      hub.csr,
    );
    expect(run.ok).toBe(true);
    const rows = hub.rows(TAB.cases);
    expect(rows.map((r) => r.Status)).toEqual(['Contacting', 'Reached', 'Scheduled', 'Unresponsive', 'New', 'New']);
    expect(rows.map((r) => r['Updated By'])).toEqual([hub.csr, hub.csr, hub.csr, hub.csr, '', '']);
    // Stamps: one block of two adjacent columns. Corrections: rows 2 and 4 (row 3 is already right).
    expect(writeCalls(run.counters)).toEqual({ 'Range.setValues': 3 });
  });

  it('spans rows and columns of a rectangular paste, skipping blank rows', () => {
    const hub = hubWithCases(2);
    const run = hub.paste(
      TAB.cases,
      `${col('Ref')}10`,
      [
        ['R-000010', 'x'],
        ['', ''],
        ['R-000012', 'y'],
      ],
      hub.csr,
    );
    expect(run.ok).toBe(true);
    const peek = hub.emu.sheets.peek(hub.hubId, TAB.cases).values;
    const by = CASE_HEADERS.indexOf('Updated By');
    expect([peek[9][by], peek[10]?.[by] ?? '', peek[11][by]]).toEqual([hub.csr, '', hub.csr]);
  });

  it('reads only the header row and the pasted rows: the cost does not grow with the paste', () => {
    const small = hubWithCases(10);
    const large = hubWithCases(600);
    const paste = (hub: Hub, n: number) =>
      hub.paste(
        TAB.cases,
        `${col('Notes')}2`,
        Array.from({ length: n }, (_, i) => [`note ${i}`]),
        hub.csr,
      );
    const a = paste(small, 10);
    const b = paste(large, 600);
    expect(b.counters.byMethod['Range.getValues']).toBe(2);
    expect(b.counters.data).toBe(a.counters.data);
    expect(b.elapsedMs).toBeLessThan(30_000); // a simple trigger's limit
    expect(large.rows(TAB.cases).every((r) => r['Updated By'] === large.csr)).toBe(true);
  });
});
