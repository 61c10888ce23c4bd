/**
 * A therapist's corrected email and phone are flagged on the case for review
 * (sync never writes them to Clients blindly). The review is the CSR
 * confirming them with the client and saving them (updateClientContact with
 * the case's Ref): once the Clients tab holds what she proposed, the flag is
 * settled; until then it stays.
 */
import { D1, departureHub, fileAt, ok, run, sheetRecords, START, therapistTypes } from '../../support/departure';
import type { Hub } from '../../support/hub';

const text = (v: unknown): string => String(v ?? '').trim();
const PROPOSED = 'Contact change proposed by therapist';

describe("settling a therapist's proposed contact change", () => {
  let hub: Hub;
  let ref = '';
  let clientId = '';
  const flag = (): string => text(hub.rows('Reassignments').find((c) => c.Ref === ref)?.Flag);

  beforeAll(() => {
    ({ hub } = departureHub());
    ok(run(hub, 'startDeparture', START));
    const fileId = fileAt(hub.emu, ok<{ url: string }>(run(hub, 'shareDepartureSheet', D1)).url);
    const row = sheetRecords(hub.emu, fileId)[0];
    ref = row.Ref;
    clientId = text(hub.rows('Reassignments').find((c) => c.Ref === ref)?.['Client ID']);
    for (const [header, value] of [
      ['Email', 'proposed.address@mail.example.org'],
      ['Phone', '555-099-0000'],
    ]) {
      const edit = therapistTypes(hub.emu, fileId, header, Number(row.row), value);
      expect(edit.rejected).toBeUndefined();
    }
    expect(ok<{ flagged: number }>(run(hub, 'syncDepartureSheet', D1)).flagged).toBe(1);
  });

  it('stays while the CSR saves contact details without naming the case', () => {
    hub.callAs(hub.csr, 'updateClientContact', clientId, {
      email: 'proposed.address@mail.example.org',
      phone: '555-099-0000',
    });
    expect(flag()).toContain(PROPOSED);
  });

  it("stays when the Ref given is another client's case", () => {
    const other = hub.rows('Clients').find((c) => text(c['Client ID']) !== clientId && text(c.Status) === 'Active')!;
    hub.callAs(hub.csr, 'updateClientContact', text(other['Client ID']), { phone: '555-010-2222', ref });
    expect(flag()).toContain(PROPOSED);
  });

  it('stays while only part of the proposal is on the Clients tab', () => {
    hub.callAs(hub.csr, 'updateClientContact', clientId, { phone: '555-010-1111' });
    hub.callAs(hub.csr, 'updateClientContact', clientId, { email: 'proposed.address@mail.example.org', ref });
    expect(flag()).toContain(PROPOSED);
  });

  it('is settled once the Clients tab holds both, confirmed on the case (its Ref typed in any case), and nothing else leaves the Flag', () => {
    const others = flag()
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '' && !s.startsWith(PROPOSED) && !/^(Email|Phone) → /.test(s));
    const r = hub.callAs<{ changed: string[] }>(hub.csr, 'updateClientContact', clientId, {
      phone: '555-099-0000',
      ref: ` ${ref.toLowerCase()} `,
    });
    expect(r.changed).toEqual(['Phone']);
    expect(flag()).not.toContain(PROPOSED);
    expect(flag()).not.toContain('→');
    expect(
      flag()
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    ).toEqual(others);
    const client = hub.rows('Clients').find((c) => text(c['Client ID']) === clientId)!;
    expect([client.Email, client.Phone]).toEqual(['proposed.address@mail.example.org', '555-099-0000']);
  });
});
