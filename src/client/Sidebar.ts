/**
 * The sidebar shell: asks the server who is using it, shows the panels their
 * role allows, opens the panel a menu item asked for (else Departures for a
 * transition manager, Case for a CSR), and gives each panel, through `App`,
 * the busy state, results beside the control that caused them
 * (feedback.ts), questions before risky steps, focus that follows the work,
 * and navigation.
 */
import { api, cleanMessage } from './api';
import type { App, AskOptions, Panel, Params, Role } from './app';
import { button, h, replace, uid } from './dom';
import { Feedback } from './feedback';
import { setTimeZone } from './format';
import { PANELS } from './panels/index';

const root = document.getElementById('app') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const panelRoot = document.getElementById('panel') as HTMLElement;
const feedback = new Feedback(
  panelRoot,
  document.getElementById('status') as HTMLElement,
  document.getElementById('alert') as HTMLElement,
);

/** Errors already shown to the person by busy(): their rejections are not reported again. */
const shown = new WeakSet<object>();
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason as unknown;
  if (reason && typeof reason === 'object' && shown.has(reason)) event.preventDefault();
});

let user: { email: string; roles: Role[] } = { email: '', roles: [] };
let hub = { timeZone: 'UTC', today: '' };
let visible: Panel[] = [];
let current: string | null = null;
let pending = 0;
let disabledByBusy: (HTMLButtonElement | HTMLInputElement)[] = [];

// ---- the control a person last used: where results go ---------------------------
const CONTROL = 'button, input, select, textarea, summary, a[href]';
let lastControl: Element | null = null;
/** Counts the person's actions, so a result stays until they do something else. */
let interactions = 0;
let messageAt = -1;
for (const type of ['click', 'change', 'submit']) {
  root.addEventListener(
    type,
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target || !panelRoot.contains(target) || feedback.el.contains(target)) return;
      const control = type === 'submit' ? target.querySelector('[type="submit"]') : target.closest(CONTROL);
      if (!control) return;
      lastControl = control;
      interactions += 1;
    },
    true,
  );
}

function anchorOf(at: Element | null | undefined): Element | null {
  if (at !== undefined) return at;
  return lastControl && lastControl.isConnected ? lastControl : null;
}

// ---- busy, errors, results ------------------------------------------------------------
function setBusy(on: boolean): void {
  root.classList.toggle('busy', on);
  panelRoot.setAttribute('aria-busy', String(on));
  if (on) {
    const controls = Array.from(
      root.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input[type="submit"]'),
    );
    disabledByBusy = controls.filter((c) => !c.disabled);
    for (const c of disabledByBusy) c.disabled = true;
  } else {
    for (const c of disabledByBusy) c.disabled = false;
    disabledByBusy = [];
  }
}

/**
 * After an action, focus is where the work is: the field or control a panel
 * moved it to, else the result, else the control used, else the heading.
 */
function settleFocus(): void {
  window.setTimeout(() => {
    if (pending > 0) return;
    const active = document.activeElement as HTMLElement | null;
    const lost =
      !active || active === document.body || !root.contains(active) || (active as HTMLButtonElement).disabled === true;
    if (!lost) return;
    const used = lastControl as HTMLElement | null;
    if (feedback.shown && feedback.message.isConnected) feedback.message.focus();
    else if (used?.isConnected && !(used as HTMLButtonElement).disabled) used.focus();
    else panelRoot.querySelector<HTMLElement>('h1')?.focus();
  }, 0);
}

function showError(error: unknown, at?: Element | null): void {
  feedback.say(cleanMessage(error), 'error', anchorOf(at));
  messageAt = interactions;
  feedback.focusError();
}

function showStatus(message: string, at?: Element | null): void {
  feedback.say(message, 'success', anchorOf(at));
  messageAt = interactions;
  settleFocus();
}

function clearMessage(): void {
  feedback.clear();
}

function busy<T>(work: Promise<T>, label = 'Working…', at?: Element | null): Promise<T> {
  pending += 1;
  // A result stays through the rest of the action that produced it; the next action clears it.
  if (feedback.shown && messageAt !== interactions) feedback.clear();
  if (pending === 1) setBusy(true);
  feedback.busy(label, anchorOf(at));
  const done = (): void => {
    pending -= 1;
    if (pending === 0) {
      setBusy(false);
      feedback.idle(label);
      settleFocus();
    }
  };
  return work.then(
    (result) => {
      done();
      return result;
    },
    (error: unknown) => {
      done();
      showError(error, at);
      const handled = error && typeof error === 'object' ? error : new Error(cleanMessage(error));
      shown.add(handled as object);
      throw handled;
    },
  );
}

// ---- asking first -------------------------------------------------------------------------
let openQuestion: { el: HTMLElement; answer: (yes: boolean) => void } | null = null;

function ask(question: string, options: AskOptions): Promise<boolean> {
  openQuestion?.answer(false);
  const anchor = anchorOf(options.at);
  return new Promise<boolean>((resolve) => {
    const id = uid('ask');
    const answer = (yes: boolean): void => {
      if (openQuestion?.el !== el) return;
      openQuestion = null;
      el.remove();
      if (!yes && anchor instanceof HTMLElement && anchor.isConnected) anchor.focus();
      resolve(yes);
    };
    const yes = button(options.yes, () => answer(true), options.danger ? 'share' : 'action', {
      'data-action': 'confirm',
    });
    const el = h(
      'div',
      { class: 'card question', role: 'group', 'aria-labelledby': id, 'data-role': 'question' },
      h('p', { id }, question),
      h(
        'div',
        { class: 'buttons' },
        yes,
        button(options.no ?? 'Cancel', () => answer(false), '', { 'data-action': 'cancel' }),
      ),
    );
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') answer(false);
    });
    openQuestion = { el, answer };
    feedback.clear();
    feedback.place(anchor);
    feedback.el.after(el);
    feedback.el.hidden = true;
    const live = document.getElementById('status');
    if (live) live.textContent = question;
    yes.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  });
}

// ---- panels ---------------------------------------------------------------------------------
function appFor(params: Params): App {
  return { api, user, hub, params, busy, showError, showStatus, clearMessage, ask, navigate };
}

function renderNav(): void {
  replace(
    nav,
    visible.map((p) =>
      h(
        'button',
        {
          type: 'button',
          'data-panel': p.id,
          'aria-current': p.id === current ? 'page' : null,
          onclick: () => navigate(p.id),
        },
        p.title,
      ),
    ),
  );
}

function navigate(panelId: string, params: Params = {}): void {
  const panel = visible.find((p) => p.id === panelId);
  if (!panel) {
    showError(`There is no "${panelId}" panel for your role.`, null);
    return;
  }
  current = panel.id;
  renderNav();
  openQuestion?.answer(false);
  feedback.clear();
  lastControl = null;
  const body = h('div', { class: 'panel-body', 'data-panel': panel.id });
  const foot = h('div', { class: 'panel-foot', 'data-role': 'foot' });
  feedback.setHome(foot);
  replace(panelRoot, h('h1', { tabindex: -1 }, panel.title), body, foot);
  try {
    const result = panel.render(body, appFor(params));
    if (result && typeof (result as Promise<void>).then === 'function') {
      (result as Promise<void>).catch((e: unknown) => {
        if (!(e && typeof e === 'object' && shown.has(e))) showError(e, null);
      });
    }
  } catch (e) {
    showError(e, null);
  }
}

function allowed(p: Panel): boolean {
  return !p.roles || p.roles.some((r) => user.roles.includes(r));
}

function defaultPanel(requested: string | null): string | null {
  const ids = visible.map((p) => p.id);
  if (requested && ids.includes(requested)) return requested;
  if (user.roles.includes('admin') && ids.includes('departures')) return 'departures';
  if (ids.includes('case')) return 'case';
  return ids[0] ?? null;
}

/** A message instead of panels: the page still has its one heading. */
function standalone(text: string): void {
  const foot = h('div', { class: 'panel-foot' });
  feedback.setHome(foot);
  replace(panelRoot, h('h1', { tabindex: -1 }, 'Caseload Handoff'), h('p', null, text), foot);
}

async function start(): Promise<void> {
  let me;
  try {
    me = await busy(api.whoAmI(), 'Opening…', null);
  } catch {
    standalone('The sidebar could not start. Close it and open it again from the Handoff menu.');
    return;
  }
  user = { email: me.email, roles: me.roles };
  hub = { timeZone: me.timeZone, today: me.today };
  setTimeZone(me.timeZone);
  if (user.roles.length === 0) {
    standalone(
      `${me.email || 'Your account'} is not listed in Settings as a transition manager (Admin Emails) or CSR (CSR Emails). Ask a transition manager to add you, then reopen the sidebar.`,
    );
    return;
  }
  visible = PANELS.filter(allowed);
  const first = defaultPanel(me.panel);
  if (!first) {
    standalone('No panel is available for your role.');
    return;
  }
  navigate(first, me.params);
}

void start();
