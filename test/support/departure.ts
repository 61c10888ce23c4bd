/**
 * A hub for the departure tests: the sample practice (messy roster, six
 * clinicians) plus as many Active clients of Dana Whitfield as a test asks
 * for, with the messiness a departure meets — siblings sharing a parent's
 * address, an address shared with another clinician's client, missing and
 * invalid emails, Email OK FALSE, hostile names, leading-zero IDs — and a few
 * Inactive and Discharged clients of hers who must not be listed.
 */
import { Emulator } from '../../dev/emulator';
import type { EditResult } from '../../dev/emulator/spreadsheet';
import { RunResult } from '../../dev/emulator/runner';
import { HOSTILE_NAMES, samplePractice } from '../../dev/sample/practice';
import { columnLetter, Hub, newHub, setSetting } from './hub';

export const DANA = 'Dana Whitfield';
export const DANA_EMAIL = 'dana.whitfield@clinic.example.com';
export const D1 = 'D-0001';
export const SHARED_PARENT = 'parent.okafor@mail.example.org';

export type Rec = Record<string, unknown>;

export interface DepartureHub {
  hub: Hub;
  /** Dana's Active clients: who the departure must list. */
  listed: Rec[];
  /** Every other client of the roster: nothing of theirs may reach Dana's sheet. */
  others: Rec[];
}

const text = (v: unknown): string => String(v ?? '').trim();

/** `n` more Active clients of Dana, messy in every way a departure has to cope with. */
export function extraClients(n: number, emailOfAnotherClinicianClient: string): Rec[] {
  const pool = samplePractice({ clients: n * 3 + 30, clinicians: 6, seed: 31, messy: false }).clients;
  return pool.slice(0, n).map((c, i) => {
    const first = i >= 6 && i - 6 < HOSTILE_NAMES.length ? HOSTILE_NAMES[i - 6] : c['First Name'];
    let email = `${c['First Name']}.${c['Last Name']}.x${i}@mail.example.org`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^\x21-\x7e]/g, '')
      .replace(/'/g, '');
    let last = c['Last Name'];
    if (i === 0 || i === 1) {
      email = SHARED_PARENT;
      last = 'Okafor';
    } // siblings: one parent's address
    if (i === 2) email = emailOfAnotherClinicianClient;
    if (i === 3) email = '';
    if (i === 4) email = 'no-at-sign.mail.example.org';
    return {
      ...c,
      'Client ID': i % 5 === 0 ? `0${7000 + i}` : String(70000 + i),
      'First Name': first,
      'Last Name': last,
      Email: email,
      Phone: i % 3 === 0 ? `+1 555 020 ${String(i).padStart(4, '0')}` : `555-020-${String(i).padStart(4, '0')}`,
      Clinician: DANA,
      Status: 'Active',
      'Email OK': i === 5 ? false : '',
      'Preferred Name': i === 7 ? 'Sunny' : '',
    };
  });
}

/** Dana's clients who are not Active: never listed. */
function notActive(): Rec[] {
  return [
    {
      'Client ID': '08801',
      'First Name': 'Nadia',
      'Last Name': 'Formerly',
      Email: 'nadia.formerly@mail.example.org',
      Phone: '555-030-0001',
      Clinician: DANA,
      Status: 'Inactive',
      Insurance: 'Aetna',
      Medicaid: false,
    },
    {
      'Client ID': '88802',
      'First Name': 'Theo',
      'Last Name': 'Discharged',
      Email: 'theo.discharged@mail.example.org',
      Phone: '555-030-0002',
      Clinician: DANA,
      Status: 'Discharged',
      Insurance: 'Aetna',
      Medicaid: false,
    },
  ];
}

export interface DepartureHubOptions {
  /** Clients of the sample practice (default 40). */
  practiceClients?: number;
  /** Dana's Active clients in all (default: whatever the sample gives her). */
  danaActive?: number;
  /** Seed the roster straight into Clients (fast for big hubs) instead of importing it. */
  importClients?: boolean;
}

export function departureHub(opts: DepartureHubOptions = {}): DepartureHub {
  const hub = newHub({
    clients: opts.practiceClients ?? 40,
    clinicians: 6,
    messy: true,
    importClients: opts.importClients,
  });
  setSetting(hub, 'Practice Name', 'Lakeside Wellness');
  setSetting(hub, 'Front Desk Phone', '(555) 010-0100');
  const roster = hub.rows('Clients');
  const isListed = (c: Rec): boolean => text(c.Clinician) === DANA && text(c.Status) === 'Active';
  const already = roster.filter(isListed).length;
  const anotherClinicianEmail = text(
    roster.find((c) => text(c.Clinician) !== DANA && text(c.Email).includes('@'))?.Email,
  );
  const extra = opts.danaActive === undefined ? 0 : opts.danaActive - already;
  if (extra < 0)
    throw new Error(`The sample already gives Dana ${already} Active clients, more than ${opts.danaActive}.`);
  hub.seed('Clients', [...extraClients(extra, anotherClinicianEmail), ...notActive()]);
  hub.emu.kernel.resetCounters();
  const all = hub.rows('Clients');
  return { hub, listed: all.filter(isListed), others: all.filter((c) => !isListed(c)) };
}

export const START = { clinician: DANA, noticeDate: '2026-11-20', lastDay: '2026-12-18' };

/** A call as the admin, through the runner (the result, or the run with its error). */
export const run = (hub: Hub, fn: string, ...args: unknown[]): RunResult =>
  hub.runner.run(fn, args, { user: hub.admin });

export function ok<T>(r: RunResult): T {
  if (!r.ok) throw new Error(`${r.fn} failed: ${r.error}`);
  return r.result as T;
}

/** The spreadsheet a departure's sheet was created as. */
export function fileAt(emu: Emulator, url: string): string {
  const book = emu.sheets.all().find((b) => b.url === url);
  if (!book) throw new Error(`No spreadsheet at ${url}`);
  return book.id;
}

/** The therapist's sheet as records keyed by its header row (row 2), with their sheet row numbers. */
export function sheetRecords(emu: Emulator, fileId: string): (Record<string, string> & { row: string })[] {
  const { values } = emu.sheets.peek(fileId, 'Clients');
  const headerAt = values.findIndex((r) => r.some((v) => String(v).trim() === 'Ref'));
  const headers = values[headerAt].map((h) => String(h).trim());
  return values
    .slice(headerAt + 1)
    .map((r, i) => ({ r, row: headerAt + 2 + i }))
    .filter(({ r }) => r.some((v) => v !== ''))
    .map(({ r, row }) => {
      const rec: Record<string, string> & { row: string } = { row: String(row) };
      headers.forEach((h, i) => {
        if (h) rec[h] = String(r[i] ?? '');
      });
      return rec;
    });
}

/** The A1 address of a header's cell on a sheet row of the therapist's sheet. */
export function sheetCell(emu: Emulator, fileId: string, header: string, row: number): string {
  const { values } = emu.sheets.peek(fileId, 'Clients');
  const headers = values.find((r) => r.some((v) => String(v).trim() === 'Ref')) ?? [];
  const col = headers.findIndex((h) => String(h).trim() === header);
  if (col < 0) throw new Error(`The therapist's sheet has no ${header} column`);
  return `${columnLetter(col + 1)}${row}`;
}

/** The therapist typing into one cell of her transition sheet (a sheet row number and a header), as the dropdowns and protections allow. */
export function therapistTypes(
  emu: Emulator,
  fileId: string,
  header: string,
  row: number,
  value: unknown,
  user = DANA_EMAIL,
): EditResult {
  return emu.sheets.userEdit(fileId, 'Clients', sheetCell(emu, fileId, header, row), value, user);
}

export { byHandOn } from './hub';

/** Every string and number stored anywhere in a spreadsheet: names, cells, notes, validation lists, protections. */
export function everythingIn(emu: Emulator, fileId: string): { strings: string[]; numbers: number[] } {
  const book = emu.sheets.toJSON().books.find((b) => (b as { id: string }).id === fileId) as unknown as Record<
    string,
    unknown
  >;
  const strings: string[] = [];
  const numbers: number[] = [];
  const walk = (v: unknown, key: string): void => {
    if (key === 'id') return; // the file's own id, not content
    if (typeof v === 'string') strings.push(v);
    else if (typeof v === 'number') numbers.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, ''));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(book, '');
  return { strings, numbers };
}

/** What of another client's data a spreadsheet holds (its ID, email or full name), as sentences; [] when nothing. */
export function leaksOf(emu: Emulator, fileId: string, others: Rec[], listed: Rec[]): string[] {
  const { strings, numbers } = everythingIn(emu, fileId);
  const lower = strings.map((s) => s.toLowerCase());
  const listedEmails = new Set(listed.map((c) => text(c.Email).toLowerCase()));
  const fullName = (c: Rec): string => `${text(c['First Name'])} ${text(c['Last Name'])}`.trim();
  const listedNames = new Set(listed.map(fullName));
  const found: string[] = [];
  for (const c of others) {
    const id = text(c['Client ID']);
    const idToken = new RegExp(`(^|[^0-9A-Za-z])${id}($|[^0-9A-Za-z])`);
    if (id && (strings.some((s) => idToken.test(s)) || (!id.startsWith('0') && numbers.includes(Number(id)))))
      found.push(`Client ID ${id}`);
    const email = text(c.Email).toLowerCase();
    // An address a listed client shares (a household) is that client's data too.
    if (email.includes('@') && !listedEmails.has(email) && lower.some((s) => s.includes(email)))
      found.push(`email of ${id}`);
    const name = fullName(c);
    if (name.includes(' ') && !listedNames.has(name) && strings.some((s) => s.includes(name)))
      found.push(`name of ${id}`);
  }
  return found;
}
