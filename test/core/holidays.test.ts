/**
 * The US federal holidays set-up offers as the default Holidays, computed by
 * their rules (5 U.S.C. 6103; OPM's observance: a Saturday holiday is
 * observed the Friday before, a Sunday one the Monday after), checked
 * against OPM's published lists and, for every year, by the rules.
 */
import fc from 'fast-check';
import { weekday } from '../../src/server/core/dates';
import { defaultHolidays, usFederalHolidays } from '../../src/server/core/holidays';

const dates = (year: number): string[] => usFederalHolidays(year).map((h) => h.date);

describe('usFederalHolidays', () => {
  it("gives OPM's observed dates for 2026 (Independence Day on a Saturday is observed Friday July 3)", () => {
    expect(dates(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('gives the dates for 2027 (Juneteenth and Christmas on Saturdays are observed the Friday before, July 4 on a Sunday the Monday after)', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
    ]);
  });

  it("observes a Saturday New Year's Day on the Friday before, in the year before (2022 → 12/31/2021)", () => {
    expect(dates(2022)[0]).toBe('2021-12-31');
  });

  it('follows the rules in every year: eleven weekdays, the Monday holidays on Mondays, Thanksgiving the fourth Thursday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2200 }), (year) => {
        const list = usFederalHolidays(year);
        expect(list).toHaveLength(11);
        for (const h of list) expect([1, 2, 3, 4, 5]).toContain(weekday(h.date));
        const by = new Map(list.map((h) => [h.name, h.date]));
        for (const name of [
          'Birthday of Martin Luther King, Jr.',
          "Washington's Birthday",
          'Memorial Day',
          'Labor Day',
          'Columbus Day',
        ])
          expect(weekday(by.get(name)!)).toBe(1);
        const thanksgiving = by.get('Thanksgiving Day')!;
        expect(weekday(thanksgiving)).toBe(4);
        expect(Number(thanksgiving.slice(8))).toBeGreaterThanOrEqual(22);
        expect(Number(thanksgiving.slice(8))).toBeLessThanOrEqual(28);
        expect(Number(by.get('Memorial Day')!.slice(8))).toBeGreaterThanOrEqual(25);
      }),
    );
  });
});

describe('defaultHolidays', () => {
  it('lists this year and next, which the Holidays setting reads as 22 dates', () => {
    const text = defaultHolidays('2026-11-23');
    expect(text.split(', ')).toEqual([...dates(2026), ...dates(2027)]);
  });
});
