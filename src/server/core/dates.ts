/**
 * Calendar dates for the core. A date is a civil string 'YYYY-MM-DD' (what the
 * practice means by "the last day" or "call 1"), never a Date: a Date is an
 * instant and shifts a day when read in another time zone. Instants become
 * civil dates only at the edge, through toCivil in the spreadsheet's zone.
 *
 * Arithmetic works on day numbers (days since 1970-01-01, proleptic Gregorian)
 * and needs no Date at all; only the time-zone conversions use Intl.
 */

export type Civil = string; // 'YYYY-MM-DD'

const DAY_MS = 86400000;
const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function isRealDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A real calendar date written 'YYYY-MM-DD' (years 0001–9999); 2026-02-30 is not one. */
export function isCivil(s: unknown): s is Civil {
  if (typeof s !== 'string') return false;
  const m = CIVIL.exec(s);
  return m !== null && isRealDate(+m[1], +m[2], +m[3]);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function makeCivil(y: number, m: number, d: number): Civil {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function parts(c: Civil): [number, number, number] {
  if (!isCivil(c)) throw new Error(`"${String(c)}" is not a date: expected YYYY-MM-DD.`);
  return [+c.slice(0, 4), +c.slice(5, 7), +c.slice(8, 10)];
}

// Days from 1970-01-01 and back (H. Hinnant's civil-from-days algorithms).
function dayNumber(c: Civil): number {
  const [y, m, d] = parts(c);
  return daysFromCivil(y, m, d);
}

function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z0: number): Civil {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new RangeError(`Date arithmetic left the years 0001–9999 (year ${y}).`);
  return makeCivil(y, m, d);
}

function wholeNumber(n: number, what: string): number {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, not ${String(n)}.`);
  return n;
}

// ---- Time zones -------------------------------------------------------------

// One formatter per zone: building an Intl.DateTimeFormat is the slow part.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new Error(`Unknown time zone "${timeZone}": use an IANA name such as America/New_York.`);
  }
  formatters.set(timeZone, f);
  return f;
}

interface WallTime {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
}

function wallTime(ms: number, timeZone: string): WallTime {
  const w: WallTime = { y: 0, m: 0, d: 0, hh: 0, mm: 0, ss: 0 };
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    const v = parseInt(p.value, 10);
    if (p.type === 'year') w.y = v;
    else if (p.type === 'month') w.m = v;
    else if (p.type === 'day') w.d = v;
    else if (p.type === 'hour')
      w.hh = v % 24; // some ICU builds print midnight as 24
    else if (p.type === 'minute') w.mm = v;
    else if (p.type === 'second') w.ss = v;
  }
  return w;
}

/** Milliseconds the zone's wall clock is ahead of UTC at that instant. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const w = wallTime(whole, timeZone);
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  return daysFromCivil(w.y, w.m, w.d) * DAY_MS + ((w.hh * 60 + w.mm) * 60 + w.ss) * 1000 - whole;
}

/** A Date from any realm (a sheet cell's Date is not this realm's): checked by tag, not instanceof. */
export const isDateValue = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function checkInstant(d: Date, what: string): number {
  const ms = isDateValue(d) ? d.getTime() : NaN;
  if (Number.isNaN(ms)) throw new Error(`${what} is not a valid date and time.`);
  return ms;
}

// Instants safely inside the years 0001–9999 in every zone (offsets stay under a day).
const FIRST_MS = (daysFromCivil(1, 1, 1) + 1) * DAY_MS;
const LAST_MS = daysFromCivil(9999, 12, 31) * DAY_MS;

function inRange(ms: number): boolean {
  return ms >= FIRST_MS && ms < LAST_MS;
}

/** The calendar date of an instant as a clock in that IANA zone shows it. */
export function toCivil(d: Date, timeZone: string): Civil {
  const ms = checkInstant(d, 'The instant');
  if (!inRange(ms)) throw new RangeError(`${d.toISOString()} is outside the years 0001–9999.`);
  const w = wallTime(ms, timeZone);
  return makeCivil(w.y, w.m, w.d);
}

/** The time of day a clock in that IANA zone shows at an instant (24-hour). */
export function clockTime(d: Date, timeZone: string): { hour: number; minute: number; second: number } {
  const ms = checkInstant(d, 'The instant');
  if (!inRange(ms)) throw new RangeError(`${d.toISOString()} is outside the years 0001–9999.`);
  const w = wallTime(ms, timeZone);
  return { hour: w.hh, minute: w.mm, second: w.ss };
}

/**
 * The instant a clock in the zone shows that date and time. Across a DST gap
 * (02:30 on a spring-forward night) the time moves forward by the gap, as a
 * wall clock does; in a repeated hour the earlier instant is taken.
 */
export function civilToDate(c: Civil, timeZone: string, hour = 0, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`Hour must be 0–23, not ${hour}.`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59)
    throw new RangeError(`Minute must be 0–59, not ${minute}.`);
  // The wall time read as if it were UTC; the zone's offset is then taken off.
  const localMs = dayNumber(c) * DAY_MS + hour * 3600000 + minute * 60000;
  const o1 = offsetAt(localMs, timeZone);
  const guess = localMs - o1;
  const o2 = offsetAt(guess, timeZone);
  if (o1 === o2) return new Date(guess);
  const second = localMs - o2;
  const o3 = offsetAt(second, timeZone);
  if (o2 === o3) return new Date(second);
  // A wall time the clocks skipped: use the offset from before the change.
  return new Date(localMs - Math.min(o2, o3));
}

/** Full ISO instant for google.script.run payloads, which cannot carry a Date. */
export function isoDateTime(d: Date): string {
  checkInstant(d, 'The instant');
  return d.toISOString();
}

// ---- Reading dates from cells and people ---------------------------------------

const MONTH_BY_NAME = new Map<string, number>();
MONTHS.forEach((name, i) => {
  MONTH_BY_NAME.set(name.toLowerCase(), i + 1);
  MONTH_BY_NAME.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_BY_NAME.set('sept', 9);

const TIME_SUFFIX = String.raw`(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_LIKE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME_SUFFIX}$`);
const US = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})${TIME_SUFFIX}$`);
const MONTH_FIRST = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const DAY_FIRST_NAMED = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/;

function civilOrNull(y: number, m: number, d: number): Civil | null {
  return isRealDate(y, m, d) ? makeCivil(y, m, d) : null;
}

/** Two-digit years as spreadsheets read them: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(text: string): number {
  const y = +text;
  if (text.length === 4) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

/**
 * A date typed by a person or found in a file: '2026-11-26', an ISO timestamp
 * (its date part, as written), '11/26/2026', '11/26/26', '2026/11/26',
 * 'November 26, 2026'. Numeric forms are US month-first. Not a date → null.
 */
export function parseLooseDate(s: string): Civil | null {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  let m = ISO_LIKE.exec(t);
  if (m) return civilOrNull(+m[1], +m[2], +m[3]);
  m = US.exec(t);
  if (m) return civilOrNull(fullYear(m[3]), +m[1], +m[2]);
  m = MONTH_FIRST.exec(t);
  if (m) return civilOrNull(+m[3], MONTH_BY_NAME.get(m[1].toLowerCase()) ?? 0, +m[2]);
  m = DAY_FIRST_NAMED.exec(t);
  if (m) return civilOrNull(+m[3], MONTH_BY_NAME.get(m[2].toLowerCase()) ?? 0, +m[1]);
  return null;
}

/**
 * A sheet cell as a date: a Date (from any realm, so the check is by tag, not
 * instanceof) read in the spreadsheet's zone, or text parsed loosely; blank,
 * numbers and anything else → null.
 */
export function cellToCivil(v: unknown, timeZone: string): Civil | null {
  if (isDateValue(v)) return inRange(v.getTime()) ? toCivil(v, timeZone) : null;
  return typeof v === 'string' ? parseLooseDate(v) : null;
}

// ---- Calendar arithmetic -------------------------------------------------------

export function addDays(c: Civil, n: number): Civil {
  return fromDayNumber(dayNumber(c) + wholeNumber(n, 'The number of days'));
}

/** b − a in calendar days. */
export function daysBetween(a: Civil, b: Civil): number {
  return dayNumber(b) - dayNumber(a);
}

/** Same day n months later, clamped to the month's end (2026-03-31 − 1 month = 2026-02-28). */
export function addMonths(c: Civil, n: number): Civil {
  const [y, m, d] = parts(c);
  const index = y * 12 + (m - 1) + wholeNumber(n, 'The number of months');
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (ny < 1 || ny > 9999) throw new RangeError(`Date arithmetic left the years 0001–9999 (year ${ny}).`);
  return makeCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** 0 Sunday … 6 Saturday. */
export function weekday(c: Civil): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(c) + 4) % 7) + 7) % 7;
}

function isWeekend(c: Civil): boolean {
  const w = weekday(c);
  return w === 0 || w === 6;
}

/** Monday to Friday and not one of the practice's holidays. */
export function isBusinessDay(c: Civil, holidays: ReadonlySet<Civil>): boolean {
  return !isWeekend(c) && !holidays.has(c);
}

/**
 * n business days after c (before it when n < 0); the result is always a
 * business day, except n = 0, which is c itself even on a weekend.
 */
export function addBusinessDays(c: Civil, n: number, holidays: ReadonlySet<Civil>): Civil {
  wholeNumber(n, 'The number of business days');
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(c);
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (isBusinessDay(fromDayNumber(day), holidays)) left--;
  }
  return fromDayNumber(day);
}

/** Weekdays (Mon–Fri) among the day numbers (from, to]. */
function weekdaysAfter(from: number, to: number): number {
  const span = to - from;
  let count = Math.floor(span / 7) * 5;
  // The leftover days after the whole weeks, at most six of them.
  for (let day = from + Math.floor(span / 7) * 7 + 1; day <= to; day++) {
    const w = (((day + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6) count++;
  }
  return count;
}

/** Business days in (a, b]: how late something due on a is on b. Negative when b < a. */
export function businessDaysBetween(a: Civil, b: Civil, holidays: ReadonlySet<Civil>): number {
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (db < da) return -businessDaysBetween(b, a, holidays);
  let count = weekdaysAfter(da, db);
  for (const h of holidays) {
    if (!isCivil(h)) continue;
    const dh = dayNumber(h);
    if (dh > da && dh <= db && !isWeekend(h)) count--;
  }
  return count;
}

/**
 * The Holidays setting: dates separated by commas, semicolons or new lines, in
 * any form parseLooseDate reads. What is not a date comes back in `invalid`
 * so the settings check can name it.
 */
export function parseHolidays(text: string): { holidays: Set<Civil>; invalid: string[] } {
  const holidays = new Set<Civil>();
  const invalid: string[] = [];
  for (const raw of String(text ?? '').split(/[,;\r\n]+/)) {
    const item = raw.trim();
    if (item === '') continue;
    const c = parseLooseDate(item);
    if (c) holidays.add(c);
    else invalid.push(item);
  }
  return { holidays, invalid };
}

/**
 * A date for people: 'M/d/yyyy' as Sheets shows a date (the default), or the
 * long forms used in emails: 'November 26, 2026', 'Thursday, November 26'.
 */
export function formatCivil(c: Civil, pattern: 'M/d/yyyy' | 'MMMM d, yyyy' | 'EEEE, MMMM d' = 'M/d/yyyy'): string {
  const [y, m, d] = parts(c);
  switch (pattern) {
    case 'M/d/yyyy':
      return `${m}/${d}/${pad(y, 4)}`;
    case 'MMMM d, yyyy':
      return `${MONTHS[m - 1]} ${d}, ${pad(y, 4)}`;
    case 'EEEE, MMMM d':
      return `${WEEKDAYS[weekday(c)]}, ${MONTHS[m - 1]} ${d}`;
    default:
      throw new Error(`Unknown date pattern "${String(pattern)}".`);
  }
}
