/**
 * Saving a new Nightly Hour from the Settings panel moves the caller's
 * nightly run to that hour (the trigger is what runs, not the setting), and
 * leaves it off when it was off.
 */
import { newHub, type Hub } from '../../support/hub';

const nightly = (hub: Hub) => hub.emu.triggers.list().filter((t) => t.handler === 'runNightly');

describe('saving the Nightly Hour', () => {
  it('moves a nightly run that is on to the new hour, still one trigger', () => {
    const hub = newHub({ clients: 5, clinicians: 2 });
    hub.call('installNightlyTrigger');
    const r = hub.call<{ saved: string[] }>('saveSettings', { 'Nightly Hour': '5' });
    expect(r.saved).toEqual(['Nightly Hour']);
    expect(nightly(hub).map((t) => (t.schedule as { hour: number }).hour)).toEqual([5]);
    expect(hub.call<{ hour: number; on: boolean }>('getNightlyState')).toMatchObject({ on: true, hour: 5 });
  });

  it('turns nothing on when the nightly run is off', () => {
    const hub = newHub({ clients: 5, clinicians: 2 });
    hub.call('saveSettings', { 'Nightly Hour': '4' });
    expect(nightly(hub)).toHaveLength(0);
  });
});
