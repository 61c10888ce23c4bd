/**
 * The whole emulator state round-trips through JSON, so the playground can
 * keep its workbook between runs: spreadsheets, outbox, triggers, properties,
 * cache, clock, users, quota, locks held elsewhere.
 */
import path from 'node:path';
import { loadEmulator } from '../../dev/emulator/index';
import { Runner } from '../../dev/emulator/runner';
import { FIXTURES, fixtureRunner, type Globals } from './helpers';

function busyEmulator() {
  const { emu, runner } = fixtureRunner({ mailQuota: 50, now: '2026-03-02T14:00:00Z' });
  const ss = emu.sheets.create('Hub');
  emu.sheets.setActive(ss.id);
  emu.sheets.seed(ss.id, 'Data', [
    ['Ref', 'Last Day'],
    ['R-000001', '2026-03-20'],
  ]);
  runner.call('sendOne', 'client@example.org', 'Notice');
  runner.call('installDaily', 2);
  runner.call('rememberEvent', { kind: 'manual' });
  const g = emu.globals() as Globals;
  g.CacheService.getScriptCache().put('digest', 'sent', 600);
  g.Utilities.getUuid();
  emu.locks.holdElsewhere('script');
  emu.users.setActive('csr@practice.example');
  emu.kernel.advance(60_000);
  return { emu, id: ss.id };
}

describe('save and load', () => {
  it('round-trips: a loaded emulator saves to the same JSON', () => {
    const { emu } = busyEmulator();
    const json = emu.save();
    expect(loadEmulator(json).save()).toBe(json);
  });

  it('brings back the spreadsheets, outbox, quota, properties, clock and users', () => {
    const { emu, id } = busyEmulator();
    const back = loadEmulator(emu.save());
    expect(back.sheets.peek(id, 'Data')).toEqual(emu.sheets.peek(id, 'Data'));
    expect(back.sheets.activeId()).toBe(id);
    expect(back.mail.outbox).toEqual(emu.mail.outbox);
    expect(back.mail.remaining()).toBe(49);
    expect(back.properties.get('script')).toEqual(emu.properties.get('script'));
    expect(back.kernel.now()).toBe(emu.kernel.now());
    expect([back.users.owner, back.users.active, back.users.effective]).toEqual([
      emu.users.owner,
      'csr@practice.example',
      emu.users.owner,
    ]);
  });

  it('keeps counting on: cache expiry, trigger schedule, lock held elsewhere, uuid sequence', () => {
    const { emu } = busyEmulator();
    const back = loadEmulator(emu.save());
    const g = back.globals() as Globals;
    const original = emu.globals() as Globals;
    expect(g.CacheService.getScriptCache().get('digest')).toBe('sent');
    expect(g.Utilities.getUuid()).toBe(original.Utilities.getUuid());
    expect(g.LockService.getScriptLock().tryLock(0)).toBe(false);
    back.kernel.advance(600_000);
    expect(g.CacheService.getScriptCache().get('digest')).toBeNull();
    const runner = new Runner(back, { distDir: path.join(FIXTURES, 'dist-basic') });
    const runs = runner.advanceClock('2026-03-03T08:00:00Z', { fireTriggers: true });
    expect(runs).toHaveLength(1);
    expect(back.properties.get('script')!.runs).toBe('2');
  });

  it('refuses JSON of another version', () => {
    expect(() => loadEmulator(JSON.stringify({ version: 2 }))).toThrow(/version 2/);
  });
});
