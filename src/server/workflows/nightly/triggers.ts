/**
 * Turning the nightly run on and off: exactly one daily trigger for
 * runNightly at the Nightly Hour (spreadsheet time zone), however often the
 * menu item is clicked, owned by the admin who turned it on (it runs as
 * them). The hub's id is remembered for them, because a time-driven run of an
 * add-on has no active spreadsheet to ask.
 */
import type { Env } from '../../services/context';
import { plural } from '../../core/text';
import { AuditLog } from '../../table/audit';

export const NIGHTLY_HANDLER = 'runNightly';
/** The one-off retry after a night the workbook was busy (see index.ts). */
export const RETRY_HANDLER = 'runNightlyRetry';
const HUB_KEY = 'caseloadHandoff.nightly.hub';

export interface NightlyTriggerState {
  on: boolean;
  /** The hour it runs (0-23, spreadsheet time zone), or null when off. */
  hour: number | null;
  timeZone: string;
  /** Daily runNightly triggers of this admin (1 when on, 0 when off). */
  triggers: number;
  owner: string;
  message: string;
}

/** The Nightly Hour setting as a whole hour, or a clear error naming it. */
export function nightlyHour(env: Env): number {
  const raw = env.settings.raw('Nightly Hour');
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(n) || n < 0 || n > 23) {
    throw new Error(
      `Settings ▸ Nightly Hour is "${String(raw)}": it must be a whole hour from 0 to 23 (spreadsheet time zone). Fix it and turn the nightly run on again; nothing was changed.`,
    );
  }
  return n;
}

function ours(...handlers: string[]): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => handlers.includes(t.getHandlerFunction()));
}

/** installNightlyTrigger(): replaces any nightly trigger of this admin with one at the Nightly Hour. */
export function installNightlyTrigger(env: Env): NightlyTriggerState {
  const hour = nightlyHour(env);
  const tz = env.ctx.timeZone;
  const removed = ours(NIGHTLY_HANDLER, RETRY_HANDLER);
  for (const t of removed) ScriptApp.deleteTrigger(t);
  ScriptApp.newTrigger(NIGHTLY_HANDLER).timeBased().everyDays(1).atHour(hour).inTimezone(tz).create();
  PropertiesService.getUserProperties().setProperty(HUB_KEY, env.ctx.ss.getId());
  const message = `The nightly run is on: every day at ${hour}:00 (${tz}), as ${env.ctx.user}.`;
  const log = AuditLog.open(env.ctx);
  log.add(
    'Nightly run on',
    '',
    `${message}${removed.length ? ` It replaced ${plural(removed.length, 'earlier trigger')}.` : ''}`,
  );
  log.commit();
  return { on: true, hour, timeZone: tz, triggers: 1, owner: env.ctx.user, message };
}

/** removeNightlyTrigger(): no nightly run (and no pending retry) for this admin. */
export function removeNightlyTrigger(env: Env): NightlyTriggerState {
  const removed = ours(NIGHTLY_HANDLER, RETRY_HANDLER);
  for (const t of removed) ScriptApp.deleteTrigger(t);
  const message = removed.length ? 'The nightly run is off.' : 'The nightly run was already off.';
  if (removed.length) {
    const log = AuditLog.open(env.ctx);
    log.add('Nightly run off', '', `${message} Turned off by ${env.ctx.user}.`);
    log.commit();
  }
  return { on: false, hour: null, timeZone: env.ctx.timeZone, triggers: 0, owner: env.ctx.user, message };
}

/** Whether this admin's nightly run is on (for the menu's toast and the sidebar). */
export function nightlyTriggerState(env: Env): NightlyTriggerState {
  const n = ours(NIGHTLY_HANDLER).length;
  let hour: number | null;
  try {
    hour = n ? nightlyHour(env) : null;
  } catch {
    hour = null;
  }
  return {
    on: n > 0,
    hour,
    timeZone: env.ctx.timeZone,
    triggers: n,
    owner: env.ctx.user,
    message:
      n > 0
        ? `The nightly run is on${hour === null ? '' : ` at ${hour}:00 (${env.ctx.timeZone})`}.`
        : 'The nightly run is off.',
  };
}

/** The hub the admin turned the nightly run on in (for a run with no active spreadsheet). */
export function rememberedHub(): string | null {
  return PropertiesService.getUserProperties().getProperty(HUB_KEY);
}

/** A one-off retry of tonight's run, some minutes from now, unless one is already waiting. */
export function scheduleRetry(afterMs: number): boolean {
  if (ours(RETRY_HANDLER).length > 0) return false;
  ScriptApp.newTrigger(RETRY_HANDLER).timeBased().after(afterMs).create();
  return true;
}

/** The retry trigger that just fired is spent; delete any left so none accumulate. */
export function clearRetries(): void {
  for (const t of ours(RETRY_HANDLER)) ScriptApp.deleteTrigger(t);
}

/** The menu items: the same, then a toast saying what is now true. */
export function installFromMenu(env: Env): NightlyTriggerState {
  const state = installNightlyTrigger(env);
  env.ctx.ss.toast(state.message, 'Caseload Handoff', 8);
  return state;
}

export function removeFromMenu(env: Env): NightlyTriggerState {
  const state = removeNightlyTrigger(env);
  env.ctx.ss.toast(state.message, 'Caseload Handoff', 8);
  return state;
}
