/**
 * LockService contract (developers.google.com/apps-script/reference/lock/lock):
 * tryLock gives up after its timeout, waitLock throws the platform text, and a
 * lock never outlives the execution that took it.
 */
import { LOCK_TIMEOUT } from '../../dev/emulator/lock';
import { emulator, fixtureRunner, thrown } from './helpers';
import { expectProbePasses } from './probes';

describe('LockService', () => {
  it('has a document lock in a document, which a script takes and releases, as the live probe asserts', () => {
    expectProbePasses('the document lock');
  });

  it('tryLock returns false once its timeout has passed on the virtual clock when another execution holds the lock', () => {
    const { emu, runner } = fixtureRunner();
    emu.locks.holdElsewhere('script');
    const r = runner.run('tryDocumentLock', [5000]);
    expect(r.result).toEqual({ got: false, has: false });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(5000);
  });

  it('waitLock throws "Lock timeout: another process was holding the lock for too long."', () => {
    const { emu, runner } = fixtureRunner();
    emu.locks.holdElsewhere('script');
    const r = runner.run('waitScriptLock', [3000]);
    expect(r.ok).toBe(false);
    expect(r.error).toBe(LOCK_TIMEOUT);
    expect(LOCK_TIMEOUT).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  it('takes the lock once the other execution lets go within the wait', () => {
    const { emu, runner } = fixtureRunner();
    emu.locks.holdElsewhere('script', { forMs: 2000 });
    const r = runner.run('tryDocumentLock', [10000]);
    expect(r.result).toEqual({ got: true, has: true });
    expect(r.elapsedMs).toBeLessThan(10000);
  });

  it('takes the lock after release()', () => {
    const { emu, runner } = fixtureRunner();
    emu.locks.holdElsewhere('script');
    emu.locks.release('script');
    expect(runner.call('tryDocumentLock', 0)).toEqual({ got: true, has: true });
  });

  it('releases every lock when the execution ends, even one the script never released', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('holdScriptLock')).toBe('held until the end of the execution');
    expect(runner.call('tryDocumentLock', 0)).toEqual({ got: true, has: true });
  });

  it('releases the locks of a killed execution', () => {
    const { emu, runner } = fixtureRunner();
    emu.kernel.injectFault({ method: 'Lock.hasLock', nth: 1, kind: 'kill-before' });
    expect(runner.run('tryDocumentLock', [0]).killed).toBeDefined();
    expect(runner.call('tryDocumentLock', 0)).toEqual({ got: true, has: true });
  });

  it('keeps user locks apart per user', () => {
    const { emu, g } = emulator();
    emu.locks.holdElsewhere('user', { subject: 'csr@practice.example' });
    expect(g.LockService.getUserLock().tryLock(0)).toBe(true);
    emu.users.setActive('csr@practice.example');
    expect(g.LockService.getUserLock().tryLock(0)).toBe(false);
  });

  it('has no document lock when no document is open', () => {
    const { emu, g } = emulator();
    expect(emu.sheets.activeId()).toBeNull();
    expect(g.LockService.getDocumentLock()).toBeNull();
  });

  it('refuses a negative timeout', () => {
    const { g } = emulator();
    expect(thrown(() => g.LockService.getScriptLock().tryLock(-1))).toBe('Invalid argument: timeoutInMillis');
  });
});
