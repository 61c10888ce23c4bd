/**
 * The notices view of a departure, as mail-merge users expect it: every case
 * with its send state (sent, to send, skipped and why, flagged, unconfirmed),
 * a preview of any case's notice as the client gets it (the HTML body in a
 * frame that can run nothing), a test to yourself, a dry run, and Send with
 * the count in its question. A batch goes out in slices so a live progress
 * bar moves between them, and getSendProgress is polled for the sends inside
 * a slice (and for a batch the continuation is finishing).
 */
import type { App } from '../app';
import { button, buttons, count, h, replace, sandboxedFrame, scrollBox, table } from '../dom';
import { formatDate } from '../format';

type Departure = Awaited<ReturnType<App['api']['getDepartures']>>['departures'][number];
type NoticeList = Awaited<ReturnType<App['api']['getDepartureNotices']>>;
type NoticeRow = NoticeList['rows'][number];
type NoticeState = NoticeRow['state'];
type Report = Awaited<ReturnType<App['api']['sendDepartureNotices']>>;

const NOTICE = 'DEPARTURE_NOTICE';
/**
 * Emails per server call while sending: about an eighth of the batch, so the
 * bar moves several times even for a small one, and at most 25, so it moves
 * every half minute or so on the real platform (each call re-reads the tabs,
 * so slices are not made smaller than 3).
 */
export function sliceFor(total: number): number {
  return Math.max(3, Math.min(25, Math.ceil(total / 8)));
}
const POLL_MS = 1500;
const STATES: NoticeState[] = ['to send', 'sent', 'skipped', 'flagged', 'unconfirmed'];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const thousands = (n: number): string => n.toLocaleString('en-US');

export async function noticesView(
  box: HTMLElement,
  app: App,
  d: Departure,
  reloadDepartures: () => Promise<unknown>,
): Promise<void> {
  let list = await app.busy(app.api.getDepartureNotices(d.departureId), 'Loading the notices…');
  let filter: NoticeState | 'all' = list.counts['to send'] > 0 ? 'to send' : 'all';

  const filters = h('div', { class: 'filters', role: 'group', 'aria-label': 'Show cases' });
  const rowsBox = h('div', { class: 'notice-rows' });
  const previewBox = h('div', { class: 'notice-preview' });
  const progressBox = h('div', { class: 'notice-progress', hidden: true });
  const reportBox = h('div', { class: 'notice-report' });
  const sendRow = buttons();
  const summary = h('p', { class: 'secondary', 'data-role': 'notice-summary' });

  // ---- the list ---------------------------------------------------------------------
  const drawList = (): void => {
    replace(
      filters,
      (['all', ...STATES] as const).map((s) =>
        button(
          `${s === 'all' ? 'All' : s[0].toUpperCase() + s.slice(1)} (${s === 'all' ? list.rows.length : list.counts[s]})`,
          () => {
            filter = s;
            drawList();
          },
          '',
          { 'aria-pressed': String(filter === s), 'data-filter': s },
        ),
      ),
    );
    const shown = list.rows.filter((r) => filter === 'all' || r.state === filter);
    replace(
      rowsBox,
      shown.length === 0
        ? h('p', { class: 'secondary' }, 'No case in this list.')
        : scrollBox(
            'Cases and their notices',
            table(
              ['Case', 'Notice'],
              shown.map((r) => [
                h(
                  'div',
                  null,
                  button(r.ref, () => void preview(r).catch(() => undefined), '', {
                    'data-ref': r.ref,
                    'aria-label': `Preview the notice of ${r.ref}`,
                    class: 'link-button',
                  }),
                  h('div', null, r.clientName),
                ),
                h(
                  'div',
                  { 'data-state': r.state },
                  h('span', { class: `notice-state ${r.state.replace(' ', '-')}` }, stateText(r)),
                  r.why ? h('div', { class: 'secondary' }, r.why) : null,
                ),
              ]),
              { class: 'grid notice-list' },
            ),
          ),
    );
    const q = list.quotaLeft;
    replace(
      summary,
      `${plural(list.toSend.cases, 'case')} to notify in ${plural(list.toSend.emails, 'email')} (households get one). ${thousands(q)} emails left today.`,
    );
    replace(
      sendRow,
      button(
        'Dry run',
        () => {
          void dryRun().catch(() => undefined);
        },
        'action',
        { 'data-action': 'dry-run' },
      ),
      button(
        list.toSend.cases ? `Send ${plural(list.toSend.cases, 'notice')}…` : 'Nothing to send',
        () => {
          void askToSend().catch(() => undefined);
        },
        'share',
        { 'data-action': 'send', disabled: list.toSend.cases === 0 },
      ),
    );
  };
  const stateText = (r: NoticeRow): string => (r.state === 'sent' ? `Sent ${formatDate(r.sentOn)}` : cap(r.state));
  const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

  const refresh = async (): Promise<void> => {
    list = await app.busy(app.api.getDepartureNotices(d.departureId), 'Loading the notices…');
    drawList();
  };

  // ---- preview and test -------------------------------------------------------------------
  let previewRef = (list.rows.find((r) => r.state === 'to send') ?? list.rows[0])?.ref ?? '';
  const preview = async (r?: NoticeRow): Promise<void> => {
    if (r) previewRef = r.ref;
    if (!previewRef) {
      app.showError('This departure has no case to preview.');
      return;
    }
    const p = await app.busy(app.api.previewEmail(NOTICE, previewRef), `Rendering the notice of ${previewRef}…`);
    replace(
      previewBox,
      h(
        'div',
        { class: 'card', 'data-ref': previewRef },
        h('h3', null, `Notice of ${previewRef}`),
        h('p', null, h('strong', null, 'To: '), p.to || '(no address)'),
        h('p', null, h('strong', null, 'Subject: '), p.subject),
        p.warnings.length
          ? h(
              'ul',
              { class: 'warning' },
              p.warnings.map((w) => h('li', null, w)),
            )
          : null,
        sandboxedFrame(p.htmlBody, `The notice of ${previewRef} as the client sees it`),
        buttons(
          button(
            'Send test to me',
            () => {
              void test().catch(() => undefined);
            },
            '',
            { 'data-action': 'test' },
          ),
        ),
      ),
    );
  };
  const test = async (): Promise<void> => {
    const r = await app.busy(app.api.sendTestEmail(NOTICE, previewRef), 'Sending a test…');
    app.showStatus(
      `Test sent to ${r.to} (subject starts [TEST]; nothing recorded). ${thousands(r.quotaLeft)} emails left today.`,
    );
  };

  // ---- dry run, send ----------------------------------------------------------------------
  const dryRun = async (): Promise<void> => {
    const r = await app.busy(app.api.sendDepartureNotices(d.departureId, { dryRun: true }), 'Dry run…');
    replace(
      reportBox,
      h(
        'div',
        { class: 'card result' },
        h('p', null, r.message),
        h(
          'div',
          { class: 'counts' },
          count('would notify', r.sent),
          count('emails', r.emails),
          count('skipped', r.skipped),
          count('failed', r.failed, r.failed ? 'warning' : ''),
        ),
        h(
          'p',
          { class: 'secondary' },
          `Sending uses ${plural(r.emails, 'email')} of the ${thousands(r.quotaLeft)} left today${r.remaining ? `; ${r.remaining} more would wait for tomorrow's quota` : ''}. Nothing was sent.`,
        ),
      ),
    );
    app.showStatus(r.message);
  };

  const askToSend = async (): Promise<void> => {
    const n = list.toSend;
    const question = `Send ${plural(n.cases, 'notice')} now, in ${plural(n.emails, 'email')}? ${thousands(list.quotaLeft)} emails are left today. No client is emailed twice.`;
    if (!(await app.ask(question, { yes: `Send ${plural(n.cases, 'notice')}`, danger: true }))) return;
    await send();
  };

  const send = async (): Promise<void> => {
    const total = list.toSend.cases;
    const bar = h('progress', {
      class: 'send-progress',
      max: Math.max(1, total),
      value: 0,
      'aria-label': 'Notices sent',
    });
    const text = h('p', { 'aria-live': 'polite', 'data-role': 'progress-text' }, `Sending: 0 of ${total}…`);
    replace(progressBox, bar, text);
    progressBox.hidden = false;
    let done = 0;
    let last: Report | null = null;
    const totals = {
      sent: 0,
      emails: 0,
      skipped: 0,
      failed: 0,
      flagged: [] as Report['flagged'],
      unconfirmed: [] as string[],
    };
    const show = (sent: number, quota: number): void => {
      bar.value = Math.min(total, sent);
      replace(text, `Sending: ${Math.min(total, sent)} of ${total} sent · ${thousands(quota)} emails left today`);
    };
    // Inside a slice the server reports every few sends: the bar moves between slices too.
    let polling = true;
    const poll = async (): Promise<void> => {
      while (polling) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (!polling) break;
        try {
          const p = await app.api.getSendProgress();
          if (polling && p.running) show(done + p.sent, p.quotaLeft);
        } catch {
          // A missed poll is not worth an error: the slice's own result follows.
        }
      }
    };
    const work = (async (): Promise<Report> => {
      void poll();
      try {
        for (;;) {
          const r = await app.api.sendDepartureNotices(d.departureId, { maxEmails: sliceFor(total) });
          last = r;
          done += r.sent;
          totals.sent += r.sent;
          totals.emails += r.emails;
          totals.failed += r.failed;
          totals.flagged.push(...r.flagged);
          totals.unconfirmed.push(...r.unconfirmed.filter((x) => !totals.unconfirmed.includes(x)));
          show(done, r.quotaLeft);
          if (r.stopped !== 'slice' || r.remaining === 0 || r.emails === 0) return r;
        }
      } finally {
        polling = false;
      }
    })();
    try {
      await app.busy(work, `Sending ${plural(total, 'notice')}…`);
    } finally {
      progressBox.hidden = last === null;
    }
    const r = last as unknown as Report;
    renderReport(r, totals, total);
    await refresh();
    await reloadDepartures();
    app.showStatus(
      `Notified ${plural(totals.sent, 'case')} of ${d.departureId} in ${plural(totals.emails, 'email')}.${r.remaining ? ` ${r.remaining} left: ${r.continuing ? 'they go out automatically when the quota allows' : 'send again to finish'}.` : ''}${totals.failed ? ` ${totals.failed} failed.` : ''}`,
      reportBox.firstElementChild,
    );
  };

  const renderReport = (
    r: Report,
    totals: { sent: number; emails: number; failed: number; flagged: Report['flagged']; unconfirmed: string[] },
    planned: number,
  ): void => {
    replace(
      reportBox,
      h(
        'div',
        { class: 'card result' },
        h(
          'p',
          { class: totals.failed ? 'warning' : 'success' },
          `Notified ${plural(totals.sent, 'case')} of ${planned} in ${plural(totals.emails, 'email')}.`,
        ),
        h(
          'div',
          { class: 'counts' },
          count('notified', totals.sent),
          count('failed', totals.failed, totals.failed ? 'warning' : ''),
          count('left', r.remaining),
          count('emails left today', r.quotaLeft),
        ),
        r.remaining && r.continuing
          ? h(
              'p',
              { class: 'secondary' },
              'The rest go out automatically when the quota allows; reopen this view to see them.',
            )
          : null,
        totals.unconfirmed.length
          ? h(
              'p',
              { class: 'warning' },
              `Unconfirmed (check the Sent mail, then settle): ${totals.unconfirmed.join(', ')}.`,
            )
          : null,
        totals.flagged.length
          ? table(
              ['Ref', 'Flagged'],
              totals.flagged.map((f) => [f.ref, f.reason.split(NOTICE).join('notice')]),
            )
          : null,
      ),
    );
  };

  // ---- a batch already running (the continuation, another admin) ----------------------------
  const watchRunning = async (): Promise<void> => {
    const p = await app.api.getSendProgress();
    if (!p.running || !p.job.includes(d.departureId)) return;
    const total = p.sent + p.left;
    const bar = h('progress', {
      class: 'send-progress',
      max: Math.max(1, total),
      value: p.sent,
      'aria-label': 'Notices sent',
    });
    const text = h('p', { 'aria-live': 'polite' }, `A batch is sending: ${p.sent} of ${total}.`);
    replace(progressBox, bar, text);
    progressBox.hidden = false;
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (!box.isConnected) return;
      const q = await app.api.getSendProgress();
      bar.value = q.sent;
      replace(text, q.running ? `A batch is sending: ${q.sent} of ${total}.` : `The batch finished: ${q.sent} sent.`);
      if (!q.running) break;
    }
    await refresh();
  };

  drawList();
  replace(
    box,
    h(
      'div',
      { class: 'card notices', 'data-departure': d.departureId },
      h('h2', null, `Notices · ${d.departureId} · ${d.clinician}`),
      summary,
      sendRow,
      progressBox,
      reportBox,
      h('h3', null, 'Cases'),
      filters,
      rowsBox,
      previewBox,
    ),
  );
  box.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
  box.querySelector<HTMLElement>('h2')?.focus();
  void watchRunning().catch(() => undefined);
  if (previewRef) await preview();
}
