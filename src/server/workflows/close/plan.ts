/**
 * Closing a case without a reassignment (SPEC.md workflow 7), as plain rules:
 * which statuses close a case here, who may set them, and the close-out
 * reminder a Services terminated case carries until the admin has closed it
 * in TherapyNotes too.
 */
import { normalizeHeader } from '../../core/text';
import type { Row } from '../../table/table';
import { canonicalStatus, parseNote } from '../../core/contactPlan';

export const CLOSE_STATUSES = ['Services terminated', 'Referred out', 'Discharged'] as const;
export type CloseStatus = (typeof CLOSE_STATUSES)[number];
export const TERMINATED: CloseStatus = 'Services terminated';

/** The Next Action of a terminated case until the admin has closed it in TherapyNotes. */
export const CLOSE_IN_EHR = 'Close the case in TherapyNotes';
/** …and when the termination notice could not be emailed. */
export const CALL_THEN_CLOSE = 'Call the client with the referral resources, then close the case in TherapyNotes';
/** The Flag reason of a terminated client who was not emailed. */
export const NOT_EMAILED_FLAG = 'Termination notice not emailed: call the client with the referral resources';

export interface CloseInput {
  status: CloseStatus;
  note: string;
}

/** The request of closeCase, checked; a clear sentence naming what is wrong otherwise. */
export function parseCloseInput(ref: unknown, input: unknown): { ref: string; input: CloseInput } {
  const r = typeof ref === 'string' ? ref.trim() : '';
  if (r === '') throw new Error('Choose a case: closeCase needs its Ref (e.g. R-000123). Nothing was changed.');
  if (input === null || typeof input !== 'object') {
    throw new Error(
      `closeCase needs {status, note?}: status ${CLOSE_STATUSES.map((s) => `"${s}"`).join(', ')}. Nothing was changed.`,
    );
  }
  const i = input as Record<string, unknown>;
  const typed = typeof i.status === 'string' ? i.status : '';
  const status = canonicalStatus(typed);
  if (status === 'Reassigned') {
    throw new Error(
      `${r} is not closed as Reassigned here: use Complete reassignment, which also sets the client's new clinician and tells everyone. Nothing was changed.`,
    );
  }
  if (!(CLOSE_STATUSES as readonly string[]).includes(status)) {
    throw new Error(
      `"${String(i.status ?? '')}" is not a status that closes a case: use ${CLOSE_STATUSES.map((s) => `"${s}"`).join(', ')}. Nothing was changed.`,
    );
  }
  return { ref: r, input: { status: status as CloseStatus, note: parseNote(i.note) } };
}

/** A Services terminated case whose close-out in TherapyNotes is still to be confirmed. */
export function closeOutPending(row: Row): boolean {
  if (canonicalStatus(row.text('Status')) !== TERMINATED) return false;
  const next = normalizeHeader(row.text('Next Action'));
  return next === normalizeHeader(CLOSE_IN_EHR) || next === normalizeHeader(CALL_THEN_CLOSE);
}
