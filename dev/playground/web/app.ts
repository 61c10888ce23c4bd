/**
 * The playground page. Everything from the workbook (client names, email
 * subjects, alerts) is inserted as text through the sidebar's own h()
 * helper: no HTML is ever parsed from data, so a hostile name shows as its
 * characters.
 */
import { h, replace } from '../../../src/client/dom';
import { colLetters } from '../../emulator/spreadsheet/a1';

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
type Control = { kind: 'text' } | { kind: 'checkbox' } | { kind: 'list'; options: string[]; strict: boolean };
interface TabView {
  spreadsheetId: string;
  name: string;
  rows: string[][];
  totalRows: number;
  columns: Control[];
  frozenRows: number;
  headerRow: number;
  selected: { row: number; col: number } | null;
}
interface MenuEntry {
  kind: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: MenuEntry[];
}
interface MenuRecord {
  caption: string | null;
  addon: boolean;
  items: MenuEntry[];
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

function renderState(s: State): void {
  view.state = s;
  if (userSelect.options.length !== s.people.length) {
    replace(
      userSelect,
      s.people.map((p) => h('option', { value: p.email }, `${p.label} — ${p.email}`)),
    );
  }
  userSelect.value = s.user;
  $('clock').textContent = `${formatTime(s.now, s.timeZone)} (${s.timeZone})`;
  $('next-night').textContent = `Next night (${formatTime(s.nextNight, s.timeZone)})`;

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
  if (!book)
    replace(
      $('grid-wrap'),
      h('p', { class: 'gray', style: 'padding:8px' }, 'No workbook is shared with this user yet.'),
    );

  $('quota').textContent = `(${s.outbox.length} sent · quota left today ${s.quotaLeft})`;
  replace(
    $('outbox'),
    s.outbox.length === 0
      ? h('p', { class: 'gray' }, 'No email sent yet.')
      : h(
          'table',
          { class: 'list' },
          h('thead', null, h('tr', null, h('th', null, 'Time'), h('th', null, 'To'), h('th', null, 'Subject'))),
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
              h('th', null, 'Function'),
              h('th', null, 'Type'),
              h('th', null, 'Next run'),
              h('th', null, 'Owner'),
              h('th', null, ''),
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

async function select(row: number, col: number, tr: HTMLTableRowElement, td: HTMLElement): Promise<void> {
  document.querySelectorAll('table.sheet tr.selected').forEach((x) => x.classList.remove('selected'));
  document.querySelectorAll('table.sheet td.active').forEach((x) => x.classList.remove('active'));
  tr.classList.add('selected');
  td.classList.add('active');
  await api('POST', '/api/select', { book: view.book, tab: view.tab, row, col });
}

/** A text cell becomes an input while it is edited, as in Sheets; Enter saves, Escape cancels. */
function startEditing(td: HTMLTableCellElement, row: number, col: number, initial: string): void {
  if (td.querySelector('input')) return;
  const input = h('input', {
    type: 'text',
    value: initial,
    'aria-label': `${view.tab} ${columnLetter(col)}${row + 1}`,
  });
  let done = false;
  const finish = (save: boolean): void => {
    if (done) return;
    done = true;
    if (save && input.value !== initial) void guarded(() => edit(row, col, input.value));
    else replace(td, initial);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      finish(true);
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
      td.focus();
    }
  });
  input.addEventListener('blur', () => finish(true));
  replace(td, input);
  input.focus();
  input.select();
}

function cell(t: TabView, row: number, col: number, tr: HTMLTableRowElement): HTMLTableCellElement {
  const text = t.rows[row]?.[col] ?? '';
  const header = t.rows[t.headerRow]?.[col] || columnLetter(col);
  const isData = row > t.headerRow;
  const control: Control = isData ? (t.columns[col] ?? { kind: 'text' }) : { kind: 'text' };
  const label = `${header} row ${row + 1}`;
  const td = h(row === t.headerRow ? 'th' : 'td', { 'data-col': header, tabindex: -1 }) as HTMLTableCellElement;
  td.addEventListener('click', () => void guarded(() => select(row, col, tr, td)));
  if (control.kind === 'checkbox' && (text === 'TRUE' || text === 'FALSE' || text === '')) {
    const box = h('input', { type: 'checkbox', checked: text === 'TRUE', 'aria-label': label });
    box.addEventListener('change', () => void guarded(() => edit(row, col, box.checked ? 'TRUE' : 'FALSE')));
    td.appendChild(box);
    return td;
  }
  if (control.kind === 'list') {
    const options = control.options.includes(text) || text === '' ? control.options : [text, ...control.options];
    const sel = h(
      'select',
      { 'aria-label': label },
      h('option', { value: '' }, ''),
      options.map((o) => h('option', { value: o, selected: o === text }, o)),
    );
    sel.value = text;
    sel.addEventListener('change', () => void guarded(() => edit(row, col, sel.value)));
    td.appendChild(sel);
    return td;
  }
  td.tabIndex = 0;
  td.textContent = text;
  td.title = text;
  td.addEventListener('dblclick', () => startEditing(td, row, col, text));
  td.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEditing(td, row, col, text);
    }
  });
  return td;
}

/** The tab as Sheets shows it: column letters on top, row numbers at the side, frozen rows (the header) marked. */
function renderGrid(t: TabView): void {
  const width = Math.max(1, ...t.rows.map((r) => r.length));
  const letters = h(
    'tr',
    null,
    h('th', { class: 'rownum' }, ''),
    Array.from({ length: width }, (_, i) => h('th', { scope: 'col' }, columnLetter(i))),
  );
  const body = h('tbody');
  // One empty row at the end to type a new record into, as the sheet's next row.
  const rowCount = t.rows.length + 1;
  for (let r = 0; r < rowCount; r++) {
    const kind =
      r === t.headerRow ? 'header-row' : r < t.headerRow ? 'frozen' : r === t.rows.length ? 'data blank' : 'data';
    const tr = h('tr', { 'data-row': r + 1, class: kind });
    tr.appendChild(h('th', { class: 'rownum', scope: 'row' }, r + 1));
    for (let c = 0; c < width; c++) tr.appendChild(cell(t, r, c, tr));
    if (t.selected?.row === r) tr.classList.add('selected');
    body.appendChild(tr);
  }
  const wrap = $('grid-wrap');
  const scroll = wrap.scrollTop;
  replace(
    wrap,
    h(
      'table',
      { class: 'sheet', id: 'grid', 'data-tab': t.name, 'aria-label': `${t.name} tab` },
      h('thead', null, letters),
      body,
    ),
    t.totalRows > t.rows.length ? h('p', { class: 'gray' }, `Showing ${t.rows.length} of ${t.totalRows} rows.`) : null,
  );
  wrap.scrollTop = scroll;
}

async function refreshGrid(): Promise<void> {
  if (!view.book || !view.tab) return;
  renderGrid(
    await api<TabView>('GET', `/api/tab?book=${encodeURIComponent(view.book)}&tab=${encodeURIComponent(view.tab)}`),
  );
}

async function refreshAll(): Promise<void> {
  await refreshState();
  await refreshGrid();
}

// ---- menus, triggers, clock ----------------------------------------------------

function renderMenus(menus: MenuRecord[]): void {
  const bar = $('menubar');
  const closeAll = (): void =>
    bar.querySelectorAll<HTMLElement>('.menu-items').forEach((m) => {
      m.hidden = true;
    });
  const entries = (items: MenuEntry[], path: string[]): HTMLElement[] =>
    items.map((it) => {
      if (it.kind === 'separator') return h('hr');
      if (it.kind === 'submenu')
        return h(
          'div',
          { class: 'submenu' },
          h('div', { class: 'gray' }, it.caption ?? ''),
          entries(it.items ?? [], [...path, it.caption ?? '']),
        );
      const captions = [...path, it.caption ?? ''];
      return h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          'data-function': it.functionName ?? '',
          onclick: () => {
            closeAll();
            void guarded(() => clickMenu(captions));
          },
        },
        it.caption ?? '',
      );
    });
  replace(
    bar,
    menus.map((m) => {
      const caption = m.caption ?? 'Extensions';
      const list = h('div', { class: 'menu-items', role: 'menu', hidden: true }, entries(m.items, [caption]));
      list.hidden = true;
      const open = h(
        'button',
        {
          type: 'button',
          class: 'menu-button',
          'aria-haspopup': 'true',
          onclick: () => {
            const was = list.hidden;
            closeAll();
            list.hidden = !was;
          },
        },
        `${caption} ▾`,
      );
      return h('div', { class: 'menu' }, open, list);
    }),
  );
}

async function openWorkbook(): Promise<void> {
  const r = await api<UiResult>('POST', '/api/open', { user: view.user });
  renderMenus(r.menus ?? []);
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
});

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
