/**
 * The notices view of a departure: every case with where its notice stands —
 * sent (and when), to send (alone or in one household email), skipped and
 * why (closed, no address, Email OK FALSE, not on the Clients tab), flagged
 * (an earlier send failed) or unconfirmed (a run stopped while sending it) —
 * as mail-merge tools show a row's status, and what the next batch would send.
 */
import type { Env } from '../../services/context';
import { Civil, toCivil } from '../../core/dates';
import { isTerminal } from '../../core/schema';
import { isValidEmail, normalizeHeader, parseBool } from '../../core/text';
import type { Row } from '../../table/table';
import { caseKey, ledgerEntry } from '../shared/email';
import { clientOf } from '../shared/email/preview';
import { casesTable } from '../shared/email/tables';
import { departureRow, NOTICE_KEY, planNotices } from './index';

export type NoticeState = 'sent' | 'to send' | 'skipped' | 'flagged' | 'unconfirmed';

export interface NoticeRow {
  ref: string;
  clientId: string;
  clientName: string;
  status: string;
  state: NoticeState;
  /** Why, for people: the skip reason, the flag, the household it shares an email with; '' when plain. */
  why: string;
  /** The day it went (sent). */
  sentOn: Civil | null;
  to: string;
}

export interface NoticeList {
  departureId: string;
  rows: NoticeRow[];
  counts: Record<NoticeState, number>;
  /** What the next batch sends: cases notified and emails (a household gets one). */
  toSend: { cases: number; emails: number };
  /** The daily email quota left now. */
  quotaLeft: number;
}

/** An engine reason as people read it: the notice, not its template key. */
const plain = (text: string): string => text.split(NOTICE_KEY).join('notice');

/** The Flag cell's reasons about the notice (an earlier send that failed), or ''. */
function noticeFlag(row: Row): string {
  return row
    .text('Flag')
    .split(/\s*;\s*/)
    .filter((f) => f.includes(NOTICE_KEY))
    .map(plain)
    .join('; ');
}

function filled(row: Row, header: string): boolean {
  const v = row.get(header);
  return !(v === '' || v === null || v === false || (typeof v === 'string' && v.trim() === ''));
}

/** getDepartureNotices(departureId): the departure's cases with their notice's state. */
export function getDepartureNotices(env: Env, departureId: unknown): NoticeList {
  const id = departureRow(env, departureId).text('Departure ID');
  const planned = new Map<string, { to: string; refs: string[]; hold?: string }>();
  const outgoing = planNotices(env, { departureId: id });
  for (const o of outgoing) for (const ref of o.refs) planned.set(normalizeHeader(ref), o);
  const key = normalizeHeader(id);
  const rows = casesTable(env)
    .rows.filter(
      (r) => normalizeHeader(r.text('Departure ID')) === key && normalizeHeader(r.text('Source')) === 'departure',
    )
    .map((r) => stateOf(env, r, planned.get(normalizeHeader(r.text('Ref')))));
  const counts: Record<NoticeState, number> = { sent: 0, 'to send': 0, skipped: 0, flagged: 0, unconfirmed: 0 };
  for (const r of rows) counts[r.state]++;
  const sendable = outgoing.filter((o) => o.refs.some((ref) => rows.find((r) => r.ref === ref)?.state === 'to send'));
  return {
    departureId: id,
    rows,
    counts,
    toSend: { cases: counts['to send'], emails: sendable.length },
    quotaLeft: MailApp.getRemainingDailyQuota(),
  };
}

function stateOf(env: Env, row: Row, o: { to: string; refs: string[]; hold?: string } | undefined): NoticeRow {
  const ref = row.text('Ref');
  const client = clientOf(env, row);
  const to = o?.to ?? client?.text('Email') ?? '';
  const base = {
    ref,
    clientId: row.text('Client ID'),
    clientName: row.text('Client Name'),
    status: row.text('Status'),
    to,
  };
  const entry = ref ? ledgerEntry(env, caseKey(NOTICE_KEY, ref)) : undefined;
  if (filled(row, 'Notice Sent') || entry?.state === 'sent') {
    const on = row.date('Notice Sent') ?? (entry?.at ? toCivil(entry.at, env.ctx.timeZone) : null);
    return { ...base, state: 'sent', why: '', sentOn: on };
  }
  const result = (state: NoticeState, why: string): NoticeRow => ({ ...base, state, why, sentOn: null });
  if (entry?.state === 'sending' || entry?.state === 'unconfirmed')
    return result(
      'unconfirmed',
      'A run stopped while sending it: check the Sent mail, then settle it. It is never resent on its own.',
    );
  if (isTerminal(row.text('Status'))) return result('skipped', `The case is closed (${row.text('Status')}).`);
  const flag = noticeFlag(row);
  if (flag) return result('flagged', flag);
  if (!o || o.hold) return result('skipped', plain(o?.hold ?? 'Not planned: the case has no Ref.'));
  if (client && parseBool(client.get('Email OK')) === false)
    return result('skipped', 'Email OK is FALSE: call the client instead.');
  if (o.to.trim() === '') return result('skipped', 'No email address on the Clients tab: call the client instead.');
  if (!isValidEmail(o.to.trim()))
    return result('skipped', `The email address "${o.to}" is not valid: correct it on the Clients tab.`);
  const others = o.refs.filter((r) => r !== ref);
  return result('to send', others.length ? `One email to the household, with ${others.join(', ')}.` : '');
}
