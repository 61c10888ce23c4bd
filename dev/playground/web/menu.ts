/**
 * The spreadsheet's menus (the Handoff menu onOpen built), keyboard-operable
 * as the WAI-ARIA menu button pattern asks: Enter, Space or ArrowDown opens
 * and focuses the first item, ArrowUp opens on the last, arrows move, Home
 * and End jump, Escape closes and returns to the button, Tab closes.
 */
import { h, replace } from '../../../src/client/dom';

export interface MenuEntry {
  kind: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: MenuEntry[];
}
export interface MenuRecord {
  caption: string | null;
  addon: boolean;
  items: MenuEntry[];
}

export function renderMenus(bar: HTMLElement, menus: MenuRecord[], click: (captions: string[]) => void): void {
  const closeAll = (): void => {
    bar.querySelectorAll<HTMLElement>('.menu-items').forEach((m) => {
      m.hidden = true;
    });
    bar.querySelectorAll<HTMLElement>('.menu-button').forEach((b) => b.setAttribute('aria-expanded', 'false'));
  };
  const entries = (items: MenuEntry[], path: string[]): HTMLElement[] =>
    items.map((it) => {
      if (it.kind === 'separator') return h('div', { role: 'separator', class: 'separator' });
      if (it.kind === 'submenu')
        return h(
          'div',
          { role: 'group', 'aria-label': it.caption ?? '', class: 'submenu' },
          h('div', { class: 'gray', 'aria-hidden': 'true' }, it.caption ?? ''),
          entries(it.items ?? [], [...path, it.caption ?? '']),
        );
      const captions = [...path, it.caption ?? ''];
      return h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          tabindex: -1,
          'data-function': it.functionName ?? '',
          onclick: () => {
            closeAll();
            click(captions);
          },
        },
        it.caption ?? '',
      );
    });
  replace(
    bar,
    menus.map((m, index) => {
      const caption = m.caption ?? 'Extensions';
      const id = `menu-${index}`;
      const list = h(
        'div',
        { class: 'menu-items', role: 'menu', id, 'aria-label': caption, hidden: true },
        entries(m.items, [caption]),
      );
      list.hidden = true;
      const items = (): HTMLElement[] => Array.from(list.querySelectorAll<HTMLElement>('[role="menuitem"]'));
      const open = (focus: 'first' | 'last' | null): void => {
        closeAll();
        list.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        const all = items();
        if (focus) (focus === 'first' ? all[0] : all[all.length - 1])?.focus();
      };
      const close = (refocus: boolean): void => {
        list.hidden = true;
        button.setAttribute('aria-expanded', 'false');
        if (refocus) button.focus();
      };
      const button = h(
        'button',
        {
          type: 'button',
          class: 'menu-button',
          'aria-haspopup': 'menu',
          'aria-expanded': 'false',
          'aria-controls': id,
          onclick: (e: MouseEvent) => {
            // A click opens without moving focus; Enter and Space (detail 0) put it on the first item.
            if (list.hidden) open(e.detail === 0 ? 'first' : null);
            else close(false);
          },
          onkeydown: (e: KeyboardEvent) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              open('first');
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              open('last');
            } else if (e.key === 'Escape') close(true);
          },
        },
        `${caption} ▾`,
      );
      list.addEventListener('keydown', (e) => {
        const all = items();
        const at = all.indexOf(document.activeElement as HTMLElement);
        const move = (i: number): void => {
          e.preventDefault();
          all[(i + all.length) % all.length]?.focus();
        };
        if (e.key === 'ArrowDown') move(at + 1);
        else if (e.key === 'ArrowUp') move(at - 1);
        else if (e.key === 'Home') move(0);
        else if (e.key === 'End') move(all.length - 1);
        else if (e.key === 'Escape') {
          e.preventDefault();
          close(true);
        } else if (e.key === 'Tab') close(false);
      });
      return h('div', { class: 'menu' }, button, list);
    }),
  );
  if (!dismissing.has(bar)) {
    dismissing.add(bar);
    // A click elsewhere closes an open menu, as in Sheets.
    document.addEventListener('click', (e) => {
      if (bar.contains(e.target as Node)) return;
      bar.querySelectorAll<HTMLElement>('.menu-items').forEach((m) => {
        m.hidden = true;
      });
      bar.querySelectorAll<HTMLElement>('.menu-button').forEach((b) => b.setAttribute('aria-expanded', 'false'));
    });
  }
}

const dismissing = new WeakSet<HTMLElement>();
