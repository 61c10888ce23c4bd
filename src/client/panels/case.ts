/**
 * Case: the CSR's main screen. It follows the row selected on the
 * Reassignments tab (asking every two seconds while the panel is showing) and
 * shows that client, how to reach them, every attempt so far, the notes and
 * the next action; each button is one server call that records the contact.
 * A half-written note is never thrown away by a change of selection: the
 * panel offers to switch instead.
 */
import type { App, Panel } from '../app';
import { button, field, h, replace, select } from '../dom';

type CaseView = Awaited<ReturnType<App['api']['getCaseView']>>;

/** How often the selection is asked for while the panel is visible. */
export const POLL_MS = 2000;
const NOT_SET = '—';

/** 2026-11-30 → 11/30/2026, as the sheet shows dates. */
function shortDate(civil: string | null): string {
  if (!civil) return NOT_SET;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(civil);
  return m ? `${+m[2]}/${+m[3]}/${m[1]}` : civil;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function yesNo(ok: boolean): string {
  return ok ? 'yes' : 'NO';
}

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
    });
    replace(root, hint, lookup, pending, body);

    let current: CaseView | null = null;
    /** The last Ref the selection pointed at, so the panel moves only when the selection moves. */
    let lastSelected: string | null = null;
    let working = false;
    const notes: HTMLTextAreaElement[] = [];
    const dirty = (): boolean => notes.some((n) => n.value.trim() !== '');

    async function show(ref: string): Promise<void> {
      working = true;
      try {
        current = await app.busy(app.api.getCaseView(ref), `Loading ${ref}…`);
        replace(pending);
        draw(current);
      } finally {
        working = false;
      }
    }

    /** One action: the server call, its message, then the case as it now is. */
    async function act(work: () => Promise<{ message: string }>, label: string): Promise<void> {
      if (!current) return;
      const ref = current.ref;
      working = true;
      try {
        const r = await app.busy(work(), label);
        notes.forEach((n) => {
          n.value = '';
        });
        await show(ref);
        app.showStatus(r.message);
      } finally {
        working = false;
      }
    }
    const run = (work: () => Promise<{ message: string }>, label: string) => (): void => {
      void act(work, label).catch(() => undefined);
    };

    /** A note field; its label comes from field(). */
    function noteBox(name: string, rows = 2): HTMLTextAreaElement {
      const t = h('textarea', { name, rows });
      notes.push(t);
      return t;
    }

    function draw(v: CaseView): void {
      notes.length = 0;
      replace(hint, v.closed ? `${v.ref} is closed.` : `Showing ${v.ref}. Select another row to follow it.`);
      replace(
        body,
        h('h3', null, `${v.ref} · ${v.clientName || '(no name)'}`),
        h(
          'p',
          { class: 'secondary' },
          [
            `Client ${v.clientId || '(no ID)'}`,
            v.source ? ` · ${v.source}${v.departureId ? ` ${v.departureId}` : ''}` : '',
            v.previousClinician ? ` · from ${v.previousClinician}` : '',
            v.lastDay ? ` · last day ${shortDate(v.lastDay)}` : '',
          ].join(''),
        ),
        summary(v),
        nextAction(v),
        attempts(v),
        v.closed ? closedActions(v) : actions(v),
        history(v),
      );
    }

    function summary(v: CaseView): HTMLElement {
      const c = v.contact;
      const rows: [string, string][] = [
        ['Status', v.status || '(blank)'],
        [
          'Email',
          c.onRoster ? `${c.email || '(none)'} · Email OK: ${yesNo(c.emailOk)}` : 'Client not on the Clients tab',
        ],
        ['Phone', c.onRoster ? `${c.phone || '(none)'} · Text OK: ${yesNo(c.textOk)}` : NOT_SET],
        ['Preference', v.preference || '(not recorded)'],
        ['Recommended', v.recommendedClinician || NOT_SET],
      ];
      if (v.clientAnswer) rows.splice(3, 0, ["Client's answer", v.clientAnswer]);
      if (v.newClinician) rows.push(['New clinician', v.newClinician]);
      if (v.flag) rows.push(['Flag', v.flag]);
      return h(
        'table',
        { class: 'grid', 'data-role': 'summary' },
        h(
          'tbody',
          null,
          rows.map(([k, val]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, val))),
        ),
      );
    }

    function nextAction(v: CaseView): HTMLElement | null {
      if (!v.next.action) return null;
      const late =
        v.next.overdueDays > 0
          ? ` · ${v.next.overdueDays} business day${v.next.overdueDays === 1 ? '' : 's'} overdue`
          : '';
      return h(
        'div',
        { class: 'card', 'data-role': 'next' },
        h('strong', null, 'Next: '),
        v.next.action,
        h('div', { class: v.next.overdueDays > 0 ? 'warning' : 'secondary' }, `Due ${shortDate(v.next.due)}${late}`),
        v.next.flags.length ? h('div', { class: 'secondary' }, v.next.flags.join(' · ')) : null,
      );
    }

    function attempts(v: CaseView): HTMLElement {
      return h(
        'table',
        { class: 'grid', 'data-role': 'attempts' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Attempt'), h('th', { scope: 'col' }, 'Date'))),
        h(
          'tbody',
          null,
          v.attempts.map((a) => h('tr', null, h('td', null, a.label), h('td', null, shortDate(a.date)))),
        ),
      );
    }

    function actions(v: CaseView): HTMLElement {
      const callNote = noteBox('call-note');
      const withNote = (channel: string, outcome: string) => () =>
        app.api.logContact(v.ref, { channel, outcome, note: callNote.value });
      const emailBlocked = v.followupEmail.blocked;
      const reachedBy = select(
        [
          ['call', 'Phone call'],
          ['email', 'Email reply'],
          ['text', 'Text reply'],
        ],
        'call',
        { name: 'reached-by', 'aria-label': 'How the client was reached' },
      );
      return h(
        'div',
        { 'data-role': 'actions' },
        h('h3', null, 'Log a contact'),
        field('Note about this contact (optional)', callNote),
        h(
          'div',
          { class: 'block' },
          button('Call: no answer', run(withNote('call', 'no-answer'), 'Logging the call…'), 'action', {
            'data-action': 'call-no-answer',
          }),
          button('Call: left voicemail', run(withNote('call', 'voicemail'), 'Logging the call…'), 'action', {
            'data-action': 'call-voicemail',
          }),
          button('Call: reached', run(withNote('call', 'reached'), 'Logging the call…'), 'create', {
            'data-action': 'call-reached',
          }),
        ),
        h(
          'div',
          { class: 'block' },
          button('Send follow-up email', run(withNote('email', 'sent'), 'Sending the follow-up email…'), 'action', {
            'data-action': 'send-email',
            disabled: emailBlocked !== '',
            title: emailBlocked || 'Sends the CONTACT_FOLLOWUP email to the client',
          }),
          emailBlocked ? h('div', { class: 'secondary' }, emailBlocked) : null,
        ),
        textMessage(v, callNote),
        h(
          'div',
          { class: 'block' },
          field('Mark reached by', reachedBy),
          button(
            'Mark reached',
            () => {
              const channel = reachedBy.value;
              run(
                () => app.api.logContact(v.ref, { channel, outcome: 'reached', note: callNote.value }),
                'Marking reached…',
              )();
            },
            'create',
            { 'data-action': 'mark-reached' },
          ),
        ),
        noteForm(v),
        closeForm(v),
        h(
          'div',
          { class: 'block' },
          button('Complete reassignment…', () => app.navigate('request', { clientId: v.clientId, ref: v.ref }), '', {
            'data-action': 'complete',
          }),
        ),
      );
    }

    function textMessage(v: CaseView, callNote: HTMLTextAreaElement): HTMLElement {
      if (!v.textMessage.text) {
        return h(
          'div',
          { class: 'block', 'data-role': 'text' },
          h('div', { class: 'secondary' }, `Text message: ${v.textMessage.problem}`),
        );
      }
      const text = h('textarea', {
        readonly: true,
        rows: 5,
        'aria-label': 'Text message to send',
        'data-role': 'text-message',
        value: v.textMessage.text,
      });
      const copy = async (): Promise<void> => {
        try {
          await navigator.clipboard.writeText(v.textMessage.text);
        } catch {
          // The sidebar's frame may not be allowed the clipboard API: select the text and copy it the old way.
          text.focus();
          text.select();
          document.execCommand('copy');
        }
        app.showStatus("Text message copied: paste it into the practice's texting app.");
      };
      return h(
        'div',
        { class: 'block card', 'data-role': 'text' },
        h('label', null, 'Follow-up text message'),
        text,
        button(
          'Copy',
          () => {
            void copy();
          },
          '',
          { 'data-action': 'copy-text' },
        ),
        button(
          'I sent the text',
          run(
            () => app.api.logContact(v.ref, { channel: 'text', outcome: 'sent', note: callNote.value }),
            'Logging the text…',
          ),
          'action',
          {
            'data-action': 'text-sent',
            disabled: !v.contact.canText,
          },
        ),
      );
    }

    function noteForm(v: CaseView): HTMLElement {
      const note = noteBox('interaction-note', 3);
      return h(
        'div',
        { class: 'block', 'data-role': 'note' },
        field('Interaction note', note),
        button(
          'Add note',
          () => {
            if (note.value.trim() === '') {
              app.showError('Write the note first: it is empty.');
              return;
            }
            run(() => app.api.addInteractionNote(v.ref, note.value), 'Adding the note…')();
          },
          '',
          { 'data-action': 'add-note' },
        ),
      );
    }

    function closeForm(v: CaseView): HTMLElement | null {
      if (v.closeStatuses.length === 0) return null;
      const status = select(
        ['', ...v.closeStatuses].map((s) => [s, s || 'Choose…'] as [string, string]),
        '',
        { name: 'close-status' },
      );
      const note = noteBox('close-note');
      const warn = h('div', { class: 'warning', 'data-role': 'close-warning' });
      status.addEventListener('change', () => {
        if (status.value === 'Services terminated') {
          replace(
            warn,
            v.contact.canEmail
              ? "This emails the client the termination notice (TERMINATION_NOTICE) with the practice's referral resources. Then close the case in TherapyNotes."
              : 'This client cannot be emailed: the case will say to call them with the referral resources. Then close the case in TherapyNotes.',
          );
        } else replace(warn, status.value ? 'No email is sent.' : '');
      });
      return h(
        'details',
        { class: 'block', 'data-role': 'close' },
        h('summary', null, 'Close the case'),
        field('Close as', status),
        warn,
        field('Why the case is closed (optional)', note),
        button(
          'Close case',
          () => {
            if (!status.value) {
              app.showError('Choose how the case is closed.');
              return;
            }
            run(() => app.api.closeCase(v.ref, { status: status.value, note: note.value }), 'Closing the case…')();
          },
          'share',
          { 'data-action': 'close' },
        ),
      );
    }

    function closedActions(v: CaseView): HTMLElement {
      const parts: HTMLElement[] = [];
      if (v.closeOut) {
        parts.push(h('div', { class: 'card warning', 'data-role': 'close-out' }, v.closeOut));
        if (v.isAdmin) {
          parts.push(
            button(
              'Closed in TherapyNotes',
              run(() => app.api.markClosedInTherapyNotes(v.ref), 'Recording…'),
              'action',
              { 'data-action': 'closed-in-ehr' },
            ),
          );
        }
      }
      parts.push(noteForm(v));
      return h('div', { 'data-role': 'actions' }, parts);
    }

    function history(v: CaseView): HTMLElement {
      const shown = [...v.notes].reverse();
      return h(
        'div',
        { 'data-role': 'history' },
        h('h3', null, `Interaction notes (${v.noteCount})`),
        shown.length === 0
          ? h('p', { class: 'secondary' }, 'No notes yet.')
          : h(
              'ul',
              { class: 'scroll' },
              shown.map((n) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'secondary' }, `${when(n.at)} · ${n.author} · ${n.channel}: `),
                  n.note,
                ),
              ),
            ),
        v.noteCount > v.notes.length
          ? h(
              'p',
              { class: 'secondary' },
              `Showing the newest ${v.notes.length}; the Interaction Notes tab has them all.`,
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
                notes.forEach((n) => {
                  n.value = '';
                });
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
