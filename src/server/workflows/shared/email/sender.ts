/**
 * The send loop. Everything is decided and rendered before the first email
 * goes out (an unknown placeholder or a blank template stops the batch with
 * nothing sent); then, per email: record 'sending' and flush, send, record
 * 'sent'. The quota and the clock are watched before each send; a stopped
 * batch leaves its job pending for the continuation trigger.
 *
 * The caller holds the document lock (every writing action does).
 */
import type { Env } from '../../../services/context';
import { CLIENT_FACING_TEMPLATES } from '../../../core/schema';
import { render, TemplateError, type Rendered } from '../../../core/templates';
import { isValidEmail, parseBool } from '../../../core/text';
import { valueOf } from './fields';
import { CaseMarks } from './flags';
import { Ledger, ledgerKeysOf, type LedgerRow } from './ledger';
import { BUDGET_MS, clearPending, resumeAt, setPending } from './pending';
import { ProgressReporter } from './progress';
import { TemplateStore } from './templateStore';
import type { Outgoing, SendOptions, SendReport } from './types';

interface Ready {
  o: Outgoing;
  keys: string[];
  rendered: Rendered;
  cases: number;
}

const isClientFacing = (key: string): boolean => (CLIENT_FACING_TEMPLATES as readonly string[]).includes(key);
const QUOTA_ERROR = /too many times for one day: email/i;
const refList = (refs: string[]): string => refs.join(', ');

export const UNCONFIRMED_REASON = (templateKey: string): string =>
  `${templateKey} email unconfirmed: check the Sent mail before resending, then settle it (Settle unconfirmed email)`;

export function sendEmails(env: Env, outgoing: Outgoing[], opts: SendOptions = {}): SendReport {
  const dryRun = opts.dryRun === true || env.settings.bool('Dry Run');
  const testTo = String(opts.testTo ?? '').trim();
  if (testTo && !isValidEmail(testTo)) throw new Error(`"${testTo}" is not an email address, so no test was sent.`);
  const replyTo = env.settings.text('Reply-To');
  if (replyTo && !isValidEmail(replyTo)) {
    throw new Error(
      `The Reply-To setting "${replyTo}" is not an email address. Fix it on the Settings tab; nothing was sent.`,
    );
  }
  const senderName = env.settings.text('Sender Name') || env.settings.practiceName();
  const writes = !dryRun && !testTo;

  const templates = TemplateStore.of(env);
  const ledger = Ledger.of(env);
  const marks = new CaseMarks(env, opts.cases, opts.log);
  const report: SendReport = {
    sent: 0,
    emails: 0,
    skipped: 0,
    failed: 0,
    remaining: 0,
    quotaLeft: 0,
    flagged: marks.flagged,
    unconfirmed: [],
    dryRun,
    continuing: false,
    stopped: null,
    sentRefs: [],
    testTo,
  };

  settleInterrupted(ledger, marks, report, writes);
  const ready = decide(outgoing, templates, ledger, marks, report, !testTo);

  if (testTo) return sendTest(ready, testTo, senderName, replyTo, report);

  let quotaLeft = MailApp.getRemainingDailyQuota();
  const progress =
    writes && (ready.length > 1 || opts.job)
      ? new ProgressReporter(
          env,
          opts.job ? `${opts.job.kind} ${JSON.stringify(opts.job.params)}` : 'emails',
          ready.length,
          quotaLeft,
        )
      : null;
  if (writes && opts.job && ready.length > 0) {
    // Armed before the first send: an execution killed mid-batch is still picked up.
    setPending(env, opts.job, 'running', env.ctx.now.getTime() + BUDGET_MS + 2 * AGAIN_MARGIN_MS);
  }

  const started = env.ctx.now.getTime();
  const slice = opts.maxEmails !== undefined && opts.maxEmails > 0 && !dryRun ? Math.floor(opts.maxEmails) : Infinity;
  // A dry run spends no quota: it counts what the batch would use against what is left.
  let wouldUse = 0;
  let longestSend = 0;
  let next = 0;
  for (; next < ready.length; next++) {
    const r = ready[next];
    if (quotaLeft - wouldUse < 1) {
      report.stopped = 'quota';
      break;
    }
    if (report.emails >= slice) {
      report.stopped = 'slice';
      break;
    }
    if (!dryRun && Date.now() - started + longestSend > BUDGET_MS) {
      report.stopped = 'time';
      break;
    }
    if (dryRun) {
      report.sent += r.cases;
      report.emails++;
      wouldUse++;
      continue;
    }
    ledger.add(rowsFor(r, 'sending', r.o.refs.length > 1 ? `One email to a household: ${refList(r.o.refs)}` : ''));
    ledger.commit(true);
    const t0 = Date.now();
    try {
      MailApp.sendEmail({
        to: r.o.to.trim(),
        subject: r.rendered.subject,
        body: r.rendered.text,
        htmlBody: r.rendered.html,
        name: senderName,
        ...(replyTo ? { replyTo } : {}),
      });
      ledger.add(rowsFor(r, 'sent', ''));
      report.sent += r.cases;
      report.emails++;
      report.sentRefs.push(...r.o.refs);
      marks.sent(r.o.refs, r.o.key);
      quotaLeft--;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (QUOTA_ERROR.test(message)) {
        ledger.add(
          rowsFor(r, 'failed', 'Not sent: the daily email quota was reached; it goes out after the quota resets.'),
        );
        quotaLeft = 0;
        report.stopped = 'quota';
        break;
      }
      ledger.add(rowsFor(r, 'failed', `Not sent: ${message}`));
      marks.flag(r.o.refs, `${r.o.key} email failed: ${message}`);
      report.failed += r.cases;
    }
    longestSend = Math.max(longestSend, Date.now() - t0);
    progress?.step({ sent: report.sent, left: ready.length - next - 1, quotaLeft, flagged: marks.flagged.length });
  }
  for (let i = next; i < ready.length; i++) report.remaining += ready[i].cases;
  report.quotaLeft = Math.max(0, quotaLeft);

  if (writes) {
    ledger.commit(false);
    marks.commit();
    if (opts.job) {
      if (report.stopped && report.remaining > 0) {
        report.continuing = setPending(env, opts.job, report.stopped, resumeAt(report.stopped));
      } else {
        clearPending(env, opts.job);
      }
    }
  }
  progress?.finish({
    sent: report.sent,
    left: report.remaining,
    quotaLeft: report.quotaLeft,
    flagged: marks.flagged.length,
    stopped: report.stopped,
  });
  return report;
}

/** Margin added to the armed continuation so it never fires while its batch still runs. */
const AGAIN_MARGIN_MS = 60 * 1000;

/**
 * Keys whose last ledger row is still 'sending' were interrupted between
 * recording and sending (only one run sends at a time: the lock). They become
 * 'unconfirmed': flagged on the case, a Log row, and never resent by the engine.
 */
function settleInterrupted(ledger: Ledger, marks: CaseMarks, report: SendReport, writes: boolean): void {
  const interrupted = ledger.entries().filter((e) => e.state === 'sending');
  for (const e of interrupted) {
    const refs = e.ref ? e.ref.split(/\s*,\s*/) : [];
    report.unconfirmed.push(...refs);
    if (!writes) continue;
    marks.flag(refs, UNCONFIRMED_REASON(e.template));
    marks.logRow(
      'Email unconfirmed',
      e.ref,
      `${e.template} to ${e.to}: the run stopped between recording and sending. Check the Sent mail, then settle it.`,
    );
  }
  if (writes) {
    ledger.add(
      interrupted.map((e) => ({
        key: e.key,
        ref: e.ref,
        template: e.template,
        to: e.to,
        state: 'unconfirmed' as const,
        detail:
          'Interrupted between recording and sending: check the Sent mail before resending, then settle it (Settle unconfirmed email).',
      })),
    );
  }
}

/** Sorts each email into skipped, held, failed or ready (rendered). */
function decide(
  outgoing: Outgoing[],
  templates: TemplateStore,
  ledger: Ledger,
  marks: CaseMarks,
  report: SendReport,
  useLedger: boolean,
): Ready[] {
  const ready: Ready[] = [];
  for (const o of outgoing) {
    const refs = o.refs;
    const cases = Math.max(1, refs.length);
    const keys = ledgerKeysOf(o);
    if (useLedger) {
      const states = keys.map((k) => ledger.state(k));
      if (states.every((s) => s === 'sent')) {
        report.skipped += cases;
        continue;
      }
      const blocked = states.some((s) => s === 'sent' || s === 'sending' || s === 'unconfirmed');
      if (blocked) {
        states.forEach((s, i) => {
          const ref = refs[i] ?? refs.join(', ');
          if (s === 'unconfirmed' && !report.unconfirmed.includes(ref)) report.unconfirmed.push(ref);
          if (s !== 'sent' && s !== 'sending' && s !== 'unconfirmed' && refs[i]) {
            marks.flag(
              [refs[i]],
              `${o.key} not sent: it shares one email with a case already emailed or unconfirmed, so send it on its own`,
            );
          }
        });
        report.skipped += cases;
        continue;
      }
    }
    if (o.hold) {
      marks.flag(refs, o.hold);
      report.skipped += cases;
      continue;
    }
    if (isClientFacing(o.key) && parseBool(valueOf(o.fields, 'Email OK')) === false) {
      marks.flag(refs, `Email OK is FALSE: ${o.key} not emailed, call the client instead`);
      report.skipped += cases;
      continue;
    }
    const to = String(o.to ?? '').trim();
    if (!to) {
      marks.flag(
        refs,
        isClientFacing(o.key)
          ? `No email address: ${o.key} not sent, call instead`
          : `No email address to send ${o.key} to: not sent`,
      );
      report.skipped += cases;
      continue;
    }
    if (!isValidEmail(to)) {
      marks.flag(refs, `Bad email address "${to}": ${o.key} not sent`);
      report.failed += cases;
      continue;
    }
    let rendered: Rendered;
    try {
      rendered = render(templates.get(o.key), o.fields);
    } catch (e) {
      // An unknown placeholder is the template's fault and would hit every email: stop the batch. An empty field is this case's.
      if (e instanceof TemplateError && e.unknown.length === 0) {
        marks.flag(refs, `${o.key} not sent: ${e.message}`);
        report.failed += cases;
        continue;
      }
      throw e;
    }
    ready.push({ o, keys, rendered, cases });
  }
  return ready;
}

function rowsFor(r: Ready, state: LedgerRow['state'], detail: string): LedgerRow[] {
  const to = r.o.to.trim();
  if (r.o.ledgerKey || r.o.refs.length === 0) {
    return [{ key: r.keys[0], ref: refList(r.o.refs), template: r.o.key, to, state, detail }];
  }
  return r.o.refs.map((ref, i) => ({ key: r.keys[i], ref, template: r.o.key, to, state, detail }));
}

/** A test: the first sendable email, to the tester only, marked [TEST], recorded nowhere. */
function sendTest(ready: Ready[], testTo: string, senderName: string, replyTo: string, report: SendReport): SendReport {
  const first = ready[0];
  if (!first)
    throw new Error(
      'No email in this batch can be sent (each is already sent, held or has a problem), so no test was sent.',
    );
  MailApp.sendEmail({
    to: testTo,
    subject: `[TEST] ${first.rendered.subject}`,
    body: first.rendered.text,
    htmlBody: first.rendered.html,
    name: senderName,
    ...(replyTo ? { replyTo } : {}),
  });
  return { ...report, emails: 1, sent: 0, quotaLeft: MailApp.getRemainingDailyQuota() };
}
