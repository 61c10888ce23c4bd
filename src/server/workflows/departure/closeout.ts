/**
 * Step 8 and the end of access: a departure whose cases are all closed is
 * Complete; after the last day the clinician is Left; and the first nightly
 * run on or after the last day plus Therapist Access Days takes the
 * therapist off their transition sheet, once.
 */
import type { Env } from '../../services/context';
import { addDays } from '../../core/dates';
import { isTerminal } from '../../core/schema';
import { normalizeHeader, plural } from '../../core/text';
import { BookOptions, DepartureBook, filled } from './hub';
import { openTransitionSheet } from './sheetFile';

export interface CloseOutResult {
  /** Departures that became Complete. */
  completed: string[];
  /** Clinicians who became Left. */
  left: string[];
}

/** Keeps each departure's counts current and closes what is finished, on tables already read. */
export function closeOut(book: DepartureBook): CloseOutResult {
  const result: CloseOutResult = { completed: [], left: [] };
  for (const departure of book.departures.rows) {
    const id = departure.text('Departure ID');
    if (id === '') continue;
    const complete = normalizeHeader(departure.text('Status')) === 'complete';
    if (!complete) {
      const cases = book.casesOf(id);
      const open = cases.filter((c) => !isTerminal(c.text('Status'))).length;
      departure.set('Open', open);
      departure.set('Notices Sent', cases.filter((c) => filled(c, 'Notice Sent')).length);
      if (cases.length > 0 && open === 0) {
        departure.set('Status', 'Complete');
        result.completed.push(id);
        book.log.add(
          'Departure complete',
          id,
          `Every one of the ${plural(cases.length, 'case')} of ${departure.text('Clinician')} is closed.`,
        );
      }
    }
    const lastDay = departure.date('Last Day');
    if (lastDay === null || book.today <= lastDay) continue;
    const clinician = book.clinicianOf(departure);
    if (clinician && normalizeHeader(clinician.text('Status')) === 'departing') {
      clinician.set('Status', 'Left');
      result.left.push(clinician.text('Name'));
      book.log.add(
        'Clinician left',
        id,
        `${clinician.text('Name')}'s last day was ${lastDay}; marked Left on the Clinicians tab.`,
      );
    }
  }
  return result;
}

/** For the nightly run and the sidebar: close out finished departures. */
export function closeOutDepartures(env: Env, opts: BookOptions = {}): CloseOutResult {
  const book = new DepartureBook(env, opts);
  const result = closeOut(book);
  book.commit();
  return result;
}

export interface RevokeResult {
  /** Departures whose therapist lost access to the transition sheet in this run. */
  revoked: string[];
  failed: { departureId: string; message: string }[];
}

/**
 * Removes each departed therapist from their transition sheet once, on the
 * first run on or after the last day plus Therapist Access Days. A failure is
 * logged and tried again on the next run.
 */
export function revokeTherapistAccess(env: Env, opts: BookOptions = {}): RevokeResult {
  const book = new DepartureBook(env, opts);
  const result: RevokeResult = { revoked: [], failed: [] };
  const accessDays = env.settings.count('Therapist Access Days');
  for (const departure of book.departures.rows) {
    const id = departure.text('Departure ID');
    const lastDay = departure.date('Last Day');
    if (id === '' || lastDay === null || book.today < addDays(lastDay, accessDays)) continue;
    const sheet = book.sheetOf(departure);
    if (sheet.revokedAt || (sheet.url === '' && sheet.fileId === '')) continue;
    const email = book.therapistEmail(departure);
    try {
      if (email === '') throw new Error('the departure has no therapist Email');
      const file = openTransitionSheet(sheet.url, sheet.fileId);
      file.removeEditor(email);
    } catch (e) {
      const message = `Could not remove ${email || 'the therapist'} from the transition sheet: ${(e as Error).message}. Check its sharing by hand; this is tried again on the next nightly run.`;
      result.failed.push({ departureId: id, message });
      book.log.add('Therapist access not removed', id, message);
      continue;
    }
    // Saved at once: the removal itself cannot be undone by a run cut short.
    book.store.setState(id, { revokedAt: env.ctx.now.toISOString() });
    book.store.commit();
    result.revoked.push(id);
    book.log.add(
      'Therapist access removed',
      id,
      `${email} removed from the transition sheet (last day ${lastDay} + ${plural(accessDays, 'day')}).`,
    );
  }
  book.commit();
  return result;
}
