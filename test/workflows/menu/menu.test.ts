/**
 * The Handoff menu (onOpen, onInstall) and the sidebar it opens, on the built
 * bundle in the emulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Runner } from '../../../dev/emulator/runner';
import { MENU, MenuItem } from '../../../src/server/workflows/menu';
import { DIST, Hub, newHub } from '../../support/hub';

const items = MENU.filter((e): e is MenuItem => e !== 'separator');

/** Captions of the last menu onOpen built, with '---' for separators. */
function shownMenu(hub: Hub): { caption: string | null; addon: boolean; items: string[] } {
  const menu = hub.emu.sheets.ui.menus[hub.emu.sheets.ui.menus.length - 1];
  return {
    caption: menu.caption,
    addon: menu.addon,
    items: menu.items.map((i) => (i.kind === 'separator' ? '---' : String(i.caption))),
  };
}

describe('The Handoff menu', () => {
  let hub: Hub;
  beforeAll(() => {
    hub = newHub({ clients: 3 });
  });

  it('names only functions the bundle exports', () => {
    const exported = hub.runner.topLevelFunctions();
    for (const item of items) expect([item.caption, exported.has(item.functionName)]).toEqual([item.caption, true]);
  });

  it('offers an admin every item, in order, with separators between groups and never two in a row', () => {
    const run = hub.runner.open({ user: hub.admin });
    expect(run.ok).toBe(true);
    const shown = shownMenu(hub);
    expect(shown.caption).toBe('Handoff');
    expect(shown.addon).toBe(false);
    expect(shown.items.filter((c) => c !== '---')).toEqual(items.map((i) => i.caption));
    expect(shown.items.join('|')).not.toMatch(/---\|---|^---|---$/);
    expect(shown.items).toContain('Set up workbook');
  });

  it('hides admin-only items from a CSR', () => {
    hub.runner.open({ user: hub.csr });
    const shown = shownMenu(hub).items.filter((c) => c !== '---');
    expect(shown).toEqual(items.filter((i) => i.role !== 'admin').map((i) => i.caption));
    expect(shown).not.toContain('Set up workbook');
    expect(shown).toContain('Open sidebar');
  });

  it('offers everything on a workbook that is not set up yet, so Set up workbook can be found', () => {
    const fresh = newHub({ setUp: false, clients: 0 });
    const run = fresh.runner.open({ user: fresh.admin });
    expect(run.ok).toBe(true);
    expect(shownMenu(fresh).items).toContain('Set up workbook');
  });

  it('installed but not yet used in this document (AuthMode.NONE): builds the add-on menu without reading the sheet', () => {
    const run = hub.runner.run('onOpen', [{ authMode: 'NONE' }], { user: hub.admin, authMode: 'LIMITED' });
    expect(run.ok).toBe(true);
    expect(run.counters.data).toBe(0);
    const shown = shownMenu(hub);
    expect(shown.addon).toBe(true);
    expect(shown.items.filter((c) => c !== '---')).toEqual(items.map((i) => i.caption));
  });

  it('onInstall builds the menu at once, without a reload', () => {
    hub.emu.sheets.ui.menus.length = 0; // a document open before the add-on was installed
    const run = hub.runner.run('onInstall', [{ authMode: 'FULL' }], { user: hub.admin });
    expect(run.ok).toBe(true);
    expect(hub.emu.sheets.ui.menus).toHaveLength(1);
    expect(shownMenu(hub).caption).toBe('Handoff');
  });
});

describe('The sidebar', () => {
  it('Open sidebar shows the Caseload Handoff sidebar, 300 px wide', () => {
    const hub = newHub({ clients: 3 });
    hub.runner.open({ user: hub.csr });
    const run = hub.runner.clickMenu('Handoff', 'Open sidebar');
    expect(run.error).toBeUndefined();
    expect(hub.emu.sheets.ui.sidebar).toMatchObject({ title: 'Caseload Handoff', width: 300 });
    expect(hub.emu.sheets.ui.sidebar?.html).toBe(hub.runner.htmlFiles().Sidebar);
    expect(hub.callAs<{ panel: string | null }>(hub.csr, 'whoAmI').panel).toBeNull();
  });

  it('Import client roster… opens the sidebar on the Import panel, once', () => {
    const hub = newHub({ clients: 3 });
    hub.runner.open({ user: hub.admin });
    hub.runner.clickMenu('Handoff', 'Import client roster…');
    expect(hub.emu.sheets.ui.sidebar?.title).toBe('Caseload Handoff');
    expect(hub.call<{ panel: string | null }>('whoAmI').panel).toBe('import');
    expect(hub.call<{ panel: string | null }>('whoAmI').panel).toBeNull();
  });

  it('refuses a person with no role, naming the role needed', () => {
    const hub = newHub({ clients: 3 });
    expect(() => hub.callAs('stranger@elsewhere.example', 'showSidebar')).toThrow(/needs a CSR or transition manager/);
    expect(hub.emu.sheets.ui.sidebar).toBeNull();
  });

  it('says clearly that the sidebar is missing from a build without it, and shows nothing', () => {
    const hub = newHub({ clients: 0 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-dist-'));
    for (const f of fs.readdirSync(DIST).filter((f) => f !== 'Sidebar.html'))
      fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
    const run = new Runner(hub.emu, { distDir: dir }).run('showSidebar', [], { user: hub.admin });
    expect(run.error).toBe(
      'The sidebar page (Sidebar.html) is not part of this build of Caseload Handoff, so it cannot open. The menu items that do not need it still work.',
    );
    expect(hub.emu.sheets.ui.sidebar).toBeNull();
  });
});
