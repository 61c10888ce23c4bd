/**
 * Sheets number formats: what getDisplayValues shows for a number, a date
 * (a serial number with a date format) or a boolean. Covers the patterns a
 * sheet sets when typing parses a value and the ones an add-on sets:
 * '@', '0', '0.00', '#,##0', '0%', '0.00%', '$#,##0.00', '0.00E+00',
 * 'M/d/yyyy', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'M/d/yyyy H:mm:ss', 'mmm d, yyyy' …
 * In Sheets patterns 'm'/'mm' mean minutes after an hour token or before a
 * seconds token, and months otherwise.
 */
import { DAYS, MONTHS } from '../format-date';
import { serialParts } from './tz';

/** The format getNumberFormat reports for a cell left on automatic. */
export const AUTOMATIC = '0.###############';
export const DATE_FORMAT = 'M/d/yyyy';
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const TIME_FORMAT = 'H:mm:ss';

type Tok = { kind: 'lit'; text: string } | { kind: 'date'; t: string };
interface Compiled {
  date: Tok[] | null;
  sections: string[];
  text: boolean;
  general: boolean;
}

const cache = new Map<string, Compiled>();

function compile(fmt: string): Compiled {
  let c = cache.get(fmt);
  if (c) return c;
  const sections = splitSections(fmt);
  const first = sections[0] ?? '';
  const general = fmt === '' || fmt === AUTOMATIC || /^general$/i.test(first);
  const text = first === '@';
  c = { date: general || text ? null : dateTokens(first), sections, text, general };
  cache.set(fmt, c);
  return c;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '',
    q = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') q = !q;
    if (ch === '\\' && !q) {
      cur += ch + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !q) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Tokens of a date/time pattern, or null when the pattern has no date part. */
function dateTokens(fmt: string): Tok[] | null {
  const toks: Tok[] = [];
  let hasDate = false;
  for (let i = 0; i < fmt.length;) {
    const ch = fmt[i];
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      toks.push({ kind: 'lit', text: fmt.slice(i + 1, end < 0 ? fmt.length : end) });
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      toks.push({ kind: 'lit', text: fmt[i + 1] ?? '' });
      i += 2;
      continue;
    }
    if (/^(am\/pm|a\/p)/i.test(fmt.slice(i))) {
      const m = /^(am\/pm|a\/p)/i.exec(fmt.slice(i))![0];
      toks.push({ kind: 'date', t: m.toLowerCase() === 'a/p' ? 'a/p' : 'ampm' });
      hasDate = true;
      i += m.length;
      continue;
    }
    const lower = ch.toLowerCase();
    if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < fmt.length && fmt[j].toLowerCase() === lower) j++;
      toks.push({ kind: 'date', t: lower.repeat(j - i) });
      hasDate = true;
      i = j;
      continue;
    }
    if (/[#0?]/.test(ch) || ch === '@') return null;
    if (ch === '[') {
      const end = fmt.indexOf(']', i);
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    toks.push({ kind: 'lit', text: ch });
    i++;
  }
  if (!hasDate) return null;
  // m/mm right after an hour or right before seconds means minutes.
  const dates = toks.map((t, i) => ({ t, i })).filter((x) => x.t.kind === 'date');
  dates.forEach((x, k) => {
    const t = x.t as { kind: 'date'; t: string };
    if (t.t[0] !== 'm' || t.t.length > 2) return;
    const prev = dates[k - 1]?.t as { t: string } | undefined;
    const next = dates[k + 1]?.t as { t: string } | undefined;
    if (prev?.t[0] === 'h' || next?.t[0] === 's') t.t = t.t === 'm' ? 'min' : 'minmin';
  });
  return toks;
}

export function isDateFormat(fmt: string | undefined): boolean {
  return fmt !== undefined && compile(fmt).date !== null;
}

export function isTextFormat(fmt: string | undefined): boolean {
  return fmt === '@';
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function formatDate(serial: number, toks: Tok[]): string {
  const p = serialParts(serial);
  const twelve = toks.some((t) => t.kind === 'date' && (t.t === 'ampm' || t.t === 'a/p'));
  const hour = twelve ? ((p.h + 11) % 12) + 1 : p.h;
  let out = '';
  for (const tok of toks) {
    if (tok.kind === 'lit') {
      out += tok.text;
      continue;
    }
    const t = tok.t;
    switch (t[0]) {
      case 'y':
        out += t.length <= 2 ? pad(p.y % 100) : String(p.y);
        break;
      case 'd':
        out +=
          t.length === 1
            ? String(p.d)
            : t.length === 2
              ? pad(p.d)
              : t.length === 3
                ? DAYS[p.dow].slice(0, 3)
                : DAYS[p.dow];
        break;
      case 'h':
        out += t.length === 1 ? String(hour) : pad(hour);
        break;
      case 's':
        out += t.length === 1 ? String(p.s) : pad(p.s);
        break;
      case 'a':
        out += t === 'a/p' ? (p.h < 12 ? 'a' : 'p') : p.h < 12 ? 'AM' : 'PM';
        break;
      default:
        if (t === 'min') out += String(p.mi);
        else if (t === 'minmin') out += pad(p.mi);
        else if (t.length === 1) out += String(p.mo);
        else if (t.length === 2) out += pad(p.mo);
        else if (t.length === 3) out += MONTHS[p.mo - 1].slice(0, 3);
        else if (t.length === 5) out += MONTHS[p.mo - 1][0];
        else out += MONTHS[p.mo - 1];
    }
  }
  return out;
}

/** What an automatic-format cell shows for a number. */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : n < 0 ? '#NUM!' : '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e15 || (abs < 1e-9 && abs > 0)) {
    const [m, e] = n.toExponential(5).split('e');
    const mant = m.replace(/\.?0+$/, '');
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${pad(Math.abs(exp))}`;
  }
  const s = String(Number(n.toPrecision(10)));
  return s.includes('e') ? n.toFixed(10).replace(/\.?0+$/, '') : s;
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a number with a numeric pattern such as '#,##0.00', '0%', '$#,##0.00', '0.00E+00'. */
function formatNumeric(n: number, section: string, signed: boolean): string {
  // Literals: quoted text and backslash escapes pass through; the number part is the run of #0,.
  let prefix = '',
    suffix = '',
    body = '';
  let inBody = false,
    bodyDone = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    let lit: string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit = section.slice(i + 1, end < 0 ? section.length : end);
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      lit = section[i + 1] ?? '';
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end);
      i = end;
      lit = inner.startsWith('$') ? inner.slice(1).split('-')[0] : '';
    } else if (ch === '_' || ch === '*') {
      i++;
      lit = ch === '_' ? ' ' : '';
    } else if (/[#0?,.]/.test(ch) && !bodyDone) {
      body += ch;
      inBody = true;
      continue;
    } else if (/[eE]/.test(ch) && inBody && /^[eE][+-]0+/.test(section.slice(i))) {
      const m = /^[eE][+-]0+/.exec(section.slice(i))![0];
      body += m;
      i += m.length - 1;
      continue;
    } else lit = ch;
    if (inBody) bodyDone = true;
    if (bodyDone) suffix += lit;
    else prefix += lit;
  }
  const percent = (prefix + suffix).includes('%');
  let v = Math.abs(n) * (percent ? 100 : 1);
  const expM = /[eE]([+-])(0+)$/.exec(body);
  const numBody = expM ? body.slice(0, expM.index) : body;
  const [intPat, decPat = ''] = numBody.split('.');
  const minDec = (decPat.match(/0/g) ?? []).length;
  const maxDec = (decPat.match(/[0#?]/g) ?? []).length;
  const minInt = (intPat.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPat);
  let expStr = '';
  if (expM) {
    let e = v === 0 ? 0 : Math.floor(Math.log10(v));
    let mant = v / Math.pow(10, e);
    if (Number(mant.toFixed(maxDec)) >= 10) {
      e++;
      mant /= 10;
    }
    v = mant;
    expStr = `E${e < 0 ? '-' : expM[1] === '+' ? '+' : ''}${String(Math.abs(e)).padStart(expM[2].length, '0')}`;
  }
  let [i, d = ''] = v.toFixed(maxDec).split('.');
  while (d.length > minDec && d.endsWith('0')) d = d.slice(0, -1);
  if (i === '0' && minInt === 0) i = '';
  i = i.padStart(minInt, '0');
  if (grouping) i = groupThousands(i);
  const rounded = Number(v.toFixed(maxDec));
  const neg = signed && n < 0 && rounded !== 0;
  const num = d || (decPat && minDec > 0) ? `${i}.${d}` : i;
  return `${neg ? '-' : ''}${prefix}${num}${expStr}${suffix}`;
}

/** The text a cell shows for a stored value under a number format. */
export function display(v: unknown, fmt: string | undefined): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (typeof v !== 'number') return String(v);
  if (fmt === undefined) return generalNumber(v);
  const c = compile(fmt);
  if (c.general || c.text) return generalNumber(v);
  if (c.date) return formatDate(v, c.date);
  const neg = v < 0 && c.sections.length > 1;
  const section = neg ? c.sections[1] : v === 0 && c.sections.length > 2 ? c.sections[2] : c.sections[0];
  if (!/[#0?]/.test(section)) return section.replace(/"/g, '');
  return formatNumeric(v, section, !neg);
}
