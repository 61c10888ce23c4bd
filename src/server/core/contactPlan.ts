/**
 * The rules of a CSR's contact log, as plain values: which channels and
 * outcomes exist, which column an attempt fills, and how a case's Status moves
 * (forward only: New → Notice sent → Contacting → Reached → Scheduled; a
 * client who finally answers lifts an Unresponsive case to Reached).
 */
import { canonicalStatus } from './cadence';
import { isTerminal } from './schema';

/** 'reached' by email or text: the client answered the follow-up there (no call column is filled). */
export const CHANNELS = {
  call: ['no-answer', 'voicemail', 'reached'],
  email: ['sent', 'reached'],
  text: ['sent', 'reached'],
} as const;
export type Channel = keyof typeof CHANNELS;
export type Outcome = (typeof CHANNELS)[Channel][number];

export interface ContactInput {
  channel: Channel;
  outcome: Outcome;
  note: string;
}

/** A note longer than this is a paste gone wrong, not a note about a call. */
export const MAX_NOTE_CHARS = 5000;

const OUTCOME_WORDS: Record<string, string> = {
  'no-answer': 'no answer',
  voicemail: 'left a voicemail',
  reached: 'reached the client',
  sent: 'sent',
};

/** The request of logContact, checked; a clear sentence naming what is wrong otherwise. */
export function parseContactInput(ref: unknown, input: unknown): { ref: string; input: ContactInput } {
  const refText = typeof ref === 'string' ? ref.trim() : '';
  if (refText === '') throw new Error('Choose a case: logContact needs its Ref (e.g. R-000123). Nothing was changed.');
  if (input === null || typeof input !== 'object') {
    throw new Error(
      'logContact needs {channel, outcome, note?}: channel "call", "email" or "text". Nothing was changed.',
    );
  }
  const i = input as Record<string, unknown>;
  const channel = typeof i.channel === 'string' ? i.channel.trim().toLowerCase() : '';
  if (!(channel in CHANNELS)) {
    throw new Error(
      `"${String(i.channel ?? '')}" is not a contact channel: use "call", "email" or "text". Nothing was changed.`,
    );
  }
  const allowed: readonly string[] = CHANNELS[channel as Channel];
  const outcome = typeof i.outcome === 'string' ? i.outcome.trim().toLowerCase() : '';
  if (!allowed.includes(outcome)) {
    throw new Error(
      `"${String(i.outcome ?? '')}" is not an outcome of ${channel === 'email' ? 'an' : 'a'} ${channel}: use ${allowed.map((o) => `"${o}"`).join(', ')}. Nothing was changed.`,
    );
  }
  return { ref: refText, input: { channel: channel as Channel, outcome: outcome as Outcome, note: parseNote(i.note) } };
}

/** An optional note: text, trimmed, not absurdly long. */
export function parseNote(v: unknown, required = false): string {
  if (v !== undefined && v !== null && typeof v !== 'string') {
    throw new Error('The note must be text. Nothing was changed.');
  }
  const note = String(v ?? '').trim();
  if (required && note === '') throw new Error('Write the note first: it is empty. Nothing was changed.');
  if (note.length > MAX_NOTE_CHARS) {
    throw new Error(
      `The note is ${note.length} characters long; keep it under ${MAX_NOTE_CHARS}. Nothing was changed.`,
    );
  }
  return note;
}

// One spelling rule for statuses, the cadence's: the contact log, the nightly run and the panels read Status alike.
export { canonicalStatus } from './cadence';

/** How far along the contact a status is; terminal statuses are handled before this is asked. */
const RANK: Record<string, number> = {
  New: 0,
  'Notice sent': 1,
  Contacting: 2,
  Unresponsive: 3,
  Reached: 4,
  Scheduled: 5,
};

/** The status after an event that would put the case at `target`: never a step back. */
export function advanceStatus(current: string, target: 'Contacting' | 'Reached'): string {
  const now = canonicalStatus(current);
  if (isTerminal(now)) return now;
  const rank = RANK[now] ?? -1;
  return RANK[target] > rank ? target : now;
}

/** The column a call fills: Call 1, else Call 2, else none (a third call is only noted). */
export function callColumn(call1Filled: boolean, call2Filled: boolean): 'Call 1' | 'Call 2' | null {
  if (!call1Filled) return 'Call 1';
  if (!call2Filled) return 'Call 2';
  return null;
}

/** 'Call 2: left a voicemail', 'Another call (Call 1 and Call 2 already logged): no answer'. */
export function attemptText(channel: Channel, outcome: Outcome, column: string | null): string {
  const what = OUTCOME_WORDS[outcome] ?? outcome;
  if (channel === 'call')
    return column ? `${column}: ${what}` : `Another call (Call 1 and Call 2 already logged): ${what}`;
  if (outcome === 'reached') return `The client replied by ${channel === 'email' ? 'email' : 'text message'}: reached`;
  if (channel === 'email') return 'Follow-up email sent';
  return 'Follow-up text message sent from the practice phone';
}

/** The Interaction Notes channel word for each contact channel. */
export const NOTE_CHANNEL: Record<Channel | 'note' | 'close' | 'answer', string> = {
  call: 'Call',
  email: 'Email',
  text: 'Text',
  note: 'Note',
  close: 'Close',
  answer: 'Answer link',
};
