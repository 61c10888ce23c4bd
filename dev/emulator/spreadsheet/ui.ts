/**
 * SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts.
 * What the script shows is recorded in UiState; alert/prompt answers come
 * from UiState.answers (scripted by a test or the playground), else OK.
 */
import { Ctx } from './ctx';
import { checkArgs, fail } from './errors';
import { instrument } from './instrument';
import { MenuEntry, ShownHtml, UiAnswer } from './uistate';

const names = (...keys: string[]) =>
  Object.freeze(Object.fromEntries(keys.map((k) => [k, k])) as Record<string, string>);
export const Button = names('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = names('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
const BUTTONS: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

/** The shape of an HtmlOutput this UI accepts (HtmlService's objects). */
export interface HtmlLike {
  getContent(): string;
  getTitle?(): string;
  getWidth?(): number;
  getHeight?(): number;
}

function shown(html: unknown, method: string, title?: unknown): ShownHtml {
  checkArgs(!!html && typeof (html as HtmlLike).getContent === 'function', [html], `Ui.${method}`);
  const h = html as HtmlLike;
  return {
    title: typeof title === 'string' ? title : (h.getTitle?.() ?? null),
    html: h.getContent(),
    width: h.getWidth?.() ?? null,
    height: h.getHeight?.() ?? null,
  };
}

/** What the emulator says when an add-on adds a top-level menu (the platform's own text is not documented). */
export const ADDON_TOP_MENU =
  'An Editor add-on cannot add a menu to the menu bar: build it with Ui.createAddonMenu(), under Extensions.';

export class Menu {
  readonly _items: MenuEntry[] = [];
  constructor(
    readonly _x: Ctx,
    readonly _caption: string | null,
    readonly _addon: boolean,
  ) {}

  addItem(caption: string, functionName: string): this {
    checkArgs(typeof caption === 'string' && typeof functionName === 'string', [caption, functionName], 'Menu.addItem');
    this._items.push({ kind: 'item', caption, functionName });
    return this;
  }
  addSeparator(): this {
    this._items.push({ kind: 'separator' });
    return this;
  }
  addSubMenu(menu: Menu): this {
    checkArgs(menu instanceof Menu, [menu], 'Menu.addSubMenu');
    this._items.push({ kind: 'submenu', caption: menu._caption ?? '', items: structuredClone(menu._items) });
    return this;
  }
  /**
   * Adds the menu to the editor's UI; adding a menu of the same caption again replaces it.
   * A published Editor add-on has no menu bar of its own: its items go under
   * Extensions through createAddonMenu (developers.google.com/workspace/add-ons/concepts/menus);
   * a createMenu menu (still usable as a submenu) is refused here.
   */
  addToUi(): void {
    if (!this._addon && this._x.env.isAddOn?.()) fail(ADDON_TOP_MENU);
    const menus = this._x.ui.menus;
    const record = { caption: this._caption, addon: this._addon, items: structuredClone(this._items) };
    const i = menus.findIndex((m) => m.caption === this._caption && m.addon === this._addon);
    if (i >= 0) menus[i] = record;
    else menus.push(record);
  }
}
// Building a menu is local; only addToUi talks to the editor.
instrument(Menu, 'Menu', {}, ((m: Menu) => ({ kernel: m._x.kernel })) as never, [
  'addItem',
  'addSeparator',
  'addSubMenu',
]);

export class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): string {
    return this.button;
  }
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(readonly _x: Ctx) {}

  _answer(): UiAnswer | undefined {
    return this._x.ui.answers.shift();
  }

  _button(answer: string, buttons: string): string {
    const allowed = [...BUTTONS[buttons], 'CLOSE'];
    if (!allowed.includes(answer)) throw new Error(`Scripted UI answer "${answer}" is not a button of ${buttons}.`);
    return answer;
  }

  _args(args: unknown[], method: string): { title: string | null; prompt: string; buttons: string } {
    const isSet = (v: unknown) => typeof v === 'string' && v in BUTTONS;
    if (args.length === 1 && typeof args[0] === 'string') return { title: null, prompt: args[0], buttons: 'OK' };
    if (args.length === 2 && typeof args[0] === 'string' && isSet(args[1]))
      return { title: null, prompt: args[0], buttons: args[1] as string };
    if (args.length === 3 && typeof args[0] === 'string' && typeof args[1] === 'string' && isSet(args[2])) {
      return { title: args[0], prompt: args[1], buttons: args[2] as string };
    }
    return fail(
      `The parameters (${args.map((a) => typeof a).join(',')}) don't match the method signature for Ui.${method}.`,
    );
  }

  alert(...args: unknown[]): string {
    const { title, prompt, buttons } = this._args(args, 'alert');
    const a = this._answer();
    const answer = this._button(a === undefined ? 'OK' : typeof a === 'string' ? a : a.button, buttons);
    this._x.ui.alerts.push({ title, prompt, buttons, answer });
    return answer;
  }

  prompt(...args: unknown[]): PromptResponse {
    const { title, prompt, buttons } = this._args(args, 'prompt');
    const a = this._answer();
    // A string answer is what the person typed, then the first button (OK or YES).
    const button = this._button(
      a === undefined ? 'OK' : typeof a === 'string' ? BUTTONS[buttons][0] : a.button,
      buttons,
    );
    const text = a === undefined ? '' : typeof a === 'string' ? a : (a.text ?? '');
    this._x.ui.prompts.push({ title, prompt, buttons, answer: button, text });
    return new PromptResponse(text, button);
  }

  createMenu(caption: string): Menu {
    checkArgs(typeof caption === 'string', [caption], 'Ui.createMenu');
    return new Menu(this._x, caption, false);
  }
  createAddonMenu(): Menu {
    return new Menu(this._x, null, true);
  }

  showSidebar(userInterface: unknown): void {
    this._x.ui.sidebar = shown(userInterface, 'showSidebar');
  }
  showModalDialog(userInterface: unknown, title: string): void {
    this._x.ui.dialogs.push({ kind: 'modal', ...shown(userInterface, 'showModalDialog', title) });
  }
  showModelessDialog(userInterface: unknown, title: string): void {
    this._x.ui.dialogs.push({ kind: 'modeless', ...shown(userInterface, 'showModelessDialog', title) });
  }
}
instrument(Ui, 'Ui', {}, ((u: Ui) => ({ kernel: u._x.kernel })) as never);
