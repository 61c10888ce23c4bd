/**
 * Small text helpers shared by the core: HTML escaping, email checks, lists
 * typed into one cell, header and name comparison, initials for staff emails.
 * Every function accepts any string (names and notes come from people and
 * files) and never throws on one.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes & < > " ' so a value can go into an HTML email body or attribute. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

// Characters RFC 5322 allows unquoted in the local part; quoted local parts and
// address literals are legal but no client of a practice has one, and they are
// the usual way a pasted "Name <a@b.com>" or a typo slips through.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A pragmatic address check: one @, no spaces, a dot in the domain, no empty
 * labels or leading/trailing dots, at most 254 characters. Callers trim first:
 * ' a@b.com' is not an address MailApp will take.
 */
export function isValidEmail(s: string): boolean {
  if (typeof s !== 'string' || s.length > 254) return false;
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  // The top-level domain is letters (or an IDN 'xn--' label), never one character.
  const tld = labels[labels.length - 1];
  return tld.length >= 2 && (/^[A-Za-z]+$/.test(tld) || /^xn--[A-Za-z0-9-]+$/.test(tld));
}

/** A cell holding several values: comma, semicolon or newline separated; trimmed, empties dropped. */
export function splitList(s: string): string[] {
  if (s === null || s === undefined) return [];
  return String(s)
    .split(/[,;\r\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Header text as compared: trimmed, inner whitespace collapsed, lower-case. */
export function normalizeHeader(s: string): string {
  return String(s ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Two people's names typed by different hands are the same name. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** A name as sameName compares it, for keying a map by clinician or client name. */
export function nameKey(s: string): string {
  // NFC so a composed 'é' equals 'e' + combining accent pasted from another system.
  return normalizeHeader(String(s ?? '').normalize('NFC'));
}

/** First letter or digit of a word, upper-cased; '' when it has none. */
function firstInitial(word: string): string {
  const m = /[\p{L}\p{N}]/u.exec(word.normalize('NFC'));
  return m ? m[0].toUpperCase() : '';
}

function words(s: string | undefined): string[] {
  return String(s ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => firstInitial(w) !== '');
}

/**
 * Initials for staff emails and digests (minimum necessary: never the full
 * name). 'Ana', 'López' → 'A.L.'; one full name 'Ana María López' → 'A.L.'
 * (first and last word); nothing usable → '?'.
 */
export function initials(first: string, last?: string): string {
  const firstWords = words(first);
  const lastWords = words(last);
  let letters: string[];
  if (lastWords.length > 0) {
    letters = [firstWords[0], lastWords[0]].filter((w): w is string => w !== undefined).map(firstInitial);
  } else if (firstWords.length > 1) {
    letters = [firstInitial(firstWords[0]), firstInitial(firstWords[firstWords.length - 1])];
  } else {
    letters = firstWords.map(firstInitial);
  }
  return letters.length === 0 ? '?' : letters.map((l) => l + '.').join('');
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/**
 * A checkbox or a yes/no typed by a person. Blank and anything unrecognised is
 * null so the caller decides what "not said" means (e.g. Email OK blank = yes).
 */
export function parseBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const word = v.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** '1 client', '3 clients', '2 business days' with plural(2, 'business day'). */
export function plural(n: number, one: string, many?: string): string {
  return `${n} ${n === 1 ? one : (many ?? one + 's')}`;
}
