/**
 * The Settings panel's server side: getSettings shows the values in effect,
 * saveSettings checks every value first (writing nothing when any is wrong)
 * and writes only what changed, with one Log row naming the settings.
 */
import { newHub, type Hub } from '../../support/hub';

const setting = (hub: Hub, name: string): unknown => hub.rows('Settings').find((r) => r.Setting === name)?.Value;

describe('Settings panel', () => {
  let hub: Hub;
  beforeEach(() => {
    hub = newHub({ clients: 5 });
  });

  it('shows every setting with the value in effect, its description and the kind of control it needs', () => {
    const { settings } = hub.call<{ settings: { name: string; value: string; description: string; kind: string }[] }>(
      'getSettings',
    );
    const byName = new Map(settings.map((s) => [s.name, s]));
    expect(byName.get('Nightly Hour')).toMatchObject({ value: '2', kind: 'hour' });
    expect(byName.get('CSR Emails')).toMatchObject({ value: hub.csr, kind: 'emails' });
    expect(byName.get('Dry Run')).toMatchObject({ value: 'FALSE', kind: 'bool' });
    expect(byName.get('Holidays')?.kind).toBe('dates');
    expect(byName.get('Stale After')?.description).toMatch(/days without an update/);
  });

  it('is for admins only: a CSR can neither read nor save settings, and nothing changes', () => {
    const before = hub.snapshot();
    expect(() => hub.callAs(hub.csr, 'getSettings')).toThrow(/transition manager/);
    expect(() => hub.callAs(hub.csr, 'saveSettings', { 'Nightly Hour': '4' })).toThrow(/transition manager/);
    expect(hub.snapshot()).toBe(before);
  });

  it('saves the values that changed, typed, and writes one Log row naming them (not their values)', () => {
    const logBefore = hub.rows('Log').length;
    const r = hub.call<{ saved: string[] }>('saveSettings', {
      'Nightly Hour': '3',
      'Stale After': '10',
      'Dry Run': 'TRUE',
      Holidays: '12/25/2026, 2026-11-26',
      'CSR Emails': `${hub.csr}, Second.CSR@example.com`,
      'Practice Name': 'Our Practice',
    });
    expect(r.saved.sort()).toEqual(['CSR Emails', 'Dry Run', 'Holidays', 'Nightly Hour', 'Stale After']);
    expect(setting(hub, 'Nightly Hour')).toBe(3);
    expect(setting(hub, 'Stale After')).toBe(10);
    expect(setting(hub, 'Dry Run')).toBe(true);
    expect(setting(hub, 'Holidays')).toBe('2026-11-26, 2026-12-25');
    expect(setting(hub, 'CSR Emails')).toBe(`${hub.csr}, second.csr@example.com`);
    const log = hub.rows('Log');
    expect(log.length).toBe(logBefore + 1);
    expect(log[log.length - 1]).toMatchObject({ Action: 'Settings saved', User: hub.admin });
    expect(String(log[log.length - 1].Details)).toMatch(/Nightly Hour/);
    expect(String(log[log.length - 1].Details)).not.toMatch(/second\.csr/);
  });

  it('refuses every wrong value in one message and writes nothing', () => {
    const before = hub.snapshot();
    let message = '';
    try {
      hub.call('saveSettings', {
        'Nightly Hour': '24',
        'Call 1 Due': 'two',
        'CSR Emails': 'csr@@example.com',
        Holidays: '2026-12-25, someday',
        'Reply-To': 'front desk',
        'Dry Run': 'maybe',
        'Favourite Colour': 'blue',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Nightly Hour must be an hour of the day.*"24"/);
    expect(message).toMatch(/Call 1 Due must be a whole number of days.*"two"/);
    expect(message).toMatch(/CSR Emails: "csr@@example.com" is not an email address/);
    expect(message).toMatch(/Holidays: "someday" is not a date/);
    expect(message).toMatch(/Reply-To "front desk" is not an email address/);
    expect(message).toMatch(/Dry Run must be TRUE or FALSE/);
    expect(message).toMatch(/no setting called "Favourite Colour"/);
    expect(message).toMatch(/Nothing was changed/);
    expect(hub.snapshot()).toBe(before);
  });

  it('keeps at least one admin, and never lets admins remove themselves', () => {
    expect(() => hub.call('saveSettings', { 'Admin Emails': '' })).toThrow(/Admin Emails cannot be empty/);
    expect(() => hub.call('saveSettings', { 'Admin Emails': 'someone.else@example.com' })).toThrow(
      /must keep your own address/,
    );
    expect(
      hub.call<{ saved: string[] }>('saveSettings', { 'Admin Emails': `${hub.admin}, deputy@example.com` }).saved,
    ).toEqual(['Admin Emails']);
  });

  it('writes nothing, not even a Log row, when nothing changed', () => {
    const { settings } = hub.call<{ settings: { name: string; value: string }[] }>('getSettings');
    const before = hub.snapshot();
    const r = hub.call<{ saved: string[] }>('saveSettings', Object.fromEntries(settings.map((s) => [s.name, s.value])));
    expect(r.saved).toEqual([]);
    expect(hub.snapshot()).toBe(before);
  });

  it('keeps text a person typed exactly as text, even when it looks like a formula', () => {
    hub.call('saveSettings', {
      'Practice Name': '=HYPERLINK("http://example.invalid","x")',
      'Front Desk Phone': '+1 555 010 0100',
    });
    expect(setting(hub, 'Practice Name')).toBe('=HYPERLINK("http://example.invalid","x")');
    expect(setting(hub, 'Front Desk Phone')).toBe('+1 555 010 0100');
  });
});
