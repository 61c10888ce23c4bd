/**
 * The therapist reminder (SPEC.md workflow 6): a departing therapist whose
 * open cases still lack a Preference is emailed THERAPIST_REMINDER, with the
 * count and their transition sheet's address, once a business day from
 * shortly before the Preference Deadline until their last day. The ledger key carries the
 * date, so a second run on the same day sends nothing.
 */
import type { Env } from '../../services/context';
import { preferenceDueDate } from '../../core/cadence';
import { addBusinessDays, Civil, formatCivil, isBusinessDay } from '../../core/dates';
import { FIELD, firstName, SETTING_FIELDS } from '../../core/fields';
import { isTerminal } from '../../core/schema';
import { isValidEmail, normalizeHeader } from '../../core/text';
import { Row } from '../../table/table';
import { cliniciansMatching } from '../shared/clinicians';
import { ledgerEntry, Outgoing, sendEmails } from '../shared/email';
import { casesTable, clientsTable, cliniciansTable, departuresTable } from '../shared/email/tables';
import { cadenceSettings, clientInitials, lacksPreference } from '../shared/caseFacts';

/** Reminders start this many business days before the Preference Deadline. */
export const REMINDER_LEAD_DAYS = 2;
/** A reminder lists at most this many cases; the count is always the full one. */
const MAX_LISTED = 60;

export interface RemindersResult {
  /** Departures whose therapist was reminded by this run. */
  sent: string[];
  /** Departures in the reminder window that were not reminded, and why. */
  skipped: { departureId: string; why: string }[];
}

/** The days on which a therapist with missing preferences is reminded: [first, last day]. */
export function reminderWindow(
  lastDay: Civil,
  holidays: ReadonlySet<Civil>,
  deadline: Civil,
): { from: Civil; to: Civil } {
  return { from: addBusinessDays(deadline, -REMINDER_LEAD_DAYS, holidays), to: lastDay };
}

export function remindTherapists(env: Env): RemindersResult {
  const { today } = env.ctx;
  const result: RemindersResult = { sent: [], skipped: [] };
  const { settings } = cadenceSettings(env);
  // Therapists are not emailed about work on weekends and the practice's holidays.
  if (!isBusinessDay(today, settings.holidays)) return result;
  const departures = departuresTable(env);
  const cases = casesTable(env);
  const clients = clientsTable(env).indexBy('Client ID');
  const clinicians = cliniciansTable(env);
  const byDeparture = new Map<string, Row[]>();
  for (const c of cases.rows) {
    const id = normalizeHeader(c.text('Departure ID'));
    if (id === '' || isTerminal(c.text('Status'))) continue;
    byDeparture.set(id, [...(byDeparture.get(id) ?? []), c]);
  }

  const outgoing: Outgoing[] = [];
  const pending: string[] = [];
  for (const d of departures.rows) {
    const id = d.text('Departure ID');
    const lastDay = d.date('Last Day');
    if (id === '' || lastDay === null || normalizeHeader(d.text('Status')) === 'complete') continue;
    const deadline = preferenceDueDate(lastDay, settings);
    const window = reminderWindow(lastDay, settings.holidays, deadline);
    if (today < window.from || today > window.to) continue;
    const open = byDeparture.get(normalizeHeader(id)) ?? [];
    const missing = open.filter(lacksPreference);
    if (missing.length === 0) continue;
    const url = d.text('Transition Sheet URL');
    if (url === '') {
      result.skipped.push({ departureId: id, why: 'the list has not been shared with the therapist yet' });
      continue;
    }
    const name = d.text('Clinician');
    const to = d.text('Email') || cliniciansMatching(clinicians, name)[0]?.text('Email') || '';
    if (!isValidEmail(to)) {
      result.skipped.push({
        departureId: id,
        why: to ? `"${to}" is not an email address` : 'the therapist has no email address',
      });
      continue;
    }
    const lines = missing
      .slice(0, MAX_LISTED)
      .map((c) => `${c.text('Ref')} · ${clientInitials(c, clients.get(c.text('Client ID')))}`);
    if (missing.length > MAX_LISTED) lines.push(`…and ${missing.length - MAX_LISTED} more on your transition sheet`);
    const fields: Record<string, string> = {
      ...settingFields(env),
      [FIELD.therapistName]: name,
      [FIELD.therapistFirstName]: firstName(name),
      [FIELD.lastDay]: formatCivil(lastDay, 'MMMM d, yyyy'),
      [FIELD.preferenceDeadline]: formatCivil(deadline, 'MMMM d, yyyy'),
      [FIELD.transitionSheetUrl]: url,
      [FIELD.departureId]: id,
      [FIELD.missingCount]: String(missing.length),
      [FIELD.openCount]: String(open.length),
      [FIELD.caseList]: lines.join('\n'),
    };
    outgoing.push({ key: 'THERAPIST_REMINDER', to, refs: [], fields, ledgerKey: `THERAPIST_REMINDER:${id}:${today}` });
    pending.push(id);
  }
  if (outgoing.length === 0) return result;
  const report = sendEmails(env, outgoing, {});
  if (report.dryRun) return result;
  outgoing.forEach((o, i) => {
    const state = sentThisRun(env, o.ledgerKey as string);
    if (state === 'now') result.sent.push(pending[i]);
    else if (state === 'not sent')
      result.skipped.push({ departureId: pending[i], why: 'the email did not go out (see the Email Ledger)' });
  });
  return result;
}

/** Whether an email keyed like this went out in this run, earlier (a second run today), or not at all. */
export function sentThisRun(env: Env, key: string): 'now' | 'earlier' | 'not sent' {
  const entry = ledgerEntry(env, key);
  if (!entry || entry.state !== 'sent') return 'not sent';
  return entry.at && entry.at.getTime() >= env.ctx.now.getTime() ? 'now' : 'earlier';
}

/** The settings every template may use, with Sender Name falling back to the Practice Name. */
export function settingFields(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SETTING_FIELDS) out[name] = env.settings.text(name);
  if (!out['Sender Name']) out['Sender Name'] = out['Practice Name'];
  return out;
}
