/**
 * Step 3: the therapist's Preference, Recommended Clinician and Notes come
 * back into the hub by Ref. Only cells the therapist changed since the last
 * sync are copied (a CSR's later edit in the hub stands); a changed Email or
 * Phone is flagged for review, never written over the Clients roster; a
 * value typed past a dropdown is reported, not copied.
 */
import type { Env } from '../../services/context';
import { isTerminal } from '../../core/schema';
import { normalizeHeader, plural } from '../../core/text';
import { Row } from '../../table/table';
import { closeOut } from './closeout';
import { BookOptions, DepartureBook } from './hub';
import { HubCase, InvalidCell, planSync } from './plan';
import { recommendableClinicians } from './share';
import { openTransitionSheet, readTransitionSheet } from './sheetFile';

export interface SyncResult {
  departureId: string;
  /** Cases whose Preference, Recommended Clinician or Notes changed in the hub. */
  updated: number;
  /** Cases flagged for a contact change the therapist proposed. */
  flagged: number;
  invalid: InvalidCell[];
  /** Refs of open cases that are no longer on the sheet: sharing again puts them back. */
  missing: string[];
  /** Open cases never put on the sheet (listed after the last share). */
  notShared: string[];
  /** Sentences for the person who ran it. */
  messages: string[];
}

export function syncDepartureSheet(env: Env, departureId: string): SyncResult {
  const book = new DepartureBook(env);
  const result = syncOne(book, book.departure(departureId));
  closeOut(book);
  book.commit();
  return result;
}

export interface SyncAllResult {
  synced: SyncResult[];
  failed: { departureId: string; message: string }[];
}

/** For the nightly run: every open departure whose sheet the therapist can still edit. One bad file does not stop the others. */
export function syncAllDepartureSheets(env: Env, opts: BookOptions = {}): SyncAllResult {
  const book = new DepartureBook(env, opts);
  const out: SyncAllResult = { synced: [], failed: [] };
  for (const departure of book.departures.rows) {
    const id = departure.text('Departure ID');
    if (id === '' || normalizeHeader(departure.text('Status')) === 'complete') continue;
    const sheet = book.sheetOf(departure);
    if (sheet.revokedAt || (!sheet.url && !sheet.fileId)) continue;
    try {
      out.synced.push(syncOne(book, departure));
    } catch (e) {
      const message = (e as Error).message;
      out.failed.push({ departureId: id, message });
      book.log.add('Sync departure sheet failed', id, message);
    }
  }
  book.commit();
  return out;
}

function syncOne(book: DepartureBook, departure: Row): SyncResult {
  const { ctx } = book;
  const id = departure.text('Departure ID');
  const { url, fileId } = book.sheetOf(departure);
  if (!url && !fileId) {
    throw new Error(`${id} has not been shared with the therapist yet: use Share first. Nothing was changed.`);
  }
  const sheet = readTransitionSheet(openTransitionSheet(url, fileId));
  if (!sheet) {
    throw new Error(
      `The transition sheet of ${id} has lost its header row (Ref, Client Name, Email, Phone, Preference, Recommended Clinician, Notes). Put the header back, or clear the Transition Sheet URL and share again. Nothing was changed.`,
    );
  }
  const therapist = book.therapistEmail(departure) || departure.text('Clinician');

  const clients = book.clients.indexBy('Client ID');
  const rowsByRef = new Map<string, Row>();
  const cases = new Map<string, HubCase>();
  for (const c of book.casesOf(id)) {
    const ref = c.text('Ref').toUpperCase();
    if (ref === '' || rowsByRef.has(ref)) continue;
    const client = clients.get(c.text('Client ID'));
    rowsByRef.set(ref, c);
    cases.set(ref, {
      ref,
      preference: c.text('Preference'),
      recommended: c.text('Recommended Clinician'),
      notes: c.text('Notes'),
      email: client?.text('Email') ?? '',
      phone: client?.text('Phone') ?? '',
    });
  }
  const snapshot = book.store.snapshot(id);
  const openRefs = [...rowsByRef].filter(([, c]) => !isTerminal(c.text('Status'))).map(([ref]) => ref);
  const plan = planSync({
    rows: sheet.rows,
    cases,
    openRefs,
    snapshot,
    clinicianNames: recommendableClinicians(book, departure, false),
  });

  const messages: string[] = [];
  let updated = 0;
  for (const change of plan.changes) {
    const row = rowsByRef.get(change.ref) as Row;
    if (isTerminal(row.text('Status'))) {
      messages.push(`${change.ref} is closed (${row.text('Status')}); the therapist's change was not copied.`);
      continue;
    }
    for (const [header, value] of Object.entries(change.set)) row.set(header, value ?? '');
    touch(row, ctx.now, therapist);
    book.log.add('Therapist sheet sync', change.ref, `From ${departure.text('Clinician')}'s sheet: ${change.details}.`);
    updated++;
  }
  for (const proposal of plan.contacts) {
    const row = rowsByRef.get(proposal.ref) as Row;
    if (isTerminal(row.text('Status'))) continue;
    const flag = row.text('Flag');
    if (!flag.includes(proposal.text)) row.set('Flag', flag ? `${flag}; ${proposal.text}` : proposal.text);
    const notes = row.text('Notes');
    if (!notes.includes(proposal.text)) row.set('Notes', notes ? `${notes}\n${proposal.text}` : proposal.text);
    touch(row, ctx.now, therapist);
    const fields = [proposal.email !== undefined ? 'Email' : '', proposal.phone !== undefined ? 'Phone' : '']
      .filter(Boolean)
      .join(' and ');
    book.log.add(
      'Contact change proposed',
      proposal.ref,
      `${fields} changed in ${departure.text('Clinician')}'s sheet; review it and update the Clients tab if it is right.`,
    );
  }

  const shared = new Set(snapshot.keys());
  const missing = plan.missing.filter((ref) => shared.has(ref));
  const notShared = plan.missing.filter((ref) => !shared.has(ref));
  for (const cell of plan.invalid) messages.push(cell.message);
  if (missing.length)
    messages.push(
      `${plural(missing.length, 'open case')} ${missing.length === 1 ? 'is' : 'are'} no longer on the therapist's sheet (${missing.join(', ')}); share again to put ${missing.length === 1 ? 'it' : 'them'} back. Nothing was lost in the hub.`,
    );
  if (notShared.length)
    messages.push(
      `${plural(notShared.length, 'open case')} ${notShared.length === 1 ? 'has' : 'have'} not been shared yet (${notShared.join(', ')}); share again to add ${notShared.length === 1 ? 'it' : 'them'}.`,
    );
  if (plan.unknown.length)
    messages.push(
      `The sheet lists ${plan.unknown.join(', ')}, which ${plan.unknown.length === 1 ? 'is not a case' : 'are not cases'} of ${id}; ignored.`,
    );
  if (plan.duplicates.length)
    messages.push(
      `${plan.duplicates.join(', ')} appear${plan.duplicates.length === 1 ? 's' : ''} on more than one row; the first row was used.`,
    );
  if (plan.rowsWithoutRef.length)
    messages.push(
      `Row${plan.rowsWithoutRef.length === 1 ? '' : 's'} ${plan.rowsWithoutRef.join(', ')} of the sheet ${plan.rowsWithoutRef.length === 1 ? 'has' : 'have'} no Ref and ${plan.rowsWithoutRef.length === 1 ? 'was' : 'were'} ignored: new clients are listed by starting the departure again.`,
    );

  for (const [ref, s] of plan.snapshot) snapshot.set(ref, s);
  book.store.setSnapshot(id, snapshot);
  // A sync that found nothing adds no Log row: the nightly run would otherwise add one per departure every night.
  if (updated || plan.contacts.length || messages.length) {
    book.log.add(
      'Sync departure sheet',
      id,
      `${plural(updated, 'case')} updated, ${plan.contacts.length} flagged for a contact change, ${plan.invalid.length} invalid ${plan.invalid.length === 1 ? 'cell' : 'cells'}, ${missing.length} missing ${missing.length === 1 ? 'row' : 'rows'}.`,
    );
  }
  return {
    departureId: id,
    updated,
    flagged: plan.contacts.length,
    invalid: plan.invalid,
    missing,
    notShared,
    messages,
  };
}

function touch(row: Row, now: Date, by: string): void {
  row.set('Last Updated', now);
  row.set('Updated By', by);
}

/** Menu: Handoff ▸ Sync therapist sheets — every open departure's sheet, then a short toast saying what changed. */
export function syncAllFromMenu(env: Env): SyncAllResult {
  const result = syncAllDepartureSheets(env);
  const updated = result.synced.reduce((n, r) => n + r.updated, 0);
  const flagged = result.synced.reduce((n, r) => n + r.flagged, 0);
  const failed = result.failed.length
    ? ` ${result.failed.length} could not be read: ${result.failed.map((f) => f.departureId).join(', ')} (see Log).`
    : '';
  const text =
    result.synced.length === 0 && !result.failed.length
      ? 'No shared transition sheet to sync.'
      : `Synced ${plural(result.synced.length, 'sheet')}: ${plural(updated, 'case')} updated, ${flagged} flagged for review.${failed}`;
  env.ctx.ss.toast(text, 'Caseload Handoff', 8);
  return result;
}
