/**
 * The playground page. Everything from the workbook (client names, email
 * subjects, alerts) is inserted as text through the sidebar's own h()
 * helper: no HTML is ever parsed from data, so a hostile name shows as its
 * characters.
 */
import { h, replace } from '../../../src/client/dom';
import { colLetters } from '../../emulator/spreadsheet/a1';
import { drawChart } from './charts';
import { Grid, type TabView } from './grid';
import { renderMenus, type MenuRecord } from './menu';

interface Person {
  email: string;
  label: string;
  role: string;
}
interface Book {
  id: string;
  name: string;
  tabs: string[];
  isHub: boolean;
}
interface TriggerRow {
  uid: string;
  handler: string;
  eventType: string;
  source: string;
  owner: string;
  nextRun: string | null;
}
interface MailRow {
  id: number;
  to: string;
  cc: string;
  subject: string;
  at: string;
  from: string;
}
interface RunSummary {
  fn: string;
  ok: boolean;
  error?: string;
  logs: string[];
}
interface State {
  now: string;
  timeZone: string;
  user: string;
  hubId: string;
  people: Person[];
  problems: string[];
  books: Book[];
  nightlyHour: number;
  nextNight: string;
  triggers: TriggerRow[];
  outbox: MailRow[];
  quotaLeft: number;
  lastRun: RunSummary | null;
}
interface UiResult {
  runs?: RunSummary[];
  sidebar?: { title: string | null; token: string } | null;
  dialogs?: { title: string | null; token: string }[];
  alerts?: { title: string | null; prompt: string }[];
  toasts?: { title: string; message: string }[];
  menus?: MenuRecord[];
  ok?: boolean;
  error?: string;
  rejected?: string | null;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const userSelect = $<HTMLSelectElement>('user');
const bookSelect = $<HTMLSelectElement>('book');
const sidebarFrame = $<HTMLIFrameElement>('sidebar-frame');
const mailFrame = $<HTMLIFrameElement>('mail-frame');

const view = {
  user: localStorage.getItem('playground.user') ?? '',
  book: '',
  tab: '',
  state: null as State | null,
  activeMail: -1,
};

// ---- talking to the playground server ---------------------------------------

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json()) as T & { ok?: boolean; error?: string };
  if (!res.ok) throw new Error(data.error ?? `${res.status} ${res.statusText}`);
  return data;
}

function notice(text: string, kind: '' | 'error' = '', title?: string | null): void {
  const box = $('notices');
  const el = h(
    'div',
    { class: `notice ${kind}`.trim(), role: kind === 'error' ? 'alert' : 'status' },
    title ? h('strong', null, `${title}: `) : null,
    text,
    ' ',
    h('button', { type: 'button', 'aria-label': 'Dismiss', onclick: () => el.remove() }, '×'),
  );
  box.appendChild(el);
  while (box.childElementCount > 5) box.firstElementChild?.remove();
}

async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    notice(e instanceof Error ? e.message : String(e), 'error');
  }
}

/** Shows what an execution opened or said: sidebar, dialogs, alerts, toasts, errors. */
function showUi(r: UiResult): void {
  for (const run of r.runs ?? []) if (!run.ok && run.error) notice(run.error, 'error', run.fn);
  for (const a of r.alerts ?? []) notice(a.prompt, '', a.title ?? 'Alert');
  for (const t of r.toasts ?? []) notice(t.message, '', t.title || 'Toast');
  if (r.sidebar) openFrame(r.sidebar.token, r.sidebar.title);
  const dialog = r.dialogs?.[r.dialogs.length - 1];
  if (dialog) {
    $('dialog-title').textContent = dialog.title ?? '';
    $<HTMLIFrameElement>('dialog-frame').src = `/frame/${dialog.token}`;
    $('dialog').hidden = false;
  }
}

function openFrame(token: string | null, title: string | null): void {
  sidebarFrame.hidden = false;
  $('sidebar-empty').hidden = true;
  $('sidebar-title').textContent = title ?? 'Sidebar';
  sidebarFrame.src = token ? `/frame/${token}` : `/sidebar?user=${encodeURIComponent(view.user)}`;
}

function closeSidebar(): void {
  sidebarFrame.hidden = true;
  sidebarFrame.removeAttribute('src');
  $('sidebar-empty').hidden = false;
  $('sidebar-title').textContent = 'Sidebar';
}

// ---- state: people, clock, books, outbox, triggers --------------------------

function formatTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** "Mon 11/23 9:00 AM": short enough that the top bar fits one line at 1,400 px. */
function shortTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

function renderState(s: State): void {
  view.state = s;
  const me = s.people.find((p) => p.email === s.user);
  const therapist = me?.role === 'therapist';
  // A departing therapist has only her transition sheet: no add-on menu, no sidebar.
  $('open-sidebar').hidden = therapist;
  replace(
    $('sidebar-empty'),
    therapist
      ? "Your transition sheet has no add-on menu or sidebar: record each client's Preference (and a Recommended Clinician) in the grid. The practice's staff work the rest."
      : 'Open it from the Handoff menu, or with Open sidebar.',
  );
  if (userSelect.options.length !== s.people.length) {
    replace(
      userSelect,
      s.people.map((p) => h('option', { value: p.email }, `${p.label} — ${p.email}`)),
    );
  }
  userSelect.value = s.user;
  $('clock').textContent = `${formatTime(s.now, s.timeZone)} (${s.timeZone})`;
  $('next-night').textContent = `Next night (${shortTime(s.nextNight, s.timeZone)})`;
  $('next-night').title = `Moves the clock to ${formatTime(s.nextNight, s.timeZone)}, firing the triggers due by then`;

  const books = s.books;
  if (!books.some((b) => b.id === view.book)) view.book = books[0]?.id ?? '';
  replace(
    bookSelect,
    books.map((b) => h('option', { value: b.id }, b.isHub ? `${b.name} (hub)` : b.name)),
  );
  bookSelect.value = view.book;
  const book = books.find((b) => b.id === view.book);
  if (book && !book.tabs.includes(view.tab))
    view.tab = book.tabs.includes('Reassignments') ? 'Reassignments' : (book.tabs[0] ?? '');
  replace(
    $('tabs'),
    (book?.tabs ?? []).map((t) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(t === view.tab),
          'data-tab': t,
          onclick: () => {
            view.tab = t;
            void guarded(refreshAll);
          },
        },
        t,
      ),
    ),
  );
  if (!book) {
    replace(
      $('grid-wrap'),
      h('p', { class: 'gray', style: 'padding:8px' }, 'No workbook is shared with this user yet.'),
    );
    renderCharts({ charts: [], name: '' } as unknown as TabView);
  }

  $('quota').textContent = `(${s.outbox.length} sent · quota left today ${s.quotaLeft})`;
  replace(
    $('outbox'),
    s.outbox.length === 0
      ? h('p', { class: 'gray' }, 'No email sent yet.')
      : h(
          'table',
          { class: 'list' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Time'),
              h('th', { scope: 'col' }, 'To'),
              h('th', { scope: 'col' }, 'Subject'),
            ),
          ),
          h(
            'tbody',
            null,
            s.outbox
              .slice()
              .reverse()
              .map((m) =>
                h(
                  'tr',
                  {
                    class: m.id === view.activeMail ? 'mail selected' : 'mail',
                    tabindex: 0,
                    'data-mail': m.id,
                    'aria-selected': String(m.id === view.activeMail),
                    onclick: () => showMail(m.id),
                    onkeydown: (e: KeyboardEvent) => {
                      if (e.key === 'Enter') showMail(m.id);
                    },
                  },
                  h('td', null, formatTime(m.at, s.timeZone)),
                  h('td', null, m.to),
                  h('td', null, m.subject),
                ),
              ),
          ),
        ),
  );

  replace(
    $('triggers'),
    s.triggers.length === 0
      ? h('p', { class: 'gray' }, 'No triggers. Turn the nightly run on from the Handoff menu.')
      : h(
          'table',
          { class: 'list' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Function'),
              h('th', { scope: 'col' }, 'Type'),
              h('th', { scope: 'col' }, 'Next run'),
              h('th', { scope: 'col' }, 'Owner'),
              h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Run')),
            ),
          ),
          h(
            'tbody',
            null,
            s.triggers.map((t) =>
              h(
                'tr',
                { 'data-trigger': t.handler },
                h('td', null, t.handler),
                h('td', null, t.eventType),
                h('td', null, t.nextRun ? formatTime(t.nextRun, s.timeZone) : '—'),
                h('td', null, t.owner),
                h(
                  'td',
                  null,
                  h(
                    'button',
                    { type: 'button', class: 'run-now', onclick: () => void guarded(() => runTrigger(t.uid)) },
                    'Run now',
                  ),
                ),
              ),
            ),
          ),
        ),
  );

  const last = s.lastRun;
  replace(
    $('last-run'),
    last
      ? `${last.fn}: ${last.ok ? 'ok' : `failed — ${last.error ?? ''}`}${last.logs.length ? `\n${last.logs.join('\n')}` : ''}`
      : '—',
  );
  for (const p of s.problems) notice(p, 'error', 'Set-up');
  s.problems = [];
}

function showMail(id: number): void {
  view.activeMail = id;
  document.querySelectorAll('#outbox tr.mail').forEach((tr) => {
    const on = tr.getAttribute('data-mail') === String(id);
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', String(on));
  });
  mailFrame.hidden = false;
  mailFrame.src = `/mail/${id}`;
}

async function refreshState(): Promise<void> {
  renderState(await api<State>('GET', `/api/state?user=${encodeURIComponent(view.user)}`));
}

// ---- the grid ------------------------------------------------------------------

/** Column letters of a 0-based column. */
const columnLetter = (i: number): string => colLetters(i + 1);

async function edit(row: number, col: number, value: string): Promise<void> {
  const r = await api<UiResult>('POST', '/api/edit', {
    user: view.user,
    book: view.book,
    tab: view.tab,
    row,
    col,
    value,
  });
  if (r.rejected) notice(r.rejected, 'error', `${view.tab}!${columnLetter(col)}${row + 1}`);
  showUi(r);
  await refreshAll();
}

const grid = new Grid($('grid-wrap'), {
  fetch: (from, count) =>
    api<TabView>(
      'GET',
      `/api/tab?book=${encodeURIComponent(view.book)}&tab=${encodeURIComponent(view.tab)}&from=${from}&count=${count}`,
    ),
  edit: (row, col, value) => void guarded(() => edit(row, col, value)),
  select: (row, col) =>
    void guarded(async () => {
      await api('POST', '/api/select', { book: view.book, tab: view.tab, row, col });
    }),
  charts: (t) => renderCharts(t),
  guarded: (work) => void guarded(work),
});

/** The tab's embedded charts, drawn as Sheets draws them over the grid. */
function renderCharts(t: TabView): void {
  const box = $('charts');
  box.hidden = t.charts.length === 0;
  replace(
    box,
    t.charts.length
      ? [
          h('h2', { class: 'charts-title' }, `Charts on ${t.name}`),
          h('div', { class: 'chart-row' }, t.charts.map(drawChart)),
        ]
      : null,
  );
}

async function refreshGrid(): Promise<void> {
  if (!view.book || !view.tab) return;
  await grid.show(view.tab);
}

async function refreshAll(): Promise<void> {
  await refreshState();
  await refreshGrid();
}

// ---- menus, triggers, clock ----------------------------------------------------

async function openWorkbook(): Promise<void> {
  const r = await api<UiResult>('POST', '/api/open', { user: view.user });
  renderMenus($('menubar'), r.menus ?? [], (captions) => void guarded(() => clickMenu(captions)));
  showUi(r);
}

async function clickMenu(captions: string[]): Promise<void> {
  const r = await api<UiResult>('POST', '/api/menu', { user: view.user, captions });
  showUi(r);
  await refreshAll();
}

async function runTrigger(uid: string): Promise<void> {
  const r = await api<UiResult>('POST', '/api/trigger', { uid });
  showUi(r);
  notice(
    `Ran ${(r.runs ?? []).map((x) => `${x.fn}: ${x.ok ? 'ok' : (x.error ?? 'failed')}`).join('; ') || 'nothing'}.`,
  );
  await refreshAll();
}

async function moveClock(to: 'next-night' | 'hour' | 'day'): Promise<void> {
  const r = await api<UiResult>('POST', '/api/clock', { to });
  showUi(r);
  const runs = r.runs ?? [];
  notice(
    runs.length
      ? `Triggers fired: ${runs.map((x) => `${x.fn}${x.ok ? '' : ` (failed: ${x.error ?? ''})`}`).join(', ')}.`
      : 'No trigger was due.',
  );
  await refreshAll();
}

// ---- wiring ----------------------------------------------------------------------

/** Marks the page settled for a user (tests wait for it after switching). */
function ready(): void {
  document.body.dataset.ready = view.user;
}

userSelect.addEventListener(
  'change',
  () =>
    void guarded(async () => {
      delete document.body.dataset.ready;
      view.user = userSelect.value;
      localStorage.setItem('playground.user', view.user);
      view.book = '';
      closeSidebar();
      await refreshAll();
      await openWorkbook();
      ready();
    }),
);
bookSelect.addEventListener('change', () => {
  view.book = bookSelect.value;
  view.tab = '';
  void guarded(refreshAll);
});
$('plus-hour').addEventListener('click', () => void guarded(() => moveClock('hour')));
$('plus-day').addEventListener('click', () => void guarded(() => moveClock('day')));
$('next-night').addEventListener('click', () => void guarded(() => moveClock('next-night')));
$('reset').addEventListener(
  'click',
  () =>
    void guarded(async () => {
      if (!window.confirm('Start over with a freshly set-up practice? Every change in the playground is lost.')) return;
      await api('POST', '/api/reset', {});
      closeSidebar();
      await refreshAll();
      await openWorkbook();
      notice('The practice was set up afresh.');
    }),
);
$('open-sidebar').addEventListener('click', () => openFrame(null, 'Caseload Handoff'));
$('close-sidebar').addEventListener('click', closeSidebar);
$('close-dialog').addEventListener('click', () => {
  $('dialog').hidden = true;
  $<HTMLIFrameElement>('dialog-frame').removeAttribute('src');
});

/** The sidebar's google.script.run shim reports its calls: refresh what they changed; close on host.close(). */
let pendingRefresh = 0;
window.addEventListener('message', (event) => {
  const data = event.data as { source?: string; type?: string } | null;
  if (event.origin !== location.origin || !data || data.source !== 'handoff-playground') return;
  if (data.type === 'close') {
    if (event.source === sidebarFrame.contentWindow) closeSidebar();
    else {
      $('dialog').hidden = true;
      $<HTMLIFrameElement>('dialog-frame').removeAttribute('src');
    }
  }
  if (data.type === 'changed') {
    window.clearTimeout(pendingRefresh);
    pendingRefresh = window.setTimeout(() => void guarded(refreshAll), 150);
  }
  if (data.type === 'open-url')
    void guarded(() => openUrl(String((data as { detail?: { url?: unknown } }).detail?.url ?? '')));
});

/**
 * A link to a spreadsheet (the therapist's transition sheet) opens its local
 * copy in the grid, as the real link would open it in Sheets; nothing here
 * exists at docs.google.com.
 */
async function openUrl(url: string): Promise<void> {
  const m = /\/spreadsheets\/d\/([\w-]+)/.exec(url);
  // The sheet may have been made a moment ago: look at the workbooks as they are now.
  await refreshState();
  const books = view.state?.books ?? [];
  const book = m ? books.find((b) => b.id === m[1]) : undefined;
  if (!book) {
    notice(
      m
        ? 'That spreadsheet is not shared with the acting user.'
        : `The playground cannot open ${url}: it is not a spreadsheet here.`,
      'error',
    );
    return;
  }
  view.book = book.id;
  view.tab = '';
  await refreshAll();
  notice(`Opened "${book.name}" (the local copy of ${url}).`);
  $('grid-wrap').focus();
}

void guarded(async () => {
  const s = await api<State>('GET', `/api/state?user=${encodeURIComponent(view.user || '')}`).catch(() => null);
  if (!s) {
    // No (or an unknown) remembered user: start as the transition manager.
    const first = await api<{ people: Person[] }>('GET', '/api/people');
    view.user = first.people[0].email;
  }
  await refreshAll();
  await openWorkbook();
  ready();
});
