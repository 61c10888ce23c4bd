/**
 * Roles in practice: every top-level function of the built bundle, called
 * through google.script.run by a signed-in person with no role, is refused
 * with a message naming the role it needs, and changes nothing. A new export
 * is covered the day it lands; the only exceptions are listed below, by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Hub, newHub } from '../support/hub';

/**
 * Exports any signed-in person may call: the simple triggers (they build a
 * menu or stamp an edit the person just made, and check roles themselves where
 * it matters) and functions whose contract is role 'any'.
 */
const OPEN_TO_EVERYONE: Record<string, string> = {
  onOpen: 'simple trigger: builds the menu',
  onInstall: 'add-on install: builds the menu',
  onEdit: 'simple trigger: stamps the row the person just edited',
  whoAmI: 'the sidebar asks who is using it, to show a person with no role that they have none',
  doGet: 'the client answer page: anyone with a signed link (test/workflows/answers)',
  doPost: 'the client answer page: anyone with a signed link (test/workflows/answers)',
  submitClientAnswer: 'the client answer page: anyone with a signed link (test/workflows/answers)',
};

const STRANGER = 'stranger@elsewhere.example';

/** The top-level functions of dist/Code.js, as the build declares them. */
function bundleExports(): string[] {
  const code = fs.readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');
  return [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]).sort();
}

/** Everything a refused call must leave as it was. */
function state(hub: Hub): string {
  return JSON.stringify({
    hub: hub.snapshot(),
    others: hub.emu.sheets.all().map((b) => b.id),
    outbox: hub.emu.mail.outbox.length,
    triggers: hub.emu.triggers.list().map((t) => t.uid),
    documentProperties: hub.emu.properties.get('document'),
  });
}

describe('Roles in practice', () => {
  let hub: Hub;
  beforeAll(() => {
    hub = newHub({ clients: 8 });
  });

  const exported = bundleExports();

  it('the list of exceptions names only functions the bundle exports', () => {
    expect(exported.length).toBeGreaterThan(10);
    for (const name of Object.keys(OPEN_TO_EVERYONE)) expect(exported).toContain(name);
  });

  it.each(exported.filter((name) => !(name in OPEN_TO_EVERYONE)))(
    '%s refuses a person with no role and changes nothing',
    (name) => {
      const before = state(hub);
      let message = '';
      try {
        hub.callAs(STRANGER, name);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(
        /needs a (transition manager \(Admin Emails\)|CSR or transition manager \(CSR Emails or Admin Emails\)) in Settings; stranger@elsewhere\.example is not listed/,
      );
      expect(state(hub)).toBe(before);
    },
  );

  it('a person Google does not name is refused too, with a message saying so', () => {
    const before = state(hub);
    expect(() => hub.callAs('', 'importRoster', 'Client ID,First Name,Last Name\r\n1,A,B\r\n')).toThrow(
      /did not tell the add-on who you are/,
    );
    expect(state(hub)).toBe(before);
  });

  it('on a workbook whose admins were removed, a role-checked function says to run set-up first', () => {
    const fresh = newHub({ setUp: false, clients: 0 });
    fresh.callAs(fresh.admin, 'setUpWorkbook');
    fresh.byHand((ss) => {
      const settings = ss.getSheetByName('Settings')!;
      const names = settings
        .getRange(1, 1, settings.getLastRow(), 1)
        .getValues()
        .map((r) => r[0]);
      settings.getRange(names.indexOf('Admin Emails') + 1, 2).setValue('');
    });
    const before = state(fresh);
    expect(() => fresh.callAs(fresh.csr, 'previewImport', 'x')).toThrow(/has no admin yet.*Set up workbook/);
    expect(state(fresh)).toBe(before);
  });
});

describe('A CSR', () => {
  let hub: Hub;
  beforeAll(() => {
    hub = newHub({ clients: 8 });
  });

  it.each([
    'setUpWorkbook',
    'setUpWorkbookFromMenu',
    'importRoster',
    'previewImport',
    'getImportMapping',
    'showImportPanel',
  ])('is refused %s, which needs a transition manager', (name) => {
    const before = state(hub);
    expect(() => hub.callAs(hub.csr, name)).toThrow(/needs a transition manager \(Admin Emails\)/);
    expect(state(hub)).toBe(before);
  });

  it('may open the sidebar', () => {
    expect(() => hub.callAs(hub.csr, 'showSidebar')).not.toThrow();
  });
});
