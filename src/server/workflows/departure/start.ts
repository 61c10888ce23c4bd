/**
 * Step 1 of a therapist departure: the Departures row, the clinician marked
 * Departing, and one case per Active client. Running it again adds only the
 * clients not yet listed, so it is safe to repeat after the roster changes.
 */
import type { Env } from '../../services/context';
import { civilToDate, formatCivil } from '../../core/dates';
import { formatDepartureId, formatRef, nextDepartureNumber, nextRefNumber } from '../../core/refs';
import { isTerminal, TAB } from '../../core/schema';
import { normalizeHeader, plural, sameName } from '../../core/text';
import { Row } from '../../table/table';
import { closeOut } from './closeout';
import { DepartureBook } from './hub';
import { clientNameOf, noticeWarnings, StartInput, startInputProblems } from './plan';

export const DEPARTURE_REASON = 'Clinician no longer with practice';

export interface StartResult {
  departureId: string;
  /** Cases added by this run. */
  added: number;
  /** Active clients that already have a case of this departure. */
  alreadyListed: number;
  warnings: string[];
  /** One sentence for the person who started it. */
  message: string;
}

export function startDeparture(env: Env, input: StartInput): StartResult {
  const problems = startInputProblems(input);
  if (problems.length) throw new Error(`${problems.join(' ')} Nothing was changed.`);
  const noticeDate = input.noticeDate.trim();
  const lastDay = input.lastDay.trim();
  const book = new DepartureBook(env);
  const { ctx } = env;

  const clinician = book.clinician(input.clinician);
  const name = clinician.text('Name');
  const email = clinician.text('Email');
  let departure = openDepartureOf(book, name, email);
  const left = normalizeHeader(clinician.text('Status')) === 'left';
  // A departure recorded after the last day may be run again to list clients it missed.
  if (left && !departure) {
    throw new Error(
      `${name} is marked Left on the Clinicians tab, so a departure cannot be started. Nothing was changed.`,
    );
  }
  const active = activeClientsOf(book, name);
  if (active.length === 0 && !departure) {
    throw new Error(
      `${name} has no Active clients on the Clients tab, so there is nobody to reassign. Check the Clinician and Status columns there. Nothing was changed.`,
    );
  }

  const warnings: string[] = [];
  const datesChanged =
    departure !== undefined &&
    (departure.date('Notice Received') !== noticeDate || departure.date('Last Day') !== lastDay);
  if (!departure || datesChanged) warnings.push(...noticeWarnings(noticeDate, lastDay, ctx.today));
  if (departure && datesChanged) {
    warnings.push(
      `${departure.text('Departure ID')} already existed with notice ${departure.text('Notice Received') || '(none)'} and last day ${departure.text('Last Day') || '(none)'}; its dates are now ${formatCivil(noticeDate)} and ${formatCivil(lastDay)}.`,
    );
  }

  const departureId = departure
    ? departure.text('Departure ID')
    : formatDepartureId(
        nextDepartureNumber([
          ...book.departures.rows.map((r) => r.text('Departure ID')),
          ...book.cases.rows.map((r) => r.text('Departure ID')), // a run cut short may have left cases behind
        ]),
      );
  if (!departure) {
    departure = book.departures.append({
      'Departure ID': departureId,
      Clinician: name,
      Email: email,
      'Notice Received': civilToDate(noticeDate, ctx.timeZone),
      'Last Day': civilToDate(lastDay, ctx.timeZone),
      'Transition Sheet URL': '',
      'Active Clients': 0,
      'Notices Sent': 0,
      Open: 0,
      Status: 'Open',
    });
  } else {
    departure.setDate('Notice Received', noticeDate);
    departure.setDate('Last Day', lastDay);
  }

  const listed = new Set(book.casesOf(departureId).map((r) => r.text('Client ID')));
  const openElsewhere = new Map<string, string>();
  for (const r of book.cases.rows) {
    if (!isTerminal(r.text('Status')) && !listed.has(r.text('Client ID')))
      openElsewhere.set(r.text('Client ID'), r.text('Ref'));
  }

  let nextRef = nextRefNumber(book.cases.rows.map((r) => r.text('Ref')));
  let added = 0;
  let alreadyListed = 0;
  let withoutId = 0;
  const seen = new Set<string>();
  for (const client of active) {
    const clientId = client.text('Client ID');
    if (clientId === '') {
      withoutId++;
      continue;
    }
    if (seen.has(clientId)) continue;
    seen.add(clientId);
    if (listed.has(clientId)) {
      alreadyListed++;
      continue;
    }
    const other = openElsewhere.get(clientId);
    if (other) {
      warnings.push(
        `Client ${clientId} already has an open case ${other}, so no second case was added; work the departure through that one.`,
      );
      continue;
    }
    book.cases.append({
      Ref: formatRef(nextRef++),
      Opened: civilToDate(ctx.today, ctx.timeZone),
      Source: 'Departure',
      'Departure ID': departureId,
      'Client ID': clientId,
      'Client Name': clientNameOf(client),
      'Previous Clinician': name,
      Reason: DEPARTURE_REASON,
      Status: 'New',
      'Last Updated': ctx.now,
      'Updated By': ctx.user,
    });
    added++;
  }
  if (withoutId) {
    warnings.push(
      `${plural(withoutId, 'Active client')} of ${name} on the Clients tab ${withoutId === 1 ? 'has' : 'have'} no Client ID and ${withoutId === 1 ? 'was' : 'were'} not listed: add the ID and start the departure again.`,
    );
  }

  const all = book.casesOf(departureId);
  departure.set('Active Clients', all.length);
  if (!left) clinician.set('Status', 'Departing');
  clinician.setDate('Last Day', lastDay);

  const message = added
    ? `${departureId}: ${plural(added, 'client')} of ${name} listed${alreadyListed ? `, ${alreadyListed} already listed` : ''}.`
    : `${departureId}: all ${plural(alreadyListed, 'active client')} of ${name} ${alreadyListed === 1 ? 'was' : 'were'} already listed; nothing was added.`;
  book.log.add('Start departure', departureId, `${message} Notice ${noticeDate}, last day ${lastDay}.`);
  for (const w of warnings) book.log.add('Departure warning', departureId, w);

  closeOut(book);
  book.commit();
  return { departureId, added, alreadyListed, warnings, message };
}

/** The clinician's departure that is still open (matched by Email, else Name). */
function openDepartureOf(book: DepartureBook, name: string, email: string): Row | undefined {
  return book.departures.rows.find((r) => {
    if (normalizeHeader(r.text('Status')) === 'complete') return false;
    const rowEmail = r.text('Email').toLowerCase();
    return rowEmail !== '' && email !== '' ? rowEmail === email.toLowerCase() : sameName(r.text('Clinician'), name);
  });
}

function activeClientsOf(book: DepartureBook, name: string): Row[] {
  return book
    .table(TAB.clients)
    .rows.filter((r) => normalizeHeader(r.text('Status')) === 'active' && sameName(r.text('Clinician'), name));
}
