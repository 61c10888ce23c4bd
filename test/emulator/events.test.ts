/**
 * People at the spreadsheet: opening it (simple onOpen), clicking menu items,
 * typing into cells (simple and installable onEdit), and what simple triggers
 * may not do (developers.google.com/apps-script/guides/triggers#restrictions,
 * event objects: developers.google.com/apps-script/guides/triggers/events).
 */
import { NO_ITEM } from '../../dev/emulator/drive';
import { fixtureRunner } from './helpers';

function hub(opts: Parameters<typeof fixtureRunner>[0] = {}) {
  const f = fixtureRunner(opts);
  const ss = f.emu.sheets.create('Hub', { owner: f.emu.users.owner });
  ss.editors.push('csr@practice.example', 'outside@elsewhere.org');
  f.emu.sheets.setActive(ss.id);
  f.emu.sheets.seed(ss.id, 'Data', [
    ['Ref', 'Status'],
    ['R-000001', 'New'],
  ]);
  return { ...f, id: ss.id };
}
const prop = (emu: ReturnType<typeof hub>['emu'], key: string) =>
  JSON.parse((emu.properties.get('script') as Record<string, string>)[key]);

describe('opening the spreadsheet and its menus', () => {
  it('runs the simple onOpen in AuthMode.LIMITED with the event user', () => {
    const { emu, runner } = hub();
    const r = runner.open({ user: 'csr@practice.example' });
    expect(r.ok).toBe(true);
    expect(emu.properties.get('script')).toMatchObject({ openedBy: 'csr@practice.example', openMode: 'LIMITED' });
  });

  it('clicks a menu item onOpen built, by its captions, as the person at the keyboard', () => {
    const { emu, runner } = hub();
    runner.open();
    emu.users.setActive('csr@practice.example');
    expect(runner.clickMenu('Fixture', 'Say hi').result).toBe('hi');
    expect(emu.properties.get('script')).toMatchObject({ hi: 'csr@practice.example' });
    expect(runner.clickMenu('Fixture', 'More', 'Deeper').result).toBe('deep');
  });

  it('names the menus it has when a caption is wrong', () => {
    const { runner } = hub();
    runner.open();
    expect(() => runner.clickMenu('Fixture', 'Say bye')).toThrow(
      /No menu item Fixture ▸ Say bye\. Menus: Fixture ▸ \[Say hi, More ▸ \[Deeper\]\]/,
    );
  });
});

describe('typing into a cell', () => {
  it('applies the edit, then runs the simple onEdit in AuthMode.LIMITED with value, oldValue, range and user', () => {
    const { emu, runner, id } = hub();
    const results = runner.edit('Data', 'B2', 'Contacting', { user: 'csr@practice.example' });
    expect(results.map((r) => [r.fn, r.ok])).toEqual([['onEdit', true]]);
    expect(emu.sheets.peek(id, 'Data').values[1][1]).toBe('Contacting');
    expect(prop(emu, 'simpleEdit')).toEqual({
      mode: 'LIMITED',
      user: 'csr@practice.example',
      value: 'Contacting',
      oldValue: 'New',
      a1: 'B2',
      mail: 'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
      hasTriggerUid: false,
    });
  });

  it("hides the editor's email from a simple onEdit when they are outside the owner's domain", () => {
    const { emu, runner } = hub();
    runner.edit('Data', 'B2', 'Reached', { user: 'outside@elsewhere.org' });
    expect(prop(emu, 'simpleEdit').user).toBe('');
  });

  it('then runs each installable onEdit trigger as its owner, in AuthMode.FULL, with the trigger id', () => {
    const { emu, runner } = hub();
    const uid = runner.call<string>('installEditTrigger');
    const results = runner.edit('Data', 'B2', 'Reached', { user: 'csr@practice.example' });
    expect(results.map((r) => r.fn)).toEqual(['onEdit', 'onEditInstalled']);
    expect(prop(emu, 'installedEdit')).toEqual({
      mode: 'FULL',
      user: 'csr@practice.example',
      value: 'Reached',
      triggerUid: uid,
      effective: emu.users.owner,
    });
  });

  it('runs nothing when the person may not edit the file, and says why', () => {
    const { emu, runner, id } = hub();
    const results = runner.edit('Data', 'B2', 'Reached', { user: 'stranger@elsewhere.org' });
    expect(results).toHaveLength(0);
    expect(results.rejected).toMatch(/permission/);
    expect(emu.sheets.peek(id, 'Data').values[1][1]).toBe('New');
  });
});

describe('simple-trigger restrictions', () => {
  it('refuses services that need authorization with the platform text, and allows properties', () => {
    const { emu, runner } = hub();
    const out = runner.run('restrictedCalls', [], { authMode: 'LIMITED', user: 'outside@elsewhere.org' })
      .result as Record<string, string>;
    const denied = (what: string, scope: string) =>
      `You do not have permission to call ${what}. Required permissions: ${scope}`;
    expect(out).toEqual({
      mail: denied('MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail'),
      quota: denied('MailApp.getRemainingDailyQuota', 'https://www.googleapis.com/auth/script.send_mail'),
      gmail: denied('GmailApp.sendEmail', 'https://mail.google.com/'),
      trigger: denied('ScriptApp.newTrigger', 'https://www.googleapis.com/auth/script.scriptapp'),
      drive: denied('DriveApp.getFileById', 'https://www.googleapis.com/auth/drive'),
      open: denied('SpreadsheetApp.openById', 'https://www.googleapis.com/auth/spreadsheets'),
      properties: 'allowed',
      activeUser: '',
    });
    expect(emu.mail.outbox).toEqual([]);
  });

  it('allows the same calls when the user runs the code (AuthMode.FULL)', () => {
    const { runner } = hub();
    const out = runner.run('restrictedCalls', [], { user: 'csr@practice.example' }).result as Record<string, string>;
    expect(out.mail).toBe('allowed');
    expect(out.trigger).toBe('allowed');
  });

  it('gives a time-driven trigger no UI', () => {
    const { runner } = hub();
    runner.call('installAlertTrigger');
    const [r] = runner.advanceClock(5000, { fireTriggers: true });
    expect(r.error).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('DriveApp (minimal)', () => {
  it('opens an emulated spreadsheet as a file and shares it', () => {
    const { emu, runner, id } = hub();
    expect(runner.call('driveFacts', id)).toEqual({
      name: 'Hub',
      url: `https://docs.google.com/spreadsheets/d/${id}/edit`,
      owner: emu.users.owner,
      editors: ['csr@practice.example', 'outside@elsewhere.org', 'therapist@practice.example'],
    });
    expect(emu.sheets.get(id)!.editors).toContain('therapist@practice.example');
    expect(runner.call('driveRemove', id, 'therapist@practice.example')).toBe(2);
  });

  it('refuses an unknown file, and a file the user cannot open, with the platform text', () => {
    const { runner, id } = hub();
    expect(runner.run('driveFacts', ['nope']).error).toBe(NO_ITEM);
    expect(runner.run('driveFacts', [id], { user: 'stranger@elsewhere.org' }).error).toBe(NO_ITEM);
  });
});
