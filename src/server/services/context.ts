/**
 * Time, place and identity come in from the edge once per execution and are
 * passed down: the hub spreadsheet, its time zone, "now" and the acting user.
 */
import { Civil, toCivil } from '../core/dates';
import type { Settings } from '../table/settings';
import { activeUserEmail } from './caller';

export interface Ctx {
  readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly timeZone: string;
  readonly now: Date;
  readonly today: Civil;
  /** The acting user's email, lower-cased; '' when Google does not reveal it. */
  readonly user: string;
}

/**
 * A person's call in the hub: the acting user is the person at the keyboard
 * only, never the effective user (services/caller: a web-app visitor runs as
 * the deployer and must not be taken for them).
 */
export function openContext(): Ctx {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss)
    throw new Error("Caseload Handoff runs inside the practice's hub spreadsheet: open it and use the Handoff menu.");
  return contextOf(ss, activeUserEmail());
}

/** The context of a given hub: for a time-driven run (checked by services/caller first), which may have no active spreadsheet and opens the hub by id. */
export function contextOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, user = currentUserEmail()): Ctx {
  const timeZone = ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
  const now = new Date();
  return { ss, timeZone, now, today: toCivil(now, timeZone), user };
}

/** The active user, or for a trigger (no active user) the effective user it runs as. */
export function currentUserEmail(): string {
  const active = Session.getActiveUser().getEmail();
  const email = active || Session.getEffectiveUser().getEmail();
  return (email || '').trim().toLowerCase();
}

/** What every workflow is handed: the execution's context and the hub's Settings, read once. */
export interface Env {
  readonly ctx: Ctx;
  readonly settings: Settings;
}
