/**
 * Building the sidebar's DOM. Data from the workbook (client names, notes,
 * file contents) is always inserted as text nodes: nothing here parses HTML,
 * so a name like `<img src=x onerror=…>` shows as those characters.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
/** Declared as a method so a handler may take the specific event it listens for (KeyboardEvent, …). */
type Handler = { handle(event: Event): void }['handle'];
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

/** Attributes that would run or load code from a string: refused, so a data value can never become one. */
const CODE_ATTRIBUTES = /^(on|srcdoc$|formaction$)/i;
/** Attributes holding a URL, where a javascript: URL would run code when followed. */
const URL_ATTRIBUTES = /^(href|src|action|xlink:href)$/i;

/**
 * h('button', { class: 'action', onclick: save }, 'Save'): an element with
 * attributes, event handlers (functions only) and children as text or nodes.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      if (!/^on/.test(name)) throw new Error(`h(): a function can only be an event handler, not "${name}".`);
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (CODE_ATTRIBUTES.test(name)) {
      throw new Error(`h(): "${name}" takes code; pass a function as the handler instead.`);
    } else if (
      URL_ATTRIBUTES.test(name) &&
      /^\s*(javascript|vbscript|data):/i.test(String(value).replace(/\p{Cc}/gu, ''))
    ) {
      throw new Error(`h(): refusing a script URL in "${name}".`);
    } else if (name === 'value' && 'value' in el) {
      (el as unknown as HTMLInputElement).value = String(value);
    } else if (name === 'checked' || name === 'selected' || name === 'disabled') {
      // Properties, so a re-render reflects the state (the attribute is only the default).
      (el as unknown as Record<string, boolean>)[name] = value === true || value === 'true';
    } else {
      el.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children: strings and numbers as text nodes, nested arrays flattened, blanks skipped. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number')
      parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/** Empties an element and fills it anew. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

let nextId = 0;
/** A unique id for pairing a <label for> with its control. */
export function uid(prefix = 'f'): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled control: the label's `for` points at the control, and help text is tied to it by aria-describedby. */
export function field(label: string, control: HTMLElement, help?: string): HTMLDivElement {
  if (!control.id) control.id = uid('field');
  const helpEl = help ? h('div', { class: 'secondary help', id: `${control.id}-help` }, help) : null;
  if (helpEl) control.setAttribute('aria-describedby', helpEl.id);
  return h('div', { class: 'block form-group' }, h('label', { for: control.id }, label), control, helpEl);
}

/** A <select> of options; `value` preselects one. Options are [value, label] pairs or plain strings. */
export function select(options: (string | [string, string])[], value?: string, attrs?: Attrs): HTMLSelectElement {
  const el = h('select', attrs ?? null);
  for (const opt of options) {
    const [v, label] = typeof opt === 'string' ? [opt, opt] : opt;
    el.appendChild(h('option', { value: v, selected: v === value }, label));
  }
  if (value !== undefined) el.value = value;
  return el;
}

/**
 * A form whose submit (a button click or Enter in a field) runs `onSubmit`
 * instead of navigating the sidebar away.
 */
export function form(onSubmit: (form: HTMLFormElement) => void, ...children: Child[]): HTMLFormElement {
  const el = h('form', { novalidate: true }, ...children);
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(el);
  });
  return el;
}

/** A button; kind 'action' (blue), 'create' (green), 'share' (red) or '' (plain, the Google add-on conventions). */
export function button(
  label: string,
  onClick: ((event: MouseEvent) => void) | null,
  kind: '' | 'action' | 'create' | 'share' = '',
  attrs?: Attrs,
): HTMLButtonElement {
  return h(
    'button',
    { type: onClick ? 'button' : 'submit', class: kind || null, onclick: onClick ?? undefined, ...attrs },
    label,
  );
}

/** A small table from header names and rows of text. */
export function table(headers: string[], rows: Child[][], attrs?: Attrs): HTMLTableElement {
  return h(
    'table',
    { class: 'grid', ...attrs },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          r.map((c) => h('td', null, c)),
        ),
      ),
    ),
  );
}

/** A row of buttons: where the result of any of them is shown (beside the row). */
export function buttons(...children: Child[]): HTMLDivElement {
  return h('div', { class: 'buttons' }, ...children);
}

/** A scrolling box a keyboard can reach and scroll (it is focusable and named, as a region). */
export function scrollBox(label: string, ...children: Child[]): HTMLDivElement {
  return h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': label }, ...children);
}

/** The policy inside a preview frame: no script, no network; inline styles and data: images only. */
const FRAME_POLICY =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">';

/**
 * An email body (server-rendered, its values already escaped) shown as the
 * client will see it, in a frame that can run nothing: sandbox with no
 * allowances (no scripts, no forms, no top navigation) and a policy that
 * blocks every load. The only way dom.ts sets srcdoc.
 */
export function sandboxedFrame(html: string, title: string, attrs?: Attrs): HTMLIFrameElement {
  const frame = h('iframe', { title, class: 'preview-frame', ...attrs });
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  // The sidebar is narrow: long words wrap here, as a phone's mail app wraps them.
  const fit = '<style>body{margin:8px;overflow-wrap:anywhere}</style>';
  frame.srcdoc = `<!DOCTYPE html><html><head>${FRAME_POLICY}<meta charset="utf-8">${fit}</head><body>${html}</body></html>`;
  return frame;
}

/** A figure with its label ("12 notified"), as the panels' count cards show them. */
export function count(label: string, n: number, cls = ''): HTMLElement {
  return h('div', { class: `count ${cls}`.trim(), 'data-count': label }, h('strong', null, n), label);
}
