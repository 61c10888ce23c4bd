/**
 * Settings: the Settings tab as a form, for transition managers. The server
 * checks every value when saving and names each wrong one; nothing is saved
 * until all are right.
 */
import type { App, Panel } from '../app';
import { button, buttons, field, form, h, replace } from '../dom';
import { formatDate } from '../format';

type SettingField = Awaited<ReturnType<App['api']['getSettings']>>['settings'][number];

function control(s: SettingField): HTMLInputElement | HTMLTextAreaElement {
  const name = s.name;
  switch (s.kind) {
    case 'bool':
      return h('input', { type: 'checkbox', name, checked: s.value === 'TRUE' });
    case 'hour':
      return h('input', { type: 'number', name, min: 0, max: 23, step: 1, value: s.value, inputmode: 'numeric' });
    case 'days':
    case 'months':
      return h('input', { type: 'number', name, min: 0, step: 1, value: s.value, inputmode: 'numeric' });
    case 'email':
      return h('input', { type: 'email', name, value: s.value, autocomplete: 'off' });
    case 'multiline':
    case 'dates':
      return h('textarea', { name, rows: 3, value: s.value });
    default:
      return h('input', { type: 'text', name, value: s.value, autocomplete: 'off' });
  }
}

/** Holidays as the sheet shows dates (M/d/yyyy); the server reads either form and keeps them sorted. */
const shownDates = (text: string): string =>
  text
    .split(/\s*[,;\n]\s*/)
    .filter((x) => x)
    .map((x) => (/^\d{4}-\d{2}-\d{2}$/.test(x) ? formatDate(x) : x))
    .join(', ');

/** The Holidays field, with the offer to add the US federal holidays of this year and next (the list stays editable). */
function holidaysRow(s: SettingField): HTMLElement {
  const input = h('textarea', { name: s.name, rows: 4, value: shownDates(s.value) });
  const wrap = field(s.name, input, s.description);
  if (!s.suggestion) return wrap;
  const years = [...new Set(s.suggestion.match(/\d{4}(?=-)/g) ?? [])].join(' and ');
  wrap.appendChild(
    buttons(
      button(
        `Add the US federal holidays of ${years}`,
        () => {
          const have = input.value.split(/\s*[,;\n]\s*/).filter((x) => x);
          const add = shownDates(s.suggestion ?? '')
            .split(', ')
            .filter((x) => !have.includes(x));
          input.value = [...have, ...add].join(', ');
          input.focus();
        },
        '',
        { 'data-action': 'add-federal-holidays' },
      ),
    ),
  );
  return wrap;
}

function row(s: SettingField): HTMLElement {
  if (s.kind === 'dates') return holidaysRow(s);
  const input = control(s);
  if (s.kind !== 'bool') return field(s.name, input, s.description);
  input.id = `setting-${s.name.replace(/\W+/g, '-').toLowerCase()}`;
  return h(
    'div',
    { class: 'block form-group' },
    h('label', { class: 'check', for: input.id }, input, s.name),
    h('div', { class: 'secondary help' }, s.description),
  );
}

function valuesOf(f: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of Array.from(
    f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]'),
  )) {
    values[el.name] =
      el instanceof HTMLInputElement && el.type === 'checkbox' ? (el.checked ? 'TRUE' : 'FALSE') : el.value;
  }
  return values;
}

/** Marks the fields a refused save names, so each wrong one is found where it is typed. */
function markInvalid(f: HTMLFormElement, message: string): void {
  for (const el of Array.from(f.querySelectorAll<HTMLElement>('[name]'))) {
    const name = el.getAttribute('name') ?? '';
    if (name && message.includes(name)) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
}

export const settingsPanel: Panel = {
  id: 'settings',
  title: 'Settings',
  roles: ['admin'],
  async render(root: HTMLElement, app: App): Promise<void> {
    const { settings } = await app.busy(app.api.getSettings(), 'Loading settings…');
    // Save is at the top and the bottom of a long form: the result shows beside the one pressed.
    const save = async (f: HTMLFormElement, at: Element | null): Promise<void> => {
      try {
        const { saved } = await app.busy(app.api.saveSettings(valuesOf(f)), 'Saving settings…', at);
        markInvalid(f, '');
        app.showStatus(saved.length ? `Saved: ${saved.join(', ')}.` : 'Nothing changed.', at);
      } catch (e) {
        markInvalid(f, e instanceof Error ? e.message : String(e));
        throw e;
      }
    };
    const top = button('Save settings', null, 'action', { 'data-action': 'save-top' });
    const bottom = button('Save settings', null, 'action', { 'data-action': 'save' });
    let pressed: Element = bottom;
    for (const b of [top, bottom])
      b.addEventListener('click', () => {
        pressed = b;
      });
    replace(
      root,
      form(
        (f) => {
          // Enter in a field submits too: then the result shows beside that field.
          const active = document.activeElement;
          const at =
            active instanceof HTMLElement && active.matches('input, textarea') && f.contains(active) ? active : pressed;
          pressed = bottom;
          void save(f, at).catch(() => undefined);
        },
        h(
          'div',
          { class: 'block' },
          h('p', { class: 'secondary' }, 'These are the rows of the Settings tab. Blank values use the default shown.'),
          buttons(top),
        ),
        settings.map(row),
        buttons(bottom),
      ),
    );
  },
};
