/**
 * The spreadsheet UI: developers.google.com/apps-script/reference/base/ui (createMenu,
 * createAddonMenu, alert, prompt, showSidebar, showModalDialog), base/menu, base/prompt-response,
 * and Spreadsheet.toast.
 */
import { setup, thrown } from './spreadsheet-setup';

const html = (content: string, title?: string) => ({
  getContent: () => content,
  getTitle: () => title ?? '',
  getWidth: () => 300,
  getHeight: () => 200,
});

describe('menus (ui#createmenucaption, ui#createaddonmenu)', () => {
  it('records items, separators and submenus in order', () => {
    const { app, store } = setup();
    const ui = app.getUi();
    ui.createMenu('Handoff')
      .addItem('Set up workbook', 'setUpWorkbook')
      .addSeparator()
      .addSubMenu(ui.createMenu('Departures').addItem('Start departure…', 'showDepartureDialog'))
      .addToUi();
    expect(store.ui.menus).toEqual([
      {
        caption: 'Handoff',
        addon: false,
        items: [
          { kind: 'item', caption: 'Set up workbook', functionName: 'setUpWorkbook' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            caption: 'Departures',
            items: [{ kind: 'item', caption: 'Start departure…', functionName: 'showDepartureDialog' }],
          },
        ],
      },
    ]);
  });

  it('records the add-on menu and replaces a menu added again', () => {
    const { app, store } = setup();
    const ui = app.getUi();
    ui.createAddonMenu().addItem('Open', 'showSidebar').addToUi();
    ui.createAddonMenu().addItem('Open sidebar', 'showSidebar').addToUi();
    expect(store.ui.menus).toHaveLength(1);
    expect(store.ui.menus[0]).toMatchObject({ addon: true, caption: null, items: [{ caption: 'Open sidebar' }] });
  });

  it('counts addToUi but not the menu-building steps', () => {
    const { app, kernel } = setup();
    const ui = app.getUi();
    kernel.resetCounters();
    ui.createMenu('M').addItem('a', 'f').addSeparator().addToUi();
    expect(Object.keys(kernel.counters.byMethod).sort()).toEqual(['Menu.addToUi', 'Ui.createMenu']);
  });
});

describe('alerts and prompts (ui#alertprompt, ui#alerttitle,-prompt,-buttons, ui#promptprompt)', () => {
  it('answers OK when nothing is scripted', () => {
    const { app, store } = setup();
    const ui = app.getUi();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    expect(store.ui.alerts[0]).toMatchObject({ title: null, prompt: 'Saved', buttons: 'OK', answer: 'OK' });
  });

  it('takes scripted answers in order', () => {
    const { app, store } = setup();
    const ui = app.getUi();
    store.ui.answers.push('YES', 'NO');
    expect(ui.alert('Send notices', 'Send 12 emails?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Again?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(store.ui.alerts.map((a) => a.title)).toEqual(['Send notices', null]);
  });

  it('refuses a scripted answer that is not a button of the alert', () => {
    const { app, store } = setup();
    store.ui.answers.push('YES');
    expect(() => app.getUi().alert('Only OK')).toThrow(/not a button of OK/);
  });

  it('returns a PromptResponse with the typed text and the button', () => {
    const { app, store } = setup();
    const ui = app.getUi();
    store.ui.answers.push({ button: 'OK', text: 'R-000123' }, 'typed', { button: 'CANCEL' });
    const a = ui.prompt('Case ref?');
    const b = ui.prompt('Title', 'Note?', ui.ButtonSet.OK_CANCEL);
    const c = ui.prompt('Title', 'Note?', ui.ButtonSet.OK_CANCEL);
    expect([a.getResponseText(), a.getSelectedButton()]).toEqual(['R-000123', 'OK']);
    expect([b.getResponseText(), b.getSelectedButton()]).toEqual(['typed', 'OK']);
    expect([c.getResponseText(), c.getSelectedButton()]).toEqual(['', 'CANCEL']);
    expect(store.ui.prompts).toHaveLength(3);
  });

  it('refuses a malformed alert call with a signature message', () => {
    const { app } = setup();
    expect(thrown(() => app.getUi().alert('a', 'b'))).toMatch(/don't match the method signature for Ui.alert/);
  });
});

describe('sidebars, dialogs and toasts', () => {
  it('records the sidebar with its title and HTML (ui#showsidebaruserinterface)', () => {
    const { app, store } = setup();
    app.getUi().showSidebar(html('<p>Cases</p>', 'Caseload Handoff'));
    expect(store.ui.sidebar).toEqual({ title: 'Caseload Handoff', html: '<p>Cases</p>', width: 300, height: 200 });
  });

  it('records modal and modeless dialogs with the given title (ui#showmodaldialoguserinterface,-title)', () => {
    const { app, store } = setup();
    app.getUi().showModalDialog(html('<form></form>'), 'Start departure');
    app.getUi().showModelessDialog(html('<div></div>'), 'Preview');
    expect(store.ui.dialogs.map((d) => [d.kind, d.title])).toEqual([
      ['modal', 'Start departure'],
      ['modeless', 'Preview'],
    ]);
  });

  it('refuses something that is not an HtmlOutput', () => {
    const { app } = setup();
    expect(() => app.getUi().showSidebar('<p>raw</p>')).toThrow(/showSidebar/);
  });

  it('records toasts of the spreadsheet (spreadsheet#toastmsg,-title,-timeoutseconds)', () => {
    const { ss, store, hub } = setup();
    ss.toast('12 notices sent', 'Handoff', 10);
    expect(store.ui.toasts).toEqual([
      { spreadsheetId: hub.id, message: '12 notices sent', title: 'Handoff', timeoutSeconds: 10 },
    ]);
  });

  it('refuses getUi where there is no UI (a trigger)', () => {
    const { app, store } = setup();
    store.ui.available = false;
    expect(thrown(() => app.getUi())).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});
