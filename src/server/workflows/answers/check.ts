/**
 * Whether a personal link may be used, in the order that costs least for a
 * link that may not: its shape, then its signature (constant time), then the
 * hub, its expiry, the practice still offering the page, the rate limits, and
 * last the case itself: it exists, the link's nonce is still its Answer Link
 * ID, and it is not closed. Every refusal is the same to the visitor; only
 * the execution log says which check refused (no client detail in it).
 */
import type { Env } from '../../services/context';
import {
  ANSWERS_PER_CASE_PER_HOUR,
  ANSWERS_PER_TEN_MINUTES,
  constantTimeEqual,
  parseToken,
  PREVIEW_NONCE,
  type AnswerToken,
} from '../../core/answers';
import { isTerminal } from '../../core/schema';
import { contextOf } from '../../services/context';
import { Settings } from '../../table/settings';
import type { Row } from '../../table/table';
import { answerKeys, answerPageUrl, CLIENT_ANSWER, LINK_ID, signToken, type AnswerKeys } from '../shared/answerLinks';
import { CaseDesk } from '../shared/caseDesk';

/** Who the Log, Interaction Notes and Updated By name for an answer the client gave through their link. */
export const ANSWER_AUTHOR = 'client (answer link)';

export type LinkUse = 'view' | 'answer';

export type Checked =
  | { ok: true; env: Env; desk: CaseDesk; row: Row; token: AnswerToken; text: string; preview: boolean }
  | { ok: false; why: string };

const refuse = (why: string): Checked => {
  console.warn(`Answer page: a link was refused (${why}).`);
  return { ok: false, why };
};

/** The signature alone: no sheet is read for a link that fails it. */
export function signedToken(text: unknown): { token: AnswerToken; keys: AnswerKeys } | null {
  const parsed = parseToken(text);
  if (!parsed) return null;
  const keys = answerKeys();
  if (!keys || !constantTimeEqual(signToken(keys, parsed.token), parsed.mac)) return null;
  return { token: parsed.token, keys };
}

export function checkLink(text: unknown, use: LinkUse): Checked {
  const signed = signedToken(text);
  if (!signed) return refuse('not a link this practice made');
  const { token, keys } = signed;
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  try {
    ss = SpreadsheetApp.openById(keys.hubId);
  } catch {
    return refuse('the hub cannot be opened');
  }
  const ctx = contextOf(ss, ANSWER_AUTHOR);
  if (ctx.today > token.expires) return refuse('expired');
  const env: Env = { ctx, settings: Settings.read(ss, ctx.timeZone) };
  if (!answerPageUrl(env)) return refuse('the practice has turned the answer page off');
  if (!withinRate(token.ref, use)) return refuse('rate limit');
  const desk = new CaseDesk(env);
  const row = desk.cases.findRow('Ref', token.ref);
  if (!row) return refuse('unknown case');
  const preview = token.nonce === PREVIEW_NONCE;
  if (!preview && (!row.has(LINK_ID) || row.text(LINK_ID).toLowerCase() !== token.nonce))
    return refuse('a retired link');
  if (!row.has(CLIENT_ANSWER)) return refuse('no Client Answer column (run set-up)');
  if (isTerminal(row.text('Status'))) return refuse('the case is closed');
  return { ok: true, env, desk, row, token, text: String(text).trim(), preview };
}

const VIEWS_PER_CASE_PER_HOUR = 60;
const HOUR_S = 3600;

/**
 * Counts in the script cache (developers.google.com/apps-script/reference/cache/cache):
 * per case per hour, and for answers also across the page per ten minutes.
 * A count lost with the cache only ever lets more through, never blocks a client.
 */
function withinRate(ref: string, use: LinkUse): boolean {
  const cache = CacheService.getScriptCache();
  const now = Date.now();
  const hour = Math.floor(now / (HOUR_S * 1000));
  const tenMinutes = Math.floor(now / (600 * 1000));
  const keys = [`answers:${use}:${ref}:${hour}`];
  const limits = [use === 'view' ? VIEWS_PER_CASE_PER_HOUR : ANSWERS_PER_CASE_PER_HOUR];
  if (use === 'answer') {
    keys.push(`answers:all:${tenMinutes}`);
    limits.push(ANSWERS_PER_TEN_MINUTES);
  }
  const counts = cache.getAll(keys);
  const next: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) {
    const n = Number(counts[keys[i]] ?? 0);
    if (n >= limits[i]) return false;
    next[keys[i]] = String(n + 1);
  }
  cache.putAll(next, HOUR_S);
  return true;
}
