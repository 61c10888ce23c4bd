/**
 * What the sidebar's Departures panel shows, as plain JSON: each departure
 * with its counts and the next thing to do, the clinicians a departure can be
 * started for, and one departure's cases for the notices flow.
 */
import type { Env } from '../../services/context';
import { Civil } from '../../core/dates';
import { isTerminal } from '../../core/schema';
import { nameKey, normalizeHeader } from '../../core/text';
import { Row } from '../../table/table';
import { activeClientCounts } from '../shared/clinicians';
import { cadenceSettings, CaseLookup } from '../shared/caseFacts';
import { DepartureBook, filled } from './hub';
import { countCases, DepartureCounts, MIN_NOTICE_DAYS, nextDepartureAction } from './plan';

export interface DepartureSummary {
  departureId: string;
  clinician: string;
  email: string;
  noticeDate: Civil | null;
  lastDay: Civil | null;
  status: string;
  url: string;
  /** ISO instant the therapist's access was removed, '' while they have it. */
  accessRemovedAt: string;
  counts: DepartureCounts;
  nextAction: string;
}

export interface DeparturesView {
  today: Civil;
  departures: DepartureSummary[];
}

/** Open departures first (soonest last day first), then the completed ones. */
export function getDepartures(env: Env): DeparturesView {
  const book = new DepartureBook(env);
  const byId = new Map<string, Row[]>();
  for (const c of book.cases.rows) {
    const key = normalizeHeader(c.text('Departure ID'));
    if (key) byId.set(key, [...(byId.get(key) ?? []), c]);
  }
  // Due as the cadence has it today (what the nightly run writes and the Dashboard counts), not as last written.
  const lookup = new CaseLookup(book.clients, book.departures);
  const { settings } = cadenceSettings(env);
  const dueOf = (c: Row): Civil | null => lookup.cadence(c, settings, book.today).due;
  const departures = book.departures.rows
    .filter((d) => d.text('Departure ID') !== '')
    .map((d) => summary(book, d, byId.get(normalizeHeader(d.text('Departure ID'))) ?? [], dueOf));
  departures.sort(
    (a, b) =>
      Number(a.status === 'Complete') - Number(b.status === 'Complete') ||
      (a.lastDay ?? '9999').localeCompare(b.lastDay ?? '9999') ||
      a.departureId.localeCompare(b.departureId),
  );
  return { today: book.today, departures };
}

function summary(book: DepartureBook, d: Row, cases: Row[], dueOf: (c: Row) => Civil | null): DepartureSummary {
  const id = d.text('Departure ID');
  const counts = countCases(
    cases.map((c) => ({
      status: c.text('Status'),
      noticeSent: filled(c, 'Notice Sent'),
      reached: filled(c, 'Reached'),
      nextSession: filled(c, 'Next Session'),
      due: dueOf(c),
      preference: c.text('Preference'),
      flag: c.text('Flag'),
    })),
    book.today,
  );
  const { url, revokedAt } = book.sheetOf(d);
  const complete = normalizeHeader(d.text('Status')) === 'complete';
  return {
    departureId: id,
    clinician: d.text('Clinician'),
    email: d.text('Email'),
    noticeDate: d.date('Notice Received'),
    lastDay: d.date('Last Day'),
    status: complete ? 'Complete' : 'Open',
    url,
    accessRemovedAt: revokedAt,
    counts,
    nextAction: complete ? 'Nothing: the departure is complete' : nextDepartureAction(counts, url !== ''),
  };
}

export interface ClinicianChoice {
  name: string;
  email: string;
  status: string;
  activeClients: number;
}

export interface StartOptions {
  today: Civil;
  minNoticeDays: number;
  clinicians: ClinicianChoice[];
}

/** The start form's choices: every clinician not yet Left, with their number of Active clients. */
export function getDepartureStartOptions(env: Env): StartOptions {
  const book = new DepartureBook(env);
  const counts = activeClientCounts(book.clients);
  const clinicians = book.clinicians.rows
    .filter((r) => r.text('Name') !== '' && normalizeHeader(r.text('Status')) !== 'left')
    .map((r) => ({
      name: r.text('Name'),
      email: r.text('Email'),
      status: r.text('Status') || 'Active',
      activeClients: counts.get(nameKey(r.text('Name'))) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { today: book.today, minNoticeDays: MIN_NOTICE_DAYS, clinicians };
}

export interface DepartureCase {
  ref: string;
  clientId: string;
  clientName: string;
  status: string;
  open: boolean;
  noticeSent: Civil | null;
  preference: string;
  recommended: string;
  flag: string;
  nextAction: string;
  due: Civil | null;
}

/** One departure's cases, for choosing a notice to preview and seeing what was flagged. */
export function getDepartureCases(env: Env, departureId: string): { departureId: string; cases: DepartureCase[] } {
  const book = new DepartureBook(env);
  const departure = book.departure(departureId);
  const id = departure.text('Departure ID');
  const cases = book.casesOf(id).map((c) => ({
    ref: c.text('Ref'),
    clientId: c.text('Client ID'),
    clientName: c.text('Client Name'),
    status: c.text('Status'),
    open: !isTerminal(c.text('Status')),
    noticeSent: c.date('Notice Sent'),
    preference: c.text('Preference'),
    recommended: c.text('Recommended Clinician'),
    flag: c.text('Flag'),
    nextAction: c.text('Next Action'),
    due: c.date('Due'),
  }));
  return { departureId: id, cases };
}
