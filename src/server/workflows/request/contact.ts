/**
 * "Verify Client Information: confirm the client's phone number and email are
 * up to date." Corrections made in the wizard go back to the Clients tab,
 * written exactly as typed (a '+1 555…' phone stays text), with one Log row.
 */
import type { Env } from '../../api';
import { isValidEmail } from '../../core/text';
import { RequestBook } from './book';

export interface ContactInput { email?: string; phone?: string; /** The case being worked, for the Log row. */ ref?: string }
export interface ContactResult { clientId: string; email: string; phone: string; changed: string[] }

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
      problems.push(`"${phone}" is not a phone number: use digits with spaces, dashes, brackets or a leading + (7 to 15 digits, "ext" allowed).`);
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
  for (const [header, value] of [['Email', email], ['Phone', phone]] as const) {
    if (value === undefined) continue;
    const before = client.text(header);
    if (before === value) continue;
    client.set(header, value);
    changed.push(header);
    describe.push(`${header} "${before}" → "${value}"`);
  }
  if (changed.length) {
    book.log.add('Client contact updated', typeof input.ref === 'string' ? input.ref.trim() : '', `Client ${id}: ${describe.join('; ')} (confirmed with the client).`);
    book.commit();
  }
  return { clientId: id, email: client.text('Email'), phone: client.text('Phone'), changed };
}
