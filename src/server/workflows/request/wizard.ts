/**
 * What the request wizard reads, as plain JSON: the client list to search,
 * one client's details with the clinicians who can take them, and what the
 * chosen session date means (intake, OMHC). Nothing here writes.
 */
import type { Env } from '../../services/context';
import { Civil } from '../../core/dates';
import { matchClinicians, type Exclusion, type Match } from '../../core/matching';
import { isTerminal, REASON } from '../../core/schema';
import { nameKey, normalizeHeader } from '../../core/text';
import { Row } from '../../table/table';
import { activeClientCounts } from '../shared/clinicians';
import { clientNameOf } from '../departure/plan';
import { RequestBook } from './book';
import { CLARIFYING_QUESTION } from './request';
import { optionalCivil, parseNextSession, scheduleFacts, scheduleProblems, type ScheduleFacts } from './schedule';

export interface ClientChoice {
  clientId: string;
  name: string;
  status: string;
  clinician: string;
  /** The client's open case, if any: the wizard completes it instead of opening another. */
  openRef: string;
}

export interface RequestClients {
  today: Civil;
  reasons: string[];
  prompt: string;
  clients: ClientChoice[];
}

/** Every client with an ID, Active ones first, for the wizard to filter as the CSR types. */
export function getRequestClients(env: Env): RequestClients {
  const book = new RequestBook(env);
  const openRefs = new Map<string, string>();
  for (const r of book.cases.rows) {
    const id = r.text('Client ID');
    if (id !== '' && r.text('Ref') !== '' && !isTerminal(r.text('Status')) && !openRefs.has(id))
      openRefs.set(id, r.text('Ref'));
  }
  const clients = book.clients.rows
    .filter((c) => c.text('Client ID') !== '')
    .map((c): ClientChoice => ({
      clientId: c.text('Client ID'),
      name: clientNameOf(c),
      status: c.text('Status') || 'Active',
      clinician: c.text('Clinician'),
      openRef: openRefs.get(c.text('Client ID')) ?? '',
    }));
  const inactive = (c: ClientChoice): number => Number(normalizeHeader(c.status) !== 'active');
  clients.sort(
    (a, b) => inactive(a) - inactive(b) || a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId),
  );
  return { today: env.ctx.today, reasons: [...REASON], prompt: CLARIFYING_QUESTION, clients };
}

export interface OpenCase {
  ref: string;
  source: string;
  status: string;
  reason: string;
  departureId: string;
  recommended: string;
  previousClinician: string;
}

export interface RequestClient {
  clientId: string;
  name: string;
  status: string;
  clinician: string;
  email: string;
  phone: string;
  insurance: string;
  medicaid: boolean;
  lastIntake: Civil | null;
  portalAccess: boolean;
  documentsComplete: boolean;
  omhcDate: Civil | null;
  openCase: OpenCase | null;
  /** Clinicians who can take the client, best first, each with why. */
  matches: Match[];
  /** Everyone else, with why not (for a choice outside the list, which needs a stated reason). */
  excluded: Exclusion[];
  today: Civil;
}

/** One client's details, their open case and the clinicians who can take them. */
export function getRequestClient(env: Env, clientId: string): RequestClient {
  const book = new RequestBook(env);
  const client = book.client(clientId);
  const id = client.text('Client ID');
  const open = book.openCaseOf(id);
  const { matches, excluded } = matchesFor(book, client, open?.text('Recommended Clinician') ?? '');
  return {
    clientId: id,
    name: clientNameOf(client),
    status: client.text('Status') || 'Active',
    clinician: client.text('Clinician'),
    email: client.text('Email'),
    phone: client.text('Phone'),
    insurance: client.text('Insurance'),
    medicaid: client.bool('Medicaid') === true,
    lastIntake: client.date('Last Intake Date'),
    portalAccess: client.bool('Portal Access') === true,
    documentsComplete: client.bool('Documents Complete') === true,
    omhcDate: client.date('OMHC Assessment Date'),
    openCase: open
      ? {
          ref: open.text('Ref'),
          source: open.text('Source'),
          status: open.text('Status'),
          reason: open.text('Reason'),
          departureId: open.text('Departure ID'),
          recommended: open.text('Recommended Clinician'),
          previousClinician: open.text('Previous Clinician'),
        }
      : null,
    matches,
    excluded,
    today: env.ctx.today,
  };
}

/** core matchClinicians over the Clinicians tab, with each clinician's Active clients counted from Clients. */
export function matchesFor(
  book: RequestBook,
  client: Row,
  recommended: string,
): { matches: Match[]; excluded: Exclusion[] } {
  const counts = activeClientCounts(book.clients);
  const clinicians = book.clinicians.rows.map((r) => ({
    name: r.text('Name'),
    email: r.text('Email'),
    status: r.text('Status'),
    accepting: r.bool('Accepting New Clients') === true,
    insurances: r.text('Insurances'),
    medicaid: r.bool('Medicaid') === true,
    activeClients: counts.get(nameKey(r.text('Name'))) ?? 0,
  }));
  return matchClinicians(
    {
      clientId: client.text('Client ID'),
      clinician: client.text('Clinician'),
      insurance: client.text('Insurance'),
      medicaid: client.bool('Medicaid') === true,
    },
    clinicians,
    { recommended },
  );
}

/** What a next session on that date means for this client: intake or not, OMHC needed or recorded. */
export function checkSchedule(env: Env, clientId: string, nextSession: string, omhcDate?: unknown): ScheduleFacts {
  const session = parseNextSession(nextSession);
  const omhc = optionalCivil(omhcDate, 'The OMHC assessment date');
  // Refused where it is typed, not only at completion: a past session or a future assessment never reaches Review.
  const problems = scheduleProblems(env.ctx, session, omhc);
  if (problems.length) throw new Error(`${problems.join(' ')} Nothing was changed.`);
  const book = new RequestBook(env);
  const client = book.client(clientId);
  return scheduleFacts(client, session, env.settings.count('Intake Lookback Months'));
}
