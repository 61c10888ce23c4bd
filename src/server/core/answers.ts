/**
 * A client's own answer to the departure notice, as plain values: the choices
 * the answer page offers and what each means for the case (its Preference),
 * the signed token of a personal link, and the limits on what the page takes.
 *
 * The token is `v1.<Ref>.<nonce>.<expires YYYYMMDD>.<mac>`, where mac is the
 * web-safe base64 (no padding) of HMAC-SHA256 over `v1|<hub id>|<Ref>|<nonce>|<expires>`
 * with a secret that never leaves script properties. The nonce is the case's
 * Answer Link ID: clearing that cell retires every link made for the case.
 * Nothing in a token is secret but the mac; nothing in it says more than the Ref.
 */
import { Civil, isCivil } from './dates';
import type { Preference } from './schema';

export interface AnswerChoice {
  /** What the form sends. */
  readonly id: string;
  /** The case's Preference once the client has chosen it. */
  readonly preference: Preference;
  /** What staff read (Client Answer, notes, digest). */
  readonly staffLabel: string;
}

export const ANSWER_CHOICES: readonly AnswerChoice[] = [
  {
    id: 'recommended',
    preference: 'Reassign to recommended clinician',
    staffLabel: 'Stay, with the recommended clinician',
  },
  { id: 'another', preference: 'Client will choose', staffLabel: 'Stay, with another clinician' },
  { id: 'later', preference: 'Undecided', staffLabel: 'Will choose later' },
  { id: 'refer', preference: 'Refer out', staffLabel: 'Refer out, please' },
  { id: 'stop', preference: 'Discharge', staffLabel: 'Stop services' },
];

/** The words the client reads for each choice. */
export function choiceText(id: string, practiceName: string): string {
  const practice = practiceName.trim() || 'the practice';
  switch (id) {
    case 'recommended':
      return `Stay with ${practice}, with the clinician you recommend for me`;
    case 'another':
      return `Stay with ${practice}, with another clinician`;
    case 'later':
      return "I'll choose later";
    case 'refer':
      return `Please refer me to a provider outside ${practice}`;
    default:
      return "I'd like to stop services for now";
  }
}

export const choiceById = (id: string): AnswerChoice | undefined => ANSWER_CHOICES.find((c) => c.id === id);
/** The choice a Preference stands for (to show a client their earlier answer), if any. */
export const choiceOfPreference = (p: string): AnswerChoice | undefined =>
  ANSWER_CHOICES.find((c) => c.preference.toLowerCase() === p.trim().toLowerCase());

// ---- Limits on what the page accepts -------------------------------------------------

/** A request body larger than this is refused unread. */
export const MAX_BODY_BYTES = 8 * 1024;
export const MAX_TOKEN_CHARS = 200;
export const MAX_WHEN_CHARS = 100;
export const MAX_NOTE_CHARS = 1000;
/** Answers one case may send in an hour, and the whole page in ten minutes (rate limits). */
export const ANSWERS_PER_CASE_PER_HOUR = 5;
export const ANSWERS_PER_TEN_MINUTES = 60;

export interface ClientAnswer {
  choice: AnswerChoice;
  /** Preferred day/time, as typed ('' when none). */
  when: string;
  note: string;
}

/** The form's fields checked: the answer, or a sentence for the client saying what to change. */
export function parseAnswer(fields: Record<string, unknown>): { answer: ClientAnswer } | { problem: string } {
  const text = (k: string): string | null => {
    const v = fields[k];
    if (v === undefined || v === null) return '';
    return typeof v === 'string' ? v.trim() : null;
  };
  const choiceId = text('choice');
  const when = text('when');
  const note = text('note');
  if (choiceId === null || when === null || note === null) return { problem: 'Please fill in the form again.' };
  const choice = choiceById(choiceId);
  if (!choice) return { problem: 'Please choose one of the options.' };
  if (when.length > MAX_WHEN_CHARS)
    return { problem: `Please keep the preferred day and time under ${MAX_WHEN_CHARS} characters.` };
  if (note.length > MAX_NOTE_CHARS) return { problem: `Please keep your note under ${MAX_NOTE_CHARS} characters.` };
  return { answer: { choice, when, note } };
}

/** The choice and the preferred time, as staff read them. */
export function answerSummary(a: ClientAnswer): string {
  return `${a.choice.staffLabel}${a.when ? `; preferred day/time: ${a.when}` : ''}`;
}

/** The Client Answer cell: the summary and when it was given (the client's words stay as typed). */
export function answerCellText(a: ClientAnswer, answeredAt: string): string {
  return `${answerSummary(a)} (answered ${answeredAt} through the link)`;
}

/** The Interaction Notes text of an answer. */
export function answerNoteText(a: ClientAnswer, changed: boolean): string {
  return [
    `Client ${changed ? 'changed their answer' : 'answered'} through their personal link: ${a.choice.staffLabel}.`,
    a.when ? `Preferred day/time: ${a.when}.` : '',
    a.note ? `Client's note: ${a.note}` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
}

// ---- The personal link --------------------------------------------------------------

export interface AnswerToken {
  ref: string;
  /** The case's Answer Link ID, or PREVIEW_NONCE for a link shown in a preview or test email. */
  nonce: string;
  expires: Civil;
}

/** The nonce of a link in a preview or a test email: it opens the page read-only and never saves. */
export const PREVIEW_NONCE = 'preview';
const TOKEN = /^v1\.(R-\d{1,15})\.([0-9a-f]{16}|preview)\.(\d{8})\.([A-Za-z0-9_-]{43})$/;

/** What is signed: the version, the hub, the case, its nonce and the expiry. */
export function tokenPayload(hubId: string, t: AnswerToken): string {
  return ['v1', hubId, t.ref, t.nonce, t.expires].join('|');
}

export function formatToken(t: AnswerToken, mac: string): string {
  return ['v1', t.ref, t.nonce, t.expires.replace(/-/g, ''), mac].join('.');
}

/** A token's parts, or null when it is not one (any length, any junk). */
export function parseToken(text: unknown): { token: AnswerToken; mac: string } | null {
  if (typeof text !== 'string' || text.length > MAX_TOKEN_CHARS) return null;
  const m = TOKEN.exec(text.trim());
  if (!m) return null;
  const expires = `${m[3].slice(0, 4)}-${m[3].slice(4, 6)}-${m[3].slice(6)}`;
  if (!isCivil(expires)) return null;
  return { token: { ref: m[1], nonce: m[2], expires }, mac: m[4] };
}

/** Signed bytes (as Utilities returns them) as web-safe base64 without padding. */
export function macText(bytes: readonly number[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] & 0xff, (bytes[i + 1] ?? 0) & 0xff, (bytes[i + 2] ?? 0) & 0xff];
    const n = (a << 16) | (b << 8) | c;
    const chars = [18, 12, 6, 0].map((s) => alphabet[(n >> s) & 63]);
    out += chars.slice(0, i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2).join('');
  }
  return out;
}

/** Equal strings, in time that depends only on their length (a mac is compared without leaking where it differs). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The link text of a notice: one person's link, or one line per member of a household. */
export function answerLinkText(links: readonly { name: string; url: string }[], until: string): string {
  if (links.length === 0) return '';
  if (links.length === 1)
    return `You can also tell us your choice online, with your personal link (it works until ${until}): ${links[0].url}`;
  return [
    `You can also tell us each person's choice online, with their personal link (each works until ${until}):`,
    ...links.map((l) => `${l.name}: ${l.url}`),
  ].join('\n');
}

/** A deployed web app's address: https://script.google.com/macros/s/<id>/exec, or /a/macros/<domain>/s/<id>/exec for Workspace. */
export function isAnswerPageUrl(url: string): boolean {
  return /^https:\/\/script\.google\.com\/(?:a\/macros\/[A-Za-z0-9.-]+|macros)\/s\/[A-Za-z0-9_-]{10,200}\/exec$/.test(
    url.trim(),
  );
}
