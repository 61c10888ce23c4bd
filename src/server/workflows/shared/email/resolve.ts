/**
 * Settling an unconfirmed email: after a run stopped between recording and
 * sending, only a person who has looked at the Sent mail can say whether it
 * went. Sent → recorded as sent (never sent again); not sent → eligible again.
 */
import type { Env } from '../../../services/context';
import type { TemplateKey } from '../../../core/schema';
import { AuditLog } from '../../../table/audit';
import { removeReason } from './flags';
import { caseKey, Ledger } from './ledger';
import { UNCONFIRMED_REASON } from './sender';
import { casesTable, indexed } from './tables';
import { requireTemplateKey } from './templateStore';

export type ResolvedHook = (env: Env, ref: string, sent: boolean) => void;
const hooks = new Map<TemplateKey, ResolvedHook[]>();

/** A workflow that stamps its own columns from the ledger (e.g. Notice Sent) hears of settled emails here. */
export function onResolved(key: TemplateKey, hook: ResolvedHook): void {
  hooks.set(key, [...(hooks.get(key) ?? []), hook]);
}

export interface Resolution {
  ref: string;
  templateKey: string;
  ledgerKey: string;
  state: 'sent' | 'failed';
}

/** `ref` is a case Ref, or a whole ledger key for an email not about one case (the digest). */
export function resolveUnconfirmed(env: Env, ref: unknown, templateKey: unknown, answer: unknown): Resolution {
  requireTemplateKey(templateKey);
  const refText = String(ref ?? '').trim();
  const sent = (answer as { sent?: unknown } | null)?.sent;
  if (typeof sent !== 'boolean')
    throw new Error('Say whether the email was sent: { sent: true } or { sent: false }. Nothing was changed.');
  const key = refText.includes(':') ? refText : caseKey(templateKey, refText);
  const ledger = Ledger.of(env);
  const entry = ledger.entry(key);
  if (!entry || (entry.state !== 'unconfirmed' && entry.state !== 'sending')) {
    throw new Error(
      `${refText} has no unconfirmed ${templateKey} email to settle (the Email Ledger says ${entry ? `"${entry.state}"` : 'it was never sent'}). Nothing was changed.`,
    );
  }
  const state = sent ? 'sent' : 'failed';
  ledger.add([
    {
      key,
      ref: entry.ref,
      template: entry.template,
      to: entry.to,
      state,
      detail: sent
        ? `Confirmed sent by ${env.ctx.user} from the Sent mail.`
        : `Confirmed NOT sent by ${env.ctx.user}: eligible to send again.`,
    },
  ]);
  ledger.commit(false);

  const cases = casesTable(env);
  const byRef = indexed(env, 'cases', cases, 'Ref');
  for (const r of entry.ref.split(/\s*,\s*/)) {
    const row = byRef.get(r);
    if (row) row.set('Flag', removeReason(row.text('Flag'), UNCONFIRMED_REASON(entry.template)));
  }
  cases.commit();
  for (const hook of hooks.get(templateKey) ?? []) hook(env, entry.ref, sent);
  const log = AuditLog.open(env.ctx);
  log.add(
    'Unconfirmed email settled',
    entry.ref,
    `${templateKey} to ${entry.to}: ${sent ? 'was sent' : 'was not sent; it may be sent again'}.`,
  );
  log.commit();
  return { ref: entry.ref, templateKey, ledgerKey: key, state };
}
