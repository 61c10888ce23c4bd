/**
 * Java SimpleDateFormat, as Utilities.formatDate and Utilities.parseDate use it
 * (developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String),
 * docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html), in the en-US locale.
 */
import { longZoneName, offsetMinutes, pad, shortZoneName, zonedParts, zonedToUtc } from './tz';

/** English month and day names, as Java's formats and Sheets' number formats both print them. */
export const MONTHS = [
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
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

type Token = { letter: string; count: number } | { text: string };

/** Splits a pattern into fields and literal text ('quoted', '' for a quote). */
export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const text = (t: string) => {
    const last = tokens[tokens.length - 1];
    if (last && 'text' in last) last.text += t;
    else tokens.push({ text: t });
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        text("'");
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in date pattern: ${pattern}`);
      let j = i + 1;
      let chunk = '';
      // '' inside a quoted run is a literal quote.
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close < 0) throw new Error(`Unterminated quote in date pattern: ${pattern}`);
        chunk += pattern.slice(j, close);
        if (pattern[close + 1] === "'") {
          chunk += "'";
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      text(chunk);
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (!LETTERS.includes(c)) throw new Error(`Illegal pattern character '${c}'`);
      let n = 1;
      while (pattern[i + n] === c) n++;
      tokens.push({ letter: c, count: n });
      i += n;
      continue;
    }
    text(c);
    i++;
  }
  return tokens;
}

function dayOfYear(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000) + 1;
}

/** US week numbering: weeks start on Sunday, week 1 holds January 1st. */
function weekOfYear(y: number, m: number, d: number): number {
  const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay();
  return Math.floor((dayOfYear(y, m, d) - 1 + jan1) / 7) + 1;
}

function weekOfMonth(y: number, m: number, d: number): number {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return Math.floor((d - 1 + first) / 7) + 1;
}

function offsetText(minutes: number, style: 'Z' | 'X', count: number): string {
  if (style === 'X' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (count === 1) return `${sign}${hh}`;
  if (count === 2) return `${sign}${hh}${mm}`;
  return `${sign}${hh}:${mm}`;
}

export function formatDate(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  let out = '';
  for (const t of tokenize(pattern)) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'w':
        out += pad(weekOfYear(p.year, p.month, p.day), n);
        break;
      case 'W':
        out += pad(weekOfMonth(p.year, p.month, p.day), n);
        break;
      case 'D':
        out += pad(dayOfYear(p.year, p.month, p.day), n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'F':
        out += pad(Math.floor((p.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'z':
        out += n >= 4 ? longZoneName(ms, tz) : shortZoneName(ms, tz);
        break;
      case 'Z':
        out += offsetText(offsetMinutes(ms, tz), 'Z', n);
        break;
      case 'X':
        out += offsetText(offsetMinutes(ms, tz), 'X', n);
        break;
    }
  }
  return out;
}

/**
 * Reads a date written in a pattern, in a time zone; null when the text does
 * not fit the pattern (the caller turns that into the platform's error).
 */
export function parseDate(text: string, tz: string, pattern: string, nowMs: number): number | null {
  const thisYear = new Date(nowMs).getUTCFullYear();
  const tokens = tokenize(pattern);
  let i = 0;
  const f = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    pm: null as boolean | null,
    h12: false,
    offset: null as number | null,
  };
  const readNumber = (max: number): number | null => {
    const m = /^[+-]?\d+/.exec(max === Infinity ? text.slice(i) : text.slice(i, i + max));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  };
  const readName = (names: string[]): number | null => {
    const rest = text.slice(i).toLowerCase();
    let best = -1;
    let bestLen = 0;
    names.forEach((name, idx) => {
      for (const cand of [name, name.slice(0, 3)]) {
        if (rest.startsWith(cand.toLowerCase()) && cand.length > bestLen) {
          best = idx;
          bestLen = cand.length;
        }
      }
    });
    if (best < 0) return null;
    i += bestLen;
    return best;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if ('text' in t) {
      if (text.slice(i, i + t.text.length) !== t.text) return null;
      i += t.text.length;
      continue;
    }
    // Adjacent numeric fields (yyyyMMdd) read exactly their width.
    const next = tokens[k + 1];
    const width = next && !('text' in next) ? t.count : Infinity;
    switch (t.letter) {
      case 'y':
      case 'Y': {
        const start = i;
        const v = readNumber(width);
        if (v === null) return null;
        // Two digits: within 80 years before and 20 after now, as Java reads them.
        f.year = t.count <= 2 && i - start <= 2 ? 2000 + v - (2000 + v > thisYear + 20 ? 100 : 0) : v;
        break;
      }
      case 'M':
      case 'L': {
        const v = t.count >= 3 ? readName(MONTHS) : readNumber(width);
        if (v === null) return null;
        f.month = t.count >= 3 ? v + 1 : v;
        break;
      }
      case 'd': {
        const v = readNumber(width);
        if (v === null) return null;
        f.day = v;
        break;
      }
      case 'H':
      case 'k': {
        const v = readNumber(width);
        if (v === null) return null;
        f.hour = t.letter === 'k' && v === 24 ? 0 : v;
        break;
      }
      case 'h':
      case 'K': {
        const v = readNumber(width);
        if (v === null) return null;
        f.hour = v % 12;
        f.h12 = true;
        break;
      }
      case 'm': {
        const v = readNumber(width);
        if (v === null) return null;
        f.minute = v;
        break;
      }
      case 's': {
        const v = readNumber(width);
        if (v === null) return null;
        f.second = v;
        break;
      }
      case 'S': {
        const v = readNumber(width);
        if (v === null) return null;
        f.ms = v;
        break;
      }
      case 'E': {
        if (readName(DAYS) === null) return null;
        break;
      }
      case 'a': {
        const rest = text.slice(i, i + 2).toUpperCase();
        if (rest !== 'AM' && rest !== 'PM') return null;
        f.pm = rest === 'PM';
        i += 2;
        break;
      }
      case 'Z':
      case 'X': {
        if (text[i] === 'Z') {
          f.offset = 0;
          i++;
          break;
        }
        const m = /^([+-])(\d{2}):?(\d{2})?/.exec(text.slice(i));
        if (!m) return null;
        f.offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
        i += m[0].length;
        break;
      }
      case 'z': {
        const m = /^[A-Za-z]+([+-]\d{2}:?\d{2})?/.exec(text.slice(i));
        if (!m) return null;
        i += m[0].length;
        break;
      }
      default: {
        const v = readNumber(width);
        if (v === null) return null;
      }
    }
  }
  if (f.pm !== null && f.h12 && f.pm) f.hour += 12;
  if (f.offset !== null)
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) - f.offset * 60000;
  // Lenient like Java: out-of-range fields roll over (Date.UTC normalises them).
  const norm = new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms));
  return zonedToUtc(
    tz,
    norm.getUTCFullYear(),
    norm.getUTCMonth() + 1,
    norm.getUTCDate(),
    norm.getUTCHours(),
    norm.getUTCMinutes(),
    norm.getUTCSeconds(),
    norm.getUTCMilliseconds(),
  );
}
