/**
 * The process's rules for completing a reassignment ("Match & Schedule
 * Reassignment"): when the next session is an intake, when an OMHC assessment
 * is needed, and what must be true before a case can be completed.
 */
import { addMonths, Civil, isCivil } from './dates';
import { isTerminal } from './schema';
import { sameName } from './text';

function requireCivil(c: string, what: string): Civil {
  if (!isCivil(c)) throw new Error(`${what} "${c}" is not a date: expected YYYY-MM-DD.`);
  return c;
}

/**
 * "If the last intake was over 6 months ago, schedule the next session as an
 * intake": no intake on record, or one strictly before the next session minus
 * the lookback. Exactly at the boundary is not over, so no intake.
 */
export function intakeRequired(lastIntake: Civil | null, nextSession: Civil, lookbackMonths: number): boolean {
  const boundary = addMonths(requireCivil(nextSession, 'Next session'), -lookbackMonths);
  if (lastIntake === null || lastIntake === '') return true;
  return requireCivil(lastIntake, 'Last intake date') < boundary;
}

/** "For Medicaid clients: ensure the client has completed their OMHC assessment." */
export function omhcRequired(medicaid: boolean): boolean {
  return medicaid === true;
}

export interface CompletionInput {
  currentClinician: string;
  newClinician: string;
  /** The new clinician's Status on the Clinicians tab; null when the name is not there. */
  newClinicianStatus: string | null;
  nextSession: string | null;
  contactVerified: boolean;
  insuranceVerified: boolean;
  portalDocsComplete: boolean;
  medicaid: boolean;
  omhcDate: string | null;
  caseStatus: string;
}

const CHECKLIST: { key: 'contactVerified' | 'insuranceVerified' | 'portalDocsComplete'; problem: string }[] = [
  {
    key: 'contactVerified',
    problem: "Confirm the client's phone number and email are up to date (Contact Verified is not checked).",
  },
  {
    key: 'insuranceVerified',
    problem: "Confirm the client's insurance is active and billing is updated (Insurance Verified is not checked).",
  },
  {
    key: 'portalDocsComplete',
    problem:
      'Make sure the client has portal access and has completed all pending documents (Portal & Docs Complete is not checked).',
  },
];

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || String(s).trim() === '';

/**
 * Everything that stops a case from being completed, each a sentence a CSR
 * can act on; empty when it may be completed.
 */
export function completionProblems(i: CompletionInput): string[] {
  const problems: string[] = [];
  if (isTerminal(String(i.caseStatus ?? '').trim())) {
    problems.push(`This case is already closed (${String(i.caseStatus).trim()}); it cannot be completed again.`);
  }
  const name = String(i.newClinician ?? '').trim();
  if (name === '') {
    problems.push('Choose the new clinician.');
  } else if (i.newClinicianStatus === null) {
    problems.push(`"${name}" is not on the Clinicians tab: choose a clinician from the list.`);
  } else if (String(i.newClinicianStatus).trim().toLowerCase() !== 'active') {
    const status = String(i.newClinicianStatus).trim() || 'blank';
    problems.push(`${name} is not an Active clinician (Status is ${status}): choose an Active clinician.`);
  }
  if (name !== '' && sameName(name, i.currentClinician ?? '')) {
    problems.push(`${name} is already the client's clinician: choose a different clinician.`);
  }
  if (blank(i.nextSession)) {
    problems.push('Enter the date of the next session.');
  } else if (!isCivil(String(i.nextSession).trim())) {
    problems.push(`The next session "${i.nextSession}" is not a date: use YYYY-MM-DD.`);
  }
  for (const item of CHECKLIST) {
    if (i[item.key] !== true) problems.push(item.problem);
  }
  if (omhcRequired(i.medicaid)) {
    if (blank(i.omhcDate)) {
      problems.push('This client is on Medicaid: record the OMHC assessment date before completing the reassignment.');
    } else if (!isCivil(String(i.omhcDate).trim())) {
      problems.push(`The OMHC assessment date "${i.omhcDate}" is not a date: use YYYY-MM-DD.`);
    }
  }
  return problems;
}
