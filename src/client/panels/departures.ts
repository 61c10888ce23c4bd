/**
 * Departures: each open therapist departure with its counts and the next
 * thing to do; the start form; Share and Sync of the therapist's sheet; the
 * close-out moment with its summary; and the notices view (notices.ts).
 */
import type { App, Panel } from '../app';
import { button, buttons, count, field, form, h, replace, select } from '../dom';
import { formatDate } from '../format';
import { noticesView } from './notices';

type View = Awaited<ReturnType<App['api']['getDepartures']>>;
type Departure = View['departures'][number];

const isAdmin = (app: App): boolean => app.user.roles.includes('admin');

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "9 Reassigned, 2 Referred out, 1 Discharged": how a departure's cases closed. */
function outcomes(d: Departure): string {
  const parts = Object.entries(d.counts.closedAs)
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${n} ${status}`);
  return parts.join(', ') || 'no case closed';
}

export const departuresPanel: Panel = {
  id: 'departures',
  title: 'Departures',
  async render(root: HTMLElement, app: App): Promise<void> {
    const listBox = h('div', { class: 'departure-list' });
    const formBox = h('div', { class: 'start-form' });
    const detailBox = h('div', { class: 'departure-detail' });
    let view: View | null = null;

    const reload = async (): Promise<View> => {
      view = await app.busy(app.api.getDepartures(), 'Loading departures…');
      renderList(view);
      return view;
    };

    // ---- the list -----------------------------------------------------------------
    const renderList = (v: View): void => {
      const open = v.departures.filter((d) => d.status !== 'Complete');
      const done = v.departures.filter((d) => d.status === 'Complete');
      replace(
        listBox,
        isAdmin(app)
          ? buttons(
              button(
                'Start a departure…',
                () => {
                  void showStartForm().catch(() => undefined);
                },
                'create',
                { 'data-action': 'start' },
              ),
            )
          : null,
        open.length ? open.map(card) : h('p', { class: 'secondary' }, 'No open departures.'),
        done.length
          ? h(
              'details',
              { class: 'completed' },
              h('summary', null, `${done.length} completed`),
              done.map((d) =>
                h(
                  'div',
                  { class: 'card', 'data-departure': d.departureId },
                  h('h2', null, `${d.departureId} · ${d.clinician}`),
                  h(
                    'p',
                    { class: 'secondary', 'data-role': 'outcomes' },
                    `Complete: ${plural(d.counts.clients, 'case')}, ${outcomes(d)}. Last day ${formatDate(d.lastDay)}.`,
                  ),
                ),
              ),
            )
          : null,
      );
    };

    const card = (d: Departure): HTMLElement => {
      const c = d.counts;
      const admin = isAdmin(app);
      const finished = c.clients > 0 && c.open === 0;
      return h(
        'div',
        { class: 'card', 'data-departure': d.departureId },
        h('h2', null, `${d.departureId} · ${d.clinician}`),
        h(
          'p',
          { class: 'secondary' },
          `Last day ${d.lastDay ? formatDate(d.lastDay) : '(not set)'} · notice ${d.noticeDate ? formatDate(d.noticeDate) : '(not set)'}${d.accessRemovedAt ? ' · sheet access removed' : ''}`,
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
        finished
          ? h(
              'div',
              { class: 'card closeout', 'data-role': 'ready-to-close' },
              h(
                'p',
                null,
                `Every case is closed: ${outcomes(d)}.${admin ? ' Close out the departure to mark it Complete.' : ''}`,
              ),
              admin
                ? buttons(
                    button(
                      'Close out',
                      () => {
                        void closeOut(d).catch(() => undefined);
                      },
                      'create',
                      { 'data-action': 'close-out' },
                    ),
                  )
                : null,
            )
          : null,
        admin
          ? buttons(
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
                  void noticesView(detailBox, app, d, reload).catch(() => undefined);
                },
                c.noticesPending ? 'action' : '',
              ),
            )
          : null,
        d.url
          ? h(
              'p',
              null,
              h(
                'a',
                { href: d.url, target: '_blank', rel: 'noopener', 'data-role': 'sheet-link' },
                "Open the therapist's sheet",
              ),
            )
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
        if (!clinician.value) {
          app.showError('Choose the departing clinician.', clinician);
          return;
        }
        const r = await app.busy(
          app.api.startDeparture({ clinician: clinician.value, noticeDate: noticeDate.value, lastDay: lastDay.value }),
          'Listing the clients…',
        );
        const result = h(
          'div',
          { class: 'card result' },
          h('p', { class: 'success' }, r.message),
          r.warnings.length
            ? h(
                'ul',
                { class: 'warning' },
                r.warnings.map((w) => h('li', null, w)),
              )
            : null,
        );
        replace(formBox, result);
        await reload();
        app.showStatus(r.message, result);
      };
      replace(
        formBox,
        h(
          'div',
          { class: 'card' },
          h('h2', null, 'Start a therapist departure'),
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
            buttons(
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
      const result = h(
        'div',
        { class: 'card result' },
        h('p', { class: 'success' }, r.message),
        r.warnings.length
          ? h(
              'ul',
              { class: 'warning' },
              r.warnings.map((w) => h('li', null, w)),
            )
          : null,
        h('p', null, h('a', { href: r.url, target: '_blank', rel: 'noopener' }, 'Open the sheet')),
      );
      replace(detailBox, result);
      await reload();
      app.showStatus(r.message, result);
    };

    const sync = async (d: Departure): Promise<void> => {
      const r = await app.busy(app.api.syncDepartureSheet(d.departureId), "Reading the therapist's sheet…");
      const summary = `${d.departureId}: ${r.updated} updated, ${r.flagged} flagged for a contact change.`;
      const result = h(
        'div',
        { class: 'card result' },
        h('p', { class: 'success' }, summary),
        r.messages.length
          ? h(
              'ul',
              { class: 'warning' },
              r.messages.map((m) => h('li', null, m)),
            )
          : null,
      );
      replace(detailBox, result);
      await reload();
      app.showStatus(summary, result);
    };

    /** The close-out moment: the departure becomes Complete, with what became of its clients. */
    const closeOut = async (d: Departure): Promise<void> => {
      const r = await app.busy(app.api.closeOutDepartures(), 'Closing out…');
      const v = await reload();
      const done = v.departures.filter((x) => r.completed.includes(x.departureId));
      if (done.length === 0) {
        app.showStatus(`${d.departureId} has open cases again: nothing was closed out.`, listBox);
        return;
      }
      const summary = h(
        'div',
        { class: 'card closeout result', 'data-role': 'close-out-summary' },
        h('h2', null, 'Departure complete'),
        done.map((x) =>
          h(
            'p',
            null,
            `${x.departureId} · ${x.clinician}: ${plural(x.counts.clients, 'case')}, ${outcomes(x)}. ${x.counts.reassigned} of ${x.counts.clients} stay with the practice.`,
          ),
        ),
        r.left.length
          ? h('p', { class: 'secondary' }, `Marked Left on the Clinicians tab: ${r.left.join(', ')}.`)
          : null,
        h(
          'p',
          { class: 'secondary' },
          "The therapist's access to their transition sheet is removed by the nightly run after the last day plus Therapist Access Days.",
        ),
      );
      replace(detailBox, summary);
      app.showStatus(`Complete: ${r.completed.join(', ')}.`, summary);
    };

    const params = app.params;
    replace(root, formBox, detailBox, listBox);
    await reload();
    if (params.view === 'start' && isAdmin(app)) await showStartForm();
  },
};
