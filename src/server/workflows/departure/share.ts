/**
 * Step 2: the therapist's own sheet of their open cases, shared with them as
 * editor. Sharing again reuses the file and adds only the cases that are not
 * on it yet (new clients, rows deleted by mistake); what the therapist typed
 * is never overwritten.
 */
import type { Env } from '../../services/context';
import { cadenceSettingsFrom, preferenceDueDate } from '../../core/cadence';
import { Civil, toCivil } from '../../core/dates';
import { isTerminal } from '../../core/schema';
import { isValidEmail, normalizeHeader, plural } from '../../core/text';
import { Row } from '../../table/table';
import { DepartureBook } from './hub';
import { SheetColumn, sheetInstructions, snapshotOf, transitionSheetTitle } from './plan';
import {
  appendToTransitionSheet,
  applySheetRules,
  createTransitionSheet,
  layOutTransitionSheet,
  openTransitionSheet,
  readTransitionSheet,
} from './sheetFile';

export interface ShareResult {
  url: string;
  /** Cases added to the sheet by this run. */
  added: number;
  /** The file was created by this run (false: an existing one was reused). */
  created: boolean;
  warnings: string[];
  message: string;
}

export function shareDepartureSheet(env: Env, departureId: string): ShareResult {
  const book = new DepartureBook(env);
  const departure = book.departure(departureId);
  const id = departure.text('Departure ID');
  const name = departure.text('Clinician');
  if (normalizeHeader(departure.text('Status')) === 'complete') {
    throw new Error(`${id} is Complete: every case is closed, so there is nothing to share. Nothing was changed.`);
  }
  const email = book.therapistEmail(departure);
  if (!isValidEmail(email)) {
    throw new Error(
      `${id} has no valid therapist Email ("${email}") on the Departures tab, so the sheet cannot be shared. Fix the Email there (or on the Clinicians tab). Nothing was changed.`,
    );
  }
  const state = book.sheetOf(departure);
  if (state.revokedAt) {
    const on = toCivil(new Date(state.revokedAt), env.ctx.timeZone);
    throw new Error(
      `${name}'s access to the transition sheet was removed on ${on} (after the last day); sharing again would give it back. Nothing was changed.`,
    );
  }

  const open = book.casesOf(id).filter((c) => !isTerminal(c.text('Status')));
  const names = recommendableClinicians(book, departure);
  const warnings: string[] = [];
  if (names.length === 0)
    warnings.push(
      'No clinician is Active and accepting new clients, so Recommended Clinician has no dropdown yet; share again once one is.',
    );

  const lastDay = departure.date('Last Day');
  let url = state.url;
  let created = false;
  let file;
  if (url || state.fileId) {
    file = openTransitionSheet(url, state.fileId);
  } else {
    file = createTransitionSheet(transitionSheetTitle(name, lastDay), open.length);
    url = file.getUrl();
    // Remembered at once: a run cut short after this reuses the file instead of making another.
    book.store.setState(id, { fileId: file.getId(), url });
    book.store.commit();
    created = true;
  }
  url = url || file.getUrl();
  const sheet =
    readTransitionSheet(file) ??
    layOutTransitionSheet(file, sheetInstructions(name, lastDay, preferenceDeadline(env, lastDay)));

  const onSheet = new Set(sheet.rows.map((r) => r.values.Ref.trim().toUpperCase()));
  const toAdd = open.filter((c) => !onSheet.has(c.text('Ref').toUpperCase()));
  const clients = book.clients.indexBy('Client ID');
  const rows = toAdd.map((c) => sheetRowFor(c, clients.get(c.text('Client ID'))));
  appendToTransitionSheet(sheet, rows);
  file.addEditor(email);
  applySheetRules(sheet, names);

  const snapshot = book.store.snapshot(id);
  for (const r of rows) snapshot.set(r.Ref.toUpperCase(), snapshotOf(r));
  book.store.setSnapshot(id, snapshot);
  book.store.setState(id, { fileId: file.getId(), url });
  departure.set('Transition Sheet URL', url);

  const message = `${id}: ${created ? 'created' : 'updated'} ${name}'s transition sheet with ${plural(toAdd.length, 'new case')} (${plural(sheet.rows.length + toAdd.length, 'case')} in all) and shared it with ${email}.`;
  book.log.add('Share departure sheet', id, message);
  for (const w of warnings) book.log.add('Departure warning', id, w);
  book.commit();
  return { url, added: toAdd.length, created, warnings, message };
}

function sheetRowFor(c: Row, client: Row | undefined): Record<SheetColumn, string> {
  return {
    Ref: c.text('Ref'),
    'Client Name': c.text('Client Name'),
    Email: client?.text('Email') ?? '',
    Phone: client?.text('Phone') ?? '',
    Preference: c.text('Preference'),
    'Recommended Clinician': c.text('Recommended Clinician'),
    Notes: c.text('Notes'),
  };
}

/** Names for the Recommended Clinician dropdown: Active, accepting new clients, not the departing therapist. */
export function recommendableClinicians(book: DepartureBook, departure: Row, acceptingOnly = true): string[] {
  const departing = book.clinicianOf(departure);
  return book.clinicians.rows
    .filter((r) => r !== departing && normalizeHeader(r.text('Status')) === 'active' && r.text('Name') !== '')
    .filter((r) => !acceptingOnly || r.bool('Accepting New Clients') === true)
    .map((r) => r.text('Name'))
    .sort((a, b) => a.localeCompare(b));
}

function preferenceDeadline(env: Env, lastDay: Civil | null): Civil | null {
  if (!lastDay) return null;
  return preferenceDueDate(lastDay, cadenceSettingsFrom(env.settings.all(), env.ctx.timeZone).settings);
}
