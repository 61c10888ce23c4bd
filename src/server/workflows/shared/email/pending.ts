/**
 * Batches still to finish, and the ONE continuation trigger that finishes
 * them. A job (kind + params, re-planned from the sheet and the ledger when it
 * resumes) is recorded in script properties, keyed by hub, as soon as a batch
 * starts sending, so even an execution killed from outside is picked up; the
 * trigger is always replaced, never added to, so at most one exists, and it is
 * deleted when nothing is pending.
 */
import type { Env } from '../../../services/context';
import { addDays, civilToDate, toCivil } from '../../../core/dates';
import type { JsonValue } from './types';
import { hubId } from './progress';

export const CONTINUE_HANDLER = 'continueSending';
const PREFIX = 'caseloadHandoff.pendingSends.';

/** A batch stops starting new sends this long after its execution began (the platform kills at 6 minutes). */
export const BUDGET_MS = 4.5 * 60 * 1000;
/** The continuation after a batch stopped for time. */
export const AGAIN_AFTER_MS = 60 * 1000;

export interface PendingJob {
  kind: string;
  params: JsonValue;
  /** Epoch ms before which the continuation does not run it. */
  notBefore: number;
  why: 'running' | 'time' | 'quota' | 'slice' | 'retry';
  attempts: number;
}

const jobId = (j: { kind: string; params: JsonValue }): string => `${j.kind}:${JSON.stringify(j.params)}`;

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

export function pendingJobs(ssId: string): PendingJob[] {
  const raw = props().getProperty(PREFIX + ssId);
  if (!raw) return [];
  try {
    return JSON.parse(raw) as PendingJob[];
  } catch {
    return [];
  }
}

function save(ssId: string, jobs: PendingJob[]): void {
  if (jobs.length === 0) props().deleteProperty(PREFIX + ssId);
  else props().setProperty(PREFIX + ssId, JSON.stringify(jobs));
}

/** Hubs with pending jobs (a time-driven run may have no active spreadsheet to ask). */
export function hubsWithPendingJobs(): string[] {
  return props()
    .getKeys()
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => k.slice(PREFIX.length));
}

/** Records or updates one job, then makes the trigger match what is pending; false when no trigger could be made. */
export function setPending(
  env: Env,
  job: { kind: string; params: JsonValue },
  why: PendingJob['why'],
  notBefore: number,
  attempts = 0,
): boolean {
  const ssId = hubId(env);
  const jobs = pendingJobs(ssId).filter((j) => jobId(j) !== jobId(job));
  jobs.push({ kind: job.kind, params: job.params, why, notBefore, attempts });
  save(ssId, jobs);
  return reschedule(jobs);
}

/** Forgets one job (finished, or given up on) and makes the trigger match what is left. */
export function clearPending(env: Env, job: { kind: string; params: JsonValue }): void {
  const ssId = hubId(env);
  const before = pendingJobs(ssId);
  const jobs = before.filter((j) => jobId(j) !== jobId(job));
  if (jobs.length !== before.length) save(ssId, jobs);
  reschedule(jobs);
}

/** After a slice the sidebar sends the next one itself; the continuation waits longer, for a sidebar that went away. */
export const AFTER_SLICE_MS = 3 * 60 * 1000;

/** When a stopped batch may go on: in a minute (time), after a sidebar's slice, or after the daily quota resets (quota). */
export function resumeAt(why: 'time' | 'quota' | 'slice'): number {
  const now = Date.now();
  if (why === 'time') return now + AGAIN_AFTER_MS;
  if (why === 'slice') return now + AFTER_SLICE_MS;
  // The quota starts afresh each day; ten minutes past midnight leaves a margin.
  const tz = Session.getScriptTimeZone();
  return civilToDate(addDays(toCivil(new Date(now), tz), 1), tz, 0, 10).getTime();
}

/** One trigger for the earliest pending job, or none. Returns whether a trigger is armed. */
export function reschedule(jobs: PendingJob[]): boolean {
  const existing = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === CONTINUE_HANDLER);
  for (const t of existing) ScriptApp.deleteTrigger(t);
  if (jobs.length === 0) return false;
  const earliest = Math.min(...jobs.map((j) => j.notBefore));
  const clock = ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased();
  try {
    // A definite time (the quota reset) is set as one; otherwise "in a minute".
    if (earliest - Date.now() > AGAIN_AFTER_MS) clock.at(new Date(earliest)).create();
    else clock.after(AGAIN_AFTER_MS).create();
    return true;
  } catch (e) {
    // No trigger to be had (the trigger limit, or an Editor add-on's one clock trigger per document):
    // the jobs stay pending in script properties and resume when a person sends again; nothing is
    // sent twice either way, so the batch's report stands instead of failing after its sends.
    console.warn(`No continuation trigger could be created: ${(e as Error).message}`);
    return false;
  }
}
