/**
 * The process reassigns in TherapyNotes too, and the roster import brings the
 * new clinician into the Clients tab. A case whose client the roster already
 * names with the new clinician is still completed: the previous clinician is
 * the one the case recorded, and they, the new one and management are told.
 */
import { setCellByHand, type Hub } from '../../support/hub';
import {
  complete,
  MANAGEMENT,
  only,
  openRequest,
  requestHub,
  sentTo,
  type CompleteResultLike,
} from '../../support/request';

const ANA = 'ana@clinic.example.com';
const GUS = 'gus@clinic.example.com';

describe('completing a case after the roster import already names the new clinician', () => {
  let hub: Hub;
  let ref: string;
  let result: CompleteResultLike;

  beforeAll(() => {
    hub = requestHub();
    ref = openRequest(hub, '00901');
    // The roster import already names the new clinician.
    setCellByHand(hub, 'Clients', { header: 'Client ID', value: '00901' }, 'Clinician', 'Ana Able');
    result = complete(hub, ref, { newClinician: 'Ana Able', nextSession: '2026-12-02T14:30' });
  });

  it('completes the case, from the clinician the case recorded', () => {
    expect(only(hub, 'Reassignments', 'Ref', ref)).toMatchObject({
      Status: 'Reassigned',
      'New Clinician': 'Ana Able',
      'Previous Clinician': 'Gus Current',
    });
    expect(only(hub, 'Clients', 'Client ID', '00901').Clinician).toBe('Ana Able');
    expect(result.alreadyComplete).toBe(false);
  });

  it('tells the new and the previous clinician, and asks management to remove the previous one', () => {
    expect(sentTo(hub)).toEqual({ [ANA]: 1, [GUS]: 1, [MANAGEMENT]: 1 });
    const removal = hub.emu.mail.outbox.find((m) => m.to === MANAGEMENT)!;
    expect(removal.subject).toContain('Gus Current');
    expect(removal.subject).not.toContain('Ana Able');
  });
});
