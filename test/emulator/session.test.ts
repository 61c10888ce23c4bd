/**
 * Session contract (developers.google.com/apps-script/reference/base/session,
 * developers.google.com/apps-script/reference/base/user#getEmail): the email is
 * blank where the user has not authorized the code, unless they share the
 * owner's Workspace domain or are the owner.
 */
import { emulator, fixtureRunner } from './helpers';
import { expectProbePasses } from './probes';

describe('Session', () => {
  it('shows the person running the code as the active and the effective user alike, as the live probe asserts', () => {
    expectProbePasses('who is running');
  });

  it('shows a consumer account running the code to itself', () => {
    const { runner } = fixtureRunner();
    expect(runner.run('whoAmI', [], { user: 'csr@gmail.com' }).result).toEqual({
      active: 'csr@gmail.com',
      effective: 'csr@gmail.com',
    });
  });

  it('hides the active user in a simple trigger (AuthMode.LIMITED) from outside the owner domain', () => {
    const { runner } = fixtureRunner();
    expect(runner.run('whoAmI', [], { user: 'someone@elsewhere.org', authMode: 'LIMITED' }).result).toMatchObject({
      active: '',
    });
    expect(runner.run('whoAmI', [], { user: 'someone@gmail.com', authMode: 'LIMITED' }).result).toMatchObject({
      active: '',
    });
  });

  it('shows the active user in a simple trigger to the owner and to people of the same Workspace domain', () => {
    const { emu, runner } = fixtureRunner();
    expect(runner.run('whoAmI', [], { user: emu.users.owner, authMode: 'LIMITED' }).result).toMatchObject({
      active: emu.users.owner,
    });
    expect(runner.run('whoAmI', [], { user: 'csr@practice.example', authMode: 'LIMITED' }).result).toMatchObject({
      active: 'csr@practice.example',
    });
  });

  it('does not treat two consumer accounts as one domain', () => {
    const { runner } = fixtureRunner({ users: { owner: 'owner@gmail.com' } });
    expect(runner.run('whoAmI', [], { user: 'other@gmail.com', authMode: 'LIMITED' }).result).toMatchObject({
      active: '',
    });
  });

  it('answers the script time zone, a locale and a temporary key stable per user', () => {
    const { g, emu } = emulator({ scriptTimeZone: 'Europe/London', locale: 'en_GB' });
    expect(g.Session.getScriptTimeZone()).toBe('Europe/London');
    expect(g.Session.getActiveUserLocale()).toBe('en_GB');
    const k1 = g.Session.getTemporaryActiveUserKey();
    expect(g.Session.getTemporaryActiveUserKey()).toBe(k1);
    emu.users.setActive('csr@practice.example');
    expect(g.Session.getTemporaryActiveUserKey()).not.toBe(k1);
  });
});
