/**
 * Departures: each open therapist departure with its counts and the next
 * thing to do; the start form; Share and Sync of the therapist's sheet; and
 * the notices flow — preview any client's notice, send a test to yourself,
 * dry run, send, watch the progress, see what was flagged.
 */
import type { App, Panel } from '../app';
import { button, field, form, h, replace, select, table } from '../dom';

type View = Awaited<ReturnType<App['api']['getDepartures']>>;
type Departure = View['departures'][number];
type Report = Awaited<ReturnType<App['api']['sendDepartureNotices']>>;
type Progress = Awaited<ReturnType<App['api']['getSendProgress']>>;

const NOTICE = 'DEPARTURE_NOTICE';
const POLL_MS = 2000;

function count(label: string, n: number, cls = ''): HTMLElement {
  return h('div', { class: `count ${cls}`.trim(), 'data-count': label }, h('strong', null, n), label);
}

function lines(items: string[], cls = 'secondary'): HTMLElement | null {
  return items.length
    ? h(
        'ul',
        { class: cls },
        items.map((x) => h('li', null, x)),
      )
    : null;
}

const isAdmin = (app: App): boolean => app.user.roles.includes('admin');

export const departuresPanel: Panel = {
  id: 'departures',
  title: 'Departures',
  async render(root: HTMLElement, app: App): Promise<void> {
    const listBox = h('div', { class: 'departure-list' });
    const formBox = h('div', { class: 'start-form' });
    const detailBox = h('div', { class: 'departure-detail', 'aria-live': 'polite' });

    const reload = async (): Promise<View> => {
      const view = await app.busy(app.api.getDepartures(), 'Loading departures…');
      renderList(view);
      return view;
    };

    // ---- the list -----------------------------------------------------------------
    const renderList = (view: View): void => {
      const open = view.departures.filter((d) => d.status !== 'Complete');
      const done = view.departures.filter((d) => d.status === 'Complete');
      replace(
        listBox,
        isAdmin(app)
          ? h(
              'div',
              { class: 'block' },
              button(
                'Start a departure…',
                () => {
                  void showStartForm().catch(() => undefined);
                },
                'create',
              ),
            )
          : null,
        open.length ? open.map(card) : h('p', { class: 'secondary' }, 'No open departures.'),
        done.length ? h('details', null, h('summary', null, `${done.length} completed`), done.map(card)) : null,
      );
    };

    const card = (d: Departure): HTMLElement => {
      const c = d.counts;
      const admin = isAdmin(app) && d.status !== 'Complete';
      return h(
        'div',
        { class: 'card', 'data-departure': d.departureId },
        h('h3', null, `${d.departureId} · ${d.clinician}`),
        h(
          'p',
          { class: 'secondary' },
          `Last day ${d.lastDay ?? '(not set)'} · notice ${d.noticeDate ?? '(not set)'}${d.accessRemovedAt ? ' · sheet access removed' : ''}`,
        ),
        h(
          'div',
          { class: 'counts' },
          count('clients', c.clients),
          count('notices sent', c.noticesSent),
          count('reached', c.reached),
          count('scheduled', c.scheduled),
          count('reassigned', c.reassigned),
          count('overdue', c.overdue, c.overdue ? 'warning' : ''),
        ),
        h('p', { class: 'next-action' }, h('strong', null, 'Next: '), d.nextAction),
        admin
          ? h(
              'div',
              null,
              button(
                d.url ? 'Share again' : 'Share with therapist',
                () => {
                  void share(d).catch(() => undefined);
                },
                d.url ? '' : 'action',
              ),
              d.url
                ? button('Sync preferences', () => {
                    void sync(d).catch(() => undefined);
                  })
                : null,
              button(
                'Notices…',
                () => {
                  void showNotices(d).catch(() => undefined);
                },
                c.noticesPending ? 'action' : '',
              ),
              c.clients > 0 && c.open === 0
                ? button(
                    'Close out',
                    () => {
                      void closeOut().catch(() => undefined);
                    },
                    'create',
                  )
                : null,
            )
          : null,
        d.url
          ? h('p', null, h('a', { href: d.url, target: '_blank', rel: 'noopener' }, "Open the therapist's sheet"))
          : null,
      );
    };

    // ---- start ------------------------------------------------------------------
    const showStartForm = async (): Promise<void> => {
      const options = await app.busy(app.api.getDepartureStartOptions(), 'Loading clinicians…');
      const clinician = select(
        [
          ['', '— choose —'],
          ...options.clinicians.map((c): [string, string] => [
            c.email || c.name,
            `${c.name} (${c.activeClients} active${c.status === 'Departing' ? ', departing' : ''})`,
          ]),
        ],
        '',
        { name: 'clinician', required: true },
      );
      const noticeDate = h('input', { type: 'date', name: 'noticeDate', value: options.today, required: true });
      const lastDay = h('input', { type: 'date', name: 'lastDay', required: true });
      const submit = async (): Promise<void> => {
        const r = await app.busy(
          app.api.startDeparture({ clinician: clinician.value, noticeDate: noticeDate.value, lastDay: lastDay.value }),
          'Listing the clients…',
        );
        replace(
          formBox,
          h('div', { class: 'card result' }, h('p', { class: 'success' }, r.message), lines(r.warnings, 'warning')),
        );
        app.showStatus(r.message);
        await reload();
      };
      replace(
        formBox,
        h(
          'div',
          { class: 'card' },
          h('h3', null, 'Start a therapist departure'),
          form(
            () => {
              void submit().catch(() => undefined);
            },
            field('Departing clinician', clinician),
            field('Notice received', noticeDate),
            field(
              'Last day',
              lastDay,
              `The process asks for at least ${options.minNoticeDays} days' notice; a shorter one is allowed and logged.`,
            ),
            h(
              'div',
              null,
              button('Start departure', null, 'create'),
              button('Cancel', () => replace(formBox)),
            ),
          ),
        ),
      );
      clinician.focus();
    };

    // ---- share, sync, close out -----------------------------------------------------
    const share = async (d: Departure): Promise<void> => {
      const r = await app.busy(app.api.shareDepartureSheet(d.departureId), 'Sharing the sheet…');
      replace(
        detailBox,
        h(
          'div',
          { class: 'card result' },
          h('p', { class: 'success' }, r.message),
          lines(r.warnings, 'warning'),
          h('p', null, h('a', { href: r.url, target: '_blank', rel: 'noopener' }, 'Open the sheet')),
        ),
      );
      app.showStatus(r.message);
      await reload();
    };

    const sync = async (d: Departure): Promise<void> => {
      const r = await app.busy(app.api.syncDepartureSheet(d.departureId), "Reading the therapist's sheet…");
      const summary = `${d.departureId}: ${r.updated} updated, ${r.flagged} flagged for a contact change.`;
      replace(
        detailBox,
        h('div', { class: 'card result' }, h('p', { class: 'success' }, summary), lines(r.messages, 'warning')),
      );
      app.showStatus(summary);
      await reload();
    };

    const closeOut = async (): Promise<void> => {
      const r = await app.busy(app.api.closeOutDepartures(), 'Closing out…');
      app.showStatus(r.completed.length ? `Complete: ${r.completed.join(', ')}.` : 'Nothing to close out yet.');
      await reload();
    };

    // ---- notices ----------------------------------------------------------------------
    const showNotices = async (d: Departure): Promise<void> => {
      const { cases } = await app.busy(app.api.getDepartureCases(d.departureId), 'Loading cases…');
      const open = cases.filter((c) => c.open);
      const choice = select(
        open.map((c): [string, string] => [c.ref, `${c.ref} · ${c.clientName}${c.noticeSent ? ' · sent' : ''}`]),
        open[0]?.ref,
        { name: 'ref' },
      );
      const previewBox = h('div', { class: 'notice-preview' });
      const reportBox = h('div', { class: 'notice-report', 'aria-live': 'polite' });
      const progressBox = h('div', { class: 'notice-progress secondary', role: 'status' });
      const confirmBox = h('div', { class: 'notice-confirm' });

      const preview = async (): Promise<void> => {
        const p = await app.busy(app.api.previewEmail(NOTICE, choice.value), 'Rendering the notice…');
        replace(
          previewBox,
          h(
            'div',
            { class: 'card' },
            h('p', null, h('strong', null, 'To: '), p.to || '(no address)'),
            h('p', null, h('strong', null, 'Subject: '), p.subject),
            lines(p.warnings, 'warning'),
            h('div', { class: 'scroll', style: 'white-space: pre-wrap' }, p.textBody),
          ),
        );
      };
      const test = async (): Promise<void> => {
        const r = await app.busy(app.api.sendTestEmail(NOTICE, choice.value), 'Sending a test…');
        app.showStatus(`Test sent to ${r.to}. ${r.quotaLeft} emails left today.`);
      };
      const run = async (dryRun: boolean): Promise<void> => {
        replace(confirmBox);
        const stop = dryRun ? (): void => undefined : watchProgress(progressBox, app.api);
        let r: Report;
        try {
          r = await app.busy(
            app.api.sendDepartureNotices(d.departureId, { dryRun }),
            dryRun ? 'Dry run…' : 'Sending notices…',
          );
        } finally {
          stop();
        }
        renderReport(reportBox, r);
        app.showStatus(r.message);
        if (dryRun && r.sent > 0) {
          replace(
            confirmBox,
            button(
              `Send ${r.sent} notice${r.sent === 1 ? '' : 's'} now`,
              () => {
                void run(false).catch(() => undefined);
              },
              'share',
            ),
          );
        }
        if (!dryRun) await reload();
      };
      const askToSend = (): void => {
        replace(
          confirmBox,
          h('p', null, 'Send every notice that has not gone yet?'),
          button(
            'Yes, send',
            () => {
              void run(false).catch(() => undefined);
            },
            'share',
          ),
          button('Cancel', () => replace(confirmBox)),
        );
      };

      const flagged = cases.filter((c) => c.flag);
      replace(
        detailBox,
        h(
          'div',
          { class: 'card notices', 'data-departure': d.departureId },
          h('h3', null, `Notices · ${d.departureId} · ${d.clinician}`),
          open.length ? field('Client', choice) : h('p', { class: 'secondary' }, 'No open cases.'),
          h(
            'div',
            null,
            button('Preview', () => {
              void preview().catch(() => undefined);
            }),
            button('Send test to me', () => {
              void test().catch(() => undefined);
            }),
          ),
          previewBox,
          h(
            'div',
            null,
            button(
              'Dry run',
              () => {
                void run(true).catch(() => undefined);
              },
              'action',
            ),
            button('Send notices…', askToSend),
          ),
          confirmBox,
          progressBox,
          reportBox,
          flagged.length
            ? h(
                'details',
                null,
                h('summary', null, `${flagged.length} flagged`),
                table(
                  ['Ref', 'Client', 'Flag'],
                  flagged.map((c) => [c.ref, c.clientName, c.flag]),
                ),
              )
            : null,
        ),
      );
      choice.addEventListener('change', () => replace(previewBox));
    };

    const params = app.params;
    replace(root, formBox, detailBox, listBox);
    await reload();
    if (params.view === 'start' && isAdmin(app)) await showStartForm();
  },
};

/** Polls the server's progress while a send is running; returns the function that stops polling. */
function watchProgress(box: HTMLElement, api: App['api']): () => void {
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      const p: Progress = await api.getSendProgress();
      if (!stopped && p.running)
        replace(box, `Sending: ${p.sent} sent, ${p.left} left, ${p.quotaLeft} emails left today.`);
    } catch {
      // A missed poll is not worth an error: the send's own result follows.
    }
    if (!stopped)
      setTimeout(() => {
        void tick();
      }, POLL_MS);
  };
  setTimeout(() => {
    void tick();
  }, POLL_MS);
  return () => {
    stopped = true;
    replace(box);
  };
}

function renderReport(box: HTMLElement, r: Report): void {
  const rows = r.flagged.map((f) => [f.ref, f.reason]);
  replace(
    box,
    h(
      'div',
      { class: 'card result' },
      h('p', { class: r.failed ? 'warning' : 'success' }, r.message),
      h(
        'div',
        { class: 'counts' },
        count('notified', r.sent),
        count('skipped', r.skipped),
        count('failed', r.failed, r.failed ? 'warning' : ''),
        count('left', r.remaining),
        count('quota left', r.quotaLeft),
      ),
      r.continuing
        ? h(
            'p',
            { class: 'secondary' },
            'The rest go out automatically; this panel shows the progress when you reopen it.',
          )
        : null,
      rows.length ? table(['Ref', 'Flagged'], rows) : null,
    ),
  );
}
