/**
 * The date columns' number formats: set-up gives each one its format (a day,
 * or a day and its time as '12/1/2026 2:30 PM'), a second run writes nothing,
 * a damaged hub gets a format back only where a cell has none of its own, and
 * an email shows a date with the same text the sheet shows. In a pattern,
 * 'h' is a 12-hour clock when an AM/PM marker is present (Sheets API guide
 * "Date and time format patterns"): the emulator's display is checked here
 * against the emails' text for the hours where that matters (12 AM, 12 PM).
 */
import { COLUMN_FORMATS, DATE_FORMAT, DATE_TIME_FORMAT } from '../../../src/server/core/hubSpec';
import { columnFormat, displayText } from '../../../src/server/workflows/shared/email/fields';
import { newHub, writeCalls, type Hub } from '../../support/hub';
import { complete, openRequest, requestHub } from '../../support/request';

type SetupReport = { created: string[]; repaired: string[]; unchanged: boolean };

const TZ = 'America/New_York';

/** The number formats of a column's data rows (row 2 to the end of the grid), by header. */
function columnFormats(hub: Hub, tab: string, header: string): string[] {
  return hub.byHand((ss) => {
    const sheet = ss.getSheetByName(tab)!;
    const column = hub.headers(tab).indexOf(header) + 1;
    return sheet
      .getRange(2, column, sheet.getMaxRows() - 1, 1)
      .getNumberFormats()
      .map((r) => r[0]);
  });
}

/** Every tab and header set-up formats, with its format. */
const ALL = Object.entries(COLUMN_FORMATS).flatMap(([tab, columns]) =>
  Object.entries(columns ?? {}).map(([header, format]) => ({ tab, header, format })),
);

describe("the date columns' formats", () => {
  it('are set by set-up on every row of each date column: a day, or a day and its time for Next Session, Last Updated and Timestamp', () => {
    const hub = newHub({ clients: 5 });
    for (const { tab, header, format } of ALL) {
      expect([tab, header, [...new Set(columnFormats(hub, tab, header))]]).toEqual([tab, header, [format]]);
    }
    expect(COLUMN_FORMATS.Reassignments).toMatchObject({
      'Next Session': DATE_TIME_FORMAT,
      'Last Updated': DATE_TIME_FORMAT,
      Due: DATE_FORMAT,
      Opened: DATE_FORMAT,
    });
    expect(COLUMN_FORMATS.Log).toEqual({ Timestamp: DATE_TIME_FORMAT });
  });

  it('are left alone by a second set-up, which writes nothing', () => {
    const hub = newHub({ clients: 5 });
    const before = hub.snapshot();
    const run = hub.runner.run('setUpWorkbook', [], { user: hub.admin });
    expect(run.result).toMatchObject({ unchanged: true });
    expect(writeCalls(run.counters)).toEqual({});
    expect(hub.snapshot()).toBe(before);
  });

  it("are put back on a damaged hub only where a cell has none, keeping a person's own format, and a run after writes nothing", () => {
    const hub = newHub({ clients: 5 });
    const col = (header: string): number => hub.headers('Reassignments').indexOf(header) + 1;
    hub.byHand((ss) => {
      const cases = ss.getSheetByName('Reassignments')!;
      cases.getRange(2, col('Due'), 10, 1).setNumberFormat('yyyy-mm-dd'); // a person's choice
      cases.getRange(5, col('Next Session'), 3, 1).clearFormat(); // lost: back to automatic
      cases.getRange(20, col('Next Session'), 1, 1).setNumberFormat('M/d/yyyy H:mm:ss'); // Sheets' own default for a date and time
    });
    const report = hub.callAs<SetupReport>(hub.admin, 'setUpWorkbook');
    expect(report.repaired).toEqual(['Reassignments: set the date format of Next Session where a cell had none']);
    expect([...new Set(columnFormats(hub, 'Reassignments', 'Next Session'))]).toEqual([DATE_TIME_FORMAT]);
    const due = columnFormats(hub, 'Reassignments', 'Due');
    expect(due.slice(0, 10)).toEqual(new Array(10).fill('yyyy-mm-dd'));
    expect([...new Set(due.slice(10))]).toEqual([DATE_FORMAT]);
    const again = hub.runner.run('setUpWorkbook', [], { user: hub.admin });
    expect(again.result).toMatchObject({ unchanged: true });
    expect(writeCalls(again.counters)).toEqual({});
  });
});

describe('a date in an email', () => {
  it('reads as the sheet shows it: the new clinician is told the next session is 12/1/2026 2:30 PM', () => {
    const hub = requestHub();
    const ref = openRequest(hub, '00901');
    complete(hub, ref, { newClinician: 'Ana Able', nextSession: '2026-12-01T14:30' });
    const mail = hub.emu.mail.outbox.find((m) => m.to === 'ana@clinic.example.com')!;
    expect(mail.body).toContain('Next session: 12/1/2026 2:30 PM');
    const shown = hub.rows('Reassignments', { display: true }).find((r) => r.Ref === ref)!;
    expect(shown['Next Session']).toBe('12/1/2026 2:30 PM');
  });

  it.each([
    ['2026-12-01T19:30:00Z', '12/1/2026 2:30 PM'],
    ['2026-12-01T05:00:00Z', '12/1/2026 12:00 AM'],
    ['2026-12-01T05:05:00Z', '12/1/2026 12:05 AM'],
    ['2026-12-01T17:00:00Z', '12/1/2026 12:00 PM'],
    ['2026-12-02T04:59:00Z', '12/1/2026 11:59 PM'],
    // The day clocks go forward: the wall clock's 2:30 PM, not the hours since midnight.
    ['2026-03-08T18:30:00Z', '3/8/2026 2:30 PM'],
  ])('shows %s in New York as %s, as the sheet does with the same format', (iso, text) => {
    expect(displayText(new Date(iso), TZ, DATE_TIME_FORMAT)).toBe(text);
    const hub = newHub({ clients: 1, setUp: false });
    const sheetShows = hub.byHand((ss) => {
      const cell = ss.getSheets()[0].getRange('A1');
      cell.setNumberFormat(DATE_TIME_FORMAT).setValue(new Date(iso));
      return cell.getDisplayValue();
    });
    expect(sheetShows).toBe(text);
  });

  it('shows a date-only column without its time, and other columns as Sheets does by default', () => {
    const at = new Date('2026-12-01T19:30:05Z');
    expect(displayText(at, TZ, columnFormat('Due'))).toBe('12/1/2026');
    expect(displayText(at, TZ, columnFormat('Next Session'))).toBe('12/1/2026 2:30 PM');
    expect(columnFormat('Client Name')).toBe('');
    expect(displayText(at, TZ, columnFormat('Client Name'))).toBe('12/1/2026 14:30:05');
  });
});
