/**
 * Text parsed the way Sheets parses what a person types (and what setValue,
 * setValues and appendRow write, which behave like typing): formulas, numbers
 * in their many spellings, booleans, dates and times; everything else stays
 * text. A leading apostrophe forces text.
 */
import { Cell, Formula } from './cell';
import { DATE_FORMAT, DATE_TIME_FORMAT, TIME_FORMAT } from './numfmt';
import { partsSerial, validYmd } from './tz';

export interface Parsed {
  value: Cell | undefined;
  /** Number format Sheets sets on an automatic cell for this spelling. */
  format?: string;
  /** The format to set even over an existing non-date format (dates). */
  dateFormat?: string;
}

const NUMBER = /^([+-])?(\$)?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?(%)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseNumber(s: string): Parsed | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  const [, sign, dollar, int, dec, exp, pct] = m;
  if (int === undefined && !dec) return null;
  if (dollar && (exp !== undefined || pct)) return null;
  let n = Number(`${(int ?? '0').replace(/,/g, '')}.${dec ?? ''}${exp !== undefined ? 'e' + exp : ''}`);
  if (sign === '-') n = -n;
  if (pct) n = n / 100;
  if (!Number.isFinite(n)) return null;
  const decimals = (dec ?? '').length;
  const zeros = decimals ? '.' + '0'.repeat(decimals) : '';
  let format: string | undefined;
  if (pct) format = decimals ? `0${zeros}%` : '0%';
  else if (dollar) format = '$#,##0.00';
  else if (exp !== undefined) format = '0.00E+00';
  else if (int && int.includes(',')) format = `#,##0${zeros}`;
  return { value: n, format };
}

function twoDigitYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function parseTime(s: string | undefined): { h: number; mi: number; sec: number } | null | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(s.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const mi = Number(m[2]),
    sec = Number(m[3] ?? 0);
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    const pm = m[4][0].toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || mi > 59 || sec > 59) return null;
  return { h, mi, sec };
}

/** A date or date-time in the spellings en_US Sheets recognises; null when not one. */
export function parseDate(s: string, currentYear: number): Parsed | null {
  let y: number, mo: number, d: number, rest: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(.+))?$/.exec(s))) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    rest = m[4];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?:\s+(.+))?$/.exec(s))) {
    mo = Number(m[1]);
    d = Number(m[2]);
    y = m[3] ? twoDigitYear(m[3]) : currentYear;
    rest = m[4];
  } else if ((m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(.+))?$/.exec(s))) {
    mo = monthIndex(m[1]);
    d = Number(m[2]);
    y = Number(m[3]);
    rest = m[4];
  } else if ((m = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4})(?:\s+(.+))?$/.exec(s))) {
    d = Number(m[1]);
    mo = monthIndex(m[2]);
    y = Number(m[3]);
    rest = m[4];
  } else return null;
  if (!validYmd(y, mo, d)) return null;
  const time = parseTime(rest);
  if (time === null) return null;
  const serial = partsSerial(y, mo, d, time?.h ?? 0, time?.mi ?? 0, time?.sec ?? 0);
  return { value: serial, dateFormat: time ? DATE_TIME_FORMAT : DATE_FORMAT };
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  const i = MONTHS.indexOf(lower.slice(0, 3));
  if (i < 0) return 0;
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ][i];
  return lower.length === 3 || full.startsWith(lower) || lower === 'sept' ? i + 1 : 0;
}

/**
 * Parses text as typed into a cell. `plainText` is a cell formatted '@':
 * nothing is interpreted there, a leading apostrophe included unless
 * `dropApostrophe` (ctx.ts PlatformModel).
 */
export function parseTyped(
  text: string,
  opts: { plainText: boolean; currentYear: number; dropApostrophe?: boolean },
): Parsed {
  if (text === '') return { value: undefined };
  if (opts.plainText) return { value: opts.dropApostrophe && text[0] === "'" ? text.slice(1) : text };
  if (text[0] === "'") return { value: text.slice(1) };
  if (text[0] === '=') return { value: new Formula(text) };
  const t = text.trim();
  // Without a digit only a boolean or a '+'/'-' formula can come out: skip the number and date patterns.
  if (!/\d/.test(t)) {
    if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
    if ((t[0] === '+' || t[0] === '-') && t.length > 1) return { value: new Formula('=' + t) };
    return { value: text };
  }
  const num = parseNumber(t);
  if (num) return num;
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const date = parseDate(t, opts.currentYear);
  if (date) return date;
  const time = /^\d{1,2}:\d{2}/.test(t) ? parseTime(t) : undefined;
  if (time) return { value: (time.h * 3600 + time.mi * 60 + time.sec) / 86400, dateFormat: TIME_FORMAT };
  // '+…' and '-…' that are not numbers are read as formulas ('+1 555 0100' → =+1 555 0100).
  if ((t[0] === '+' || t[0] === '-') && t.length > 1) return { value: new Formula('=' + t) };
  return { value: text };
}
