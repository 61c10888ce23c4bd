/**
 * Wall-clock arithmetic in IANA time zones (and Java-style fixed offsets such
 * as "GMT-05:00"), for Utilities.formatDate and time-driven triggers.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const FIXED = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** A fixed offset in minutes for "GMT+5", "GMT-05:00", "+0530"; null for a named zone. */
function fixedOffset(tz: string): number | null {
  if (/^(GMT|UTC|Z)$/i.test(tz)) return 0;
  const m = FIXED.exec(tz.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

export function isKnownTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  if (fixedOffset(tz) !== null) return true;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Java's TimeZone.getTimeZone: an unknown id means GMT. */
export function normalizeTimeZone(tz: string): string {
  return isKnownTimeZone(tz) ? tz : 'GMT';
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Offset of the zone from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(ms: number, tz: string): number {
  const fixed = fixedOffset(tz);
  if (fixed !== null) return fixed;
  const p = zonedParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - (ms - p.millisecond)) / 60000);
}

/** The wall-clock reading of an instant in a zone. */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const fixed = fixedOffset(tz);
  if (fixed !== null) {
    const d = new Date(ms + fixed * 60000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year) * (parts.era === 'BC' ? -1 : 1);
  return {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/**
 * The instant at which a zone's clocks read the given wall time. A time that
 * does not exist (the skipped hour of a spring-forward day) moves forward by
 * the gap, as Java's lenient calendar does; an ambiguous one takes the earlier.
 */
export function zonedToUtc(
  tz: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const before = offsetMinutes(wall - 36 * 3600000, tz);
  const after = offsetMinutes(wall + 36 * 3600000, tz);
  const candidates = [before, after].map((off) => wall - off * 60000).filter((t) => wallOf(t, tz) === wall);
  if (candidates.length) return Math.min(...candidates);
  // In a gap: read the wall time with the offset from before the change.
  return wall - before * 60000;
}

function wallOf(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
}

/** Short zone name as Java prints it for pattern 'z' (EST, EDT, GMT, BST, CET…), else GMT±hh:mm. */
export function shortZoneName(ms: number, tz: string): string {
  if (/^(GMT|UTC)$/i.test(tz)) return tz.toUpperCase();
  if (fixedOffset(tz) !== null) return gmtOffsetText(offsetMinutes(ms, tz));
  // ICU knows an abbreviation only in the locales where it is used (IST in en-IN, AEST in en-AU).
  for (const locale of ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA']) {
    const name =
      new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'short' })
        .formatToParts(new Date(ms))
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return gmtOffsetText(offsetMinutes(ms, tz));
}

/** Long zone name for 'zzzz' (Eastern Standard Time…). */
export function longZoneName(ms: number, tz: string): string {
  if (fixedOffset(tz) !== null) return gmtOffsetText(offsetMinutes(ms, tz));
  return (
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value ?? gmtOffsetText(offsetMinutes(ms, tz))
  );
}

function gmtOffsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `GMT${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

export function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

/** Calendar-day arithmetic on a y/m/d triple (no time zone involved). */
export function addDays(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
