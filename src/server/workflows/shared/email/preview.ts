/**
 * Preview and test sends: what an email for one case will look like, and the
 * same email sent to the person asking, marked [TEST], recorded nowhere.
 * Workflows that know better who receives a key (and its extra fields)
 * register a builder; the generic one covers every case-level key.
 */
import type { Env } from '../../../services/context';
import { CASE_LEVEL_TEMPLATES, FIELD } from '../../../core/fields';
import { CLIENT_FACING_TEMPLATES, type TemplateKey } from '../../../core/schema';
import { render, sensitiveFieldWarnings } from '../../../core/templates';
import { isValidEmail, parseBool } from '../../../core/text';
import type { Row } from '../../../table/table';
import { cliniciansMatching } from '../clinicians';
import { answerFields, answerLink } from '../answerLinks';
import { isCivil } from '../../../core/dates';
import { caseFields, valueOf } from './fields';
import { Ledger, ledgerKeysOf } from './ledger';
import { casesTable, clientsTable, cliniciansTable, departuresTable, indexed } from './tables';
import { requireTemplateKey, TemplateStore } from './templateStore';
import type { Fields, Outgoing } from './types';

export type PreviewBuilder = (env: Env, ref: string) => Outgoing;
const builders = new Map<TemplateKey, PreviewBuilder>();

/** A workflow's own builder for a key (recipient and extra fields as it sends them). */
export function registerPreview(key: TemplateKey, builder: PreviewBuilder): void {
  builders.set(key, builder);
}

export interface Preview {
  to: string;
  subject: string;
  htmlBody: string;
  textBody: string;
  warnings: string[];
}

/** Renders one email; throws TemplateError naming unknown or empty placeholders. */
export function previewOutgoing(env: Env, o: Outgoing): Preview {
  const template = TemplateStore.of(env).get(o.key);
  const rendered = render(template, o.fields);
  return {
    to: o.to,
    subject: rendered.subject,
    htmlBody: rendered.html,
    textBody: rendered.text,
    warnings: [...sensitiveFieldWarnings(template), ...sendWarnings(env, o)],
  };
}

/** What would keep this email from going out, said before anyone presses Send. */
function sendWarnings(env: Env, o: Outgoing): string[] {
  const warnings: string[] = [];
  const ledger = Ledger.of(env);
  for (const key of ledgerKeysOf(o)) {
    const e = ledger.entry(key);
    if (e?.state === 'sent') warnings.push(`Already sent to ${e.to} (${key}); it will not be sent again.`);
    if (e?.state === 'sending' || e?.state === 'unconfirmed')
      warnings.push(
        `An earlier send of ${key} is unconfirmed: check the Sent mail and settle it before it can be sent.`,
      );
  }
  if (o.hold) warnings.push(o.hold);
  const clientFacing = (CLIENT_FACING_TEMPLATES as readonly string[]).includes(o.key);
  if (clientFacing && parseBool(valueOf(o.fields, 'Email OK')) === false)
    warnings.push('Email OK is FALSE for this client: it will not be emailed (call instead).');
  const to = o.to.trim();
  if (o.key !== 'TEXT_FOLLOWUP') {
    if (!to) warnings.push('There is no email address to send this to.');
    else if (!isValidEmail(to))
      warnings.push(`"${to}" is not a valid email address: this email would fail and the case be flagged.`);
  }
  if (o.refs.length > 1)
    warnings.push(`One email for ${o.refs.length} cases that share this address: ${o.refs.join(', ')}.`);
  return warnings;
}

export function previewEmail(env: Env, key: unknown, ref: unknown): Preview {
  requireTemplateKey(key);
  return previewOutgoing(env, outgoingFor(env, key, String(ref ?? '').trim()));
}

/** The email for one case, to the caller, subject '[TEST] …'; nothing is recorded on the case or the ledger. */
export function sendTestEmail(
  env: Env,
  key: unknown,
  ref: unknown,
): { to: string; subject: string; quotaLeft: number } {
  requireTemplateKey(key);
  const me = env.ctx.user;
  if (!me)
    throw new Error('Google did not say who you are, so there is no address to send the test to; nothing was sent.');
  const preview = previewOutgoing(env, outgoingFor(env, key, String(ref ?? '').trim()));
  if (MailApp.getRemainingDailyQuota() < 1)
    throw new Error("Today's email quota is used up; the test was not sent. Try again tomorrow.");
  const replyTo = env.settings.text('Reply-To');
  const subject = `[TEST] ${preview.subject}`;
  MailApp.sendEmail({
    to: me,
    subject,
    body: preview.textBody,
    htmlBody: preview.htmlBody,
    name: env.settings.text('Sender Name') || env.settings.practiceName(),
    ...(replyTo && isValidEmail(replyTo) ? { replyTo } : {}),
  });
  return { to: me, subject, quotaLeft: MailApp.getRemainingDailyQuota() };
}

function outgoingFor(env: Env, key: TemplateKey, ref: string): Outgoing {
  const builder = builders.get(key);
  if (builder) return builder(env, ref);
  if (!CASE_LEVEL_TEMPLATES.includes(key)) {
    throw new Error(
      `${key} is not about one case, so it cannot be previewed for ${ref || 'a case'}; it is previewed where it is sent.`,
    );
  }
  return genericOutgoing(env, key, ref);
}

/** A case row by Ref, or an error naming the Ref. */
export function caseByRef(env: Env, ref: string): Row {
  const row = indexed(env, 'cases', casesTable(env), 'Ref').get(ref);
  if (!row)
    throw new Error(`There is no case "${ref}" on the Reassignments tab. Use the Ref of a case (e.g. R-000123).`);
  return row;
}

export function clientOf(env: Env, caseRow: Row): Row | undefined {
  return indexed(env, 'clients', clientsTable(env), 'Client ID').get(caseRow.text('Client ID'));
}

function clinicianEmail(env: Env, name: string): string {
  return cliniciansMatching(cliniciansTable(env), name)[0]?.text('Email') ?? '';
}

/** What a departure adds to a case's fields: the departing therapist, their last day, the transition sheet. */
export function departureExtras(env: Env, caseRow: Row): Fields {
  const id = caseRow.text('Departure ID');
  if (!id) return {};
  const dep = indexed(env, 'departures', departuresTable(env), 'Departure ID').get(id);
  if (!dep) return {};
  const extras: Fields = { [FIELD.departureId]: id, [FIELD.transitionSheetUrl]: dep.text('Transition Sheet URL') };
  const lastDay = dep.date('Last Day');
  if (lastDay) extras[FIELD.lastDay] = lastDay;
  if (dep.text('Clinician')) extras[FIELD.therapistName] = dep.text('Clinician');
  return extras;
}

/** Recipient and fields of a case-level key as the completing and closing workflows send it. */
function genericOutgoing(env: Env, key: TemplateKey, ref: string): Outgoing {
  const caseRow = caseByRef(env, ref);
  const client = clientOf(env, caseRow);
  const extras: Fields = { ...departureExtras(env, caseRow) };
  const previous = caseRow.text('Previous Clinician');
  const next = caseRow.text('New Clinician') || caseRow.text('Recommended Clinician');
  if (key === 'CLINICIAN_NEW' || key === 'CLINICIAN_PREVIOUS' || key === 'MANAGEMENT_REMOVE') {
    extras[FIELD.newClinician] = next;
    extras[FIELD.intakeRequired] = caseRow.bool('Intake Required') ? 'Yes' : 'No';
    extras[FIELD.removalRequest] = `Remove ${previous} from client ${caseRow.text('Client ID')}'s list.`;
    extras[FIELD.therapistName] = previous;
  }
  const to =
    key === 'CLINICIAN_NEW'
      ? clinicianEmail(env, next)
      : key === 'CLINICIAN_PREVIOUS'
        ? clinicianEmail(env, previous)
        : key === 'MANAGEMENT_REMOVE'
          ? env.settings.text('Management Email')
          : key === 'TEXT_FOLLOWUP'
            ? (client?.text('Phone') ?? '')
            : (client?.text('Email') ?? '');
  const fields = caseFields(env, caseRow, client, extras);
  if (key === 'CONTACT_FOLLOWUP') {
    const lastDay = isCivil(extras[FIELD.lastDay]) ? extras[FIELD.lastDay] : null;
    Object.assign(
      fields,
      answerFields([{ name: fields[FIELD.greetingName], link: answerLink(env, caseRow, lastDay, 'preview') }]),
    );
  }
  const hold = client
    ? undefined
    : `Client ${caseRow.text('Client ID') || '(blank ID)'} of ${ref} is not on the Clients tab: fix the Client ID, then send.`;
  return { key, to, refs: [ref], fields, ...(hold ? { hold } : {}) };
}
