/**
 * A hub with one departure whose cases and clients the test chooses: the
 * Departures row, the Reassignments rows and their clients are pasted in
 * directly (as a person or startDeparture would leave them), so each test
 * controls addresses, names and households exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Emulator, loadEmulator } from '../../dev/emulator';
import { Runner, RunResult } from '../../dev/emulator/runner';
import { DIST, Hub, newHub, setSetting, tabRecords } from './hub';

export const DEPARTURE = 'D-0001';
export const THERAPIST = 'Dana Whitfield';
export const NOTICE = 'DEPARTURE_NOTICE';

export interface NoticeClient {
  first: string;
  last?: string;
  email: string;
  emailOk?: boolean | '';
  preferred?: string;
}

export const ref = (i: number): string => `R-${String(i + 1).padStart(6, '0')}`;
export const clientId = (i: number): string => `N${String(i + 1).padStart(4, '0')}`;

/** `n` plain clients with their own addresses. */
export function plainClients(n: number): NoticeClient[] {
  return Array.from({ length: n }, (_, i) => ({
    first: `Client${i + 1}`,
    last: 'Lopez',
    email: `client${i + 1}@mail.example.org`,
  }));
}

export function noticeHub(clients: NoticeClient[], opts: { practiceClients?: number } = {}): Hub {
  const hub = newHub({ clients: opts.practiceClients ?? 12, messy: false, importClients: false });
  setSetting(hub, 'Practice Name', 'Lakeside Wellness');
  setSetting(hub, 'Front Desk Phone', '(555) 010-0100');
  setSetting(hub, 'Reply-To', 'frontdesk@lakeside.example.org');
  hub.seed(
    'Clients',
    clients.map((c, i) => ({
      'Client ID': clientId(i),
      'First Name': c.first,
      'Last Name': c.last ?? 'Lopez',
      Email: c.email,
      Phone: '555-010-0199',
      Clinician: THERAPIST,
      Status: 'Active',
      Insurance: 'Aetna',
      Medicaid: false,
      'Last Intake Date': '2026-06-01',
      'Portal Access': true,
      'Documents Complete': true,
      'OMHC Assessment Date': '',
      'Email OK': c.emailOk ?? '',
      'Text OK': '',
      'Preferred Name': c.preferred ?? '',
    })),
  );
  hub.seed('Departures', [
    {
      'Departure ID': DEPARTURE,
      Clinician: THERAPIST,
      Email: 'dana.whitfield@clinic.example.com',
      'Notice Received': '2026-11-20',
      'Last Day': '2026-12-18',
      'Transition Sheet URL': '',
      'Active Clients': clients.length,
      'Notices Sent': 0,
      Open: clients.length,
      Status: 'Open',
    },
  ]);
  hub.seed(
    'Reassignments',
    clients.map((c, i) => ({
      Ref: ref(i),
      Opened: '2026-11-20',
      Source: 'Departure',
      'Departure ID': DEPARTURE,
      'Client ID': clientId(i),
      'Client Name': `${c.first} ${c.last ?? 'Lopez'}`,
      'Previous Clinician': THERAPIST,
      Reason: 'Clinician no longer with practice',
      Status: 'New',
    })),
  );
  hub.emu.kernel.resetCounters();
  return hub;
}

export { setCell } from './hub';

/** Records of a tab on any emulator (display values: dates as the sheet shows them). */
export function records(emu: Emulator, hubId: string, tab: string): Record<string, string>[] {
  if (!emu.sheets.get(hubId)) throw new Error('no hub');
  try {
    return tabRecords(emu, hubId, tab, true) as Record<string, string>[];
  } catch {
    return [];
  }
}

export const caseRows = (emu: Emulator, hubId: string) => records(emu, hubId, 'Reassignments');

/** The continuation triggers left for this project. */
export const continuations = (emu: Emulator) => emu.triggers.list().filter((t) => t.handler === 'continueSending');

/** Recipients that received more than one email with the same subject. */
export function duplicates(emu: Emulator): string[] {
  const seen = new Map<string, number>();
  for (const m of emu.mail.outbox)
    seen.set(`${m.to.toLowerCase()}|${m.subject}`, (seen.get(`${m.to.toLowerCase()}|${m.subject}`) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

let privateDist: string | null = null;
/** The built bundle copied once per test file, so a rebuild elsewhere in the tree cannot pull it away mid-run. */
function stableDist(): string {
  if (privateDist) return privateDist;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseload-email-dist-'));
  for (const f of fs.readdirSync(DIST)) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  privateDist = dir;
  return dir;
}

/** A copy of a hub's whole state, with its own runner (for many scenarios from one set-up). */
export function fork(saved: string): { emu: Emulator; runner: Runner } {
  const emu = loadEmulator(saved);
  return { emu, runner: new Runner(emu, { distDir: stableDist() }) };
}

export function sendNotices(runner: Runner, user: string, opts: Record<string, unknown> = {}): RunResult {
  return runner.run('sendDepartureNotices', [DEPARTURE, opts], { user });
}
