/**
 * The practice the playground starts with: a hub set up by the add-on itself
 * (setUpWorkbook as the transition manager, Settings saved through the
 * sidebar's saveSettings, clients imported with importRoster from an EHR
 * export), a dozen clinicians and a few hundred messy clients.
 */
import { createEmulator, type Emulator } from '../emulator/index';
import { Runner } from '../emulator/runner';
import { colLetters } from '../emulator/spreadsheet/a1';
import { exportCsv, samplePractice, type SampleClinician } from '../sample/practice';

export const DOMAIN = 'clinic.example.com';
export const TIME_ZONE = 'America/New_York';
/** A Monday morning: a working week ahead for the cadence. */
export const START = '2026-11-23T09:00:00-05:00';

export interface Person {
  email: string;
  label: string;
  role: 'admin' | 'csr' | 'therapist';
}

export interface PracticeMeta {
  hubId: string;
  people: Person[];
  /** What set-up could not do (a function missing from this build, a refused call), shown on the page. */
  problems: string[];
}

export const ADMIN = `admin@${DOMAIN}`;
export const CSR = `csr@${DOMAIN}`;

export function peopleOf(clinicians: { Name: string; Email: string }[]): Person[] {
  return [
    { email: ADMIN, label: 'Transition manager (admin)', role: 'admin' },
    { email: CSR, label: 'CSR', role: 'csr' },
    ...clinicians.map((c): Person => ({ email: c.Email, label: `Therapist: ${c.Name}`, role: 'therapist' })),
  ];
}

/** Column indexes of a header row, found by header text as the add-on finds them. */
function columnsOf(header: unknown[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((h, i) => map.set(String(h).trim().toLowerCase(), i));
  return map;
}

/** The A1 address of a 0-based row and column. */
export function a1(row: number, col: number): string {
  return `${colLetters(col + 1)}${row + 1}`;
}

/** Types the clinicians into the Clinicians tab as the practice manager would (no add-on function owns that tab). */
function typeClinicians(emu: Emulator, hubId: string, clinicians: SampleClinician[]): void {
  const { values } = emu.sheets.peek(hubId, 'Clinicians');
  const cols = columnsOf(values[0] ?? []);
  clinicians.forEach((c, i) => {
    for (const [header, value] of Object.entries(c)) {
      const col = cols.get(header.toLowerCase());
      if (col === undefined || value === '') continue;
      const typed = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
      emu.sheets.userEdit(hubId, 'Clinicians', a1(i + 1, col), typed, ADMIN);
    }
  });
}

function attempt(problems: string[], what: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    problems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface NewPracticeOptions {
  clients?: number;
  seed?: number;
  distDir?: string;
}

/** A fresh emulator holding the set-up practice. */
export function newPractice(opts: NewPracticeOptions = {}): { emu: Emulator; runner: Runner; meta: PracticeMeta } {
  const practice = samplePractice({
    clients: opts.clients ?? 300,
    clinicians: 12,
    seed: opts.seed ?? 7,
    domain: 'example.com',
  });
  // Staff addresses share the practice's Workspace domain, so the add-on may see who is acting.
  const clinicians = practice.clinicians.map((c) => ({
    ...c,
    Email: c.Email.replace(/@.*$/, `@${DOMAIN}`),
    'Supervisor Email': `supervisor@${DOMAIN}`,
  }));
  const emu = createEmulator({ now: START, scriptTimeZone: TIME_ZONE, users: { owner: ADMIN }, mailQuota: 1500 });
  const runner = new Runner(emu, opts.distDir ? { distDir: opts.distDir } : undefined);
  const hub = emu.sheets.create('Riverside Counseling — Caseload Handoff', { owner: ADMIN, timeZone: TIME_ZONE });
  hub.editors.push(CSR);
  emu.sheets.setActive(hub.id);
  const problems: string[] = [];
  attempt(problems, 'Set up workbook', () => runner.callAsClient('setUpWorkbook', [], { user: ADMIN }));
  attempt(problems, 'Settings', () =>
    runner.callAsClient(
      'saveSettings',
      [
        {
          'Practice Name': 'Riverside Counseling',
          'CSR Emails': CSR,
          'Management Email': `management@${DOMAIN}`,
          'Reply-To': `frontdesk@${DOMAIN}`,
          'Front Desk Phone': '(555) 010-0100',
          'Referral Resources': 'Community Mental Health Center: (555) 010-0199\nCrisis line: 988',
        },
      ],
      { user: ADMIN },
    ),
  );
  attempt(problems, 'Clinicians', () => typeClinicians(emu, hub.id, clinicians));
  attempt(problems, 'Import client roster', () =>
    runner.callAsClient('importRoster', [exportCsv(practice.clients)], { user: ADMIN }),
  );
  emu.kernel.resetCounters();
  return { emu, runner, meta: { hubId: hub.id, people: peopleOf(clinicians), problems } };
}
