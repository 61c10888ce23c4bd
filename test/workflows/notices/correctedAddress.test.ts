/**
 * A notice that failed for a bad address flags its case; once the address is
 * corrected and the notice goes out, the case no longer carries that failure
 * (nor does the panel count it as waiting for a person), while every other
 * reason in its Flag stays.
 */
import { D1, departureHub, ok, run, START } from '../../support/departure';
import { setCellByHand, type Hub } from '../../support/hub';
// The Flag helpers are plain functions of text: tested on the sources too.
import { removeFailures } from '../../../src/server/workflows/shared/email/flags';

describe('a notice sent after its address was corrected', () => {
  let hub: Hub;
  let ref: string;
  let clientId: string;
  const flagOf = (): string => String(hub.rows('Reassignments').find((c) => c.Ref === ref)!.Flag);

  beforeAll(() => {
    hub = departureHub().hub;
    ok(run(hub, 'startDeparture', START));
    const first = hub.rows('Reassignments').find((c) => {
      const client = hub.rows('Clients').find((k) => String(k['Client ID']) === String(c['Client ID']));
      return client && String(client.Email).includes('@') && client['Email OK'] !== false;
    })!;
    ref = String(first.Ref);
    clientId = String(first['Client ID']);
    setCellByHand(hub, 'Clients', { header: 'Client ID', value: clientId }, 'Email', 'broken-address');
    ok(run(hub, 'sendDepartureNotices', D1, {}));
  });

  it('flags the case while the address is bad', () => {
    expect(flagOf()).toContain('Bad email address "broken-address": DEPARTURE_NOTICE not sent');
  });

  it('drops that failure from the Flag once the notice has gone, keeping other reasons', () => {
    setCellByHand(
      hub,
      'Reassignments',
      { header: 'Ref', value: ref },
      'Flag',
      `${flagOf()}; Phone changed in the therapist's sheet: review`,
    );
    setCellByHand(hub, 'Clients', { header: 'Client ID', value: clientId }, 'Email', 'fixed.address@mail.example.org');
    const before = hub.emu.mail.outbox.length;
    ok(run(hub, 'sendDepartureNotices', D1, {}));
    expect(hub.emu.mail.outbox.slice(before).map((m) => m.to)).toContain('fixed.address@mail.example.org');
    expect(hub.rows('Reassignments').find((c) => c.Ref === ref)!['Notice Sent']).not.toBe('');
    expect(flagOf()).toBe("Phone changed in the therapist's sheet: review");
  });
});

describe('which reasons leave a Flag once an email has gone', () => {
  it.each([
    'Bad email address "x@": DEPARTURE_NOTICE not sent',
    'DEPARTURE_NOTICE email failed: Invalid email: x@',
    'No email address: DEPARTURE_NOTICE not sent, call instead',
    'Email OK is FALSE: DEPARTURE_NOTICE not emailed, call the client instead',
    'DEPARTURE_NOTICE not sent: it shares one email with a case already emailed or unconfirmed, so send it on its own',
    'Client 00042 is not on the Clients tab: DEPARTURE_NOTICE not sent, fix the Client ID',
  ])('drops "%s"', (reason) => {
    expect(removeFailures(`Overdue 2 days; ${reason}; Needs preference`, 'DEPARTURE_NOTICE')).toBe(
      'Overdue 2 days; Needs preference',
    );
  });

  it("keeps another template's failure and a person's note", () => {
    const flag = 'CONTACT_FOLLOWUP email failed: bounce; Check the new phone number';
    expect(removeFailures(flag, 'DEPARTURE_NOTICE')).toBe(flag);
  });
});
