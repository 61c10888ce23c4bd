import * as vm from 'vm';
import fc from 'fast-check';
import {
  addBusinessDays,
  addDays,
  addMonths,
  businessDaysBetween,
  cellToCivil,
  civilToDate,
  daysBetween,
  formatCivil,
  isBusinessDay,
  isCivil,
  isoDateTime,
  parseHolidays,
  parseLooseDate,
  toCivil,
  weekday,
} from '../../src/server/core/dates';
import { BLNS as blns } from '../support/blns';

const NONE = new Set<string>();
const DAY_MS = 86400000;

/** Reference civil date of a UTC day number, through the platform's Date. */
const refCivil = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
const refDayNumber = (c: string): number => Date.parse(`${c}T00:00:00Z`) / DAY_MS;

/** Any real date 1900–2100. */
const civilArb = fc.integer({ min: refDayNumber('1900-01-01'), max: refDayNumber('2100-12-31') }).map(refCivil);
/** A handful of holidays near the dates drawn, so spans cross them. */
const holidaysArb = fc
  .uniqueArray(fc.integer({ min: refDayNumber('2025-12-01'), max: refDayNumber('2027-02-01') }).map(refCivil), {
    maxLength: 30,
  })
  .map((days) => new Set(days));
const nearCivilArb = fc.integer({ min: refDayNumber('2026-01-01'), max: refDayNumber('2026-12-31') }).map(refCivil);

/** Zones a practice could run in, with DST rules of every shape: none, 1 hour, 30 minutes, at midnight, southern. */
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/St_Johns',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/Havana',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Beirut',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Asia/Tokyo',
];

/** Wall clock of an instant in a zone, read independently of the code under test. */
function wall(d: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('isCivil', () => {
  it.each(['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])(
    'accepts the real date %s',
    (s) => {
      expect(isCivil(s)).toBe(true);
    },
  );

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-5',
    '26-01-05',
    ' 2026-01-05',
    '2026-01-05T00:00:00Z',
    '0000-01-01',
    '',
  ])('rejects %p', (s) => {
    expect(isCivil(s)).toBe(false);
  });

  it('rejects what is not a string, including a Date', () => {
    for (const v of [null, undefined, 20260105, new Date(), {}, ['2026-01-05']]) expect(isCivil(v)).toBe(false);
  });

  it('agrees with the platform calendar on every day 1900–2100', () => {
    fc.assert(fc.property(civilArb, (c) => isCivil(c)));
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365);
  });

  it('matches the platform calendar and undoes itself', () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: -5000, max: 5000 }), (c, n) => {
        const d = addDays(c, n);
        expect(d).toBe(refCivil(refDayNumber(c) + n));
        expect(daysBetween(c, d)).toBe(n);
        expect(addDays(d, -n)).toBe(c);
      }),
    );
  });

  it('refuses a date that is not one, naming it', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow('"2026-02-30" is not a date');
    expect(() => daysBetween('11/26/2026', '2026-11-26')).toThrow('"11/26/2026" is not a date');
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow('whole number');
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
  });

  it('crosses years both ways', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-02-15', -6)).toBe('2025-08-15');
    expect(addMonths('2026-05-20', -24)).toBe('2024-05-20');
  });

  it("keeps the day when the target month has it, else lands on that month's last day", () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: -240, max: 240 }), (c, n) => {
        const r = addMonths(c, n);
        const [y, m, d] = c.split('-').map(Number);
        const months = y * 12 + (m - 1) + n;
        expect(Number(r.slice(0, 4)) * 12 + Number(r.slice(5, 7)) - 1).toBe(months);
        const lastOfTarget = new Date(Date.UTC(Math.floor(months / 12), (months % 12) + 1, 0)).getUTCDate();
        expect(Number(r.slice(8))).toBe(Math.min(d, lastOfTarget));
      }),
    );
  });
});

describe('weekday', () => {
  it('knows the days of a known week', () => {
    expect(weekday('2026-11-22')).toBe(0); // Sunday
    expect(weekday('2026-11-26')).toBe(4); // Thanksgiving, a Thursday
    expect(weekday('2026-11-28')).toBe(6);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-31')).toBe(3);
  });

  it('matches the platform calendar', () => {
    fc.assert(fc.property(civilArb, (c) => weekday(c) === new Date(`${c}T00:00:00Z`).getUTCDay()));
  });
});

describe('business days', () => {
  const thanksgiving = new Set(['2026-11-26']);

  it('takes Friday + 1 business day to Monday', () => {
    expect(addBusinessDays('2026-11-20', 1, NONE)).toBe('2026-11-23');
  });

  it('steps over a holiday inside the span', () => {
    expect(addBusinessDays('2026-11-25', 1, thanksgiving)).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-24', 2, thanksgiving)).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-24', 2, NONE)).toBe('2026-11-26');
  });

  it('returns the day itself for 0, even on a weekend', () => {
    expect(addBusinessDays('2026-11-21', 0, NONE)).toBe('2026-11-21');
  });

  it('counts from a weekend to the next business days', () => {
    expect(addBusinessDays('2026-11-21', 1, NONE)).toBe('2026-11-23');
    expect(addBusinessDays('2026-11-22', 2, NONE)).toBe('2026-11-24');
  });

  it('goes back with a negative count', () => {
    expect(addBusinessDays('2026-11-23', -1, NONE)).toBe('2026-11-20');
    expect(addBusinessDays('2026-11-27', -5, thanksgiving)).toBe('2026-11-19');
    expect(addBusinessDays('2026-11-28', -1, NONE)).toBe('2026-11-27');
  });

  it('treats Monday to Friday as business days unless a holiday', () => {
    expect(isBusinessDay('2026-11-23', NONE)).toBe(true);
    expect(isBusinessDay('2026-11-21', NONE)).toBe(false);
    expect(isBusinessDay('2026-11-22', NONE)).toBe(false);
    expect(isBusinessDay('2026-11-26', thanksgiving)).toBe(false);
    expect(isBusinessDay('2026-11-26', NONE)).toBe(true);
  });

  it('counts business days in (a, b]', () => {
    expect(businessDaysBetween('2026-11-20', '2026-11-23', NONE)).toBe(1); // Fri → Mon
    expect(businessDaysBetween('2026-11-20', '2026-11-21', NONE)).toBe(0); // Fri → Sat
    expect(businessDaysBetween('2026-11-23', '2026-11-23', NONE)).toBe(0);
    expect(businessDaysBetween('2026-11-23', '2026-11-30', thanksgiving)).toBe(4);
    expect(businessDaysBetween('2026-11-30', '2026-11-23', thanksgiving)).toBe(-4);
  });

  it('ignores holidays on weekends and junk in the holiday set', () => {
    expect(businessDaysBetween('2026-11-20', '2026-11-27', new Set(['2026-11-21', 'not a date']))).toBe(5);
  });

  it('never lands on a weekend or a holiday for a non-zero count', () => {
    fc.assert(
      fc.property(
        nearCivilArb,
        fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0),
        holidaysArb,
        (d, n, hol) => {
          expect(isBusinessDay(addBusinessDays(d, n, hol), hol)).toBe(true);
        },
      ),
    );
  });

  it('counts back n between a day and n business days after it', () => {
    fc.assert(
      fc.property(nearCivilArb, fc.integer({ min: 0, max: 60 }), holidaysArb, (d, n, hol) => {
        expect(businessDaysBetween(d, addBusinessDays(d, n, hol), hol)).toBe(n);
      }),
    );
  });

  it('counts back −n between a business day and n business days before it', () => {
    fc.assert(
      fc.property(nearCivilArb, fc.integer({ min: 1, max: 60 }), holidaysArb, (d, n, hol) => {
        fc.pre(isBusinessDay(d, hol));
        expect(businessDaysBetween(d, addBusinessDays(d, -n, hol), hol)).toBe(-n);
      }),
    );
  });

  it('lands on the first business day that makes the count (no business day is skipped)', () => {
    fc.assert(
      fc.property(nearCivilArb, fc.integer({ min: 1, max: 40 }), holidaysArb, (d, n, hol) => {
        const r = addBusinessDays(d, n, hol);
        expect(businessDaysBetween(d, addDays(r, -1), hol)).toBe(n - 1);
      }),
    );
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(nearCivilArb, fc.integer({ min: -400, max: 400 }), holidaysArb, (a, span, hol) => {
        const b = addDays(a, span);
        let count = 0;
        const [lo, hi] = span >= 0 ? [a, b] : [b, a];
        for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isBusinessDay(d, hol)) count++;
        expect(businessDaysBetween(a, b, hol)).toBe(span >= 0 ? count : -count);
      }),
    );
  });
});

describe('toCivil and civilToDate', () => {
  it('reads the calendar date of an instant in the zone, not in UTC', () => {
    const lateEvening = new Date('2026-11-27T03:30:00Z');
    expect(toCivil(lateEvening, 'America/New_York')).toBe('2026-11-26');
    expect(toCivil(lateEvening, 'UTC')).toBe('2026-11-27');
    expect(toCivil(lateEvening, 'Asia/Tokyo')).toBe('2026-11-27');
    expect(toCivil(lateEvening, 'America/Los_Angeles')).toBe('2026-11-26');
  });

  it('gives the instant of a wall time, in standard and in daylight time', () => {
    expect(civilToDate('2026-01-15', 'America/New_York', 9, 0).toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(civilToDate('2026-07-15', 'America/New_York', 9, 0).toISOString()).toBe('2026-07-15T13:00:00.000Z');
    expect(civilToDate('2026-07-15', 'UTC').toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(civilToDate('2026-07-15', 'Asia/Kathmandu', 0, 15).toISOString()).toBe('2026-07-14T18:30:00.000Z');
  });

  it('moves a wall time skipped by spring-forward on by the gap', () => {
    expect(civilToDate('2026-03-08', 'America/New_York', 2, 30).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(wall(civilToDate('2026-10-04', 'Australia/Lord_Howe', 2, 10), 'Australia/Lord_Howe')).toBe(
      '2026-10-04 02:40',
    );
  });

  it('takes the first of a repeated fall-back hour', () => {
    expect(civilToDate('2026-11-01', 'America/New_York', 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it('finds midnight on a day whose midnight was skipped (DST at midnight)', () => {
    // São Paulo sprang forward at midnight on 2018-11-04: the day began at 01:00.
    const d = civilToDate('2018-11-04', 'America/Sao_Paulo');
    expect(wall(d, 'America/Sao_Paulo')).toBe('2018-11-04 01:00');
  });

  it('maps a calendar day a zone skipped entirely to the start of the next day', () => {
    // Samoa jumped from 29 to 31 December 2011.
    expect(toCivil(civilToDate('2011-12-30', 'Pacific/Apia'), 'Pacific/Apia')).toBe('2011-12-31');
  });

  it('round-trips every day of 2024–2027 in every zone, DST switch days included', () => {
    for (const tz of ZONES) {
      for (let c = '2024-01-01'; c <= '2027-12-31'; c = addDays(c, 1)) {
        if (toCivil(civilToDate(c, tz), tz) !== c) throw new Error(`${c} in ${tz} did not round-trip`);
      }
    }
  });

  it('round-trips any day 1900–2100 at any time of day in any zone', () => {
    fc.assert(
      fc.property(
        civilArb,
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (c, tz, h, m) => {
          const d = civilToDate(c, tz, h, m);
          expect(toCivil(d, tz)).toBe(c);
          // The clock shows the time asked for, or a later one when that time was skipped, never an earlier one.
          const shown = wall(d, tz);
          const asked = `${c} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          expect(shown >= asked).toBe(true);
          if (shown !== asked) expect(toCivil(new Date(d.getTime() - 1), tz)).toBe(c);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('handles years before 100, where Date.UTC would read 50 as 1950', () => {
    expect(toCivil(civilToDate('0050-03-01', 'UTC'), 'UTC')).toBe('0050-03-01');
    expect(toCivil(civilToDate('0050-03-01', 'America/New_York', 12), 'America/New_York')).toBe('0050-03-01');
  });

  it('names an unknown time zone', () => {
    expect(() => toCivil(new Date(), 'Mars/Olympus_Mons')).toThrow('Unknown time zone "Mars/Olympus_Mons"');
    expect(() => civilToDate('2026-01-01', 'Nowhere')).toThrow('Unknown time zone "Nowhere"');
  });

  it('refuses an invalid instant and a time out of range', () => {
    expect(() => toCivil(new Date('nope'), 'UTC')).toThrow('not a valid date');
    expect(() => civilToDate('2026-01-01', 'UTC', 24)).toThrow('Hour must be 0–23');
    expect(() => civilToDate('2026-01-01', 'UTC', 9, 60)).toThrow('Minute must be 0–59');
  });
});

describe('cellToCivil', () => {
  it('reads a Date cell in the spreadsheet zone', () => {
    // Sheets hands back a date cell as midnight in the spreadsheet's zone.
    const midnightInNewYork = new Date('2026-11-26T05:00:00Z');
    expect(cellToCivil(midnightInNewYork, 'America/New_York')).toBe('2026-11-26');
  });

  it('reads a Date made in another realm (the script runs in its own context)', () => {
    const foreign = vm.runInNewContext('new Date(Date.UTC(2026, 10, 26, 12))');
    expect(foreign instanceof Date).toBe(false);
    expect(cellToCivil(foreign, 'UTC')).toBe('2026-11-26');
  });

  it('reads text dates loosely', () => {
    expect(cellToCivil('2026-11-26', 'UTC')).toBe('2026-11-26');
    expect(cellToCivil(' 11/26/2026 ', 'UTC')).toBe('2026-11-26');
  });

  it('gives null for blanks, junk, numbers, booleans and invalid Dates', () => {
    for (const v of ['', '   ', null, undefined, 'soon', 46000, true, new Date('x'), {}, new Date(-1e15)]) {
      expect(cellToCivil(v, 'UTC')).toBeNull();
    }
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['2026-11-26', '2026-11-26'],
    ['2026-11-26T10:00:00Z', '2026-11-26'],
    ['2026-11-26T23:30:00.000-05:00', '2026-11-26'],
    ['2026-1-2', '2026-01-02'],
    ['2026/11/26', '2026-11-26'],
    ['11/26/2026', '2026-11-26'],
    ['11/26/26', '2026-11-26'],
    ['1/2/2026', '2026-01-02'],
    ['01-02-2026', '2026-01-02'],
    ['1/2/99', '1999-01-02'],
    ['1/2/29', '2029-01-02'],
    ['11/26/2026 14:05:00', '2026-11-26'],
    ['11/26/2026 2:05 PM', '2026-11-26'],
    ['November 26, 2026', '2026-11-26'],
    ['Nov 26 2026', '2026-11-26'],
    ['Sept. 3, 2026', '2026-09-03'],
    ['26 November 2026', '2026-11-26'],
    ['  2026-11-26  ', '2026-11-26'],
  ])('reads %p as %p', (s, c) => {
    expect(parseLooseDate(s)).toBe(c);
  });

  it.each([
    '',
    'tomorrow',
    '2026-02-30',
    '13/01/2026',
    '26/11/2026',
    '2026-11',
    '11/26',
    '2026-11-26 garbage',
    'Smarch 3, 2026',
    '12345',
    '2026-11-26T',
    '0/1/2026',
  ])('gives null for %p', (s) => {
    expect(parseLooseDate(s)).toBeNull();
  });

  it('reads back every date it writes, in every pattern that has a year', () => {
    fc.assert(
      fc.property(civilArb, (c) => {
        expect(parseLooseDate(c)).toBe(c);
        expect(parseLooseDate(formatCivil(c))).toBe(c);
        expect(parseLooseDate(formatCivil(c, 'MMMM d, yyyy'))).toBe(c);
      }),
    );
  });

  it('never throws on hostile strings and returns only real dates', () => {
    for (const s of blns) {
      const r = parseLooseDate(s);
      expect(r === null || isCivil(r)).toBe(true);
    }
  });
});

describe('parseHolidays', () => {
  it('reads dates separated by commas, semicolons and new lines, in loose forms', () => {
    const { holidays, invalid } = parseHolidays('2026-11-26, 12/25/2026;2027-01-01\n 1/19/2027 ,,');
    expect([...holidays].sort()).toEqual(['2026-11-26', '2026-12-25', '2027-01-01', '2027-01-19']);
    expect(invalid).toEqual([]);
  });

  it('returns what is not a date so the setting can be named', () => {
    const { holidays, invalid } = parseHolidays('2026-11-26, Christmas, 2026-02-30');
    expect([...holidays]).toEqual(['2026-11-26']);
    expect(invalid).toEqual(['Christmas', '2026-02-30']);
  });

  it('gives an empty set for blank text', () => {
    expect(parseHolidays('').holidays.size).toBe(0);
    expect(parseHolidays('  \n ').invalid).toEqual([]);
  });
});

describe('formatCivil and isoDateTime', () => {
  it('writes a date as Sheets shows it by default', () => {
    expect(formatCivil('2026-01-05')).toBe('1/5/2026');
    expect(formatCivil('2026-11-26', 'M/d/yyyy')).toBe('11/26/2026');
  });

  it('writes the long forms used in emails', () => {
    expect(formatCivil('2026-11-26', 'MMMM d, yyyy')).toBe('November 26, 2026');
    expect(formatCivil('2026-11-26', 'EEEE, MMMM d')).toBe('Thursday, November 26');
    expect(formatCivil('2027-01-03', 'EEEE, MMMM d')).toBe('Sunday, January 3');
  });

  it('refuses a date that is not one', () => {
    expect(() => formatCivil('2026-02-30')).toThrow('"2026-02-30" is not a date');
  });

  it('writes the full ISO instant for the sidebar', () => {
    expect(isoDateTime(new Date(Date.UTC(2026, 10, 26, 15, 4, 5, 6)))).toBe('2026-11-26T15:04:05.006Z');
    expect(() => isoDateTime(new Date('x'))).toThrow('not a valid date');
  });
});
