/**
 * The workbook grid, virtualised: only the rows in view (and a margin) are
 * in the page, fetched from the playground a window at a time, so a
 * 5,000-row Clients tab costs every action what a 60-row one does. Column
 * letters, the header rows (frozen, on top), row numbers, the cells' colours
 * as Sheets draws them (conditional formats included), dropdowns and
 * checkboxes where the column has the rule, and one empty row at the end to
 * type a new record into. Cell text is inserted as text (h()), never parsed.
 */
import { h, replace } from '../../../src/client/dom';
import { colLetters } from '../../emulator/spreadsheet/a1';

export type Control = { kind: 'text' } | { kind: 'checkbox' } | { kind: 'list'; options: string[]; strict: boolean };
export interface CellStyle {
  background?: string;
  color?: string;
  bold?: boolean;
}
export interface ChartView {
  title: string;
  type: string;
  anchor: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}
export interface TabView {
  spreadsheetId: string;
  name: string;
  top: string[][];
  topStyles: (CellStyle | null)[][];
  headerRow: number;
  from: number;
  rows: string[][];
  styles: (CellStyle | null)[][];
  totalRows: number;
  width: number;
  columns: Control[];
  frozenRows: number;
  selected: { row: number; col: number } | null;
  charts: ChartView[];
}

export interface GridHost {
  /** Fetches rows [from, from + count) of the current tab (with its header rows). */
  fetch(from: number, count: number): Promise<TabView>;
  /** A person typed into a cell (0-based row and column). */
  edit(row: number, col: number, value: string): void;
  /** A person clicked a cell. */
  select(row: number, col: number): void;
  /** The tab's charts changed (they are drawn beside the grid). */
  charts(t: TabView): void;
  guarded(work: () => Promise<void>): void;
}

/** Every row is this tall (CSS pins it), so the scroll position says which rows are in view. */
export const ROW_PX = 24;
/** Rows drawn above and below the view. */
const MARGIN = 15;
/** Rows fetched per window. */
const WINDOW = 200;

const letter = (i: number): string => colLetters(i + 1);

export class Grid {
  private view: TabView | null = null;
  private tab = '';
  private editing = false;
  private frame = 0;
  private fetching: Promise<void> | null = null;
  private selected: { row: number; col: number } | null = null;

  constructor(
    private readonly wrap: HTMLElement,
    private readonly host: GridHost,
  ) {
    wrap.addEventListener('scroll', () => {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.onScroll();
      });
    });
  }

  /** Shows a tab afresh, or the same tab again after a change, keeping the scroll position. */
  async show(tab: string): Promise<void> {
    const same = tab === this.tab;
    this.tab = tab;
    if (!same) this.wrap.scrollTop = 0;
    const first = this.firstInView();
    const t = await this.host.fetch(Math.max(0, first - WINDOW / 4), WINDOW);
    this.view = t;
    this.selected = t.selected;
    this.host.charts(t);
    this.draw();
  }

  /** Data rows of the tab, plus the empty row to type into. */
  private dataRows(t: TabView): number {
    return Math.max(0, t.totalRows - (t.headerRow + 1)) + 1;
  }

  private firstInView(): number {
    return Math.floor(this.wrap.scrollTop / ROW_PX);
  }

  private onScroll(): void {
    const t = this.view;
    if (!t || this.editing) return;
    const first = this.firstInView();
    const last = first + Math.ceil(this.wrap.clientHeight / ROW_PX);
    const from = t.headerRow + 1 + Math.max(0, first - MARGIN);
    const to = Math.min(t.totalRows, t.headerRow + 1 + last + MARGIN);
    const have = from >= t.from && to <= t.from + t.rows.length;
    if (have || to <= from) {
      this.draw();
      return;
    }
    if (this.fetching) return;
    this.fetching = this.host
      .fetch(Math.max(t.headerRow + 1, from - WINDOW / 4), WINDOW)
      .then((next) => {
        this.view = next;
        this.draw();
      })
      .finally(() => {
        this.fetching = null;
      });
  }

  private draw(): void {
    const t = this.view;
    if (!t) return;
    const total = this.dataRows(t);
    const first = Math.max(0, this.firstInView() - MARGIN);
    const count = Math.ceil(Math.max(this.wrap.clientHeight, 480) / ROW_PX) + 2 * MARGIN;
    const last = Math.min(total, first + count);
    const letters = h(
      'tr',
      { class: 'letters' },
      h('th', { class: 'rownum corner', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Row')),
      Array.from({ length: t.width }, (_, i) => h('th', { scope: 'col' }, letter(i))),
    );
    const head = t.top.map((row, r) => this.row(t, r, row, t.topStyles[r] ?? []));
    const body = h('tbody');
    body.appendChild(h('tr', { class: 'spacer', 'aria-hidden': 'true', style: `height:${first * ROW_PX}px` }));
    for (let i = first; i < last; i++) {
      const r = t.headerRow + 1 + i;
      const at = r - t.from;
      const inWindow = at >= 0 && at < t.rows.length;
      const blank = r >= t.totalRows;
      const values = inWindow ? t.rows[at] : Array.from({ length: t.width }, () => '');
      const tr = this.row(t, r, values, inWindow ? (t.styles[at] ?? []) : [], blank, !inWindow && !blank);
      body.appendChild(tr);
    }
    body.appendChild(h('tr', { class: 'spacer', 'aria-hidden': 'true', style: `height:${(total - last) * ROW_PX}px` }));
    const scroll = this.wrap.scrollTop;
    replace(
      this.wrap,
      h(
        'table',
        {
          class: 'sheet',
          id: 'grid',
          'data-tab': t.name,
          'data-rows': t.totalRows,
          'aria-label': `${t.name} tab, ${t.totalRows} rows`,
          'aria-rowcount': t.totalRows + 1,
        },
        h('thead', null, letters, head),
        body,
      ),
    );
    this.wrap.scrollTop = scroll;
  }

  private row(t: TabView, r: number, values: string[], styles: (CellStyle | null)[], blank = false, loading = false) {
    const kind = r === t.headerRow ? 'header-row' : r < t.headerRow ? 'frozen' : blank ? 'data blank' : 'data';
    const tr = h('tr', { 'data-row': r + 1, class: `${kind}${loading ? ' loading' : ''}`, 'aria-rowindex': r + 2 });
    tr.appendChild(h('th', { class: 'rownum', scope: 'row' }, r + 1));
    for (let c = 0; c < t.width; c++) tr.appendChild(this.cell(t, r, c, values[c] ?? '', styles[c] ?? null, tr));
    if (this.selected?.row === r) tr.classList.add('selected');
    return tr;
  }

  private cell(
    t: TabView,
    row: number,
    col: number,
    text: string,
    style: CellStyle | null,
    tr: HTMLTableRowElement,
  ): HTMLTableCellElement {
    const header = t.top[t.headerRow]?.[col] || letter(col);
    const isData = row > t.headerRow;
    const control: Control = isData ? (t.columns[col] ?? { kind: 'text' }) : { kind: 'text' };
    const label = `${header} row ${row + 1}`;
    const css = style
      ? [
          style.background ? `background:${style.background}` : '',
          style.color ? `color:${style.color}` : '',
          style.bold ? 'font-weight:600' : '',
        ]
          .filter((x) => x)
          .join(';')
      : '';
    // A header cell is a th only when it holds a header: an empty one is a plain cell (screen readers need the text).
    const td = h(row === t.headerRow && text !== '' ? 'th' : 'td', {
      'data-col': header,
      tabindex: -1,
      style: css || null,
      'data-background': style?.background ?? null,
    }) as HTMLTableCellElement;
    if (this.selected?.row === row && this.selected.col === col) td.classList.add('active');
    td.addEventListener('click', () => {
      this.selected = { row, col };
      this.wrap.querySelectorAll('tr.selected').forEach((x) => x.classList.remove('selected'));
      this.wrap.querySelectorAll('td.active').forEach((x) => x.classList.remove('active'));
      tr.classList.add('selected');
      td.classList.add('active');
      this.host.select(row, col);
    });
    if (control.kind === 'checkbox' && (text === 'TRUE' || text === 'FALSE' || text === '')) {
      const box = h('input', { type: 'checkbox', checked: text === 'TRUE', 'aria-label': label });
      box.addEventListener('change', () => this.host.edit(row, col, box.checked ? 'TRUE' : 'FALSE'));
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
      sel.addEventListener('change', () => this.host.edit(row, col, sel.value));
      td.appendChild(sel);
      return td;
    }
    td.tabIndex = 0;
    td.textContent = text;
    if (text) td.title = text;
    td.addEventListener('dblclick', () => this.startEditing(td, row, col, text));
    td.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'F2') {
        e.preventDefault();
        this.startEditing(td, row, col, text);
      }
    });
    return td;
  }

  /** A text cell becomes an input while it is edited, as in Sheets; Enter saves, Escape cancels. */
  private startEditing(td: HTMLTableCellElement, row: number, col: number, initial: string): void {
    if (td.querySelector('input')) return;
    this.editing = true;
    const input = h('input', { type: 'text', value: initial, 'aria-label': `${this.tab} ${letter(col)}${row + 1}` });
    let done = false;
    const finish = (save: boolean): void => {
      if (done) return;
      done = true;
      this.editing = false;
      if (save && input.value !== initial) this.host.edit(row, col, input.value);
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
}
