/**
 * Step 5, contacting clients (SPEC.md workflow 5): the CSR's log of calls,
 * the follow-up email and text, reaching the client, and notes. Each action
 * writes its own column, the Status (forward only), Last Updated/Updated By,
 * the case's Next Action/Due/Flag, one Interaction Notes row and one Log row,
 * in one batch; a refused action writes nothing.
 */
import type { Env } from '../../services/context';
import { formatCivil, toCivil } from '../../core/dates';
import { isTerminal } from '../../core/schema';
import { isValidEmail } from '../../core/text';
import { Row } from '../../table/table';
import { CaseDesk } from '../shared/caseDesk';
import {
  advanceStatus,
  attemptText,
  callColumn,
  ContactInput,
  NOTE_CHANNEL,
  parseContactInput,
  parseNote,
} from '../../core/contactPlan';
import { caseKey, ledgerEntry } from '../shared/email';
import { channelAllowed } from '../shared/caseFacts';

export { getCaseView, getSelectedCase } from './view';
export type { CaseView, SelectedCase } from './view';

export interface ContactResult {
  ref: string;
  /** The case's Status after the action. */
  status: string;
  /** The column this action filled, or null (a third call; an email that did not go). */
  stamped: string | null;
  /** Email channel: the follow-up email went out (or had gone out before and is now recorded). */
  sent: boolean;
  /** Dry Run is on: the email was only rendered, and nothing was recorded. */
  dryRun: boolean;
  nextAction: string;
  /** 'YYYY-MM-DD' or null. */
  due: string | null;
  /** One sentence for the CSR. */
  message: string;
}

const filled = (row: Row, header: string): boolean => row.text(header) !== '';

/** logContact(ref, {channel, outcome, note?}). */
export function logContact(env: Env, ref: unknown, input: unknown): ContactResult {
  const { ref: r, input: req } = parseContactInput(ref, input);
  const desk = new CaseDesk(env);
  const row = desk.caseRow(r);
  const status = desk.status(row);
  if (isTerminal(status)) {
    throw new Error(
      `${r} is closed (${status}), so no contact can be logged on it. Add an interaction note instead; nothing was changed.`,
    );
  }
  if (req.outcome === 'reached' && req.channel !== 'call') {
    // The client answered the email or text: reached, and no call or follow-up column to fill.
    const stamp = filled(row, 'Reached') ? null : 'Reached';
    if (stamp) row.setDate(stamp, env.ctx.today);
    return record(desk, row, req, status, 'Reached', stamp, attemptText(req.channel, req.outcome, null), {
      sent: false,
      dryRun: false,
    });
  }
  if (req.channel === 'email') return sendFollowupEmail(desk, row, req);
  if (req.channel === 'text') checkTextable(desk, row);

  let stamped: string | null;
  if (req.channel === 'call') {
    stamped = callColumn(filled(row, 'Call 1'), filled(row, 'Call 2'));
  } else {
    stamped = filled(row, 'Follow-up Text') ? null : 'Follow-up Text';
  }
  if (stamped) row.setDate(stamped, env.ctx.today);
  const reached = req.channel === 'call' && req.outcome === 'reached';
  if (reached && !filled(row, 'Reached')) row.setDate('Reached', env.ctx.today);
  const attempt =
    req.channel === 'text' && !stamped
      ? 'Another follow-up text message sent from the practice phone'
      : attemptText(req.channel, req.outcome, stamped);
  return record(desk, row, req, status, reached ? 'Reached' : 'Contacting', stamped, attempt, {
    sent: false,
    dryRun: false,
  });
}

/** Writes the status, stamps, next action, note and Log row of a contact, and says what happened. */
function record(
  desk: CaseDesk,
  row: Row,
  req: ContactInput,
  before: string,
  target: 'Contacting' | 'Reached',
  stamped: string | null,
  attempt: string,
  email: { sent: boolean; dryRun: boolean },
): ContactResult {
  const after = advanceStatus(before, target);
  row.set('Status', after);
  desk.stamp(row);
  const next = desk.refreshNextAction(row);
  desk.note(row, NOTE_CHANNEL[req.channel], req.note ? `${attempt}. ${req.note}` : `${attempt}.`);
  const moved = after !== before ? `; Status ${before || '(blank)'} → ${after}` : '';
  desk.log.add('Log contact', row.text('Ref'), `${attempt}${moved}.`);
  desk.commit();
  const ref = row.text('Ref');
  return {
    ref,
    status: after,
    stamped,
    sent: email.sent,
    dryRun: email.dryRun,
    nextAction: next.nextAction,
    due: next.due,
    message: `${ref}: ${attempt}.${next.nextAction ? ` Next: ${next.nextAction}${next.due ? ` (due ${formatCivil(next.due)})` : ''}.` : ''}`,
  };
}

function checkTextable(desk: CaseDesk, row: Row): void {
  const ref = row.text('Ref');
  const client = desk.client(row);
  if (!client) {
    throw new Error(
      `${ref}: client ${row.text('Client ID') || '(blank ID)'} is not on the Clients tab, so there is no phone number to text. Fix the Client ID; nothing was changed.`,
    );
  }
  if (!channelAllowed(client, 'Text OK')) {
    throw new Error(
      `${ref}: Text OK is FALSE for client ${row.text('Client ID')}, so they must not be texted. Call them instead; nothing was changed.`,
    );
  }
  if (client.text('Phone') === '') {
    throw new Error(
      `${ref}: client ${row.text('Client ID')} has no Phone on the Clients tab, so no text could have been sent. Nothing was changed.`,
    );
  }
}

/** The follow-up email: sent through the engine (never twice), stamped only once it has gone. */
function sendFollowupEmail(desk: CaseDesk, row: Row, req: ContactInput): ContactResult {
  const { env } = desk;
  const ref = row.text('Ref');
  const status = desk.status(row);
  const client = desk.client(row);
  const to = client?.text('Email') ?? '';
  if (!client) {
    throw new Error(
      `${ref}: client ${row.text('Client ID') || '(blank ID)'} is not on the Clients tab, so there is no address to email. Fix the Client ID; nothing was sent.`,
    );
  }
  if (!channelAllowed(client, 'Email OK')) {
    throw new Error(
      `${ref}: Email OK is FALSE for client ${row.text('Client ID')}, so they are never emailed. Call or text instead; nothing was sent.`,
    );
  }
  if (!isValidEmail(to)) {
    throw new Error(
      to === ''
        ? `${ref}: client ${row.text('Client ID')} has no Email on the Clients tab, so the follow-up email cannot be sent. Call or text instead; nothing was sent.`
        : `${ref}: the Email of client ${row.text('Client ID')} on the Clients tab, "${to}", is not a valid address. Correct it there, or call or text instead; nothing was sent.`,
    );
  }
  if (filled(row, 'Follow-up Email')) {
    throw new Error(
      `${ref}: the follow-up email was already sent on ${row.text('Follow-up Email')}; it is never sent twice. Nothing was changed.`,
    );
  }

  const entry = ledgerEntry(env, caseKey('CONTACT_FOLLOWUP', ref));
  if (entry && (entry.state === 'sending' || entry.state === 'unconfirmed')) {
    throw new Error(
      `${ref}: an earlier follow-up email is unconfirmed (the run stopped while sending it). Check the Sent mail and ask a transition manager to settle it (Settle unconfirmed email) before sending again; nothing was sent.`,
    );
  }
  if (entry?.state === 'sent') {
    // It went out in a run that stopped before stamping the case: record it, never send it again.
    row.setDate('Follow-up Email', entry.at ? toCivil(entry.at, env.ctx.timeZone) : env.ctx.today);
    return record(
      desk,
      row,
      req,
      status,
      'Contacting',
      'Follow-up Email',
      'Follow-up email sent (recorded from the email ledger; not sent again)',
      { sent: true, dryRun: false },
    );
  }

  const email = desk.sendClientEmail(row, client, 'CONTACT_FOLLOWUP', 'the follow-up email', 'Nothing was sent.');
  if (email.dryRun) {
    desk.log.commit(); // only what the engine itself logged
    return {
      ref,
      status,
      stamped: null,
      sent: false,
      dryRun: true,
      nextAction: row.text('Next Action'),
      due: row.date('Due'),
      message: `${ref}: Dry Run is on (Settings), so the follow-up email was rendered but not sent, and nothing was recorded.`,
    };
  }
  if (email.sent) {
    row.setDate('Follow-up Email', env.ctx.today);
    return record(
      desk,
      row,
      req,
      status,
      'Contacting',
      'Follow-up Email',
      attemptText('email', 'sent', 'Follow-up Email'),
      { sent: true, dryRun: false },
    );
  }
  if (email.quota) {
    desk.log.commit();
    throw new Error(
      `${ref}: today's email quota is used up, so the follow-up email was not sent. Try again tomorrow, or call or text instead; nothing was recorded on the case.`,
    );
  }
  return notSent(desk, row, req, email.why);
}

/** The email failed (flagged by the engine): the attempt is noted, nothing is stamped, the status stays. */
function notSent(desk: CaseDesk, row: Row, req: ContactInput, why: string): ContactResult {
  const ref = row.text('Ref');
  const status = desk.status(row);
  desk.stamp(row);
  const next = desk.refreshNextAction(row);
  const attempt = `Follow-up email NOT sent: ${why}`;
  desk.note(row, NOTE_CHANNEL.email, req.note ? `${attempt}. ${req.note}` : `${attempt}.`);
  desk.log.add('Log contact', ref, `${attempt}.`);
  desk.commit();
  return {
    ref,
    status,
    stamped: null,
    sent: false,
    dryRun: false,
    nextAction: next.nextAction,
    due: next.due,
    message: `${ref}: the follow-up email was not sent (${why}). Call or text the client instead.`,
  };
}

export interface NoteResult {
  ref: string;
  message: string;
}

/** addInteractionNote(ref, note): one Interaction Notes row about a case, open or closed. */
export function addInteractionNote(env: Env, ref: unknown, note: unknown): NoteResult {
  const r = typeof ref === 'string' ? ref.trim() : '';
  if (r === '') throw new Error('Choose a case: a note needs its Ref (e.g. R-000123). Nothing was changed.');
  const text = parseNote(note, true);
  const desk = new CaseDesk(env);
  const row = desk.caseRow(r);
  desk.stamp(row);
  if (!isTerminal(desk.status(row))) desk.refreshNextAction(row);
  desk.note(row, NOTE_CHANNEL.note, text);
  desk.log.add('Interaction note', r, `Note added (${text.length} characters).`);
  desk.commit();
  return { ref: r, message: `${r}: note added.` };
}
