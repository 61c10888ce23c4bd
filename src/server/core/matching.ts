/**
 * Who can take a client ("Match & Schedule Reassignment"): Active clinicians
 * accepting new clients, who take the client's insurance, are
 * Medicaid-credentialed when the client is on Medicaid, and are not the
 * current clinician. Everyone else is listed with the plain reason why.
 */
import { plural, sameName, splitList } from './text';

export interface ClinicianFacts {
  name: string;
  email: string;
  status: string;
  accepting: boolean;
  insurances: string;
  medicaid: boolean;
  activeClients: number;
}
export interface ClientFacts {
  clientId: string;
  clinician: string;
  insurance: string;
  medicaid: boolean;
}
export interface Match {
  name: string;
  email: string;
  reasons: string[];
  recommended: boolean;
  activeClients: number;
}
export interface Exclusion {
  name: string;
  why: string;
  /** The departing therapist recommended this clinician. */ recommended?: boolean;
}

/** Insurance names compared without case, spaces or hyphens: 'Blue Cross' = 'bluecross'. */
function insuranceKey(s: string): string {
  return String(s ?? '')
    .toLowerCase()
    .replace(/[\s-]+/g, '');
}

const PAYS_THEMSELVES = new Set(['selfpay', 'privatepay']);
const TAKES_EVERY_PLAN = new Set(['all', 'any']);

function takesInsurance(clinician: ClinicianFacts, insurance: string): boolean {
  const wanted = insuranceKey(insurance);
  if (wanted === '' || PAYS_THEMSELVES.has(wanted)) return true;
  const plans = splitList(clinician.insurances).map(insuranceKey);
  return plans.some((p) => p === wanted || TAKES_EVERY_PLAN.has(p));
}

function whyNot(client: ClientFacts, c: ClinicianFacts): string[] {
  const why: string[] = [];
  const status = String(c.status ?? '').trim();
  if (sameName(c.name, client.clinician ?? '')) why.push('Current clinician');
  if (status.toLowerCase() !== 'active') why.push(`Not active (Status is ${status || 'blank'})`);
  if (c.accepting !== true) why.push('Not accepting new clients');
  if (!takesInsurance(c, client.insurance)) why.push(`Does not take ${String(client.insurance).trim()}`);
  if (client.medicaid === true && c.medicaid !== true) why.push('Not Medicaid-credentialed');
  return why;
}

function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function reasonsFor(client: ClientFacts, c: ClinicianFacts, recommended: boolean): string[] {
  const reasons: string[] = [];
  if (recommended) reasons.push('Recommended by the departing therapist');
  const insurance = String(client.insurance ?? '').trim();
  if (PAYS_THEMSELVES.has(insuranceKey(insurance))) reasons.push('Client pays privately');
  else if (insurance !== '') reasons.push(`Takes ${insurance}`);
  if (client.medicaid === true) reasons.push('Medicaid-credentialed');
  reasons.push(plural(count(c.activeClients), 'active client'));
  return reasons;
}

function byName(a: string, b: string): number {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Eligible clinicians best first (the recommended one, then fewest active
 * clients, then name) and every other clinician with why they were left out.
 */
export function matchClinicians(
  client: ClientFacts,
  clinicians: ClinicianFacts[],
  opts: { recommended?: string } = {},
): { matches: Match[]; excluded: Exclusion[] } {
  const recommendedName = String(opts.recommended ?? '').trim();
  const matches: Match[] = [];
  const excluded: Exclusion[] = [];
  for (const c of clinicians) {
    const name = String(c.name ?? '').trim();
    if (name === '') continue; // a blank row on the Clinicians tab is nobody
    const recommended = recommendedName !== '' && sameName(name, recommendedName);
    const why = whyNot(client, c);
    if (why.length > 0) {
      excluded.push(recommended ? { name, why: why.join('; '), recommended } : { name, why: why.join('; ') });
      continue;
    }
    matches.push({
      name,
      email: String(c.email ?? '').trim(),
      reasons: reasonsFor(client, c, recommended),
      recommended,
      activeClients: count(c.activeClients),
    });
  }
  matches.sort(
    (a, b) =>
      Number(b.recommended) - Number(a.recommended) || a.activeClients - b.activeClients || byName(a.name, b.name),
  );
  excluded.sort((a, b) => byName(a.name, b.name));
  return { matches, excluded };
}
