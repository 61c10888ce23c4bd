/**
 * The client's personal answer link: made for the departure notice and the
 * follow-up email when the practice has deployed the answer page (Settings ▸
 * Answer Page URL), and checked by the page itself (workflows/answers).
 *
 * The HMAC secret is made at set-up and kept in script properties (never in
 * the workbook, which every staff member can read); the hub's id sits beside
 * it, because a web-app request has no active spreadsheet to ask. A link
 * carries the case's Answer Link ID as its nonce: the first link for a case
 * writes a new one (before the email goes), later emails reuse it, and a
 * person clearing the cell retires every link made so far.
 */
import type { Env } from '../../services/context';
import {
  answerLinkText,
  formatToken,
  isAnswerPageUrl,
  macText,
  PREVIEW_NONCE,
  tokenPayload,
  type AnswerToken,
} from '../../core/answers';
import { addDays, type Civil, formatCivil } from '../../core/dates';
import { FIELD } from '../../core/fields';
import { isTerminal } from '../../core/schema';
import type { Row } from '../../table/table';
import { perExecution } from './email/memo';

const SECRET_KEY = 'caseloadHandoff.answers.secret';
const HUB_KEY = 'caseloadHandoff.answers.hub';
export const LINK_ID = 'Answer Link ID';
export const CLIENT_ANSWER = 'Client Answer';

export interface AnswerKeys {
  secret: string;
  hubId: string;
}

/** The secret and the hub's id, as set-up left them in script properties (null before set-up). */
export function answerKeys(): AnswerKeys | null {
  const all = PropertiesService.getScriptProperties().getProperties();
  const secret = all[SECRET_KEY] ?? '';
  const hubId = all[HUB_KEY] ?? '';
  return secret && hubId ? { secret, hubId } : null;
}

/** Set-up: a secret when there is none (never replaced: that would retire every link sent), and this hub's id. */
export function ensureAnswerKeys(hubId: string): { created: boolean } {
  const props = PropertiesService.getScriptProperties();
  const all = props.getProperties();
  const updates: Record<string, string> = {};
  if (!all[SECRET_KEY]) updates[SECRET_KEY] = newSecret();
  if (all[HUB_KEY] !== hubId) updates[HUB_KEY] = hubId;
  if (Object.keys(updates).length) props.setProperties(updates);
  return { created: SECRET_KEY in updates };
}

/** 256 bits from two random UUIDs (the platform's only random source a script has), hashed. */
function newSecret(): string {
  const seed = `${Utilities.getUuid()}:${Utilities.getUuid()}:${Date.now()}`;
  return macText(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, seed));
}

export function signToken(keys: AnswerKeys, token: AnswerToken): string {
  return macText(Utilities.computeHmacSha256Signature(tokenPayload(keys.hubId, token), keys.secret));
}

/** The answer page's address when the practice has deployed it (a web app /exec URL), else ''. */
export function answerPageUrl(env: Env): string {
  const url = env.settings.text('Answer Page URL');
  return isAnswerPageUrl(url) ? url : '';
}

export interface AnswerLink {
  url: string;
  /** The last day it works, long form ('January 1, 2027'). */
  until: string;
}

/**
 * How a link is made: 'mint' writes a new Answer Link ID on a case that has
 * none (the caller commits the case before the email goes); 'existing' makes
 * one only for a case that already has an id; 'preview' makes a read-only
 * link (preview and test emails), which opens the page but never saves.
 */
export type LinkMode = 'mint' | 'existing' | 'preview';

/** The case's link, or null: no answer page, no secret yet, no Answer Link ID column, a closed case, no last day. */
export function answerLink(env: Env, row: Row, lastDay: Civil | null, mode: LinkMode): AnswerLink | null {
  const base = answerPageUrl(env);
  if (!base || !lastDay || !row.has(LINK_ID) || isTerminal(row.text('Status'))) return null;
  const keys = perExecution(env, 'answerKeys', answerKeys);
  if (!keys) return null;
  let nonce = mode === 'preview' ? PREVIEW_NONCE : row.text(LINK_ID).toLowerCase();
  if (!/^[0-9a-f]{16}$/.test(nonce) && nonce !== PREVIEW_NONCE) {
    if (mode !== 'mint') return null;
    nonce = Utilities.getUuid().replace(/-/g, '').slice(0, 16).toLowerCase();
    row.set(LINK_ID, nonce);
  }
  const today = env.ctx.today;
  const expires = addDays(lastDay > today ? lastDay : today, env.settings.count('Answer Link Days'));
  const token: AnswerToken = { ref: row.text('Ref'), nonce, expires };
  const url = `${base}?a=${formatToken(token, signToken(keys, token))}`;
  return { url, until: formatCivil(expires, 'MMMM d, yyyy') };
}

/** The template fields of one email's links (one per member of a household): the sentence and the first link. */
export function answerFields(links: readonly { name: string; link: AnswerLink | null }[]): Record<string, string> {
  const made = links.filter((l): l is { name: string; link: AnswerLink } => l.link !== null);
  if (made.length === 0) return { [FIELD.answerLink]: '', [FIELD.answerUrl]: '' };
  return {
    [FIELD.answerLink]: answerLinkText(
      made.map((l) => ({ name: l.name, url: l.link.url })),
      made[0].link.until,
    ),
    [FIELD.answerUrl]: made[0].link.url,
  };
}
