/**
 * A hub for the client-request tests: the sample practice plus a few
 * clinicians and clients whose facts the rules turn on (insurance, Medicaid,
 * accepting, status, last intake), and the settings completion needs.
 */
import { newHub, setSetting, type Hub, type HubOptions } from './hub';

export const MANAGEMENT = 'management@clinic.example.com';

export const CLINICIANS = [
  {
    Name: 'Ana Able',
    Email: 'ana@clinic.example.com',
    Status: 'Active',
    'Accepting New Clients': true,
    Insurances: 'Aetna, Cigna',
    Medicaid: true,
  },
  {
    Name: 'Ben Busy',
    Email: 'ben@clinic.example.com',
    Status: 'Active',
    'Accepting New Clients': false,
    Insurances: 'Aetna',
    Medicaid: true,
  },
  {
    Name: 'Cy Cigna',
    Email: 'cy@clinic.example.com',
    Status: 'Active',
    'Accepting New Clients': true,
    Insurances: 'Cigna',
    Medicaid: true,
  },
  {
    Name: 'Dee Plain',
    Email: 'dee@clinic.example.com',
    Status: 'Active',
    'Accepting New Clients': true,
    Insurances: 'Aetna',
    Medicaid: false,
  },
  {
    Name: 'Eve Departing',
    Email: 'eve@clinic.example.com',
    Status: 'Departing',
    'Accepting New Clients': true,
    Insurances: 'Aetna',
    Medicaid: true,
  },
  { Name: 'Finn Left', Email: '', Status: 'Left', 'Accepting New Clients': false, Insurances: 'Aetna', Medicaid: true },
  {
    Name: 'Gus Current',
    Email: 'gus@clinic.example.com',
    Status: 'Active',
    'Accepting New Clients': true,
    Insurances: 'Aetna',
    Medicaid: true,
  },
  {
    Name: 'Hal Gone',
    Email: 'hal@clinic.example.com',
    Status: 'Left',
    'Accepting New Clients': false,
    Insurances: 'Aetna',
    Medicaid: true,
  },
];

const client = (id: string, first: string, last: string, more: Record<string, unknown>): Record<string, unknown> => ({
  'Client ID': id,
  'First Name': first,
  'Last Name': last,
  Email: `${id}@mail.example.com`,
  Phone: '555-010-0000',
  Clinician: 'Gus Current',
  Status: 'Active',
  Insurance: 'Aetna',
  Medicaid: false,
  'Last Intake Date': '2026-06-01',
  'Portal Access': true,
  'Documents Complete': true,
  ...more,
});

/** Mia: Aetna, not Medicaid, last intake 2026-06-01. Omar: Medicaid. Lou: of a clinician who Left without an email. */
export const CLIENTS = [
  client('00901', 'Mia', 'Tester', { 'Documents Complete': false }),
  client('00902', 'Omar', 'Medina', { Medicaid: true, 'Last Intake Date': '2026-01-10' }),
  client('00903', 'Lou', 'Lindqvist', { Clinician: 'Finn Left' }),
  client('00904', 'Ivy', 'Inactive', { Status: 'Inactive' }),
  client('00905', '=HYPERLINK("http://example.invalid","x")', '+SUM(1)', { Phone: '+15550100' }),
  client('00906', 'Hana', 'Holloway', { Clinician: 'Hal Gone' }),
  // Two Active clients of Ana, so Dee (none) ranks before her.
  client('00907', 'Kai', 'Ana-One', { Clinician: 'Ana Able' }),
  client('00908', 'Lea', 'Ana-Two', { Clinician: 'Ana Able' }),
  client('00909', 'Noor', 'Cigna', { Insurance: 'Cigna', Medicaid: true, 'OMHC Assessment Date': '2026-10-01' }),
];

export interface RequestHubOptions extends HubOptions {
  /** Leave Management Email blank. */
  noManagement?: boolean;
}

export function requestHub(opts: RequestHubOptions = {}): Hub {
  const hub = newHub({ clients: 6, clinicians: 2, ...opts });
  if (!opts.noManagement) setSetting(hub, 'Management Email', MANAGEMENT);
  setSetting(hub, 'Front Desk Phone', '555-0100');
  setSetting(hub, 'Referral Resources', 'Community clinic: 555-0199');
  hub.seed('Clinicians', CLINICIANS);
  hub.seed('Clients', CLIENTS);
  hub.emu.kernel.resetCounters();
  return hub;
}

export const CHECKED = { contactVerified: true, insuranceVerified: true, portalDocsComplete: true };

export function openRequest(hub: Hub, clientId: string, reason = 'Not a good fit', details?: string): string {
  return hub.callAs<{ ref: string }>(hub.csr, 'requestReassignment', {
    clientId,
    reason,
    ...(details === undefined ? {} : { details }),
  }).ref;
}

export function complete<T = CompleteResultLike>(hub: Hub, ref: string, input: Record<string, unknown>): T {
  return hub.callAs<T>(hub.csr, 'completeReassignment', ref, { nextSession: '2026-12-01T14:30', ...CHECKED, ...input });
}

export interface CompleteResultLike {
  ref: string;
  message: string;
  alreadyComplete: boolean;
  intakeRequired: boolean;
  omhcRequired: boolean;
  cliniciansNotified: boolean;
  removalRequested: boolean;
  departuresCompleted: string[];
  warnings: string[];
  emails: { key: string; to: string; outcome: string; note: string }[];
}

/** The one record of a tab whose header has this value; fails loudly when there is not exactly one. */
export function only(hub: Hub, tab: string, header: string, value: string, display = false): Record<string, unknown> {
  const rows = hub.rows(tab, { display }).filter((r) => String(r[header]) === value);
  if (rows.length !== 1) throw new Error(`${tab} has ${rows.length} rows with ${header} = ${value}`);
  return rows[0];
}

/** Emails sent, as 'to|subject' lines, and how many went to each address. */
export function sentTo(hub: Hub): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of hub.emu.mail.outbox) out[m.to] = (out[m.to] ?? 0) + 1;
  return out;
}

/** Calls a function expecting a refusal; returns its message. */
export { thrown as refusal } from './thrown';
