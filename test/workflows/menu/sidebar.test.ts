/**
 * What the sidebar asks when it opens (whoAmI): who is using it and which
 * panel a menu item asked for. The request is taken once, and only by the
 * person whose menu click made it.
 */
import { newHub, type Hub } from '../../support/hub';

interface Start {
  email: string;
  roles: string[];
  practiceName: string;
  panel: string | null;
  params: Record<string, string>;
}

describe('opening the sidebar', () => {
  let hub: Hub;
  beforeEach(() => {
    hub = newHub({ clients: 3 });
  });

  it("tells a transition manager their roles and opens on the role's default panel when no item asked for one", () => {
    const me = hub.call<Start>('whoAmI');
    expect(me).toMatchObject({ email: hub.admin, roles: ['admin', 'csr'], panel: null, params: {} });
  });

  it('tells a CSR they are a CSR, and someone unlisted that they have no role, without refusing', () => {
    expect(hub.callAs<Start>(hub.csr, 'whoAmI').roles).toEqual(['csr']);
    const stranger = `visitor@${hub.admin.split('@')[1]}`;
    expect(hub.callAs<Start>(stranger, 'whoAmI')).toMatchObject({ email: stranger, roles: [] });
  });

  it('opens on the panel a menu item asked for, once', () => {
    const r = hub.runner.run('showImportPanel', [], { user: hub.admin });
    expect(r.ok).toBe(true);
    expect(hub.emu.sheets.ui.sidebar?.html).toContain('id="panel"');
    expect(hub.call<Start>('whoAmI').panel).toBe('import');
    expect(hub.call<Start>('whoAmI').panel).toBeNull();
  });

  it("keeps one person's panel request from another person's sidebar", () => {
    hub.runner.run('showImportPanel', [], { user: hub.admin });
    expect(hub.callAs<Start>(hub.csr, 'whoAmI').panel).toBeNull();
    expect(hub.call<Start>('whoAmI').panel).toBe('import');
  });

  it('writes nothing to the workbook', () => {
    const before = hub.snapshot();
    hub.call('whoAmI');
    expect(hub.snapshot()).toBe(before);
  });
});
