/**
 * The platform check: Handoff ▸ Check this installation (a dialog), or
 * `clasp run runPlatformCheck`. It creates a scratch spreadsheet, runs every
 * probe of probes.ts in it, undoes what the probes made elsewhere, moves the
 * scratch spreadsheet to the trash, and reports a table (probe, passed /
 * failed / cannot run, expected, got) to the person and to the Log. It never
 * touches the hub's tabs but for one Log row, and sends no email but the one
 * the caller may ask for, to themselves.
 */
import { TAB } from '../core/schema';
import { isValidEmail } from '../core/text';
import { activeUserEmail, requirePerson } from '../services/caller';
import { withDocumentLock } from '../services/lock';
import { requireRole } from '../services/roles';
import { AuditLog } from '../table/audit';
import { Settings } from '../table/settings';
import { Probe, ProbeResult, runProbe, Scene } from './probe';
import { CLEANUP, PROBES, resultsText, ROUND_TRIP_SAMPLE } from './probes';

export const CHECK_NAME = 'Check this installation';
export const CHECK_PAGE = 'Check';
const SCRATCH_NAME = 'Caseload Handoff platform check (safe to delete)';

export interface CheckOptions {
  /** A second address to share the scratch spreadsheet with and unshare (Google may tell them). */
  shareWith?: string;
  /** Send the results to the caller: the check's one email. */
  emailMe?: boolean;
  /** What the dialog got from getPlatformCheckSample and sends back: the round-trip probe. */
  roundTrip?: unknown;
  /** Only these probes (by name), for the emulator's contract tests. */
  only?: string[];
}

export interface CheckReport {
  passed: number;
  failed: number;
  cannotRun: number;
  results: ProbeResult[];
  /** What to tell the person, in one or two sentences. */
  message: string;
}

/** Who may run the check: an admin once the hub has one; anyone before set-up (the check comes first on day one). */
function requireAdminIfSetUp(hub: GoogleAppsScript.Spreadsheet.Spreadsheet | null, timeZone: string): void {
  // Always a signed-in person: a visitor of the answer page runs as its deployer (services/caller).
  const user = requirePerson(CHECK_NAME);
  if (!hub || !hub.getSheetByName(TAB.settings)) return;
  const settings = Settings.read(hub, timeZone);
  if (settings.emails('Admin Emails').length === 0) return;
  requireRole(user, settings, 'admin', CHECK_NAME);
}

interface Place {
  hub: GoogleAppsScript.Spreadsheet.Spreadsheet | null;
  timeZone: string;
}

function place(): Place {
  const hub = SpreadsheetApp.getActiveSpreadsheet();
  return { hub, timeZone: (hub && hub.getSpreadsheetTimeZone()) || Session.getScriptTimeZone() };
}

function readOptions(raw: unknown): CheckOptions {
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const share = typeof o.shareWith === 'string' ? o.shareWith.trim().toLowerCase() : '';
  if (share && !isValidEmail(share))
    throw new Error(`"${share}" is not an email address: give a colleague's address to check sharing, or none.`);
  const only = Array.isArray(o.only) ? o.only.map(String) : undefined;
  const unknown = (only ?? []).filter((n) => !PROBES.some((p) => p.name === n));
  if (unknown.length)
    throw new Error(
      `No probe named ${unknown.map((n) => `"${n}"`).join(', ')}. The probes: ${PROBES.map((p) => p.name).join('; ')}.`,
    );
  return {
    shareWith: share || undefined,
    emailMe: o.emailMe === true,
    roundTrip: 'roundTrip' in o ? o.roundTrip : undefined,
    only,
  };
}

/** The sample of JSON shapes the dialog fetches and sends back (the round-trip probe). */
export function roundTripSample(): typeof ROUND_TRIP_SAMPLE {
  const p = place();
  requireAdminIfSetUp(p.hub, p.timeZone);
  return ROUND_TRIP_SAMPLE;
}

/** Menu: opens the check's dialog, which runs the check through google.script.run. */
export function showPlatformCheck(): void {
  const p = place();
  requireAdminIfSetUp(p.hub, p.timeZone);
  const page = HtmlService.createHtmlOutputFromFile(CHECK_PAGE).setWidth(960).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(page, `Caseload Handoff: ${CHECK_NAME}`);
}

export function runPlatformCheck(options?: unknown): CheckReport {
  const { hub, timeZone } = place();
  requireAdminIfSetUp(hub, timeZone);
  const opts = readOptions(options);
  const probes: readonly Probe[] = opts.only ? PROBES.filter((p) => opts.only?.includes(p.name)) : PROBES;
  const scratch = SpreadsheetApp.create(SCRATCH_NAME);
  const undos: { what: string; fn: () => void }[] = [];
  const results: ProbeResult[] = [];
  let cleaned = false;
  try {
    // The hub's zone and locale: Sheets parses and shows values by them.
    scratch.setSpreadsheetTimeZone(timeZone);
    if (hub) scratch.setSpreadsheetLocale(hub.getSpreadsheetLocale());
    const scene: Scene = {
      scratch,
      tab: (name) => scratch.insertSheet(name),
      timeZone,
      user: activeUserEmail(),
      hub,
      shareWith: opts.shareWith ?? null,
      emailMe: opts.emailMe === true,
      roundTrip: opts.roundTrip,
      resultsSoFar: results,
      undo: (what, fn) => undos.push({ what, fn }),
    };
    for (const probe of probes) results.push(runProbe(probe, scene));
    results.push(cleanUp(scratch, undos));
    cleaned = true;
  } finally {
    // Reached only when the check itself broke (a probe's own errors are caught): still tidy up.
    if (!cleaned) cleanUp(scratch, undos);
  }
  const report = summarize(results);
  console.log(`${CHECK_NAME}: ${report.message}\n${resultsText(results)}`);
  if (hub && hub.getSheetByName(TAB.log)) logSummary(hub, timeZone, report);
  return report;
}

/** Undoes what the probes made outside the scratch spreadsheet, then trashes it; the table's last line. */
function cleanUp(
  scratch: GoogleAppsScript.Spreadsheet.Spreadsheet,
  undos: { what: string; fn: () => void }[],
): ProbeResult {
  const problems: string[] = [];
  for (const u of [...undos].reverse()) {
    try {
      u.fn();
    } catch (e) {
      problems.push(`could not ${u.what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    DriveApp.getFileById(scratch.getId()).setTrashed(true);
  } catch (e) {
    problems.push(
      `could not move the scratch spreadsheet to the trash (${e instanceof Error ? e.message : String(e)}); delete it by hand: ${scratch.getUrl()}`,
    );
  }
  const expected = 'everything undone, the scratch spreadsheet in the trash';
  return {
    probe: CLEANUP.name,
    status: problems.length ? 'failed' : 'passed',
    expected,
    got: problems.length ? problems.join('; ') : expected,
    page: CLEANUP.page,
  };
}

function summarize(results: ProbeResult[]): CheckReport {
  const count = (s: ProbeResult['status']): number => results.filter((r) => r.status === s).length;
  const passed = count('passed');
  const failed = count('failed');
  const cannotRun = count('cannot run');
  const ran = passed + failed;
  const skipped = cannotRun ? ` ${cannotRun} could not run here (not counted as failed).` : '';
  const message = failed
    ? `${failed} of ${ran} probes failed: ${results
        .filter((r) => r.status === 'failed')
        .map((r) => r.probe)
        .join(
          '; ',
        )}. Send this table to whoever supports your installation; the failed lines say what Google did differently.${skipped}`
    : `All ${ran} probes that could run passed.${skipped}`;
  return { passed, failed, cannotRun, results, message };
}

/** One Log row with the totals (the full table is in the execution log). */
function logSummary(hub: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, report: CheckReport): void {
  const failed = report.results.filter((r) => r.status === 'failed').map((r) => r.probe);
  const details = `${report.passed} passed, ${report.failed} failed, ${report.cannotRun} could not run${
    failed.length ? `; failed: ${failed.join('; ')}` : ''
  }`;
  withDocumentLock(CHECK_NAME, () => {
    const log = AuditLog.open({ ss: hub, timeZone, now: new Date(), user: activeUserEmail() });
    log.add(CHECK_NAME, '', details);
    log.commit();
  });
}
