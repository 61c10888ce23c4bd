/**
 * The two ways a practice deploys the add-on, as the emulator models them:
 * a script bound to the hub spreadsheet, and a published Editor add-on.
 * Add-on limits: developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions
 * ("one trigger of each type, per user, per document"; "only create triggers
 * for the file in which the add-on is used"; "time-driven triggers cannot run
 * more frequently than once per hour"), menus under Extensions only
 * (developers.google.com/workspace/add-ons/concepts/menus), no containing
 * document in a time-driven run (LockService.getDocumentLock "returns null
 * outside the context of a containing document":
 * developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()),
 * the installation source (developers.google.com/apps-script/reference/script/script-app#getInstallationSource()),
 * installable triggers run as their creator
 * (developers.google.com/apps-script/guides/triggers/installable#restrictions).
 */
import { loadEmulator, type Deployment } from '../../dev/emulator/index';
import { ADDON_HOURLY, ADDON_ONE_PER_TYPE, ADDON_OTHER_FILE } from '../../dev/emulator/triggers';
import { ADDON_TOP_MENU } from '../../dev/emulator/spreadsheet/ui';
import { fixtureRunner } from './helpers';

const ADMIN = 'admin@practice.example';
const OTHER_ADMIN = 'lee@practice.example';

function deployed(deployment: Deployment) {
  const { emu, runner } = fixtureRunner({ deployment, users: { owner: ADMIN }, now: '2026-03-02T14:00:00Z' });
  const hub = emu.sheets.create('Hub', { owner: ADMIN });
  hub.editors.push(OTHER_ADMIN);
  emu.sheets.setActive(hub.id);
  return { emu, runner, hubId: hub.id };
}
const context = (emu: ReturnType<typeof deployed>['emu']) =>
  JSON.parse((emu.properties.get('script') as Record<string, string>).context);
const fail = (r: { ok: boolean; error?: string }) => (r.ok ? 'ran' : r.error);

describe('a bound script', () => {
  it('adds its own menu to the menu bar, says it was not installed as an add-on, and keeps its spreadsheet in a time-driven run', () => {
    const { emu, runner, hubId } = deployed('bound');
    expect(runner.call('buildMenu', 'top')).toBe('built');
    expect(emu.sheets.ui.menus.map((m) => m.caption)).toEqual(['Handoff']);
    runner.call('installClock', 'hours', 1);
    const [fired] = runner.advanceClock(3600_000, { fireTriggers: true });
    expect(fired.ok).toBe(true);
    expect(context(emu)).toMatchObject({
      active: hubId,
      documentProperties: true,
      documentLock: true,
      documentCache: true,
      source: 'NONE',
    });
  });

  it('may hold several clock triggers, minute ones and one-offs included', () => {
    const { emu, runner } = deployed('bound');
    runner.call('installClock', 'days', 2);
    runner.call('installClock', 'minutes', 5);
    runner.call('installClock', 'after', 60_000);
    expect(emu.triggers.list()).toHaveLength(3);
  });
});

describe('a published Editor add-on', () => {
  it('puts its menu under Extensions: createAddonMenu works, a menu-bar menu is refused', () => {
    const { emu, runner } = deployed('addon');
    expect(fail(runner.run('buildMenu', ['top']))).toBe(ADDON_TOP_MENU);
    expect(runner.call('buildMenu', 'addon')).toBe('built');
    expect(emu.sheets.ui.menus).toEqual([
      { caption: null, addon: true, items: [{ kind: 'item', caption: 'Say hi', functionName: 'sayHi' }] },
    ]);
  });

  it('says how it was installed', () => {
    const { runner } = deployed('addon');
    expect(runner.call<{ source: string }>('rememberContext').source).toBe('APPS_MARKETPLACE_DOMAIN_ADD_ON');
  });

  it('holds one time-driven trigger per user per document, and refuses a second with its own message', () => {
    const { emu, runner } = deployed('addon');
    runner.call('installClock', 'hours', 1);
    expect(fail(runner.run('installClock', ['days', 2]))).toBe(ADDON_ONE_PER_TYPE);
    expect(emu.triggers.list()).toHaveLength(1);
    // Another user of the same spreadsheet has their own.
    expect(runner.run('installClock', ['hours', 1], { user: OTHER_ADMIN }).ok).toBe(true);
    // The same user in another document has their own too.
    const other = emu.sheets.create('Second practice', { owner: ADMIN });
    emu.sheets.setActive(other.id);
    expect(runner.run('installClock', ['hours', 1]).ok).toBe(true);
    expect(emu.triggers.list().map((t) => [t.owner, t.documentId])).toEqual([
      [ADMIN, expect.any(String)],
      [OTHER_ADMIN, expect.any(String)],
      [ADMIN, other.id],
    ]);
  });

  it('refuses a time-driven trigger more frequent than hourly, a one-off sooner than an hour included', () => {
    const { emu, runner } = deployed('addon');
    expect(fail(runner.run('installClock', ['minutes', 30]))).toBe(ADDON_HOURLY);
    expect(fail(runner.run('installClock', ['after', 60_000]))).toBe(ADDON_HOURLY);
    expect(emu.triggers.list()).toHaveLength(0);
    expect(runner.run('installClock', ['after', 3600_000]).ok).toBe(true);
  });

  it('creates event triggers only for the file it is used in, one of each type', () => {
    const { emu, runner, hubId } = deployed('addon');
    const elsewhere = emu.sheets.create('Therapist sheet', { owner: ADMIN });
    expect(fail(runner.run('installEditFor', [elsewhere.id]))).toBe(ADDON_OTHER_FILE);
    expect(runner.run('installEditFor', [hubId]).ok).toBe(true);
    expect(fail(runner.run('installEditFor', [hubId]))).toBe(ADDON_ONE_PER_TYPE);
    // A clock trigger is another type: allowed beside the edit trigger.
    expect(runner.run('installClock', ['hours', 1]).ok).toBe(true);
  });

  it('runs a time-driven trigger as its creator with no containing document: no active spreadsheet, document properties, lock or cache', () => {
    const { emu, runner, hubId } = deployed('addon');
    const uid = runner.run('installClock', ['hours', 1], { user: OTHER_ADMIN }).result;
    const [fired] = runner.advanceClock(3600_000, { fireTriggers: true });
    expect(fired.ok).toBe(true);
    expect(context(emu)).toEqual({
      active: null,
      documentProperties: false,
      documentLock: false,
      documentCache: false,
      source: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
      effective: OTHER_ADMIN,
      triggerUid: uid,
    });
    // The person's open spreadsheet is as it was once the run is over.
    expect(emu.sheets.activeId()).toBe(hubId);
  });

  it('has its document in a run from the sidebar or a menu', () => {
    const { emu, runner, hubId } = deployed('addon');
    runner.call('rememberContext');
    expect(context(emu)).toMatchObject({ active: hubId, documentProperties: true, documentLock: true });
  });

  it('opens in AuthMode.NONE until someone uses it in the document, LIMITED after (and remembers across a save)', () => {
    const { emu, runner, hubId } = deployed('addon');
    const openMode = () => {
      runner.open();
      return (emu.properties.get('script') as Record<string, string>).openMode;
    };
    expect(openMode()).toBe('NONE');
    runner.call('hello', 'x');
    expect(openMode()).toBe('LIMITED');
    const saved = loadEmulator(emu.save());
    expect(saved.deployment).toBe('addon');
    expect(saved.internal.env.enabledIn.has(hubId)).toBe(true);
  });
});

describe('either way', () => {
  it.each<Deployment>(['bound', 'addon'])(
    '%s: document properties belong to the containing document, whatever the script makes active',
    (deployment) => {
      const { emu, runner, hubId } = deployed(deployment);
      const other = emu.sheets.create('Other', { owner: ADMIN });
      expect(runner.call('setActiveThenRemember', other.id, 'k')).toBe(other.id);
      expect(emu.properties.get('document', hubId)).toEqual({ k: 'set' });
      expect(emu.properties.get('document', other.id)).toEqual({});
      expect(emu.sheets.activeId()).toBe(hubId);
    },
  );

  it('a saved state without a deployment loads as a bound script', () => {
    const { emu } = deployed('bound');
    const json = JSON.parse(emu.save());
    delete json.deployment;
    expect(loadEmulator(JSON.stringify(json)).deployment).toBe('bound');
  });
});
