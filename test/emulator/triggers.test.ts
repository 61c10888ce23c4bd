/**
 * ScriptApp and installable triggers (developers.google.com/apps-script/reference/script/script-app,
 * developers.google.com/apps-script/guides/triggers/installable,
 * event objects: developers.google.com/apps-script/guides/triggers/events#time-driven_events).
 */
import { TOO_MANY_TRIGGERS } from '../../dev/emulator/triggers';
import { emulator, fixtureRunner, thrown } from './helpers';
import { expectProbePasses } from './probes';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const props = (emu: ReturnType<typeof fixtureRunner>['emu']) => emu.properties.get('script') as Record<string, string>;

describe('clock triggers', () => {
  it('a daily trigger at an hour first runs at the next such hour of the script time zone', () => {
    const { emu, runner } = fixtureRunner({ now: '2026-03-02T14:00:00Z' });
    const uid = runner.call<string>('installDaily', 2);
    const [t] = emu.triggers.list();
    expect(t).toMatchObject({
      uid,
      handler: 'rememberEvent',
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      owner: emu.users.owner,
    });
    expect(iso(t.nextRunMs)).toBe('2026-03-03T07:00:00.000Z');
  });

  it('fires as it comes due with a time-driven event object, and re-arms at the same wall-clock hour across the spring-forward change', () => {
    const { emu, runner } = fixtureRunner({ now: '2026-03-06T15:00:00Z' });
    const uid = runner.call<string>('installDaily', 2);
    const runs = runner.advanceClock('2026-03-10T12:00:00Z', { fireTriggers: true });
    expect(runs.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(props(emu).runs).toBe('4');
    const last = JSON.parse(props(emu).lastEvent);
    expect(last).toEqual({
      authMode: 'FULL',
      triggerUid: uid,
      year: 2026,
      month: 3,
      'day-of-month': 10,
      'day-of-week': 2,
      'week-of-year': 11,
      hour: 6,
      minute: 0,
      second: 0,
      timezone: 'UTC',
    });
    expect(iso(emu.triggers.list()[0].nextRunMs)).toBe('2026-03-11T06:00:00.000Z');
    expect(emu.kernel.now()).toBe(Date.parse('2026-03-10T12:00:00Z'));
  });

  // 2am EST on the 7th, 3am EDT on the 8th (2am does not exist that day), then 2am EDT.
  it('fires in the UTC hours that follow the local hour through the change', () => {
    const { emu, runner } = fixtureRunner({ now: '2026-03-06T15:00:00Z' });
    runner.call('installDaily', 2);
    const hours: number[] = [];
    for (let i = 0; i < 4; i++) {
      runner.advanceClock(emu.triggers.list()[0].nextRunMs! - emu.kernel.now(), { fireTriggers: true });
      hours.push(JSON.parse(props(emu).lastEvent).hour);
    }
    expect(hours).toEqual([7, 7, 6, 6]);
  });

  it('does not catch up runs missed while the clock jumped: one run, then the next occurrence after now', () => {
    const { emu, runner } = fixtureRunner({ now: '2026-03-02T14:00:00Z' });
    runner.call('installDaily', 2);
    emu.kernel.setNow(Date.parse('2026-03-06T12:00:00Z'));
    expect(emu.triggers.due()).toHaveLength(1);
    const runs = runner.fireDueTriggers();
    expect(runs).toHaveLength(1);
    expect(iso(emu.triggers.list()[0].nextRunMs)).toBe('2026-03-07T07:00:00.000Z');
    expect(runner.fireDueTriggers()).toHaveLength(0);
  });

  it('a one-off after() trigger fires once (and, when configured to drop fired one-offs, is gone)', () => {
    const { emu, runner } = fixtureRunner({ keepFiredOneOffTriggers: false });
    runner.call('installAfter', 60000);
    expect(runner.advanceClock(59000, { fireTriggers: true })).toHaveLength(0);
    expect(runner.advanceClock(120000, { fireTriggers: true })).toHaveLength(1);
    expect(emu.triggers.list()).toEqual([]);
    expect(props(emu).runs).toBe('1');
  });

  it('keeps fired one-offs listed (and counted toward the limit) until the script deletes them, by default', () => {
    const { emu, runner } = fixtureRunner();
    runner.call('installAfter', 1000);
    runner.advanceClock(5000, { fireTriggers: true });
    expect(emu.triggers.list()).toHaveLength(1);
    expect(emu.triggers.list()[0].nextRunMs).toBeNull();
    expect(runner.advanceClock(86400000, { fireTriggers: true })).toHaveLength(0);
    expect(runner.call<{ made: number }>('installMany', 25).made).toBe(19);
  });

  it('runs a clock trigger as the user who created it', () => {
    const { emu, runner } = fixtureRunner();
    runner.run('installWhoAmI', [1000], { user: 'csr@practice.example' });
    runner.advanceClock(2000, { fireTriggers: true });
    expect(JSON.parse(props(emu).triggerSaw)).toEqual({
      active: 'csr@practice.example',
      effective: 'csr@practice.example',
    });
  });

  it('refuses everyMinutes and everyHours values the platform does not offer', () => {
    const { g } = emulator();
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow(/1, 2, 4, 6, 8 or 12/);
    expect(() => g.ScriptApp.newTrigger('f').timeBased().atHour(24)).toThrow('Invalid argument: hour');
  });

  it('refuses to create a clock trigger without a schedule', () => {
    const { g } = emulator();
    expect(thrown(() => g.ScriptApp.newTrigger('f').timeBased().create())).toMatch(/no schedule/);
  });

  it('a weekly trigger runs on its weekday at its hour in the zone given', () => {
    const { emu, g } = emulator({ now: '2026-03-02T14:00:00Z' });
    g.ScriptApp.newTrigger('f')
      .timeBased()
      .onWeekDay(g.ScriptApp.WeekDay.FRIDAY)
      .atHour(8)
      .inTimezone('Europe/London')
      .create();
    expect(iso(emu.triggers.list()[0].nextRunMs)).toBe('2026-03-06T08:00:00.000Z');
  });
});

describe('the trigger list', () => {
  it('allows 20 triggers per user per script and refuses the 21st with the platform text', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('installMany', 25)).toEqual({ made: 20, error: TOO_MANY_TRIGGERS });
    expect(TOO_MANY_TRIGGERS).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    // The limit is per user.
    expect(runner.run('installMany', [1], { user: 'csr@practice.example' }).result).toEqual({ made: 1 });
  });

  it("getProjectTriggers lists only the running user's triggers, with their handler, type and source", () => {
    const { runner } = fixtureRunner();
    runner.call('installDaily', 2);
    runner.run('installAfter', [1000], { user: 'csr@practice.example' });
    expect(runner.call('listTriggers')).toEqual([
      { id: expect.any(String), handler: 'rememberEvent', type: 'CLOCK', source: 'CLOCK' },
    ]);
    expect(runner.run('listTriggers', [], { user: 'csr@practice.example' }).result).toHaveLength(1);
  });

  it('creates, lists and deletes a one-off trigger for the continuation of a long send, as the live probe asserts', () => {
    expectProbePasses('a one-off time-driven trigger');
  });

  it('deleteTrigger removes a trigger for good', () => {
    const { emu, runner } = fixtureRunner();
    runner.call('installDaily', 2);
    runner.call('installAfter', 1000);
    expect(runner.call('removeAllTriggers')).toBe(0);
    expect(emu.triggers.list()).toEqual([]);
    expect(runner.advanceClock(2 * 86400000, { fireTriggers: true })).toEqual([]);
  });

  it('answers the enums and the script id', () => {
    const { g, emu } = emulator({ scriptId: 'abc123' });
    expect(g.ScriptApp.getScriptId()).toBe('abc123');
    expect(g.ScriptApp.AuthMode.LIMITED).toBe('LIMITED');
    expect(g.ScriptApp.EventType.ON_EDIT).toBe('ON_EDIT');
    expect(g.ScriptApp.TriggerSource.SPREADSHEETS).toBe('SPREADSHEETS');
    expect(emu.triggers.due()).toEqual([]);
  });
});
