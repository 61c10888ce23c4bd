/**
 * PropertiesService contract (developers.google.com/apps-script/reference/properties/properties,
 * limits: developers.google.com/apps-script/guides/services/quotas — 9 KB per value, 500 KB per store).
 */
import { STORE_FULL } from '../../dev/emulator/properties';
import { emulator, fixtureRunner, thrown } from './helpers';
import { expectProbePasses } from './probes';

describe('PropertiesService', () => {
  it("stores, returns and deletes a value in the document's, the user's and the script's properties, as the live probes assert", () => {
    expectProbePasses('document properties');
    expectProbePasses('user and script properties');
  });

  it('stores every value as a string', () => {
    const { g } = emulator();
    const p = g.PropertiesService.getScriptProperties();
    p.setProperty('n', 42).setProperty('b', true);
    expect(p.getProperty('n')).toBe('42');
    expect(p.getProperties()).toEqual({ n: '42', b: 'true' });
    expect(p.getProperty('missing')).toBeNull();
  });

  it('refuses a value over 9 KB with "Argument too large: value" and keeps the old one', () => {
    const { g } = emulator();
    const p = g.PropertiesService.getScriptProperties();
    p.setProperty('k', 'old');
    p.setProperty('edge', 'x'.repeat(9 * 1024));
    expect(thrown(() => p.setProperty('k', 'x'.repeat(9 * 1024 + 1)))).toBe('Argument too large: value');
    expect(thrown(() => p.setProperty('k', 'é'.repeat(4700)))).toBe('Argument too large: value');
    expect(p.getProperty('k')).toBe('old');
  });

  it('refuses to grow a store past 500 KB with the platform text, writing none of the batch', () => {
    const { g } = emulator();
    const p = g.PropertiesService.getScriptProperties();
    for (let i = 0; i < 55; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(thrown(() => p.setProperties({ a: 'x'.repeat(9000), b: 'x'.repeat(9000) }))).toBe(STORE_FULL);
    expect(STORE_FULL).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(p.getProperty('a')).toBeNull();
    expect(p.getKeys()).toHaveLength(55);
  });

  it('setProperties with deleteAllOthers replaces the store', () => {
    const { g } = emulator();
    const p = g.PropertiesService.getScriptProperties();
    p.setProperties({ a: '1', b: '2' });
    p.setProperties({ c: '3' }, true);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.deleteProperty('c');
    p.setProperty('d', '4');
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  it('keeps user properties apart per user', () => {
    const { emu, g } = emulator();
    g.PropertiesService.getUserProperties().setProperty('pref', 'owner');
    emu.users.setActive('csr@practice.example');
    expect(g.PropertiesService.getUserProperties().getProperty('pref')).toBeNull();
    expect(emu.properties.get('user', emu.users.owner)).toEqual({ pref: 'owner' });
  });

  it('has no document properties when no document is open', () => {
    const { g } = emulator();
    expect(g.PropertiesService.getDocumentProperties()).toBeNull();
  });

  it('keeps what a killed execution wrote: property writes are not rolled back', () => {
    const { emu, runner } = fixtureRunner();
    const r = runner.run('setThenSleepForever', ['cursor', 'row 40']);
    expect(r.killed).toBe('Exceeded maximum execution time');
    expect(emu.properties.get('script')).toEqual({ cursor: 'row 40' });
  });
});
