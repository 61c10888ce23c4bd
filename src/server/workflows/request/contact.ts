/**
 * "Verify Client Information: confirm the client's phone number and email are
 * up to date." Corrections made in the wizard go back to the Clients tab,
 * written exactly as typed (a '+1 555…' phone stays text), with one Log row.
 */
import type { Env } from '../../services/context';
import { isValidEmail } from '../../core/text';
import type { Row } from '../../table/table';
import { RequestBook } from './book';

export interface ContactInput {
  email?: string;
  phone?: string;
  /** The case being worked, for the Log row. */ ref?: string;
}
export interface ContactResult {
  clientId: string;
  email: string;
  phone: string;
  changed: string[];
}

const PHONE_CHARS = /^[0-9+().\-\s/#xXextEXT:]*$/;
const MAX_PHONE = 40;

function textOf(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`The ${what} must be text. Nothing was changed.`);
  return value.trim();
}

/** Problems with the typed contact details, each a sentence; empty when they may be saved. */
export function contactProblems(email: string | undefined, phone: string | undefined): string[] {
  const problems: string[] = [];
  if (email !== undefined && email !== '' && !isValidEmail(email)) {
    problems.push(`"${email}" is not an email address: check it with the client (for example name@example.com).`);
  }
  if (phone !== undefined && phone !== '') {
    const digits = phone.replace(/\D/g, '').length;
    if (phone.length > MAX_PHONE || !PHONE_CHARS.test(phone) || digits < 7 || digits > 15) {
      problems.push(
        `"${phone}" is not a phone number: use digits with spaces, dashes, brackets or a leading + (7 to 15 digits, "ext" allowed).`,
      );
    }
  }
  return problems;
}

export function updateClientContact(env: Env, clientId: string, input: ContactInput): ContactResult {
  if (!input || typeof input !== 'object') throw new Error('Give the email and/or phone to save. Nothing was changed.');
  const email = textOf(input.email, 'email');
  const phone = textOf(input.phone, 'phone');
  const problems = contactProblems(email, phone);
  if (problems.length) throw new Error(`${problems.join(' ')} Nothing was changed.`);
  const book = new RequestBook(env);
  const client = book.client(clientId);
  const id = client.text('Client ID');
  void book.log; // read before writing

  const changed: string[] = [];
  const describe: string[] = [];
  for (const [header, value] of [
    ['Email', email],
    ['Phone', phone],
  ] as const) {
    if (value === undefined) continue;
    const before = client.text(header);
    if (before === value) continue;
    client.set(header, value);
    changed.push(header);
    describe.push(`${header} "${before}" → "${value}"`);
  }
  const ref = typeof input.ref === 'string' ? input.ref.trim() : '';
  const settled = ref ? settleProposal(book, ref, client) : false;
  if (changed.length)
    book.log.add('Client contact updated', ref, `Client ${id}: ${describe.join('; ')} (confirmed with the client).`);
  if (changed.length || settled) book.commit();
  return { clientId: id, email: client.text('Email'), phone: client.text('Phone'), changed };
}

const PROPOSAL = 'Contact change proposed by therapist:';
const PROPOSED_PART = /^(Email|Phone) → /;

/**
 * The therapist's proposed contact change on the case (sync flags it for
 * review) is reviewed once the Clients tab holds what she proposed: its
 * reason leaves the Flag, so the admin is not asked again. A proposal the
 * Clients tab does not match yet stays.
 */
function settleProposal(book: RequestBook, ref: string, client: Row): boolean {
  const row = book.cases.findRow('Ref', ref);
  if (!row || row.text('Client ID') !== client.text('Client ID')) return false;
  const entries = row
    .text('Flag')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const start = entries.findIndex((s) => s.startsWith(PROPOSAL));
  if (start < 0) return false;
  // The proposal's parts ("Email → …", "Phone → …") may be entries of their own after the first.
  let end = start + 1;
  while (end < entries.length && PROPOSED_PART.test(entries[end])) end++;
  const parts = [
    ...entries[start]
      .slice(PROPOSAL.length)
      .trim()
      .split(/,\s*(?=(?:Email|Phone) → )/),
    ...entries.slice(start + 1, end),
  ];
  const holds = parts.every((part) => {
    const m = /^(Email|Phone) → (.*)$/.exec(part);
    return m !== null && client.text(m[1]) === (m[2] === '(blank)' ? '' : m[2].trim());
  });
  if (!holds) return false;
  row.set('Flag', [...entries.slice(0, start), ...entries.slice(end)].join('; '));
  return true;
}
