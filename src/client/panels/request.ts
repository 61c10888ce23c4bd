/**
 * New request: the client-initiated reassignment, one step a screen with Back
 * and Next — find the client, the reason and what they are looking for, the
 * checklist (contact details, insurance, portal and documents), the matching
 * clinicians, the next session, then review and complete. Answers are saved
 * as a draft at every step, so a closed sidebar resumes where it stopped.
 * A client who already has an open case (a departure's, say) has it completed
 * instead of a second one being opened.
 */
import type { App, Panel } from '../app';
import { button, field, form, h, replace, select } from '../dom';
import { formatDate, formatSession } from '../format';

type ClientList = Awaited<ReturnType<App['api']['getRequestClients']>>;
type ClientChoice = ClientList['clients'][number];
type Client = Awaited<ReturnType<App['api']['getRequestClient']>>;
type Schedule = Awaited<ReturnType<App['api']['checkSchedule']>>;
type Completed = Awaited<ReturnType<App['api']['completeReassignment']>>;

/** The wizard's answers: what the draft keeps (plain JSON, small). */
interface Draft {
  step: number;
  clientId: string;
  clientName: string;
  ref: string;
  reason: string;
  details: string;
  contactVerified: boolean;
  insuranceVerified: boolean;
  portalDocsComplete: boolean;
  newClinician: string;
  outside: boolean;
  outsideListReason: string;
  nextDate: string;
  nextTime: string;
  omhcDate: string;
}

const STEPS = ['Client', 'Reason', 'Checklist', 'Clinician', 'Schedule', 'Review'] as const;
const SHOWN_MATCHES = 25;

const empty = (): Draft => ({
  step: 0,
  clientId: '',
  clientName: '',
  ref: '',
  reason: '',
  details: '',
  contactVerified: false,
  insuranceVerified: false,
  portalDocsComplete: false,
  newClinician: '',
  outside: false,
  outsideListReason: '',
  nextDate: '',
  nextTime: '',
  omhcDate: '',
});

/** A draft as saved: unknown keys dropped, wrong types replaced by the empty answer. */
function fromSaved(saved: Record<string, unknown>): Draft {
  const d = empty();
  for (const key of Object.keys(d) as (keyof Draft)[]) {
    const v = saved[key];
    if (typeof v === typeof d[key]) (d as unknown as Record<string, unknown>)[key] = v;
  }
  d.step = Math.max(0, Math.min(STEPS.length - 1, Math.floor(d.step)));
  return d;
}

function check(label: string, checked: boolean, onChange: (v: boolean) => void, name: string): HTMLLabelElement {
  const box = h('input', { type: 'checkbox', name, checked });
  box.addEventListener('change', () => onChange(box.checked));
  return h('label', { class: 'check' }, box, label);
}

const matchesText = (c: ClientChoice, words: string[]): boolean => {
  const hay = `${c.name} ${c.clientId}`.toLowerCase();
  return words.every((w) => hay.includes(w));
};

export const requestPanel: Panel = {
  id: 'request',
  title: 'New request',
  async render(root: HTMLElement, app: App): Promise<void> {
    let d = empty();
    let clients: ClientList | null = null;
    let client: Client | null = null;
    let schedule: Schedule | null = null;
    const stepBox = h('div', { class: 'wizard-step' });

    const save = async (): Promise<void> => {
      await app.busy(app.api.saveRequestDraft({ ...d }), 'Saving…');
    };
    const loadClient = async (clientId: string): Promise<Client> => {
      client = await app.busy(app.api.getRequestClient(clientId), 'Loading the client…');
      return client;
    };
    const go = async (step: number): Promise<void> => {
      d.step = step;
      if (d.clientId) await save();
      show();
    };
    const cancel = async (): Promise<void> => {
      await app.busy(app.api.clearRequestDraft(), 'Cancelling…');
      const ref = d.ref;
      d = empty();
      client = null;
      schedule = null;
      app.showStatus(ref ? `Request cancelled. Case ${ref} stays open in the tracker.` : 'Request cancelled.');
      show();
    };

    const nav = (next: (() => Promise<void>) | null, nextLabel = 'Next'): HTMLElement =>
      h(
        'div',
        { class: 'block wizard-nav' },
        d.step > 0
          ? button('Back', () => {
              void go(d.step - 1).catch(() => undefined);
            })
          : null,
        next
          ? button(
              nextLabel,
              () => {
                void next().catch(() => undefined);
              },
              'action',
            )
          : null,
        d.clientId
          ? button('Cancel', () => {
              void cancel().catch(() => undefined);
            })
          : null,
      );

    const heading = (): HTMLElement =>
      h(
        'h2',
        { class: 'wizard-progress' },
        `Step ${d.step + 1} of ${STEPS.length} · ${STEPS[d.step]}${d.clientName ? ` · ${d.clientName}` : ''}${d.ref ? ` · ${d.ref}` : ''}`,
      );

    // ---- 1. the client --------------------------------------------------------------
    const stepClient = async (): Promise<HTMLElement> => {
      if (!clients) clients = await app.busy(app.api.getRequestClients(), 'Loading clients…');
      const list = clients;
      const search = h('input', {
        type: 'text',
        name: 'search',
        autocomplete: 'off',
        placeholder: 'Name or Client ID',
        value: '',
      });
      const results = h('div', { class: 'client-results' });
      const chosen = h('div', { class: 'client-chosen', 'aria-live': 'polite' });
      const renderChosen = (): void => {
        if (!client) {
          replace(chosen);
          return;
        }
        const c = client;
        replace(
          chosen,
          h(
            'div',
            { class: 'card' },
            h('p', null, h('strong', null, c.name), ` · ${c.clientId}`),
            h('p', { class: 'secondary' }, `Clinician: ${c.clinician || '(none)'} · Status: ${c.status}`),
            c.status !== 'Active'
              ? h('p', { class: 'warning' }, `This client is ${c.status} on the Clients tab.`)
              : null,
            c.openCase
              ? h(
                  'p',
                  { class: 'warning open-case' },
                  `Open case ${c.openCase.ref} (${c.openCase.source || 'no source'}, ${c.openCase.status}): this wizard completes that case.`,
                )
              : null,
          ),
        );
      };
      const pick = async (c: ClientChoice): Promise<void> => {
        const fresh = d.clientId !== c.clientId;
        if (fresh) d = { ...empty(), clientId: c.clientId, clientName: c.name };
        const loaded = await loadClient(c.clientId);
        if (fresh) {
          d.ref = loaded.openCase?.ref ?? '';
          d.portalDocsComplete = loaded.portalAccess && loaded.documentsComplete;
          d.omhcDate = loaded.omhcDate ?? '';
        }
        renderChosen();
      };
      const renderResults = (): void => {
        const words = search.value
          .toLowerCase()
          .split(/\s+/)
          .filter((w) => w !== '');
        const found = words.length ? list.clients.filter((c) => matchesText(c, words)) : [];
        replace(
          results,
          words.length && !found.length ? h('p', { class: 'secondary' }, 'No client matches.') : null,
          found.length
            ? h(
                'ul',
                { class: 'plain', 'aria-label': 'Matching clients' },
                found.slice(0, SHOWN_MATCHES).map((c) =>
                  h(
                    'li',
                    null,
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'client-option',
                        'data-client': c.clientId,
                        onclick: () => {
                          void pick(c).catch(() => undefined);
                        },
                      },
                      `${c.name} · ${c.clientId} · ${c.clinician || 'no clinician'}`,
                      c.status !== 'Active' ? h('span', { class: 'warning' }, ` · ${c.status}`) : null,
                      c.openRef ? h('span', { class: 'secondary' }, ` · open ${c.openRef}`) : null,
                    ),
                  ),
                ),
              )
            : null,
          found.length > SHOWN_MATCHES
            ? h('p', { class: 'secondary' }, `…and ${found.length - SHOWN_MATCHES} more: type more of the name.`)
            : null,
        );
      };
      search.addEventListener('input', renderResults);
      renderChosen();
      const next = async (): Promise<void> => {
        if (!client) {
          app.showError('Choose the client first: type part of their name or Client ID, then pick them.', search);
          return;
        }
        await go(1);
      };
      setTimeout(() => search.focus(), 0);
      return h(
        'div',
        null,
        form(
          () => undefined,
          field('Find the client', search, 'Type part of the name or the Client ID; inactive clients are marked.'),
        ),
        results,
        chosen,
        nav(next),
      );
    };

    // ---- 2. reason and what they are looking for ----------------------------------------
    const stepReason = (): HTMLElement => {
      const c = client as Client;
      const list = clients as ClientList;
      if (d.ref) {
        const reason = c.openCase?.ref === d.ref ? c.openCase.reason : d.reason;
        return h(
          'div',
          null,
          h('p', null, `Case ${d.ref} is open${reason ? ` (reason: ${reason})` : ''}.`),
          h('p', { class: 'secondary' }, `Ask the client: “${list.prompt}” Note the answer in the Interaction Notes.`),
          nav(async () => go(2)),
        );
      }
      const reason = select([['', '— choose —'], ...list.reasons.map((r): [string, string] => [r, r])], d.reason, {
        name: 'reason',
        required: true,
      });
      const details = h('textarea', { name: 'details', rows: 4, placeholder: list.prompt, value: d.details });
      reason.addEventListener('change', () => {
        d.reason = reason.value;
      });
      details.addEventListener('input', () => {
        d.details = details.value;
      });
      const open = async (): Promise<void> => {
        d.reason = reason.value;
        d.details = details.value;
        if (!d.reason) {
          app.showError('Choose the reason the client gave.', reason);
          return;
        }
        const r = await app.busy(
          app.api.requestReassignment({ clientId: d.clientId, reason: d.reason, details: d.details }),
          'Opening the case…',
        );
        d.ref = r.ref;
        app.showStatus(`Opened ${r.ref}.${r.warnings.length ? ` ${r.warnings.join(' ')}` : ''}`);
        await loadClient(d.clientId);
        await go(2);
      };
      return h(
        'div',
        null,
        field('Reason', reason),
        field('What is the client looking for?', details, `Ask: “${list.prompt}”`),
        nav(open, 'Open the case'),
      );
    };

    // ---- 3. checklist ------------------------------------------------------------------------
    const stepChecklist = (): HTMLElement => {
      const c = client as Client;
      const email = h('input', { type: 'email', name: 'email', value: c.email });
      const phone = h('input', { type: 'text', name: 'phone', value: c.phone });
      const saveContact = async (): Promise<boolean> => {
        if (email.value.trim() === c.email && phone.value.trim() === c.phone) return false;
        const r = await app.busy(
          app.api.updateClientContact(d.clientId, { email: email.value, phone: phone.value, ref: d.ref }),
          'Saving contact details…',
        );
        await loadClient(d.clientId);
        app.showStatus(r.changed.length ? `Saved ${r.changed.join(' and ')} to the Clients tab.` : 'Nothing changed.');
        return true;
      };
      const docsReminder = h(
        'p',
        { class: 'warning docs-reminder', hidden: d.portalDocsComplete },
        'Send the client updated forms (portal invitation, treatment plan, transition plan) and tick this once they are complete.',
      );
      const next = async (): Promise<void> => {
        // Edited contact details go back to the Clients tab before moving on.
        const saved = await saveContact();
        const missing = [
          !d.contactVerified ? 'contact details' : '',
          !d.insuranceVerified ? 'insurance' : '',
          !d.portalDocsComplete ? 'portal and documents' : '',
        ].filter((x) => x);
        if (missing.length) {
          if (saved) show();
          const unticked = root.querySelector<HTMLInputElement>('.wizard-step input[type="checkbox"]:not(:checked)');
          app.showError(`Tick every item of the checklist first (${missing.join(', ')}).`, unticked);
          return;
        }
        await go(3);
      };
      return h(
        'div',
        null,
        h('h3', null, 'Contact details'),
        field('Email', email),
        field('Phone', phone),
        h(
          'div',
          { class: 'block' },
          button('Save contact details', () => {
            void saveContact()
              .then((saved) => {
                if (saved) show();
              })
              .catch(() => undefined);
          }),
        ),
        check(
          'Phone and email confirmed with the client',
          d.contactVerified,
          (v) => {
            d.contactVerified = v;
          },
          'contactVerified',
        ),
        h('h3', null, 'Insurance'),
        h('p', { class: 'secondary' }, `On file: ${c.insurance || '(none)'}${c.medicaid ? ' · Medicaid' : ''}`),
        check(
          'Insurance is active and billing settings are updated',
          d.insuranceVerified,
          (v) => {
            d.insuranceVerified = v;
          },
          'insuranceVerified',
        ),
        h('h3', null, 'Portal and documents'),
        h(
          'p',
          { class: 'secondary' },
          `Portal access: ${c.portalAccess ? 'yes' : 'no'} · Documents complete: ${c.documentsComplete ? 'yes' : 'no'}`,
        ),
        check(
          'Portal access and pending documents (treatment plans, transition plans) complete',
          d.portalDocsComplete,
          (v) => {
            d.portalDocsComplete = v;
            docsReminder.hidden = v;
          },
          'portalDocsComplete',
        ),
        docsReminder,
        nav(next),
      );
    };

    // ---- 4. clinician -------------------------------------------------------------------------
    const stepClinician = (): HTMLElement => {
      const c = client as Client;
      const onList = c.matches.some((m) => m.name === d.newClinician);
      if (d.newClinician && !onList) d.outside = true;
      const radios = c.matches.map((m) => {
        const radio = h('input', {
          type: 'radio',
          name: 'clinician',
          value: m.name,
          checked: !d.outside && d.newClinician === m.name,
        });
        radio.addEventListener('change', () => {
          d.newClinician = m.name;
          d.outside = false;
          outsideBox.hidden = true;
        });
        return h(
          'label',
          { class: 'check clinician-option', 'data-clinician': m.name },
          radio,
          h(
            'span',
            null,
            h('strong', null, m.name),
            m.recommended ? h('span', { class: 'success' }, ' · recommended') : null,
            h('br'),
            h('span', { class: 'secondary' }, m.reasons.join(' · ')),
          ),
        );
      });
      const others = select(
        [['', '— choose —'], ...c.excluded.map((x): [string, string] => [x.name, `${x.name} (${x.why})`])],
        d.outside ? d.newClinician : '',
        { name: 'outsideClinician' },
      );
      const why = h('textarea', { name: 'outsideListReason', rows: 2, value: d.outsideListReason });
      others.addEventListener('change', () => {
        d.newClinician = others.value;
      });
      why.addEventListener('input', () => {
        d.outsideListReason = why.value;
      });
      const outsideBox = h(
        'div',
        { class: 'card outside', hidden: !d.outside },
        field('Clinician', others),
        field(
          'Why this clinician?',
          why,
          'Required for a choice outside the list; it goes in the Interaction Notes and the Log.',
        ),
      );
      const someoneElse = button('Someone else…', () => {
        d.outside = true;
        d.newClinician = others.value;
        for (const r of radios) (r.querySelector('input') as HTMLInputElement).checked = false;
        outsideBox.hidden = false;
        others.focus();
      });
      const next = async (): Promise<void> => {
        if (!d.newClinician) {
          app.showError(
            'Choose the new clinician.',
            d.outside ? others : (radios[0]?.querySelector('input') ?? someoneElse),
          );
          return;
        }
        if (d.outside && !d.outsideListReason.trim()) {
          app.showError('Say why you chose a clinician outside the list.', why);
          return;
        }
        await go(4);
      };
      return h(
        'div',
        null,
        c.matches.length
          ? h('fieldset', { class: 'block matches' }, h('legend', null, 'Best matches first'), radios)
          : h(
              'p',
              { class: 'warning' },
              'No clinician matches this client (active, accepting, their insurance, Medicaid if needed).',
            ),
        h('div', { class: 'block' }, someoneElse),
        outsideBox,
        nav(next),
      );
    };

    // ---- 5. schedule -----------------------------------------------------------------------------
    const stepSchedule = (): HTMLElement => {
      const c = client as Client;
      const date = h('input', { type: 'date', name: 'nextDate', value: d.nextDate, min: c.today });
      const time = h('input', { type: 'time', name: 'nextTime', value: d.nextTime });
      const omhc = h('input', { type: 'date', name: 'omhcDate', value: d.omhcDate, max: c.today });
      const facts = h('div', { class: 'schedule-facts' });
      const sessionValue = (): string => (d.nextTime ? `${d.nextDate}T${d.nextTime}` : d.nextDate);
      const drawFacts = (): void => {
        replace(
          facts,
          schedule
            ? h('p', { class: schedule.intakeRequired ? 'warning intake' : 'secondary' }, schedule.notes.join(' '))
            : null,
        );
      };
      /** The server checks what was typed as it is typed: a past session or a future OMHC date is refused here. */
      const refresh = async (typed: HTMLInputElement): Promise<void> => {
        d.nextDate = date.value;
        d.nextTime = time.value;
        d.omhcDate = omhc.value;
        schedule = null;
        drawFacts();
        if (!d.nextDate) return;
        const omhcArg = c.medicaid ? d.omhcDate : '';
        try {
          schedule = await app.busy(app.api.checkSchedule(d.clientId, sessionValue(), omhcArg), 'Checking…', typed);
        } catch (e) {
          // Said beside the field the sentence is about, whichever was just typed.
          const message = e instanceof Error ? e.message : String(e);
          const about = /OMHC/.test(message) && c.medicaid ? omhc : /time/.test(message) && d.nextTime ? time : date;
          if (about !== typed) app.showError(e, about);
          throw e;
        }
        drawFacts();
      };
      for (const input of [date, time, omhc])
        input.addEventListener('change', () => {
          void refresh(input).catch(() => undefined);
        });
      const next = async (): Promise<void> => {
        if (!date.value) {
          app.showError('Enter the date of the next session.', date);
          return;
        }
        if (c.medicaid && !omhc.value) {
          app.showError('This client is on Medicaid: enter the date of their OMHC assessment.', omhc);
          return;
        }
        await refresh(date);
        await go(5);
      };
      if (d.nextDate && !schedule) void refresh(date).catch(() => undefined);
      else drawFacts();
      return h(
        'div',
        null,
        field('Next session date', date),
        field('Time', time),
        facts,
        c.medicaid
          ? field(
              'OMHC assessment completed on',
              omhc,
              'Medicaid client: the reassignment cannot be completed until the OMHC assessment is recorded.',
            )
          : null,
        nav(next),
      );
    };

    // ---- 6. review and complete -------------------------------------------------------------------
    const stepReview = (): HTMLElement => {
      const c = client as Client;
      const result = h('div', { class: 'complete-result', 'aria-live': 'polite' });
      const rows: [string, string][] = [
        ['Client', `${c.name} (${c.clientId})`],
        ['Case', d.ref || '(not opened)'],
        ['From', c.clinician || '(no clinician)'],
        ['To', `${d.newClinician}${d.outside ? ' (outside the list)' : ''}`],
        ['Next session', formatSession(d.nextTime ? `${d.nextDate}T${d.nextTime}` : d.nextDate)],
        ['Intake', schedule?.intakeRequired ? 'Yes: schedule as intake' : 'No'],
        ...(c.medicaid ? [['OMHC assessment', formatDate(d.omhcDate)] as [string, string]] : []),
        ['Checklist', 'Contact, insurance, portal and documents confirmed'],
      ];
      const complete = async (): Promise<void> => {
        const r: Completed = await app.busy(
          app.api.completeReassignment(d.ref, {
            newClinician: d.newClinician,
            nextSession: d.nextTime ? `${d.nextDate}T${d.nextTime}` : d.nextDate,
            contactVerified: d.contactVerified,
            insuranceVerified: d.insuranceVerified,
            portalDocsComplete: d.portalDocsComplete,
            ...(c.medicaid && d.omhcDate ? { omhcDate: d.omhcDate } : {}),
            ...(d.outside ? { outsideListReason: d.outsideListReason } : {}),
          }),
          'Completing…',
        );
        clients = null;
        replace(
          result,
          h(
            'div',
            { class: 'card result' },
            h('p', { class: 'success' }, r.message),
            h(
              'ul',
              { class: 'secondary emails' },
              r.emails.map((e) =>
                h(
                  'li',
                  { 'data-email': e.key },
                  `${e.label}${e.to ? ` (${e.to})` : ''}: ${e.outcome}${e.note ? `. ${e.note}` : ''}`,
                ),
              ),
            ),

            r.warnings.length
              ? h(
                  'ul',
                  { class: 'warning' },
                  r.warnings.map((w) => h('li', null, w)),
                )
              : null,
            button(
              'Start another request',
              () => {
                d = empty();
                client = null;
                schedule = null;
                show();
              },
              'create',
            ),
          ),
        );
        replace(navBox);
        app.showStatus(r.message);
      };
      const navBox = nav(complete, 'Complete reassignment');
      return h(
        'div',
        null,
        h(
          'table',
          { class: 'grid review' },
          h(
            'tbody',
            null,
            rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v))),
          ),
        ),
        navBox,
        result,
      );
    };

    const show = (): void => {
      const build = [stepClient, stepReason, stepChecklist, stepClinician, stepSchedule, stepReview][d.step];
      void Promise.resolve(build())
        .then((body) => {
          replace(stepBox, heading(), body);
          // The next field of the new step, so a keyboard user goes on from there rather than from the top.
          stepBox.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button.action')?.focus();
        })
        .catch(() => undefined);
    };

    // ---- start: resume a draft, or a client asked for by another panel ----------------------------
    replace(root, stepBox);
    const saved = await app.busy(app.api.loadRequestDraft(), 'Loading…');
    const wanted = app.params.clientId;
    if (saved && typeof saved.clientId === 'string' && saved.clientId && (!wanted || wanted === saved.clientId)) {
      const draft = fromSaved(saved);
      replace(
        stepBox,
        h(
          'div',
          { class: 'card resume' },
          h(
            'p',
            null,
            `You have an unfinished request for ${draft.clientName || draft.clientId}${draft.ref ? ` (${draft.ref})` : ''}, at step ${draft.step + 1} (${STEPS[draft.step]}).`,
          ),
          button(
            'Resume',
            () => {
              void (async () => {
                d = draft;
                clients = await app.busy(app.api.getRequestClients(), 'Loading clients…');
                await loadClient(d.clientId);
                if (d.ref && client && client.openCase?.ref !== d.ref) {
                  // The case was completed or closed elsewhere since: start over for this client.
                  app.showStatus(`${d.ref} is no longer open; start the request again.`);
                  d = { ...empty(), clientId: d.clientId, clientName: d.clientName, ref: client.openCase?.ref ?? '' };
                  d.step = 0;
                }
                show();
              })().catch(() => undefined);
            },
            'action',
          ),
          button('Start over', () => {
            void cancel().catch(() => undefined);
          }),
        ),
      );
      return;
    }
    if (wanted) {
      clients = await app.busy(app.api.getRequestClients(), 'Loading clients…');
      const c = clients.clients.find((x) => x.clientId === wanted);
      if (c) {
        d = { ...empty(), clientId: c.clientId, clientName: c.name };
        const loaded = await loadClient(c.clientId);
        d.ref = loaded.openCase?.ref ?? '';
        d.portalDocsComplete = loaded.portalAccess && loaded.documentsComplete;
        d.omhcDate = loaded.omhcDate ?? '';
        // Sent here for a known client (the Case panel's "Complete reassignment"): no need to find them again.
        d.step = 1;
      }
    }
    show();
  },
};
