/**
 * Who started this execution. The client answer page is a web app that runs
 * as the admin who deployed it, and google.script.run on any page it serves
 * can name every top-level function of the project, for a visitor nobody
 * knows (developers.google.com/apps-script/guides/html/reference/run). Such a
 * visitor has no email (Session.getActiveUser() is blank: the web app is
 * authorized by its deployer, developers.google.com/apps-script/reference/base/user#getEmail()),
 * while the effective user is the admin. So identity never falls back to the
 * effective user for a person's call, and a trigger's handler checks that it
 * was started by one of this project's triggers.
 */
import { RoleError } from './roles';

/** The email of the person at the keyboard, lower-cased; '' when Google does not reveal it. */
export function activeUserEmail(): string {
  return (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
}

/**
 * A trigger's handler, started either by one of this project's triggers (its
 * event names the trigger) or by a signed-in person running it by hand.
 */
export function requireTriggerOrPerson(e: unknown, what: string): void {
  const uid = e && typeof e === 'object' ? (e as { triggerUid?: unknown }).triggerUid : undefined;
  if (uid !== undefined) {
    if (ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === String(uid))) return;
    throw new RoleError(`"${what}" was started by a trigger this project does not have, so it did not run.`);
  }
  requirePerson(what);
}

/** A person's call: the person at the keyboard must be known (never the effective user in their place). Returns their email. */
export function requirePerson(what: string): string {
  const email = activeUserEmail();
  if (!email)
    throw new RoleError(
      `Google did not tell the add-on who you are, so "${what}" was refused. Sign in with your practice account; nothing was changed.`,
    );
  return email;
}
