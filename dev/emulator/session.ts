/**
 * Session and User (developers.google.com/apps-script/reference/base/session).
 * Whether a script may see a person's email follows the documented rules
 * (ScriptEnv.visibleEmail).
 */
import crypto from 'node:crypto';
import { ScriptEnv } from './env';

export class User {
  constructor(
    private readonly env: ScriptEnv,
    private readonly email: string,
  ) {}
  getEmail(): string {
    return this.env.call('User.getEmail', () => this.env.visibleEmail(this.email));
  }
  /** Deprecated on the platform, still answered. */
  getUserLoginId(): string {
    return this.env.call('User.getUserLoginId', () => this.env.visibleEmail(this.email));
  }
  getNickname(): string {
    return this.env.call('User.getNickname', () => this.env.visibleEmail(this.email).split('@')[0] ?? '');
  }
  toString(): string {
    return this.env.visibleEmail(this.email);
  }
}

export function createSession(env: ScriptEnv, locale: () => string): object {
  return {
    getActiveUser: () => env.call('Session.getActiveUser', () => new User(env, env.activeUser())),
    getEffectiveUser: () => env.call('Session.getEffectiveUser', () => new User(env, env.effectiveUser())),
    getScriptTimeZone: () => env.call('Session.getScriptTimeZone', () => env.scriptTimeZone),
    /** Deprecated alias of getScriptTimeZone. */
    getTimeZone: () => env.call('Session.getTimeZone', () => env.scriptTimeZone),
    getActiveUserLocale: () => env.call('Session.getActiveUserLocale', () => locale()),
    /** Stable per user and script, and available even where the email is not (developers.google.com/apps-script/reference/base/session#getTemporaryActiveUserKey()). */
    getTemporaryActiveUserKey: () =>
      env.call('Session.getTemporaryActiveUserKey', () =>
        crypto.createHash('sha256').update(`${env.scriptId}|${env.activeUser()}`).digest('base64').slice(0, 43),
      ),
  };
}
