/**
 * Step 4, "Send departure notices": one DEPARTURE_NOTICE per client of a
 * departure's open cases whose notice has not gone yet; clients who share an
 * address get one notice naming each of them. The email engine does the
 * sending; this file plans the batch from the sheet and the ledger (so a
 * continuation sends only what is left) and records the outcome on the cases:
 * Notice Sent (the day the ledger says it went), Status New → Notice sent,
 * the departure's Notices Sent count, one Log row per batch.
 */
import type { Env } from '../../services/context';
import { toCivil } from '../../core/dates';
import { isTerminal } from '../../core/schema';
import { isValidEmail, normalizeHeader, parseBool, plural } from '../../core/text';
import { AuditLog } from '../../table/audit';
import type { Row } from '../../table/table';
import {
  caseFields,
  caseKey,
  householdFields,
  ledgerEntry,
  onResolved,
  registerJob,
  registerPreview,
  runJob,
  type Fields,
  type JsonValue,
  type Outgoing,
  type SendReport,
} from '../shared/email';
import { caseByRef, clientOf, departureExtras } from '../shared/email/preview';
import { casesTable, departuresTable } from '../shared/email/tables';
import { answerFields, answerLink, type AnswerLink, type LinkMode } from '../shared/answerLinks';
import { FIELD } from '../../core/fields';
import { isCivil } from '../../core/dates';

export { getDepartureNotices } from './states';
export type { NoticeList, NoticeRow, NoticeState } from './states';

const JOB = 'departureNotices';
const KEY = 'DEPARTURE_NOTICE';
export const NOTICE_KEY = KEY;

export interface NoticesResult extends SendReport {
  departureId: string;
  /** One sentence for the sidebar. */
  message: string;
}

/** sendDepartureNotices(departureId, {dryRun?, testTo?}) (admin). */
export function sendDepartureNotices(env: Env, departureId: unknown, options?: unknown): NoticesResult {
  const opts = readOptions(options);
  const id = departureRow(env, departureId).text('Departure ID');
  const report = runJob(env, JOB, { departureId: id }, opts);
  return { ...report, departureId: id, message: summary(id, report) };
}

/** The most a sidebar slice may ask for; a slice is a progress step, not a way around the time limit. */
const MAX_SLICE = 500;

function readOptions(options: unknown): { dryRun?: boolean; testTo?: string; maxEmails?: number } {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options))
    throw new Error('Options must be { dryRun?: true/false, testTo?: "address", maxEmails?: n }. Nothing was sent.');
  const { dryRun, testTo, maxEmails } = options as { dryRun?: unknown; testTo?: unknown; maxEmails?: unknown };
  if (
    maxEmails !== undefined &&
    (typeof maxEmails !== 'number' || !Number.isInteger(maxEmails) || maxEmails < 1 || maxEmails > MAX_SLICE)
  )
    throw new Error(`maxEmails must be a whole number from 1 to ${MAX_SLICE}. Nothing was sent.`);
  if (dryRun !== undefined && typeof dryRun !== 'boolean')
    throw new Error('dryRun must be true or false. Nothing was sent.');
  if (testTo !== undefined && testTo !== '' && (typeof testTo !== 'string' || !isValidEmail(testTo.trim()))) {
    throw new Error(`testTo must be one email address, not "${String(testTo)}". Nothing was sent.`);
  }
  return {
    dryRun: dryRun === true,
    testTo: typeof testTo === 'string' ? testTo.trim() : undefined,
    ...(typeof maxEmails === 'number' ? { maxEmails } : {}),
  };
}

export function departureRow(env: Env, id: unknown): Row {
  if (!normalizeHeader(String(id ?? '')))
    throw new Error('Choose a departure (its Departure ID, e.g. D-0001). Nothing was sent.');
  const row = departuresTable(env).findRow('Departure ID', id);
  if (!row) throw new Error(`There is no departure "${String(id)}" on the Departures tab. Nothing was sent.`);
  return row;
}

const idOf = (params: JsonValue): string => String((params as { departureId?: unknown })?.departureId ?? '');

/** The departure's cases a notice is about: Source Departure, not closed. */
function openCases(env: Env, id: string): Row[] {
  const want = normalizeHeader(id);
  return casesTable(env).rows.filter(
    (r) =>
      normalizeHeader(r.text('Departure ID')) === want &&
      normalizeHeader(r.text('Source')) === 'departure' &&
      !isTerminal(r.text('Status')),
  );
}

function noticeSent(row: Row): boolean {
  const v = row.get('Notice Sent');
  return !(v === '' || v === false || (typeof v === 'string' && v.trim() === ''));
}

type Member = { name: string; link: AnswerLink | null };

/**
 * Plans the notices still to send: households grouped by address
 * (case-insensitive), in sheet order. `links` says how each case's answer
 * link is made ('mint' only for a real send: see shared/answerLinks).
 */
export function planNotices(env: Env, params: JsonValue, links: LinkMode = 'preview'): Outgoing[] {
  const id = idOf(params);
  const out: Outgoing[] = [];
  const households = new Map<string, { rows: Row[]; fields: Fields[]; members: Member[]; to: string; at: number }>();
  for (const row of openCases(env, id)) {
    if (noticeSent(row)) continue;
    const ref = row.text('Ref');
    if (!ref) continue;
    const state = ledgerEntry(env, caseKey(KEY, ref))?.state;
    if (state === 'sent') continue; // sent by a run that stopped before stamping: the recorder stamps it
    const client = clientOf(env, row);
    const extras = departureExtras(env, row);
    const lastDay = isCivil(extras[FIELD.lastDay]) ? extras[FIELD.lastDay] : null;
    const base = caseFields(env, row, client, extras);
    const member: Member = { name: base[FIELD.greetingName], link: answerLink(env, row, lastDay, links) };
    const fields = { ...base, ...answerFields([member]) };
    const email = client?.text('Email') ?? '';
    const single: Outgoing = { key: KEY, to: email, refs: [ref], fields };
    if (!client) {
      out.push({
        ...single,
        hold: `Client ${row.text('Client ID') || '(blank ID)'} is not on the Clients tab: ${KEY} not sent, fix the Client ID`,
      });
      continue;
    }
    // On its own: an interrupted send (the engine reports it), a member who must not be emailed, or an address the engine will flag.
    if (
      state === 'sending' ||
      state === 'unconfirmed' ||
      parseBool(client.get('Email OK')) === false ||
      !isValidEmail(email)
    ) {
      out.push(single);
      continue;
    }
    const address = email.toLowerCase();
    const h = households.get(address);
    if (h) {
      h.rows.push(row);
      h.fields.push(fields);
      h.members.push(member);
      continue;
    }
    households.set(address, { rows: [row], fields: [fields], members: [member], to: email, at: out.length });
    out.push(single); // placeholder, replaced below when the household has more than one member
  }
  for (const h of households.values()) {
    if (h.rows.length < 2) continue;
    out[h.at] = {
      key: KEY,
      to: h.to,
      refs: h.rows.map((r) => r.text('Ref')),
      fields: { ...householdFields(h.fields), ...answerFields(h.members) },
    };
  }
  return out;
}

/**
 * Brings the departure's case columns in line with the ledger: every case
 * whose notice the ledger records as sent gets Notice Sent (the day it went)
 * and Status New → Notice sent (never backwards). Idempotent.
 */
function recordNotices(env: Env, params: JsonValue, report: SendReport | null): number {
  const id = idOf(params);
  const dep = departureRow(env, id);
  const cases = casesTable(env);
  const mine = cases.rows.filter((r) => normalizeHeader(r.text('Departure ID')) === normalizeHeader(id));
  let stamped = 0;
  for (const row of mine) {
    const entry = ledgerEntry(env, caseKey(KEY, row.text('Ref')));
    if (entry?.state !== 'sent' || noticeSent(row)) continue;
    row.setDate('Notice Sent', toCivil(entry.at ?? env.ctx.now, env.ctx.timeZone));
    const status = row.text('Status');
    if (status === '' || normalizeHeader(status) === 'new') row.set('Status', 'Notice sent');
    row.set('Last Updated', env.ctx.now);
    row.set('Updated By', env.ctx.user);
    stamped++;
  }
  dep.set('Notices Sent', mine.filter(noticeSent).length);
  cases.commit();
  departuresTable(env).commit();
  if (report) {
    const log = AuditLog.open(env.ctx);
    log.add('Departure notices sent', id, summary(id, report));
    log.commit();
  }
  return stamped;
}

function summary(id: string, r: SendReport): string {
  if (r.testTo) return `Test notice for ${id} sent to ${r.testTo}; nothing was recorded.`;
  const verb = r.dryRun ? 'Dry run: would notify' : 'Notified';
  const parts = [`${verb} ${plural(r.sent, 'case')} of ${id} in ${plural(r.emails, 'email')}`];
  if (r.skipped) parts.push(`${r.skipped} skipped`);
  if (r.failed) parts.push(`${r.failed} failed`);
  if (r.remaining && r.stopped === 'slice') {
    parts.push(`${r.remaining} left to send`);
  } else if (r.remaining) {
    const when = r.stopped === 'quota' ? 'after the daily email quota resets' : 'in a minute';
    parts.push(
      `${r.remaining} left${r.continuing ? `: sending continues automatically ${when}` : ': send again to finish (nothing is sent twice)'}`,
    );
  }
  if (r.unconfirmed.length) parts.push(`unconfirmed (check the Sent mail, then settle): ${r.unconfirmed.join(', ')}`);
  if (r.flagged.length) parts.push(`${plural(r.flagged.length, 'case')} flagged`);
  return parts.join('; ') + '.';
}

registerJob(
  JOB,
  (env, params, { sending }) => {
    const planned = planNotices(env, params, sending ? 'mint' : 'preview');
    // New answer link ids are in the sheet before the first notice carrying them goes out.
    if (sending) casesTable(env).commit();
    return planned;
  },
  (env, params, report) => {
    recordNotices(env, params, report);
  },
);

// Preview of a case's notice: its household's email when it shares an address.
registerPreview(KEY, (env, ref) => {
  const row = caseByRef(env, ref);
  const planned = planNotices(env, { departureId: row.text('Departure ID') }).find((o) => o.refs.includes(ref));
  if (planned) return planned;
  const client = clientOf(env, row);
  return {
    key: KEY,
    to: client?.text('Email') ?? '',
    refs: [ref],
    fields: caseFields(env, row, client, departureExtras(env, row)),
  };
});

// An admin confirming an interrupted notice went out: stamp it now, not at the next batch.
onResolved(KEY, (env, ref, sent) => {
  if (!sent) return;
  const id = caseByRef(env, ref.split(/\s*,\s*/)[0]).text('Departure ID');
  if (id) recordNotices(env, { departureId: id }, null);
});
