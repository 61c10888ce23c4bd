/**
 * A half-finished request survives a closed sidebar: the wizard saves its
 * answers in the user's own properties (per hub spreadsheet, so two hubs never
 * mix) and offers to resume. Completing the case or cancelling clears it.
 */
import type { Env } from '../../services/context';

export type DraftValue = string | number | boolean | null | DraftValue[] | { [key: string]: DraftValue };
export type RequestDraft = { [key: string]: DraftValue };

/** A property value holds at most 9 kB of UTF-8; a draft is a few answers, far below that. */
export const MAX_DRAFT_CHARS = 8000;

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The UTF-8 size the platform counts (no TextEncoder in Apps Script): 1–3 bytes a character, 4 a surrogate pair. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
const KEY_PREFIX = 'handoff.requestDraft.';

function keyOf(env: Env): string {
  return KEY_PREFIX + env.ctx.ss.getId();
}

function userProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getUserProperties();
}

export function saveRequestDraft(env: Env, draft: RequestDraft): { savedAt: string } {
  if (!draft || typeof draft !== 'object' || Array.isArray(draft)) {
    throw new Error("The request draft must be an object of the wizard's answers; it was not saved.");
  }
  const savedAt = env.ctx.now.toISOString();
  const json = JSON.stringify({ ...draft, savedAt });
  if (json.length > MAX_DRAFT_CHARS) {
    throw new Error(
      `The request draft is ${json.length} characters; at most ${MAX_DRAFT_CHARS} can be kept. Shorten the notes; the draft was not saved.`,
    );
  }
  const bytes = utf8Bytes(json);
  if (bytes > MAX_DRAFT_CHARS) {
    // Letters of many scripts take two or three bytes each, and the limit is in bytes.
    throw new Error(
      `The request draft takes ${bytes} bytes to keep; at most ${MAX_DRAFT_CHARS} can be kept. Shorten the notes; the draft was not saved.`,
    );
  }
  userProperties().setProperty(keyOf(env), json);
  return { savedAt };
}

/** The saved draft of this hub, or null (none, or unreadable: then it is dropped). */
export function loadRequestDraft(env: Env): RequestDraft | null {
  const props = userProperties();
  const raw = props.getProperty(keyOf(env));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as RequestDraft;
  } catch {
    // fall through: a damaged draft is worth less than a working wizard
  }
  props.deleteProperty(keyOf(env));
  return null;
}

export function clearRequestDraft(env: Env): { cleared: boolean } {
  const props = userProperties();
  const had = props.getProperty(keyOf(env)) !== null;
  if (had) props.deleteProperty(keyOf(env));
  return { cleared: had };
}

/** After a completion: the user's draft goes when it was about this case or this client. */
export function clearDraftOf(env: Env, ref: string, clientId: string): void {
  const draft = loadRequestDraft(env);
  if (!draft) return;
  if (draft.ref === ref || draft.clientId === clientId) userProperties().deleteProperty(keyOf(env));
}
