/**
 * "Client-Initiated Reassignment": a client asks for a new clinician. Opens
 * the case in the tracker (Source Client request, Status New) with the
 * reason, and keeps what the client is looking for in the Interaction Notes,
 * never in the Log. One open case per client: a second request points at the
 * first.
 */
import type { Env } from '../../services/context';
import { civilToDate } from '../../core/dates';
import { formatRef, nextRefNumber } from '../../core/refs';
import { REASON, type Reason } from '../../core/schema';
import { normalizeHeader } from '../../core/text';
import { clientNameOf } from '../departure/plan';
import { RequestBook } from './book';

export const REQUEST_SOURCE = 'Client request';
/** The clarifying question of the process, shown to the CSR as a prompt. */
export const CLARIFYING_QUESTION =
  "Can you tell me more about what you're looking for in a therapist or a different approach?";
/** What the client said is a note, not an essay: the cell and the sidebar stay usable. */
export const MAX_DETAILS = 5000;

export interface RequestInput {
  clientId: string;
  reason: string;
  details?: string;
}
export interface RequestResult {
  ref: string;
  clientId: string;
  clientName: string;
  previousClinician: string;
  warnings: string[];
}

/** The reason in its vocabulary spelling, or an error listing the reasons. */
export function reasonOf(value: unknown): Reason {
  const wanted = normalizeHeader(String(value ?? ''));
  const found = REASON.find((r) => normalizeHeader(r) === wanted);
  if (!found) {
    const shown = String(value ?? '').trim();
    throw new Error(
      `${shown ? `"${shown}" is not a reason for reassignment` : 'Choose the reason for reassignment'}: use one of ${REASON.join(', ')}. Nothing was changed.`,
    );
  }
  return found;
}

export function detailsOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error('What the client is looking for must be text. Nothing was changed.');
  const details = value.trim();
  if (details.length > MAX_DETAILS) {
    throw new Error(
      `What the client is looking for is ${details.length} characters long; keep it under ${MAX_DETAILS} (a summary, not a transcript). Nothing was changed.`,
    );
  }
  return details;
}

export function requestReassignment(env: Env, input: RequestInput): RequestResult {
  if (!input || typeof input !== 'object')
    throw new Error('Give the client (clientId) and the reason. Nothing was changed.');
  const reason = reasonOf(input.reason);
  const details = detailsOf(input.details);
  const book = new RequestBook(env);
  const { ctx } = env;
  const client = book.client(input.clientId);
  const clientId = client.text('Client ID');
  const open = book.openCaseOf(clientId);
  if (open) {
    throw new Error(
      `Client ${clientId} already has an open case ${open.text('Ref')} (${open.text('Source') || 'no source'}, Status ${open.text('Status') || 'blank'}). Complete that case instead; nothing was changed.`,
    );
  }
  // Every read before the first write.
  void book.notes;
  void book.log;

  const clientName = clientNameOf(client);
  const previousClinician = client.text('Clinician');
  const ref = formatRef(nextRefNumber(book.cases.rows.map((r) => r.text('Ref'))));
  book.cases.append({
    Ref: ref,
    Opened: civilToDate(ctx.today, ctx.timeZone),
    Source: REQUEST_SOURCE,
    'Client ID': clientId,
    'Client Name': clientName,
    'Previous Clinician': previousClinician,
    Reason: reason,
    Status: 'New',
    'Last Updated': ctx.now,
    'Updated By': ctx.user,
  });
  if (details) book.addNote(ref, clientId, REQUEST_SOURCE, details);
  book.log.add(
    'Reassignment requested',
    ref,
    `Client ${clientId} asked for a new clinician (${reason}); current clinician ${previousClinician || '(none)'}.`,
  );

  const warnings: string[] = [];
  const status = client.text('Status');
  if (normalizeHeader(status) !== 'active')
    warnings.push(`Client ${clientId} is ${status || 'not marked Active'} on the Clients tab.`);
  if (previousClinician === '') warnings.push(`Client ${clientId} has no Clinician on the Clients tab.`);
  book.commit();
  return { ref, clientId, clientName, previousClinician, warnings };
}
