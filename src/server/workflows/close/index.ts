/**
 * Step 7, terminate (SPEC.md workflow 7): closing a case as Services
 * terminated (admin; the client is sent the TERMINATION_NOTICE with the
 * practice's referral resources, so no client is left without options),
 * Referred out or Discharged (admin or CSR; no email). A closed case is never
 * closed again, and nothing is sent for it. Afterwards the departure's
 * close-out runs, so a departure whose last case this was becomes Complete.
 */
import type { Env } from '../../services/context';
import { isTerminal } from '../../core/schema';
import { requireRole } from '../../services/roles';
import { Row } from '../../table/table';
import { CaseDesk } from '../shared/caseDesk';
import {
  CALL_THEN_CLOSE,
  CLOSE_IN_EHR,
  closeOutPending,
  CloseStatus,
  NOT_EMAILED_FLAG,
  parseCloseInput,
  TERMINATED,
} from './plan';
import { NOTE_CHANNEL, parseNote } from '../../core/contactPlan';
import { closeOutDepartures } from '../departure';
import { caseKey, ledgerEntry } from '../shared/email';
import { appendReason, removeReason } from '../shared/email/flags';
import { canEmail, channelAllowed, mergeFlags } from '../shared/caseFacts';

export interface CloseResult {
  ref: string;
  status: CloseStatus;
  /** Services terminated: the TERMINATION_NOTICE went out (now or in an earlier, interrupted run). */
  emailed: boolean;
  /** Services terminated and not emailed: call the client with the referral resources. */
  callClient: boolean;
  /** Dry Run is on: the notice was only rendered and nothing was changed. */
  dryRun: boolean;
  /** What the admin still has to do, one sentence each. */
  reminders: string[];
  /** Departures this close completed. */
  departuresCompleted: string[];
  message: string;
}

/** closeCase(ref, {status, note?}). */
export function closeCase(env: Env, ref: unknown, input: unknown): CloseResult {
  const { ref: r, input: req } = parseCloseInput(ref, input);
  if (req.status === TERMINATED)
    requireRole(env.ctx.user, env.settings, 'admin', 'Close a case as Services terminated');
  const desk = new CaseDesk(env);
  const row = desk.caseRow(r);
  const before = desk.status(row);
  if (isTerminal(before)) {
    throw new Error(`${r} is already closed (${before}), so it cannot be closed again. Nothing was sent or changed.`);
  }

  let notice: Notice = { emailed: false, why: '', dryRun: false };
  if (req.status === TERMINATED) {
    notice = sendTerminationNotice(desk, row);
    if (notice.dryRun) {
      desk.log.commit();
      return {
        ref: r,
        status: req.status,
        emailed: false,
        callClient: false,
        dryRun: true,
        reminders: [],
        departuresCompleted: [],
        message: `${r}: Dry Run is on (Settings), so the termination notice was rendered but not sent, and the case was not closed.`,
      };
    }
  }

  row.set('Status', req.status);
  desk.stamp(row);
  const flag = mergeFlags([], row.text('Flag'));
  const reminders: string[] = [];
  const clientId = row.text('Client ID');
  if (req.status === TERMINATED) {
    const call = !notice.emailed;
    row.set('Next Action', call ? CALL_THEN_CLOSE : CLOSE_IN_EHR);
    row.setDate('Due', env.ctx.today);
    row.set('Flag', call ? appendReason(flag, NOT_EMAILED_FLAG) : flag);
    if (call)
      reminders.push(
        `Call the client (${clientId}) and give them the referral resources: the termination notice was not emailed (${notice.why}).`,
      );
    reminders.push(`Close client ${clientId} in TherapyNotes, then mark it done in the Case panel.`);
  } else {
    row.set('Next Action', '');
    row.setDate('Due', null);
    row.set('Flag', flag);
  }

  const what =
    req.status === TERMINATED
      ? `Closed as ${TERMINATED}; ${notice.emailed ? 'termination notice with referral resources emailed' : `termination notice NOT emailed (${notice.why}): call the client`}`
      : `Closed as ${req.status}`;
  desk.note(row, NOTE_CHANNEL.close, req.note ? `${what}. ${req.note}` : `${what}.`);
  desk.log.add('Close case', r, `${what}; Status ${before || '(blank)'} → ${req.status}.`);
  desk.commit();

  const departuresCompleted = closeOutDepartures(env).completed;
  return {
    ref: r,
    status: req.status,
    emailed: notice.emailed,
    callClient: req.status === TERMINATED && !notice.emailed,
    dryRun: false,
    reminders,
    departuresCompleted,
    message: [`${r} closed as ${req.status}.`, ...reminders, departureCompleteNote(departuresCompleted)]
      .filter((x) => x)
      .join(' '),
  };
}

interface Notice {
  emailed: boolean;
  why: string;
  dryRun: boolean;
}

/**
 * The TERMINATION_NOTICE through the email engine. A client who cannot be
 * emailed is not a reason to keep the case open: the result and the case say
 * to call them. A problem with the text itself (no referral resources, a
 * broken template) refuses the close, so no client is closed without options.
 */
function sendTerminationNotice(desk: CaseDesk, row: Row): Notice {
  const { env } = desk;
  const ref = row.text('Ref');
  if (env.settings.text('Referral Resources') === '') {
    throw new Error(
      `Settings ▸ Referral Resources is empty, and the termination notice must give ${ref}'s client somewhere to turn. Fill it in, then close the case; nothing was sent or changed.`,
    );
  }
  const entry = ledgerEntry(env, caseKey('TERMINATION_NOTICE', ref));
  if (entry?.state === 'sent') return { emailed: true, why: '', dryRun: false };
  if (entry && (entry.state === 'sending' || entry.state === 'unconfirmed')) {
    throw new Error(
      `${ref}: an earlier termination notice is unconfirmed (the run stopped while sending it). Check the Sent mail and settle it (Settle unconfirmed email), then close the case; nothing was sent or changed.`,
    );
  }
  const client = desk.client(row);
  if (!client)
    return {
      emailed: false,
      why: `client ${row.text('Client ID') || '(blank ID)'} is not on the Clients tab`,
      dryRun: false,
    };
  if (!channelAllowed(client, 'Email OK')) return { emailed: false, why: 'Email OK is FALSE', dryRun: false };
  if (!canEmail(client))
    return {
      emailed: false,
      why: client.text('Email') ? `"${client.text('Email')}" is not a valid address` : 'no email address',
      dryRun: false,
    };

  const email = desk.sendClientEmail(
    row,
    client,
    'TERMINATION_NOTICE',
    'the termination notice',
    'Nothing was sent or changed.',
  );
  if (email.dryRun) return { emailed: false, why: '', dryRun: true };
  if (email.sent) return { emailed: true, why: '', dryRun: false };
  return { emailed: false, why: email.quota ? "today's email quota is used up" : email.why, dryRun: false };
}

export interface CloseOutDone {
  ref: string;
  message: string;
}

/** markClosedInTherapyNotes(ref): the admin has closed a terminated case in TherapyNotes (and called the client if asked). */
export function markClosedInTherapyNotes(env: Env, ref: unknown, note?: unknown): CloseOutDone {
  const r = typeof ref === 'string' ? ref.trim() : '';
  if (r === '') throw new Error('Choose a case: this needs its Ref (e.g. R-000123). Nothing was changed.');
  const text = parseNote(note);
  const desk = new CaseDesk(env);
  const row = desk.caseRow(r);
  if (!closeOutPending(row)) {
    throw new Error(
      `${r} has nothing left to close in TherapyNotes (it is ${desk.status(row) || 'not closed'}${desk.status(row) === TERMINATED ? ' and already marked done' : ''}). Nothing was changed.`,
    );
  }
  const called = row.text('Next Action') === CALL_THEN_CLOSE;
  row.set('Next Action', '');
  row.setDate('Due', null);
  row.set('Flag', removeReason(row.text('Flag'), NOT_EMAILED_FLAG));
  desk.stamp(row);
  const what = called
    ? 'Client called with the referral resources; case closed in TherapyNotes'
    : 'Case closed in TherapyNotes';
  desk.note(row, NOTE_CHANNEL.close, text ? `${what}. ${text}` : `${what}.`);
  desk.log.add('Closed in TherapyNotes', r, `${what}.`);
  desk.commit();
  return { ref: r, message: `${r}: ${what}.` };
}

/** The close-out moment, said where the last case was closed rather than found later on the Departures tab. */
export function departureCompleteNote(completed: string[]): string {
  if (completed.length === 0) return '';
  return `That was the last open case of ${completed.join(', ')}: the departure is complete (its summary is on the Departures panel).`;
}
