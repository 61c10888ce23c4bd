/**
 * What the Case panel shows for one case, as plain JSON: the client and how
 * to reach them, every attempt so far, the interaction notes, the next action
 * and its due date, and the text message ready to copy. Also which case is
 * selected on the Reassignments tab, read cheaply for the panel's polling.
 */
import type { Env } from '../../services/context';
import { Civil } from '../../core/dates';
import type { CadenceStep } from '../../core/cadence';
import { isTerminal, NOTE_HEADERS, TAB } from '../../core/schema';
import { render } from '../../core/templates';
import { normalizeHeader } from '../../core/text';
import { rolesOf } from '../../services/roles';
import { isDateValue, Row, Table } from '../../table/table';
import { CaseDesk } from '../shared/caseDesk';
import { CLOSE_STATUSES, closeOutPending } from '../close/plan';
import { caseFields, caseKey, ledgerEntry } from '../shared/email';
import { departureExtras } from '../shared/email/preview';
import { TemplateStore } from '../shared/email/templateStore';
import { canEmail, canText, channelAllowed } from '../shared/caseFacts';
import { CLIENT_ANSWER } from '../shared/answerLinks';

/** The attempts of the process document, in the order they happen. */
export const ATTEMPT_COLUMNS = [
  'Notice Sent',
  'Call 1',
  'Call 2',
  'Follow-up Email',
  'Follow-up Text',
  'Reached',
] as const;

/** At most this many notes go to the panel (the newest); the tab keeps them all. */
const MAX_NOTES = 100;

export interface CaseView {
  ref: string;
  clientId: string;
  clientName: string;
  source: string;
  departureId: string;
  previousClinician: string;
  recommendedClinician: string;
  newClinician: string;
  preference: string;
  /** What the client answered through their personal link (Client Answer), or ''. */
  clientAnswer: string;
  status: string;
  closed: boolean;
  contact: {
    onRoster: boolean;
    email: string;
    phone: string;
    /** Email OK / Text OK as the Clients tab says (blank = yes). */
    emailOk: boolean;
    textOk: boolean;
    canEmail: boolean;
    canText: boolean;
  };
  attempts: { label: string; date: Civil | null }[];
  notes: { at: string; author: string; channel: string; note: string }[];
  /** The number of notes on the tab for this case (the panel shows the newest MAX_NOTES). */
  noteCount: number;
  /** The next action; `step` is which step of the cadence it is (the panel's one primary action). */
  next: { action: string; step: CadenceStep; due: Civil | null; overdueDays: number; flags: string[] };
  /** Today in the hub's time zone: whether a step is early. */
  today: Civil;
  /** The Flag cell as it is (engine reasons included). */
  flag: string;
  lastDay: Civil | null;
  lastUpdated: string | null;
  updatedBy: string;
  /** The follow-up email: 'not sent', 'sent', 'unconfirmed' or 'failed', and why it cannot be sent now ('' when it can). */
  followupEmail: { state: string; blocked: string };
  /** The TEXT_FOLLOWUP message rendered for this client, or why it cannot be. */
  textMessage: { text: string; problem: string };
  /** Statuses this caller may close the case with. */
  closeStatuses: string[];
  /** A Services terminated case still to be closed in TherapyNotes: what is left to do, else ''. */
  closeOut: string;
  isAdmin: boolean;
}

const iso = (v: unknown): string | null => (isDateValue(v) && !Number.isNaN(v.getTime()) ? v.toISOString() : null);

/** getCaseView(ref): everything the Case panel shows for one case. */
export function getCaseView(env: Env, ref: unknown): CaseView {
  const r = typeof ref === 'string' ? ref.trim() : '';
  if (r === '')
    throw new Error('Choose a case: select its row on the Reassignments tab (or give its Ref, e.g. R-000123).');
  const desk = new CaseDesk(env);
  const row = desk.caseRow(r);
  const client = desk.client(row);
  const status = desk.status(row);
  const closed = isTerminal(status);
  const roles = rolesOf(env.ctx.user, env.settings);
  const isAdmin = roles.includes('admin');
  const notes = notesOf(env, r);
  const cadence = closed ? null : desk.cadence(row);

  return {
    ref: r,
    clientId: row.text('Client ID'),
    clientName: row.text('Client Name'),
    source: row.text('Source'),
    departureId: row.text('Departure ID'),
    previousClinician: row.text('Previous Clinician'),
    recommendedClinician: row.text('Recommended Clinician'),
    newClinician: row.text('New Clinician'),
    preference: row.text('Preference'),
    clientAnswer: row.has(CLIENT_ANSWER) ? row.text(CLIENT_ANSWER) : '',
    status,
    closed,
    contact: {
      onRoster: !!client,
      email: client?.text('Email') ?? '',
      phone: client?.text('Phone') ?? '',
      emailOk: channelAllowed(client, 'Email OK'),
      textOk: channelAllowed(client, 'Text OK'),
      canEmail: canEmail(client),
      canText: canText(client),
    },
    attempts: ATTEMPT_COLUMNS.map((label) => ({ label, date: row.date(label) })),
    notes: notes.slice(-MAX_NOTES),
    noteCount: notes.length,
    next: cadence
      ? {
          action: cadence.nextAction,
          step: cadence.step,
          due: cadence.due,
          overdueDays: cadence.overdueDays,
          flags: cadence.flags,
        }
      : { action: row.text('Next Action'), step: 'closed', due: row.date('Due'), overdueDays: 0, flags: [] },
    today: env.ctx.today,
    flag: row.text('Flag'),
    lastDay: desk.lookup.lastDay(row),
    lastUpdated: iso(row.get('Last Updated')),
    updatedBy: row.text('Updated By'),
    followupEmail: followupState(env, row, client, closed),
    textMessage: textMessage(env, row, client),
    closeStatuses: closed ? [] : CLOSE_STATUSES.filter((s) => isAdmin || s !== 'Services terminated'),
    closeOut: closeOutPending(row) ? row.text('Next Action') : '',
    isAdmin,
  };
}

/** The case's Interaction Notes rows, oldest first. */
function notesOf(env: Env, ref: string): CaseView['notes'] {
  const table = Table.read(env.ctx.ss, TAB.notes, env.ctx.timeZone, { required: NOTE_HEADERS });
  const key = normalizeHeader(ref);
  const rows = table.rows.filter((n) => normalizeHeader(n.text('Ref')) === key);
  const at = (n: Row): number => {
    const v = n.get('Timestamp');
    return isDateValue(v) ? v.getTime() : 0;
  };
  return rows
    .map((n, i) => ({ n, i }))
    .sort((a, b) => at(a.n) - at(b.n) || a.i - b.i)
    .map(({ n }) => ({
      at: iso(n.get('Timestamp')) ?? '',
      author: n.text('Author'),
      channel: n.text('Channel'),
      note: n.text('Note'),
    }));
}

function followupState(env: Env, row: Row, client: Row | undefined, closed: boolean): CaseView['followupEmail'] {
  const entry = ledgerEntry(env, caseKey('CONTACT_FOLLOWUP', row.text('Ref')));
  const sent = row.text('Follow-up Email') !== '' || entry?.state === 'sent';
  const state = sent
    ? 'sent'
    : entry?.state === 'sending' || entry?.state === 'unconfirmed'
      ? 'unconfirmed'
      : entry?.state === 'failed'
        ? 'failed'
        : 'not sent';
  let blocked = '';
  if (closed) blocked = 'The case is closed.';
  else if (state === 'sent') blocked = 'The follow-up email was already sent; it is never sent twice.';
  else if (state === 'unconfirmed')
    blocked = 'An earlier send is unconfirmed: check the Sent mail, then a transition manager settles it.';
  else if (!client) blocked = 'The client is not on the Clients tab.';
  else if (!channelAllowed(client, 'Email OK')) blocked = 'Email OK is FALSE for this client: call or text instead.';
  else if (!canEmail(client)) blocked = 'The client has no valid email address on the Clients tab.';
  return { state, blocked };
}

/** The TEXT_FOLLOWUP template for this client, ready to copy into the practice's texting tool. */
function textMessage(env: Env, row: Row, client: Row | undefined): CaseView['textMessage'] {
  if (!client) return { text: '', problem: 'The client is not on the Clients tab, so the message cannot be written.' };
  if (!channelAllowed(client, 'Text OK'))
    return { text: '', problem: 'Text OK is FALSE for this client: do not text them.' };
  try {
    const template = TemplateStore.of(env).get('TEXT_FOLLOWUP');
    return { text: render(template, caseFields(env, row, client, departureExtras(env, row))).text, problem: '' };
  } catch (e) {
    // An unknown or empty placeholder (TemplateError) or a blank template: say so instead of a message.
    if (e instanceof Error) return { text: '', problem: e.message };
    throw e;
  }
}

// ---- The selected row -----------------------------------------------------------------

export interface SelectedCase {
  /** The Ref of the selected Reassignments row, or null. */
  ref: string | null;
  /** Why there is none: 'Select a row on the Reassignments tab.' and the like; '' when there is one. */
  hint: string;
}

/**
 * The case of the row selected on the Reassignments tab. Polled every few
 * seconds by the Case panel, so it reads only the header row and the selected
 * row, never the whole tab.
 */
export function getSelectedCase(env: Env): SelectedCase {
  const range = env.ctx.ss.getActiveRange();
  if (!range) return { ref: null, hint: "Select a case's row on the Reassignments tab." };
  const sheet = range.getSheet();
  if (sheet.getName() !== TAB.cases) return { ref: null, hint: "Select a case's row on the Reassignments tab." };
  const rowNumber = range.getRow();
  if (rowNumber < 2) return { ref: null, hint: "Select a case's row (below the header) on the Reassignments tab." };
  const width = Math.max(1, sheet.getLastColumn());
  const header = sheet
    .getRange(1, 1, 1, width)
    .getValues()[0]
    .map((h) => normalizeHeader(String(h)));
  const column = header.indexOf(normalizeHeader('Ref'));
  if (column < 0)
    return { ref: null, hint: 'The Reassignments tab has no "Ref" column: run Handoff ▸ Set up workbook.' };
  const ref = String(sheet.getRange(rowNumber, column + 1).getValue() ?? '').trim();
  return ref ? { ref, hint: '' } : { ref: null, hint: `Row ${rowNumber} of the Reassignments tab has no Ref.` };
}
