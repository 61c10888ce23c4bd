/**
 * US federal holidays (5 U.S.C. 6103) by their rules, for any year: fixed
 * dates moved to the nearest weekday when they fall on a weekend (Saturday →
 * the Friday before, Sunday → the Monday after, as OPM observes them), and
 * the Monday and Thursday holidays counted from the month. Set-up offers this
 * year's and next year's as the default Holidays, so the cadence does not
 * count Thanksgiving as a business day; the practice edits the list freely.
 */
import { addDays, Civil, weekday } from './dates';

const pad = (n: number): string => String(n).padStart(2, '0');
const civil = (y: number, m: number, d: number): Civil => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

/** A fixed-date holiday as observed: Saturday → Friday, Sunday → Monday. */
function observed(y: number, m: number, d: number): Civil {
  const c = civil(y, m, d);
  const w = weekday(c);
  return w === 6 ? addDays(c, -1) : w === 0 ? addDays(c, 1) : c;
}

/** The nth `day` (0 Sunday … 6 Saturday) of a month; n = -1 is the last. */
function nthWeekday(y: number, m: number, day: number, n: number): Civil {
  if (n > 0) {
    const first = civil(y, m, 1);
    return addDays(first, ((day - weekday(first) + 7) % 7) + 7 * (n - 1));
  }
  const nextMonth = m === 12 ? civil(y + 1, 1, 1) : civil(y, m + 1, 1);
  const last = addDays(nextMonth, -1);
  return addDays(last, -((weekday(last) - day + 7) % 7));
}

const MONDAY = 1;
const THURSDAY = 4;

export interface Holiday {
  name: string;
  /** The day it is observed (a weekday). */
  date: Civil;
}

/** The eleven federal holidays of `year`, in date order (New Year's Day may be observed on Dec 31 of the year before). */
export function usFederalHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9998)
    throw new RangeError(`No holiday rules for the year ${year}.`);
  return [
    { name: "New Year's Day", date: observed(year, 1, 1) },
    { name: 'Birthday of Martin Luther King, Jr.', date: nthWeekday(year, 1, MONDAY, 3) },
    { name: "Washington's Birthday", date: nthWeekday(year, 2, MONDAY, 3) },
    { name: 'Memorial Day', date: nthWeekday(year, 5, MONDAY, -1) },
    { name: 'Juneteenth National Independence Day', date: observed(year, 6, 19) },
    { name: 'Independence Day', date: observed(year, 7, 4) },
    { name: 'Labor Day', date: nthWeekday(year, 9, MONDAY, 1) },
    { name: 'Columbus Day', date: nthWeekday(year, 10, MONDAY, 2) },
    { name: 'Veterans Day', date: observed(year, 11, 11) },
    { name: 'Thanksgiving Day', date: nthWeekday(year, 11, THURSDAY, 4) },
    { name: 'Christmas Day', date: observed(year, 12, 25) },
  ];
}

/** The Holidays setting set-up offers: the federal holidays of today's year and the next, as the setting holds dates. */
export function defaultHolidays(today: Civil): string {
  const year = Number(today.slice(0, 4));
  return [...usFederalHolidays(year), ...usFederalHolidays(year + 1)].map((h) => h.date).join(', ');
}
