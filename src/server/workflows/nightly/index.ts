/**
 * The nightly run (SPEC.md workflow 6), as the admin who turned it on:
 * therapist sheets synced, every open case's Next Action/Due/Flag
 * recomputed (and Unresponsive where the cadence ran out), access removed
 * after the last day, finished departures closed out, the Dashboard rebuilt,
 * therapists reminded, one digest to the staff, one summary row in Log.
 *
 * Each step runs on its own: one that throws is logged, the others still run,
 * and the digest says the run was incomplete.
 *
 * When another execution holds the document lock, the run writes nothing to
 * the workbook: appending to Log without the lock could land on the row the
 * other run is about to write. It notes the skipped night in script
 * properties (not the workbook) and leaves one retry trigger a quarter of an
 * hour later; the next run that holds the lock writes that note into Log
 * first. So the Log says the night was skipped, and is never raced.
 */
import type { Env } from '../../services/context';
import { Civil } from '../../core/dates';
import { plural } from '../../core/text';
import { contextOf, Ctx } from '../../services/context';
import { BusyError } from '../../services/lock';
import { requireRole } from '../../services/roles';
import { AuditLog } from '../../table/audit';
import { Settings } from '../../table/settings';
import { refreshDashboard } from '../dashboard';
import { closeOutDepartures, revokeTherapistAccess, syncAllDepartureSheets } from '../departure';
import { sendDigest } from './digest';
import { updateNextActions } from './nextActions';
import { remindTherapists } from './reminders';
import { clearRetries, rememberedHub, scheduleRetry } from './triggers';

export const NIGHTLY_ACTION = 'Nightly check';
/** How long a run waits for the lock before it gives the night up to the retry. */
const LOCK_WAIT_MS = 30 * 1000;
const RETRY_AFTER_MS = 15 * 60 * 1000;
const SKIPPED_KEY = 'caseloadHandoff.nightly.skipped.';
const RETRIED_KEY = 'caseloadHandoff.nightly.retried.';

export type RunSource = 'trigger' | 'retry' | 'manual';

export interface NightlySummary {
  date: Civil;
  startedAt: string;
  finishedAt: string;
  source: RunSource;
  ranAs: string;
  /** Why the run did nothing ('' when it ran). */
  skipped: string;
  complete: boolean;
  /** 'Complete' or 'INCOMPLETE: …', as the digest says it. */
  runStatus: string;
  failures: { step: string; message: string }[];
  openCases: number;
  overdue: number;
  markedUnresponsive: string[];
  sheetsSynced: number;
  accessRemoved: string[];
  departuresCompleted: string[];
  cliniciansLeft: string[];
  dashboardRefreshed: boolean;
  remindersSent: string[];
  remindersSkipped: { departureId: string; why: string }[];
  digestTo: string[];
  digestAlreadySent: string[];
  digestSkipped: string;
  settingsProblems: string[];
  /** Milliseconds the run took. */
  durationMs: number;
}

/** The trigger's handler (an event object) and clasp run (none). */
export function runNightly(e?: unknown): NightlySummary {
  return run(e && typeof e === 'object' ? 'trigger' : 'manual');
}

/** The one-off retry after a busy night. */
export function runNightlyRetry(): NightlySummary {
  clearRetries();
  return run('retry');
}

/** Menu: Handoff ▸ Run nightly check now, then a short summary for the admin who clicked. */
export function runNightlyFromMenu(): NightlySummary {
  const summary = run('manual');
  SpreadsheetApp.getActiveSpreadsheet()?.toast(toastText(summary), 'Nightly check', 10);
  return summary;
}

function run(source: RunSource): NightlySummary {
  const ss = SpreadsheetApp.getActiveSpreadsheet() ?? openRememberedHub();
  const ctx = contextOf(ss);
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    if (source === 'manual') throw new BusyError(NIGHTLY_ACTION);
    return skipBusy(ctx, source);
  }
  try {
    const settings = Settings.read(ctx.ss, ctx.timeZone);
    requireRole(ctx.user, settings, 'admin', NIGHTLY_ACTION);
    return runSteps(ctx, settings, source);
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

function openRememberedHub(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const id = rememberedHub();
  if (!id) {
    throw new Error(
      'The nightly run does not know which hub spreadsheet to check. Open the hub and choose Handoff ▸ Turn nightly run on again.',
    );
  }
  return SpreadsheetApp.openById(id);
}

function emptySummary(ctx: Ctx, source: RunSource): NightlySummary {
  return {
    date: ctx.today,
    startedAt: ctx.now.toISOString(),
    finishedAt: '',
    source,
    ranAs: ctx.user,
    skipped: '',
    complete: false,
    runStatus: '',
    failures: [],
    openCases: 0,
    overdue: 0,
    markedUnresponsive: [],
    sheetsSynced: 0,
    accessRemoved: [],
    departuresCompleted: [],
    cliniciansLeft: [],
    dashboardRefreshed: false,
    remindersSent: [],
    remindersSkipped: [],
    digestTo: [],
    digestAlreadySent: [],
    digestSkipped: '',
    settingsProblems: [],
    durationMs: 0,
  };
}

function runSteps(ctx: Ctx, settings: Settings, source: RunSource): NightlySummary {
  const s = emptySummary(ctx, source);
  // One Env for the run: every step works on the execution's shared tables (email/tables), so each
  // hub tab is read once and each step sees what the earlier ones wrote. The departure steps log
  // into one Log, opened when something is first logged and written after each step.
  let env: Env = { ctx, settings };
  let log = new RunLog(ctx);
  const step = <T>(name: string, fn: (env: Env, log: () => AuditLog) => T): T | null => {
    try {
      const result = fn(env, log.open);
      log.commit();
      return result;
    } catch (e) {
      s.failures.push({ step: name, message: e instanceof Error ? e.message : String(e) });
      // What the failed step changed in memory and did not write is dropped with its Env and Log:
      // the steps after it read the tabs afresh, as the sheet now is.
      env = { ctx, settings };
      log = new RunLog(ctx);
      return null;
    }
  };

  const sync = step('Sync therapist sheets', (e, l) => syncAllDepartureSheets(e, { log: l }));
  if (sync) {
    s.sheetsSynced = sync.synced.length;
    for (const f of sync.failed) s.failures.push({ step: `Sync ${f.departureId}`, message: f.message });
  }
  const next = step('Update next actions', (e) => updateNextActions(e));
  if (next) {
    s.openCases = next.open;
    s.overdue = next.overdue;
    s.markedUnresponsive = next.unresponsive;
    s.settingsProblems = next.settingsProblems;
  }
  const revoke = step('Remove therapist access', (e, l) => revokeTherapistAccess(e, { log: l }));
  if (revoke) {
    s.accessRemoved = revoke.revoked;
    for (const f of revoke.failed) s.failures.push({ step: `Remove access ${f.departureId}`, message: f.message });
  }
  const closed = step('Close out departures', (e, l) => closeOutDepartures(e, { log: l }));
  if (closed) {
    s.departuresCompleted = closed.completed;
    s.cliniciansLeft = closed.left;
  }
  s.dashboardRefreshed = step('Refresh dashboard', (e) => refreshDashboard(e)) !== null;
  const reminders = step('Remind therapists', (e) => remindTherapists(e));
  if (reminders) {
    s.remindersSent = reminders.sent;
    s.remindersSkipped = reminders.skipped;
  }
  s.runStatus = runStatus(s.failures);
  const digest = step('Send digest', (e) =>
    sendDigest(e, { runStatus: s.runStatus, unresponsive: s.markedUnresponsive }),
  );
  if (digest) {
    s.digestTo = digest.sentTo;
    s.digestAlreadySent = digest.alreadySent;
    s.digestSkipped = digest.skipped;
    if (digest.failed.length)
      s.failures.push({ step: 'Send digest', message: `not delivered to ${digest.failed.join(', ')}` });
  }
  s.complete = s.failures.length === 0;
  s.runStatus = runStatus(s.failures);
  s.finishedAt = new Date().toISOString();
  s.durationMs = Date.parse(s.finishedAt) - ctx.now.getTime();
  writeLog(ctx, s, log.open());
  return s;
}

/** The run's one Log: opened when first needed (3 calls), its rows written after each step. */
class RunLog {
  private log: AuditLog | null = null;
  constructor(private readonly ctx: Ctx) {}
  readonly open = (): AuditLog => {
    if (!this.log) this.log = AuditLog.open(this.ctx);
    return this.log;
  };
  commit(): void {
    this.log?.commit();
  }
}

export function runStatus(failures: readonly { step: string; message: string }[]): string {
  if (failures.length === 0) return 'Complete';
  return `INCOMPLETE: ${failures.map((f) => `${f.step} failed (${f.message})`).join('; ')}. See the Log tab.`;
}

/** Skipped nights noted earlier, each failed step, then the one summary row: one batch. */
function writeLog(ctx: Ctx, s: NightlySummary, log: AuditLog): void {
  const props = PropertiesService.getScriptProperties();
  const skipped = readSkipped(props, ctx.ss.getId());
  for (const note of skipped) log.add('Nightly run skipped', '', note);
  for (const f of s.failures) log.add('Nightly step failed', '', `${f.step}: ${f.message}`);
  log.add('Nightly run', '', summaryText(s));
  log.commit();
  // Forgotten only once they are in the Log.
  if (skipped.length) props.deleteProperty(SKIPPED_KEY + ctx.ss.getId());
}

export function summaryText(s: NightlySummary): string {
  const parts = [
    `${plural(s.openCases, 'open case')}, ${s.overdue} overdue`,
    s.markedUnresponsive.length ? `marked Unresponsive: ${s.markedUnresponsive.join(', ')}` : '',
    `${plural(s.sheetsSynced, 'therapist sheet')} synced`,
    s.accessRemoved.length ? `access removed: ${s.accessRemoved.join(', ')}` : '',
    s.departuresCompleted.length ? `departures complete: ${s.departuresCompleted.join(', ')}` : '',
    s.remindersSent.length ? `therapists reminded: ${s.remindersSent.join(', ')}` : 'no therapist reminder',
    s.digestTo.length
      ? `digest to ${plural(s.digestTo.length, 'person', 'people')}`
      : s.digestAlreadySent.length
        ? 'digest already sent today'
        : `no digest${s.digestSkipped ? ` (${s.digestSkipped})` : ''}`,
    s.settingsProblems.length ? `settings: ${s.settingsProblems.join(' ')}` : '',
    s.complete ? 'complete' : 'INCOMPLETE',
  ];
  return `${s.source === 'manual' ? 'Run by hand' : s.source === 'retry' ? 'Retry' : 'Nightly'}: ${parts.filter((p) => p !== '').join('; ')}.`;
}

function toastText(s: NightlySummary): string {
  const digest = s.digestTo.length
    ? `Digest sent to ${plural(s.digestTo.length, 'person', 'people')}.`
    : s.digestAlreadySent.length
      ? "Today's digest had already been sent."
      : '';
  return `${plural(s.openCases, 'open case')}, ${s.overdue} overdue. ${digest} ${s.complete ? '' : 'Some steps failed: see the Log tab.'}`.trim();
}

// ---- A night the workbook was busy -------------------------------------------------

function skipBusy(ctx: Ctx, source: RunSource): NightlySummary {
  const s = emptySummary(ctx, source);
  const props = PropertiesService.getScriptProperties();
  const id = ctx.ss.getId();
  const retriedToday = props.getProperty(RETRIED_KEY + id) === ctx.today;
  const retry = source === 'trigger' && !retriedToday && scheduleRetry(RETRY_AFTER_MS);
  if (retry) props.setProperty(RETRIED_KEY + id, ctx.today);
  const note =
    `The ${source === 'retry' ? 'retry of the nightly run' : 'nightly run'} at ${ctx.now.toISOString()} did not run: another change to the workbook was in progress. ` +
    (retry ? 'It was tried again 15 minutes later.' : 'It runs again at the next Nightly Hour.');
  const earlier = readSkipped(props, id);
  props.setProperty(SKIPPED_KEY + id, JSON.stringify([...earlier, note].slice(-20)));
  console.log(note);
  s.skipped = note;
  s.runStatus = 'INCOMPLETE: skipped, the workbook was busy.';
  s.finishedAt = new Date().toISOString();
  return s;
}

function readSkipped(props: GoogleAppsScript.Properties.Properties, id: string): string[] {
  try {
    const v = JSON.parse(props.getProperty(SKIPPED_KEY + id) ?? '[]') as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
