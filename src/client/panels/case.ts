/**
 * Case: the CSR's main screen. It follows the row selected on the
 * Reassignments tab (asking every two seconds while the panel is showing) and
 * shows that client in a compact header that stays in view (client, status,
 * next step, due), how to reach them, the next step of the cadence as the one
 * primary action, everything else behind "Other actions", every attempt so
 * far and the notes. One note box serves every action. A step out of order
 * (Call 2 before it is due, a third call, a second text) is asked about
 * first. A half-written note is never thrown away by a change of selection:
 * the panel offers to switch instead.
 */
import type { App, Panel } from '../app';
import { button, buttons, field, h, replace, scrollBox, select } from '../dom';
import { formatDate, formatDateTime } from '../format';

type CaseView = Awaited<ReturnType<App['api']['getCaseView']>>;
type Result = { message: string };

/** How often the selection is asked for while the panel is visible. */
export const POLL_MS = 2000;
const NOT_SET = '—';

function yesNo(ok: boolean): string {
  return ok ? 'yes' : 'NO';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The date an attempt column holds, or null. */
const attemptOn = (v: CaseView, label: string): string | null =>
  v.attempts.find((a) => a.label === label)?.date ?? null;

export const casePanel: Panel = {
  id: 'case',
  title: 'Case',
  render(root: HTMLElement, app: App): void {
    const hint = h('p', { class: 'secondary', 'data-role': 'hint' }, "Select a case's row on the Reassignments tab.");
    const pending = h('div', { 'data-role': 'pending' });
    const body = h('div', { 'data-role': 'case' });
    const refInput = h('input', {
      type: 'text',
      name: 'ref',
      placeholder: 'R-000123',
      autocomplete: 'off',
      'aria-label': 'Case Ref',
    });
    const lookup = h('form', { class: 'block inline-form', novalidate: true }, refInput, button('Show', null, ''));
    lookup.addEventListener('submit', (e) => {
      e.preventDefault();
      const ref = refInput.value.trim();
      if (ref) void show(ref).catch(() => undefined);
      else app.showError('Type the Ref of a case (e.g. R-000123), or select its row.', refInput);
    });
    replace(root, hint, lookup, pending, body);

    let current: CaseView | null = null;
    /** The last Ref the selection pointed at, so the panel moves only when the selection moves. */
    let lastSelected: string | null = null;
    let working = false;
    /** The one note box; drawn with each case. */
    let note: HTMLTextAreaElement | null = null;
    const dirty = (): boolean => !!note && note.value.trim() !== '';

    async function show(ref: string): Promise<void> {
      working = true;
      try {
        const moved = current?.ref !== ref;
        const v = await app.busy(app.api.getCaseView(ref), `Loading ${ref}…`);
        if (moved) app.clearMessage();
        current = v;
        replace(pending);
        draw(v);
      } finally {
        working = false;
      }
    }

    /** One action: the server call, the case as it now is, then its message beside the next step. */
    async function act(work: () => Promise<Result>, label: string): Promise<void> {
      if (!current) return;
      const ref = current.ref;
      working = true;
      try {
        const r = await app.busy(work(), label);
        if (note) note.value = '';
        await show(ref);
        app.showStatus(r.message, body.querySelector('[data-role="result"]'));
      } finally {
        working = false;
      }
    }
    /** An action that first asks when `question` says the step is out of order or repeated. */
    const run =
      (work: () => Promise<Result>, label: string, question?: () => { text: string; yes: string } | null) =>
      (event?: Event): void => {
        const at = event?.currentTarget instanceof Element ? event.currentTarget : null;
        void (async () => {
          const q = question?.();
          if (q && !(await app.ask(q.text, { yes: q.yes, at }))) return;
          await act(work, label);
        })().catch(() => undefined);
      };
    const noteText = (): string => note?.value ?? '';

    // ---- what is out of order, repeated or sends email: asked first -----------------------
    const callQuestion = (v: CaseView) => (): { text: string; yes: string } | null => {
      const call1 = attemptOn(v, 'Call 1');
      const call2 = attemptOn(v, 'Call 2');
      if (call1 && call2)
        return {
          text: `Call 1 (${formatDate(call1)}) and Call 2 (${formatDate(call2)}) are already logged. Log another call? It goes into the notes; no date column changes.`,
          yes: 'Log another call',
        };
      if (call1 && v.next.step === 'call-2' && v.next.due && v.next.due > v.today)
        return {
          text: `Call 1 was logged on ${formatDate(call1)}; Call 2 is due ${formatDate(v.next.due)}. Log Call 2 now?`,
          yes: 'Log Call 2 now',
        };
      return null;
    };
    const beforeSecondCall = (v: CaseView, what: string): { text: string; yes: string } | null =>
      attemptOn(v, 'Call 2')
        ? null
        : {
            text: `The process sends the ${what} after two calls, and Call 2 is not logged yet. ${what === 'follow-up email' ? 'Send' : 'Log'} it now anyway?`,
            yes: what === 'follow-up email' ? 'Send the email now' : 'Log the text now',
          };
    const textQuestion = (v: CaseView) => (): { text: string; yes: string } | null => {
      const sent = attemptOn(v, 'Follow-up Text');
      if (sent)
        return {
          text: `A follow-up text was already logged on ${formatDate(sent)}. Log another text?`,
          yes: 'Log another text',
        };
      return beforeSecondCall(v, 'follow-up text');
    };
    const emailQuestion = (v: CaseView) => (): { text: string; yes: string } | null =>
      beforeSecondCall(v, 'follow-up email');

    // ---- drawing ----------------------------------------------------------------------------
    function draw(v: CaseView): void {
      note = h('textarea', { name: 'note', rows: 2, 'data-role': 'note-box' });
      replace(hint, v.closed ? `${v.ref} is closed.` : `Showing ${v.ref}. Select another row to follow it.`);
      replace(
        body,
        header(v),
        contact(v),
        h('div', { 'data-role': 'result', class: 'block result-slot' }),
        v.closed ? closedActions(v) : [primary(v), others(v)],
        attempts(v),
        history(v),
      );
    }

    /** Client, status, the next step and when it is due: stays at the top while the panel scrolls. */
    function header(v: CaseView): HTMLElement {
      const late = v.next.overdueDays > 0 ? ` · ${plural(v.next.overdueDays, 'business day')} overdue` : '';
      return h(
        'div',
        { class: 'case-head', 'data-role': 'head' },
        h('h2', null, `${v.ref} · ${v.clientName || '(no name)'}`),
        h(
          'p',
          { class: 'case-facts' },
          h('span', { 'data-role': 'status' }, v.status || '(no status)'),
          v.next.action ? [' · Next: ', h('strong', { 'data-role': 'next' }, v.next.action)] : null,
          v.next.action && v.next.due
            ? h(
                'span',
                { class: v.next.overdueDays > 0 ? 'warning' : '', 'data-role': 'due' },
                ` · due ${formatDate(v.next.due)}${late}`,
              )
            : null,
        ),
        v.next.flags.length || v.flag
          ? h('p', { class: 'secondary flags' }, v.next.flags.length ? v.next.flags.join(' · ') : v.flag)
          : null,
      );
    }

    function contact(v: CaseView): HTMLElement {
      const c = v.contact;
      const rows: [string, string][] = [
        [
          'Phone',
          c.onRoster ? `${c.phone || '(none)'} · Text OK: ${yesNo(c.textOk)}` : 'Client not on the Clients tab',
        ],
        ['Email', c.onRoster ? `${c.email || '(none)'} · Email OK: ${yesNo(c.emailOk)}` : NOT_SET],
        ['Preference', v.preference || '(not recorded)'],
        ['Recommended', v.recommendedClinician || NOT_SET],
      ];
      if (v.clientAnswer) rows.splice(3, 0, ["Client's answer", v.clientAnswer]);
      if (v.newClinician) rows.push(['New clinician', v.newClinician]);
      const about = [
        `Client ${v.clientId || '(no ID)'}`,
        v.source ? `${v.source}${v.departureId ? ` ${v.departureId}` : ''}` : '',
        v.previousClinician ? `from ${v.previousClinician}` : '',
        v.lastDay ? `last day ${formatDate(v.lastDay)}` : '',
      ].filter((x) => x);
      return h(
        'div',
        { class: 'block' },
        h('p', { class: 'secondary' }, about.join(' · ')),
        h(
          'table',
          { class: 'grid', 'data-role': 'summary' },
          h(
            'tbody',
            null,
            rows.map(([k, val]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, val))),
          ),
        ),
      );
    }

    const noteField = (): HTMLElement =>
      h(
        'div',
        { class: 'block note-field' },
        field('Note (optional; goes with the action you log)', note as HTMLTextAreaElement),
        buttons(
          button(
            'Save the note only',
            (e) => {
              if (noteText().trim() === '') {
                app.showError('Write the note first: it is empty.', note);
                return;
              }
              run(() => app.api.addInteractionNote(v().ref, noteText()), 'Adding the note…')(e);
            },
            '',
            { 'data-action': 'add-note' },
          ),
        ),
      );
    const v = (): CaseView => current as CaseView;

    // ---- the actions, each drawn once: as the primary action or among the others ---------------
    const callButtons = (c: CaseView): HTMLElement => {
      const log = (outcome: string) => () => app.api.logContact(c.ref, { channel: 'call', outcome, note: noteText() });
      const q = callQuestion(c);
      return buttons(
        button('No answer', run(log('no-answer'), 'Logging the call…', q), 'action', {
          'data-action': 'call-no-answer',
        }),
        button('Left voicemail', run(log('voicemail'), 'Logging the call…', q), 'action', {
          'data-action': 'call-voicemail',
        }),
        button('Reached', run(log('reached'), 'Logging the call…', q), 'create', { 'data-action': 'call-reached' }),
      );
    };
    const nextCall = (c: CaseView): string =>
      !attemptOn(c, 'Call 1') ? 'Call 1' : !attemptOn(c, 'Call 2') ? 'Call 2' : 'Another call';

    const emailAction = (c: CaseView): HTMLElement => {
      const blocked = c.followupEmail.blocked;
      return h(
        'div',
        { class: 'block', 'data-role': 'email' },
        buttons(
          button(
            'Send follow-up email',
            run(
              () => app.api.logContact(c.ref, { channel: 'email', outcome: 'sent', note: noteText() }),
              'Sending the follow-up email…',
              emailQuestion(c),
            ),
            'action',
            { 'data-action': 'send-email', disabled: blocked !== '' },
          ),
        ),
        blocked ? h('p', { class: 'secondary' }, blocked) : null,
      );
    };

    const textAction = (c: CaseView): HTMLElement => {
      if (!c.textMessage.text) {
        return h(
          'div',
          { class: 'block', 'data-role': 'text' },
          h('p', { class: 'secondary' }, `Text message: ${c.textMessage.problem}`),
        );
      }
      const text = h('textarea', {
        readonly: true,
        rows: 4,
        id: 'text-message',
        'data-role': 'text-message',
        value: c.textMessage.text,
      });
      const copy = async (): Promise<void> => {
        try {
          await navigator.clipboard.writeText(c.textMessage.text);
        } catch {
          // The sidebar's frame may not be allowed the clipboard API: select the text and copy it the old way.
          text.focus();
          text.select();
          document.execCommand('copy');
        }
        app.showStatus("Text message copied: paste it into the practice's texting app.", copyButton);
      };
      const copyButton = button(
        'Copy',
        () => {
          void copy();
        },
        '',
        { 'data-action': 'copy-text' },
      );
      return h(
        'div',
        { class: 'block card', 'data-role': 'text' },
        h('label', { for: 'text-message' }, 'Follow-up text message'),
        text,
        buttons(
          copyButton,
          button(
            'I sent the text',
            run(
              () => app.api.logContact(c.ref, { channel: 'text', outcome: 'sent', note: noteText() }),
              'Logging the text…',
              textQuestion(c),
            ),
            'action',
            { 'data-action': 'text-sent', disabled: !c.contact.canText },
          ),
        ),
      );
    };

    const replyButtons = (c: CaseView, byPhone: boolean): HTMLElement => {
      const reached = (channel: string) => () =>
        app.api.logContact(c.ref, { channel, outcome: 'reached', note: noteText() });
      return buttons(
        byPhone
          ? button('By phone', run(reached('call'), 'Marking reached…'), 'create', { 'data-action': 'reply-call' })
          : null,
        button(byPhone ? 'By email' : 'Client replied by email', run(reached('email'), 'Marking reached…'), '', {
          'data-action': 'reply-email',
        }),
        button(byPhone ? 'By text' : 'Client replied by text', run(reached('text'), 'Marking reached…'), '', {
          'data-action': 'reply-text',
        }),
      );
    };

    const completeButton = (c: CaseView, label: string, kind: '' | 'create'): HTMLElement =>
      buttons(
        button(label, () => app.navigate('request', { clientId: c.clientId, ref: c.ref }), kind, {
          'data-action': 'complete',
        }),
      );

    const closeQuestion = (c: CaseView, status: string): { text: string; yes: string; danger: boolean } =>
      status === 'Services terminated'
        ? {
            text: c.contact.canEmail
              ? `Close ${c.ref} as Services terminated? This emails the client the termination notice with the practice's referral resources; then close the case in TherapyNotes.`
              : `Close ${c.ref} as Services terminated? This client cannot be emailed: the case will say to call them with the referral resources. Then close the case in TherapyNotes.`,
            yes: 'Terminate and notify',
            danger: true,
          }
        : { text: `Close ${c.ref} as ${status}? No email is sent.`, yes: `Close as ${status}`, danger: false };

    const closeAs = (c: CaseView, status: string) => (event?: Event) => {
      const at = event?.currentTarget instanceof Element ? event.currentTarget : null;
      void (async () => {
        const q = closeQuestion(c, status);
        if (!(await app.ask(q.text, { yes: q.yes, at, danger: q.danger }))) return;
        await act(() => app.api.closeCase(c.ref, { status, note: noteText() }), 'Closing the case…');
      })().catch(() => undefined);
    };

    function closeForm(c: CaseView): HTMLElement | null {
      if (c.closeStatuses.length === 0) return null;
      const status = select(
        ['', ...c.closeStatuses].map((s) => [s, s || 'Choose…'] as [string, string]),
        '',
        { name: 'close-status' },
      );
      const warn = h('p', { class: 'warning', 'data-role': 'close-warning' });
      status.addEventListener('change', () => {
        replace(
          warn,
          status.value === 'Services terminated'
            ? closeQuestion(c, status.value).text.replace(/^Close \S+ as Services terminated\? /, '')
            : status.value
              ? 'No email is sent.'
              : '',
        );
      });
      return h(
        'div',
        { class: 'block', 'data-role': 'close' },
        h('h3', null, 'Close the case'),
        field('Close as', status),
        warn,
        buttons(
          button(
            'Close case',
            (e) => {
              if (!status.value) {
                app.showError('Choose how the case is closed.', status);
                return;
              }
              closeAs(c, status.value)(e);
            },
            'share',
            { 'data-action': 'close' },
          ),
        ),
      );
    }

    /** The one thing to do now, by the step of the cadence the case is at. */
    function primary(c: CaseView): HTMLElement {
      const parts: (HTMLElement | null)[] = [];
      const due = c.next.due ? ` (due ${formatDate(c.next.due)})` : '';
      const heading = (text: string): HTMLElement => h('h3', null, text);
      switch (c.next.step) {
        case 'call-1':
        case 'call-2':
          parts.push(heading(`Log ${nextCall(c)}${due}`), callButtons(c));
          break;
        case 'follow-up': {
          parts.push(heading(`${c.next.action}${due}`));
          if (c.followupEmail.state !== 'sent' && c.contact.canEmail) parts.push(emailAction(c));
          if (!attemptOn(c, 'Follow-up Text') && c.contact.canText) parts.push(textAction(c));
          break;
        }
        case 'await-reply':
          parts.push(
            heading(`Waiting for the client's reply${c.next.due ? ` until ${formatDate(c.next.due)}` : ''}`),
            h('p', { class: 'secondary' }, 'The client replied or called back:'),
            replyButtons(c, true),
          );
          break;
        case 'match':
        case 'complete':
          parts.push(heading(`${c.next.action}${due}`), completeButton(c, 'Complete reassignment…', 'create'));
          break;
        case 'checklist':
          parts.push(heading(`${c.next.action}${due}`), completeButton(c, 'Work the checklist…', 'create'));
          break;
        case 'refer-out':
          parts.push(
            heading(`${c.next.action}${due}`),
            buttons(
              button('Close as Referred out', closeAs(c, 'Referred out'), 'create', { 'data-action': 'close-primary' }),
            ),
          );
          break;
        case 'discharge':
          parts.push(
            heading(`${c.next.action}${due}`),
            buttons(
              button('Close as Discharged', closeAs(c, 'Discharged'), 'create', { 'data-action': 'close-primary' }),
            ),
          );
          break;
        case 'terminate':
          parts.push(heading(`${c.next.action}${due}`));
          parts.push(
            c.closeStatuses.includes('Services terminated')
              ? buttons(
                  button('Close as Services terminated…', closeAs(c, 'Services terminated'), 'share', {
                    'data-action': 'close-primary',
                  }),
                )
              : h(
                  'p',
                  { class: 'secondary' },
                  'A transition manager closes this case as Services terminated (it emails the client the termination notice).',
                ),
          );
          break;
        case 'notice':
          parts.push(
            heading(`${c.next.action}${due}`),
            h(
              'p',
              { class: 'secondary' },
              'The departure notice has not gone yet: a transition manager sends it from the Departures panel. You can call the client meanwhile (Other actions).',
            ),
          );
          break;
        default:
          if (c.next.action) parts.push(heading(c.next.action));
      }
      return h('section', { class: 'primary', 'data-role': 'primary', 'aria-label': 'Next step' }, parts, noteField());
    }

    /** Everything that is not the next step: behind one disclosure, each asking first when out of order. */
    function others(c: CaseView): HTMLElement {
      const step = c.next.step;
      const parts: (HTMLElement | null)[] = [];
      if (step !== 'call-1' && step !== 'call-2') parts.push(h('h3', null, `Log ${nextCall(c)}`), callButtons(c));
      const inPrimaryFollowUp = step === 'follow-up';
      if (!(inPrimaryFollowUp && c.followupEmail.state !== 'sent' && c.contact.canEmail)) {
        parts.push(h('h3', null, 'Follow-up email'), emailAction(c));
      }
      if (!(inPrimaryFollowUp && !attemptOn(c, 'Follow-up Text') && c.contact.canText)) {
        parts.push(h('h3', null, 'Follow-up text'), textAction(c));
      }
      if (step !== 'await-reply') parts.push(h('h3', null, 'The client replied'), replyButtons(c, false));
      if (!['match', 'complete', 'checklist'].includes(step))
        parts.push(completeButton(c, 'Complete reassignment…', ''));
      parts.push(closeForm(c));
      return h(
        'details',
        { class: 'block others', 'data-role': 'others' },
        h('summary', null, 'Other actions'),
        h('div', { class: 'others-body' }, parts),
      );
    }

    function closedActions(c: CaseView): HTMLElement {
      const parts: HTMLElement[] = [];
      if (c.closeOut) {
        parts.push(h('div', { class: 'card warning', 'data-role': 'close-out' }, c.closeOut));
        if (c.isAdmin) {
          parts.push(
            buttons(
              button(
                'Closed in TherapyNotes',
                run(() => app.api.markClosedInTherapyNotes(c.ref), 'Recording…'),
                'action',
                { 'data-action': 'closed-in-ehr' },
              ),
            ),
          );
        }
      }
      parts.push(noteField());
      return h('section', { 'data-role': 'primary', 'aria-label': 'Closed case' }, parts);
    }

    function attempts(c: CaseView): HTMLElement {
      return h(
        'table',
        { class: 'grid', 'data-role': 'attempts' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Attempt'), h('th', { scope: 'col' }, 'Date'))),
        h(
          'tbody',
          null,
          c.attempts.map((a) => h('tr', null, h('td', null, a.label), h('td', null, formatDate(a.date)))),
        ),
      );
    }

    function history(c: CaseView): HTMLElement {
      const shown = [...c.notes].reverse();
      return h(
        'div',
        { 'data-role': 'history' },
        h('h3', null, `Interaction notes (${c.noteCount})`),
        shown.length === 0
          ? h('p', { class: 'secondary' }, 'No notes yet.')
          : scrollBox(
              'Interaction notes',
              h(
                'ul',
                { class: 'notes' },
                shown.map((n) =>
                  h(
                    'li',
                    null,
                    h('span', { class: 'secondary' }, `${formatDateTime(n.at)} · ${n.author} · ${n.channel}: `),
                    n.note,
                  ),
                ),
              ),
            ),
        c.noteCount > c.notes.length
          ? h(
              'p',
              { class: 'secondary' },
              `Showing the newest ${c.notes.length}; the Interaction Notes tab has them all.`,
            )
          : null,
      );
    }

    // ---- following the selection ------------------------------------------------------
    /** Set once the selection has been read: a panel opened on a case follows the selection only when it moves. */
    let primed = false;
    async function poll(): Promise<void> {
      if (working || document.hidden) return;
      const sel = await app.api.getSelectedCase();
      if (primed && sel.ref === lastSelected) return;
      const first = !primed;
      primed = true;
      lastSelected = sel.ref;
      if (!sel.ref) {
        if (!current) replace(hint, sel.hint);
        return;
      }
      if (sel.ref === current?.ref || (first && current)) return;
      if (dirty()) {
        const ref = sel.ref;
        replace(
          pending,
          h(
            'div',
            { class: 'card' },
            `Row ${ref} is selected. Your note is not saved yet: `,
            button(
              `Show ${ref}`,
              () => {
                if (note) note.value = '';
                void show(ref).catch(() => undefined);
              },
              '',
              { 'data-action': 'switch' },
            ),
          ),
        );
        return;
      }
      await show(sel.ref);
    }

    const loop = (): void => {
      // The panel was replaced by another: stop asking.
      if (!root.isConnected) return;
      void poll()
        .catch(() => undefined)
        .then(() => {
          window.setTimeout(loop, POLL_MS);
        });
    };
    if (app.params.ref) {
      void show(app.params.ref)
        .catch(() => undefined)
        .then(() => {
          window.setTimeout(loop, POLL_MS);
        });
    } else {
      loop();
    }
  },
};
