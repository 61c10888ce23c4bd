/**
 * A set-up hub in the emulator for workflow tests: the built bundle, an admin
 * who ran Handoff ▸ Set up workbook, a CSR listed in Settings, the sample
 * practice's clinicians on Clinicians and its clients imported from an EHR
 * export. Counters are reset at the end, so a test measures only itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createEmulator, type Deployment, Emulator } from '../../dev/emulator/index';
import { Runner } from '../../dev/emulator/runner';
import { colLetters } from '../../dev/emulator/spreadsheet/a1';
import { User } from '../../dev/emulator/session';
import { exportCsv, samplePractice, SamplePractice } from '../../dev/sample/practice';
import { asCellText } from '../../src/server/core/cellText';
import { normalizeHeader } from '../../src/server/core/text';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const HUB_TIME_ZONE = 'America/New_York';
/** A Thursday afternoon in New York. */
export const DEFAULT_HUB_NOW = '2026-11-26T19:00:00.000Z';

let built = false;
/** Builds dist/ (bundle and sidebar) once per jest worker when it is missing (tests normally run after `npm run build`). */
export function ensureBuilt(): void {
  if (built) return;
  const missing = ['Code.js', 'Sidebar.html'].some((f) => !fs.existsSync(path.join(DIST, f)));
  if (missing) execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export interface HubOptions {
  clients?: number;
  clinicians?: number;
  seed?: number;
  now?: string;
  messy?: boolean;
  /** Run setUpWorkbook as the admin (default true). */
  setUp?: boolean;
  /** Clients through importRoster(exportCsv(...)) (default true); false seeds them straight into Clients. */
  importClients?: boolean;
  /** A script bound to the hub (default) or a published Editor add-on used in it. */
  deployment?: Deployment;
}

export interface Hub {
  emu: Emulator;
  runner: Runner;
  hubId: string;
  admin: string;
  csr: string;
  practice: SamplePractice;
  /** Records of a tab keyed by header (display values or raw values). */
  rows(tab: string, opts?: { display?: boolean }): Record<string, unknown>[];
  /** Write rows into a tab as a person pasting would (text kept exact), outside any execution. */
  seed(tab: string, records: Record<string, unknown>[]): void;
  call<T>(fn: string, ...args: unknown[]): T; // as the admin, through runner.callAsClient (JSON only)
  callAs<T>(user: string, fn: string, ...args: unknown[]): T;
  /** Header row of a tab. */
  headers(tab: string): string[];
  /** The whole hub (every tab: values, formats, validation, protections) as JSON, to compare before and after. */
  snapshot(): string;
  /**
   * A person pasting a block of cells (top-left `a1`), then the simple
   * onEdit with the pasted range, as the platform fires it for a paste.
   */
  paste(tab: string, a1: string, values: unknown[][], user?: string): ReturnType<Runner['run']>;
  /**
   * A person changing (or reading) the workbook by hand (deleting a tab or a
   * column, removing a dropdown …) through the Spreadsheet API, outside any
   * execution: the clock and the counters are left as they were. Returns what
   * `change` returns.
   */
  byHand<T>(change: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T): T;
}

/** Write calls (cells, formats, validation, protections, structure) among an execution's service calls. */
export function writeCalls(counters: { byMethod: Record<string, number> }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [m, n] of Object.entries(counters.byMethod)) {
    if (
      /^(Spreadsheet|Sheet|Range|RangeList|Protection)\.(set|insert|append|delete|clear|protect|remove|add|hide|show|sort|copyTo|moveTo|autoResize|merge|check|uncheck)/.test(
        m,
      )
    )
      out[m] = n;
  }
  return out;
}

export function newHub(opts: HubOptions = {}): Hub {
  ensureBuilt();
  const practice = samplePractice({
    clients: opts.clients ?? 40,
    clinicians: opts.clinicians ?? 6,
    seed: opts.seed,
    messy: opts.messy,
  });
  const admin = `admin@${practice.domain}`;
  const csr = `csr@${practice.domain}`;
  const emu = createEmulator({
    now: opts.now ?? DEFAULT_HUB_NOW,
    users: { owner: admin },
    scriptTimeZone: HUB_TIME_ZONE,
    deployment: opts.deployment,
  });
  const book = emu.sheets.create('Caseload Handoff', { owner: admin, timeZone: HUB_TIME_ZONE });
  book.editors.push(csr);
  const hubId = book.id;
  emu.sheets.setActive(hubId);
  emu.users.setActive(admin);
  const runner = new Runner(emu, { distDir: DIST });

  const hub: Hub = {
    emu,
    runner,
    hubId,
    admin,
    csr,
    practice,
    rows: (tab, o = {}) => tabRecords(emu, hubId, tab, o.display === true),
    seed: (tab, records) => seedRecords(emu, hubId, tab, records),
    call: <T>(fn: string, ...args: unknown[]) => runner.callAsClient<T>(fn, args, { user: admin }),
    callAs: <T>(user: string, fn: string, ...args: unknown[]) => runner.callAsClient<T>(fn, args, { user }),
    headers: (tab) => (emu.sheets.peek(hubId, tab).values[0] ?? []).map((h) => String(h)),
    snapshot: () => JSON.stringify(emu.sheets.toJSON().books.find((b) => (b as { id: string }).id === hubId)),
    paste: (tab, a1, values, user = admin) => pasteAndFire(emu, runner, hubId, tab, a1, values, user),
    byHand: <T>(change: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T) => byHandOn(emu, hubId, change),
  };

  if (opts.setUp !== false) {
    hub.call('setUpWorkbook');
    setSetting(hub, 'CSR Emails', csr);
    hub.seed('Clinicians', practice.clinicians as unknown as Record<string, unknown>[]);
    if (opts.importClients !== false) hub.call('importRoster', exportCsv(practice.clients));
    else hub.seed('Clients', practice.clients as unknown as Record<string, unknown>[]);
  }
  emu.kernel.resetCounters();
  return hub;
}

/** Sets one Settings value as a person typing it (the row must exist). */
export function setSetting(hub: Hub, name: string, value: unknown): void {
  const { values } = hub.emu.sheets.peek(hub.hubId, 'Settings');
  const headers = values[0].map((h) => normalizeHeader(String(h)));
  const nameCol = headers.indexOf('setting');
  const valueCol = headers.indexOf('value');
  const r = values.findIndex((row, i) => i > 0 && normalizeHeader(String(row[nameCol])) === normalizeHeader(name));
  if (r < 0) throw new Error(`Settings has no "${name}" row`);
  const edit = hub.emu.sheets.userEdit(
    hub.hubId,
    'Settings',
    `${columnLetter(valueCol + 1)}${r + 1}`,
    typeof value === 'string' ? asCellText(value) : value,
    hub.admin,
  );
  if (edit.rejected) throw new Error(`Setting ${name} was refused: ${edit.rejected}`);
}

/** One case's row by Ref (raw values, or as the sheet displays them); fails when there is none. */
export function caseRow(hub: Hub, ref: string, display = false): Record<string, unknown> {
  const row = hub.rows('Reassignments', { display }).find((r) => r.Ref === ref);
  if (!row) throw new Error(`no case ${ref} on Reassignments`);
  return row;
}

/** One cell of a tab, found by the value of a key column and a header, typed in by a person. */
export function setCell(
  emu: Emulator,
  hubId: string,
  tab: string,
  key: { header: string; value: string },
  header: string,
  value: unknown,
  user: string,
): void {
  const { values } = emu.sheets.peek(hubId, tab);
  const headers = values[0].map((h) => normalizeHeader(String(h)));
  const keyCol = headers.indexOf(normalizeHeader(key.header));
  const col = headers.indexOf(normalizeHeader(header));
  const r = values.findIndex((row, i) => i > 0 && String(row[keyCol]) === key.value);
  if (keyCol < 0 || col < 0 || r < 0) throw new Error(`No ${tab} cell ${key.value}/${header}`);
  const edit = emu.sheets.userEdit(hubId, tab, `${columnLetter(col + 1)}${r + 1}`, value, user);
  if (edit.rejected) throw new Error(edit.rejected);
}

/**
 * One cell of a hub tab, found by the value of a key column and a header,
 * changed by hand through the Spreadsheet API (as a paste that skips the
 * dropdown would: no validation or protection applies), outside any execution.
 */
export function setCellByHand(
  hub: Hub,
  tab: string,
  key: { header: string; value: string },
  header: string,
  value: unknown,
): void {
  hub.byHand((ss) => {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new Error(`No ${tab} tab`);
    const values = sheet.getDataRange().getValues();
    const keyCol = values[0].indexOf(key.header);
    const col = values[0].indexOf(header);
    const r = values.findIndex((row, i) => i > 0 && String(row[keyCol]) === key.value);
    if (keyCol < 0 || col < 0 || r < 0) throw new Error(`No ${tab} cell ${key.value}/${header}`);
    sheet.getRange(r + 1, col + 1).setValue(value);
  });
}

/** Column letters of a 1-based column number (1 → A, 27 → AA): the emulator's own A1 printer. */
export const columnLetter = colLetters;

/** Records of any spreadsheet's tab on an emulator, keyed by its trimmed header row (display or raw values). */
export function tabRecords(emu: Emulator, id: string, tab: string, display: boolean): Record<string, unknown>[] {
  const peek = emu.sheets.peek(id, tab);
  const grid: unknown[][] = display ? peek.display : peek.values;
  const headers = (peek.values[0] ?? []).map((h) => String(h).trim());
  return grid
    .slice(1)
    .filter((row) => row.some((v) => v !== ''))
    .map((row) => {
      const rec: Record<string, unknown> = {};
      headers.forEach((h, i) => {
        if (h) rec[h] = row[i] ?? '';
      });
      return rec;
    });
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Typed text stays exactly that text; an ISO day becomes a date, as it would when typed. */
function asTyped(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? '';
  return ISO_DAY.test(v) ? v : asCellText(v);
}

function seedRecords(emu: Emulator, id: string, tab: string, records: Record<string, unknown>[]): void {
  if (!records.length) return;
  const { values } = emu.sheets.peek(id, tab);
  const headers = (values[0] ?? []).map((h) => normalizeHeader(String(h)));
  const index = new Map(
    Object.keys(Object.assign({}, ...records)).map((k) => [k, headers.indexOf(normalizeHeader(k))]),
  );
  const rows = records.map((rec) => {
    const row: unknown[] = headers.map(() => '');
    for (const [k, v] of Object.entries(rec)) {
      const i = index.get(k) ?? -1;
      if (i >= 0) row[i] = asTyped(v);
    }
    return row;
  });
  // Keys the tab has no column for are dropped, as a person pasting under the existing headers would.
  emu.sheets.seed(id, tab, rows, Math.max(1, values.length) + 1);
}

/** A person's act, not the script's: it costs the script nothing and leaves the clock where it was. */
function unseen<T>(emu: Emulator, act: () => T): T {
  const kernel = emu.kernel;
  const clock = kernel.now();
  const counters = JSON.parse(JSON.stringify(kernel.counters)) as typeof kernel.counters;
  try {
    return act();
  } finally {
    kernel.counters = counters;
    kernel.setNow(clock);
  }
}

/**
 * Someone changing (or reading) any spreadsheet through the Spreadsheet API
 * outside any execution (the owner sorting, deleting a row, a paste that
 * skips the dropdown): the clock and the counters are left as they were.
 */
export function byHandOn<T>(emu: Emulator, id: string, change: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T): T {
  return unseen(emu, () => change(emu.sheets.app.openById(id) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet));
}

function pasteAndFire(
  emu: Emulator,
  runner: Runner,
  id: string,
  tab: string,
  a1: string,
  values: unknown[][],
  user: string,
): ReturnType<Runner['run']> {
  const block = unseen(emu, () => {
    const pasted = emu.sheets.range(id, tab, a1).offset(0, 0, values.length, values[0].length);
    pasted.setValues(values.map((r) => r.map(asTyped)));
    return pasted;
  });
  const event = { authMode: 'LIMITED', range: block, user: new User(emu.internal.env, user) };
  return runner.run('onEdit', [event], { user, authMode: 'LIMITED' });
}
