/**
 * Completing a reassignment (a client's request or a departure case), the
 * process's steps 4–7: the client gets the new clinician on the Clients tab,
 * the case records the new clinician, the next session, whether it is an
 * intake and whether an OMHC assessment was needed, the checklist and Status
 * Reassigned; both clinicians are emailed, management is asked to remove the
 * previous clinician from the client's list, and it all goes in the
 * Interaction Notes and the Log.
 *
 * Everything is checked and every email rendered before the first write, so a
 * refused completion writes nothing and sends nothing. The sheet changes are
 * written and flushed as one batch before any email goes out; the emails go
 * through the engine (one ledger key per case and template). Calling it again
 * for a case already reassigned to the same clinician sends only what has not
 * gone yet, so a double click or a retry after a kill never emails twice.
 */
import type { Env } from '../../services/context';
import { civilToDate, type Civil } from '../../core/dates';
import { FIELD } from '../../core/fields';
import { completionProblems } from '../../core/rules';
import { CASE_CHECKBOXES, type TemplateKey } from '../../core/schema';
import { TemplateError } from '../../core/templates';
import { isValidEmail, normalizeHeader, plural, sameName } from '../../core/text';
import { isDateValue, type Row } from '../../table/table';
import { cliniciansMatching } from '../shared/clinicians';
import { closeOutDepartures } from '../departure/closeout';
import { departureCompleteNote } from '../close';
import {
  caseFields,
  caseKey,
  ledgerEntry,
  ledgerStates,
  onResolved,
  previewOutgoing,
  sendEmails,
  type Fields,
  type LedgerState,
  type Outgoing,
  type SendReport,
} from '../shared/email';
import { departureExtras } from '../shared/email/preview';
import { mergeFlags } from '../shared/caseFacts';
import { RequestBook } from './book';
import { clearDraftOf } from './draft';
import { type NextSession, optionalCivil, parseNextSession, scheduleFacts, scheduleProblems } from './schedule';
import { matchesFor } from './wizard';

export interface CompleteInput {
  newClinician: string;
  nextSession: string;
  contactVerified: boolean;
  insuranceVerified: boolean;
  portalDocsComplete: boolean;
  /** The Medicaid client's OMHC assessment date (YYYY-MM-DD); stored to the Clients tab. */
  omhcDate?: string;
  /** Why a clinician outside the matching list was chosen (required then). */
  outsideListReason?: string;
}

export type EmailOutcome = 'sent' | 'already sent' | 'not sent' | 'failed' | 'unconfirmed' | 'dry run' | 'not needed';

export interface EmailLine {
  key: TemplateKey;
  /** What the email is, for people ("Email to the new clinician"): the wizard shows this, never the template key. */
  label: string;
  to: string;
  outcome: EmailOutcome;
  note: string;
}

export interface CompleteResult {
  ref: string;
  clientId: string;
  previousClinician: string;
  newClinician: string;
  nextSession: string;
  intakeRequired: boolean;
  omhcRequired: boolean;
  /** The case was already reassigned to this clinician: only what had not gone yet was sent. */
  alreadyComplete: boolean;
  emails: EmailLine[];
  cliniciansNotified: boolean;
  removalRequested: boolean;
  /** Departures that became Complete with this case. */
  departuresCompleted: string[];
  warnings: string[];
  message: string;
}

const KEYS = {
  newClinician: 'CLINICIAN_NEW',
  previous: 'CLINICIAN_PREVIOUS',
  management: 'MANAGEMENT_REMOVE',
} as const;
const EMAIL_LABEL: Record<string, string> = {
  [KEYS.newClinician]: 'Email to the new clinician',
  [KEYS.previous]: 'Email to the previous clinician',
  [KEYS.management]: 'Removal request to management',
};
/** A sentence for the wizard: template keys said as what the email is. */
const forPeople = (text: string): string =>
  Object.entries(EMAIL_LABEL).reduce((t, [key, label]) => t.split(key).join(`the ${label.toLowerCase()}`), text);
const MAX_OUTSIDE_REASON = 1000;
const NOTE_CHANNEL = 'Reassignment';

interface Plan {
  outgoing: Outgoing[];
  /** Emails the process does not need here, with why (previous clinician Left without an email, no previous clinician). */
  notNeeded: Omit<EmailLine, 'label'>[];
}

export function completeReassignment(env: Env, ref: string, input: CompleteInput): CompleteResult {
  if (!input || typeof input !== 'object') {
    throw new Error(
      'Give the new clinician, the next session and the checklist to complete the case. Nothing was changed.',
    );
  }
  const book = new RequestBook(env);
  const caseRow = book.caseByRef(ref);
  const caseRef = caseRow.text('Ref');
  const client = clientOfCase(book, caseRow);
  const wanted = String(input.newClinician ?? '').trim();
  const clinician = book.clinician(wanted);
  const newName = clinician ? clinician.text('Name') : wanted;
  // Every read before the first write: the ledger, the notes and the log.
  const before = ledgerStates(env);
  void book.notes;
  void book.log;

  const management = managementEmail(env);
  if (isCompletedTo(caseRow, newName)) return resume(env, book, caseRow, client, management, before);

  const previous = previousClinician(client, caseRow, newName);
  const choice = choiceOf(book, client, caseRow, newName);
  const { session, omhcDate, problems } = check(env, caseRow, client, clinician, newName, previous, choice, input);
  if (management.problem) problems.push(management.problem);
  if (problems.length) {
    throw new Error(`${caseRef} was not completed: ${problems.join(' ')} Nothing was changed and no email was sent.`);
  }
  const s = session as NextSession;
  const facts = scheduleFacts(client, s, env.settings.count('Intake Lookback Months'));
  const { ctx } = env;

  caseRow.set('Previous Clinician', previous);
  caseRow.set('New Clinician', newName);
  caseRow.set('Next Session', civilToDate(s.day, ctx.timeZone, s.time?.hour ?? 0, s.time?.minute ?? 0));
  caseRow.set('Intake Required', facts.intakeRequired);
  caseRow.set('OMHC Required', facts.omhcRequired);
  for (const header of CASE_CHECKBOXES) caseRow.set(header, true);
  caseRow.set('Status', 'Reassigned');
  caseRow.set('Next Action', '');
  caseRow.set('Due', '');
  // Closed: the cadence's flags leave the row now (as closeCase and the nightly run do), other reasons stay.
  caseRow.set('Flag', mergeFlags([], caseRow.text('Flag')));
  caseRow.set('Last Updated', ctx.now);
  caseRow.set('Updated By', ctx.user);
  client.set('Clinician', newName);
  const omhcInput = optionalCivil(input.omhcDate, 'The OMHC assessment date');
  if (omhcInput) client.setDate('OMHC Assessment Date', omhcInput);

  const plan = planEmails(env, book, caseRow, client, previous, newName, management.to);
  renderAll(env, plan.outgoing, caseRef);

  const outside = choice.onList ? '' : String(input.outsideListReason ?? '').trim();
  const summary = [
    `Reassigned from ${previous || '(no clinician)'} to ${newName}.`,
    `Next session ${s.text}${facts.intakeRequired ? ', scheduled as an intake' : ''}.`,
    facts.omhcRequired ? `Medicaid: OMHC assessment ${omhcDate}.` : '',
    'Contact details, insurance and billing, portal access and documents confirmed.',
    outside ? `Chosen outside the matching list: ${outside}` : '',
    ...plan.notNeeded.map((n) => n.note),
  ]
    .filter((x) => x !== '')
    .join(' ');
  book.addNote(caseRef, client.text('Client ID'), NOTE_CHANNEL, summary);
  book.log.add('Complete reassignment', caseRef, `Client ${client.text('Client ID')}: ${summary}`);
  book.commit();

  const sent = send(env, book, caseRow, plan, before);
  const warnings = [...facts.notes.filter((n) => n.startsWith('Schedule as intake')), ...sent.warnings];
  return finish(env, book, caseRow, client, {
    previousClinician: previous,
    newClinician: newName,
    nextSession: s.text,
    intakeRequired: facts.intakeRequired,
    omhcRequired: facts.omhcRequired,
    alreadyComplete: false,
    emails: sent.lines,
    warnings,
  });
}

/** Settling an interrupted clinician or management email as sent stamps the case now. */
for (const key of Object.values(KEYS)) {
  onResolved(key, (env, ref, wasSent) => {
    if (!wasSent) return;
    const book = new RequestBook(env);
    const caseRow = book.caseByRef(ref.split(/\s*,\s*/)[0]);
    stamp(env, caseRow, previousNotNeeded(book, caseRow.text('Previous Clinician')) !== null);
    book.cases.commit();
  });
}

// ---- checks ------------------------------------------------------------------

function clientOfCase(book: RequestBook, caseRow: Row): Row {
  const id = caseRow.text('Client ID');
  const client = book.clients.rows.find((r) => r.text('Client ID') === id);
  if (!client) {
    throw new Error(
      `The client of ${caseRow.text('Ref')} (Client ID "${id}") is not on the Clients tab. Fix the Client ID on the case or import the roster; nothing was changed.`,
    );
  }
  return client;
}

/**
 * Who the client is moving from: the Clients tab's clinician, unless the
 * roster already names the new one (reassigned in TherapyNotes and imported
 * first); then the clinician the case recorded when it opened.
 */
function previousClinician(client: Row, caseRow: Row, newName: string): string {
  const onRoster = client.text('Clinician');
  return onRoster !== '' && !sameName(onRoster, newName) ? onRoster : caseRow.text('Previous Clinician');
}

function managementEmail(env: Env): { to: string; problem: string } {
  const to = env.settings.text('Management Email');
  if (to === '')
    return {
      to,
      problem:
        "Set the Management Email setting on the Settings tab (management is asked to remove the previous clinician from the client's list).",
    };
  if (!isValidEmail(to))
    return { to, problem: `The Management Email setting "${to}" is not an email address: fix it on the Settings tab.` };
  return { to, problem: '' };
}

/** Status Reassigned to this clinician with the checklist ticked: what a completion writes, so this is a retry. */
function isCompletedTo(caseRow: Row, newName: string): boolean {
  return (
    normalizeHeader(caseRow.text('Status')) === 'reassigned' &&
    newName !== '' &&
    sameName(caseRow.text('New Clinician'), newName) &&
    CASE_CHECKBOXES.every((h) => caseRow.bool(h) === true)
  );
}

interface Choice {
  onList: boolean;
  whyNot: string;
}

/** Whether the chosen clinician is on the client's matching list, and if not why not. */
function choiceOf(book: RequestBook, client: Row, caseRow: Row, name: string): Choice {
  const { matches, excluded } = matchesFor(book, client, caseRow.text('Recommended Clinician'));
  if (matches.some((m) => sameName(m.name, name))) return { onList: true, whyNot: '' };
  return { onList: false, whyNot: excluded.find((x) => sameName(x.name, name))?.why ?? 'not a match' };
}

function check(
  env: Env,
  caseRow: Row,
  client: Row,
  clinician: Row | null,
  newName: string,
  previous: string,
  choice: Choice,
  input: CompleteInput,
): { session: NextSession | null; omhcDate: Civil | null; problems: string[] } {
  const problems: string[] = [];
  let session: NextSession | null = null;
  try {
    session = parseNextSession(input.nextSession);
  } catch (e) {
    problems.push((e as Error).message.replace(/ Nothing was changed\.$/, ''));
  }
  let omhcDate: Civil | null = null;
  try {
    omhcDate = optionalCivil(input.omhcDate, 'The OMHC assessment date') ?? client.date('OMHC Assessment Date');
  } catch (e) {
    problems.push((e as Error).message.replace(/ Nothing was changed\.$/, ''));
  }
  const medicaid = client.bool('Medicaid') === true;
  problems.push(
    ...completionProblems({
      currentClinician: previous,
      newClinician: newName,
      newClinicianStatus: clinician ? clinician.text('Status') : null,
      // The session's own problem is already said above.
      nextSession: session ? session.day : null,
      contactVerified: input.contactVerified === true,
      insuranceVerified: input.insuranceVerified === true,
      portalDocsComplete: input.portalDocsComplete === true,
      medicaid,
      omhcDate: omhcDate ?? '',
      caseStatus: caseRow.text('Status'),
    }).filter((p) => !(session === null && /next session/i.test(p))),
  );
  problems.push(...scheduleProblems(env.ctx, session, medicaid ? omhcDate : null));
  const activeElsewhere =
    clinician !== null &&
    normalizeHeader(clinician.text('Status')) === 'active' &&
    !sameName(newName, client.text('Clinician'));
  if (activeElsewhere && !choice.onList && String(input.outsideListReason ?? '').trim() === '') {
    problems.push(
      `${newName} is not on the matching list for this client (${choice.whyNot}): give the reason for choosing them.`,
    );
  }
  const reason = String(input.outsideListReason ?? '').trim();
  if (reason.length > MAX_OUTSIDE_REASON)
    problems.push(
      `The reason for choosing outside the list is ${reason.length} characters; keep it under ${MAX_OUTSIDE_REASON}.`,
    );
  return { session, omhcDate, problems };
}

// ---- emails --------------------------------------------------------------------

/** Why the previous clinician is not emailed (Left with no Email; nobody to notify), or null when they are. */
function previousNotNeeded(book: RequestBook, previous: string): string | null {
  if (previous === '')
    return 'The client had no clinician on the Clients tab: there is no previous clinician to notify or to remove.';
  const row = cliniciansMatching(book.clinicians, previous)[0];
  if (row && normalizeHeader(row.text('Status')) === 'left' && row.text('Email') === '') {
    return `${previous} has left the practice and has no email on the Clinicians tab, so they were not emailed.`;
  }
  return null;
}

function planEmails(
  env: Env,
  book: RequestBook,
  caseRow: Row,
  client: Row,
  previous: string,
  newName: string,
  managementTo: string,
): Plan {
  const ref = caseRow.text('Ref');
  // A client who had no clinician: the new clinician's email still reads (and renders) well.
  const from = previous || 'no previous clinician';
  const extras: Fields = {
    ...departureExtras(env, caseRow),
    [FIELD.newClinician]: newName,
    [FIELD.previousClinician]: from,
    [FIELD.therapistName]: from,
    [FIELD.intakeRequired]: caseRow.bool('Intake Required') ? 'Yes' : 'No',
    [FIELD.removalRequest]: `Remove ${previous} from client ${client.text('Client ID')}'s list.`,
  };
  const fields = caseFields(env, caseRow, client, extras);
  const emailOf = (name: string): string => cliniciansMatching(book.clinicians, name)[0]?.text('Email') ?? '';
  const outgoing: Outgoing[] = [{ key: KEYS.newClinician, to: emailOf(newName), refs: [ref], fields }];
  const notNeeded: Plan['notNeeded'] = [];
  const skip = previousNotNeeded(book, previous);
  if (skip) {
    notNeeded.push({ key: KEYS.previous, to: '', outcome: 'not needed', note: skip });
  } else {
    const hold = cliniciansMatching(book.clinicians, previous).length
      ? undefined
      : `${previous} is not on the Clinicians tab: ${KEYS.previous} not sent, tell them another way`;
    outgoing.push({ key: KEYS.previous, to: emailOf(previous), refs: [ref], fields, ...(hold ? { hold } : {}) });
  }
  if (previous === '')
    notNeeded.push({
      key: KEYS.management,
      to: '',
      outcome: 'not needed',
      note: "No previous clinician to remove from the client's list.",
    });
  else outgoing.push({ key: KEYS.management, to: managementTo, refs: [ref], fields });
  return { outgoing, notNeeded };
}

/** Renders every email before anything is written: a broken template stops the completion with nothing changed. */
function renderAll(env: Env, outgoing: Outgoing[], ref: string): void {
  for (const o of outgoing) {
    try {
      previewOutgoing(env, o);
    } catch (e) {
      // An empty field is this email's problem only: the engine flags the case and the rest go.
      if (e instanceof TemplateError && e.unknown.length === 0) continue;
      throw new Error(`${ref} was not completed: ${(e as Error).message} Nothing was changed and no email was sent.`, {
        cause: e,
      });
    }
  }
}

function send(
  env: Env,
  book: RequestBook,
  caseRow: Row,
  plan: Plan,
  before: Map<string, LedgerState>,
): { lines: EmailLine[]; warnings: string[] } {
  const ref = caseRow.text('Ref');
  const report = sendEmails(env, plan.outgoing, { cases: book.cases, log: book.log });
  const lines: EmailLine[] = [
    ...plan.outgoing.map((o) => ({ key: o.key, to: o.to, ...outcomeOf(env, report, o, ref, before) })),
    ...plan.notNeeded,
  ].map((l) => ({ ...l, label: EMAIL_LABEL[l.key] ?? l.key, note: forPeople(l.note) }));
  const warnings = lines
    .filter((l) => l.outcome === 'not sent' || l.outcome === 'failed' || l.outcome === 'unconfirmed')
    .map((l) => `${l.label}: ${l.note}`);
  if (!report.dryRun) {
    stamp(
      env,
      caseRow,
      plan.notNeeded.some((n) => n.key === KEYS.previous),
    );
    const news = lines.filter((l) => l.outcome !== 'already sent' && l.outcome !== 'not needed');
    if (news.length)
      book.log.add(
        'Reassignment emails',
        ref,
        news.map((l) => `${l.key}${l.to ? ` to ${l.to}` : ''}: ${l.outcome}`).join('; ') + '.',
      );
  }
  return { lines, warnings };
}

function outcomeOf(
  env: Env,
  report: SendReport,
  o: Outgoing,
  ref: string,
  before: Map<string, LedgerState>,
): { outcome: EmailOutcome; note: string } {
  const key = caseKey(o.key, ref);
  if (before.get(key) === 'sent') return { outcome: 'already sent', note: 'Sent by an earlier run; not sent again.' };
  if (report.dryRun) return { outcome: 'dry run', note: 'Dry Run is on in Settings: rendered, not sent.' };
  const state = ledgerEntry(env, key)?.state;
  if (state === 'sent') return { outcome: 'sent', note: '' };
  const flag = report.flagged.find((f) => f.reason.includes(o.key));
  if (state === 'sending' || state === 'unconfirmed') {
    return {
      outcome: 'unconfirmed',
      note: 'An earlier run stopped while sending it: check the Sent mail and settle it (Settle unconfirmed email); it is not sent again until then.',
    };
  }
  if (state === 'failed')
    return {
      outcome: 'failed',
      note: flag?.reason ?? 'The email failed; fix the address and complete the case again to send it.',
    };
  return { outcome: 'not sent', note: flag?.reason ?? 'Not sent.' };
}

/** Clinicians Notified and Removal Requested, from the ledger (so a send made by a killed run counts too). */
function stamp(env: Env, caseRow: Row, previousSkipped: boolean): void {
  const ref = caseRow.text('Ref');
  const sentAt = (key: TemplateKey): Date | null => {
    const e = ledgerEntry(env, caseKey(key, ref));
    return e?.state === 'sent' ? (e.at ?? env.ctx.now) : null;
  };
  const newAt = sentAt(KEYS.newClinician);
  const previousAt = previousSkipped ? newAt : sentAt(KEYS.previous);
  const touched: string[] = [];
  if (newAt && previousAt && caseRow.text('Clinicians Notified') === '') {
    caseRow.set('Clinicians Notified', newAt.getTime() > previousAt.getTime() ? newAt : previousAt);
    touched.push('Clinicians Notified');
  }
  const removalAt = sentAt(KEYS.management);
  if (removalAt && caseRow.text('Removal Requested') === '') {
    caseRow.set('Removal Requested', removalAt);
    touched.push('Removal Requested');
  }
  if (touched.length) {
    caseRow.set('Last Updated', env.ctx.now);
    caseRow.set('Updated By', env.ctx.user);
  }
}

// ---- retry and finish -------------------------------------------------------------

/** The case is already reassigned to this clinician: send what has not gone, stamp, close out. Nothing else changes. */
function resume(
  env: Env,
  book: RequestBook,
  caseRow: Row,
  client: Row,
  management: { to: string; problem: string },
  before: Map<string, LedgerState>,
): CompleteResult {
  const ref = caseRow.text('Ref');
  const newName = caseRow.text('New Clinician');
  const previous = caseRow.text('Previous Clinician');
  if (management.problem && previous !== '' && before.get(caseKey(KEYS.management, ref)) !== 'sent') {
    throw new Error(
      `${ref} is already reassigned to ${newName}, but its emails cannot be finished: ${management.problem} Nothing was changed and no email was sent.`,
    );
  }
  const plan = planEmails(env, book, caseRow, client, previous, newName, management.to);
  renderAll(env, plan.outgoing, ref);
  const warnings: string[] = [];
  if (!sameName(client.text('Clinician'), newName)) {
    warnings.push(
      `The Clients tab named ${client.text('Clinician') || 'nobody'} as the clinician of client ${client.text('Client ID')}; it now names ${newName}.`,
    );
    client.set('Clinician', newName);
    book.log.add(
      'Complete reassignment',
      ref,
      `Client ${client.text('Client ID')}: Clinician set to ${newName} on the Clients tab (the case was already Reassigned).`,
    );
    book.commit();
  }
  const sent = send(env, book, caseRow, plan, before);
  return finish(env, book, caseRow, client, {
    previousClinician: previous,
    newClinician: newName,
    nextSession: sessionText(caseRow, env.ctx.timeZone),
    intakeRequired: caseRow.bool('Intake Required') === true,
    omhcRequired: caseRow.bool('OMHC Required') === true,
    alreadyComplete: true,
    emails: sent.lines,
    warnings: [...warnings, ...sent.warnings],
  });
}

/** The recorded next session as the wizard writes it: 'YYYY-MM-DD HH:MM', or the date alone at midnight. */
function sessionText(caseRow: Row, timeZone: string): string {
  const v = caseRow.get('Next Session');
  const day = caseRow.date('Next Session');
  if (!day) return '';
  if (!isDateValue(v)) return day;
  const minutes = Math.round((v.getTime() - civilToDate(day, timeZone).getTime()) / 60000);
  if (minutes <= 0) return day;
  return `${day} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

type Outcome = Pick<
  CompleteResult,
  | 'previousClinician'
  | 'newClinician'
  | 'nextSession'
  | 'intakeRequired'
  | 'omhcRequired'
  | 'alreadyComplete'
  | 'emails'
  | 'warnings'
>;

function finish(env: Env, book: RequestBook, caseRow: Row, client: Row, o: Outcome): CompleteResult {
  const ref = caseRow.text('Ref');
  book.cases.commit();
  const departuresCompleted = caseRow.text('Departure ID') ? closeOutDepartures(env, { log: book.log }).completed : [];
  book.log.commit();
  clearDraftOf(env, ref, client.text('Client ID'));
  const cliniciansNotified = caseRow.get('Clinicians Notified') !== '';
  const removalRequested = caseRow.get('Removal Requested') !== '';
  const sentNow = o.emails.filter((e) => e.outcome === 'sent').length;
  const message = o.alreadyComplete
    ? `${ref} was already reassigned to ${o.newClinician}; ${sentNow ? `${plural(sentNow, 'email')} that had not gone yet ${sentNow === 1 ? 'was' : 'were'} sent` : 'no email was sent again'}.`
    : `${ref}: client ${client.text('Client ID')} is reassigned to ${o.newClinician}${o.intakeRequired ? ' (next session as an intake)' : ''}; ${plural(sentNow, 'email')} sent.`;
  return {
    ref,
    clientId: client.text('Client ID'),
    ...o,
    cliniciansNotified,
    removalRequested,
    departuresCompleted,
    message: [message, departureCompleteNote(departuresCompleted)].filter((x) => x).join(' '),
  };
}
