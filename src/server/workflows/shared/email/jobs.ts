/**
 * Registered batches: a job kind knows how to plan its emails from the sheet
 * and the ledger (so re-planning after a stop sends only what is left) and how
 * to record the outcome on its own columns. The continuation trigger runs
 * pending jobs through the same path as the person who started them.
 */
import type { Env } from '../../../services/context';
import { BusyError, withDocumentLock } from '../../../services/lock';
import { contextOf, type Ctx } from '../../../services/context';
import { requireRole } from '../../../services/roles';
import { AuditLog } from '../../../table/audit';
import { Settings } from '../../../table/settings';
import { hubId } from './progress';
import { clearPending, hubsWithPendingJobs, pendingJobs, reschedule, setPending, type PendingJob } from './pending';
import { sendEmails } from './sender';
import type { JsonValue, Outgoing, SendReport } from './types';

/** `sending`: the plan is for a real send (not a dry run or a test), so it may record what the emails will carry (a new answer link id) before they go. */
export type Planner = (env: Env, params: JsonValue, plan: { sending: boolean }) => Outgoing[];
export type Recorder = (env: Env, params: JsonValue, report: SendReport) => void;

const jobs = new Map<string, { plan: Planner; record?: Recorder }>();

export function registerJob(kind: string, planner: Planner, record?: Recorder): void {
  jobs.set(kind, { plan: planner, record });
}

/** Plans, sends and records one job; what the person's action and the continuation both run. */
export function runJob(
  env: Env,
  kind: string,
  params: JsonValue,
  opts: { dryRun?: boolean; testTo?: string } = {},
): SendReport {
  const job = jobs.get(kind);
  if (!job) throw new Error(`No email job "${kind}" is registered.`);
  const sending = !opts.dryRun && !opts.testTo && !env.settings.bool('Dry Run');
  const report = sendEmails(env, job.plan(env, params, { sending }), { ...opts, job: { kind, params } });
  if (!report.dryRun && !report.testTo) job.record?.(env, params, report);
  return report;
}

/** Failed continuations are retried a few times, further apart, then dropped with a Log row. */
const MAX_ATTEMPTS = 3;
const RETRY_MS = 5 * 60 * 1000;

export interface ContinueResult {
  ran: string[];
  left: number;
  busy: boolean;
}

/**
 * The continuation trigger's handler: runs the pending jobs of the hub that
 * are due, under the document lock, as the admin who started them, until one
 * stops again (time or quota). Always leaves exactly one trigger while
 * anything is pending and none after.
 */
export function continuePendingSends(): ContinueResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet() ?? openFirstPendingHub();
  if (!ss) {
    reschedule([]);
    return { ran: [], left: 0, busy: false };
  }
  const ctx = contextOf(ss);
  try {
    return withDocumentLock('Continue sending emails', () => runDue(ctx));
  } catch (e) {
    if (!(e instanceof BusyError)) throw e;
    // Someone else is writing: try again in a minute rather than fail.
    const jobs = pendingJobs(ss.getId());
    reschedule(jobs.map((j) => ({ ...j, notBefore: Date.now() })));
    return { ran: [], left: jobs.length, busy: true };
  }
}

function runDue(ctx: Ctx): ContinueResult {
  const settings = Settings.read(ctx.ss, ctx.timeZone);
  const env: Env = { ctx, settings };
  requireRole(ctx.user, settings, 'admin', 'Continue sending emails');
  const ssId = hubId(env);
  const ran: string[] = [];
  const due = pendingJobs(ssId).filter((j) => j.notBefore <= Date.now() + 60 * 1000);
  for (const job of due) {
    if (!jobs.has(job.kind)) {
      dropJob(env, job, `no email job "${job.kind}" exists in this version`);
      continue;
    }
    try {
      const report = runJob(env, job.kind, job.params);
      ran.push(job.kind);
      if (report.stopped) break;
    } catch (e) {
      retryOrDrop(env, job, e instanceof Error ? e.message : String(e));
    }
  }
  const left = pendingJobs(ssId);
  reschedule(left);
  return { ran, left: left.length, busy: false };
}

function retryOrDrop(env: Env, job: PendingJob, message: string): void {
  if (job.attempts + 1 >= MAX_ATTEMPTS) {
    dropJob(env, job, message);
    return;
  }
  setPending(env, job, 'retry', Date.now() + RETRY_MS * (job.attempts + 1), job.attempts + 1);
}

function dropJob(env: Env, job: PendingJob, why: string): void {
  clearPending(env, job);
  const log = AuditLog.open(env.ctx);
  log.add(
    'Sending stopped',
    '',
    `${job.kind} ${JSON.stringify(job.params)} could not continue: ${why}. Start it again from the sidebar.`,
  );
  log.commit();
}

function openFirstPendingHub(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
  const id = hubsWithPendingJobs()[0];
  return id ? SpreadsheetApp.openById(id) : null;
}
