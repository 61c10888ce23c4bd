/**
 * The staff digest (SPEC.md workflow 6): one STAFF_DIGEST a day to every CSR
 * and admin, with case refs, client initials, next actions and how late they
 * are, the clients who answered through their personal link since the last
 * digest, the terminated cases still to close in TherapyNotes and the emails
 * left unconfirmed — never a client's name, note or clinical detail. Its ledger key is
 * per day and recipient, so a second run on the same day sends nothing.
 */
import type { Env } from '../../services/context';
import { Civil, formatCivil } from '../../core/dates';
import { FIELD } from '../../core/fields';
import { isTerminal } from '../../core/schema';
import { isValidEmail, normalizeHeader, plural } from '../../core/text';
import { Table } from '../../table/table';
import { closeOutPending } from '../close/plan';
import { Outgoing, sendEmails, unconfirmedEmails } from '../shared/email';
import { trackerUrl } from '../shared/email/fields';
import { casesTable, clientsTable, departuresTable } from '../shared/email/tables';
import { cadenceSettings, CaseLookup, clientInitials } from '../shared/caseFacts';
import { sentThisRun, settingFields } from './reminders';
import { lacksPreference } from '../shared/caseFacts';
import { markReported, unreportedAnswers } from '../answers';

/** Each section of the digest lists at most this many cases; its count is always the full one. */
export const MAX_LINES = 50;

export interface DigestInput {
  /** 'Complete', or 'INCOMPLETE: …' naming the steps that failed. */
  runStatus: string;
  /** Refs marked Unresponsive by this run. */
  unresponsive: readonly string[];
}

export interface DigestResult {
  /** Staff the digest went to in this run. */
  sentTo: string[];
  /** Staff who already had today's digest (a second run on the same day). */
  alreadySent: string[];
  /** Staff it could not go to (not an address, or the send failed). */
  failed: string[];
  /** Why no digest was due ('' when one was). */
  skipped: string;
  open: number;
  overdue: number;
}

interface Line {
  ref: string;
  text: string;
  order: number;
}

export function sendDigest(env: Env, input: DigestInput): DigestResult {
  const { today } = env.ctx;
  const cases = casesTable(env);
  const lookup = new CaseLookup(clientsTable(env), departuresTable(env));
  const { settings } = cadenceSettings(env);
  const overdue: Line[] = [];
  const dueToday: Line[] = [];
  const closeOut: Line[] = [];
  const missingByDeparture = new Map<string, number>();
  let open = 0;
  let missing = 0;
  const answered = unreportedAnswers(env.ctx.ss.getId());
  const answeredRefs = new Set(answered.map((a) => a.ref));
  const initialsOf = new Map<string, string>();

  for (const row of cases.rows) {
    const ref = row.text('Ref');
    if (ref === '') continue;
    const who = clientInitials(row, lookup.client(row));
    if (answeredRefs.has(ref)) initialsOf.set(ref, who);
    if (isTerminal(row.text('Status'))) {
      if (closeOutPending(row))
        closeOut.push({
          ref,
          order: 0,
          text: `${ref} · ${who} · client ${row.text('Client ID')}: ${row.text('Next Action')}`,
        });
      continue;
    }
    open++;
    const departure = row.text('Departure ID');
    if (departure && lacksPreference(row)) {
      missing++;
      missingByDeparture.set(departure, (missingByDeparture.get(departure) ?? 0) + 1);
    }
    const c = lookup.cadence(row, settings, today);
    if (c.overdueDays > 0) {
      overdue.push({
        ref,
        order: -c.overdueDays,
        text: `${ref} · ${who} · ${c.nextAction} (due ${shortDate(c.due)}, ${plural(c.overdueDays, 'day')} overdue)`,
      });
    } else if (c.due === today && c.nextAction) {
      dueToday.push({ ref, order: 0, text: `${ref} · ${who} · ${c.nextAction}` });
    }
  }

  const unconfirmed = unconfirmedLines(env);
  const recipients = staffRecipients(env);
  const result: DigestResult = { sentTo: [], alreadySent: [], failed: [], skipped: '', open, overdue: overdue.length };
  const complete = normalizeHeader(input.runStatus) === 'complete';
  if (open === 0 && closeOut.length === 0 && unconfirmed.length === 0 && answered.length === 0 && complete) {
    result.skipped = 'no open cases and nothing to report';
    return result;
  }
  if (recipients.valid.length === 0) {
    result.skipped = 'no CSR or admin has a valid address in Settings';
    result.failed = recipients.invalid;
    return result;
  }

  const caseList = [
    section(
      'Answered through their personal link since the last digest (call to confirm, then complete)',
      answered.map((a, i) => ({
        ref: a.ref,
        order: i,
        text: `${a.ref} · ${initialsOf.get(a.ref) ?? '?'} · ${a.choice}`,
      })),
    ),
    section('Overdue', overdue),
    section('Due today', dueToday),
    section(
      `Marked Unresponsive tonight (next: terminate services in TherapyNotes)`,
      input.unresponsive.map((ref, i) => ({ ref, order: i, text: ref })),
    ),
    section('Services terminated, still to close in TherapyNotes', closeOut),
    section(
      'Emails left unconfirmed: check the Sent mail, then settle them',
      unconfirmed.map((u, i) => ({ ref: u, order: i, text: u })),
    ),
    section(
      'Preferences still missing',
      [...missingByDeparture].map(([id, n], i) => ({ ref: id, order: i, text: `${id}: ${plural(n, 'client')}` })),
    ),
  ]
    .filter((s) => s !== '')
    .join('\n\n');

  const fields: Record<string, string> = {
    ...settingFields(env),
    [FIELD.runDate]: formatCivil(today, 'MMMM d, yyyy'),
    [FIELD.runStatus]: input.runStatus,
    [FIELD.openCount]: String(open),
    [FIELD.overdueCount]: String(overdue.length),
    [FIELD.missingCount]: String(missing),
    [FIELD.caseList]: caseList,
    [FIELD.trackerUrl]: trackerLink(env, cases),
  };
  const outgoing: Outgoing[] = recipients.valid.map((to) => ({
    key: 'STAFF_DIGEST',
    to,
    refs: [],
    fields,
    ledgerKey: digestKey(today, to),
  }));
  const report = sendEmails(env, outgoing, {});
  result.failed.push(...recipients.invalid);
  if (report.dryRun) return result;
  for (const to of recipients.valid) {
    const state = sentThisRun(env, digestKey(today, to));
    if (state === 'now') result.sentTo.push(to);
    else if (state === 'earlier') result.alreadySent.push(to);
    else result.failed.push(to);
  }
  // Reported once it went to someone; a day whose digest had gone already keeps them for tomorrow's.
  if (result.sentTo.length) markReported(env.ctx.ss.getId(), answered);
  return result;
}

export const digestKey = (day: Civil, to: string): string => `STAFF_DIGEST:${day}:${to.trim().toLowerCase()}`;

/** Admins and CSRs, each once. */
function staffRecipients(env: Env): { valid: string[]; invalid: string[] } {
  const all = [...new Set([...env.settings.emails('Admin Emails'), ...env.settings.emails('CSR Emails')])];
  return { valid: all.filter(isValidEmail), invalid: all.filter((e) => !isValidEmail(e)) };
}

/** Cases whose email is unconfirmed in the ledger ('R-000123 DEPARTURE_NOTICE'); no addresses. */
function unconfirmedLines(env: Env): string[] {
  return unconfirmedEmails(env)
    .filter((e) => e.template !== 'STAFF_DIGEST')
    .map((e) => `${e.ref || e.key} · ${e.template}`);
}

/** The Reassignments tab itself: the hub's address and the tab's gid. */
function trackerLink(env: Env, cases: Table): string {
  return `${trackerUrl(env)}#gid=${cases.sheet.getSheetId()}`;
}

function shortDate(c: Civil | null): string {
  return c ? formatCivil(c) : 'no date';
}

/** 'Overdue (3):' and one line per case, the latest first, cut at MAX_LINES. */
function section(title: string, lines: Line[]): string {
  if (lines.length === 0) return '';
  const sorted = [...lines].sort((a, b) => a.order - b.order || a.ref.localeCompare(b.ref));
  const shown = sorted.slice(0, MAX_LINES).map((l) => `  ${l.text}`);
  if (sorted.length > MAX_LINES) shown.push(`  …and ${sorted.length - MAX_LINES} more in the tracker`);
  return [`${title} (${sorted.length}):`, ...shown].join('\n');
}
