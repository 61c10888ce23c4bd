/**
 * Dates and times as the hub's sheet shows them: M/d/yyyy and h:mm AM/PM, in
 * the hub's time zone (not the browser's: a CSR in another zone sees the
 * times the spreadsheet shows). The shell sets the zone once from whoAmI.
 */

let zone = 'UTC';

/** The hub's IANA time zone (from the server); a zone the browser does not know falls back to UTC. */
export function setTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    zone = timeZone;
  } catch {
    zone = 'UTC';
  }
}

export function timeZone(): string {
  return zone;
}

const NOT_SET = '—';
const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;
const SESSION = /^(\d{4}-\d{2}-\d{2})(?:[T\s]+(\d{1,2}):(\d{2}))?/;

/** 14:30 → 2:30 PM. */
export function formatTime(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** 2026-11-25 → 11/25/2026; blank → —; anything else is shown as it is. */
export function formatDate(civil: string | null | undefined): string {
  if (!civil) return NOT_SET;
  const m = CIVIL.exec(civil);
  return m ? `${+m[2]}/${+m[3]}/${m[1]}` : civil;
}

/** A next session as the server keeps it ('2026-12-08', '2026-12-08 17:30', '2026-12-08T17:30') → 12/8/2026 5:30 PM. */
export function formatSession(text: string | null | undefined): string {
  if (!text) return NOT_SET;
  const m = SESSION.exec(text.trim());
  if (!m) return text;
  const day = formatDate(m[1]);
  return m[2] === undefined ? day : `${day} ${formatTime(+m[2], +m[3])}`;
}

/** An ISO instant → 11/25/2026 9:01 AM on the hub's clock. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return NOT_SET;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d))
    parts[p.type] = p.value;
  return `${parts.month}/${parts.day}/${parts.year} ${formatTime(+parts.hour % 24, +parts.minute)}`;
}
