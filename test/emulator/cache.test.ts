/**
 * CacheService contract (developers.google.com/apps-script/reference/cache/cache):
 * expiry on the virtual clock, key and value limits.
 */
import { emulator, thrown } from './helpers';
import { expectProbePasses } from './probes';

describe('CacheService', () => {
  it("keeps and removes a value in the user's and the script's cache, as the live probe asserts", () => {
    expectProbePasses('user and script caches');
  });

  it('forgets a value once its expiration has passed on the virtual clock', () => {
    const { emu, g } = emulator();
    const c = g.CacheService.getScriptCache();
    c.put('k', 'v', 60);
    emu.kernel.advance(58_000);
    expect(c.get('k')).toBe('v');
    emu.kernel.advance(2_000);
    expect(c.get('k')).toBeNull();
  });

  it('keeps a value 10 minutes by default', () => {
    const { emu, g } = emulator();
    const c = g.CacheService.getScriptCache();
    c.put('k', 'v');
    emu.kernel.advance(599_000 - emu.kernel.latency.otherCallMs);
    expect(c.get('k')).toBe('v');
    emu.kernel.advance(1_000);
    expect(c.get('k')).toBeNull();
  });

  it('keeps a value at most 6 hours whatever expiration is asked', () => {
    const { emu, g } = emulator();
    const c = g.CacheService.getScriptCache();
    c.put('k', 'v', 100_000);
    emu.kernel.advance(21_600_000);
    expect(c.get('k')).toBeNull();
  });

  it('refuses a key over 250 characters and a value over 100 KB', () => {
    const { g } = emulator();
    const c = g.CacheService.getScriptCache();
    c.put('k'.repeat(250), 'ok');
    expect(thrown(() => c.put('k'.repeat(251), 'v'))).toBe('Argument too large: key');
    c.put('big', 'x'.repeat(100 * 1024));
    expect(thrown(() => c.put('big', 'x'.repeat(100 * 1024 + 1)))).toBe('Argument too large: value');
  });

  it('getAll returns only the keys found; removeAll and remove forget', () => {
    const { g } = emulator();
    const c = g.CacheService.getScriptCache();
    c.putAll({ a: '1', b: '2', c: '3' });
    expect(c.getAll(['a', 'b', 'z'])).toEqual({ a: '1', b: '2' });
    c.removeAll(['a', 'b']);
    c.remove('c');
    expect(c.getAll(['a', 'b', 'c'])).toEqual({});
  });

  it('keeps user caches apart per user', () => {
    const { emu, g } = emulator();
    g.CacheService.getUserCache().put('k', 'owner');
    emu.users.setActive('csr@practice.example');
    expect(g.CacheService.getUserCache().get('k')).toBeNull();
    expect(emu.cache.get('user', 'k', emu.users.owner)).toBe('owner');
  });
});
