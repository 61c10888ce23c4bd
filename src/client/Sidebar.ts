/**
 * The sidebar shell: asks the server who is using it, shows the panels their
 * role allows, opens the panel a menu item asked for (else Departures for a
 * transition manager, Case for a CSR), and gives each panel the busy state,
 * error display and navigation through `App`.
 */
import { api, cleanMessage } from './api';
import type { App, Panel, Params, Role } from './app';
import { h, replace } from './dom';
import { PANELS } from './panels/index';

const root = document.getElementById('app') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const panelRoot = document.getElementById('panel') as HTMLElement;
const errorBox = document.getElementById('error') as HTMLElement;
const statusBox = document.getElementById('status') as HTMLElement;

/** Errors already shown to the person by busy(): their rejections are not reported again. */
const shown = new WeakSet<object>();
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason as unknown;
  if (reason && typeof reason === 'object' && shown.has(reason)) event.preventDefault();
});

let user: { email: string; roles: Role[] } = { email: '', roles: [] };
let visible: Panel[] = [];
let current: string | null = null;
let pending = 0;
let disabledByBusy: (HTMLButtonElement | HTMLInputElement)[] = [];

function showError(error: unknown): void {
  errorBox.hidden = false;
  replace(errorBox, cleanMessage(error));
  statusBox.textContent = '';
}

function clearError(): void {
  errorBox.hidden = true;
  replace(errorBox);
}

function showStatus(message: string): void {
  statusBox.textContent = message;
}

function setBusy(on: boolean, label: string): void {
  root.classList.toggle('busy', on);
  panelRoot.setAttribute('aria-busy', String(on));
  if (on) {
    const controls = Array.from(
      root.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input[type="submit"]'),
    );
    disabledByBusy = controls.filter((c) => !c.disabled);
    for (const c of disabledByBusy) c.disabled = true;
    statusBox.textContent = label;
  } else {
    for (const c of disabledByBusy) c.disabled = false;
    disabledByBusy = [];
    if (statusBox.textContent === label) statusBox.textContent = '';
  }
}

function busy<T>(work: Promise<T>, label = 'Working…'): Promise<T> {
  pending += 1;
  if (pending === 1) {
    clearError();
    setBusy(true, label);
  }
  const done = (): void => {
    pending -= 1;
    if (pending === 0) setBusy(false, label);
  };
  return work.then(
    (result) => {
      done();
      return result;
    },
    (error: unknown) => {
      done();
      showError(error);
      const handled = error && typeof error === 'object' ? error : new Error(cleanMessage(error));
      shown.add(handled as object);
      throw handled;
    },
  );
}

function appFor(params: Params): App {
  return { api, user, params, busy, showError, showStatus, navigate };
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
    showError(`There is no "${panelId}" panel for your role.`);
    return;
  }
  current = panel.id;
  renderNav();
  clearError();
  statusBox.textContent = '';
  const body = h('div', { class: 'panel-body', 'data-panel': panel.id });
  replace(panelRoot, h('h2', null, panel.title), body);
  try {
    const result = panel.render(body, appFor(params));
    if (result && typeof (result as Promise<void>).then === 'function') {
      (result as Promise<void>).catch((e: unknown) => {
        if (!(e && typeof e === 'object' && shown.has(e))) showError(e);
      });
    }
  } catch (e) {
    showError(e);
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

async function start(): Promise<void> {
  let me;
  try {
    me = await busy(api.whoAmI(), 'Opening…');
  } catch {
    replace(
      panelRoot,
      h('p', { class: 'secondary' }, 'The sidebar could not start. Close it and open it again from the Handoff menu.'),
    );
    return;
  }
  user = { email: me.email, roles: me.roles };
  if (user.roles.length === 0) {
    replace(
      panelRoot,
      h(
        'p',
        null,
        `${me.email || 'Your account'} is not listed in Settings as a transition manager (Admin Emails) or CSR (CSR Emails). Ask a transition manager to add you, then reopen the sidebar.`,
      ),
    );
    return;
  }
  visible = PANELS.filter(allowed);
  const first = defaultPanel(me.panel);
  if (!first) {
    replace(panelRoot, h('p', null, 'No panel is available for your role.'));
    return;
  }
  navigate(first, me.params);
}

void start();
