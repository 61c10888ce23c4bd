/** The shapes the email engine takes and returns (see engine.ts for the contract). */
import type { Fields } from '../../../core/templates';
import type { TemplateKey } from '../../../core/schema';
import type { Table } from '../../../table/table';
import type { AuditLog } from '../../../table/audit';

export type { Fields };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Outgoing {
  /** Which template (Templates tab row, falling back to DEFAULT_TEMPLATES). */
  key: TemplateKey;
  /** One recipient address. */
  to: string;
  /** The cases this email is recorded on ([] for staff emails not about one case, e.g. the digest). */
  refs: string[];
  /** Values for the placeholders, as the sheet displays them (see caseFields). */
  fields: Fields;
  /** One identity for the whole email instead of one per case (the digest: `STAFF_DIGEST:2026-11-26:${to}`). */
  ledgerKey?: string;
  /** The planner's reason not to send this one (e.g. the client is missing from Clients): the cases are flagged with it. */
  hold?: string;
}

export interface SendReport {
  /** Cases notified (a household email naming 3 cases counts 3); in a dry run, cases that would be. */
  sent: number;
  /** Emails actually sent (or, in a dry run, that would be). */
  emails: number;
  /** Cases already sent before (ledger), unconfirmed, or held: Email OK FALSE, no address (flagged). */
  skipped: number;
  /** Cases whose email failed: bad address, empty required field, MailApp error (flagged; the batch went on). */
  failed: number;
  /** Cases not attempted: the quota or the time ran out; a continuation picks them up. */
  remaining: number;
  /** The daily email quota left now (a dry run sends nothing, so it spends none). */
  quotaLeft: number;
  flagged: { ref: string; reason: string }[];
  /** Cases whose earlier send was interrupted: check the mail log before resending (never resent automatically). */
  unconfirmed: string[];
  dryRun: boolean;
  /** A continuation trigger was left to pick up `remaining`. */
  continuing: boolean;
  /** Why the batch stopped early, if it did: the quota, the time limit, or the slice the caller asked for (maxEmails). */
  stopped: 'quota' | 'time' | 'slice' | null;
  /** Cases recorded as sent by this run. */
  sentRefs: string[];
  /** Where a test email went (nothing recorded), else ''. */
  testTo: string;
}

export interface SendOptions {
  /** Render and report everything, send nothing, write nothing. Settings 'Dry Run' TRUE does the same. */
  dryRun?: boolean;
  /** Send the first sendable email to this address only, subject prefixed '[TEST] ', record nothing. */
  testTo?: string;
  /**
   * Send at most this many emails, then stop with `stopped: 'slice'` (the sidebar sends a long batch in
   * slices, showing the progress between them). The job stays pending, so if the sidebar goes away
   * the continuation finishes it.
   */
  maxEmails?: number;
  /** The registered job this batch belongs to, so a continuation can re-plan it. */
  job?: { kind: string; params: JsonValue };
  /** The caller's Reassignments table, if it holds one open: flags go into it (and it is committed). */
  cases?: Table;
  /** The caller's Log, if it holds one open: the engine's Log rows go into it (the caller commits). */
  log?: AuditLog;
}
