/**
 * "Match & Schedule Reassignment": the next session's date and time as the
 * sidebar sends it, and what the process asks of that session (an intake when
 * the last intake is older than the lookback, an OMHC assessment for Medicaid
 * clients). checkSchedule and completeReassignment share these, so the wizard
 * shows exactly what completion will record.
 */
import { addMonths, Civil, clockTime, formatCivil, isCivil } from '../../core/dates';
import { intakeRequired, omhcRequired } from '../../core/rules';
import { Row } from '../../table/table';

export interface NextSession {
  day: Civil;
  /** Hour and minute of the session, or null when only the date is known. */
  time: { hour: number; minute: number } | null;
  /** As the sidebar shows it back: '2026-03-10 14:30' or '2026-03-10'. */
  text: string;
}

const SESSION = /^(\d{4}-\d{2}-\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

/** '2026-03-10', '2026-03-10T14:30' (a datetime-local input) or '2026-03-10 14:30'; anything else is an error saying so. */
export function parseNextSession(value: unknown): NextSession {
  const s = typeof value === 'string' ? value.trim() : '';
  if (s === '')
    throw new Error(
      'Enter the date of the next session (YYYY-MM-DD, and the time if you know it). Nothing was changed.',
    );
  const m = SESSION.exec(s);
  if (!m || !isCivil(m[1])) {
    throw new Error(
      `The next session "${String(value)}" is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM. Nothing was changed.`,
    );
  }
  if (m[2] === undefined) return { day: m[1], time: null, text: m[1] };
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59)
    throw new Error(`The time of the next session "${m[2]}:${m[3]}" is not a time of day. Nothing was changed.`);
  const hh = String(hour).padStart(2, '0');
  return { day: m[1], time: { hour, minute }, text: `${m[1]} ${hh}:${m[3]}` };
}

/** An optional 'YYYY-MM-DD' from the sidebar: blank → null; anything else that is not a date is an error naming it. */
export function optionalCivil(value: unknown, what: string): Civil | null {
  const s = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
  if (s === '') return null;
  if (!isCivil(s)) throw new Error(`${what} "${s}" is not a date: use YYYY-MM-DD. Nothing was changed.`);
  return s;
}

/** What the clock says where the hub is: a session already past is refused against it. */
export interface HubClock {
  today: Civil;
  now: Date;
  timeZone: string;
}

/**
 * What must not be recorded (and must not reach the clinicians and
 * management by email): a next session already past, an OMHC assessment
 * dated in the future. Checked where the CSR types them (checkSchedule) and
 * again at completion; each is a sentence naming the date, in the sheet's format.
 */
export function scheduleProblems(clock: HubClock, session: NextSession | null, omhcDate: Civil | null): string[] {
  const problems: string[] = [];
  const today = formatCivil(clock.today);
  if (session && session.day < clock.today) {
    problems.push(
      `The next session ${formatCivil(session.day)} is before today (${today}): enter the date of the session still to come.`,
    );
  } else if (session && session.day === clock.today && session.time) {
    const now = clockTime(clock.now, clock.timeZone);
    if (session.time.hour * 60 + session.time.minute < now.hour * 60 + now.minute)
      problems.push(
        `The next session at ${sessionClock(session)} today has already passed: enter the time of the session still to come.`,
      );
  }
  if (omhcDate && omhcDate > clock.today) {
    problems.push(
      `The OMHC assessment date ${formatCivil(omhcDate)} is after today (${today}): the client must have completed the assessment before the reassignment is completed.`,
    );
  }
  return problems;
}

/** 14:30 → 2:30 PM, as the sheet shows a time. */
function sessionClock(s: NextSession): string {
  const t = s.time as { hour: number; minute: number };
  const h12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  return `${h12}:${String(t.minute).padStart(2, '0')} ${t.hour < 12 ? 'AM' : 'PM'}`;
}

export interface ScheduleFacts {
  nextSession: string;
  lastIntake: Civil | null;
  lookbackMonths: number;
  /** The last intake must be on or after this date for the session not to be an intake. */
  intakeBoundary: Civil;
  intakeRequired: boolean;
  medicaid: boolean;
  omhcRequired: boolean;
  /** The OMHC assessment date on the Clients tab, if any. */
  omhcDate: Civil | null;
  /** One sentence per fact for the CSR. */
  notes: string[];
}

/** The Intake Lookback Months setting as a whole number of months (the documented 6 when it is not one). */
export function scheduleFacts(client: Row, session: NextSession, lookbackMonths: number): ScheduleFacts {
  const lastIntake = client.date('Last Intake Date');
  const intake = intakeRequired(lastIntake, session.day, lookbackMonths);
  const medicaid = client.bool('Medicaid') === true;
  const omhc = omhcRequired(medicaid);
  const omhcDate = client.date('OMHC Assessment Date');
  const boundary = addMonths(session.day, -lookbackMonths);
  const notes: string[] = [];
  if (intake) {
    notes.push(
      lastIntake
        ? `Schedule as intake: the last intake (${formatCivil(lastIntake)}) is more than ${lookbackMonths} months before ${formatCivil(session.day)}.`
        : 'Schedule as intake: there is no Last Intake Date on the Clients tab.',
    );
  } else {
    notes.push(
      `Not an intake: the last intake (${formatCivil(lastIntake as Civil)}) is within ${lookbackMonths} months of ${formatCivil(session.day)}.`,
    );
  }
  if (omhc) {
    notes.push(
      omhcDate
        ? `Medicaid client: OMHC assessment recorded on ${formatCivil(omhcDate)}.`
        : 'Medicaid client: record the OMHC assessment date before completing.',
    );
  }
  return {
    nextSession: session.text,
    lastIntake,
    lookbackMonths,
    intakeBoundary: boundary,
    intakeRequired: intake,
    medicaid,
    omhcRequired: omhc,
    omhcDate,
    notes,
  };
}
