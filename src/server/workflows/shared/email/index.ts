/**
 * The email engine: templates, preview, and sending that never sends twice
 * and never loses track. Every workflow that emails goes through here.
 *
 * How to send (inside a writing action, which holds the document lock):
 *   const report = sendEmails(env, [{ key: 'CONTACT_FOLLOWUP', to, refs: [ref], fields: caseFields(env, caseRow, client) }]);
 *
 * Decisions other engineers rely on:
 * - "Never twice" is per (template key, case Ref): the default identity of an
 *   email is one ledger key per case, `${key}:${ref}` (for a one-case email
 *   that is `${key}:${refs.join('+')}`); a household email naming three cases
 *   writes three keys, so a member is never notified again if the household
 *   changes. `ledgerKey` replaces them with one key for the whole email (the
 *   digest: `STAFF_DIGEST:2026-11-26:${to}`). An email with no refs and no
 *   ledgerKey is keyed `${key}:${to}`.
 * - The ledger is the hub tab 'Email Ledger' (Timestamp, Ledger Key, Ref,
 *   Template, To, State, Detail), created on first use. It is append-only: a
 *   key's state is its last row. 'sending' is flushed before MailApp is called;
 *   a key still 'sending' when a later run reads it was interrupted and becomes
 *   'unconfirmed' (Flag + Log row), never resent until resolveUnconfirmed.
 *   'failed' means not sent: it may be sent again by a later run.
 * - The engine writes the ledger, the Flag column and its Log rows. The calling
 *   workflow stamps its own case columns (Notice Sent, Follow-up Email,
 *   Clinicians Notified…) FROM THE REPORT (`sentRefs`), or — for a job that may
 *   finish in a continuation — in its registered recorder, reading the ledger
 *   (ledgerStates / ledgerEntry), which also covers sends a killed run made.
 * - Skips (never sent, flagged): `hold` set by the planner; a client-facing key
 *   whose fields say Email OK FALSE; no address. Failures (flagged, the batch
 *   goes on): a bad address, an empty required field, a MailApp error. An
 *   unknown placeholder or a blank template stops the whole batch before any
 *   email goes out (TemplateError / Error naming the key).
 * - Quota: one unit per email (one recipient); a batch sends what fits and
 *   reports `remaining`. Time: no new send after 4.5 minutes of the execution.
 *   A stopped batch with `opts.job` leaves ONE continuation trigger
 *   ('continueSending': in a minute for time, after the daily reset for quota)
 *   that re-plans the job from the sheet + ledger. A job is also recorded as
 *   pending before its first send, so a killed run is picked up too.
 * - Pass `opts.cases` / `opts.log` if you hold the Reassignments table or an
 *   AuditLog open, so the engine's flags and Log rows go into yours (two open
 *   AuditLogs would append over each other).
 *
 * Additions to the published interface: Outgoing.hold; SendReport.stopped,
 * sentRefs, testTo; registerJob's optional recorder; runJob; registerPreview;
 * onResolved; ledgerEntry; unconfirmedEmails; resolveUnconfirmed; getSendProgress.
 */
import type { Env } from '../../../services/context';
import { Ledger, type LedgerEntry, type LedgerState } from './ledger';
import { readProgress, type SendProgress } from './progress';

export type { Outgoing, SendReport, SendOptions, JsonValue, Fields } from './types';
export { sendEmails } from './sender';
export {
  previewOutgoing,
  previewEmail,
  sendTestEmail,
  registerPreview,
  type Preview,
  type PreviewBuilder,
} from './preview';
export { caseFields, householdFields, displayText } from './fields';
export { registerJob, runJob, continuePendingSends, type Planner, type Recorder, type ContinueResult } from './jobs';
export { resolveUnconfirmed, onResolved, type Resolution } from './resolve';
export { LEDGER_TAB, LEDGER_HEADERS, caseKey, type LedgerState, type LedgerEntry } from './ledger';
export type { SendProgress } from './progress';

/** Every ledger key's current state (read once per execution). */
export function ledgerStates(env: Env): Map<string, LedgerState> {
  return Ledger.of(env).states();
}

/** One key's last ledger row (state, time, recipient), e.g. to stamp Notice Sent with the day it went. */
export function ledgerEntry(env: Env, key: string): LedgerEntry | undefined {
  return Ledger.of(env).entry(key);
}

/** Emails left unconfirmed (or still 'sending' from a run that stopped), for the digest and the Flag column. */
export function unconfirmedEmails(env: Env): LedgerEntry[] {
  return Ledger.of(env)
    .entries()
    .filter((e) => e.state === 'unconfirmed' || e.state === 'sending');
}

/** What the sidebar shows while a batch runs. */
export function getSendProgress(env: Env): SendProgress {
  return readProgress(env);
}
