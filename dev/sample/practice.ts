/**
 * A synthetic practice for tests, the playground and the benchmark: clinicians
 * and clients with the messiness of a real EHR export (shared household
 * emails, missing and invalid addresses, hostile names, leading-zero IDs,
 * phone formats, inactive clients). Deterministic for a seed; no real person.
 */

export interface SampleClinician {
  Name: string;
  Email: string;
  'Supervisor Email': string;
  Status: 'Active' | 'Departing' | 'Left';
  'Accepting New Clients': boolean;
  Insurances: string;
  Medicaid: boolean;
  'Last Day': string;
}

export interface SampleClient {
  'Client ID': string;
  'First Name': string;
  'Last Name': string;
  Email: string;
  Phone: string;
  Clinician: string;
  Status: 'Active' | 'Inactive' | 'Discharged';
  Insurance: string;
  Medicaid: boolean;
  'Last Intake Date': string;
  'Portal Access': boolean;
  'Documents Complete': boolean;
  'OMHC Assessment Date': string;
  'Email OK': boolean | '';
  'Text OK': boolean | '';
  'Preferred Name': string;
}

export interface SamplePractice {
  clinicians: SampleClinician[];
  clients: SampleClient[];
  domain: string;
}

const FIRST = [
  'Avery',
  'Jordan',
  'Maya',
  'Noah',
  'Lena',
  'Mateo',
  'Priya',
  'Owen',
  'Sofía',
  'Elijah',
  'Zoë',
  'Hiro',
  'Amara',
  'Luca',
  'Nadia',
  'Theo',
  'Ines',
  'Kofi',
  'Ruth',
  'Dmitri',
  'Aisha',
  'Björn',
  'Camila',
  'Tomás',
  'Yara',
  'Felix',
  'Grace',
];
const LAST = [
  'Rivera',
  'Okafor',
  'Nguyen',
  'Schmidt',
  'Haddad',
  'Kowalski',
  'Brooks',
  'Tanaka',
  'Duarte',
  "O'Neill",
  'Lindqvist',
  'Mensah',
  'Fischer',
  'Ibáñez',
  'Park',
  'Moreau',
  'Adeyemi',
  'Costa',
  'Hughes',
  'Sato',
  'Novak',
];
const THERAPIST_FIRST = [
  'Dana',
  'Morgan',
  'Riley',
  'Casey',
  'Jamie',
  'Quinn',
  'Rowan',
  'Harper',
  'Sage',
  'Emerson',
  'Reese',
  'Alex',
];
const THERAPIST_LAST = [
  'Whitfield',
  'Ambrose',
  'Calloway',
  'Delgado',
  'Ellison',
  'Fairbanks',
  'Gallagher',
  'Holloway',
  'Iverson',
  'Jameson',
  'Kessler',
  'Langford',
];
const INSURANCE = ['Aetna', 'Blue Cross', 'Cigna', 'United', 'Medicaid MCO', 'Self-pay', 'Tricare'];
/** Names a hostile or careless export really contains: formulas, markup, script, quotes, emoji. */
export const HOSTILE_NAMES = [
  '=HYPERLINK("http://example.invalid","click")',
  '+SUM(1)',
  '@x',
  '<script>alert(1)</script>',
  '-2+3',
  '<img src=x onerror=alert(1)>',
  '"Quoted, Name"',
  'Zoë 🙂',
  "'; DROP TABLE clients;--",
  '{{Practice Name}}',
];

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function samplePractice(opts: {
  clients: number;
  clinicians?: number;
  seed?: number;
  messy?: boolean;
  domain?: string;
}): SamplePractice {
  const rand = rng(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const domain = opts.domain ?? 'example.com';
  const messy = opts.messy ?? true;
  const nClinicians = opts.clinicians ?? 12;

  const clinicians: SampleClinician[] = [];
  for (let i = 0; i < nClinicians; i++) {
    const first = THERAPIST_FIRST[i % THERAPIST_FIRST.length];
    const last =
      THERAPIST_LAST[Math.floor(i / THERAPIST_FIRST.length) % THERAPIST_LAST.length] +
      (i >= THERAPIST_FIRST.length ? ` ${i}` : '');
    const insurances = INSURANCE.filter(() => rand() < 0.6).filter((x) => x !== 'Medicaid MCO' || i % 3 === 0);
    clinicians.push({
      Name: `${first} ${last}`,
      Email: `${first}.${last.replace(/\s+/g, '')}@clinic.${domain}`.toLowerCase(),
      'Supervisor Email': `supervisor@clinic.${domain}`,
      Status: 'Active',
      'Accepting New Clients': i % 5 !== 4,
      Insurances: (insurances.length ? insurances : ['Aetna']).join(', '),
      Medicaid: i % 3 === 0,
      'Last Day': '',
    });
  }

  const clients: SampleClient[] = [];
  let household: { email: string; last: string } | null = null;
  for (let i = 0; i < opts.clients; i++) {
    const first = pick(FIRST);
    let last = pick(LAST);
    let email = `${first}.${last}.${i}@mail.${domain}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^\x21-\x7e]/g, '')
      .replace(/'/g, '');
    const roll = rand();
    if (messy && household && roll < 0.06) {
      email = household.email;
      last = household.last;
    } // a sibling: shared parent address
    else if (messy && roll < 0.09) email = '';
    else if (messy && roll < 0.11) email = `${first.toLowerCase()}@@mail.${domain}`;
    household = rand() < 0.2 ? { email, last } : household;
    const medicaid = rand() < 0.2;
    const intakeMonthsAgo = Math.floor(rand() * 24);
    const intake = new Date(Date.UTC(2026, 10 - intakeMonthsAgo, 1 + Math.floor(rand() * 27)));
    const phoneKind = rand();
    const phone =
      messy && phoneKind < 0.3
        ? `+1 555 010 ${pad(i % 10000, 4)}`
        : messy && phoneKind < 0.5
          ? `(555) 010-${pad(i % 10000, 4)}`
          : `555-010-${pad(i % 10000, 4)}`;
    const status = rand() < 0.8 ? 'Active' : rand() < 0.5 ? 'Inactive' : 'Discharged';
    clients.push({
      'Client ID': messy && i % 7 === 0 ? pad(i + 1, 5) : String(10000 + i),
      'First Name': messy && i % 53 === 11 ? HOSTILE_NAMES[((i / 53) % HOSTILE_NAMES.length) | 0] : first,
      'Last Name': last,
      Email: email,
      Phone: messy && rand() < 0.03 ? '' : phone,
      Clinician: clinicians[i % clinicians.length].Name,
      Status: status,
      Insurance: medicaid ? 'Medicaid MCO' : pick(INSURANCE.filter((x) => x !== 'Medicaid MCO')),
      Medicaid: medicaid,
      'Last Intake Date': intake.toISOString().slice(0, 10),
      'Portal Access': rand() < 0.85,
      'Documents Complete': rand() < 0.75,
      'OMHC Assessment Date': medicaid && rand() < 0.5 ? '2026-09-15' : '',
      'Email OK': messy && rand() < 0.04 ? false : '',
      'Text OK': messy && rand() < 0.04 ? false : '',
      'Preferred Name': rand() < 0.1 ? pick(FIRST) : '',
    });
  }
  return { clinicians, clients, domain };
}

/** The clients as an EHR export (TherapyNotes-like headers), RFC 4180 quoted. */
export function exportCsv(clients: SampleClient[]): string {
  const headers = [
    'Patient ID',
    'First Name',
    'Last Name',
    'Email Address',
    'Mobile Phone',
    'Primary Clinician',
    'Client Status',
    'Primary Insurance',
    'Medicaid',
    'Intake Date',
    'Portal Access',
    'Documents Complete',
    'OMHC Date',
    'Email OK',
    'Text OK',
    'Preferred Name',
  ];
  const keys: (keyof SampleClient)[] = [
    'Client ID',
    'First Name',
    'Last Name',
    'Email',
    'Phone',
    'Clinician',
    'Status',
    'Insurance',
    'Medicaid',
    'Last Intake Date',
    'Portal Access',
    'Documents Complete',
    'OMHC Assessment Date',
    'Email OK',
    'Text OK',
    'Preferred Name',
  ];
  const cell = (v: unknown): string => {
    const s = typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v ?? '');
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [headers.join(','), ...clients.map((c) => keys.map((k) => cell(c[k])).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
